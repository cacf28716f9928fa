"""Letter templates for printed letters: plain text with ``{{namespace.field}}`` placeholders.

This stands in for the outbox's template library until that is on main; then
``DocumentsService.letter`` should fill the outbox's templates instead and this module
and ``resources/letters/`` go. The bundled letters live in ``resources/letters/NAME.txt``;
the first time one is used an editable copy is put in the user's data folder
(``letters/``), and that copy
is what is read from then on, so an office can reword its letters without touching the
program. The first line may be ``Subject: ...``; the rest is the body (blank lines
separate paragraphs, ``- `` starts a bullet). The same rendered text goes into the printed
letter and the e-mail draft, so paper and e-mail say the same thing
(once both read the same files).

An unknown placeholder is an error naming it and the template, never a blank in a letter.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.resources import resource
from saypro_desktop.services.workspace import data_dir

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
TEMPLATE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")

Context = Mapping[str, Mapping[str, str | None]]


class TemplateError(ValidationError):
    """A template that cannot be filled in (unknown placeholder, broken braces)."""


@dataclass(frozen=True, slots=True)
class RenderedTemplate:
    name: str
    subject: str
    body: str


def bundled_dir() -> Path:
    return resource("letters")


def user_dir() -> Path:
    return data_dir() / "letters"


def template_names() -> list[str]:
    """Every template a person can choose (bundled or their own)."""
    names = {p.stem for p in bundled_dir().glob("*.txt")}
    folder = user_dir()
    if folder.is_dir():
        names |= {p.stem for p in folder.glob("*.txt") if TEMPLATE_NAME.match(p.stem)}
    return sorted(names)


def template_path(name: str) -> Path:
    """The editable copy of template ``name`` (made from the bundled one if missing)."""
    if not TEMPLATE_NAME.match(name):
        raise NotFoundError(f"'{name}' is not a template name; choose one of "
                            f"{', '.join(template_names())}")
    own = user_dir() / f"{name}.txt"
    if own.is_file():
        return own
    bundled = bundled_dir() / f"{name}.txt"
    if not bundled.is_file():
        raise NotFoundError(f"no template named '{name}'; choose one of "
                            f"{', '.join(template_names())}")
    try:
        own.parent.mkdir(parents=True, exist_ok=True)
        temporary = own.with_suffix(".tmp")
        shutil.copyfile(bundled, temporary)
        temporary.replace(own)
    except OSError:
        return bundled  # a read-only data folder still prints the bundled wording
    return own


def load_template(name: str) -> str:
    return template_path(name).read_text(encoding="utf-8")


def fill(text: str, context: Context, *, template: str) -> str:
    """Replace every placeholder; an unknown or malformed one is a ``TemplateError``."""

    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        if not NAME.match(key):
            raise TemplateError(f"template '{template}': '{{{{{key}}}}}' is not a placeholder; "
                                "write it as {{namespace.field}}, e.g. {{organisation.name}}")
        namespace, _, field = key.partition(".")
        values = context.get(namespace)
        if values is None or field not in values:
            known = ", ".join(f"{{{{{ns}.{f}}}}}" for ns, fs in context.items() for f in fs)
            raise TemplateError(f"template '{template}': unknown placeholder {{{{{key}}}}}; "
                                f"known placeholders are {known}")
        return values[field] or ""

    filled = PLACEHOLDER.sub(replace, text)
    leftover = re.search(r"\{\{|\}\}", filled)
    if leftover:
        line = filled.count("\n", 0, leftover.start()) + 1
        raise TemplateError(f"template '{template}', line {line}: unmatched "
                            f"'{leftover.group(0)}'; placeholders look like "
                            "{{organisation.name}}")
    return filled


def render_template(name: str, context: Context, text: str | None = None) -> RenderedTemplate:
    """Fill template ``name`` (or the given ``text``) into a subject and a body."""
    source = load_template(name) if text is None else text
    filled = fill(source.replace("\r\n", "\n"), context, template=name)
    first, _, rest = filled.partition("\n")
    if first.lower().startswith("subject:"):
        subject, body = first[len("subject:"):].strip(), rest.strip("\n")
    else:
        subject, body = name.replace("_", " ").capitalize(), filled.strip("\n")
    return RenderedTemplate(name=name, subject=subject, body=body)
