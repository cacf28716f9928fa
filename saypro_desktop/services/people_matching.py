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

from sqlalchemy import literal_column, select

from saypro_desktop.db.engine import Database, raw_rows
from saypro_desktop.db.models import Organisation, Person
from saypro_desktop.domain.changes import ChangeSet
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.domain.people import clean_email, clean_phone

__all__ = ["Candidate", "Match", "PeopleMatcher", "fold", "phone_key"]

FULL_RELOAD_AFTER = 5000  # changed rows in one write beyond which everyone is re-read

# A name this similar (0-100) is offered on its own; with the same area a little less will do.
NAME_ALONE = 90.0
NAME_WITH_AREA = 82.0

_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"\w+", re.UNICODE)


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
        self._index: dict[str, int] = {}
        self._pending: set[str] = set()
        db.on_commit(self._on_commit)

    def _on_commit(self, changes: ChangeSet) -> None:
        """Keep the names in step: the people a write touched are re-read on the next match
        (a walk-in at the desk costs one small query, not a re-read of 100,000 people)."""
        if not changes.touches("people", "organisations"):
            return
        with self._lock:
            if self._people is None:
                return
            if not changes.touches("people") or len(changes.ids) > FULL_RELOAD_AFTER:
                self._people = None  # organisations renamed elsewhere, or a large import
                return
            self._pending.update(changes.ids)

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
                self._names = [_name_key(p) for p in people]
                self._given = [fold(p.first_name) for p in people]
                self._index = {p.id: i for i, p in enumerate(people)}
                self._people = people
                self._pending.clear()
            elif self._pending:
                self._refresh(sorted(self._pending))
                self._pending.clear()
            return self._people, self._names, self._given

    def _refresh(self, ids: list[str]) -> None:
        """Re-read these ids (some are not people at all: the change set names every row)."""
        assert self._people is not None
        found: dict[str, Candidate] = {}
        with self._db.reading() as session:
            for start in range(0, len(ids), 500):
                stmt = self._select().where(  # type: ignore[attr-defined]
                    Person.id.in_(ids[start:start + 500]))
                found.update((row[0], Candidate(*row)) for row in raw_rows(session, stmt))
        for person_id in ids:
            index = self._index.get(person_id)
            person = found.get(person_id)
            if index is not None:
                if person is None:  # deleted, merged or erased: never offered again
                    self._names[index] = ""
                    self._given[index] = ""
                else:
                    self._people[index] = person
                    self._names[index] = _name_key(person)
                    self._given[index] = fold(person.first_name)
            elif person is not None:
                self._index[person_id] = len(self._people)
                self._people.append(person)
                self._names.append(_name_key(person))
                self._given.append(fold(person.first_name))

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
        """People with this email (any case, through the search index) or this phone."""
        found: list[Candidate] = []
        with self._db.reading() as session:
            if phone:
                found.extend(Candidate(*row) for row in raw_rows(
                    session, self._select().where(Person.phone == phone)))  # type: ignore[attr-defined]
            if email:
                words = _WORDS.findall(email)
                rowids: list[int] = []
                if words:
                    query = "email : " + " ".join(f'"{w}"' for w in words)
                    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
                    try:
                        rowids = [r[0] for r in cursor.execute(
                            "SELECT rowid FROM people_fts WHERE people_fts MATCH ? LIMIT 50",
                            (query,))]
                    finally:
                        cursor.close()
                if rowids:
                    stmt = self._select().where(  # type: ignore[attr-defined]
                        literal_column("people.rowid").in_(rowids))
                    found.extend(person for person in (Candidate(*row) for row in
                                                       raw_rows(session, stmt))
                                 if _email_key(person.email) == email)
        return found


def _name_key(person: Candidate) -> str:
    return fold(f"{person.given_name} {person.last_name or ''}")


_REASON_ORDER = ["same email", "same phone", "similar name", "same area"]
