"""Organisations: list, search, view, add, edit, delete (and restore, for undo).

Lists return ids in display order first (cheap) and rows on demand, like People, so the
page paints at once whatever the size of the coalition.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, case, func, literal_column, or_, select

from saypro_desktop.db.engine import Database, raw_rows
from saypro_desktop.db.models import Organisation
from saypro_desktop.db.search import organisation_rowids
from saypro_desktop.domain.enums import PipelineStage, Priority
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.domain.organisations import (
    ORGANISATION_FIELDS,
    clean_organisation_fields,
    phone_problem,
)
from saypro_desktop.services.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class OrganisationRow:
    """One line of the organisations list."""

    id: str
    name: str
    category: str | None
    focus_areas: str | None
    level: str | None
    region: str | None
    city: str | None
    province: str | None
    pipeline_stage: str | None
    priority: str | None
    email: str | None
    phone: str | None

    @property
    def place(self) -> str:
        return ", ".join(p for p in (self.city, self.region or self.province) if p)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class OrganisationDetail:
    id: str
    fields: dict[str, Any]
    pipeline_stage: str | None
    created_at: datetime
    updated_at: datetime

    @property
    def name(self) -> str:
        return str(self.fields["name"])

    @property
    def phone_problem(self) -> str | None:
        return phone_problem(self.fields.get("phone"))


@dataclass(frozen=True, slots=True)
class OrganisationFilter:
    search: str = ""
    category: str | None = None
    focus_area: str | None = None
    level: str | None = None
    region: str | None = None
    pipeline_stage: str | None = None
    priority: str | None = None
    sort: str = "name"
    descending: bool = False
    # Only these records (a dashboard figure opening the organisations it counted).
    only: frozenset[str] | None = None


_STAGE_ORDER = case({s.value: i for i, s in enumerate(PipelineStage)},
                    value=Organisation.pipeline_stage, else_=len(PipelineStage))
_PRIORITY_ORDER = case({p.value: i for i, p in enumerate(Priority)},
                       value=Organisation.priority, else_=len(Priority))

SORT_COLUMNS: dict[str, tuple[Any, ...]] = {
    "name": (func.lower(Organisation.name),),
    "category": (Organisation.category, func.lower(Organisation.name)),
    "focus_areas": (Organisation.focus_areas, func.lower(Organisation.name)),
    "level": (Organisation.level, func.lower(Organisation.name)),
    "place": (Organisation.city, func.lower(Organisation.name)),
    "pipeline_stage": (_STAGE_ORDER, func.lower(Organisation.name)),
    "priority": (_PRIORITY_ORDER, func.lower(Organisation.name)),
    "email": (Organisation.email,),
    "phone": (Organisation.phone,),
    "updated": (Organisation.updated_at,),
}

_ROW_COLUMNS = (
    Organisation.id, Organisation.name, Organisation.category, Organisation.focus_areas,
    Organisation.level, Organisation.region, Organisation.city, Organisation.province,
    Organisation.pipeline_stage, Organisation.priority, Organisation.email, Organisation.phone,
)


@lru_cache(maxsize=65_536)
def name_key(name: str | None) -> str:
    """A sort key that ignores accents and case ("Île" sorts with "Ile")."""
    if not name:
        return ""
    if name.isascii():  # most names: no accents to take off
        return name.casefold()
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


_ROW_SQL = (f"SELECT {', '.join(c.name for c in _ROW_COLUMNS)} FROM organisations "
            "WHERE id IN")


_ALL_LIVE_SQL = ("SELECT rowid, id, name FROM organisations INDEXED BY ix_organisations_live_name "
                 "WHERE deleted_at IS NULL AND merged_into_org_id IS NULL ORDER BY name")


def _filtered(flt: OrganisationFilter, stmt: Select[Any], *, search: bool = True) -> Select[Any]:
    # A record merged away stays hidden even if an edit made elsewhere at the same time
    # kept it alive (that edit shows on the survivor's timeline).
    stmt = stmt.where(Organisation.deleted_at.is_(None), Organisation.merged_into_org_id.is_(None))
    if search and flt.search.strip():
        words = flt.search.split()
        columns = (Organisation.name, Organisation.email, Organisation.phone,
                   Organisation.city, Organisation.region, Organisation.focus_areas)
        for word in words:
            stmt = stmt.where(or_(*(c.ilike(f"%{word}%") for c in columns)))
    for column, value in (
        (Organisation.category, flt.category),
        (Organisation.level, flt.level),
        (Organisation.pipeline_stage, flt.pipeline_stage),
        (Organisation.priority, flt.priority),
    ):
        if value:
            stmt = stmt.where(column == value)
    if flt.region:
        stmt = stmt.where(or_(Organisation.region == flt.region,
                              Organisation.province == flt.region))
    if flt.focus_area:
        padded: Any = literal_column("',' || organisations.focus_areas || ','")
        stmt = stmt.where(padded.like(f"%,{flt.focus_area},%"))
    return stmt


def _in_display_order(flt: OrganisationFilter, *columns: Any, search: bool = True
                      ) -> Select[Any]:
    if flt.sort not in SORT_COLUMNS:
        raise ValidationError(
            f"cannot sort by '{flt.sort}'; choose one of {', '.join(SORT_COLUMNS)}"
        )
    order = [c.desc() if flt.descending else c.asc() for c in SORT_COLUMNS[flt.sort]]
    return _filtered(flt, select(*columns), search=search).order_by(*order, Organisation.id)


def list_organisation_ids(db: Database, flt: OrganisationFilter = OrganisationFilter()
                          ) -> list[str]:
    """Ids of every matching organisation, in display order (LIKE search; see the lister)."""
    with db.reading() as session:
        return list(session.execute(_in_display_order(flt, Organisation.id)).scalars())


class OrganisationLister:
    """Ids in display order, fast enough for every keystroke: the order is read once per
    sort and filters; a search asks the FTS5 index for the matching rows and keeps it."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._key: tuple[Any, ...] | None = None
        self._order: list[tuple[int, str]] = []
        self._name_keys: dict[str, str] = {}  # kept across re-reads: names rarely change

    def invalidate(self) -> None:
        self._key = None

    def _read_order(self, flt: OrganisationFilter) -> list[tuple[int, str]]:
        columns: tuple[Any, ...] = (literal_column("organisations.rowid"), Organisation.id,
                                    Organisation.name)
        unsearched = replace(flt, search="")
        with self._db.reading() as session:
            unfiltered = not any((flt.category, flt.focus_area, flt.level, flt.region,
                                  flt.pipeline_stage, flt.priority))
            if flt.sort == "name" and unfiltered and session.get_bind().dialect.name == "sqlite":
                # Every live organisation: read from the covering index alone (SQLite
                # without statistics would otherwise pick the merged-into index).
                dbapi: Any = session.connection().connection.dbapi_connection
                rows = dbapi.execute(_ALL_LIVE_SQL).fetchall()
            else:
                # By name, Python sorts (accent-blind) anyway: SQLite need not sort first.
                stmt = (_filtered(unsearched, select(*columns), search=False)
                        if flt.sort == "name"
                        else _in_display_order(unsearched, *columns, search=False))
                rows = raw_rows(session, stmt)
        if flt.sort == "name":  # accents and case ignored, as people read a list
            keys = self._name_keys
            for _rowid, _org_id, name in rows:
                if name not in keys:
                    keys[name] = name_key(name)
            rows.sort(key=lambda r: (keys[r[2]], r[1]), reverse=flt.descending)
        return [(rowid, org_id) for rowid, org_id, _name in rows]

    def ids(self, flt: OrganisationFilter) -> list[str]:
        key = (flt.sort, flt.descending, flt.category, flt.focus_area, flt.level, flt.region,
               flt.pipeline_stage, flt.priority)
        if key != self._key:
            self._order = self._read_order(flt)
            self._key = key
        only = flt.only
        if not flt.search.strip():
            return [i for _, i in self._order if only is None or i in only]
        with self._db.reading() as session:
            matches = organisation_rowids(session, flt.search)
        if matches is None:
            return [i for i in list_organisation_ids(self._db, flt) if only is None or i in only]
        return [i for rowid, i in self._order
                if rowid in matches and (only is None or i in only)]


def fetch_organisation_rows(db: Database, ids: Sequence[str]) -> list[OrganisationRow]:
    """Rows for these ids, in the same order (missing ids skipped)."""
    if not ids:
        return []
    found: dict[str, OrganisationRow] = {}
    wanted = list(ids)
    with db.reading() as session:
        if session.get_bind().dialect.name != "sqlite":
            for start in range(0, len(wanted), 500):
                stmt = select(*_ROW_COLUMNS).where(
                    Organisation.id.in_(wanted[start : start + 500]))
                found.update((row[0], OrganisationRow(*row)) for row in raw_rows(session, stmt))
            return [found[i] for i in ids if i in found]
        # A page of the list is painted at a time: plain text SQL, no statement to compile.
        cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                cursor.execute(f"{_ROW_SQL} ({', '.join('?' for _ in chunk)})", chunk)
                found.update((row[0], OrganisationRow(*row)) for row in cursor.fetchall())
        finally:
            cursor.close()
    return [found[i] for i in ids if i in found]


def search_organisations(db: Database, flt: OrganisationFilter = OrganisationFilter(),
                         limit: int | None = None) -> list[OrganisationRow]:
    ids = OrganisationLister(db).ids(flt)
    return fetch_organisation_rows(db, ids[:limit] if limit else ids)


def get_organisation(db: Database, org_id: str) -> OrganisationDetail:
    with db.reading() as session:
        org = session.get(Organisation, org_id)
        if org is None or org.deleted_at is not None:
            raise NotFoundError(f"no organisation with id {org_id}")
        return OrganisationDetail(
            id=org.id,
            fields={name: getattr(org, name) for name in ORGANISATION_FIELDS},
            pipeline_stage=org.pipeline_stage,
            created_at=org.created_at,
            updated_at=org.updated_at,
        )


def create_organisation(uow: UnitOfWork, fields: Mapping[str, Any], *,
                        default_stage: str | None = None) -> str:
    """Create inside an open unit of work; a stage (given or the default) is recorded as
    the organisation's first pipeline move."""
    cleaned = clean_organisation_fields(fields, creating=True)
    stage = cleaned.pop("pipeline_stage", None) or default_stage
    org_id = uow.create(Organisation, {**cleaned, "pipeline_stage": stage})
    if stage is not None:
        from saypro_desktop.services.organisations.pipeline import record_move

        record_move(uow, org_id, None, stage)
    return org_id


def add_organisation(db: Database, fields: Mapping[str, Any], *,
                     default_stage: str | None = None) -> str:
    """Create an organisation from typed values; returns its id. Without a stage it is not
    in the pipeline yet (an imported address list), unless ``default_stage`` says so."""
    with UnitOfWork(db) as uow:
        return create_organisation(uow, fields, default_stage=default_stage)


def update_organisation(db: Database, org_id: str, changes: Mapping[str, Any]
                        ) -> dict[str, tuple[Any, Any]]:
    """Edit fields; returns {field: (old, new)} of what changed (for undo). A stage change
    goes through the pipeline so the move is kept."""
    cleaned = clean_organisation_fields(changes)
    stage = cleaned.pop("pipeline_stage", None)
    with UnitOfWork(db) as uow:
        diff = uow.update(Organisation, org_id, cleaned) if cleaned else {}
        if stage is not None:
            from saypro_desktop.services.organisations.pipeline import move_in

            moved = move_in(uow, org_id, stage)
            if moved is not None:
                diff["pipeline_stage"] = moved
        return diff


def delete_organisation(db: Database, org_id: str) -> None:
    """Tombstone (the deletion syncs); ``restore_organisation`` brings it back."""
    with UnitOfWork(db) as uow:
        uow.delete(Organisation, org_id)


def restore_organisation(db: Database, org_id: str) -> None:
    """Undo a delete: the record is alive again everywhere once synced."""
    with UnitOfWork(db) as uow:
        org = uow.session.get(Organisation, org_id)
        if org is None:
            raise NotFoundError(f"no organisation with id {org_id}")
        if org.deleted_at is not None:
            uow.create(Organisation, {"name": org.name}, row_id=org_id)


def region_choices(db: Database) -> list[str]:
    """Regions and provinces in use, for the filter."""
    with db.reading() as session:
        rows = session.execute(
            select(func.coalesce(Organisation.region, Organisation.province))
            .where(Organisation.deleted_at.is_(None))
            .distinct()
        ).scalars()
        return sorted({r for r in rows if r}, key=str.casefold)
