"""Planning an import: sniff the file's format, read it, propose a column mapping."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import (
    Event,
)
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.interop.calendar import read_calendar
from saypro_desktop.interop.delimited import open_delimited
from saypro_desktop.interop.delimited.table import Table
from saypro_desktop.interop.limits import DEFAULT_LIMITS, LimitExceededError
from saypro_desktop.interop.mapping import (
    card_to_person,
    detect_source,
    normalise_header,
    propose_mapping,
)
from saypro_desktop.interop.spreadsheet import read_xlsx
from saypro_desktop.interop.text_decoding import encoding_note
from saypro_desktop.interop.vcard import read_vcards
from saypro_desktop.services.imports.mappings import saved_mapping
from saypro_desktop.services.imports.model import ImportPlan
from saypro_desktop.services.imports.vocabulary import (
    _CALENDAR_TABLE_TARGETS,
    _CALENDAR_TARGETS,
    _ORG_TARGETS,
    _PERSON_TARGETS,
    _RAGGED,
    CONSENT_TARGETS,
    _check_kind,
)


def sniff_format(path: Path, data: bytes) -> str:
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
        data = read_import_file(path)
    except IsADirectoryError:
        raise ValidationError(f"{path} is a folder; choose a file to import") from None
    except OSError as exc:
        raise ValidationError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not data.strip():
        raise ValidationError(f"{path.name} is empty; there is nothing to import")
    fmt = sniff_format(path, data)
    if fmt == "calendar":
        plan = plan_calendar(path, data)
    elif fmt == "vcard":
        plan = plan_vcards(path, data, kind)
    else:
        plan = plan_table(path, data, fmt, kind)
    if plan.kind == "attendees":
        if not event_id:
            raise ValidationError("an attendee import needs the event: give its id (--event ID)")
        with db.reading() as session:
            event = session.get(Event, event_id)
            if event is None or event.deleted_at is not None:
                raise ValidationError(f"no event with id {event_id}")
    plan.event_id = event_id if plan.kind == "attendees" else None
    if mapping_name:
        plan.mapping = saved_mapping(db, mapping_name, plan)
    return plan


def plan_calendar(path: Path, data: bytes) -> ImportPlan:
    events = read_calendar(data)
    if not events:
        raise ValidationError(f"{path.name} has no events in it")
    found = [name for name in _CALENDAR_TARGETS
             if any(getattr(e, name, None) for e in events)]
    warnings = [f"event {i}: {w}" for i, e in enumerate(events, 1) for w in e.warnings]
    return ImportPlan(path, "calendar", "ical", found, {name: name for name in found},
                      len(events), warnings, format="calendar", _events=events)


def plan_vcards(path: Path, data: bytes, kind: str) -> ImportPlan:
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


# A streamed plan keeps this many rows (the wizard's column samples, the preview).
HEAD_RECORDS = 200


def plan_table(path: Path, data: bytes, fmt: str, kind: str) -> ImportPlan:
    """Plan a CSV or XLSX table. A contact (or attendee) list from a CSV is read through
    once here, keeping only its first :data:`HEAD_RECORDS` rows, its row count and the
    lines it warned about; the import reads the file again as a stream (``_streamed``)."""
    if fmt == "xlsx":
        table: Table = read_xlsx(data)
        headers = list(table.headers)
        rows: Iterator[tuple[int, list[str]]] = zip(table.line_numbers, table.rows,
                                                    strict=True)
        warnings_source = table.warnings
        replaced = 0
        note = None
    else:
        stream = open_delimited(data)
        headers = list(stream.headers)
        rows = stream.rows()
        warnings_source = stream.warnings
        replaced = -1  # read after the rows
        note = None
    head: list[tuple[int, list[str]]] = []
    for row in rows:
        head.append(row)
        if len(head) >= 50:
            break
    if not headers or not head:
        raise ValidationError(f"{path.name} has no rows to import (only a header, or nothing)")
    sample = "".join([*headers, *(c for _, row in head for c in row)])
    junk = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\r\n"))
    if junk > max(len(sample) // 20, 2):
        raise ValidationError(f"{path.name} looks like a binary file, not a contact list; "
                              "export it as CSV, .xlsx, vCard or .ics")
    source = detect_source(headers)
    calendar = _propose_calendar(headers)
    is_calendar = kind == "calendar" or (kind == "people"
                                         and _is_calendar_table(headers, calendar))
    is_orgs = not is_calendar and (kind == "organisations" or (
        kind == "people" and _is_organisation_table(headers, source)))
    streamed = fmt != "xlsx" and not is_calendar and not is_orgs
    count = len(head)
    for row in rows:
        count += 1
        if not streamed or len(head) < HEAD_RECORDS:
            head.append(row)
    if fmt != "xlsx":
        replaced = stream.replaced
        note = encoding_note(stream.encoding, replaced)
        if replaced and note:
            warnings_source.insert(0, note)
    bad: dict[int, str] = {}
    for warning in warnings_source:
        match = _RAGGED.match(warning)
        if match:
            bad[int(match.group(1))] = (
                f"{warning.split(': ', 1)[1].split(';')[0]}: its values may be in the wrong "
                "columns (a stray delimiter or a missing cell)")
    records = [(number, dict(zip(headers, cells, strict=True))) for number, cells in head]
    warnings = list(warnings_source)
    if is_calendar:
        if not _is_calendar_table(headers, calendar):
            raise ValidationError(
                f"{path.name} is not a calendar (it needs a subject and a start date column); "
                "export it as .ics or as CSV from the calendar")
        if kind != "calendar":
            warnings.insert(0, "this file is a calendar export, not a contact list: "
                               "its rows are imported as meetings")
        return ImportPlan(path, "calendar", "calendar_csv", headers, calendar, count,
                          warnings, format=fmt, _records=records, _bad_lines=bad)
    if is_orgs:
        if kind != "organisations":
            what = "a Salesforce account extract" if source == "salesforce" else "a table"
            warnings.insert(0, f"this file is {what} listing organisations, not people: "
                               "its rows are imported as organisations")
        return ImportPlan(path, "organisations", source, headers,
                          _propose_organisations(headers), count, warnings,
                          format=fmt, _records=records, _bad_lines=bad)
    mapping = propose_mapping(headers, source)
    mapping.update(_propose_extra(headers, mapping, source))
    return ImportPlan(path, kind, source, headers, mapping, count, warnings,
                      format=fmt, _records=records, _bad_lines=bad, _streamed=streamed)


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


def read_import_file(path: Path) -> bytes:
    """The file's bytes, after checking its size against the readers' cap, so a huge file
    is refused at once (naming the cap) instead of being read into memory first."""
    size = Path(path).stat().st_size
    if size > DEFAULT_LIMITS.file_bytes:
        raise LimitExceededError("file_bytes", Path(path).name, DEFAULT_LIMITS.file_bytes)
    return Path(path).read_bytes()
