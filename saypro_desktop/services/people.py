"""People: list, search, view, add, edit, delete; their tags and consent per channel.

The People page and ``saypro people ...`` both call these. Lists return ids
first (cheap, so 100,000 people open instantly) and rows on demand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from itertools import compress
from typing import Any

from sqlalchemy import Select, func, literal_column, select

from saypro_desktop.db.engine import Database, raw_rows
from saypro_desktop.db.models import Consent, Organisation, Person, PersonTag, Tag
from saypro_desktop.db.search import matching_rowids, people_matching
from saypro_desktop.domain.enums import ConsentChannel, ConsentStatus
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.domain.ids import link_id
from saypro_desktop.domain.people import (
    PERSON_FIELDS,
    clean_person_fields,
    clean_required_text,
    display_name,
)
from saypro_desktop.domain.time import utcnow
from saypro_desktop.services.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class PersonRow:
    """What a list of people shows: one line per person."""

    id: str
    first_name: str | None
    last_name: str | None
    email: str | None
    phone: str | None
    organisation: str | None
    category: str | None
    pipeline_stage: str | None
    city: str | None

    @property
    def name(self) -> str:
        return display_name(self.first_name, self.last_name, email=self.email, phone=self.phone)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class PersonDetail:
    id: str
    fields: dict[str, Any]
    organisation: str | None
    tags: list[str]
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class PeopleFilter:
    search: str = ""
    category: str | None = None
    tag_id: str | None = None
    pipeline_stage: str | None = None
    sort: str = "name"
    descending: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    # Only these people (a dashboard figure opening the people it counted); filtered in
    # Python against the id list, never as a long SQL IN list.
    only: frozenset[str] | None = None


def _only(flt: PeopleFilter, ids: list[str]) -> list[str]:
    only = flt.only
    return ids if only is None else [person_id for person_id in ids if person_id in only]


SORT_COLUMNS = {
    "name": (Person.last_name, Person.first_name),
    "first_name": (Person.first_name, Person.last_name),
    "last_name": (Person.last_name, Person.first_name),
    "email": (Person.email,),
    "phone": (Person.phone,),
    "organisation": (Organisation.name,),
    "category": (Person.category,),
    "pipeline_stage": (Person.pipeline_stage,),
    "city": (Person.city,),
}

_ROW_COLUMNS = (
    Person.id,
    Person.first_name,
    Person.last_name,
    Person.email,
    Person.phone,
    Organisation.name,
    Person.category,
    Person.pipeline_stage,
    Person.city,
)


def _live() -> Any:
    return Person.deleted_at.is_(None)


def _filtered(db: Database, flt: PeopleFilter, stmt: Select[Any]) -> Select[Any]:
    stmt = stmt.where(_live())
    if flt.search.strip():
        condition = people_matching(db.engine.dialect.name, flt.search)
        if condition is not None:
            stmt = stmt.where(condition)
    if flt.category:
        stmt = stmt.where(Person.category == flt.category)
    if flt.pipeline_stage:
        stmt = stmt.where(Person.pipeline_stage == flt.pipeline_stage)
    if flt.tag_id:
        stmt = stmt.where(
            Person.id.in_(
                select(PersonTag.person_id).where(
                    PersonTag.tag_id == flt.tag_id, PersonTag.deleted_at.is_(None)
                )
            )
        )
    return stmt


def _in_display_order(db: Database, flt: PeopleFilter, *columns: Any) -> Select[Any]:
    """SELECT ``columns`` of the people ``flt`` matches, in the order the list shows them."""
    if flt.sort not in SORT_COLUMNS:
        raise ValidationError(
            f"cannot sort by '{flt.sort}'; choose one of {', '.join(SORT_COLUMNS)}"
        )
    stmt: Select[Any] = select(*columns)
    if flt.sort == "organisation":
        stmt = stmt.outerjoin(Organisation, Organisation.id == Person.organisation_id)
    order = [c.desc() if flt.descending else c.asc() for c in SORT_COLUMNS[flt.sort]]
    return _filtered(db, flt, stmt).order_by(*order, Person.id)


def list_person_ids(db: Database, flt: PeopleFilter = PeopleFilter()) -> list[str]:
    """Ids of every matching person, in display order."""
    stmt = _in_display_order(db, flt, Person.id)
    with db.reading() as session:
        return _only(flt, list(session.execute(stmt).scalars()))


class PeopleLister:
    """Ids in display order, fast enough to run on every keystroke of a search.

    Keeps the live people in the current sort order and filters (read once, about
    50 ms for 100,000 people); a search then asks the FTS5 index only for the set of
    matching rows and keeps the order, instead of sorting every match again.
    Call ``invalidate()`` after the data changes.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._key: tuple[Any, ...] | None = None
        self._rowids: list[int] = []  # the live people in display order ...
        self._pids: list[str] = []  # ... and their ids, side by side
        self._places: dict[int, int] | None = None  # rowid -> place, made when first needed

    def invalidate(self) -> None:
        self._key = None

    def ids(self, flt: PeopleFilter) -> list[str]:
        key = (flt.sort, flt.descending, flt.category, flt.pipeline_stage, flt.tag_id)
        if key != self._key:
            order = self._ordered(flt)
            self._rowids = [rowid for rowid, _ in order]
            self._pids = [person_id for _, person_id in order]
            self._places = None
            self._key = key
        only = flt.only
        if not flt.search.strip():
            return list(self._pids) if only is None else [p for p in self._pids if p in only]
        with self._db.reading() as session:
            matches = matching_rowids(session, flt.search)
        if matches is None:
            return list_person_ids(self._db, flt)
        found = self._in_order(matches)
        return found if only is None else [p for p in found if p in only]

    def _in_order(self, matches: set[int]) -> list[str]:
        """The matching people's ids in display order. A few matches (a name typed out) are
        put in order by their places; many (one letter) are picked from the order in one
        pass at C speed (``itertools.compress``)."""
        if len(matches) * 16 < len(self._rowids):
            if self._places is None:
                self._places = {rowid: place for place, rowid in enumerate(self._rowids)}
            places = self._places
            pids = self._pids
            return [pids[i] for i in sorted(places[r] for r in matches if r in places)]
        return list(compress(self._pids, map(matches.__contains__, self._rowids)))

    def _ordered(self, flt: PeopleFilter) -> list[tuple[int, str]]:
        unsearched = replace(flt, search="")
        stmt = _in_display_order(self._db, unsearched, literal_column("people.rowid"), Person.id)
        with self._db.reading() as session:
            return [(rowid, person_id) for rowid, person_id in raw_rows(session, stmt)]


def fetch_rows(db: Database, ids: Sequence[str]) -> list[PersonRow]:
    """Rows for these ids, in the same order (missing ids are skipped)."""
    if not ids:
        return []
    stmt = (
        select(*_ROW_COLUMNS)
        .outerjoin(Organisation, Organisation.id == Person.organisation_id)
        .where(Person.id.in_(list(ids)))
    )
    with db.reading() as session:
        found = {row[0]: PersonRow(*row) for row in session.execute(stmt)}
    return [found[i] for i in ids if i in found]


def search_people(
    db: Database, flt: PeopleFilter = PeopleFilter(), limit: int | None = None
) -> list[PersonRow]:
    ids = list_person_ids(db, flt)
    return fetch_rows(db, ids[:limit] if limit else ids)


def count_people(db: Database) -> int:
    with db.reading() as session:
        return int(session.execute(select(func.count()).where(_live())).scalar_one())


def get_person(db: Database, person_id: str) -> PersonDetail:
    with db.reading() as session:
        person = session.get(Person, person_id)
        if person is None or person.deleted_at is not None:
            raise NotFoundError(f"no person with id {person_id}")
        org = session.get(Organisation, person.organisation_id) if person.organisation_id else None
        tags = session.execute(
            select(Tag.name)
            .join(PersonTag, PersonTag.tag_id == Tag.id)
            .where(PersonTag.person_id == person_id, PersonTag.deleted_at.is_(None))
            .order_by(Tag.name)
        ).scalars()
        return PersonDetail(
            id=person.id,
            fields={name: getattr(person, name) for name in PERSON_FIELDS},
            organisation=org.name if org else None,
            tags=list(tags),
            created_at=person.created_at,
            updated_at=person.updated_at,
        )


def _check_organisation(uow: UnitOfWork, organisation_id: str | None) -> None:
    if organisation_id is None:
        return
    org = uow.session.get(Organisation, organisation_id)
    if org is None or org.deleted_at is not None:
        raise ValidationError(f"organisation_id: no organisation with id {organisation_id}")


def add_person(db: Database, fields: Mapping[str, Any]) -> str:
    """Create a person from typed values; returns the new id."""
    cleaned = clean_person_fields(fields, creating=True)
    with UnitOfWork(db) as uow:
        _check_organisation(uow, cleaned.get("organisation_id"))
        return uow.create(Person, cleaned)


def update_person(
    db: Database, person_id: str, changes: Mapping[str, Any]
) -> dict[str, tuple[Any, Any]]:
    """Edit a person; returns {field: (old, new)} of what really changed (for undo)."""
    with UnitOfWork(db) as uow:
        return _update(uow, person_id, changes)


def delete_person(db: Database, person_id: str) -> None:
    with UnitOfWork(db) as uow:
        uow.delete(Person, person_id)


def tag_person(db: Database, person_id: str, tag_id: str) -> None:
    with UnitOfWork(db) as uow:
        row_id = link_id("person_tag", person_id, tag_id)
        existing = uow.session.get(PersonTag, row_id)
        if existing is None:
            uow.create(PersonTag, {"person_id": person_id, "tag_id": tag_id}, row_id=row_id)


def save_person(
    db: Database,
    person_id: str | None,
    fields: Mapping[str, Any],
    *,
    tags: Sequence[str] | None = None,
    consents: Mapping[str, str] | None = None,
    consent_source: str = "edited by hand",
) -> tuple[str, dict[str, tuple[Any, Any]]]:
    """Save what the person form holds in one unit of work (all of it or nothing).

    ``person_id`` None creates the person. ``tags`` (when given) become exactly the
    person's tags; ``consents`` maps channel -> "given"/"withdrawn" for the channels whose
    answer changed. Returns the id and {field: (old, new)} of the fields that changed.
    """
    with UnitOfWork(db) as uow:
        if person_id is None:
            cleaned = clean_person_fields(fields, creating=True)
            _check_organisation(uow, cleaned.get("organisation_id"))
            person_id = uow.create(Person, cleaned)
            diff: dict[str, tuple[Any, Any]] = {}
        else:
            diff = _update(uow, person_id, fields)
        if tags is not None:
            _set_tags(uow, person_id, tags)
        for channel, status in (consents or {}).items():
            _add_consent(uow, person_id, channel, status, consent_source)
        return person_id, diff


def _update(uow: UnitOfWork, person_id: str, changes: Mapping[str, Any]
            ) -> dict[str, tuple[Any, Any]]:
    cleaned = clean_person_fields(changes)
    if "organisation_id" in cleaned:
        _check_organisation(uow, cleaned["organisation_id"])
    diff = uow.update(Person, person_id, cleaned)
    person = uow.session.get(Person, person_id)
    if person is not None and not (person.first_name or person.last_name):
        raise ValidationError("a person needs at least a first or last name")
    return diff


def _live_person(uow: UnitOfWork, person_id: str) -> None:
    person = uow.session.get(Person, person_id)
    if person is None or person.deleted_at is not None:
        raise NotFoundError(f"no person with id {person_id}")


def set_person_tags(db: Database, person_id: str, names: Sequence[str]) -> bool:
    """Make the person's tags exactly ``names`` (matched ignoring case; new names become new
    tags). True if anything changed."""
    with UnitOfWork(db) as uow:
        return _set_tags(uow, person_id, names)


def _set_tags(uow: UnitOfWork, person_id: str, names: Sequence[str]) -> bool:
    wanted: dict[str, str] = {}
    for name in names:
        clean = clean_required_text(name, field="tag name")
        wanted.setdefault(clean.lower(), clean)
    session = uow.session
    _live_person(uow, person_id)
    tags = {name.lower(): tag_id for tag_id, name in session.execute(
        select(Tag.id, Tag.name).where(Tag.deleted_at.is_(None)))}
    current: dict[str, str] = {tag_id: link for tag_id, link in session.execute(
        select(PersonTag.tag_id, PersonTag.id).where(
            PersonTag.person_id == person_id, PersonTag.deleted_at.is_(None)))}
    changed = False
    keep: set[str] = set()
    for key, name in wanted.items():
        tag_id = tags.get(key) or uow.create(Tag, {"name": name})
        keep.add(tag_id)
        if tag_id not in current:
            uow.create(PersonTag, {"person_id": person_id, "tag_id": tag_id},
                       row_id=link_id("person_tag", person_id, tag_id))
            changed = True
    for tag_id, link in current.items():
        if tag_id not in keep:
            uow.delete(PersonTag, link)
            changed = True
    return changed


@dataclass(frozen=True, slots=True)
class ConsentState:
    """The latest answer a person gave for one channel."""

    status: str
    recorded_at: datetime
    source: str | None


def person_consents(db: Database, person_id: str) -> dict[str, ConsentState]:
    """channel -> the latest live consent record for it (channels never asked are absent)."""
    stmt = (
        select(Consent.channel, Consent.status, Consent.recorded_at, Consent.source)
        .where(Consent.person_id == person_id, Consent.deleted_at.is_(None))
        .order_by(Consent.recorded_at, Consent.created_at)
    )
    with db.reading() as session:
        return {channel: ConsentState(status, recorded_at, source)
                for channel, status, recorded_at, source in session.execute(stmt)}


def set_consent(db: Database, person_id: str, channel: str, status: str,
                source: str = "edited by hand") -> None:
    """Record a new answer for one channel (history is kept: consent is evidence)."""
    with UnitOfWork(db) as uow:
        _add_consent(uow, person_id, channel, status, source)


def _add_consent(uow: UnitOfWork, person_id: str, channel: str, status: str,
                 source: str) -> None:
    try:
        channel = ConsentChannel(channel).value
        status = ConsentStatus(status).value
    except ValueError as exc:
        raise ValidationError(f"consent: {exc}") from None
    _live_person(uow, person_id)
    uow.create(Consent, {"person_id": person_id, "channel": channel, "status": status,
                         "recorded_at": utcnow(), "source": source})
