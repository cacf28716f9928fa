"""Is this the same person? One answer for the sign-in desk, walk-ins, paper sheets and forms.

Names are compared accent- and case-insensitively ("Zoë" is "zoe", "NKOSI" is "Nkosi") with
rapidfuzz, so a typo or a missing accent still finds the record; an email or phone that is
the same is a match whatever the name says; the same area strengthens a name match. The
people are read once into memory (about a third of a second for 100,000) and kept until a
committed write touches ``people``; exact email and phone matches are always asked of the
database, so a record another program added a moment ago is never missed.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select

from saypro_desktop.db.engine import Database, raw_rows
from saypro_desktop.db.models import Organisation, Person
from saypro_desktop.domain.changes import ChangeSet
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.domain.people import clean_email, clean_phone

__all__ = ["Candidate", "Match", "PeopleMatcher", "fold", "phone_key"]

# A name this similar (0-100) is offered on its own; with the same area a little less will do.
NAME_ALONE = 90.0
NAME_WITH_AREA = 82.0

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower-case, accent-free, single-spaced: the form every comparison uses."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.casefold()).strip()


def phone_key(phone: str | None) -> str:
    """The phone as stored (E.164), or "" when it is not a phone number."""
    if not phone:
        return ""
    try:
        return clean_phone(phone) or ""
    except ValidationError:
        return ""


def _email_key(email: str | None) -> str:
    if not email:
        return ""
    try:
        return fold(clean_email(email))
    except ValidationError:
        return ""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A person as the matcher sees them (plain values; masked before any public screen)."""

    id: str
    first_name: str | None
    last_name: str | None
    preferred_name: str | None
    email: str | None
    phone: str | None
    area: str | None
    organisation: str | None

    @property
    def given_name(self) -> str:
        return self.preferred_name or self.first_name or ""


@dataclass(frozen=True, slots=True)
class Match:
    person: Candidate
    score: float  # 0-100
    reasons: tuple[str, ...]  # "same email", "same phone", "similar name", "same area"


_COLUMNS = (Person.id, Person.first_name, Person.last_name, Person.preferred_name,
            Person.email, Person.phone, Person.city, Organisation.name)


class PeopleMatcher:
    """Finds people who may be the one described. Thread-safe; bind one per database."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._lock = threading.Lock()
        self._people: list[Candidate] | None = None
        self._names: list[str] = []
        self._given: list[str] = []
        db.on_commit(self._on_commit)

    def _on_commit(self, changes: ChangeSet) -> None:
        if changes.touches("people", "organisations"):
            self.invalidate()

    def invalidate(self) -> None:
        with self._lock:
            self._people = None

    def warm(self) -> None:
        """Read the people now (the desk does this as it opens, not on the first keystroke)."""
        self._snapshot()

    def _select(self) -> object:
        return (
            select(*_COLUMNS)
            .outerjoin(Organisation, Organisation.id == Person.organisation_id)
            .where(Person.deleted_at.is_(None), Person.erased_at.is_(None),
                   Person.merged_into_id.is_(None))
        )

    def _snapshot(self) -> tuple[list[Candidate], list[str], list[str]]:
        with self._lock:
            if self._people is None:
                with self._db.reading() as session:
                    rows = raw_rows(session, self._select())  # type: ignore[arg-type]
                people = [Candidate(*row) for row in rows]
                self._names = [fold(f"{p.given_name} {p.last_name or ''}") for p in people]
                self._given = [fold(p.first_name) for p in people]
                self._people = people
            return self._people, self._names, self._given

    def similar(
        self,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        email: str | None = None,
        phone: str | None = None,
        area: str | None = None,
        limit: int = 5,
        exclude: Sequence[str] = (),
    ) -> list[Match]:
        """People who may be the one described, best first (at most ``limit``).

        Offered: the same email or phone; a name at least ``NAME_ALONE`` similar; or at least
        ``NAME_WITH_AREA`` similar in the same area. Nothing given, nothing offered.
        """
        people, names, _given = self._snapshot()
        wanted_name = fold(f"{first_name or ''} {last_name or ''}")
        wanted_email = _email_key(email)
        wanted_phone = phone_key(phone)
        wanted_area = fold(area)
        skip = set(exclude)
        found: dict[str, tuple[float, set[str], Candidate]] = {}

        def note(person: Candidate, score: float, reason: str) -> None:
            if person.id in skip:
                return
            best, reasons, _ = found.get(person.id, (0.0, set(), person))
            reasons.add(reason)
            found[person.id] = (max(best, score), reasons, person)

        for person in self._exact(email, wanted_email, wanted_phone):
            if wanted_email and _email_key(person.email) == wanted_email:
                note(person, 100.0, "same email")
            if wanted_phone and person.phone == wanted_phone:
                note(person, 100.0, "same phone")
        if len(wanted_name.replace(" ", "")) >= 2:
            from rapidfuzz import fuzz, process  # here, not at start-up

            cutoff = NAME_WITH_AREA if wanted_area else NAME_ALONE
            hits = process.extract(wanted_name, names, scorer=fuzz.token_sort_ratio,
                                   score_cutoff=cutoff, limit=max(50, limit * 10))
            for _text, score, index in hits:
                person = people[index]
                same_area = bool(wanted_area) and fold(person.area) == wanted_area
                if score >= NAME_ALONE or same_area:
                    note(person, float(score), "similar name")
                    if same_area:
                        note(person, min(100.0, float(score) + 5.0), "same area")
        # A match on contact details and name beats one on either alone.
        for pid, (score, reasons, person) in list(found.items()):
            if len(reasons) > 1 and "similar name" in reasons:
                found[pid] = (min(100.0, score + 1.0), reasons, person)
        ordered = sorted(found.values(), key=lambda item: (-item[0], fold(item[2].last_name),
                                                           fold(item[2].given_name), item[2].id))
        return [Match(person, score, tuple(sorted(reasons, key=_REASON_ORDER.index)))
                for score, reasons, person in ordered[:limit]]

    def _exact(self, typed_email: str | None, email: str, phone: str) -> list[Candidate]:
        conditions: list[Any] = []
        if email:
            as_typed = typed_email.strip() if typed_email else email
            conditions.append(Person.email.in_(sorted({email, as_typed, _clean_or(as_typed)})))
        if phone:
            conditions.append(Person.phone == phone)
        if not conditions:
            return []
        stmt = self._select().where(or_(*conditions))  # type: ignore[attr-defined]
        with self._db.reading() as session:
            return [Candidate(*row) for row in session.execute(stmt)]


def _clean_or(email: str) -> str:
    try:
        return clean_email(email) or email
    except ValidationError:
        return email


_REASON_ORDER = ["same email", "same phone", "similar name", "same area"]
