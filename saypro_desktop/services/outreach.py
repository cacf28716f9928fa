"""Outreach: log calls, letters, visits and messages; follow-ups; the Today view.

One form serves what happened and what is planned: the date decides (a moment after now
is planned). A follow-up date makes a follow-up task, which the Today view shows when it
falls due, with the open action items assigned to us and the meetings coming up.

This module logs and lists interactions; the follow-ups, the Today view and done /
snooze / reassign live in :mod:`services.outreach_tasks`. ``OutreachService``
(``app.outreach``) is the door to both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import FollowUp, Interaction, Organisation, Person
from saypro_desktop.domain.enums import PipelineStage, TaskStatus
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.domain.outreach import (
    InteractionOutcome,
    InteractionType,
    outcome_label,
    type_label,
)
from saypro_desktop.domain.people import clean_text, display_name
from saypro_desktop.services.outreach_stage import move_partner_stage
from saypro_desktop.services.outreach_tasks import (
    TaskRow,
    TaskState,
    TodayView,
    change_task,
    due_count,
    follow_ups,
    live_row,
    today_view,
)
from saypro_desktop.services.unit_of_work import UnitOfWork


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


def _choice(value: str | None, enum: Iterable[Any], field: str) -> str | None:
    if value is None or value == "":
        return None
    allowed = [m.value for m in enum]
    if value not in allowed:
        raise ValidationError(f"{field}: '{value}' is not one of {', '.join(allowed)}")
    return value


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
            person = live_row(session, Person, item.person_id, "person")
            org = live_row(session, Organisation, item.organisation_id, "organisation")
            live_row(session, Person, item.our_person_id, "person")
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
        return follow_ups(self._db, on or local_now().date(), due_only=due_only,
                          organisation_id=organisation_id)

    def today(self, *, now: datetime | None = None) -> TodayView:
        """Follow-ups due today or overdue, our open action items, and what is coming up."""
        return today_view(self._db, now or local_now())

    def due_count(self, *, on: date | None = None) -> int:
        """What the sidebar badge shows: follow-ups and our action items due by today."""
        return due_count(self._db, on or local_now().date())

    # -- done, snooze, reassign ----------------------------------------------------------
    def complete(self, kind: str, task_id: str) -> TaskState:
        return change_task(self._db, kind, task_id, {"status": TaskStatus.DONE.value})

    def snooze(self, kind: str, task_id: str, until: date, *, on: date | None = None) -> TaskState:
        if until < (on or local_now().date()):
            raise ValidationError(f"snooze: {until.isoformat()} is in the past; choose a "
                                  "later date")
        return change_task(self._db, kind, task_id, {"due_on": until})

    def reassign(self, kind: str, task_id: str, person_id: str) -> TaskState:
        return change_task(self._db, kind, task_id, {"assignee_id": person_id})

    def restore(self, kind: str, task_id: str, state: TaskState) -> None:
        """Put a task back as it was (undo)."""
        change_task(self._db, kind, task_id, {
            "status": state.status, "due_on": state.due_on, "assignee_id": state.assignee_id,
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
