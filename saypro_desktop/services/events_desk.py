"""The sign-in desk's side of signing in: the list an attendee sees while typing their name,
with masked contact details only (``DeskMatch``: the attendee-facing screen cannot show a
full email or phone because it never has one), and the desk's settings on this laptop
(its name and the PIN that leaves the desk; local settings never sync)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import LocalSetting, SignIn
from saypro_desktop.db.search import fts_query
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.domain.ids import link_id
from saypro_desktop.services.people_matching import Candidate, fold
from saypro_desktop.services.unit_of_work import DEVICE_NAME

MIN_TYPED = 3  # nothing is listed before this many characters
MAX_MATCHES = 5  # and never more than this many
CANDIDATES = 50  # matches read to choose those five from (RSVPs and name starts first)
DOT = "•"

_PIN_KEY = "desk_pin"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def mask_phone(phone: str | None) -> str:
    """"•••• 4321": the last four digits only."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    return f"{DOT * 4} {digits[-4:]}" if len(digits) >= 4 else ""


def mask_email(email: str | None) -> str:
    """"t•••@g•••.com": the first letter of each part and the domain's ending only."""
    if not email or "@" not in email:
        return ""
    local, _, domain = email.rpartition("@")
    name, _, ending = domain.partition(".")
    return f"{local[:1]}{DOT * 3}@{name[:1]}{DOT * 3}{'.' + ending if ending else ''}"


def short_name(first: str | None, last: str | None, preferred: str | None = None) -> str:
    """"Thandiwe M.": a first name and the last name's initial."""
    given = (preferred or first or "").strip()
    initial = (last or "").strip()[:1]
    return " ".join(p for p in (given, f"{initial.upper()}." if initial else "") if p) or "?"


@dataclass(frozen=True, slots=True)
class DeskMatch:
    """One line of the desk's list: nothing anyone could browse or copy."""

    person_id: str
    name: str  # "Thandiwe M."
    area: str  # "Soweto" or ""
    contact: str  # "•••• 4321" or "t•••@g•••.com" or ""
    signed_in_at: datetime | None  # already signed in to this event

    @property
    def question(self) -> str:
        where = f" from {self.area}" if self.area else ""
        return f"Are you {self.name}{where}?"


def desk_match(person: Candidate, signed_in_at: datetime | None) -> DeskMatch:
    contact = mask_phone(person.phone) or mask_email(person.email)
    return DeskMatch(person.id, short_name(person.first_name, person.last_name,
                                           person.preferred_name),
                     person.area or "", contact, signed_in_at)


def desk_matches(db: Database, event_id: str, typed: str) -> list[DeskMatch]:
    """At most five people matching what the attendee typed; none before 3 characters.

    Searches first name, last name, email and phone (accent- and case-insensitive),
    people on the RSVP list first.
    """
    if len("".join(typed.split())) < MIN_TYPED:
        return []
    query = fts_query(typed)
    if query is None:
        return []
    if not query.startswith("phone :"):
        query = "{names email phone} : (" + query + ")"
    sql = ("SELECT p.id, p.first_name, p.last_name, p.preferred_name, p.email, p.phone, "
           "p.city, NULL, r.id IS NOT NULL AS rsvp, s.signed_in_at "
           "FROM people_fts f JOIN people p ON p.rowid = f.rowid "
           "LEFT JOIN event_rsvps r ON r.event_id = ? AND r.person_id = p.id "
           "AND r.deleted_at IS NULL "
           "LEFT JOIN sign_ins s ON s.event_id = ? AND s.person_id = p.id "
           "AND s.deleted_at IS NULL "
           "WHERE people_fts MATCH ? AND p.deleted_at IS NULL AND p.erased_at IS NULL "
           "AND p.merged_into_id IS NULL LIMIT ?")
    with db.reading() as session:
        cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            rows = cursor.execute(sql, (event_id, event_id, query, CANDIDATES)).fetchall()
        finally:
            cursor.close()
    words = fold(typed).split()

    def rank(row: tuple[Any, ...]) -> tuple[Any, ...]:
        first, last = fold(row[3] or row[1]), fold(row[2])
        starts = sum(1 for w in words if first.startswith(w) or last.startswith(w))
        return (not row[8], -starts, last, first, row[0])

    best = sorted(rows, key=rank)[:MAX_MATCHES]
    return [desk_match(Candidate(*row[:8]), parse_time(row[9])) for row in best]


def signed_in_times(db: Database, event_id: str, person_ids: Sequence[str]
                    ) -> dict[str, datetime]:
    """When each of these people signed in to the event (those who did)."""
    with db.reading() as session:
        rows = session.execute(
            select(SignIn.person_id, SignIn.signed_in_at)
            .where(SignIn.id.in_([link_id("sign_in", event_id, p) for p in person_ids]),
                   SignIn.deleted_at.is_(None))).all()
    return {str(pid): at for pid, at in rows}


def device_name(session: Any) -> str:
    """The name this laptop's sign-ins record as their desk."""
    row = session.get(LocalSetting, DEVICE_NAME)
    return str(row.value) if row is not None else "This laptop"


def has_pin(db: Database) -> bool:
    with db.reading() as session:
        return session.get(LocalSetting, _PIN_KEY) is not None


def set_pin(db: Database, pin: str) -> None:
    """Set the PIN that leaves the desk on this laptop (4 to 12 digits)."""
    pin = pin.strip()
    if not (pin.isdigit() and 4 <= len(pin) <= 12):
        raise ValidationError("the PIN must be 4 to 12 digits")
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, **_SCRYPT)
    value = f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"
    with db.write_session() as session, session.begin():
        session.merge(LocalSetting(key=_PIN_KEY, value=value))


def check_pin(db: Database, pin: str) -> bool:
    with db.reading() as session:
        row = session.get(LocalSetting, _PIN_KEY)
    if row is None:
        return False
    try:
        _scheme, n, r, p, salt, digest = row.value.split("$")
        got = hashlib.scrypt(pin.strip().encode(), salt=bytes.fromhex(salt), n=int(n),
                             r=int(r), p=int(p))
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), digest)


def parse_time(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))
