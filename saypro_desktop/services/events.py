"""Events: town halls, forums, rallies and trainings, with their RSVP lists and sheet codes.

``EventsService`` (``app.events``) is the one door for events: create and edit them, build
the RSVP list (picked from people or imported), hand out the short row codes printed on a
paper sign-in sheet ("A7"), sign people in at the desk (services.events_signin), count who
came (services.events_numbers) and export the attendance.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import (
    Campaign,
    Event,
    EventRsvp,
    Organisation,
    Person,
    Petition,
    Signature,
    SignIn,
    WorkingGroup,
)
from saypro_desktop.domain.enums import EventKind
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.domain.ids import link_id
from saypro_desktop.domain.people import clean_required_text, clean_text, display_name
from saypro_desktop.services.events_numbers import EventNumbers, EventNumbersService
from saypro_desktop.services.events_signin import SignInService
from saypro_desktop.services.people import PeopleFilter, PersonRow, search_people
from saypro_desktop.services.people_matching import PeopleMatcher
from saypro_desktop.services.unit_of_work import UnitOfWork

__all__ = ["EventDetail", "EventRow", "EventsOf", "EventsService", "SheetRow", "code_for",
           "parse_when"]

# Row codes: a letter per block of 20 rows, then the row ("A1" ... "A20", "B1" ...). No I or O,
# so a code is never misread as a one or a zero.
CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_BLOCK = 20


def code_for(rank: int) -> str:
    """The row code of the ``rank``-th (0-based) person of a list: 0 -> "A1", 20 -> "B1"."""
    block, row = divmod(rank, CODE_BLOCK)
    letters = ""
    block += 1
    while block:
        block, rem = divmod(block - 1, len(CODE_LETTERS))
        letters = CODE_LETTERS[rem] + letters
    return f"{letters}{row + 1}"


def normalise_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S",
            "%d/%m/%Y %H:%M", "%Y-%m-%d")


def parse_when(value: Any, *, field: str) -> datetime | None:
    """A date and time typed by a person (2026-12-05 18:00), or None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0))
    text = str(value).strip()
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValidationError(f"{field}: '{text}' is not a date and time; "
                          "expected YYYY-MM-DD HH:MM, e.g. 2026-12-05 18:00")


def _kind(value: Any) -> str | None:
    text = clean_text(value, field="type", limit=64)
    if text is None:
        return None
    key = text.lower().replace(" ", "_").replace("-", "_")
    allowed = {k.value for k in EventKind}
    if key not in allowed:
        labels = ", ".join(k.value for k in EventKind)
        raise ValidationError(f"type: '{text}' is not an event type; choose one of {labels}")
    return key


def _count(value: Any, *, field: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError(f"{field}: '{value}' is not a whole number") from None
    if number < 0 or number > 10_000_000:
        raise ValidationError(f"{field}: {number} is out of range")
    return number


_TEXT_FIELDS = {"venue": 300, "city": 200, "area": 200, "organisers": 500, "notes": 100_000}
_LINKS = {"campaign_id": Campaign, "working_group_id": WorkingGroup, "petition_id": Petition}
EVENT_FIELDS = ("kind", "title", "starts_at", "ends_at", "venue", "city", "area",
                "expected_attendance", "capacity", "organisers", "campaign_id",
                "working_group_id", "petition_id", "notes")


def clean_event_fields(fields: Mapping[str, Any], *, creating: bool) -> dict[str, Any]:
    unknown = sorted(set(fields) - set(EVENT_FIELDS))
    if unknown:
        raise ValidationError(f"unknown event field {', '.join(unknown)}; "
                              f"fields are: {', '.join(EVENT_FIELDS)}")
    cleaned: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "kind":
            cleaned[name] = _kind(value)
        elif name == "title":
            cleaned[name] = clean_text(value, field="title", limit=300)
        elif name in ("starts_at", "ends_at"):
            cleaned[name] = parse_when(value, field="start" if name == "starts_at" else "end")
        elif name in ("expected_attendance", "capacity"):
            cleaned[name] = _count(value, field=name.replace("_", " "))
        elif name in _TEXT_FIELDS:
            cleaned[name] = clean_text(value, field=name, limit=_TEXT_FIELDS[name])
        else:
            cleaned[name] = clean_text(value, field=name, limit=64)
    if creating:
        for required, label in (("title", "title"), ("kind", "type"), ("starts_at", "start")):
            if not cleaned.get(required):
                raise ValidationError(f"an event needs a {label}")
    return cleaned


@dataclass(frozen=True, slots=True)
class EventRow:
    """One line of the events list."""

    id: str
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime | None
    venue: str | None
    area: str | None
    expected_attendance: int | None
    rsvps: int
    attendees: int
    walk_ins: int

    @property
    def kind_label(self) -> str:
        return _kind_label(self.kind)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["type"] = data.pop("kind")
        data["type_label"] = self.kind_label
        return data


def _kind_label(kind: str) -> str:
    try:
        return EventKind(kind).label
    except ValueError:
        return kind.replace("_", " ").capitalize()


@dataclass(frozen=True, slots=True)
class EventDetail:
    id: str
    fields: dict[str, Any]
    campaign: str | None
    working_group: str | None
    petition: str | None

    @property
    def title(self) -> str:
        return str(self.fields["title"])

    @property
    def starts_at(self) -> datetime:
        value: datetime = self.fields["starts_at"]
        return value

    @property
    def kind_label(self) -> str:
        return _kind_label(str(self.fields["kind"]))


@dataclass(frozen=True, slots=True)
class SheetRow:
    """A person on the RSVP list as the paper sheet prints them."""

    code: str  # "A7"
    person_id: str
    first_name: str | None
    last_name: str | None
    area: str | None
    organisation: str | None

    @property
    def name(self) -> str:
        return display_name(self.first_name, self.last_name)


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    label: str


class EventsService:
    """Events, RSVP lists and sheet codes; ``signin`` and ``numbers`` do the rest."""

    def __init__(self, db: Database, matcher: PeopleMatcher | None = None) -> None:
        self._db = db
        self.db = db
        self.matcher = matcher or PeopleMatcher(db)
        self.signin = SignInService(db, self.matcher)
        self.numbers = EventNumbersService(db)

    # -- events ----------------------------------------------------------------------------
    def add_event(self, fields: Mapping[str, Any]) -> str:
        cleaned = clean_event_fields(fields, creating=True)
        self._check_times(cleaned.get("starts_at"), cleaned.get("ends_at"))
        with UnitOfWork(self._db) as uow:
            self._check_links(uow, cleaned)
            return uow.create(Event, cleaned)

    def update_event(self, event_id: str, changes: Mapping[str, Any]) -> dict[str, Any]:
        cleaned = clean_event_fields(changes, creating=False)
        for required in ("title", "kind", "starts_at"):
            if required in cleaned and not cleaned[required]:
                raise ValidationError(f"an event needs a {required.replace('_at', '')}")
        with UnitOfWork(self._db) as uow:
            event = self._live_event(uow.session, event_id)
            self._check_times(cleaned.get("starts_at", event.starts_at),
                              cleaned.get("ends_at", event.ends_at))
            self._check_links(uow, cleaned)
            return uow.update(Event, event_id, cleaned)

    def delete_event(self, event_id: str) -> None:
        with UnitOfWork(self._db) as uow:
            uow.delete(Event, event_id)

    def add_petition(self, title: str, text: str | None = None, *,
                     campaign_id: str | None = None, goal: int | None = None) -> str:
        fields = {"title": clean_required_text(title, field="petition title"),
                  "text": clean_text(text, field="petition text", limit=100_000),
                  "campaign_id": campaign_id, "goal": _count(goal, field="goal")}
        with UnitOfWork(self._db) as uow:
            self._check_links(uow, {"campaign_id": campaign_id})
            return uow.create(Petition, fields)

    @staticmethod
    def _check_times(starts: datetime | None, ends: datetime | None) -> None:
        if starts and ends and ends < starts:
            raise ValidationError("the end is before the start; check the times")

    @staticmethod
    def _check_links(uow: UnitOfWork, cleaned: Mapping[str, Any]) -> None:
        for name, model in _LINKS.items():
            value = cleaned.get(name)
            if value is None:
                continue
            row = uow.session.get(model, value)
            if row is None or row.deleted_at is not None:
                raise ValidationError(f"{name.removesuffix('_id').replace('_', ' ')}: "
                                      f"no such record ({value})")

    @staticmethod
    def _live_event(session: Any, event_id: str) -> Event:
        event = session.get(Event, event_id)
        if event is None or event.deleted_at is not None:
            raise NotFoundError(f"no event with id {event_id}")
        return event  # type: ignore[no-any-return]

    def get_event(self, event_id: str) -> EventDetail:
        with self._db.reading() as session:
            event = self._live_event(session, event_id)
            names = {}
            for name, model, column in (("campaign", Campaign, "name"),
                                        ("working_group", WorkingGroup, "name"),
                                        ("petition", Petition, "title")):
                linked = getattr(event, f"{name}_id")
                row = session.get(model, linked) if linked else None
                names[name] = getattr(row, column) if row is not None else None
            return EventDetail(
                id=event.id,
                fields={name: getattr(event, name) for name in EVENT_FIELDS},
                campaign=names["campaign"], working_group=names["working_group"],
                petition=names["petition"])

    def list_events(self) -> list[EventRow]:
        """Every live event, newest first, with its RSVPs and attendance."""
        stmt = (select(Event.id, Event.title, Event.kind, Event.starts_at, Event.ends_at,
                       Event.venue, Event.area, Event.expected_attendance)
                .where(Event.deleted_at.is_(None))
                .order_by(Event.starts_at.desc(), Event.id))
        with self._db.reading() as session:
            rows = session.execute(stmt).all()
        counts = self.numbers.headline([r[0] for r in rows])
        return [EventRow(*row, rsvps=counts[row[0]].rsvps, attendees=counts[row[0]].attendees,
                         walk_ins=counts[row[0]].walk_ins) for row in rows]

    def event_choices(self) -> list[Choice]:
        """(id, "5 Dec 2026 · Soweto town hall") for pickers, newest first."""
        return list_event_choices(self._db)

    def petition_choices(self) -> list[Choice]:
        with self._db.reading() as session:
            rows = session.execute(select(Petition.id, Petition.title)
                                   .where(Petition.deleted_at.is_(None))
                                   .order_by(func.lower(Petition.title))).all()
        return [Choice(*row) for row in rows]

    def campaign_choices(self) -> list[Choice]:
        with self._db.reading() as session:
            rows = session.execute(select(Campaign.id, Campaign.name)
                                   .where(Campaign.deleted_at.is_(None))
                                   .order_by(func.lower(Campaign.name))).all()
        return [Choice(*row) for row in rows]

    def working_group_choices(self) -> list[Choice]:
        with self._db.reading() as session:
            rows = session.execute(select(WorkingGroup.id, WorkingGroup.name)
                                   .where(WorkingGroup.deleted_at.is_(None))
                                   .order_by(func.lower(WorkingGroup.name))).all()
        return [Choice(*row) for row in rows]

    def figures(self, event_id: str) -> EventNumbers:
        with self._db.reading() as session:
            self._live_event(session, event_id)
        return self.numbers.for_event(event_id)

    def events_of(self, table: str, ids: Iterable[str]) -> EventsOf:
        """The events that sign-ins or signatures (``table``: "sign_ins" or "signatures")
        belong to, e.g. the events behind a dashboard's attendance figure."""
        return events_of(self._db, table, ids)

    # -- RSVP list -------------------------------------------------------------------------
    def add_rsvps(self, event_id: str, person_ids: Iterable[str], *,
                  source: str = "picked") -> int:
        """Put people on the event's RSVP list (those already on it stay where they are)."""
        wanted = list(dict.fromkeys(person_ids))
        with UnitOfWork(self._db) as uow:
            return self.add_rsvps_in(uow, event_id, wanted, source=source)

    def add_rsvps_in(self, uow: UnitOfWork, event_id: str, person_ids: Sequence[str], *,
                     source: str = "picked") -> int:
        return add_rsvps_in(uow, event_id, person_ids, source=source)

    def rsvp_candidates(self, search: str = "", limit: int = 200) -> list[PersonRow]:
        """People to pick for an RSVP list (the organiser's picker), by name order."""
        return search_people(self._db, PeopleFilter(search=search), limit=limit)

    def remove_rsvp(self, event_id: str, person_id: str) -> None:
        with UnitOfWork(self._db) as uow:
            uow.delete(EventRsvp, link_id("event_rsvp", event_id, person_id))

    def sheet_rows(self, event_id: str) -> list[SheetRow]:
        """The RSVP list in sheet order, each with its short row code ("A7").

        Codes follow the order people joined the list (ties, from two laptops adding at
        once, by id); someone removed keeps their code unused, so printed codes stay right.
        """
        stmt = (select(EventRsvp.id, EventRsvp.deleted_at, Person.id, Person.first_name,
                       Person.last_name, Person.city, Organisation.name, Person.deleted_at,
                       Person.merged_into_id)
                .join(Person, Person.id == EventRsvp.person_id)
                .outerjoin(Organisation, Organisation.id == Person.organisation_id)
                .where(EventRsvp.event_id == event_id)
                .order_by(EventRsvp.position, EventRsvp.id))
        with self._db.reading() as session:
            self._live_event(session, event_id)
            rows = session.execute(stmt).all()
        out = []
        for rank, (_rid, deleted, pid, first, last, area, org, gone, merged) in enumerate(rows):
            if deleted is None and gone is None and merged is None:
                out.append(SheetRow(code_for(rank), pid, first, last, area, org))
        return out

    def row_code(self, event_id: str, code: str) -> SheetRow | None:
        """The person printed with ``code`` on this event's sheet ("a7", "A 7" work too)."""
        wanted = normalise_code(code)
        return next((row for row in self.sheet_rows(event_id) if row.code == wanted), None)

    # -- export ----------------------------------------------------------------------------
    def export_attendance(self, event_id: str, out: Path, fmt: str | None = None) -> int:
        from saypro_desktop.services.events_export import export_attendance

        return export_attendance(self, event_id, out, fmt)


def _live_event(session: Any, event_id: str) -> Event:
    event = session.get(Event, event_id)
    if event is None or event.deleted_at is not None:
        raise NotFoundError(f"no event with id {event_id}")
    return event  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class EventsOf:
    """The events some sign-ins or signatures belong to; ``elsewhere`` counts the rows not
    taken at an event (a signature collected door to door)."""

    event_ids: frozenset[str]
    rows: int
    elsewhere: int


def events_of(db: Database, table: str, ids: Iterable[str]) -> EventsOf:
    model: Any = {"sign_ins": SignIn, "signatures": Signature}.get(table)
    if model is None:
        raise ValidationError(f"{table} rows do not belong to events")
    keys = sorted(set(ids))
    found: dict[str, str | None] = {}
    with db.reading() as session:
        for start in range(0, len(keys), 500):
            rows = session.execute(select(model.id, model.event_id)
                                   .where(model.id.in_(keys[start:start + 500])))
            found.update((row_id, event_id) for row_id, event_id in rows)
    event_ids = frozenset(e for e in found.values() if e)
    return EventsOf(event_ids, len(keys), sum(1 for e in found.values() if not e))


def list_event_choices(db: Database) -> list[Choice]:
    """(id, "05 Dec 2026 · Soweto town hall") for pickers, newest first."""
    stmt = (select(Event.id, Event.title, Event.starts_at).where(Event.deleted_at.is_(None))
            .order_by(Event.starts_at.desc(), Event.id))
    with db.reading() as session:
        return [Choice(eid, f"{starts:%d %b %Y} · {title}")
                for eid, title, starts in session.execute(stmt)]


def add_rsvps_in(uow: UnitOfWork, event_id: str, person_ids: Sequence[str], *,
                 source: str = "picked") -> int:
    """Put people on an RSVP list inside a caller's unit of work (an attendee import);
    returns how many were not on it yet."""
    session = uow.session
    _live_event(session, event_id)
    ids = {link_id("event_rsvp", event_id, pid): pid for pid in person_ids}
    existing: dict[str, bool] = {}
    keys = list(ids)
    for start in range(0, len(keys), 500):
        for rid, deleted in session.execute(
                select(EventRsvp.id, EventRsvp.deleted_at)
                .where(EventRsvp.id.in_(keys[start:start + 500]))):
            existing[rid] = deleted is None
    live_people: set[str] = set()
    pids = sorted(set(ids.values()))
    for start in range(0, len(pids), 500):
        live_people.update(session.execute(
            select(Person.id).where(Person.id.in_(pids[start:start + 500]),
                                    Person.deleted_at.is_(None))).scalars())
    missing = [pid for pid in pids if pid not in live_people]
    if missing:
        raise NotFoundError(f"no person with id {missing[0]}")
    new = [rid for rid in keys if not existing.get(rid)]
    if not new:
        return 0
    top = session.execute(select(func.max(EventRsvp.position))
                          .where(EventRsvp.event_id == event_id)).scalar() or 0
    uow.create_many(EventRsvp, [
        {"event_id": event_id, "person_id": ids[rid], "position": top + i + 1,
         "source": source} for i, rid in enumerate(new)], row_ids=new)
    return len(new)
