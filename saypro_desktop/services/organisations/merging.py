"""Duplicate organisations: the queue of possible pairs, merging, and undoing a merge.

Merging keeps the older record (every laptop picks the same survivor), fills its empty
fields from the other, moves every row that names the other (members, interactions,
meetings, commitments, concerns, assessments, stage moves, referrals...) to the survivor,
and tombstones the other with ``merged_into_org_id`` pointing at the survivor. All of it
is ordinary synced edits, so the merge reaches every laptop; a row another laptop still
files under the old record shows on the survivor's timeline (services.timeline follows
``merged_into_org_id``). The receipt says exactly what moved, so undo puts it back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import SYNCED_MODELS, Organisation, OrganisationDuplicate
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.domain.ids import new_id
from saypro_desktop.domain.organisations import ORGANISATION_FIELDS
from saypro_desktop.domain.time import utcnow
from saypro_desktop.services.organisations.matching import OrganisationMatcher
from saypro_desktop.services.organisations.records import (
    OrganisationRow,
    fetch_organisation_rows,
)
from saypro_desktop.services.unit_of_work import UnitOfWork

# Link tables whose row says "X belongs to this organisation": when the survivor already
# has the same link, the other's copy is deleted rather than moved (no double member).
_LINK_PARTNER = {"memberships": "person_id", "meeting_organisations": "meeting_id"}


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    id: str
    first: OrganisationRow
    second: OrganisationRow
    reason: str


@dataclass
class MergeReceipt:
    """What a merge did, so it can be undone."""

    survivor_id: str
    merged_id: str
    filled: dict[str, Any] = field(default_factory=dict)
    moved: list[tuple[str, str, str]] = field(default_factory=list)  # table, row, column
    deleted_links: list[tuple[str, str]] = field(default_factory=list)  # table, row


def _organisation_references() -> list[tuple[str, Any, str]]:
    """(table, model, column) for every synced column that points at an organisation."""
    found = []
    for name, model in sorted(SYNCED_MODELS.items()):
        for column in model.__table__.columns:
            if any(fk.column.table.name == "organisations" for fk in column.foreign_keys):
                found.append((name, model, column.name))
    return found


def merge_organisations(db: Database, first_id: str, second_id: str) -> MergeReceipt:
    """Merge two records of one organisation into the older; returns the receipt."""
    if first_id == second_id:
        raise ValidationError("an organisation cannot be merged with itself")
    survivor, other = sorted((first_id, second_id))
    receipt = MergeReceipt(survivor, other)
    with UnitOfWork(db) as uow:
        keep = uow.session.get(Organisation, survivor)
        gone = uow.session.get(Organisation, other)
        for org, oid in ((keep, survivor), (gone, other)):
            if org is None or org.deleted_at is not None:
                raise NotFoundError(f"no organisation with id {oid}")
        assert keep is not None and gone is not None
        receipt.filled = {
            name: getattr(gone, name) for name in ORGANISATION_FIELDS
            if getattr(keep, name) in (None, "") and getattr(gone, name) not in (None, "")
        }
        if receipt.filled:
            uow.update(Organisation, survivor, receipt.filled)
        for table, model, column in _organisation_references():
            t = model.__table__
            rows = uow.session.execute(
                select(t).where(t.c[column] == other, t.c.deleted_at.is_(None))
            ).mappings().all()
            partner = _LINK_PARTNER.get(table)
            for row in rows:
                if partner and uow.session.execute(
                    select(t.c.id).where(t.c[column] == survivor,
                                         t.c[partner] == row[partner],
                                         t.c.deleted_at.is_(None))
                ).first():
                    uow.delete(model, row["id"])
                    receipt.deleted_links.append((table, row["id"]))
                else:
                    uow.update(model, row["id"], {column: survivor})
                    receipt.moved.append((table, row["id"], column))
        uow.update(Organisation, other, {"merged_into_org_id": survivor})
        uow.delete(Organisation, other)
        _set_status(uow, other, "merged")
    return receipt


def undo_merge(db: Database, receipt: MergeReceipt) -> None:
    """Put a merge back: the other record lives again with its own history."""
    with UnitOfWork(db) as uow:
        gone = uow.session.get(Organisation, receipt.merged_id)
        if gone is None:
            raise NotFoundError(f"no organisation with id {receipt.merged_id}")
        uow.create(Organisation, {"name": gone.name, "merged_into_org_id": None},
                   row_id=receipt.merged_id)
        keep = uow.session.get(Organisation, receipt.survivor_id)
        if keep is not None and keep.deleted_at is None:
            unfilled = {name: None for name, value in receipt.filled.items()
                        if getattr(keep, name) == value}
            if unfilled:
                uow.update(Organisation, receipt.survivor_id, unfilled)
        for table, row_id, column in receipt.moved:
            model = SYNCED_MODELS[table]
            current = uow.session.get(model, row_id)
            if (current is not None and current.deleted_at is None
                    and getattr(current, column) == receipt.survivor_id):
                uow.update(model, row_id, {column: receipt.merged_id})
        for table, row_id in receipt.deleted_links:
            model = SYNCED_MODELS[table]
            uow.create(model, {}, row_id=row_id)
        _set_status(uow, receipt.merged_id, "open")


def _set_status(uow: UnitOfWork, org_id: str, status: str) -> None:
    uow.session.execute(
        update(OrganisationDuplicate)
        .where(or_(OrganisationDuplicate.first_id == org_id,
                   OrganisationDuplicate.second_id == org_id))
        .values(status=status)
    )


def find_duplicates(db: Database, matcher: OrganisationMatcher,
                    org_ids: Iterable[str] | None = None) -> int:
    """Queue possible duplicates of these organisations (all if None); returns how many new."""
    pairs = matcher.pairs(sorted(set(org_ids)) if org_ids is not None else None)
    if not pairs:
        return 0
    now = utcnow()
    with db.write_session() as session, session.begin():
        known = {(a, b) for a, b in session.execute(
            select(OrganisationDuplicate.first_id, OrganisationDuplicate.second_id))}
        new = [{"id": new_id(), "first_id": a, "second_id": b, "reason": reason[:200],
                "status": "open", "found_at": now}
               for (a, b), reason in sorted(pairs.items()) if (a, b) not in known]
        if new:
            session.execute(sqlite_insert(OrganisationDuplicate).on_conflict_do_nothing(), new)
    return len(new)


def list_duplicates(db: Database) -> list[DuplicatePair]:
    """Open pairs whose two organisations are both still here, oldest found first."""
    with db.reading() as session:
        rows = session.execute(
            select(OrganisationDuplicate.id, OrganisationDuplicate.first_id,
                   OrganisationDuplicate.second_id, OrganisationDuplicate.reason)
            .where(OrganisationDuplicate.status == "open")
            .order_by(OrganisationDuplicate.found_at, OrganisationDuplicate.id)
        ).all()
    ids = sorted({r[1] for r in rows} | {r[2] for r in rows})
    live = {o.id: o for o in fetch_organisation_rows(db, ids)}
    with db.reading() as session:
        deleted = set(session.execute(
            select(Organisation.id).where(Organisation.id.in_(ids),
                                          Organisation.deleted_at.is_not(None))
        ).scalars())
    return [DuplicatePair(pid, live[a], live[b], reason) for pid, a, b, reason in rows
            if a in live and b in live and a not in deleted and b not in deleted]


def dismiss_duplicate(db: Database, pair_id: str) -> None:
    """Not the same organisation: the pair is not suggested again."""
    with db.write_session() as session, session.begin():
        row = session.get(OrganisationDuplicate, pair_id)
        if row is None:
            raise NotFoundError(f"no possible duplicate with id {pair_id}")
        row.status = "dismissed"


def count_duplicates(db: Database) -> int:
    """How many open pairs wait in the queue (both records still here): the page's badge."""
    from sqlalchemy import func
    from sqlalchemy.orm import aliased

    first, second = aliased(Organisation), aliased(Organisation)
    stmt = (
        select(func.count())
        .select_from(OrganisationDuplicate)
        .join(first, first.id == OrganisationDuplicate.first_id)
        .join(second, second.id == OrganisationDuplicate.second_id)
        .where(OrganisationDuplicate.status == "open", first.deleted_at.is_(None),
               second.deleted_at.is_(None))
    )
    with db.reading() as session:
        return int(session.execute(stmt).scalar_one())
