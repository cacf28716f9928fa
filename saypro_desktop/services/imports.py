"""Import contact lists, attendee lists and calendars: plan, preview, run, report.

The wizard and ``saypro import`` share these steps: :func:`plan_import` reads the file
and proposes a column mapping (the person may correct it and :func:`save_mapping` it);
:func:`preview` shows the first rows as they will be stored and what will happen to
each; :func:`run_import` writes everything in one :class:`UnitOfWork` (all rows or
none) and returns an :class:`ImportReport`.

Deduplication never makes a silent second copy, and never silently fuses two people:

* Rows of one file with the same email or phone, or the same full name at the same
  organisation (with no contradicting email or phone), become one person. Their names
  must agree (equal, one a prefix of the other, or a near spelling): a household phone
  shared by "Larry Foster" and "Kori Ranbelsi" keeps two people, queued as a possible
  duplicate pair instead.
* A row matching a person already here by email or phone (names agreeing), or by exact
  name at the same organisation with no contradicting details, updates that person's
  *empty* fields only; what organisers typed is never overwritten. No change, no
  "updated": importing a file twice creates and updates nothing.
* A name within rapidfuzz ratio 92 of someone at the same organisation, or a shared
  email/phone under a different name, creates the person and queues the pair in
  ``duplicate_candidates`` for an organiser to merge or dismiss.

Consent columns become :class:`Consent` rows for people who have none for that channel:
``consent_<channel>`` columns (yes/true/1/given/subscribed -> given; no/false/0/
withdrawn/unsubscribed -> withdrawn; a date -> given on that date), Mailchimp's
``OPTIN_TIME`` -> email given at that time, and ``do_not_call``/``do_not_email`` true ->
that channel withdrawn (false says nothing about consent, so it records nothing).

Organisation lists (``kind="organisations"``, e.g. a Salesforce Account extract, which a
people import recognises and switches to) become :class:`Organisation` rows. The same
name (ignoring case and spacing) is the same organisation unless the two disagree on
city, phone, email or website (two branches, or two names a lossy export turned into
"????"); a match gets only its *empty* fields filled, so importing twice adds nothing.

Calendar exports as CSV (Outlook's "Subject, Start Date, Start Time, ..." in English or
German, Google Calendar's import format) become meetings like the events of an .ics
file, with the same stable id (title and start), so a second import adds nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from saypro_desktop.db.backup import backup_database
from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import (
    Consent,
    DuplicateCandidate,
    Event,
    LocalSetting,
    Meeting,
    Organisation,
    Person,
    SignIn,
)
from saypro_desktop.domain.enums import (
    ConsentChannel,
    FocusArea,
    MeetingKind,
    PipelineStage,
    Priority,
    StakeholderCategory,
)
from saypro_desktop.domain.errors import SayProError, ValidationError
from saypro_desktop.domain.ids import link_id, new_id
from saypro_desktop.domain.people import (
    DEFAULT_REGION,
    MAX_NOTES,
    PERSON_FIELDS,
    clean_email,
    clean_text,
    display_name,
)
from saypro_desktop.interop.calendar import CalendarEvent, read_calendar
from saypro_desktop.interop.delimited import Table, read_delimited
from saypro_desktop.interop.mapping import (
    TARGET_FIELDS,
    apply_mapping,
    card_to_person,
    detect_source,
    normalise_header,
    propose_mapping,
)
from saypro_desktop.interop.normalise import (
    NormalisedPerson,
    clean_cell,
    infer_country,
    normalise_date,
    normalise_person,
    normalise_phone,
    normalise_postal_code,
)
from saypro_desktop.interop.spreadsheet import read_xlsx
from saypro_desktop.interop.vcard import read_vcards
from saypro_desktop.services.events import add_rsvps_in
from saypro_desktop.services.events_signin import local_now
from saypro_desktop.services.unit_of_work import UnitOfWork, utcnow

__all__ = [
    "KINDS",
    "BadRowsError",
    "ImportPlan",
    "ImportReport",
    "PreviewRow",
    "RowProblem",
    "list_mappings",
    "plan_import",
    "preview",
    "run_import",
    "save_mapping",
    "target_fields",
]

KINDS = ("people", "attendees", "organisations", "calendar")
MAPPING_PREFIX = "import_mapping:"
FUZZY_NAME_SCORE = 92
LOCAL_ZONE = ZoneInfo("Africa/Johannesburg")
_MAX_WARNINGS = 500
_PROGRESS_EVERY = 500

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
_ORG_FIELDS = ("name", "category", "focus_areas", "website", "email", "phone", "address",
               "city", "province", "pipeline_stage", "priority", "expected_impact",
               "strengths", "resources_offered", "notes")
_ORG_TARGETS = (*_ORG_FIELDS[:9], "postal_code", "country", "industry", *_ORG_FIELDS[9:])
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
    "industry": "Industry (category if it is one, else notes)",
}
_EXTRA_NOTES = (("middle_name", "Middle name"), ("birthday", "Birthday"),
                ("secondary_email", "Second email"), ("secondary_phone", "Second phone"))
_TRUE = frozenset({"yes", "y", "true", "1", "given", "subscribed", "optedin", "optin", "x",
                   "agreed", "granted", "ja", "yebo"})
_FALSE = frozenset({"no", "n", "false", "0", "withdrawn", "unsubscribed", "optedout",
                    "optout", "refused", "declined", "nee", "cha"})
_FORMULA_MARKS = ("=", "+", "-", "@")
_RAGGED = re.compile(r"^line (\d+): \d+ cells but \d+ columns")


# --------------------------------------------------------------------------- public types


@dataclass
class ImportPlan:
    """What a file holds and how its columns map; the wizard edits ``mapping``."""

    path: Path
    kind: str  # "people" | "attendees" | "organisations" | "calendar"
    # detected source, e.g. "google_new", "outlook", "salesforce", "vcard", "ical",
    # "calendar_csv" (a calendar exported as a table)
    source: str
    headers: list[str]  # column names (for vCards: the fields found)
    mapping: dict[str, str]  # column -> target field ("" = ignore)
    row_count: int
    warnings: list[str]
    event_id: str | None = None
    format: str = "csv"  # "csv" | "xlsx" | "vcard" | "calendar"
    _records: list[tuple[int, dict[str, str]]] = field(
        default_factory=list, repr=False, compare=False)
    _bad_lines: dict[int, str] = field(default_factory=dict, repr=False, compare=False)
    _events: list[CalendarEvent] = field(default_factory=list, repr=False, compare=False)


@dataclass
class PreviewRow:
    row: int
    values: dict[str, str]  # as they will be stored
    action: str  # "create" | "update <name>" | "possible duplicate of <name>" | "skip" | ...
    problems: list[str]


@dataclass
class RowProblem:
    row: int
    message: str


@dataclass
class ImportReport:
    """What an import did (or, for a dry run or a refusal, would do).

    ``skipped``: rows left out and why. ``errors``: rows that cannot be understood; only
    filled when they stopped the import (``on_bad_rows="cancel"``). ``warnings``: values
    left out of rows that were imported (e.g. a phone with no area code).
    """

    created: int
    updated: int
    merged: int
    queued_duplicates: int
    skipped: list[RowProblem]
    errors: list[RowProblem]
    dry_run: bool
    unchanged: int = 0
    total_rows: int = 0
    organisations_created: int = 0
    sign_ins_created: int = 0
    rsvps_added: int = 0
    consents_recorded: int = 0
    warnings: list[RowProblem] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        def rows(items: list[RowProblem]) -> list[dict[str, Any]]:
            return [{"row": p.row, "message": p.message} for p in items]

        return {
            "created": self.created, "updated": self.updated, "merged": self.merged,
            "queued_duplicates": self.queued_duplicates, "unchanged": self.unchanged,
            "skipped": rows(self.skipped), "errors": rows(self.errors),
            "warnings": rows(self.warnings), "dry_run": self.dry_run,
            "total_rows": self.total_rows,
            "organisations_created": self.organisations_created,
            "sign_ins_created": self.sign_ins_created,
            "rsvps_added": self.rsvps_added,
            "consents_recorded": self.consents_recorded,
        }


class BadRowsError(ValidationError):
    """Rows cannot be understood and the caller chose to cancel; nothing was written."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        first = report.errors[0] if report.errors else None
        detail = f"; first: row {first.row}: {first.message}" if first else ""
        super().__init__(
            f"{len(report.errors)} row(s) cannot be understood{detail}. Nothing was "
            "imported: fix the file, or choose to skip those rows"
        )


# --------------------------------------------------------------------------- planning


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


def _sniff(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationError(
            f"{path.name} is an old Excel .xls workbook; save it as .xlsx or CSV and try again")
    if data.startswith(b"PK\x03\x04"):
        if suffix in {".xlsx", ".xlsm"} or b"xl/" in data[:2000] or suffix not in {".ods"}:
            return "xlsx"
        raise ValidationError(f"{path.name} is not a file we can import; save it as .xlsx or CSV")
    upper = head.upper()
    if suffix in {".vcf", ".vcard"} or upper.startswith(b"BEGIN:VCARD"):
        return "vcard"
    if suffix in {".ics", ".vcs", ".ical"} or upper.startswith(b"BEGIN:VCALENDAR"):
        return "calendar"
    if b"\x00" in data[:4096] and not (data[:2] in (b"\xff\xfe", b"\xfe\xff")
                                       or _mostly_utf16(data[:4096])):
        if re.search(rb"B\x00E\x00G\x00I\x00N\x00:\x00V\x00C\x00A\x00R\x00D", data[:4096]) or \
                re.search(rb"\x00B\x00E\x00G\x00I\x00N\x00:\x00V\x00C\x00A\x00R\x00D", data[:4096]):
            return "vcard"
        raise ValidationError(f"{path.name} looks like a binary file, not a contact list; "
                              "export it as CSV, .xlsx, vCard or .ics")
    if b"BEGIN:VCARD" in data[:4096].replace(b"\x00", b"").upper():
        return "vcard"
    return "csv"


def _mostly_utf16(sample: bytes) -> bool:
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = max(len(sample) // 2, 1)
    return max(even, odd) > half * 0.3 and min(even, odd) < half * 0.05


def plan_import(
    db: Database,
    path: Path,
    *,
    kind: str = "people",
    mapping_name: str | None = None,
    event_id: str | None = None,
) -> ImportPlan:
    """Read ``path``, recognise where it came from and propose a column mapping.

    Raises :class:`ValidationError` with a clear message for a file it refuses
    (unreadable, empty, an unknown format) or an attendee import without a real event.
    """
    _check_kind(kind)
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise ValidationError(f"{path} is a folder; choose a file to import") from None
    except OSError as exc:
        raise ValidationError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not data.strip():
        raise ValidationError(f"{path.name} is empty; there is nothing to import")
    fmt = _sniff(path, data)
    if fmt == "calendar":
        plan = _plan_calendar(path, data)
    elif fmt == "vcard":
        plan = _plan_vcards(path, data, kind)
    else:
        plan = _plan_table(path, data, fmt, kind)
    if plan.kind == "attendees":
        if not event_id:
            raise ValidationError("an attendee import needs the event: give its id (--event ID)")
        with db.reading() as session:
            event = session.get(Event, event_id)
            if event is None or event.deleted_at is not None:
                raise ValidationError(f"no event with id {event_id}")
    plan.event_id = event_id if plan.kind == "attendees" else None
    if mapping_name:
        plan.mapping = _saved_mapping(db, mapping_name, plan)
    return plan


def _plan_calendar(path: Path, data: bytes) -> ImportPlan:
    events = read_calendar(data)
    if not events:
        raise ValidationError(f"{path.name} has no events in it")
    found = [name for name in _CALENDAR_TARGETS
             if any(getattr(e, name, None) for e in events)]
    warnings = [f"event {i}: {w}" for i, e in enumerate(events, 1) for w in e.warnings]
    return ImportPlan(path, "calendar", "ical", found, {name: name for name in found},
                      len(events), warnings, format="calendar", _events=events)


def _plan_vcards(path: Path, data: bytes, kind: str) -> ImportPlan:
    cards = read_vcards(data)
    if not cards:
        raise ValidationError(f"{path.name} has no contacts (no BEGIN:VCARD ... END:VCARD)")
    records = [(i, card_to_person(card)) for i, card in enumerate(cards, 1)]
    found = [name for name in _PERSON_TARGETS if any(name in r for _, r in records)]
    warnings = [f"card {i}: {w}" for i, c in enumerate(cards, 1) for w in c.warnings]
    if kind == "organisations":
        warnings.insert(0, "a vCard file lists people: importing them as people")
    return ImportPlan(path, "people" if kind in {"calendar", "organisations"} else kind,
                      "vcard", found, {name: name for name in found}, len(records), warnings,
                      format="vcard", _records=records)


def _plan_table(path: Path, data: bytes, fmt: str, kind: str) -> ImportPlan:
    table: Table = read_xlsx(data) if fmt == "xlsx" else read_delimited(data)
    if not table.headers or not table.rows:
        raise ValidationError(f"{path.name} has no rows to import (only a header, or nothing)")
    sample = "".join([*table.headers, *(c for row in table.rows[:50] for c in row)])
    junk = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\r\n"))
    if junk > max(len(sample) // 20, 2):
        raise ValidationError(f"{path.name} looks like a binary file, not a contact list; "
                              "export it as CSV, .xlsx, vCard or .ics")
    source = detect_source(table.headers)
    bad: dict[int, str] = {}
    for warning in table.warnings:
        match = _RAGGED.match(warning)
        if match:
            bad[int(match.group(1))] = (
                f"{warning.split(': ', 1)[1].split(';')[0]}: its values may be in the wrong "
                "columns (a stray delimiter or a missing cell)")
    records = list(zip(table.line_numbers, table.records(), strict=True))
    headers = list(table.headers)
    warnings = list(table.warnings)
    calendar = _propose_calendar(headers)
    if kind == "calendar" or (kind == "people" and _is_calendar_table(headers, calendar)):
        if not _is_calendar_table(headers, calendar):
            raise ValidationError(
                f"{path.name} is not a calendar (it needs a subject and a start date column); "
                "export it as .ics or as CSV from the calendar")
        if kind != "calendar":
            warnings.insert(0, "this file is a calendar export, not a contact list: "
                               "its rows are imported as meetings")
        return ImportPlan(path, "calendar", "calendar_csv", headers, calendar, len(records),
                          warnings, format=fmt, _records=records, _bad_lines=bad)
    if kind == "organisations" or (kind == "people"
                                   and _is_organisation_table(headers, source)):
        if kind != "organisations":
            what = "a Salesforce account extract" if source == "salesforce" else "a table"
            warnings.insert(0, f"this file is {what} listing organisations, not people: "
                               "its rows are imported as organisations")
        return ImportPlan(path, "organisations", source, headers,
                          _propose_organisations(headers), len(records), warnings,
                          format=fmt, _records=records, _bad_lines=bad)
    mapping = propose_mapping(headers, source)
    mapping.update(_propose_extra(headers, mapping, source))
    return ImportPlan(path, kind, source, headers, mapping, len(records), warnings,
                      format=fmt, _records=records, _bad_lines=bad)


_PERSON_NAME_KEYS = frozenset({"firstname", "lastname", "givenname", "familyname", "vorname",
                               "nachname", "first", "last", "surname", "fullname",
                               "displayname", "contactname"})

# Normalised header -> target, in priority order within each target (earlier wins).
_ORG_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("organisation", "organization", "organisationname", "organizationname",
             "orgname", "company", "companyname", "accountname", "name"),
    "category": ("category", "stakeholdercategory"),
    "focus_areas": ("focusareas", "focusarea", "focus"),
    "website": ("website", "web", "webpage", "webaddress", "homepage", "url"),
    "email": ("email", "emailaddress", "mail", "generalemail", "contactemail"),
    "phone": ("phone", "telephone", "tel", "phonenumber", "mainphone", "officephone",
              "businessphone", "telefon"),
    "address": ("address", "streetaddress", "street", "addressline1", "billingstreet",
                "billingaddress", "physicaladdress"),
    "city": ("city", "town", "billingcity"),
    "province": ("province", "state", "region", "billingstate"),
    "postal_code": ("postalcode", "postcode", "zip", "zipcode", "billingpostalcode"),
    "country": ("country", "billingcountry"),
    "industry": ("industry", "sector"),
    "pipeline_stage": ("pipelinestage", "stage"),
    "priority": ("priority",),
    "expected_impact": ("expectedimpact",),
    "strengths": ("strengths",),
    "resources_offered": ("resourcesoffered", "resources"),
    "notes": ("notes", "note", "description", "comments", "comment"),
}

# Calendar exports as tables: Outlook (English and German), Google Calendar's CSV format.
_CALENDAR_SYNONYMS: dict[str, tuple[str, ...]] = {
    "title": ("subject", "betreff", "objet", "onderwerp", "asunto", "title", "summary",
              "eventtitle", "eventname", "titel"),
    "starts_at": ("startdate", "beginntam", "datededébut", "begindatum", "startdatum",
                  "startdatetime", "startsat", "start", "begin", "début"),
    "start_time": ("starttime", "beginntum", "heurededébut", "begintijd"),
    "ends_at": ("enddate", "endetam", "datedefin", "einddatum", "enddatum", "enddatetime",
                "endsat", "end", "fin"),
    "end_time": ("endtime", "endetum", "heuredefin", "eindtijd"),
    "all_day": ("alldayevent", "allday", "ganztägigesereignis", "ganztägig",
                "journéeentière", "heledag"),
    "location": ("location", "ort", "emplacement", "lieu", "locatie", "venue", "where"),
    "description": ("description", "beschreibung", "notes", "notizen", "details",
                    "beschrijving"),
    "attendees": ("requiredattendees", "optionalattendees", "erforderlicheteilnehmer",
                  "optionaleteilnehmer", "participantsobligatoires",
                  "participantsfacultatifs", "attendees", "participants"),
    "organiser": ("meetingorganizer", "meetingorganiser", "besprechungsplanung",
                  "organisateurdelaréunion", "organizer", "organiser"),
    "uid": ("uid", "icaluid", "eventuid"),
}


def _propose(headers: Sequence[str], synonyms: Mapping[str, tuple[str, ...]],
             targets: Sequence[str], single: Iterable[str] = ()) -> dict[str, str]:
    """``{column: target}`` ordered by target, then synonym rank: the first non-empty
    column of a target wins. Targets in ``single`` take only their best column."""
    lookup = {key: (target, rank) for target, keys in synonyms.items()
              for rank, key in enumerate(keys)}
    order = {name: index for index, name in enumerate(targets)}
    ranked = sorted(
        (order[lookup[key][0]], lookup[key][1], position, header, lookup[key][0])
        for position, header in enumerate(headers)
        if (key := normalise_header(header)) in lookup)
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for _, _, _, header, target in ranked:
        if target in single and target in taken:
            continue
        taken.add(target)
        mapping[header] = target
    return mapping


def _propose_organisations(headers: Sequence[str]) -> dict[str, str]:
    return _propose(headers, _ORG_SYNONYMS, _ORG_TARGETS, single=("name",))


def _propose_calendar(headers: Sequence[str]) -> dict[str, str]:
    return _propose(headers, _CALENDAR_SYNONYMS, _CALENDAR_TABLE_TARGETS,
                    single=("title", "starts_at", "start_time", "ends_at", "end_time",
                            "all_day", "uid"))


def _has_person_names(headers: Sequence[str]) -> bool:
    return any(normalise_header(h) in _PERSON_NAME_KEYS for h in headers)


def _is_calendar_table(headers: Sequence[str], mapping: Mapping[str, str]) -> bool:
    """A subject and a start date, and no person names: an exported calendar."""
    targets = set(mapping.values())
    return {"title", "starts_at"} <= targets and not _has_person_names(headers)


def _is_organisation_table(headers: Sequence[str], source: str) -> bool:
    """A Salesforce Account extract: NAME is the organisation, and no person names."""
    keys = {normalise_header(h) for h in headers}
    if _has_person_names(headers) or "name" not in keys:
        return False
    return source == "salesforce" or "billingcity" in keys


def _propose_extra(headers: Sequence[str], mapping: Mapping[str, str],
                   source: str) -> dict[str, str]:
    """Columns the interop proposal leaves out: consent, and our own export's names."""
    extra: dict[str, str] = {}
    targets = {name.replace("_", ""): name for name in (*_PERSON_TARGETS, *CONSENT_TARGETS)}
    taken = set(mapping.values())
    for header in headers:
        if header in mapping:
            continue
        key = normalise_header(header)
        if key in {"donotcall", "dnc"}:
            extra[header] = "do_not_call"
        elif key in {"donotemail", "emailoptout"}:
            extra[header] = "do_not_email"
        elif key == "optintime" and source == "mailchimp":
            extra[header] = "consent_email"
        elif key in targets and targets[key] not in taken:
            extra[header] = targets[key]
            taken.add(targets[key])
    return extra


# --------------------------------------------------------------------------- saved mappings


def save_mapping(db: Database, name: str, plan: ImportPlan) -> None:
    """Keep ``plan.mapping`` under ``name`` for next month's export from the same tool."""
    import json

    clean = name.strip()
    if not clean:
        raise ValidationError("give the mapping a name")
    if len(clean) > 64 - len(MAPPING_PREFIX):
        raise ValidationError("a mapping name can be at most "
                              f"{64 - len(MAPPING_PREFIX)} characters")
    allowed = {name for name, _ in target_fields(plan.kind)}
    for column, target in plan.mapping.items():
        if target not in allowed:
            raise ValidationError(f"column '{column}': '{target}' is not a field to import into")
    value = json.dumps({"kind": plan.kind, "source": plan.source, "mapping": plan.mapping},
                       ensure_ascii=False)
    with db.write_session() as session, session.begin():
        session.merge(LocalSetting(key=MAPPING_PREFIX + clean, value=value))


def list_mappings(db: Database) -> list[str]:
    with db.reading() as session:
        keys = session.execute(
            select(LocalSetting.key).where(LocalSetting.key.startswith(MAPPING_PREFIX))
        ).scalars()
        return sorted(k.removeprefix(MAPPING_PREFIX) for k in keys)


def _saved_mapping(db: Database, name: str, plan: ImportPlan) -> dict[str, str]:
    import json

    with db.reading() as session:
        row = session.get(LocalSetting, MAPPING_PREFIX + name.strip())
    if row is None:
        known = ", ".join(list_mappings(db)) or "none saved yet"
        raise ValidationError(f"no saved column mapping '{name}' (saved: {known})")
    try:
        saved = json.loads(row.value)["mapping"]
    except (ValueError, KeyError, TypeError):
        raise ValidationError(f"the saved column mapping '{name}' is damaged; "
                              "save it again") from None
    allowed = {f for f, _ in target_fields(plan.kind)}
    mapping = {str(c): str(t) for c, t in saved.items()
               if c in plan.headers and t in allowed}
    # Columns new in this month's file keep their proposal; saved choices win.
    for column, target in plan.mapping.items():
        if column not in saved:
            mapping.setdefault(column, target)
    return mapping


# --------------------------------------------------------------------------- reading rows


@dataclass
class _Row:
    number: int
    fields: dict[str, str]  # person fields as stored (PERSON_FIELDS keys)
    organisation: str | None
    consents: dict[str, tuple[str, dt.datetime | None]]
    extras: dict[str, str]
    problems: list[str]  # values left out (severity "error")
    fixes: list[str]
    bad: str | None = None

    @property
    def name(self) -> str:
        return display_name(self.fields.get("first_name"), self.fields.get("last_name"))


def _consent_value(target: str, text: str) -> tuple[str, dt.datetime | None] | None:
    how = CONSENT_TARGETS[target][1]
    key = "".join(ch for ch in text.casefold() if ch.isalnum())
    if how == "refusal":
        return ("withdrawn", None) if key in _TRUE else None
    if key in _TRUE:
        return ("given", None)
    if key in _FALSE:
        return ("withdrawn", None)
    iso, problems = normalise_date(text)
    if iso and not problems and not iso.startswith("--"):
        match = re.search(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", text)
        day = dt.date.fromisoformat(iso)
        moment = dt.datetime(day.year, day.month, day.day)
        if match:
            moment = moment.replace(hour=int(match.group(1)) % 24, minute=int(match.group(2)))
        return ("given", moment)
    return None


def _read_row(number: int, record: Mapping[str, str], mapping: Mapping[str, str],
              bad_line: str | None) -> _Row:
    person_map = {c: t for c, t in mapping.items() if t and t not in CONSENT_TARGETS}
    # A spreadsheet's "this is text" apostrophe (ours on export, Excel's on '=...): drop it.
    record = {k: v[1:] if v[:1] == "'" and v[1:2] in _FORMULA_MARKS else v
              for k, v in record.items()}
    raw = apply_mapping(person_map, record)
    result: NormalisedPerson = normalise_person(raw)
    fields = dict(result.person)
    notes = [f"{label}: {result.extras[key]}" for key, label in _EXTRA_NOTES
             if result.extras.get(key)]
    if notes:
        fields["notes"] = "\n".join([*([fields["notes"]] if fields.get("notes") else []),
                                     *notes])
    consents: dict[str, tuple[str, dt.datetime | None]] = {}
    problems = [p.message for p in result.problems if p.severity == "error"]
    for column, target in mapping.items():
        if target in CONSENT_TARGETS and (value := (record.get(column) or "").strip()):
            parsed = _consent_value(target, value)
            channel = CONSENT_TARGETS[target][0]
            if parsed is None:
                problems.append(f"{column}: '{value}' is not a yes/no answer (consent left out)")
            elif channel not in consents or parsed[0] == "withdrawn":
                consents[channel] = parsed
    row = _Row(number, fields, result.extras.get("organisation_name"), consents,
               result.extras, problems,
               [p.message for p in result.problems if p.severity == "fixed"])
    if bad_line:
        row.bad = bad_line
    elif not fields.get("first_name") and not fields.get("last_name"):
        has_data = fields or row.organisation or consents
        row.bad = ("no name: a person needs a first or last name" if has_data
                   else "the row is empty once mapped: no name, email or phone")
    return row


def _rows(plan: ImportPlan, limit: int | None = None) -> Iterable[_Row]:
    records = plan._records
    if not records and plan.kind != "calendar":
        fresh = plan_import_again(plan)
        records, plan._bad_lines = fresh._records, fresh._bad_lines
        plan._records = records
    for index, (number, record) in enumerate(records):
        if limit is not None and index >= limit:
            return
        yield _read_row(number, record, plan.mapping, plan._bad_lines.get(number))


def plan_import_again(plan: ImportPlan) -> ImportPlan:
    """Re-read a plan's file (a plan built by hand or passed between processes)."""
    data = Path(plan.path).read_bytes()
    fmt = _sniff(plan.path, data)
    if fmt == "vcard":
        return _plan_vcards(plan.path, data, plan.kind)
    if fmt == "calendar":
        return _plan_calendar(plan.path, data)
    return _plan_table(plan.path, data, fmt, plan.kind)


# --------------------------------------------------------------------------- matching


def _fold(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def _part_agrees(a: str | None, b: str | None) -> bool:
    x, y = _fold(a), _fold(b)
    if not x or not y or x == y or x.startswith(y) or y.startswith(x):
        return True
    return bool(fuzz.ratio(x, y) >= 85)


def _names_agree(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return (_part_agrees(a.get("first_name"), b.get("first_name"))
            and _part_agrees(a.get("last_name"), b.get("last_name")))


def _full(fields: Mapping[str, Any]) -> str:
    return _fold(f"{fields.get('first_name') or ''} {fields.get('last_name') or ''}")


def _differs(a: Mapping[str, Any], b: Mapping[str, Any], name: str) -> bool:
    x, y = a.get(name), b.get(name)
    return bool(x and y and _fold(str(x)) != _fold(str(y)))


@dataclass
class _Known:
    """A person the import can match: one already here, or one this import creates."""

    id: str
    fields: dict[str, Any]
    org_key: str
    new: bool = False


@dataclass
class _Group:
    rows: list[_Row]
    fields: dict[str, Any]
    organisation: str | None
    consents: dict[str, tuple[str, dt.datetime | None]]
    match: _Known | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    queue: list[tuple[_Known, str]] = field(default_factory=list)  # (maybe the same, why)
    queue_groups: list[tuple[_Group, str]] = field(default_factory=list)
    person_id: str = ""
    also: _Group | None = None  # a second group of this file matched the same person


class _Index:
    """People already here, by email, phone, exact name and organisation."""

    def __init__(self, db: Database) -> None:
        self.orgs: dict[str, str] = {}
        self.org_names: dict[str, str] = {}
        self.by_email: dict[str, list[_Known]] = {}
        self.by_phone: dict[str, list[_Known]] = {}
        self.by_name: dict[tuple[str, str], list[_Known]] = {}
        self.by_org: dict[str, list[_Known]] = {}
        columns = [Person.id, *(getattr(Person, n) for n in PERSON_FIELDS)]
        with db.reading() as session:
            for oid, name in session.execute(
                select(Organisation.id, Organisation.name)
                .where(Organisation.deleted_at.is_(None)).order_by(Organisation.created_at)
            ):
                self.orgs.setdefault(_fold(name), oid)
                self.org_names[oid] = name
            rows = session.execute(
                select(*columns).where(Person.deleted_at.is_(None), Person.erased_at.is_(None),
                                       Person.merged_into_id.is_(None))
                .order_by(Person.created_at)
            ).all()
        names = list(PERSON_FIELDS)
        for row in rows:
            values = dict(zip(names, row[1:], strict=True))
            org = values.get("organisation_id")
            self.add(_Known(row[0], values, _fold(self.org_names.get(org, "")) if org else ""))

    def add(self, known: _Known) -> None:
        f = known.fields
        if f.get("email"):
            self.by_email.setdefault(str(f["email"]).casefold(), []).append(known)
        if f.get("phone"):
            self.by_phone.setdefault(str(f["phone"]), []).append(known)
        full = _full(f)
        if full:
            self.by_name.setdefault((full, known.org_key), []).append(known)
            if known.org_key:
                self.by_org.setdefault(known.org_key, []).append(known)


def _group_rows(rows: Iterable[_Row]) -> tuple[list[_Group], list[_Row]]:
    """Fold rows of one file that are the same person; returns (groups, bad rows)."""
    groups: list[_Group] = []
    bad: list[_Row] = []
    by_email: dict[str, list[_Group]] = {}
    by_phone: dict[str, list[_Group]] = {}
    by_name: dict[tuple[str, str], list[_Group]] = {}
    for row in rows:
        if row.bad:
            bad.append(row)
            continue
        email = (row.fields.get("email") or "").casefold()
        phone = row.fields.get("phone") or ""
        name_key = (_full(row.fields), _fold(row.organisation))
        target: _Group | None = None
        clashes: list[tuple[_Group, str]] = []
        for kind, candidates in (("email", by_email.get(email, []) if email else []),
                                 ("phone", by_phone.get(phone, []) if phone else [])):
            for group in candidates:
                if _names_agree(group.fields, row.fields):
                    target = target or group
                else:
                    clashes.append((group, f"same {kind} ({row.fields[kind]}), different name"))
        if target is None:
            for group in by_name.get(name_key, []):
                if not any(_differs(group.fields, row.fields, n) for n in ("email", "phone")):
                    target = group
                    break
        if target is not None:
            target.rows.append(row)
            for name, value in row.fields.items():
                target.fields.setdefault(name, value)
            if not target.organisation and row.organisation:
                target.organisation = row.organisation
            for channel, answer in row.consents.items():
                target.consents.setdefault(channel, answer)
            group = target
        else:
            group = _Group([row], dict(row.fields), row.organisation, dict(row.consents))
            groups.append(group)
            seen: set[int] = set()
            for other, reason in clashes:
                if id(other) not in seen:
                    seen.add(id(other))
                    group.queue_groups.append((other, reason))
        for table, key in ((by_email, email), (by_phone, phone)):
            if key and group not in table.setdefault(key, []):
                table[key].append(group)
        if name_key[0] and group not in by_name.setdefault(name_key, []):
            by_name[name_key].append(group)
    return groups, bad


def _match(group: _Group, index: _Index) -> None:
    """Find the person already here that this group is, or the ones it may be."""
    f = group.fields
    org_key = _fold(group.organisation)
    queue: dict[str, tuple[_Known, str]] = {}
    for kind in ("email", "phone"):
        value = f.get(kind)
        if not value:
            continue
        hits = (index.by_email.get(str(value).casefold(), []) if kind == "email"
                else index.by_phone.get(str(value), []))
        for known in hits:
            if _names_agree(known.fields, f):
                group.match = known
                return
            if not known.new:  # clashes within the file are in queue_groups already
                queue.setdefault(known.id, (known, f"same {kind} ({value}), different name"))
    full = _full(f)
    for known in index.by_name.get((full, org_key), []):
        if not any(_differs(known.fields, f, n)
                   for n in ("email", "phone", "city", "postal_code")):
            group.match = known
            return
    if org_key and full:
        people = index.by_org.get(org_key, [])
        choices = [_full(k.fields) for k in people]
        for _, score, position in process.extract(
                full, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_NAME_SCORE, limit=5):
            if score >= FUZZY_NAME_SCORE:
                known = people[position]
                queue.setdefault(known.id, (known, "similar name at the same organisation"))
    group.queue = list(queue.values())


def _person_values(group: _Group) -> dict[str, Any]:
    return {k: v for k, v in group.fields.items() if k in PERSON_FIELDS and v not in (None, "")}


@dataclass
class _Resolution:
    groups: list[_Group]
    bad: list[_Row]
    total: int
    new_orgs: dict[str, str]  # folded name -> name as written
    warnings: list[RowProblem]


def _resolve(db: Database, rows: Iterable[_Row], total: int,
             progress: Callable[[int, int], bool | None] | None = None) -> _Resolution:
    index = _Index(db)
    counted: list[_Row] = []

    def tracked() -> Iterable[_Row]:
        for row in rows:
            counted.append(row)
            if progress and len(counted) % _PROGRESS_EVERY == 0 and progress(
                    len(counted), total) is False:
                raise SayProError("import cancelled; nothing was changed")
            yield row

    groups, bad = _group_rows(tracked())
    new_orgs: dict[str, str] = {}
    matched: dict[str, _Group] = {}
    for group in groups:
        _match(group, index)
        org_key = _fold(group.organisation)
        if group.organisation and org_key not in index.orgs:
            new_orgs.setdefault(org_key, group.organisation.strip())
        if group.match is not None:
            known = group.match
            first = matched.get(known.id)
            if first is not None:  # a second group of the file is the same person
                first.rows.extend(group.rows)
                for name, value in _person_values(group).items():
                    first.fields.setdefault(name, value)
                for channel, value in group.consents.items():
                    first.consents.setdefault(channel, value)
                group.also = first
                continue
            matched[known.id] = group
            group.person_id = known.id
        else:
            group.person_id = new_id()
            known = _Known(group.person_id, _person_values(group), org_key, new=True)
            index.add(known)
    for group in groups:
        if group.also is None and group.match is not None:
            current = group.match.fields
            group.changes = {name: value for name, value in _person_values(group).items()
                             if current.get(name) in (None, "")}
    warnings = [RowProblem(row.number, message) for group in groups for row in group.rows
                for message in row.problems]
    if len(warnings) > _MAX_WARNINGS:
        more = len(warnings) - _MAX_WARNINGS
        warnings = [*warnings[:_MAX_WARNINGS], RowProblem(0, f"... and {more} more")]
    return _Resolution(groups, bad, len(counted), new_orgs, warnings)


# --------------------------------------------------------------------------- preview


def preview(db: Database, plan: ImportPlan, limit: int = 10) -> list[PreviewRow]:
    """The first ``limit`` rows as they will be stored, and what will happen to each."""
    if plan.kind == "calendar":
        return _preview_calendar(db, plan, limit)
    if plan.kind == "organisations":
        return _preview_organisations(db, plan, limit)
    rows = list(_rows(plan, limit))
    resolution = _resolve(db, rows, len(rows))
    action: dict[int, str] = {row.number: f"skip: {row.bad}" for row in resolution.bad}
    for group in resolution.groups:
        lead = group.rows[0]
        target = group.also or group
        if target.match is not None:
            who = display_name(target.match.fields.get("first_name"),
                               target.match.fields.get("last_name"))
            text = f"update {who}" if target.changes or group.also else f"already here: {who}"
        elif group.queue or group.queue_groups:
            names = [display_name(k.fields.get("first_name"), k.fields.get("last_name"))
                     for k, _ in group.queue]
            names += [g.rows[0].name for g, _ in group.queue_groups]
            text = f"possible duplicate of {', '.join(names)}"
        else:
            text = "create"
        action[lead.number] = text
        for row in group.rows[1:]:
            action[row.number] = (f"same person as row {lead.number}" if row is not lead
                                  else text)
    result = []
    for row in rows:
        values = {k: str(v) for k, v in row.fields.items() if v not in (None, "")}
        if row.organisation:
            values["organisation"] = row.organisation.strip()
        for channel, (status, _) in row.consents.items():
            values[f"consent_{channel}"] = status
        result.append(PreviewRow(row.number, values, action.get(row.number, "create"),
                                 ([row.bad] if row.bad else []) + row.problems))
    return result


# --------------------------------------------------------------------------- running


def run_import(
    db: Database,
    plan: ImportPlan,
    *,
    on_bad_rows: str = "cancel",
    dry_run: bool = False,
    progress: Callable[[int, int], bool | None] | None = None,
) -> ImportReport:
    """Import every row in one transaction; see the module docstring for the rules.

    ``on_bad_rows``: "cancel" raises :class:`BadRowsError` (nothing written) when a row
    cannot be understood; "skip" leaves such rows out and lists them in the report.
    ``progress(done, total)`` returning False cancels: nothing is written.
    """
    if on_bad_rows not in {"cancel", "skip"}:
        raise ValidationError("on_bad_rows must be 'cancel' or 'skip'")
    if plan.kind == "calendar":
        return _run_calendar(db, plan, on_bad_rows=on_bad_rows, dry_run=dry_run,
                             progress=progress)
    if plan.kind == "organisations":
        return _run_organisations(db, plan, on_bad_rows=on_bad_rows, dry_run=dry_run,
                                  progress=progress)
    if plan.kind == "attendees" and not plan.event_id:
        raise ValidationError("an attendee import needs the event it is for")
    total = plan.row_count or len(plan._records)
    resolution = _resolve(db, _rows(plan), total, progress)
    bad = [RowProblem(row.number, row.bad or "") for row in resolution.bad]
    report = ImportReport(
        created=0, updated=0, merged=0, queued_duplicates=0, skipped=[], errors=[],
        dry_run=dry_run, total_rows=resolution.total, warnings=resolution.warnings)
    if bad and on_bad_rows == "cancel":
        report.errors = bad
        report.skipped = list(bad)
        _count(report, resolution)
        raise BadRowsError(report)
    report.skipped = bad
    _count(report, resolution)
    if dry_run:
        return report
    if progress and progress(0, total) is False:
        raise SayProError("import cancelled; nothing was changed")
    backup_database(db.path, "before-contacts-import")
    _write(db, plan, resolution, report, progress, total)
    return report


def _count(report: ImportReport, resolution: _Resolution) -> None:
    pairs: set[tuple[str, str]] = set()
    for group in resolution.groups:
        if group.also is not None:
            report.merged += len(group.rows)
            continue
        report.merged += len(group.rows) - 1
        if group.match is None:
            report.created += 1
            for other, _ in group.queue:
                pairs.add(_pair(group.person_id, other.id))
            for other_group, _ in group.queue_groups:
                pairs.add(_pair(group.person_id, (other_group.also or other_group).person_id))
        elif group.changes:
            report.updated += 1
        else:
            report.unchanged += 1
    report.queued_duplicates = len(pairs)
    report.organisations_created = len(resolution.new_orgs)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _write(db: Database, plan: ImportPlan, resolution: _Resolution, report: ImportReport,
           progress: Callable[[int, int], bool | None] | None, total: int) -> None:
    source = f"import: {plan.path.name}"[:64]
    with UnitOfWork(db) as uow:
        orgs = _live_organisations(uow)
        new_orgs = [(key, name) for key, name in resolution.new_orgs.items() if key not in orgs]
        if new_orgs:
            ids = uow.create_many(Organisation, [{"name": name} for _, name in new_orgs])
            orgs.update({key: oid for (key, _), oid in zip(new_orgs, ids, strict=True)})
        creates: list[dict[str, Any]] = []
        create_ids: list[str] = []
        live = [g for g in resolution.groups if g.also is None]
        for done, group in enumerate(live, 1):
            org_id = orgs.get(_fold(group.organisation)) if group.organisation else None
            if group.match is None:
                values = _person_values(group)
                values["organisation_id"] = org_id
                creates.append(values)
                create_ids.append(group.person_id)
            else:
                changes = dict(group.changes)
                if org_id and not group.match.fields.get("organisation_id"):
                    changes["organisation_id"] = org_id
                if changes:
                    uow.update(Person, group.person_id, changes)
                    if "organisation_id" in changes and not group.changes:
                        report.updated += 1
                        report.unchanged -= 1
            if progress and done % (_PROGRESS_EVERY * 10) == 0 and progress(
                    min(done, total), total) is False:
                raise SayProError("import cancelled; nothing was changed")
        _create_people(uow, creates, create_ids)
        report.consents_recorded = _write_consents(uow, live, source)
        if plan.kind == "attendees" and plan.event_id:
            _write_attendees(uow, plan.event_id, live, report)
        _write_queue(uow, live)
        if progress and progress(total, total) is False:
            raise SayProError("import cancelled; nothing was changed")


def _live_organisations(uow: UnitOfWork) -> dict[str, str]:
    """Folded name -> id of every live organisation (the oldest wins a tie)."""
    found: dict[str, str] = {}
    for oid, name in uow.session.execute(
        select(Organisation.id, Organisation.name)
        .where(Organisation.deleted_at.is_(None)).order_by(Organisation.created_at)
    ):
        found.setdefault(_fold(name), oid)
    return found


def _create_people(uow: UnitOfWork, rows: list[dict[str, Any]], ids: list[str]) -> None:
    # One column set for all rows: an executemany needs the same keys in every row.
    columns = sorted({key for row in rows for key in row})
    for start in range(0, len(rows), 5000):
        chunk = [{c: row.get(c) for c in columns} for row in rows[start:start + 5000]]
        uow.create_many(Person, chunk, row_ids=ids[start:start + 5000])


def _write_consents(uow: UnitOfWork, groups: list[_Group], source: str) -> int:
    wanted = [(g.person_id, channel, status, at)
              for g in groups for channel, (status, at) in g.consents.items()]
    if not wanted:
        return 0
    matched = sorted({g.person_id for g in groups if g.match is not None})
    existing: set[tuple[str, str]] = set()
    for start in range(0, len(matched), 500):
        existing.update(
            (pid, channel) for pid, channel in uow.session.execute(
                select(Consent.person_id, Consent.channel).where(
                    Consent.person_id.in_(matched[start:start + 500]),
                    Consent.deleted_at.is_(None)))
        )
    rows = [
        {"person_id": pid, "channel": channel, "status": status,
         "recorded_at": at or uow.now, "source": source,
         "wording": "recorded from an imported contact list"}
        for pid, channel, status, at in wanted if (pid, channel) not in existing
    ]
    if rows:
        uow.create_many(Consent, rows)
    return len(rows)


def _write_attendees(uow: UnitOfWork, event_id: str, groups: list[_Group],
                     report: ImportReport) -> None:
    """An event still to come gets an RSVP list; one already started, who came."""
    event = uow.session.get(Event, event_id)
    if event is None or event.deleted_at is not None:
        raise ValidationError(f"no event with id {event_id}")
    if event.starts_at > local_now():
        report.rsvps_added = add_rsvps_in(uow, event_id, [g.person_id for g in groups],
                                          source="import")
    else:
        report.sign_ins_created = _write_sign_ins(uow, event, groups)


def _write_sign_ins(uow: UnitOfWork, event: Event, groups: list[_Group]) -> int:
    event_id = event.id
    wanted = {link_id("sign_in", event_id, g.person_id): g.person_id for g in groups}
    ids = list(wanted)
    live: set[str] = set()
    for start in range(0, len(ids), 500):
        live.update(uow.session.execute(
            select(SignIn.id).where(SignIn.id.in_(ids[start:start + 500]),
                                    SignIn.deleted_at.is_(None))).scalars())
    new = [sid for sid in ids if sid not in live]
    if new:
        uow.create_many(SignIn, [
            {"event_id": event_id, "person_id": wanted[sid], "signed_in_at": event.starts_at,
             "source": "import", "walk_in": False, "consent_given": False}
            for sid in new], row_ids=new)
    return len(new)


def _write_queue(uow: UnitOfWork, groups: list[_Group]) -> None:
    pairs: dict[tuple[str, str], str] = {}
    for group in groups:
        if group.match is not None:
            continue
        for other, reason in group.queue:
            pairs.setdefault(_pair(group.person_id, other.id), reason)
        for other_group, reason in group.queue_groups:
            pairs.setdefault(_pair(group.person_id, (other_group.also or other_group).person_id),
                             reason)
    if not pairs:
        return
    now = utcnow()
    uow.session.execute(
        sqlite_insert(DuplicateCandidate).on_conflict_do_nothing(),
        [{"id": new_id(), "first_id": a, "second_id": b, "reason": reason[:200],
          "status": "open", "found_at": now} for (a, b), reason in sorted(pairs.items())],
    )


# --------------------------------------------------------------------------- calendars


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    """Meetings are kept in South African time, naive (as the app shows them)."""
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(LOCAL_ZONE).replace(tzinfo=None)


def _calendar_rows(plan: ImportPlan) -> list[tuple[int, str, dict[str, Any] | None, str]]:
    """(event number, row id, meeting fields or None, reason when None)."""
    if plan.format in {"csv", "xlsx"}:
        return _table_calendar_rows(plan)
    events = plan._events or plan_import_again(plan)._events
    wanted = {t for t in plan.mapping.values() if t}
    result: list[tuple[int, str, dict[str, Any] | None, str]] = []
    for number, event in enumerate(events, 1):
        key = event.uid or f"{event.title}|{event.starts_at}"
        row_id = link_id("calendar_meeting", key)
        if event.starts_at is None:
            result.append((number, row_id, None, "the event has no start time"))
            continue
        notes = "\n".join(part for part in (
            event.description if "description" in wanted else "",
            f"Repeats: {event.rrule}" if event.rrule else "",
            ("Attendees: " + ", ".join(a.name or a.email for a in event.attendees))
            if event.attendees else "") if part)
        fields = {
            "kind": MeetingKind.BRIEFING.value,
            "title": (event.title.strip() if "title" in wanted else "") or "(no title)",
            "starts_at": _local(event.starts_at),
            "ends_at": _local(event.ends_at) if "ends_at" in wanted else None,
            "location": (event.location.strip() or None) if "location" in wanted else None,
            "notes": notes or None,
        }
        result.append((number, row_id, fields, ""))
    return result


def _preview_calendar(db: Database, plan: ImportPlan, limit: int) -> list[PreviewRow]:
    rows = _calendar_rows(plan)[:limit]
    with db.reading() as session:
        here = {rid for (rid,) in session.execute(
            select(Meeting.id).where(Meeting.id.in_([r[1] for r in rows]),
                                     Meeting.deleted_at.is_(None)))}
    out = []
    for number, row_id, fields, reason in rows:
        if fields is None:
            out.append(PreviewRow(number, {}, "skip", [reason]))
            continue
        values = {k: str(v) for k, v in fields.items() if v is not None}
        out.append(PreviewRow(number, values, "already here" if row_id in here else "create",
                              []))
    return out


def _run_calendar(db: Database, plan: ImportPlan, *, on_bad_rows: str, dry_run: bool,
                  progress: Callable[[int, int], bool | None] | None) -> ImportReport:
    rows = _calendar_rows(plan)
    report = ImportReport(0, 0, 0, 0, [], [], dry_run, total_rows=len(rows))
    report.skipped = [RowProblem(n, reason) for n, _, f, reason in rows if f is None]
    # A table's row that cannot be understood stops the import unless told to skip (as
    # for contact lists); an .ics event without a start has always just been skipped.
    refuse = bool(report.skipped) and on_bad_rows == "cancel" and plan.format != "calendar"
    usable = [(rid, f) for _, rid, f, _ in rows if f is not None]
    seen: set[str] = set()
    unique: list[tuple[str, dict[str, Any]]] = []
    for rid, fields in usable:
        if rid in seen:
            report.merged += 1
        else:
            seen.add(rid)
            unique.append((rid, fields))
    with db.reading() as session:
        here = set(session.execute(
            select(Meeting.id).where(Meeting.id.in_([r for r, _ in unique]),
                                     Meeting.deleted_at.is_(None))).scalars())
    new = [(rid, f) for rid, f in unique if rid not in here]
    report.created = len(new)
    report.unchanged = len(unique) - len(new)
    if refuse:
        report.errors = list(report.skipped)
        raise BadRowsError(report)
    if dry_run or not new:
        return report
    if progress and progress(0, len(rows)) is False:
        raise SayProError("import cancelled; nothing was changed")
    backup_database(db.path, "before-calendar-import")
    with UnitOfWork(db) as uow:
        uow.create_many(Meeting, [f for _, f in new], row_ids=[r for r, _ in new])
    if progress:
        progress(len(rows), len(rows))
    return report


def _table_records(plan: ImportPlan) -> list[tuple[int, dict[str, str]]]:
    if not plan._records:
        fresh = plan_import_again(plan)
        plan._records, plan._bad_lines = fresh._records, fresh._bad_lines
    return plan._records


def _cell(record: Mapping[str, str], column: str) -> str:
    value = record.get(column) or ""
    # A spreadsheet's "this is text" apostrophe (ours on export, Excel's on '=...): drop it.
    return value[1:] if value[:1] == "'" and value[1:2] in _FORMULA_MARKS else value


def _values(record: Mapping[str, str], mapping: Mapping[str, str]) -> dict[str, list[str]]:
    """Every non-empty cell of each target, in mapping (priority) order."""
    found: dict[str, list[str]] = {}
    for column, target in mapping.items():
        if target and (text := clean_cell(_cell(record, column))):
            found.setdefault(target, []).append(text)
    return found


# --------------------------------------------------------------------------- calendar tables

_DATE_TIME = re.compile(
    r"(?:^|[T\s,])(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp])?\.?\s*(?:[Mm]\.?)?\s*$")
_ALL_DAY_TRUE = _TRUE | {"ein", "an", "on", "oui", "vrai", "wahr", "waar"}


def _split_time(text: str) -> tuple[str, dt.time | None]:
    """'2.5.2006 11:50:00' -> ('2.5.2006', 11:50); '8:00 PM' -> ('', 20:00)."""
    match = _DATE_TIME.search(text)
    if match is None:
        return text.strip(), None
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3) or 0)
    half = (match.group(4) or "").lower()
    if half:
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return text.strip(), None
    return text[:match.start()].strip(" ,T"), dt.time(hour, minute, second)


def _day_first(records: Iterable[Mapping[str, str]], columns: Sequence[str]) -> bool:
    """A file that writes 25/12/2024 anywhere writes every date day first."""
    for record in records:
        for column in columns:
            match = re.match(r"\s*(\d{1,2})/(\d{1,2})/", record.get(column) or "")
            if match and int(match.group(1)) > 12:
                return True
    return False


def _moment(date_text: str | None, time_text: str | None, *, day_first: bool,
            all_day: bool) -> tuple[dt.datetime | None, str]:
    """A date column and an optional time column as one naive (local) datetime."""
    if not date_text:
        return None, ""
    try:
        parsed = dt.datetime.fromisoformat(date_text.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is not None and (parsed.tzinfo is not None or "T" in date_text):
        return (_local(parsed), "") if not all_day else (
            dt.datetime.combine(parsed.date(), dt.time()), "")
    day_text, at = _split_time(date_text)
    if time_text and not all_day:
        _, at = _split_time(time_text)
        if at is None:
            return None, f"'{time_text}' is not a time we can read"
    iso, problems = normalise_date(day_text, day_first=day_first)
    if iso is None or iso.startswith("--"):
        return None, (problems[0].message if problems else
                      f"'{date_text}' is not a date we can read")
    day = dt.date.fromisoformat(iso)
    return dt.datetime.combine(day, dt.time() if all_day or at is None else at), ""


def _table_calendar_rows(plan: ImportPlan) -> list[tuple[int, str, dict[str, Any] | None, str]]:
    records = _table_records(plan)
    mapping = {c: t for c, t in plan.mapping.items() if t}
    date_columns = [c for c, t in mapping.items() if t in {"starts_at", "ends_at"}]
    day_first = _day_first((r for _, r in records), date_columns)
    result: list[tuple[int, str, dict[str, Any] | None, str]] = []
    for number, record in records:
        values = _values(record, mapping)

        def one(target: str, found: dict[str, list[str]] = values) -> str:
            return found.get(target, [""])[0]

        title = (" ".join(one("title").split()) or "(no title)")[:300]
        all_day = "".join(ch for ch in one("all_day").casefold() if ch.isalnum()) \
            in _ALL_DAY_TRUE
        bad = plan._bad_lines.get(number)
        starts, why = _moment(one("starts_at"), one("start_time"), day_first=day_first,
                              all_day=all_day)
        key = one("uid") or f"{title}|{starts}"
        row_id = link_id("calendar_meeting", key)
        if bad or starts is None:
            result.append((number, row_id, None, bad or (
                f"the event has no start time ({why})" if why else
                "the event has no start date")))
            continue
        ends, _ = _moment(one("ends_at") or (one("starts_at") if one("end_time") else ""),
                          one("end_time"), day_first=day_first, all_day=all_day)
        if ends is not None and ends < starts:
            ends = None
        attendees = "; ".join(values.get("attendees", []))
        notes = "\n".join(part for part in (
            "\n".join(values.get("description", [])).strip(),
            f"Organiser: {one('organiser')}" if one("organiser") else "",
            f"Attendees: {attendees}" if attendees else "",
            "All-day event" if all_day else "") if part)
        location = " ".join(one("location").split())[:300]
        fields = {
            "kind": MeetingKind.BRIEFING.value, "title": title, "starts_at": starts,
            "ends_at": ends, "location": location or None, "notes": notes or None,
        }
        result.append((number, row_id, fields, ""))
    return result


# --------------------------------------------------------------------------- organisations

# Words a list uses for a category of ours (besides our own values and labels).
_CATEGORY_WORDS = {
    "notforprofit": StakeholderCategory.NONPROFIT, "nonprofit": StakeholderCategory.NONPROFIT,
    "npo": StakeholderCategory.NONPROFIT, "ngo": StakeholderCategory.NONPROFIT,
    "charity": StakeholderCategory.NONPROFIT, "foundation": StakeholderCategory.PHILANTHROPY,
    "faithbased": StakeholderCategory.FAITH_BASED,
}


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _choice_of(enum: type[StakeholderCategory] | type[FocusArea] | type[PipelineStage]
               | type[Priority], text: str) -> str | None:
    key = _key(text)
    for member in enum:
        if key in {_key(member.value), _key(member.label)}:
            return member.value
    if enum is StakeholderCategory and key in _CATEGORY_WORDS:
        return _CATEGORY_WORDS[key].value
    return None


def _website_key(text: str) -> str:
    folded = text.strip().casefold()
    folded = re.sub(r"^[a-z]+://", "", folded).removeprefix("www.")
    return folded.rstrip("/")


def _org_conflict(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Both say something different about where or how to reach them."""
    for name in ("city", "phone", "email", "website"):
        x, y = a.get(name), b.get(name)
        if x and y:
            fold = _website_key if name == "website" else _fold
            if fold(str(x)) != fold(str(y)):
                return True
    return False


@dataclass
class _OrgRow:
    number: int
    fields: dict[str, str]  # organisation fields as stored
    problems: list[str]  # values left out
    bad: str | None = None


@dataclass
class _OrgGroup:
    rows: list[_OrgRow]
    fields: dict[str, str]
    match_id: str | None = None
    match_name: str = ""
    changes: dict[str, str] = field(default_factory=dict)


@dataclass
class _OrgResolution:
    groups: list[_OrgGroup]
    bad: list[_OrgRow]
    total: int
    warnings: list[RowProblem]


_ORG_LIMITS = {"name": 300, "website": 500, "address": 500, "city": 200, "province": 100,
               "expected_impact": MAX_NOTES, "strengths": MAX_NOTES,
               "resources_offered": MAX_NOTES, "notes": MAX_NOTES}


def _read_org_row(number: int, record: Mapping[str, str], mapping: Mapping[str, str],
                  bad_line: str | None) -> _OrgRow:
    values = _values(record, mapping)
    one = {target: cells[0] for target, cells in values.items()}
    fields: dict[str, str] = {}
    problems: list[str] = []
    notes: list[str] = ["\n".join(values["notes"])] if values.get("notes") else []
    country = infer_country(one.get("country"), one.get("province"), one.get("postal_code"))

    def text(name: str, value: str | None) -> None:
        try:
            cleaned = clean_text(value, field=name, limit=_ORG_LIMITS.get(name, 2000))
        except ValidationError as exc:
            problems.append(f"{exc} (left out)")
        else:
            if cleaned:
                fields[name] = cleaned

    try:
        name = clean_text(" ".join((one.get("name") or "").split()), field="name", limit=300)
    except ValidationError as exc:
        bad_line, name = bad_line or str(exc), None
    if name:
        fields["name"] = name
    if "phone" in one:
        number_e164, found = normalise_phone(one["phone"], region=country or DEFAULT_REGION)
        problems.extend(p.message for p in found if p.severity == "error")
        if number_e164:
            fields["phone"] = number_e164
    if "email" in one:
        try:
            email = clean_email(one["email"].removeprefix("mailto:"))
        except ValidationError as exc:
            problems.append(f"{exc} (left out)")
        else:
            if email:
                fields["email"] = email
    postal = normalise_postal_code(one.get("postal_code"), country=country)[0]
    street = re.sub(r"\s*\n\s*", ", ", one.get("address") or "")
    text("address", ", ".join(p for p in (street, postal, one.get("country")) if p))
    for name in ("website", "city", "province", "expected_impact", "strengths",
                 "resources_offered"):
        text(name, one.get(name))
    if "category" in one:
        category = _choice_of(StakeholderCategory, one["category"])
        if category:
            fields["category"] = category
        else:
            notes.append(f"Category: {one['category']}")
    if "industry" in one:
        category = _choice_of(StakeholderCategory, one["industry"])
        if category and "category" not in fields:
            fields["category"] = category
        else:
            notes.append(f"Industry: {one['industry']}")
    if "focus_areas" in one:
        areas = [a.strip() for a in re.split(r"[,;|]", one["focus_areas"]) if a.strip()]
        known = [v for a in areas if (v := _choice_of(FocusArea, a))]
        if known:
            fields["focus_areas"] = ",".join(dict.fromkeys(known))
        unknown = [a for a in areas if not _choice_of(FocusArea, a)]
        if unknown:
            notes.append(f"Focus areas: {', '.join(unknown)}")
    for name, enum in (("pipeline_stage", PipelineStage), ("priority", Priority)):
        if name in one:
            choice = _choice_of(enum, one[name])
            if choice:
                fields[name] = choice
            else:
                options = ", ".join(m.value for m in enum)
                problems.append(f"{name}: '{one[name]}' is not one of: {options} (left out)")
    text("notes", "\n".join(notes))
    row = _OrgRow(number, fields, problems)
    if bad_line:
        row.bad = bad_line
    elif not fields.get("name"):
        row.bad = ("no name: an organisation needs a name" if fields or values
                   else "the row is empty once mapped: no name")
    return row


def _org_rows(plan: ImportPlan, limit: int | None = None) -> Iterable[_OrgRow]:
    for index, (number, record) in enumerate(_table_records(plan)):
        if limit is not None and index >= limit:
            return
        yield _read_org_row(number, record, plan.mapping, plan._bad_lines.get(number))


def _resolve_organisations(db: Database, rows: Iterable[_OrgRow], total: int,
                           progress: Callable[[int, int], bool | None] | None = None,
                           ) -> _OrgResolution:
    existing: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    with db.reading() as session:
        for found in session.execute(
            select(Organisation.id, *(getattr(Organisation, n) for n in _ORG_FIELDS))
            .where(Organisation.deleted_at.is_(None)).order_by(Organisation.created_at)
        ):
            values = dict(zip(_ORG_FIELDS, found[1:], strict=True))
            existing.setdefault(_fold(values["name"]), []).append((found[0], values))
    groups: list[_OrgGroup] = []
    bad: list[_OrgRow] = []
    by_name: dict[str, list[_OrgGroup]] = {}
    counted = 0
    for row in rows:
        counted += 1
        if progress and counted % _PROGRESS_EVERY == 0 and progress(counted, total) is False:
            raise SayProError("import cancelled; nothing was changed")
        if row.bad:
            bad.append(row)
            continue
        key = _fold(row.fields["name"])
        target = next((g for g in by_name.get(key, [])
                       if not _org_conflict(g.fields, row.fields)), None)
        if target is None:
            group = _OrgGroup([row], dict(row.fields))
            groups.append(group)
            by_name.setdefault(key, []).append(group)
        else:
            target.rows.append(row)
            for name, value in row.fields.items():
                target.fields.setdefault(name, value)
    claimed: set[str] = set()
    for group in groups:
        for oid, current in existing.get(_fold(group.fields["name"]), []):
            if oid in claimed or _org_conflict(current, group.fields):
                continue
            claimed.add(oid)
            group.match_id, group.match_name = oid, current["name"]
            group.changes = {name: value for name, value in group.fields.items()
                             if current.get(name) in (None, "")}
            break
    warnings = [RowProblem(row.number, message) for group in groups for row in group.rows
                for message in row.problems]
    if len(warnings) > _MAX_WARNINGS:
        more = len(warnings) - _MAX_WARNINGS
        warnings = [*warnings[:_MAX_WARNINGS], RowProblem(0, f"... and {more} more")]
    return _OrgResolution(groups, bad, counted, warnings)


def _preview_organisations(db: Database, plan: ImportPlan, limit: int) -> list[PreviewRow]:
    rows = list(_org_rows(plan, limit))
    resolution = _resolve_organisations(db, rows, len(rows))
    action: dict[int, str] = {row.number: f"skip: {row.bad}" for row in resolution.bad}
    for group in resolution.groups:
        lead = group.rows[0]
        if group.match_id is None:
            action[lead.number] = "create"
        elif group.changes:
            action[lead.number] = f"update {group.match_name}"
        else:
            action[lead.number] = f"already here: {group.match_name}"
        for row in group.rows[1:]:
            action[row.number] = f"same organisation as row {lead.number}"
    return [PreviewRow(row.number, dict(row.fields), action.get(row.number, "create"),
                       ([row.bad] if row.bad else []) + row.problems) for row in rows]


def _run_organisations(db: Database, plan: ImportPlan, *, on_bad_rows: str, dry_run: bool,
                       progress: Callable[[int, int], bool | None] | None) -> ImportReport:
    total = plan.row_count or len(plan._records)
    resolution = _resolve_organisations(db, _org_rows(plan), total, progress)
    bad = [RowProblem(row.number, row.bad or "") for row in resolution.bad]
    report = ImportReport(
        created=0, updated=0, merged=0, queued_duplicates=0, skipped=[], errors=[],
        dry_run=dry_run, total_rows=resolution.total, warnings=resolution.warnings)
    creates = [g.fields for g in resolution.groups if g.match_id is None]
    updates = [(g.match_id, g.changes) for g in resolution.groups
               if g.match_id is not None and g.changes]
    report.created = report.organisations_created = len(creates)
    report.updated = len(updates)
    report.unchanged = len(resolution.groups) - len(creates) - len(updates)
    report.merged = sum(len(g.rows) - 1 for g in resolution.groups)
    report.skipped = bad
    if bad and on_bad_rows == "cancel":
        report.errors = bad
        report.skipped = list(bad)
        raise BadRowsError(report)
    if dry_run:
        return report
    if progress and progress(0, total) is False:
        raise SayProError("import cancelled; nothing was changed")
    if not creates and not updates:
        return report
    backup_database(db.path, "before-organisations-import")
    with UnitOfWork(db) as uow:
        columns = sorted({name for values in creates for name in values})
        for start in range(0, len(creates), 5000):
            uow.create_many(Organisation, [{c: values.get(c) for c in columns}
                                           for values in creates[start:start + 5000]])
        for oid, changes in updates:
            uow.update(Organisation, oid, changes)
        if progress and progress(total, total) is False:
            raise SayProError("import cancelled; nothing was changed")
    return report
