"""Letter and email templates: one engine for ``.eml`` drafts and printed letters.

A template is a plain-text file: a few header lines (``Title:``, ``Ask:``, ``Subject:``),
a blank line, then the body. ``{{name}}`` marks a placeholder; only the names in
``PLACEHOLDERS`` exist, so a typo is caught when the template is saved or used, with a
message naming the placeholder and the template. The app ships its templates in
``resources/templates/``; an organiser edits a copy kept in the user's data folder,
which wins over a shipped template of the same name.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.resources import resource

# Every placeholder a template may use, with what it holds (shown to the organiser).
PLACEHOLDERS: dict[str, str] = {
    "recipient_name": "the recipient's full name (or the organisation's name)",
    "recipient_first_name": "the recipient's first name (or the organisation's name)",
    "organisation": "the recipient's organisation",
    "focus_areas": "the organisation's focus areas, e.g. 'housing and food security'",
    "campaign": "the current campaign",
    "our_organisation": "our organisation's name",
    "sender_name": "who signs the letter",
    "sender_title": "the signer's job title",
    "sender_email": "the signer's email address",
    "sender_phone": "the signer's phone number",
    "today": "today's date, e.g. 2 December 2026",
    "meeting_title": "the next meeting with the organisation",
    "meeting_date": "its date and time",
    "meeting_place": "its place or link",
    "meeting_sentence": "a sentence proposing the next meeting (empty when none is planned)",
    "commitment": "the organisation's latest commitment, e.g. 'a hall for the town hall'",
    "ask": "the template's ask, e.g. 'Join the coalition'",
}

_PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
_HEADERS = ("title", "ask", "subject")


class TemplateError(ValidationError):
    """A template that cannot be used as written (says which template and what to fix)."""


@dataclass(frozen=True, slots=True)
class Template:
    name: str  # the file name without ".txt": how commands and other code refer to it
    title: str
    ask: str
    subject: str
    body: str
    editable: bool  # a copy in the user's folder (the shipped ones are read-only)
    path: Path

    def placeholders(self) -> list[str]:
        return sorted(set(_PLACEHOLDER.findall(self.subject + "\n" + self.body)))

    def text(self) -> str:
        """The file text, as an organiser edits it."""
        return f"Title: {self.title}\nAsk: {self.ask}\nSubject: {self.subject}\n\n{self.body}"


@dataclass(frozen=True, slots=True)
class RenderedLetter:
    subject: str
    body: str


def parse_template(name: str, text: str, *, path: Path, editable: bool) -> Template:
    """Read a template's text, refusing unknown placeholders and a missing subject."""
    head, sep, body = text.replace("\r\n", "\n").partition("\n\n")
    if not sep:
        raise TemplateError(
            f"template '{name}': put the Title:, Ask: and Subject: lines first, then an "
            "empty line, then the letter"
        )
    headers: dict[str, str] = {}
    for number, line in enumerate(head.splitlines(), start=1):
        key, colon, value = line.partition(":")
        if not colon or key.strip().lower() not in _HEADERS:
            raise TemplateError(
                f"template '{name}', line {number}: '{line.strip()}' is not a Title:, Ask: "
                "or Subject: line"
            )
        headers[key.strip().lower()] = value.strip()
    if not headers.get("subject"):
        raise TemplateError(f"template '{name}': the Subject: line is missing or empty")
    template = Template(
        name=name,
        title=headers.get("title") or name.replace("-", " ").capitalize(),
        ask=headers.get("ask", ""),
        subject=headers["subject"],
        body=body.strip("\n") + "\n",
        editable=editable,
        path=path,
    )
    check_placeholders(template)
    return template


def check_placeholders(template: Template) -> None:
    for text in (template.subject, template.body):
        rest = _PLACEHOLDER.sub("", text)
        if "{{" in rest or "}}" in rest:
            raise TemplateError(
                f"template '{template.name}': a '{{{{' has no matching '}}}}'; write "
                "placeholders as {{name}}"
            )
    unknown = [p for p in template.placeholders() if p not in PLACEHOLDERS]
    if unknown:
        raise TemplateError(
            f"template '{template.name}': unknown placeholder {{{{{unknown[0]}}}}}; "
            f"use one of: {', '.join(sorted(PLACEHOLDERS))}"
        )


def render(template: Template, values: Mapping[str, str]) -> RenderedLetter:
    """Fill the placeholders; a known placeholder without a value becomes empty text."""
    check_placeholders(template)
    unknown = sorted(set(values) - set(PLACEHOLDERS))
    if unknown:
        raise TemplateError(
            f"template '{template.name}': no placeholder called {{{{{unknown[0]}}}}}"
        )
    filled = {**values, "ask": values.get("ask") or template.ask}

    def fill(text: str) -> str:
        return _PLACEHOLDER.sub(lambda m: filled.get(m.group(1), ""), text)

    subject = " ".join(fill(template.subject).split())
    body = re.sub(r"[ \t]+\n", "\n", fill(template.body))
    return RenderedLetter(subject=subject, body=body)


class TemplateLibrary:
    """The shipped templates plus the organiser's own copies (which win by name)."""

    def __init__(self, user_dir: Path, shipped_dir: Path | None = None) -> None:
        self.user_dir = user_dir
        self.shipped_dir = shipped_dir or resource("templates")

    def _files(self) -> dict[str, tuple[Path, bool]]:
        found: dict[str, tuple[Path, bool]] = {}
        for folder, editable in ((self.shipped_dir, False), (self.user_dir, True)):
            if folder.is_dir():
                for path in sorted(folder.glob("*.txt")):
                    found[path.stem] = (path, editable)
        return found

    def list(self) -> list[Template]:
        """Every usable template, by title; a broken user copy is left out of the list
        (``get`` says what is wrong with it)."""
        result = []
        for name in self._files():
            try:
                result.append(self.get(name))
            except TemplateError:
                continue
        return sorted(result, key=lambda t: t.title.casefold())

    def names(self) -> list[str]:
        return sorted(self._files())

    def get(self, name: str) -> Template:
        files = self._files()
        if name not in files:
            raise NotFoundError(
                f"no template called '{name}'; templates: {', '.join(sorted(files)) or 'none'}"
            )
        path, editable = files[name]
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise TemplateError(f"template '{name}' is not UTF-8 text; save it as UTF-8") from exc
        return parse_template(name, text, path=path, editable=editable)

    def copy(self, name: str, new_name: str | None = None) -> Template:
        """Make an editable copy of a template (``<name>-copy`` unless named)."""
        source = self.get(name)
        target = new_name or _free_name(f"{name}-copy", set(self._files()))
        text = source.text()
        if source.editable is False:
            text = text.replace(f"Title: {source.title}", f"Title: {source.title} (my copy)", 1)
        return self.save(target, text)

    def save(self, name: str, text: str) -> Template:
        """Check and write an organiser's template (atomically: a failure leaves the old)."""
        if not _NAME.match(name):
            raise TemplateError(
                f"'{name}' cannot name a template: use lower-case letters, digits and dashes"
            )
        path = self.user_dir / f"{name}.txt"
        template = parse_template(name, text, path=path, editable=True)
        self.user_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.user_dir, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(template.text())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return template

    def delete(self, name: str) -> None:
        template = self.get(name)
        if not template.editable:
            raise TemplateError(f"template '{name}' ships with the app and cannot be deleted")
        template.path.unlink()


def _free_name(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
