"""Rules for an organisation's fields, shared by the window, the CLI and importers.

Phones: a number valid as typed is stored in E.164 (South Africa assumed); one that is
not is kept exactly as typed and flagged (``phone_problem``), never turned into an
E.164 number it might not be. Choice fields accept the value or its label
("Faith-based", "faith_based"); a wrong one lists the valid labels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Any

from saypro_desktop.domain.enums import (
    FocusArea,
    GovernmentLevel,
    Labelled,
    PipelineStage,
    Priority,
    StakeholderCategory,
)
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.domain.people import (
    DEFAULT_REGION,
    MAX_NOTES,
    clean_email,
    clean_required_text,
    clean_text,
)


class ReferralOutcome(Labelled):
    """What came of an introduction."""

    PENDING = "pending"
    CONTACTED = "contacted"
    MET = "met"
    JOINED = "joined"
    DECLINED = "declined"
    NO_RESPONSE = "no_response"

    @property
    def label(self) -> str:
        return {"pending": "Not yet followed up", "met": "Met with us",
                "joined": "Joined the coalition"}.get(self.value, super().label)


# The stages in pipeline order; the last two are off the main line.
PIPELINE: tuple[PipelineStage, ...] = tuple(PipelineStage)
PRIORITY_RANK = {Priority.HIGH.value: 0, Priority.MEDIUM.value: 1, Priority.LOW.value: 2}


def label_of(enum: type[StrEnum], value: str | None) -> str:
    """The label a person reads for a stored value (a value from a newer version as-is)."""
    if not value:
        return ""
    try:
        member = enum(value)
    except ValueError:
        return value.replace("_", " ").capitalize()
    label = getattr(member, "label", None)
    return str(label) if label else str(member.value)


def parse_choice(enum: type[Labelled], value: Any, *, field: str) -> str | None:
    """A stored value from a value or a label; refuses anything else, listing the labels."""
    text = clean_text(value, field=field, limit=100)
    if text is None:
        return None
    folded = text.casefold()
    for member in enum:
        if folded in (member.value, member.label.casefold(),
                      member.value.replace("_", " "), member.value.replace("_", "-")):
            return member.value
    key = folded.replace(" ", "_").replace("-", "_").replace("/", "_")
    for member in enum:
        if key == member.value:
            return member.value
    options = ", ".join(f"{m.label} ({m.value})" for m in enum)
    raise ValidationError(f"{field}: '{text}' is not one of: {options}")


def parse_focus_areas(value: Any) -> str | None:
    """Several focus areas, as a list or comma-separated; stored comma-separated values."""
    if value is None:
        return None
    items: Iterable[Any] = value.split(",") if isinstance(value, str) else value
    found: list[str] = []
    for item in items:
        if str(item).strip():
            area = parse_choice(FocusArea, item, field="focus_areas")
            if area and area not in found:
                found.append(area)
    return ",".join(found) or None


def focus_area_list(stored: str | None) -> list[str]:
    return [part for part in (stored or "").split(",") if part]


def clean_org_phone(value: Any, region: str = DEFAULT_REGION) -> str | None:
    """E.164 when the number is valid as typed; otherwise the text exactly as typed."""
    import phonenumbers

    text = clean_text(value, field="phone", limit=64)
    if text is None:
        return None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return text
    if not phonenumbers.is_valid_number(number):
        return text
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_problem(stored: str | None) -> str | None:
    """Why a stored phone is flagged (kept as typed, not a valid number), or None."""
    import phonenumbers

    if not stored:
        return None
    try:
        number = phonenumbers.parse(stored, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return f"'{stored}' is not a phone number; kept as typed — check it"
    if stored.startswith("+") and phonenumbers.is_valid_number(number):
        return None
    return f"'{stored}' is not a valid number as typed; kept as typed — check it"


def clean_website(value: Any) -> str | None:
    text = clean_text(value, field="website", limit=500)
    if text is None:
        return None
    if " " in text or "." not in text:
        raise ValidationError(f"website: '{text}' is not a web address (e.g. www.example.org)")
    return text


def _text(field: str, limit: int = 2000) -> Callable[[Any], str | None]:
    return lambda value: clean_text(value, field=field, limit=limit)


def _choice(enum: type[Labelled], field: str) -> Callable[[Any], str | None]:
    return lambda value: parse_choice(enum, value, field=field)


# Every field of an organisation a person edits directly (the stage moves by move_stage).
ORGANISATION_FIELDS: dict[str, Callable[[Any], Any]] = {
    "name": _text("name", 300),
    "category": _choice(StakeholderCategory, "category"),
    "focus_areas": parse_focus_areas,
    "level": _choice(GovernmentLevel, "level"),
    "region": _text("region", 100),
    "email": clean_email,
    "phone": clean_org_phone,
    "website": clean_website,
    "address": _text("address", 500),
    "city": _text("city", 200),
    "province": _text("province", 100),
    "priority": _choice(Priority, "priority"),
    "expected_impact": _text("expected_impact"),
    "strengths": _text("strengths"),
    "resources_offered": _text("resources_offered"),
    "notes": _text("notes", MAX_NOTES),
}


def clean_organisation_fields(
    changes: Mapping[str, Any], *, creating: bool = False
) -> dict[str, Any]:
    """Validate and normalise organisation field changes; the first bad field is named."""
    unknown = sorted(set(changes) - set(ORGANISATION_FIELDS) - {"pipeline_stage"})
    if unknown:
        raise ValidationError(
            f"unknown field {', '.join(unknown)}; fields are: "
            f"{', '.join([*ORGANISATION_FIELDS, 'pipeline_stage'])}"
        )
    cleaned = {
        name: ORGANISATION_FIELDS[name](value)
        for name, value in changes.items() if name != "pipeline_stage"
    }
    if "pipeline_stage" in changes:
        cleaned["pipeline_stage"] = parse_choice(PipelineStage, changes["pipeline_stage"],
                                                 field="stage")
    if creating or "name" in cleaned:
        cleaned["name"] = clean_required_text(cleaned.get("name"), field="name")
    return cleaned
