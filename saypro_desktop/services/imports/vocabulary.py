"""Header synonyms, yes/no words and limits shared by every import pipeline."""

from __future__ import annotations

import re
from collections.abc import Sequence

from saypro_desktop.domain.enums import (
    ConsentChannel,
)
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.interop.mapping import (
    TARGET_FIELDS,
)

# An import of at least this many rows always takes a backup first; smaller ones rely on
# the day's backup (db.backup.safety_backup) and on the transaction.
LARGE_IMPORT_ROWS = 1000
KINDS = ("people", "attendees", "organisations", "calendar")


MAPPING_PREFIX = "import_mapping:"


FUZZY_NAME_SCORE = 92




MAX_WARNINGS = 500


PROGRESS_EVERY = 500


# Mapping targets beyond person fields: consent columns.
CONSENT_TARGETS: dict[str, tuple[str, str]] = {
    **{f"consent_{c.value}": (c.value, "consent") for c in ConsentChannel},
    "do_not_call": (ConsentChannel.PHONE.value, "refusal"),
    "do_not_email": (ConsentChannel.EMAIL.value, "refusal"),
}


_PERSON_TARGETS = tuple(name for name in TARGET_FIELDS if name != "organisation_id")


_CALENDAR_TARGETS = ("title", "starts_at", "ends_at", "location", "description", "uid")


# A calendar exported as a table also has these (the date and time in separate columns).
_CALENDAR_TABLE_TARGETS = (*_CALENDAR_TARGETS[:2], "start_time", _CALENDAR_TARGETS[2],
                           "end_time", "all_day", *_CALENDAR_TARGETS[3:5], "attendees",
                           "organiser", "uid")


# Organisation fields, plus postal_code and country (kept in the address) and industry
# (the category when it is one of ours, otherwise kept in the notes).
ORG_FIELDS = ("name", "category", "focus_areas", "website", "email", "phone", "address",
               "city", "province", "pipeline_stage", "priority", "expected_impact",
               "strengths", "resources_offered", "notes")


_ORG_TARGETS = (*ORG_FIELDS[:9], "postal_code", "country", "industry", *ORG_FIELDS[9:])


_LABELS = {
    "email": "Email", "phone": "Phone (mobile first)", "organisation_name": "Organisation",
    "full_name": "Full name (split if no first/last)", "postal_code": "Postal code",
    "secondary_email": "Second email (kept in notes)",
    "secondary_phone": "Second phone (kept in notes)",
    "birthday": "Birthday (kept in notes)", "middle_name": "Middle name (kept in notes)",
    "country": "Country (decides the phone region)", "starts_at": "Starts",
    "ends_at": "Ends", "uid": "Calendar id", "start_time": "Start time (its own column)",
    "end_time": "End time (its own column)", "all_day": "All-day event (yes/no)",
    "attendees": "Attendees (kept in notes)", "organiser": "Organiser (kept in notes)",
    "focus_areas": "Focus areas (comma-separated)",
    "saypro_id": "SayPro ID (matches the person first)",
    "industry": "Industry (category if it is one, else notes)",
}


_EXTRA_NOTES = (("middle_name", "Middle name"), ("birthday", "Birthday"),
                ("secondary_email", "Second email"), ("secondary_phone", "Second phone"))


YES_WORDS = frozenset({"yes", "y", "true", "1", "given", "subscribed", "optedin", "optin", "x",
                   "agreed", "granted", "ja", "yebo"})


NO_WORDS = frozenset({"no", "n", "false", "0", "withdrawn", "unsubscribed", "optedout",
                    "optout", "refused", "declined", "nee", "cha"})


FORMULA_MARKS = ("=", "+", "-", "@")


_RAGGED = re.compile(r"^line (\d+): \d+ cells but \d+ columns")


def target_fields(kind: str) -> list[tuple[str, str]]:
    """(field, label) choices for mapping a column, "Ignore" first."""
    _check_kind(kind)
    names: Sequence[str]
    if kind == "calendar":
        names = _CALENDAR_TABLE_TARGETS
    elif kind == "organisations":
        names = _ORG_TARGETS
    else:
        names = (*_PERSON_TARGETS, *CONSENT_TARGETS)
    return [("", "Ignore"), *((name, _label(name)) for name in names)]


def _label(name: str) -> str:
    if name in _LABELS:
        return _LABELS[name]
    if name in CONSENT_TARGETS and name.startswith("consent_"):
        return f"Consent: {name.removeprefix('consent_')}"
    return name.replace("_", " ").capitalize()


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValidationError(f"unknown import kind '{kind}'; choose one of {', '.join(KINDS)}")
