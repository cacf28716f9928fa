"""Possible duplicates: the same person entered on two laptops (or twice on one).

Found after every import and on request; an organiser merges or dismisses each pair.
Merging keeps the older record (so every laptop picks the same survivor), fills its
empty fields from the other, moves the other's links over, and leaves a redirect so
changes still aimed at the merged-away record land on the survivor (sync.merge).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from saypro_desktop.db import changelog
from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Change, Person
from saypro_desktop.db.models import DuplicateCandidate as CandidateRow
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.domain.ids import new_id
from saypro_desktop.domain.people import PERSON_FIELDS
from saypro_desktop.domain.time import utcnow
from saypro_desktop.services.people import PersonRow, fetch_rows
from saypro_desktop.services.unit_of_work import UnitOfWork
from saypro_desktop.sync.merge.tables import TABLES

CHUNK = 500


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    id: str
    first: PersonRow
    second: PersonRow
    reason: str


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


@dataclass(frozen=True, slots=True)
class _Who:
    id: str
    first: str | None
    last: str | None
    email: str | None
    phone: str | None
    organisation_id: str | None
    city: str | None


_WHO = (Person.id, Person.first_name, Person.last_name, Person.email, Person.phone,
        Person.organisation_id, Person.city)


def _live_where(session: Session, column: Any, values: list[str]) -> list[_Who]:
    found: list[_Who] = []
    for start in range(0, len(values), CHUNK):
        found.extend(
            _Who(*row) for row in session.execute(
                select(*_WHO).where(column.in_(values[start : start + CHUNK]),
                                    Person.deleted_at.is_(None))
            )
        )
    return found


def _matches(session: Session, people: list[_Who]) -> dict[tuple[str, str], str]:
    """Pairs (older id, newer id) of live people who look like the same person, with why.

    A handful of indexed queries per 500 people, never one per person.
    """
    pairs: dict[tuple[str, str], str] = {}

    def add(a: _Who, b: _Who, reason: str) -> None:
        if a.id != b.id:
            pairs.setdefault(_pair(a.id, b.id), reason)

    by_email = defaultdict(list)
    for who in _live_where(session, Person.email, sorted({p.email for p in people if p.email})):
        by_email[who.email].append(who)
    by_phone = defaultdict(list)
    for who in _live_where(session, Person.phone, sorted({p.phone for p in people if p.phone})):
        by_phone[who.phone].append(who)
    by_name = defaultdict(list)
    for who in _live_where(session, Person.last_name,
                           sorted({p.last for p in people if p.last and p.first})):
        by_name[(who.first, who.last)].append(who)
    for person in people:
        for other in by_email.get(person.email, []) if person.email else []:
            add(person, other, f"same email ({person.email})")
        for other in by_phone.get(person.phone, []) if person.phone else []:
            add(person, other, f"same phone ({person.phone})")
        for other in by_name.get((person.first, person.last), []) if person.first else []:
            if other.organisation_id == person.organisation_id or other.city == person.city:
                add(person, other, "same name and place")
    return pairs


def find_duplicates(db: Database, person_ids: Iterable[str] | None = None) -> int:
    """Queue possible duplicates of these people (all people if None); returns how many new."""
    with db.write_session() as session, session.begin():
        if person_ids is None:
            people = [_Who(*row) for row in session.execute(
                select(*_WHO).where(Person.deleted_at.is_(None)))]
        else:
            people = _live_where(session, Person.id, sorted(set(person_ids)))
        pairs = _matches(session, people)
        if not pairs:
            return 0
        now = utcnow()
        known = {
            (a, b) for a, b in session.execute(
                select(CandidateRow.first_id, CandidateRow.second_id).where(
                    CandidateRow.first_id.in_(sorted({a for a, _ in pairs})))
            )
        }
        new = [{"id": new_id(), "first_id": a, "second_id": b, "reason": reason,
                "status": "open", "found_at": now}
               for (a, b), reason in sorted(pairs.items()) if (a, b) not in known]
        if new:
            session.execute(sqlite_insert(CandidateRow).on_conflict_do_nothing(), new)
        return len(new)


#: Pairs queued per import at most: a national office's full export must not bury the
#: queue (the rest are found the next time duplicates are looked for).
PAIRS_PER_IMPORT = 1000


@dataclass(frozen=True, slots=True)
class ImportDuplicates:
    queued: int
    capped: bool  # more pairs were found than the cap

    @property
    def note(self) -> str | None:
        if not self.capped:
            return None
        return (f"only the first {self.queued:,} possible duplicates were queued; look for "
                "duplicates again once those are settled")


def find_duplicates_after_import(
    db: Database, new_people: Iterable[str], sender_held: Callable[[str, int], bool],
    *, cap: int | None = None,
) -> ImportDuplicates:
    """Queue possible duplicates of the people an import brought to this device.

    Only people new here are looked at, against their likely matches (indexed lookups on
    email, phone and name). A pair whose two records the sending device already held is
    not proposed: its people saw them side by side and kept them apart. ``sender_held``
    says whether the sender held a given change (device, seq).
    """
    with db.write_session() as session, session.begin():
        people = _live_where(session, Person.id, sorted(set(new_people)))
        if not people:
            return ImportDuplicates(0, False)
        pairs = _matches(session, people)
        new_ids = {p.id for p in people}
        others = sorted({x for pair in pairs for x in pair} - new_ids)
        created = _creations(session, others)
        pairs = {
            pair: reason for pair, reason in pairs.items()
            if not all(x in new_ids or (x in created and sender_held(*created[x]))
                       for x in pair)
        }
        ordered = sorted(pairs.items())
        cap = PAIRS_PER_IMPORT if cap is None else cap
        capped = len(ordered) > cap
        ordered = ordered[:cap]
        if not ordered:
            return ImportDuplicates(0, capped)
        known = {
            (a, b) for a, b in session.execute(
                select(CandidateRow.first_id, CandidateRow.second_id).where(
                    CandidateRow.first_id.in_(sorted({a for (a, _), _ in ordered})))
            )
        }
        now = utcnow()
        rows = [{"id": new_id(), "first_id": a, "second_id": b, "reason": reason,
                 "status": "open", "found_at": now}
                for (a, b), reason in ordered if (a, b) not in known]
        if rows:
            session.execute(sqlite_insert(CandidateRow).on_conflict_do_nothing(), rows)
        return ImportDuplicates(len(rows), capped)


def _creations(session: Session, person_ids: list[str]) -> dict[str, tuple[str, int]]:
    """The change (device, seq) that created each of these people."""
    found: dict[str, tuple[str, int]] = {}
    names = changelog.names(session)
    for start in range(0, len(person_ids), CHUNK):
        for row_id, device, seq in session.execute(
            select(Change.row_key, Change.device_no, Change.seq).where(
                Change.table_no == names.find("people"),
                Change.row_key.in_(person_ids[start:start + CHUNK]),
                Change.field_no == names.find("created_at"))
        ):
            found.setdefault(row_id, (names.name(device), seq))
    return found


def list_candidates(db: Database) -> list[DuplicateCandidate]:
    """Open pairs whose two people are both still here."""
    with db.reading() as session:
        rows = session.execute(
            select(CandidateRow.id, CandidateRow.first_id, CandidateRow.second_id,
                   CandidateRow.reason)
            .where(CandidateRow.status == "open").order_by(CandidateRow.found_at)
        ).all()
    ids = sorted({r[1] for r in rows} | {r[2] for r in rows})
    people = {p.id: p for p in fetch_rows(db, ids)}
    live = set(_live_ids(db, ids))
    return [
        DuplicateCandidate(cid, people[a], people[b], reason)
        for cid, a, b, reason in rows
        if a in live and b in live
    ]


def _live_ids(db: Database, ids: list[str]) -> list[str]:
    found: list[str] = []
    with db.reading() as session:
        for start in range(0, len(ids), CHUNK):
            found.extend(session.execute(
                select(Person.id).where(Person.id.in_(ids[start : start + CHUNK]),
                                        Person.deleted_at.is_(None))
            ).scalars())
    return found


def dismiss_candidate(db: Database, candidate_id: str) -> None:
    """Not the same person: the pair will not be suggested again."""
    with db.write_session() as session, session.begin():
        row = session.get(CandidateRow, candidate_id)
        if row is None:
            raise NotFoundError(f"no possible duplicate with id {candidate_id}")
        row.status = "dismissed"


# Link rows whose id is derived from their two ends: a second copy for the survivor
# would be the same link twice, so the merged-away copy is deleted instead of moved.
_LINK_TABLES = {"person_tags": "tag_id", "sign_ins": "event_id",
                "meeting_attendees": "meeting_id", "signatures": "petition_id",
                "reform_positions": "reform_id", "working_group_members": "working_group_id"}


def merge_people(db: Database, first_id: str, second_id: str) -> str:
    """Merge two records of one person; returns the survivor's id (the older record)."""
    if first_id == second_id:
        raise ValidationError("a person cannot be merged with themselves")
    survivor, other = _pair(first_id, second_id)
    with UnitOfWork(db) as uow:
        keep = uow.session.get(Person, survivor)
        gone = uow.session.get(Person, other)
        for person, pid in ((keep, survivor), (gone, other)):
            if person is None or person.deleted_at is not None:
                raise NotFoundError(f"no person with id {pid}")
        assert keep is not None and gone is not None
        filled = {
            name: getattr(gone, name) for name in PERSON_FIELDS
            if getattr(keep, name) in (None, "") and getattr(gone, name) not in (None, "")
        }
        if filled:
            uow.update(Person, survivor, filled)
        _move_links(uow, other, survivor)
        uow.merge_into(Person, other, survivor)
        uow.session.execute(
            update(CandidateRow)
            .where(or_(CandidateRow.first_id == other, CandidateRow.second_id == other))
            .values(status="merged")
        )
    return survivor


def _move_links(uow: UnitOfWork, other: str, survivor: str) -> None:
    for name, info in TABLES.items():
        table = info.model.__table__
        for column, parent in info.foreign_keys.items():
            if parent != "people":
                continue
            rows = uow.session.execute(
                select(table).where(table.c[column] == other, table.c.deleted_at.is_(None))
            ).mappings().all()
            for row in rows:
                partner = _LINK_TABLES.get(name)
                if partner and column == "person_id" and uow.session.execute(
                    select(table.c.id).where(table.c.person_id == survivor,
                                             table.c[partner] == row[partner],
                                             table.c.deleted_at.is_(None))
                ).first():
                    uow.delete(info.model, row["id"])
                else:
                    uow.update(info.model, row["id"], {column: survivor})
