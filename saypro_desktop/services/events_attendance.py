"""Who came to an event, for the organiser's view and the export (full details: never for
the desk), and who said they would come."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from saypro_desktop.db.models import EventRsvp, Organisation, Person, Signature, SignIn
from saypro_desktop.domain.enums import SignInSource
from saypro_desktop.domain.people import display_name
from saypro_desktop.services.people_matching import fold


@dataclass(frozen=True, slots=True)
class AttendanceRow:
    """Who came, for the organiser's view and the export (full details: not for the desk)."""

    person_id: str
    first_name: str | None
    last_name: str | None
    email: str | None
    phone: str | None
    area: str | None
    organisation: str | None
    signed_in_at: datetime
    walk_in: bool
    source: str
    desk: str | None
    taken_by: str | None
    sheet_page: int | None
    sheet_row: int | None
    consents: tuple[str, ...] = field(default_factory=tuple)
    signed_petition: bool = False

    @property
    def name(self) -> str:
        return display_name(self.first_name, self.last_name)

    @property
    def source_label(self) -> str:
        if self.source == SignInSource.PAPER_SHEET and self.sheet_page:
            return f"Paper sheet, page {self.sheet_page} row {self.sheet_row}"
        try:
            return {"desk": "Sign-in desk", "paper_sheet": "Paper sheet",
                    "import": "Imported list"}[self.source]
        except KeyError:
            return self.source.replace("_", " ").capitalize()


def attendance_rows(session: Session, event_id: str, search: str = "") -> list[AttendanceRow]:
    """Who came, in sign-in order, with where each sign-in came from (``search`` narrows
    to those whose name, contact details, area or organisation hold every word)."""
    stmt = (select(SignIn.person_id, Person.first_name, Person.last_name, Person.email,
                   Person.phone, Person.city, Organisation.name, SignIn.signed_in_at,
                   SignIn.walk_in, SignIn.source, SignIn.desk, SignIn.taken_by,
                   SignIn.sheet_page, SignIn.sheet_row, SignIn.consent_channels)
            .join(Person, Person.id == SignIn.person_id)
            .outerjoin(Organisation, Organisation.id == Person.organisation_id)
            .where(SignIn.event_id == event_id, SignIn.deleted_at.is_(None))
            .order_by(SignIn.signed_in_at, Person.last_name, Person.first_name))
    rows = session.execute(stmt).all()
    signed = set(session.execute(
        select(Signature.person_id).where(Signature.event_id == event_id,
                                          Signature.deleted_at.is_(None))).scalars())
    words = fold(search).split()
    out = []
    for row in rows:
        values: list[Any] = list(row[:14])
        record = AttendanceRow(*values, consents=tuple(str(row[14]).split(","))  # type: ignore[misc]
                               if row[14] else (), signed_petition=row[0] in signed)
        if words:
            hay = fold(" ".join(str(v) for v in (record.first_name, record.last_name,
                                                 record.email, record.phone, record.area,
                                                 record.organisation) if v))
            if not all(w in hay for w in words):
                continue
        out.append(record)
    return out


def rsvp_person_ids(session: Session, event_id: str) -> list[str]:
    return list(session.execute(
        select(EventRsvp.person_id).where(EventRsvp.event_id == event_id,
                                          EventRsvp.deleted_at.is_(None))).scalars())
