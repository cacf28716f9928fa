"""Export people, organisations and the calendar for colleagues' tools.

CSV is UTF-8 with a BOM and formula-looking cells neutralised (interop.delimited);
XLSX stores every cell as text; vCard is 3.0; the calendar is RFC 5545 .ics. Each file
is written to a temporary file beside the target and renamed, so a failed export never
leaves half a file. The columns are the ones :mod:`services.imports` recognises, so an
export imported into an empty database gives the same people back; each row carries the
person's SayPro id, so importing it again matches on the id first and changes nothing.
Choices (category, stage, priority, focus areas) are written as their labels
("Policymaker (local)"), as a colleague's spreadsheet should show them; imports read both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Consent, Event, Meeting, Organisation, Person
from saypro_desktop.domain.enums import (
    ConsentChannel,
    FocusArea,
    Labelled,
    PipelineStage,
    Priority,
    StakeholderCategory,
)
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.domain.files import write_atomic
from saypro_desktop.domain.time import as_local
from saypro_desktop.interop.calendar import CalendarEvent, write_calendar
from saypro_desktop.interop.delimited.writing import write_csv
from saypro_desktop.interop.spreadsheet import write_xlsx
from saypro_desktop.interop.vcard.card import Card, CardAddress, CardPhone
from saypro_desktop.interop.vcard.writing import write_vcards
from saypro_desktop.services.written_files import note_written_file

__all__ = ["PEOPLE_COLUMNS", "export_calendar", "export_organisations", "export_people"]

# (header, Person attribute or special) in file order; headers import back by name.
PEOPLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("First name", "first_name"), ("Last name", "last_name"),
    ("Preferred name", "preferred_name"), ("Email", "email"), ("Phone", "phone"),
    ("Organisation", "organisation"), ("Job title", "job_title"), ("Address", "address"),
    ("City", "city"), ("Province", "province"), ("Postal code", "postal_code"),
    ("Language", "language"), ("Category", "category"), ("Pipeline stage", "pipeline_stage"),
    ("Priority", "priority"), ("Notes", "notes"), ("SayPro ID", "id"),
)
_CHANNELS = tuple(c.value for c in ConsentChannel)
# Where each consent channel reaches a person: consent alone is no use without an address.
_CHANNEL_ADDRESS: dict[str, tuple[str, ...]] = {
    "email": ("email",), "phone": ("phone",), "sms": ("phone",), "whatsapp": ("phone",),
    "post": ("address",),
}
_CHOICES: dict[str, type[Labelled]] = {
    "category": StakeholderCategory, "pipeline_stage": PipelineStage, "priority": Priority,
}
ORGANISATION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Name", "name"), ("Category", "category"), ("Focus areas", "focus_areas"),
    ("Website", "website"), ("Email", "email"), ("Phone", "phone"), ("Address", "address"),
    ("City", "city"), ("Province", "province"), ("Pipeline stage", "pipeline_stage"),
    ("Priority", "priority"), ("Notes", "notes"), ("SayPro ID", "id"),
)


def _labelled(name: str, value: Any) -> Any:
    """A stored choice as its label; a value this version does not know stays as it is."""
    if not value:
        return value
    if name == "focus_areas":
        return ", ".join(_labelled_one(FocusArea, v) for v in str(value).split(",") if v)
    enum = _CHOICES.get(name)
    return _labelled_one(enum, value) if enum else value


def _labelled_one(enum: type[Labelled], value: str) -> str:
    try:
        return enum(value).label
    except ValueError:
        return value


def reachable(record: dict[str, Any], channel: str) -> bool:
    """The person has somewhere to be reached on ``channel`` (an email for email, ...)."""
    return all(record.get(name) for name in _CHANNEL_ADDRESS.get(channel, ()))


def _check_format(fmt: str, allowed: Sequence[str]) -> str:
    fmt = fmt.lower().lstrip(".")
    if fmt == "vcard":
        fmt = "vcf"
    if fmt not in allowed:
        raise ValidationError(f"cannot export as '{fmt}'; choose one of {', '.join(allowed)}")
    return fmt


def _consents(session: Any, channel: str | None) -> dict[str, dict[str, str]]:
    """person id -> {channel: latest status} for live consent records."""
    stmt = (select(Consent.person_id, Consent.channel, Consent.status)
            .where(Consent.deleted_at.is_(None))
            .order_by(Consent.recorded_at, Consent.created_at))
    if channel:
        stmt = stmt.where(Consent.channel == channel)
    latest: dict[str, dict[str, str]] = {}
    for person_id, ch, status in session.execute(stmt):
        latest.setdefault(person_id, {})[ch] = status
    return latest


def _people(db: Database, consent_channel: str | None) -> tuple[list[dict[str, Any]],
                                                                 dict[str, dict[str, str]]]:
    if consent_channel is not None and consent_channel not in _CHANNELS:
        raise ValidationError(f"unknown consent channel '{consent_channel}'; choose one of "
                              f"{', '.join(_CHANNELS)}")
    names = [attr for _, attr in PEOPLE_COLUMNS if attr not in ("organisation", "id")]
    stmt = (
        select(Person.id, Organisation.name, *(getattr(Person, n) for n in names))
        .outerjoin(Organisation, Organisation.id == Person.organisation_id)
        .where(Person.deleted_at.is_(None), Person.erased_at.is_(None),
               Person.merged_into_id.is_(None))
        .order_by(func.lower(Person.last_name), func.lower(Person.first_name), Person.id)
    )
    with db.reading() as session:
        consents = _consents(session, None)
        rows = []
        for row in session.execute(stmt):
            record = dict(zip(names, row[2:], strict=True))
            record["id"], record["organisation"] = row[0], row[1]
            if consent_channel and (consents.get(row[0], {}).get(consent_channel) != "given"
                                    or not reachable(record, consent_channel)):
                continue
            rows.append(record)
    return rows, consents


def export_people(
    db: Database,
    out: Path,
    fmt: str,
    *,
    consent_channel: str | None = None,
    include_organisations: bool = False,
) -> int:
    """Write people to ``out`` as csv, xlsx or vcf; returns rows written.

    ``consent_channel`` keeps only people whose latest consent for that channel is
    "given" (not withdrawn since) *and* who have an address for it (an email for email, a
    phone for phone, SMS and WhatsApp, a street address for post). Consent columns
    (``Consent email`` ...) carry each person's latest answer.
    ``include_organisations`` also writes every organisation to a file beside it,
    ``<name>-organisations.csv`` (or ``.xlsx``), so the people file stays importable.
    """
    fmt = _check_format(fmt, ("csv", "xlsx", "vcf"))
    people, consents = _people(db, consent_channel)
    if include_organisations:
        org_fmt = "xlsx" if fmt == "xlsx" else "csv"
        out_path = Path(out)
        export_organisations(
            db, out_path.with_name(f"{out_path.stem}-organisations.{org_fmt}"), org_fmt)
    if fmt == "vcf":
        write_atomic(Path(out), write_vcards(_card(p) for p in people))
        note_written_file(db, Path(out), "people export")
        return len(people)
    headers = [h for h, _ in PEOPLE_COLUMNS] + [f"Consent {c}" for c in _CHANNELS]
    body: list[list[Any]] = [
        [_labelled(attr, p.get(attr)) for _, attr in PEOPLE_COLUMNS]
        + [consents.get(p["id"], {}).get(c) for c in _CHANNELS]
        for p in people
    ]
    data = write_csv(headers, body) if fmt == "csv" else write_xlsx(headers, body,
                                                                     title="People")
    write_atomic(Path(out), data)
    note_written_file(db, Path(out), "people export")
    return len(people)


def _card(person: dict[str, Any]) -> Card:
    first, last = person.get("first_name") or "", person.get("last_name") or ""
    card = Card(
        formatted_name=" ".join(p for p in (first, last) if p),
        given_name=first, family_name=last, nickname=person.get("preferred_name") or "",
        emails=[person["email"]] if person.get("email") else [],
        phones=[CardPhone(person["phone"], ["cell"])] if person.get("phone") else [],
        org=person.get("organisation") or "", title=person.get("job_title") or "",
        note=person.get("notes") or "", uid=f"urn:uuid:{person['id']}",
    )
    if any(person.get(k) for k in ("address", "city", "province", "postal_code")):
        card.addresses.append(CardAddress(
            street=person.get("address") or "", city=person.get("city") or "",
            region=person.get("province") or "", postal_code=person.get("postal_code") or "",
            types=["home"]))
    return card


def _organisation_table(db: Database) -> tuple[list[str], list[list[Any]]]:
    stmt = (select(*(getattr(Organisation, a) for _, a in ORGANISATION_COLUMNS))
            .where(Organisation.deleted_at.is_(None))
            .order_by(func.lower(Organisation.name), Organisation.id))
    names = [a for _, a in ORGANISATION_COLUMNS]
    with db.reading() as session:
        rows = [[_labelled(n, v) for n, v in zip(names, r, strict=True)]
                for r in session.execute(stmt)]
    return [h for h, _ in ORGANISATION_COLUMNS], rows


def export_organisations(db: Database, out: Path, fmt: str) -> int:
    """Write organisations as csv or xlsx; returns rows written."""
    fmt = _check_format(fmt, ("csv", "xlsx"))
    headers, rows = _organisation_table(db)
    data = write_csv(headers, rows) if fmt == "csv" else write_xlsx(headers, rows,
                                                                     title="Organisations")
    write_atomic(Path(out), data)
    return len(rows)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    """Stored times are South African local time; say so in the file."""
    if moment is None:
        return None
    return as_local(moment)


def _calendar_events(db: Database) -> Iterable[CalendarEvent]:
    with db.reading() as session:
        meetings = session.execute(
            select(Meeting.id, Meeting.title, Meeting.starts_at, Meeting.ends_at,
                   Meeting.location, Meeting.agenda, Meeting.notes)
            .where(Meeting.deleted_at.is_(None)).order_by(Meeting.starts_at, Meeting.id)
        ).all()
        events = session.execute(
            select(Event.id, Event.title, Event.starts_at, Event.ends_at, Event.venue,
                   Event.city, Event.notes)
            .where(Event.deleted_at.is_(None)).order_by(Event.starts_at, Event.id)
        ).all()
    for mid, title, starts, ends, location, agenda, notes in meetings:
        yield CalendarEvent(
            uid=f"meeting-{mid}@saypro", title=title, starts_at=_aware(starts),
            ends_at=_aware(ends), location=location or "",
            description="\n\n".join(p for p in (agenda, notes) if p))
    for eid, title, starts, ends, venue, city, notes in events:
        yield CalendarEvent(
            uid=f"event-{eid}@saypro", title=title, starts_at=_aware(starts),
            ends_at=_aware(ends), location=", ".join(p for p in (venue, city) if p),
            description=notes or "")


def export_calendar(db: Database, out: Path) -> int:
    """Write every meeting and event as an .ics calendar; returns events written."""
    items = list(_calendar_events(db))
    write_atomic(Path(out), write_calendar(items))
    note_written_file(db, Path(out), "calendar export")
    return len(items)
