"""Everything that happened with an organisation or a person, newest first.

Interactions, meetings, commitments, concerns, pipeline moves, assessments, referrals,
sign-ins at events and consents, read from their own tables into one list of plain
entries (what an organiser reads before a call). An organisation's timeline includes
what is still filed under records merged into it, and the meetings and sign-ins of its
members.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import (
    SYNCED_MODELS,
    ActionItem,
    Assessment,
    Commitment,
    Concern,
    Consent,
    Event,
    Interaction,
    Meeting,
    MeetingAttendee,
    Membership,
    Organisation,
    Person,
    Referral,
    SignIn,
    StageMove,
)
from saypro_desktop.domain.enums import (
    Channel,
    CommitmentKind,
    CommitmentStatus,
    ConcernCategory,
    ConcernStatus,
    EventKind,
    MeetingKind,
    Outcome,
    PipelineStage,
    TaskStatus,
)
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.domain.organisations import ReferralOutcome, label_of
from saypro_desktop.domain.people import display_name
from saypro_desktop.services.consent import CHANNEL_LABELS


class EntryKind(StrEnum):
    INTERACTION = "interaction"
    MEETING = "meeting"
    ACTION_ITEM = "action_item"
    COMMITMENT = "commitment"
    CONCERN = "concern"
    STAGE_MOVE = "stage_move"
    ASSESSMENT = "assessment"
    REFERRAL = "referral"
    SIGN_IN = "sign_in"
    CONSENT = "consent"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    EntryKind.INTERACTION: "Interactions",
    EntryKind.MEETING: "Meetings",
    EntryKind.ACTION_ITEM: "Action items",
    EntryKind.COMMITMENT: "Commitments",
    EntryKind.CONCERN: "Concerns",
    EntryKind.STAGE_MOVE: "Pipeline moves",
    EntryKind.ASSESSMENT: "Assessments",
    EntryKind.REFERRAL: "Referrals",
    EntryKind.SIGN_IN: "Sign-ins",
    EntryKind.CONSENT: "Consent",
}


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    when: datetime
    kind: EntryKind
    title: str
    detail: str
    table: str
    record_id: str
    planned: bool = False  # in the future (a planned call, an upcoming meeting)

    def as_dict(self) -> dict[str, Any]:
        return {"when": self.when.isoformat(), "kind": self.kind.value, "title": self.title,
                "detail": self.detail, "table": self.table, "record_id": self.record_id,
                "planned": self.planned}


def _moment(value: datetime | date | None, fallback: datetime) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0))
    return fallback


def _join(*parts: str | None) -> str:
    return " · ".join(p for p in parts if p)


def _live(model: Any) -> Any:
    return model.deleted_at.is_(None)


def organisation_family(session: Session, org_id: str) -> list[str]:
    """The organisation and every record merged into it (directly or through others)."""
    found = [org_id]
    frontier = [org_id]
    while frontier:
        merged = [r for r in session.execute(
            select(Organisation.id).where(Organisation.merged_into_org_id.in_(frontier))
        ).scalars() if r not in found]
        found.extend(merged)
        frontier = merged
    return found


class _Reader:
    def __init__(self, session: Session, kinds: Collection[EntryKind], now: datetime,
                 limit: int) -> None:
        self.session = session
        self.kinds = kinds
        self.now = now
        self.limit = limit
        self.entries: list[TimelineEntry] = []

    def wants(self, kind: EntryKind) -> bool:
        return kind in self.kinds

    def rows(self, stmt: Any) -> Iterable[Any]:
        return self.session.execute(stmt.limit(self.limit)).all()

    def add(self, when: datetime, kind: EntryKind, title: str, detail: str, table: str,
            record_id: str) -> None:
        self.entries.append(TimelineEntry(when, kind, title, detail, table, record_id,
                                          planned=when > self.now))

    # -- each kind -----------------------------------------------------------------------
    def interactions(self, where: Any) -> None:
        if not self.wants(EntryKind.INTERACTION):
            return
        for r in self.rows(select(Interaction.id, Interaction.occurred_at, Interaction.channel,
                                  Interaction.direction, Interaction.subject, Interaction.notes,
                                  Interaction.outcome, Interaction.follow_up_due)
                           .where(where, _live(Interaction))
                           .order_by(Interaction.occurred_at.desc())):
            channel = label_of(Channel, r.channel)
            title = _join(channel + (" (incoming)" if r.direction == "inbound" else ""),
                          r.subject)
            follow = f"follow up by {r.follow_up_due:%d %b %Y}" if r.follow_up_due else None
            self.add(r.occurred_at, EntryKind.INTERACTION, title,
                     _join(label_of(Outcome, r.outcome), r.notes, follow),
                     "interactions", r.id)

    def meetings(self, meeting_ids: Any) -> None:
        if not self.wants(EntryKind.MEETING):
            return
        for r in self.rows(select(Meeting.id, Meeting.starts_at, Meeting.kind, Meeting.title,
                                  Meeting.location, Meeting.decisions)
                           .where(Meeting.id.in_(meeting_ids), _live(Meeting))
                           .order_by(Meeting.starts_at.desc())):
            self.add(r.starts_at, EntryKind.MEETING, r.title,
                     _join(label_of(MeetingKind, r.kind), r.location, r.decisions),
                     "meetings", r.id)

    def action_items(self, where: Any) -> None:
        if not self.wants(EntryKind.ACTION_ITEM):
            return
        for r in self.rows(select(ActionItem.id, ActionItem.due_on, ActionItem.created_at,
                                  ActionItem.description, ActionItem.status)
                           .where(where, _live(ActionItem))
                           .order_by(ActionItem.created_at.desc())):
            due = f"due {r.due_on:%d %b %Y}" if r.due_on else None
            self.add(_moment(r.due_on, r.created_at), EntryKind.ACTION_ITEM, r.description,
                     _join(label_of(TaskStatus, r.status), due), "action_items", r.id)

    def commitments(self, where: Any) -> None:
        if not self.wants(EntryKind.COMMITMENT):
            return
        for r in self.rows(select(Commitment.id, Commitment.kind, Commitment.status,
                                  Commitment.amount, Commitment.description,
                                  Commitment.pledged_on, Commitment.delivered_on,
                                  Commitment.created_at)
                           .where(where, _live(Commitment))
                           .order_by(Commitment.created_at.desc())):
            amount = f"{r.amount:,.0f}" if r.amount is not None else None
            when = _moment(r.delivered_on or r.pledged_on, r.created_at)
            self.add(when, EntryKind.COMMITMENT,
                     _join(label_of(CommitmentKind, r.kind), amount),
                     _join(label_of(CommitmentStatus, r.status), r.description),
                     "commitments", r.id)

    def concerns(self, where: Any) -> None:
        if not self.wants(EntryKind.CONCERN):
            return
        for r in self.rows(select(Concern.id, Concern.category, Concern.description,
                                  Concern.status, Concern.raised_on, Concern.created_at)
                           .where(where, _live(Concern))
                           .order_by(Concern.created_at.desc())):
            self.add(_moment(r.raised_on, r.created_at), EntryKind.CONCERN,
                     f"Concern: {label_of(ConcernCategory, r.category).lower()}",
                     _join(label_of(ConcernStatus, r.status), r.description),
                     "concerns", r.id)

    def stage_moves(self, org_ids: list[str]) -> None:
        if not self.wants(EntryKind.STAGE_MOVE):
            return
        for r in self.rows(select(StageMove.id, StageMove.from_stage, StageMove.to_stage,
                                  StageMove.moved_at, StageMove.moved_by, StageMove.note)
                           .where(StageMove.organisation_id.in_(org_ids), _live(StageMove))
                           .order_by(StageMove.moved_at.desc())):
            if r.from_stage is None:
                title = f"Added as {label_of(PipelineStage, r.to_stage).lower()}"
            else:
                title = (f"{label_of(PipelineStage, r.from_stage)} → "
                         f"{label_of(PipelineStage, r.to_stage)}")
            by = f"by {r.moved_by}" if r.moved_by else None
            self.add(r.moved_at, EntryKind.STAGE_MOVE, title, _join(by, r.note),
                     "stage_moves", r.id)

    def assessments(self, org_ids: list[str]) -> None:
        if not self.wants(EntryKind.ASSESSMENT):
            return
        for r in self.rows(select(Assessment.id, Assessment.assessed_on, Assessment.created_at,
                                  Assessment.shared_values, Assessment.mission_alignment,
                                  Assessment.operational_compatibility, Assessment.priority,
                                  Assessment.notes)
                           .where(Assessment.organisation_id.in_(org_ids), _live(Assessment))
                           .order_by(Assessment.created_at.desc())):
            scores = ", ".join(
                f"{label} {score}/5" for label, score in (
                    ("values", r.shared_values), ("mission", r.mission_alignment),
                    ("operations", r.operational_compatibility)) if score is not None)
            priority = f"{r.priority} priority" if r.priority else None
            self.add(_moment(r.assessed_on, r.created_at), EntryKind.ASSESSMENT,
                     "Partnership assessment", _join(scores, priority, r.notes),
                     "assessments", r.id)

    def referrals(self, where: Any) -> None:
        if not self.wants(EntryKind.REFERRAL):
            return
        for r in self.rows(select(Referral.id, Referral.referred_on, Referral.created_at,
                                  Referral.referrer_id, Referral.referred_id,
                                  Referral.referred_organisation_id, Referral.note,
                                  Referral.outcome)
                           .where(where, _live(Referral))
                           .order_by(Referral.created_at.desc())):
            names = self._names([r.referrer_id, r.referred_id])
            org = self.session.get(Organisation, r.referred_organisation_id) \
                if r.referred_organisation_id else None
            whom = _join(names.get(r.referred_id or ""), org.name if org else None)
            self.add(_moment(r.referred_on, r.created_at), EntryKind.REFERRAL,
                     f"{names.get(r.referrer_id, '')} introduced {whom}",
                     _join(label_of(ReferralOutcome, r.outcome), r.note), "referrals", r.id)

    def sign_ins(self, where: Any) -> None:
        if not self.wants(EntryKind.SIGN_IN):
            return
        for r in self.rows(select(SignIn.id, SignIn.signed_in_at, SignIn.walk_in, Event.title,
                                  Event.kind, Event.city, Person.first_name, Person.last_name)
                           .join(Event, Event.id == SignIn.event_id)
                           .join(Person, Person.id == SignIn.person_id)
                           .where(where, _live(SignIn))
                           .order_by(SignIn.signed_in_at.desc())):
            who = display_name(r.first_name, r.last_name)
            self.add(r.signed_in_at, EntryKind.SIGN_IN, f"{who} signed in at {r.title}",
                     _join(label_of(EventKind, r.kind), r.city,
                           "walk-in" if r.walk_in else None), "sign_ins", r.id)

    def consents(self, person_id: str) -> None:
        if not self.wants(EntryKind.CONSENT):
            return
        for r in self.rows(select(Consent.id, Consent.channel, Consent.status,
                                  Consent.recorded_at, Consent.source, Consent.wording)
                           .where(Consent.person_id == person_id, _live(Consent))
                           .order_by(Consent.recorded_at.desc())):
            verb = "gave" if r.status == "given" else "withdrew"
            self.add(r.recorded_at, EntryKind.CONSENT,
                     f"{verb.capitalize()} consent: {CHANNEL_LABELS.get(r.channel, r.channel)}",
                     _join(r.source, f"“{r.wording}”" if r.wording else None),
                     "consents", r.id)

    def _names(self, ids: list[str | None]) -> dict[str, str]:
        wanted = [i for i in ids if i]
        rows = self.session.execute(select(Person.id, Person.first_name, Person.last_name)
                                    .where(Person.id.in_(wanted))).all()
        return {r.id: display_name(r.first_name, r.last_name) for r in rows}


ALL_KINDS: frozenset[EntryKind] = frozenset(EntryKind)


def _done(reader: _Reader) -> list[TimelineEntry]:
    entries = sorted(reader.entries, key=lambda e: (e.when, e.record_id), reverse=True)
    return entries[: reader.limit]


def organisation_timeline(db: Database, org_id: str, kinds: Collection[EntryKind] = ALL_KINDS,
                          *, limit: int = 500, now: datetime | None = None
                          ) -> list[TimelineEntry]:
    """The organisation's history (its members' meetings and sign-ins included)."""
    with db.reading() as session:
        org = session.get(Organisation, org_id)
        if org is None or org.deleted_at is not None:
            raise NotFoundError(f"no organisation with id {org_id}")
        family = organisation_family(session, org_id)
        reader = _Reader(session, kinds, now or datetime.now(), limit)
        members = select(Membership.person_id).where(Membership.organisation_id.in_(family),
                                                     _live(Membership))
        reader.interactions(Interaction.organisation_id.in_(family))
        meeting_ids: Any = select(MeetingAttendee.meeting_id).where(
            MeetingAttendee.person_id.in_(members), _live(MeetingAttendee))
        linked = SYNCED_MODELS.get("meeting_organisations")
        if linked is not None:  # meetings the organisation itself takes part in
            table = linked.__table__
            meeting_ids = meeting_ids.union(
                select(table.c.meeting_id).where(table.c.organisation_id.in_(family),
                                                 table.c.deleted_at.is_(None)))
        reader.meetings(meeting_ids)
        reader.action_items(ActionItem.organisation_id.in_(family))
        reader.commitments(Commitment.organisation_id.in_(family))
        reader.concerns(Concern.organisation_id.in_(family))
        reader.stage_moves(family)
        reader.assessments(family)
        reader.referrals(or_(Referral.referred_organisation_id.in_(family),
                             Referral.referred_id.in_(members)))
        reader.sign_ins(SignIn.person_id.in_(members))
        return _done(reader)


def person_timeline(db: Database, person_id: str, kinds: Collection[EntryKind] = ALL_KINDS,
                    *, limit: int = 500, now: datetime | None = None) -> list[TimelineEntry]:
    """One person's history: what we did with them and what they did with us."""
    with db.reading() as session:
        person = session.get(Person, person_id)
        if person is None or person.deleted_at is not None:
            raise NotFoundError(f"no person with id {person_id}")
        reader = _Reader(session, kinds, now or datetime.now(), limit)
        reader.interactions(Interaction.person_id == person_id)
        reader.meetings(select(MeetingAttendee.meeting_id).where(
            MeetingAttendee.person_id == person_id, _live(MeetingAttendee)))
        reader.action_items(ActionItem.owner_id == person_id)
        reader.commitments(Commitment.person_id == person_id)
        reader.concerns(Concern.raised_by_id == person_id)
        reader.referrals(or_(Referral.referrer_id == person_id,
                             Referral.referred_id == person_id))
        reader.sign_ins(SignIn.person_id == person_id)
        reader.consents(person_id)
        return _done(reader)


def parse_kinds(names: Iterable[str]) -> frozenset[EntryKind]:
    """Kinds from their names (for the CLI); an unknown one lists the valid ones."""
    kinds = set()
    for name in names:
        try:
            kinds.add(EntryKind(name.strip().lower().replace(" ", "_").replace("-", "_")))
        except ValueError:
            options = ", ".join(k.value for k in EntryKind)
            raise ValidationError(f"kind: '{name}' is not one of: {options}") from None
    return frozenset(kinds)
