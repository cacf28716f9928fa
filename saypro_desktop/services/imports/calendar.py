"""Calendar imports: .ics files and calendars exported as tables (Outlook, Google)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import select

from saypro_desktop.db.backup import safety_backup
from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import (
    Meeting,
)
from saypro_desktop.domain.enums import (
    MeetingKind,
)
from saypro_desktop.domain.errors import SayProError
from saypro_desktop.domain.ids import link_id
from saypro_desktop.domain.time import to_local_naive
from saypro_desktop.interop.normalise import (
    clean_cell,
    normalise_date,
)
from saypro_desktop.services.imports.model import (
    BadRowsError,
    ImportPlan,
    ImportReport,
    PreviewRow,
    RowProblem,
)
from saypro_desktop.services.imports.rows import plan_import_again
from saypro_desktop.services.imports.vocabulary import (
    FORMULA_MARKS,
    LARGE_IMPORT_ROWS,
    YES_WORDS,
)
from saypro_desktop.services.unit_of_work import UnitOfWork


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    """Meetings are kept in South African time, naive (as the app shows them)."""
    if moment is None or moment.tzinfo is None:
        return moment
    return to_local_naive(moment)


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


def preview_calendar(db: Database, plan: ImportPlan, limit: int) -> list[PreviewRow]:
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


def run_calendar(db: Database, plan: ImportPlan, *, on_bad_rows: str, dry_run: bool,
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
    safety_backup(db.path, "before-calendar-import", large=len(rows) >= LARGE_IMPORT_ROWS)
    with UnitOfWork(db) as uow:
        uow.create_many(Meeting, [f for _, f in new], row_ids=[r for r, _ in new])
    if progress:
        progress(len(rows), len(rows))
    return report


def table_records(plan: ImportPlan) -> list[tuple[int, dict[str, str]]]:
    if not plan._records:
        fresh = plan_import_again(plan)
        plan._records, plan._bad_lines = fresh._records, fresh._bad_lines
    return plan._records


def _cell(record: Mapping[str, str], column: str) -> str:
    value = record.get(column) or ""
    # A spreadsheet's "this is text" apostrophe (ours on export, Excel's on '=...): drop it.
    return value[1:] if value[:1] == "'" and value[1:2] in FORMULA_MARKS else value


def mapped_values(record: Mapping[str, str], mapping: Mapping[str, str]) -> dict[str, list[str]]:
    """Every non-empty cell of each target, in mapping (priority) order."""
    found: dict[str, list[str]] = {}
    for column, target in mapping.items():
        if target and (text := clean_cell(_cell(record, column))):
            found.setdefault(target, []).append(text)
    return found


_DATE_TIME = re.compile(
    r"(?:^|[T\s,])(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp])?\.?\s*(?:[Mm]\.?)?\s*$")


_ALL_DAY_TRUE = YES_WORDS | {"ein", "an", "on", "oui", "vrai", "wahr", "waar"}


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
    records = table_records(plan)
    mapping = {c: t for c, t in plan.mapping.items() if t}
    date_columns = [c for c, t in mapping.items() if t in {"starts_at", "ends_at"}]
    day_first = _day_first((r for _, r in records), date_columns)
    result: list[tuple[int, str, dict[str, Any] | None, str]] = []
    for number, record in records:
        values = mapped_values(record, mapping)

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
