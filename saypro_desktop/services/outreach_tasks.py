"""Follow-ups and action items: the open follow-ups, the Today view (what is due, our open
action items, the meetings and planned contacts coming up), the sidebar's due count, and
done / snooze / reassign of a task with what undo needs to put it back.

``services.outreach.OutreachService`` is the door to these (``app.outreach``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, TextClause, and_, bindparam, func, or_, select, text
from sqlalchemy.orm import Session, aliased

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import (
    ActionItem,
    FollowUp,
    Interaction,
    Meeting,
    MeetingOrganisation,
    Organisation,
    Person,
)
from saypro_desktop.db.models.outreach import OPEN_SQL
from saypro_desktop.domain.enums import TaskStatus
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.domain.outreach import type_label
from saypro_desktop.domain.people import display_name
from saypro_desktop.services.coalition import read_profile
from saypro_desktop.services.unit_of_work import UnitOfWork

OPEN_STATUSES = (TaskStatus.OPEN.value, TaskStatus.IN_PROGRESS.value)
UPCOMING_DAYS = 14
FOLLOW_UP = "follow_up"
ACTION_ITEM = "action_item"


@dataclass(frozen=True, slots=True)
class TaskRow:
    """A follow-up or an action item, as Today lists it."""

    kind: str  # FOLLOW_UP or ACTION_ITEM
    id: str
    what: str
    person_id: str | None
    person: str
    organisation_id: str | None
    organisation: str
    due_on: date | None
    overdue: bool
    assigned_to_id: str | None
    assigned_to: str
    status: str
    meeting: str = ""

    @property
    def who(self) -> str:
        if self.person and self.organisation:
            return f"{self.person} ({self.organisation})"
        return self.person or self.organisation

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)



@dataclass(frozen=True, slots=True)
class UpcomingRow:
    kind: str  # "meeting" or "planned"
    id: str
    when: datetime
    title: str
    with_whom: str
    place: str



@dataclass(frozen=True, slots=True)
class TodayView:
    on: date
    follow_ups: list[TaskRow]
    action_items: list[TaskRow]
    upcoming: list[UpcomingRow]
    knows_us: bool  # False until the coalition profile names our organisation

    @property
    def due(self) -> int:
        return sum(1 for row in (*self.follow_ups, *self.action_items)
                   if row.due_on is not None and row.due_on <= self.on)



@dataclass(frozen=True, slots=True)
class TaskState:
    """What done / snooze / reassign change, kept to undo them."""

    status: str
    due_on: date | None
    assignee_id: str | None
    organisation_id: str | None = None  # an action item's owning organisation


def live_row(session: Session, model: Any, row_id: str | None, what: str) -> Any:
    """The live row ``row_id`` of ``model`` (None for no id); NotFoundError when gone."""
    if row_id is None:
        return None
    row = session.get(model, row_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(f"no {what} with id {row_id}")
    return row


def _task_model(kind: str) -> type[FollowUp] | type[ActionItem]:
    if kind == FOLLOW_UP:
        return FollowUp
    if kind == ACTION_ITEM:
        return ActionItem
    raise ValidationError(f"'{kind}' is not a follow-up or an action item")



def _day(value: str | None) -> date | None:
    """A stored date column read raw (ISO text)."""
    return date.fromisoformat(value) if value else None



def _open_follow_up() -> TextClause:
    """Live and still to do, written as the partial index ix_follow_ups_open_due says it
    (SQLite uses a partial index only when the query repeats its condition literally)."""
    return text(f"follow_ups.deleted_at IS NULL AND follow_ups.status IN {OPEN_SQL}")



def _assigned_to_us(our_org: Any) -> ColumnElement[bool]:
    """Action items owned by our organisation or one of its people, or by nobody yet
    (``our_org`` an id, a bound parameter, or None when we are not known yet)."""
    unowned = and_(ActionItem.owner_id.is_(None), ActionItem.organisation_id.is_(None))
    if our_org is None:
        return unowned
    ours = select(Person.id).where(Person.organisation_id == our_org)
    return or_(unowned, ActionItem.owner_id.in_(ours),
               and_(ActionItem.owner_id.is_(None), ActionItem.organisation_id == our_org))



# Today's statements compiled once per shape: compiling costs more than running them.
_COMPILED: dict[tuple[Any, ...], tuple[str, list[str], dict[str, Any]]] = {}


def _run(session: Session, key: tuple[Any, ...], build: Any, params: dict[str, Any]
         ) -> list[tuple[Any, ...]]:
    """Plain tuples from a statement built (and compiled) on first use for ``key``."""
    connection = session.connection()
    entry = _COMPILED.get(key)
    if entry is None:
        compiled = build().compile(dialect=connection.dialect,
                                   compile_kwargs={"render_postcompile": True})
        entry = (str(compiled), list(getattr(compiled, "positiontup", None) or []),
                 dict(compiled.construct_params() or {}))
        _COMPILED[key] = entry
    sql, names, defaults = entry
    values = {**defaults, **params}
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, [values[name] for name in names])
        return list(cursor.fetchall())
    finally:
        cursor.close()



def follow_ups(db: Database, day: date, *, due_only: bool = False,
               organisation_id: str | None = None) -> list[TaskRow]:
    """Open follow-ups, soonest first; ``due_only`` keeps those due by ``day``."""
    with db.reading() as session:
        return _follow_ups(session, day, due_only=due_only, organisation_id=organisation_id)


def _follow_ups(session: Session, day: date, *, due_only: bool,
                organisation_id: str | None = None) -> list[TaskRow]:
    key = ("follow_ups", due_only, organisation_id is not None)
    params = {"day": day.isoformat(), "org": organisation_id}
    return _follow_up_rows(_run(session, key, lambda: _follow_ups_stmt(
        due_only=due_only, by_org=organisation_id is not None), params), day)


def _follow_ups_stmt(*, due_only: bool, by_org: bool) -> Any:
    assignee = aliased(Person)
    stmt = (
        select(FollowUp.id, FollowUp.description, FollowUp.due_on, FollowUp.status,
               FollowUp.person_id, Person.first_name, Person.last_name,
               FollowUp.organisation_id, Organisation.name, FollowUp.assigned_to_id,
               assignee.first_name, assignee.last_name)
        .outerjoin(Person, Person.id == FollowUp.person_id)
        .outerjoin(Organisation, Organisation.id == FollowUp.organisation_id)
        .outerjoin(assignee, assignee.id == FollowUp.assigned_to_id)
        .where(_open_follow_up())
        .order_by(FollowUp.due_on, FollowUp.id)
    )
    if due_only:
        stmt = stmt.where(FollowUp.due_on <= bindparam("day", ""))
    if by_org:
        stmt = stmt.where(FollowUp.organisation_id == bindparam("org", ""))
    return stmt


def _follow_up_rows(raw: list[tuple[Any, ...]], day: date) -> list[TaskRow]:
    # Plain tuples (no ORM result processing): Today may list a thousand overdue tasks.
    rows = []
    for (task_id, what, due_text, status, person_id, first, last, org_id, org,
         assignee_id, a_first, a_last) in raw:
        due = _day(due_text)
        rows.append(TaskRow(
            FOLLOW_UP, task_id, what, person_id,
            display_name(first, last) if person_id else "", org_id, org or "", due,
            due is not None and due < day, assignee_id,
            display_name(a_first, a_last) if assignee_id else "", status))
    return rows


def _action_items(session: Session, day: date, our_org: str | None) -> list[TaskRow]:
    raw = _run(session, ("action_items", our_org is None),
               lambda: _action_items_stmt(our_org is not None), {"ours": our_org})
    rows = []
    for (task_id, what, due_text, status, owner_id, first, last, org_id, org,
         meeting) in raw:
        due = _day(due_text)
        rows.append(TaskRow(
            ACTION_ITEM, task_id, what, None, "", org_id, org or "", due,
            due is not None and due < day, owner_id,
            display_name(first, last) if owner_id else "", status, meeting or ""))
    return rows


def _action_items_stmt(knows_us: bool) -> Any:
    owner = aliased(Person)
    return (
        select(ActionItem.id, ActionItem.description, ActionItem.due_on, ActionItem.status,
               ActionItem.owner_id, owner.first_name, owner.last_name,
               ActionItem.organisation_id, Organisation.name, Meeting.title)
        .outerjoin(owner, owner.id == ActionItem.owner_id)
        .outerjoin(Organisation, Organisation.id == ActionItem.organisation_id)
        .outerjoin(Meeting, Meeting.id == ActionItem.meeting_id)
        .where(ActionItem.deleted_at.is_(None), ActionItem.status.in_(OPEN_STATUSES),
               _assigned_to_us(bindparam("ours", "") if knows_us else None))
        .order_by(ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.id)
    )


def _upcoming(session: Session, now: datetime) -> list[UpcomingRow]:
    until = datetime.combine(now.date() + timedelta(days=UPCOMING_DAYS), datetime.min.time())
    start = datetime.combine(now.date(), datetime.min.time())
    meetings = session.execute(
        select(Meeting.id, Meeting.starts_at, Meeting.title, Meeting.location, Meeting.link)
        .where(Meeting.deleted_at.is_(None), Meeting.starts_at >= start,
               Meeting.starts_at < until)
        .order_by(Meeting.starts_at)
    ).all()
    names: dict[str, list[str]] = {}
    if meetings:
        for meeting_id, name in session.execute(
            select(MeetingOrganisation.meeting_id, Organisation.name)
            .join(Organisation, Organisation.id == MeetingOrganisation.organisation_id)
            .where(MeetingOrganisation.deleted_at.is_(None),
                   MeetingOrganisation.meeting_id.in_([m.id for m in meetings]))
            .order_by(Organisation.name)
        ):
            names.setdefault(meeting_id, []).append(name)
    rows = [UpcomingRow("meeting", m.id, m.starts_at, m.title,
                        ", ".join(names.get(m.id, [])), m.location or m.link or "")
            for m in meetings]
    planned = session.execute(
        select(Interaction.id, Interaction.occurred_at, Interaction.channel,
               Interaction.subject, Person.first_name, Person.last_name, Organisation.name,
               Interaction.person_id)
        .outerjoin(Person, Person.id == Interaction.person_id)
        .outerjoin(Organisation, Organisation.id == Interaction.organisation_id)
        .where(Interaction.deleted_at.is_(None), Interaction.occurred_at > now,
               Interaction.occurred_at < until)
    ).all()
    for p in planned:
        who = display_name(p.first_name, p.last_name) if p.person_id else ""
        rows.append(UpcomingRow(
            "planned", p.id, p.occurred_at,
            f"{type_label(p.channel)}: {p.subject}" if p.subject else type_label(p.channel),
            ", ".join(x for x in (who, p.name or "") if x), ""))
    return sorted(rows, key=lambda r: (r.when, r.title))


def today_view(db: Database, moment: datetime) -> TodayView:
    """Follow-ups due by ``moment``'s day or overdue, our open action items, and what is
    coming up."""
    day = moment.date()
    with db.reading() as session:
        profile = read_profile(session)
        return TodayView(
            on=day,
            follow_ups=_follow_ups(session, day, due_only=True),
            action_items=_action_items(session, day, profile.our_organisation_id),
            upcoming=_upcoming(session, moment),
            knows_us=profile.our_organisation_id is not None,
        )


def due_count(db: Database, day: date) -> int:
    """What the sidebar badge shows: follow-ups and our action items due by ``day``."""
    with db.reading() as session:
        our_org = read_profile(session).our_organisation_id
        follow_ups = session.execute(
            select(func.count()).select_from(FollowUp).where(
                _open_follow_up(), FollowUp.due_on <= day)
        ).scalar_one()
        actions = session.execute(
            select(func.count()).select_from(ActionItem).where(
                ActionItem.deleted_at.is_(None), ActionItem.status.in_(OPEN_STATUSES),
                ActionItem.due_on <= day, _assigned_to_us(our_org))
        ).scalar_one()
    return int(follow_ups) + int(actions)


def change_task(db: Database, kind: str, task_id: str, changes: dict[str, Any]) -> TaskState:
    """Apply ``changes`` (status, due_on, assignee_id) to a task; returns how it was."""
    model = _task_model(kind)
    owner = "assigned_to_id" if model is FollowUp else "owner_id"
    with UnitOfWork(db) as uow:
        row = live_row(uow.session, model, task_id,
                       "follow-up" if model is FollowUp else "action item")
        before = TaskState(row.status, row.due_on, getattr(row, owner),
                           row.organisation_id if model is ActionItem else None)
        fields: dict[str, Any] = {}
        if "status" in changes:
            fields["status"] = changes["status"]
            if model is FollowUp:
                fields["done_at"] = (uow.now if changes["status"] == TaskStatus.DONE.value
                                     else None)
        if "due_on" in changes:
            fields["due_on"] = changes["due_on"]
        if "assignee_id" in changes:
            person = live_row(uow.session, Person, changes["assignee_id"], "person")
            fields[owner] = changes["assignee_id"]
            if model is ActionItem:
                fields["organisation_id"] = changes.get(
                    "organisation_id", person.organisation_id if person else None)
        uow.update(model, task_id, fields)
        return before
