"""Signing people in: at the desk, as walk-ins, from paper sheets, and undoing a mistake.

A sign-in is a link row whose id derives from (event, person), so the same person signed in
at two desks is one row once the laptops sync, and signing in twice writes nothing. The desk
only ever receives masked contact details (``DeskMatch``): the attendee-facing screen cannot
show a full email or phone because it never has one. Each sign-in is flushed to the disk
before it is confirmed, so a power cut right after "Welcome" loses nothing.

The desk's list and settings are in :mod:`services.events_desk`, the organiser's view of
who came in :mod:`services.events_attendance`; ``SignInService`` is the door to all three.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import (
    Consent,
    Event,
    Organisation,
    Person,
    Petition,
    Signature,
    SignIn,
)
from saypro_desktop.domain.enums import SignInSource
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.domain.ids import link_id
from saypro_desktop.domain.people import clean_email, clean_phone, clean_text
from saypro_desktop.domain.time import LOCAL_ZONE
from saypro_desktop.services import events_desk
from saypro_desktop.services.duplicates import find_duplicates
from saypro_desktop.services.events_attendance import (
    AttendanceRow,
    attendance_rows,
    rsvp_person_ids,
)
from saypro_desktop.services.events_desk import DeskMatch, desk_match, parse_time, short_name
from saypro_desktop.services.people_matching import PeopleMatcher
from saypro_desktop.services.unit_of_work import UnitOfWork

__all__ = [
    "CONSENT_CHANNELS",
    "CONSENT_WORDING",
    "CONSENT_WORDING_VERSION",
    "DeskInfo",
    "SignInResult",
    "SignInService",
    "WalkIn",
]

# The consent a person gives at the desk or on paper, word for word. Changing a sentence
# means a new version: each consent stores the version and the exact wording it was given to.
CONSENT_WORDING_VERSION = "2026-12"
CONSENT_CHANNELS = ("email", "sms", "whatsapp", "phone")
CONSENT_WORDING: dict[str, str] = {
    "email": "SayPro may email me news of this campaign and invitations to events.",
    "sms": "SayPro may send me text messages (SMS) about this campaign and events.",
    "whatsapp": "SayPro may send me WhatsApp messages about this campaign and events.",
    "phone": "SayPro may phone me about this campaign and events.",
}
CONSENT_FOOTNOTE = ("You can withdraw any of these at any time by telling an organiser or "
                    "replying STOP. We never share your details.")
CONSENT_LABELS = {"email": "Email", "sms": "SMS", "whatsapp": "WhatsApp", "phone": "Phone calls"}


def local_now() -> datetime:
    """Wall-clock time where the event happens (naive, as event times are stored)."""
    return datetime.now(UTC).astimezone(LOCAL_ZONE).replace(tzinfo=None)


def _to_local(utc_naive: datetime) -> datetime:
    return utc_naive.replace(tzinfo=UTC).astimezone(LOCAL_ZONE).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class DeskInfo:
    """Who takes sign-ins: the desk (or device) and the organiser running it."""

    desk: str = ""
    organiser: str = ""


@dataclass(frozen=True, slots=True)
class WalkIn:
    first_name: str
    last_name: str
    phone: str | None = None
    email: str | None = None
    organisation: str | None = None
    area: str | None = None


@dataclass(frozen=True, slots=True)
class SignInResult:
    person_id: str
    sign_in_id: str
    name: str  # "Thandiwe M." (what the desk may show)
    signed_in_at: datetime  # local time
    already: bool  # was signed in before: nothing written
    new_person: bool = False
    consents: tuple[str, ...] = ()
    signed_petition: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"person_id": self.person_id, "sign_in_id": self.sign_in_id,
                "signed_in_at": self.signed_in_at.isoformat(timespec="minutes"),
                "already_signed_in": self.already, "new_person": self.new_person,
                "consents": list(self.consents), "signed_petition": self.signed_petition}


def _clean_channels(channels: Iterable[str]) -> tuple[str, ...]:
    out = []
    for channel in channels:
        key = channel.strip().lower()
        if not key:
            continue
        if key not in CONSENT_WORDING:
            raise ValidationError(f"consent: '{channel}' is not a channel; choose from "
                                  f"{', '.join(CONSENT_CHANNELS)}")
        if key not in out:
            out.append(key)
    return tuple(out)


class SignInService:
    """The desk's search, sign-ins, walk-ins, paper rows, undo and the desk's PIN."""

    def __init__(self, db: Database, matcher: PeopleMatcher) -> None:
        self._db = db
        self.matcher = matcher
        self.durable = True  # flush each sign-in to the disk before confirming it

    # -- the desk's list -----------------------------------------------------------------
    def desk_matches(self, event_id: str, typed: str) -> list[DeskMatch]:
        """At most five people matching what the attendee typed; none before 3 characters."""
        return events_desk.desk_matches(self._db, event_id, typed)

    def returning_matches(self, event_id: str, walk_in: WalkIn) -> list[DeskMatch]:
        """People a walk-in may already be ("Are you Thandiwe M. from Soweto?"), best first."""
        matches = self.matcher.similar(
            first_name=walk_in.first_name, last_name=walk_in.last_name,
            email=walk_in.email, phone=walk_in.phone, area=walk_in.area, limit=3)
        if not matches:
            return []
        ids = [m.person.id for m in matches]
        times = events_desk.signed_in_times(self._db, event_id, ids)
        return [desk_match(m.person, times.get(m.person.id)) for m in matches]

    # -- signing in ------------------------------------------------------------------------
    def sign_in(
        self,
        event_id: str,
        person_id: str,
        *,
        desk: DeskInfo = DeskInfo(),
        consents: Iterable[str] = (),
        sign_petition: bool = False,
        source: str = SignInSource.DESK,
        sheet_page: int | None = None,
        sheet_row: int | None = None,
    ) -> SignInResult:
        """Sign ``person_id`` in; a second time changes nothing and says when the first was."""
        channels = _clean_channels(consents)
        with UnitOfWork(self._db) as uow:
            result = self._sign_in(uow, event_id, person_id, desk=desk, channels=channels,
                                   sign_petition=sign_petition, source=source,
                                   sheet_page=sheet_page, sheet_row=sheet_row, walk_in=False)
        if not result.already:
            self._make_durable()
        return result

    def walk_in(
        self,
        event_id: str,
        person: WalkIn,
        *,
        desk: DeskInfo = DeskInfo(),
        consents: Iterable[str] = (),
        sign_petition: bool = False,
        source: str = SignInSource.DESK,
        sheet_page: int | None = None,
        sheet_row: int | None = None,
    ) -> SignInResult:
        """Add someone new and sign them in; they join the possible-duplicates queue if they
        look like someone already here (two desks adding the same walk-in, say)."""
        channels = _clean_channels(consents)
        fields = self._walk_in_fields(person)
        with UnitOfWork(self._db) as uow:
            self._live_event(uow.session, event_id)
            org_name = clean_text(person.organisation, field="organisation", limit=300)
            if org_name:
                fields["organisation_id"] = self._organisation(uow, org_name)
            person_id = uow.create(Person, fields)
            result = self._sign_in(uow, event_id, person_id, desk=desk, channels=channels,
                                   sign_petition=sign_petition, source=source,
                                   sheet_page=sheet_page, sheet_row=sheet_row, walk_in=True)
        self._make_durable()
        find_duplicates(self._db, [person_id])
        return SignInResult(result.person_id, result.sign_in_id, result.name,
                            result.signed_in_at, False, True, result.consents,
                            result.signed_petition)

    @staticmethod
    def _walk_in_fields(person: WalkIn) -> dict[str, Any]:
        first = clean_text(person.first_name, field="first name", limit=200)
        last = clean_text(person.last_name, field="last name", limit=200)
        if not first or not last:
            raise ValidationError("a walk-in needs a first and a last name")
        return {"first_name": first, "last_name": last,
                "email": clean_email(person.email), "phone": clean_phone(person.phone),
                "city": clean_text(person.area, field="ward or area", limit=200),
                "category": "community_member"}

    @staticmethod
    def _organisation(uow: UnitOfWork, name: str) -> str:
        existing = uow.session.execute(
            select(Organisation.id).where(func.lower(Organisation.name) == name.lower(),
                                          Organisation.deleted_at.is_(None))
            .order_by(Organisation.id)).scalar()
        return str(existing) if existing else uow.create(Organisation, {"name": name})

    @staticmethod
    def _live_event(session: Any, event_id: str) -> Event:
        event = session.get(Event, event_id)
        if event is None or event.deleted_at is not None:
            raise NotFoundError(f"no event with id {event_id}")
        return event  # type: ignore[no-any-return]

    def _sign_in(self, uow: UnitOfWork, event_id: str, person_id: str, *, desk: DeskInfo,
                 channels: tuple[str, ...], sign_petition: bool, source: str,
                 sheet_page: int | None, sheet_row: int | None, walk_in: bool) -> SignInResult:
        session = uow.session
        row_id = link_id("sign_in", event_id, person_id)
        # One statement for the event, the person and any sign-in already made: the desk's
        # commit is on the clock while someone waits at the door.
        found = session.execute(text(
            "SELECT e.title, e.starts_at, e.petition_id, p.first_name, p.last_name, "
            "p.preferred_name, p.id IS NOT NULL AND p.deleted_at IS NULL, s.signed_in_at, "
            "s.id IS NOT NULL AND s.deleted_at IS NULL "
            "FROM events e LEFT JOIN people p ON p.id = :person "
            "LEFT JOIN sign_ins s ON s.id = :sign_in "
            "WHERE e.id = :event AND e.deleted_at IS NULL"),
            {"event": event_id, "person": person_id, "sign_in": row_id}).one_or_none()
        if found is None:
            raise NotFoundError(f"no event with id {event_id}")
        title, starts, petition_id, first, last, preferred, person_live, when, signed = found
        if not person_live:
            raise NotFoundError(f"no person with id {person_id}")
        name = short_name(first, last, preferred)
        event_start = parse_time(starts) or uow.now
        if signed:
            return SignInResult(person_id, row_id, name, parse_time(when) or event_start, True)
        if source not in {s.value for s in SignInSource}:
            raise ValidationError(f"unknown sign-in source '{source}'")
        # Paper and imported lists say who came, not when: they count from the start.
        at = (_to_local(uow.now).replace(second=0, microsecond=0)
              if source == SignInSource.DESK else event_start)
        device = desk.desk or self.device_name(session)
        uow.create(SignIn, {
            "event_id": event_id, "person_id": person_id, "signed_in_at": at,
            "source": source, "walk_in": walk_in, "consent_given": bool(channels),
            "consent_wording_version": CONSENT_WORDING_VERSION if channels else None,
            "consent_channels": ",".join(channels) or None, "desk": device,
            "taken_by": clean_text(desk.organiser, field="organiser", limit=200),
            "sheet_page": sheet_page, "sheet_row": sheet_row}, row_id=row_id)
        where = "Paper sheet" if source == SignInSource.PAPER_SHEET else "Sign-in desk"
        if channels:
            uow.create_many(Consent, [{
                "person_id": person_id, "channel": channel, "status": "given",
                "recorded_at": uow.now, "source": f"{where}: {title}"[:64],
                "wording": CONSENT_WORDING[channel],
                "wording_version": CONSENT_WORDING_VERSION} for channel in channels])
        signed = False
        if sign_petition and petition_id:
            sig_id = link_id("signature", petition_id, person_id)
            existing = session.get(Signature, sig_id)
            if existing is None or existing.deleted_at is not None:
                uow.create(Signature, {"petition_id": petition_id,
                                       "person_id": person_id, "event_id": event_id,
                                       "signed_at": at, "source": source}, row_id=sig_id)
            signed = True
        return SignInResult(person_id, row_id, name, at, False, False, channels, signed)

    def sign_petition(self, event_id: str, person_id: str, *,
                      source: str = SignInSource.DESK) -> bool:
        """Add a signature to the event's petition; False when it has none or it was signed."""
        with UnitOfWork(self._db) as uow:
            event = self._live_event(uow.session, event_id)
            if not event.petition_id:
                return False
            sig_id = link_id("signature", event.petition_id, person_id)
            existing = uow.session.get(Signature, sig_id)
            if existing is not None and existing.deleted_at is None:
                return False
            uow.create(Signature, {"petition_id": event.petition_id, "person_id": person_id,
                                   "event_id": event_id, "signed_at": local_now(),
                                   "source": source}, row_id=sig_id)
        self._make_durable()
        return True

    def petition_of(self, event_id: str) -> tuple[str, str] | None:
        """(title, text) of the petition signed at this event, if any."""
        with self._db.reading() as session:
            event = self._live_event(session, event_id)
            if not event.petition_id:
                return None
            petition = session.get(Petition, event.petition_id)
            if petition is None or petition.deleted_at is not None:
                return None
            return petition.title, petition.text or ""

    def undo_sign_in(self, event_id: str, person_id: str) -> None:
        """Take a sign-in back (the wrong name tapped), with the consents and the signature
        given with it; the change syncs like any other."""
        row_id = link_id("sign_in", event_id, person_id)
        with UnitOfWork(self._db) as uow:
            current = uow.session.get(SignIn, row_id)
            if current is None or current.deleted_at is not None:
                raise NotFoundError("that person is not signed in to this event")
            event = self._live_event(uow.session, event_id)
            taken = current.updated_at
            uow.delete(SignIn, row_id)
            for consent_id in uow.session.execute(
                    select(Consent.id).where(Consent.person_id == person_id,
                                             Consent.recorded_at == taken,
                                             Consent.deleted_at.is_(None))).scalars():
                uow.delete(Consent, consent_id)
            if event.petition_id:
                sig = uow.session.get(Signature, link_id("signature", event.petition_id,
                                                         person_id))
                if sig is not None and sig.deleted_at is None and sig.event_id == event_id:
                    uow.delete(Signature, sig.id)

    def _make_durable(self) -> None:
        """Flush the write-ahead log to the disk: the database runs synchronous=NORMAL (fast,
        safe against a crash of the app but not of the machine); a confirmed sign-in must
        survive a power cut, so its commit is synced here, as synchronous=FULL would."""
        if not self.durable:
            return
        wal = Path(f"{self._db.path}-wal")
        target = wal if wal.exists() else self._db.path
        try:
            with target.open("rb+") as handle:
                os.fsync(handle.fileno())
        except OSError:  # pragma: no cover - the file vanished (checkpointed away)
            with self._db.path.open("rb+") as handle:
                os.fsync(handle.fileno())

    # -- the organiser's view --------------------------------------------------------------
    def attendance(self, event_id: str, search: str = "") -> list[AttendanceRow]:
        """Who came, in sign-in order, with where each sign-in came from."""
        with self._db.reading() as session:
            self._live_event(session, event_id)
            return attendance_rows(session, event_id, search)

    def rsvp_person_ids(self, event_id: str) -> list[str]:
        with self._db.reading() as session:
            return rsvp_person_ids(session, event_id)

    # -- desk settings (this laptop only: local settings never sync) -----------------------
    @staticmethod
    def device_name(session: Any) -> str:
        return events_desk.device_name(session)

    def this_device(self) -> str:
        with self._db.reading() as session:
            return self.device_name(session)

    def has_pin(self) -> bool:
        return events_desk.has_pin(self._db)

    def set_pin(self, pin: str) -> None:
        """Set the PIN that leaves the desk on this laptop (4 to 12 digits)."""
        events_desk.set_pin(self._db, pin)

    def check_pin(self, pin: str) -> bool:
        return events_desk.check_pin(self._db, pin)
