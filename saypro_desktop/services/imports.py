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
from saypro_desktop.domain.enums import ConsentChannel, MeetingKind
from saypro_desktop.domain.errors import SayProError, ValidationError
from saypro_desktop.domain.ids import link_id, new_id
from saypro_desktop.domain.people import PERSON_FIELDS, display_name
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
from saypro_desktop.interop.normalise import NormalisedPerson, normalise_date, normalise_person
from saypro_desktop.interop.spreadsheet import read_xlsx
from saypro_desktop.interop.vcard import read_vcards
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

KINDS = ("people", "attendees", "calendar")
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
_LABELS = {
    "email": "Email", "phone": "Phone (mobile first)", "organisation_name": "Organisation",
    "full_name": "Full name (split if no first/last)", "postal_code": "Postal code",
    "secondary_email": "Second email (kept in notes)",
    "secondary_phone": "Second phone (kept in notes)",
    "birthday": "Birthday (kept in notes)", "middle_name": "Middle name (kept in notes)",
    "country": "Country (decides the phone region)", "starts_at": "Starts",
    "ends_at": "Ends", "uid": "Calendar id",
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
    kind: str  # "people" | "attendees" | "calendar"
    source: str  # detected source, e.g. "google_new", "outlook", "vcard", "ical"
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
    names = _CALENDAR_TARGETS if kind == "calendar" else (*_PERSON_TARGETS, *CONSENT_TARGETS)
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
    return ImportPlan(path, "people" if kind == "calendar" else kind, "vcard", found,
                      {name: name for name in found}, len(records), warnings,
                      format="vcard", _records=records)


def _plan_table(path: Path, data: bytes, fmt: str, kind: str) -> ImportPlan:
    if kind == "calendar":
        raise ValidationError(f"{path.name} is not a calendar; export it as .ics")
    table: Table = read_xlsx(data) if fmt == "xlsx" else read_delimited(data)
    if not table.headers or not table.rows:
        raise ValidationError(f"{path.name} has no rows to import (only a header, or nothing)")
    sample = "".join([*table.headers, *(c for row in table.rows[:50] for c in row)])
    junk = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\r\n"))
    if junk > max(len(sample) // 20, 2):
        raise ValidationError(f"{path.name} looks like a binary file, not a contact list; "
                              "export it as CSV, .xlsx, vCard or .ics")
    source = detect_source(table.headers)
    mapping = propose_mapping(table.headers, source)
    mapping.update(_propose_extra(table.headers, mapping, source))
    bad: dict[int, str] = {}
    for warning in table.warnings:
        match = _RAGGED.match(warning)
        if match:
            bad[int(match.group(1))] = (
                f"{warning.split(': ', 1)[1].split(';')[0]}: its values may be in the wrong "
                "columns (a stray delimiter or a missing cell)")
    records = list(zip(table.line_numbers, table.records(), strict=True))
    return ImportPlan(path, kind, source, list(table.headers), mapping, len(records),
                      list(table.warnings), format=fmt, _records=records, _bad_lines=bad)


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
        return _run_calendar(db, plan, dry_run=dry_run, progress=progress)
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
            report.sign_ins_created = _write_sign_ins(uow, plan.event_id, live)
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


def _write_sign_ins(uow: UnitOfWork, event_id: str, groups: list[_Group]) -> int:
    event = uow.session.get(Event, event_id)
    if event is None or event.deleted_at is not None:
        raise ValidationError(f"no event with id {event_id}")
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


def _run_calendar(db: Database, plan: ImportPlan, *, dry_run: bool,
                  progress: Callable[[int, int], bool | None] | None) -> ImportReport:
    rows = _calendar_rows(plan)
    report = ImportReport(0, 0, 0, 0, [], [], dry_run, total_rows=len(rows))
    report.skipped = [RowProblem(n, reason) for n, _, f, reason in rows if f is None]
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
