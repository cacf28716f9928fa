"""Rules for a person's fields: what may be set, and how a typed value is cleaned.

The same rules serve the window, the CLI and importers, so "what is a valid
email" has one answer everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from saypro_desktop.domain.enums import PipelineStage, Priority, StakeholderCategory
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.domain.text import clean_free_text, refuse_invisible

if TYPE_CHECKING:
    import phonenumbers

DEFAULT_REGION = "ZA"
MAX_TEXT = 2000
MAX_NOTES = 100_000

# Deliberately loose: one @, something either side, a dot in the domain.
# Real validation is "the email arrives"; we only catch typos like a missing @.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def clean_text(
    value: Any, *, field: str, limit: int = MAX_TEXT, multiline: bool = False
) -> str | None:
    """Strip ``value`` and remove control and bidi characters (see :mod:`domain.text`).

    ``multiline`` fields (notes, addresses) keep their line breaks and TABs.
    """
    if value is None:
        return None
    text = clean_free_text(str(value), multiline=multiline).strip()
    if len(text) > limit:
        raise ValidationError(f"{field}: {len(text)} characters is too long (at most {limit})")
    return text or None


def clean_required_text(value: Any, *, field: str) -> str:
    text = clean_text(value, field=field)
    if not text:
        raise ValidationError(f"{field}: must not be empty")
    return text


def clean_email(value: Any) -> str | None:
    if value is not None:
        refuse_invisible(str(value).strip(), field="email")
    text = clean_text(value, field="email", limit=320)
    if text is None:
        return None
    if not _EMAIL.match(text):
        raise ValidationError(
            f"email: '{text}' is not an email address (expected name@example.org)"
        )
    local, _, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}"


def clean_phone(value: Any, region: str = DEFAULT_REGION) -> str | None:
    """Return the phone in E.164 (+27821234567), South Africa assumed when no country code.

    An extension is kept in RFC 3966 form after the number (``+27835551234;ext=99``),
    which :func:`format_phone` shows as ``083 555 1234 ext. 99``.
    """
    import phonenumbers

    if value is not None:
        refuse_invisible(str(value).strip(), field="phone")
    text = clean_text(value, field="phone", limit=64)
    if text is None:
        return None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(
            f"phone: '{text}' is not a phone number ({exc}); e.g. 082 123 4567 or +27 82 123 4567"
        ) from None
    if not phonenumbers.is_possible_number(number):
        raise ValidationError(
            f"phone: '{text}' has the wrong number of digits; e.g. 082 123 4567 or +27 82 123 4567"
        )
    return e164_with_extension(number)


def e164_with_extension(number: phonenumbers.PhoneNumber) -> str:
    """E.164, plus ``;ext=`` and the extension when the number has one."""
    import phonenumbers

    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"{e164};ext={number.extension}" if number.extension else e164


def format_phone(e164: str | None) -> str:
    """Show an E.164 number the way people read it (national form for local numbers).

    A number kept as typed (an import could not tell its country) is shown as typed, so
    no invented number ever appears on screen.
    """
    import phonenumbers

    if not e164:
        return ""
    if not e164.startswith("+"):
        return e164
    try:
        number = phonenumbers.parse(e164, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return e164
    region = phonenumbers.region_code_for_number(number)
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if region == DEFAULT_REGION
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, fmt)


def choice_key(text: str) -> str:
    """Fold a choice for comparison: case, spaces, punctuation and "_" do not count."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _choice(
    enum: type[StakeholderCategory] | type[PipelineStage] | type[Priority], field: str
) -> Callable[[Any], str | None]:
    # A stored value ("policymaker_local") or its label ("Policymaker (local)"), any case:
    # our own exports write labels, so they must read back.
    known = {choice_key(m.value): m.value for m in enum} | {
        choice_key(m.label): m.value for m in enum
    }

    def clean(value: Any) -> str | None:
        text = clean_text(value, field=field, limit=64)
        if text is None:
            return None
        found = known.get(choice_key(text))
        if found is None:
            options = ", ".join(m.label for m in enum)
            raise ValidationError(f"{field}: '{text}' is not one of: {options}")
        return found

    return clean


def _text(
    field: str, limit: int = MAX_TEXT, *, multiline: bool = False
) -> Callable[[Any], str | None]:
    return lambda value: clean_text(value, field=field, limit=limit, multiline=multiline)


def _uuid_or_none(field: str) -> Callable[[Any], str | None]:
    def clean(value: Any) -> str | None:
        text = clean_text(value, field=field, limit=64)
        if text is None:
            return None
        if not re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", text):
            raise ValidationError(f"{field}: '{text}' is not a record id")
        return text

    return clean


# Every field a person can edit, with the cleaner that makes a typed value safe to store.
PERSON_FIELDS: dict[str, Callable[[Any], str | None]] = {
    "first_name": _text("first_name"),
    "last_name": _text("last_name"),
    "preferred_name": _text("preferred_name"),
    "email": clean_email,
    "phone": clean_phone,
    "category": _choice(StakeholderCategory, "category"),
    "organisation_id": _uuid_or_none("organisation_id"),
    "job_title": _text("job_title"),
    "address": _text("address", multiline=True),
    "city": _text("city"),
    "province": _text("province"),
    "postal_code": _text("postal_code", 16),
    "language": _text("language", 64),
    "pipeline_stage": _choice(PipelineStage, "pipeline_stage"),
    "priority": _choice(Priority, "priority"),
    "notes": _text("notes", MAX_NOTES, multiline=True),
}


def clean_person_fields(changes: Mapping[str, Any], *, creating: bool = False) -> dict[str, Any]:
    """Validate and normalise a set of person field changes.

    Raises ValidationError naming the first bad field; unknown field names are refused
    so a typo in ``people set`` never silently does nothing.
    """
    unknown = sorted(set(changes) - set(PERSON_FIELDS))
    if unknown:
        raise ValidationError(
            f"unknown field {', '.join(unknown)}; fields are: {', '.join(PERSON_FIELDS)}"
        )
    cleaned = {name: PERSON_FIELDS[name](value) for name, value in changes.items()}
    if creating and not cleaned.get("first_name") and not cleaned.get("last_name"):
        raise ValidationError("a person needs at least a first or last name")
    return cleaned


def display_name(
    first: str | None,
    last: str | None,
    preferred: str | None = None,
    *,
    email: str | None = None,
    phone: str | None = None,
) -> str:
    """How a person is named on screen; someone known only by an email or a phone (a mailing
    list, a phone's contacts) is shown by it until a name is added."""
    given = preferred or first or ""
    name = " ".join(part for part in (given, last or "") if part)
    return name or email or phone or "(no name)"
