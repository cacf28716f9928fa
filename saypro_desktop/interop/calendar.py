"""Read iCalendar (.ics) and vCalendar 1.0 (.vcs) files; write .ics.

Organisers receive meeting invitations from Outlook, Exchange and Google and want them
as SayPro meetings. The :mod:`icalendar` library does the parsing (it already copes
with TAB folding, Windows TZIDs such as "Eastern Standard Time" backed by a VTIMEZONE,
and Google's ``TZID=/America/New_York``). What it does not do is tolerate a messy
RRULE: Exchange writes ``BYDAY=MO, TU, WE`` and the property comes back broken. We
never need to expand recurrences, so we keep the first occurrence (DTSTART/DTEND) and
the raw RRULE text for a person to read, instead of failing the whole file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import icalendar

from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.domain.people import MAX_NOTES, MAX_TEXT
from saypro_desktop.domain.text import clean_free_text
from saypro_desktop.interop.limits import (
    DEFAULT_LIMITS,
    LimitExceededError,
    ReadLimits,
    Source,
    byte_chunks,
)

__all__ = [
    "EARLIEST_YEAR",
    "LATEST_YEAR",
    "Attendee",
    "CalendarEvent",
    "iter_calendar",
    "read_calendar",
    "write_calendar",
]

# Meetings outside these years are typing mistakes (or 9999-12-31 "never"), and times
# near the ends of what datetime holds overflow when moved between zones.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200

_NAME_EMAIL = re.compile(r"^\s*(.*?)\s*<([^>]+)>\s*$")


@dataclass
class Attendee:
    """A person invited to an event: display name (CN) and email, either may be empty."""

    name: str = ""
    email: str = ""


@dataclass
class CalendarEvent:
    """One VEVENT. Times are aware when the file gives a zone, naive when it does not.

    ``all_day`` events carry midnight datetimes; ``rrule`` is the recurrence rule text
    as written (only the first occurrence is represented).
    """

    uid: str = ""
    title: str = ""
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    all_day: bool = False
    location: str = ""
    description: str = ""
    organizer: Attendee | None = None
    attendees: list[Attendee] = field(default_factory=list)
    rrule: str = ""
    timezone: str = ""
    warnings: list[str] = field(default_factory=list)


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0]
    return str(value)


def _address(prop: Any) -> Attendee:
    raw = str(prop).strip()
    name = str(prop.params.get("CN", "")).strip() if hasattr(prop, "params") else ""
    if raw.lower().startswith("mailto:"):
        return Attendee(name, raw[7:])
    match = _NAME_EMAIL.match(raw)  # vCalendar 1.0: "John Doe <john@example.org>"
    if match:
        return Attendee(name or match.group(1).strip('"'), match.group(2))
    if "@" in raw:
        return Attendee(name, raw)
    return Attendee(name or raw, "")


def _when(component: Any, name: str, warnings: list[str]) -> tuple[dt.datetime | None, bool]:
    prop = component.get(name)
    if prop is None:
        return None, False
    if isinstance(prop, list):
        warnings.append(f"{name} is given {len(prop)} times; the first is used")
        prop = prop[0]
    try:
        value = prop.dt
    except Exception:  # a broken property: icalendar raises from attribute access
        warnings.append(f"{name} '{prop.to_ical().decode(errors='replace')}' is unreadable")
        return None, False
    if isinstance(value, dt.date) and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        warnings.append(f"{name} {value.isoformat()} is outside the years {EARLIEST_YEAR}-"
                        f"{LATEST_YEAR}; fix the date in the calendar and import again")
        return None, False
    if isinstance(value, dt.datetime):
        return value, False
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day), True
    warnings.append(f"{name} is not a date or time")
    return None, False


def _rrule_text(component: Any) -> str:
    prop = component.get("RRULE")
    if prop is None:
        return ""
    if isinstance(prop, list):
        prop = prop[0]
    if isinstance(prop, str):  # a broken (unparsed) property is a str of the raw text
        return str(prop)
    raw: bytes = prop.to_ical()
    return raw.decode("utf-8", errors="replace")


def _capped(component: Any, name: str, limit: int, warnings: list[str], *,
            multiline: bool = False) -> str:
    """A text property cleaned of control characters and cut to ``limit`` (with a warning,
    the same cap a person's notes and fields have)."""
    text = clean_free_text(_text(component, name), multiline=multiline)
    if len(text) > limit:
        warnings.append(f"{name} is {len(text):,} characters; kept the first {limit:,} "
                        "(the rest is still in the calendar file)")
        text = text[:limit]
    return text


def _recurrence_dates(component: Any) -> int:
    count = 0
    for name in ("RDATE", "EXDATE"):
        value = component.get(name)
        if value is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            count += len(getattr(item, "dts", [None]))
    return count


def _event(component: Any, limits: ReadLimits = DEFAULT_LIMITS) -> CalendarEvent:
    warnings: list[str] = []
    dates = _recurrence_dates(component)
    if dates > limits.recurrences:
        raise LimitExceededError(
            "recurrences", f"the event '{_text(component, 'SUMMARY')[:60]}' lists {dates:,} "
            "repeat dates (RDATE/EXDATE)", limits.recurrences,
            split="export the calendar again for a shorter period")
    event = CalendarEvent(
        uid=_text(component, "UID")[:MAX_TEXT],
        title=_capped(component, "SUMMARY", MAX_TEXT, warnings),
        location=_capped(component, "LOCATION", MAX_TEXT, warnings, multiline=True),
        description=_capped(component, "DESCRIPTION", MAX_NOTES, warnings, multiline=True),
        rrule=_rrule_text(component)[:MAX_TEXT],
        warnings=warnings,
    )
    for name, message in getattr(component, "errors", []):
        event.warnings.append(f"{name}: {message}")
    event.starts_at, event.all_day = _when(component, "DTSTART", event.warnings)
    event.ends_at, _ = _when(component, "DTEND", event.warnings)
    if event.ends_at is None and event.starts_at is not None and "DURATION" in component:
        try:
            event.ends_at = event.starts_at + component["DURATION"].dt
        except Exception:  # unreadable, or an end past what a date can hold
            event.warnings.append("DURATION is unreadable")
    if event.ends_at is not None and event.ends_at.year > LATEST_YEAR:
        event.warnings.append(f"the end is after {LATEST_YEAR}; left out")
        event.ends_at = None
    start = component.get("DTSTART")
    if start is not None and hasattr(start, "params"):
        event.timezone = str(start.params.get("TZID", ""))
    if event.starts_at is not None and event.starts_at.tzinfo is None and event.timezone:
        event.warnings.append(f"time zone '{event.timezone}' is unknown; times kept as written")
    organizer = component.get("ORGANIZER")
    if organizer is not None:
        event.organizer = _address(organizer)
    attendees = component.get("ATTENDEE")
    if attendees is not None:
        items = attendees if isinstance(attendees, list) else [attendees]
        event.attendees = [_address(a) for a in items]
    return event


def iter_calendar(source: Source, *, limits: ReadLimits = DEFAULT_LIMITS
                  ) -> Iterator[CalendarEvent]:
    """Yield every VEVENT in ``source`` (bytes, a path or a binary stream).

    The :mod:`icalendar` library parses a file whole, so calendars have their own,
    smaller size cap (``limits.calendar_bytes``); events are then built one at a time.
    Raises :class:`ValidationError` only when the file is not a calendar at all, or is
    past a cap.
    """
    data = b"".join(byte_chunks(source, limits, cap="calendar_bytes"))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except Exception:
        raise ValidationError(
            "this is not a calendar file we can read (it is damaged, or another kind of "
            "file); export it again as .ics"
        ) from None
    del data
    count = 0
    for calendar in calendars:
        for component in calendar.walk("VEVENT"):
            count += 1
            if count > limits.events:
                raise LimitExceededError("events", f"the calendar has more than "
                                         f"{limits.events:,} events", limits.events,
                                         split="export a shorter period at a time")
            try:
                yield _event(component, limits)
            except ValidationError:
                raise
            except Exception as exc:  # a damaged event must not stop the others
                yield CalendarEvent(uid=_text(component, "UID")[:MAX_TEXT], warnings=[
                    f"the event is damaged ({type(exc).__name__}); it was left out"])


def read_calendar(data: Source, *, limits: ReadLimits = DEFAULT_LIMITS
                  ) -> list[CalendarEvent]:
    """Every VEVENT in ``data`` (VTODO and other components are ignored).

    Raises :class:`ValidationError` only when the file is not a calendar at all.
    """
    return list(iter_calendar(data, limits=limits))


def write_calendar(events: Iterable[CalendarEvent], *, product: str = "SayPro Desktop") -> bytes:
    """Serialise events as an RFC 5545 calendar that Outlook and Google import."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//SayPro//{product}//EN")
    calendar.add("version", "2.0")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for item in events:
        event = icalendar.Event()
        event.add("uid", item.uid or f"{stamp:%Y%m%dT%H%M%S}-{id(item)}@saypro")
        event.add("dtstamp", stamp)
        event.add("summary", item.title)
        if item.starts_at is not None:
            event.add("dtstart", item.starts_at.date() if item.all_day else item.starts_at)
        if item.ends_at is not None:
            event.add("dtend", item.ends_at.date() if item.all_day else item.ends_at)
        if item.location:
            event.add("location", item.location)
        if item.description:
            event.add("description", item.description)
        if item.organizer is not None and item.organizer.email:
            organizer = icalendar.vCalAddress(f"mailto:{item.organizer.email}")
            if item.organizer.name:
                organizer.params["CN"] = item.organizer.name
            event.add("organizer", organizer)
        for person in item.attendees:
            if not person.email:
                continue
            address = icalendar.vCalAddress(f"mailto:{person.email}")
            if person.name:
                address.params["CN"] = person.name
            event.add("attendee", address)
        calendar.add_component(event)
    # Zones icalendar cannot describe (e.g. a bare fixed offset) are left without one.
    with contextlib.suppress(Exception):
        calendar.add_missing_timezones()
    data: bytes = calendar.to_ical()
    return data
