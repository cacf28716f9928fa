"""Outreach: log calls, letters, visits and messages; follow-ups; the Today view.

One form serves what happened and what is planned: the date decides (a moment after now
is planned). A follow-up date makes a follow-up task, which the Today view shows when it
falls due, with the open action items assigned to us and the meetings coming up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, TextClause, and_, func, or_, select, text
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
from saypro_desktop.domain.enums import PipelineStage, TaskStatus
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.domain.outreach import (
    InteractionOutcome,
    InteractionType,
    outcome_label,
    type_label,
)
from saypro_desktop.domain.people import clean_text, display_name
from saypro_desktop.services.coalition import read_profile
from saypro_desktop.services.outreach_stage import move_partner_stage
from saypro_desktop.services.unit_of_work import UnitOfWork

OPEN_STATUSES = (TaskStatus.OPEN.value, TaskStatus.IN_PROGRESS.value)
UPCOMING_DAYS = 14
FOLLOW_UP = "follow_up"
ACTION_ITEM = "action_item"


def local_now() -> datetime:
    """The organiser's wall-clock time, as interactions and meetings are typed."""
    return datetime.now().replace(microsecond=0)


@dataclass(frozen=True, slots=True)
class InteractionInput:
    type: str
    occurred_at: datetime
    person_id: str | None = None
    organisation_id: str | None = None
    our_person_id: str | None = None
    summary: str | None = None
    outcome: str | None = None
    follow_up_on: date | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class LoggedInteraction:
    id: str
    follow_up_id: str | None
    planned: bool
    organisation_id: str | None
    stage: str | None  # the organisation's stage now
    offer_stage: str | None  # the stage to offer moving to ("committed"), if any


@dataclass(frozen=True, slots=True)
class InteractionRow:
    id: str
    occurred_at: datetime
    type: str
    person_id: str | None
    person: str
    organisation_id: str | None
    organisation: str
    our_person: str
    summary: str
    outcome: str | None
    follow_up_due: date | None
    planned: bool

    @property
    def type_label(self) -> str:
        return type_label(self.type)

    @property
    def outcome_label(self) -> str:
        return outcome_label(self.outcome)

    @property
    def who(self) -> str:
        if self.person and self.organisation:
            return f"{self.person} ({self.organisation})"
        return self.person or self.organisation

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "type_label": self.type_label,
                "outcome_label": self.outcome_label}


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


def _choice(value: str | None, enum: Iterable[Any], field: str) -> str | None:
    if value is None or value == "":
        return None
    allowed = [m.value for m in enum]
    if value not in allowed:
        raise ValidationError(f"{field}: '{value}' is not one of {', '.join(allowed)}")
    return value


def _live(session: Session, model: Any, row_id: str | None, what: str) -> Any:
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


def _open_follow_up() -> TextClause:
    """Live and still to do, written as the partial index ix_follow_ups_open_due says it
    (SQLite uses a partial index only when the query repeats its condition literally)."""
    return text(f"follow_ups.deleted_at IS NULL AND follow_ups.status IN {OPEN_SQL}")


def _assigned_to_us(our_org: str | None) -> ColumnElement[bool]:
    """Action items owned by our organisation or one of its people, or by nobody yet."""
    unowned = and_(ActionItem.owner_id.is_(None), ActionItem.organisation_id.is_(None))
    if our_org is None:
        return unowned
    ours = select(Person.id).where(Person.organisation_id == our_org)
    return or_(unowned, ActionItem.owner_id.in_(ours),
               and_(ActionItem.owner_id.is_(None), ActionItem.organisation_id == our_org))


class OutreachService:
    """``app.outreach``."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- logging -------------------------------------------------------------------------
    def log_interaction(
        self, item: InteractionInput, *, row_id: str | None = None,
        follow_up_id: str | None = None, now: datetime | None = None,
    ) -> LoggedInteraction:
        """Record what happened (or plan it, when the moment is after now)."""
        kind = _choice(item.type, InteractionType, "type")
        if kind is None:
            raise ValidationError("type: choose email, letter, phone, visit, briefing, "
                                  "meeting, sms or thank_you_note")
        outcome = _choice(item.outcome, InteractionOutcome, "outcome")
        if item.person_id is None and item.organisation_id is None:
            raise ValidationError("choose the person or organisation this was with")
        planned = item.occurred_at > (now or local_now())
        if planned and outcome is not None:
            raise ValidationError(
                "outcome: this is planned for later, so it has no outcome yet; log the "
                "outcome after it happens (or give a date in the past)")
        if item.follow_up_on is not None and item.follow_up_on < item.occurred_at.date():
            raise ValidationError(
                f"follow-up: {item.follow_up_on.isoformat()} is before the "
                f"{type_label(kind).lower()} itself; choose a later date")
        summary = clean_text(item.summary, field="summary", limit=300)
        notes = clean_text(item.notes, field="notes", limit=100_000)
        with UnitOfWork(self._db) as uow:
            session = uow.session
            person = _live(session, Person, item.person_id, "person")
            org = _live(session, Organisation, item.organisation_id, "organisation")
            _live(session, Person, item.our_person_id, "person")
            if org is None and person is not None and person.organisation_id:
                org = session.get(Organisation, person.organisation_id)
            fields = {
                "person_id": item.person_id,
                "organisation_id": org.id if org is not None else None,
                "channel": kind,
                "direction": "outbound",
                "occurred_at": item.occurred_at,
                "subject": summary,
                "notes": notes,
                "outcome": outcome,
                "follow_up_due": item.follow_up_on,
                "our_person_id": item.our_person_id,
            }
            interaction_id = uow.create(Interaction, fields, row_id=row_id)
            task_id = None
            if item.follow_up_on is not None:
                what = summary or f"{type_label(kind)}"
                task_id = uow.create(FollowUp, {
                    "person_id": item.person_id,
                    "organisation_id": fields["organisation_id"],
                    "interaction_id": interaction_id,
                    "description": f"Follow up: {what}",
                    "due_on": item.follow_up_on,
                    "status": TaskStatus.OPEN.value,
                    "done_at": None,
                    "assigned_to_id": item.our_person_id,
                }, row_id=follow_up_id)
            stage = org.pipeline_stage if org is not None else None
        offer = None
        if (outcome == InteractionOutcome.COMMITTED.value and org is not None
                and stage not in (PipelineStage.COMMITTED.value,
                                  PipelineStage.ACTIVE_PARTNER.value)):
            offer = PipelineStage.COMMITTED.value
        return LoggedInteraction(interaction_id, task_id, planned,
                                 org.id if org is not None else None, stage, offer)

    def remove_interaction(self, interaction_id: str) -> None:
        """Delete an interaction and the follow-up it made (undo of logging it)."""
        with UnitOfWork(self._db) as uow:
            uow.delete(Interaction, interaction_id)
            for task_id in uow.session.execute(
                select(FollowUp.id).where(FollowUp.interaction_id == interaction_id,
                                          FollowUp.deleted_at.is_(None))).scalars().all():
                uow.delete(FollowUp, task_id)

    def find_records(self, text: str, *, kinds: Iterable[str] = ("person", "organisation"),
                     limit: int = 40) -> list[RecordChoice]:
        return find_records(self._db, text, kinds=kinds, limit=limit)

    def move_stage(self, organisation_id: str, stage: str) -> str | None:
        """Move a partner's pipeline stage; returns the old stage (for undo)."""
        return move_partner_stage(self._db, organisation_id, stage)

    # -- lists ---------------------------------------------------------------------------
    def interactions(
        self, *, organisation_id: str | None = None, person_id: str | None = None,
        limit: int | None = None, now: datetime | None = None,
    ) -> list[InteractionRow]:
        """Interactions newest first (optionally one partner's or one person's)."""
        ours = aliased(Person)
        stmt = (
            select(Interaction.id, Interaction.occurred_at, Interaction.channel,
                   Interaction.person_id, Person.first_name, Person.last_name,
                   Interaction.organisation_id, Organisation.name,
                   ours.first_name.label("our_first"), ours.last_name.label("our_last"),
                   Interaction.subject, Interaction.outcome, Interaction.follow_up_due)
            .outerjoin(Person, Person.id == Interaction.person_id)
            .outerjoin(Organisation, Organisation.id == Interaction.organisation_id)
            .outerjoin(ours, ours.id == Interaction.our_person_id)
            .where(Interaction.deleted_at.is_(None))
            .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        )
        if organisation_id is not None:
            stmt = stmt.where(Interaction.organisation_id == organisation_id)
        if person_id is not None:
            stmt = stmt.where(Interaction.person_id == person_id)
        if limit is not None:
            stmt = stmt.limit(limit)
        moment = now or local_now()
        with self._db.reading() as session:
            rows = session.execute(stmt).all()
        return [
            InteractionRow(
                r.id, r.occurred_at, r.channel, r.person_id,
                display_name(r.first_name, r.last_name) if r.person_id else "",
                r.organisation_id, r.name or "",
                display_name(r.our_first, r.our_last) if r.our_first or r.our_last else "",
                r.subject or "", r.outcome, r.follow_up_due, r.occurred_at > moment)
            for r in rows
        ]

    def follow_ups(self, *, due_only: bool = False, on: date | None = None,
                   organisation_id: str | None = None) -> list[TaskRow]:
        """Open follow-ups, soonest first; ``due_only`` keeps those due by ``on``."""
        day = on or local_now().date()
        with self._db.reading() as session:
            return self._follow_ups(session, day, due_only=due_only,
                                    organisation_id=organisation_id)

    def _follow_ups(self, session: Session, day: date, *, due_only: bool,
                    organisation_id: str | None = None) -> list[TaskRow]:
        assignee = aliased(Person)
        stmt = (
            select(FollowUp.id, FollowUp.description, FollowUp.due_on, FollowUp.status,
                   FollowUp.person_id, Person.first_name, Person.last_name,
                   FollowUp.organisation_id, Organisation.name, FollowUp.assigned_to_id,
                   assignee.first_name.label("a_first"), assignee.last_name.label("a_last"))
            .outerjoin(Person, Person.id == FollowUp.person_id)
            .outerjoin(Organisation, Organisation.id == FollowUp.organisation_id)
            .outerjoin(assignee, assignee.id == FollowUp.assigned_to_id)
            .where(_open_follow_up())
            .order_by(FollowUp.due_on, FollowUp.id)
        )
        if due_only:
            stmt = stmt.where(FollowUp.due_on <= day)
        if organisation_id is not None:
            stmt = stmt.where(FollowUp.organisation_id == organisation_id)
        return [
            TaskRow(FOLLOW_UP, r.id, r.description, r.person_id,
                    display_name(r.first_name, r.last_name) if r.person_id else "",
                    r.organisation_id, r.name or "", r.due_on,
                    r.due_on is not None and r.due_on < day, r.assigned_to_id,
                    display_name(r.a_first, r.a_last) if r.assigned_to_id else "", r.status)
            for r in session.execute(stmt)
        ]

    def _action_items(self, session: Session, day: date, our_org: str | None) -> list[TaskRow]:
        owner = aliased(Person)
        stmt = (
            select(ActionItem.id, ActionItem.description, ActionItem.due_on, ActionItem.status,
                   ActionItem.owner_id, owner.first_name, owner.last_name,
                   ActionItem.organisation_id, Organisation.name, Meeting.title)
            .outerjoin(owner, owner.id == ActionItem.owner_id)
            .outerjoin(Organisation, Organisation.id == ActionItem.organisation_id)
            .outerjoin(Meeting, Meeting.id == ActionItem.meeting_id)
            .where(ActionItem.deleted_at.is_(None), ActionItem.status.in_(OPEN_STATUSES),
                   _assigned_to_us(our_org))
            .order_by(ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.id)
        )
        return [
            TaskRow(ACTION_ITEM, r.id, r.description, None, "", r.organisation_id,
                    r.name or "", r.due_on, r.due_on is not None and r.due_on < day,
                    r.owner_id, display_name(r.first_name, r.last_name) if r.owner_id else "",
                    r.status, r.title or "")
            for r in session.execute(stmt)
        ]

    def _upcoming(self, session: Session, now: datetime) -> list[UpcomingRow]:
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

    def today(self, *, now: datetime | None = None) -> TodayView:
        """Follow-ups due today or overdue, our open action items, and what is coming up."""
        moment = now or local_now()
        day = moment.date()
        with self._db.reading() as session:
            profile = read_profile(session)
            return TodayView(
                on=day,
                follow_ups=self._follow_ups(session, day, due_only=True),
                action_items=self._action_items(session, day, profile.our_organisation_id),
                upcoming=self._upcoming(session, moment),
                knows_us=profile.our_organisation_id is not None,
            )

    def due_count(self, *, on: date | None = None) -> int:
        """What the sidebar badge shows: follow-ups and our action items due by today."""
        day = on or local_now().date()
        with self._db.reading() as session:
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

    # -- done, snooze, reassign ----------------------------------------------------------
    def _change_task(self, kind: str, task_id: str, changes: dict[str, Any]) -> TaskState:
        model = _task_model(kind)
        owner = "assigned_to_id" if model is FollowUp else "owner_id"
        with UnitOfWork(self._db) as uow:
            row = _live(uow.session, model, task_id,
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
                person = _live(uow.session, Person, changes["assignee_id"], "person")
                fields[owner] = changes["assignee_id"]
                if model is ActionItem:
                    fields["organisation_id"] = changes.get(
                        "organisation_id", person.organisation_id if person else None)
            uow.update(model, task_id, fields)
            return before

    def complete(self, kind: str, task_id: str) -> TaskState:
        return self._change_task(kind, task_id, {"status": TaskStatus.DONE.value})

    def snooze(self, kind: str, task_id: str, until: date, *, on: date | None = None) -> TaskState:
        if until < (on or local_now().date()):
            raise ValidationError(f"snooze: {until.isoformat()} is in the past; choose a "
                                  "later date")
        return self._change_task(kind, task_id, {"due_on": until})

    def reassign(self, kind: str, task_id: str, person_id: str) -> TaskState:
        return self._change_task(kind, task_id, {"assignee_id": person_id})

    def restore(self, kind: str, task_id: str, state: TaskState) -> None:
        """Put a task back as it was (undo)."""
        self._change_task(kind, task_id, {"status": state.status, "due_on": state.due_on,
                                          "assignee_id": state.assignee_id,
                                          "organisation_id": state.organisation_id})


@dataclass(frozen=True, slots=True)
class RecordChoice:
    """A person or an organisation found by name, for "log an interaction with ..."."""

    kind: str  # "person" or "organisation"
    id: str
    name: str
    detail: str  # the person's organisation, or the organisation's category


def find_records(db: Database, text: str, *, kinds: Iterable[str] = ("person", "organisation"),
                 limit: int = 40) -> list[RecordChoice]:
    """Organisations whose name contains ``text``, then people matching it (search index)."""
    from saypro_desktop.domain.enums import StakeholderCategory
    from saypro_desktop.domain.outreach import label_of
    from saypro_desktop.services.people import PeopleFilter, search_people

    words = text.strip()
    kinds = set(kinds)
    found: list[RecordChoice] = []
    if "organisation" in kinds:
        stmt = (select(Organisation.id, Organisation.name, Organisation.category)
                .where(Organisation.deleted_at.is_(None))
                .order_by(func.lower(Organisation.name)).limit(limit))
        if words:
            stmt = stmt.where(Organisation.name.ilike(f"%{words}%"))
        with db.reading() as session:
            found += [RecordChoice("organisation", r.id, r.name,
                                   label_of(StakeholderCategory, r.category))
                      for r in session.execute(stmt)]
    if "person" in kinds and (words or "organisation" not in kinds):
        found += [RecordChoice("person", p.id, p.name or "(no name)", p.organisation or "")
                  for p in search_people(db, PeopleFilter(search=words), limit=limit)]
    return found
