"""What the working papers print, read into plain dataclasses: a meeting's minutes, a
partner's action plan, the outreach call sheet and an event's sign-in sheet's header.

The packet's reads and the helpers every document shares are in ``gather``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from saypro_desktop.db.models import (
    ActionItem,
    Campaign,
    Commitment,
    Event,
    FollowUp,
    Interaction,
    Meeting,
    MeetingAttendee,
    Organisation,
    Person,
)
from saypro_desktop.documents.data import (
    ActionLine,
    ActionPlanData,
    Attendee,
    CallLine,
    CallSheetData,
    CommitmentLine,
    EventLine,
    LastContact,
    MinutesData,
    SheetRow,
    SignInSheetData,
)
from saypro_desktop.domain.enums import (
    Channel,
    CommitmentKind,
    CommitmentStatus,
    EventKind,
    MeetingKind,
    Outcome,
    PipelineStage,
    Priority,
    TaskStatus,
)
from saypro_desktop.domain.errors import NotFoundError
from saypro_desktop.services.documents.gather import (
    label,
    org_profile,
    org_row,
    person_name,
    phone,
    primary_contact,
    stage_value,
    upcoming_events,
)


def _people_names(session: Session, ids: Sequence[str | None]) -> dict[str, tuple[str, str | None]]:
    wanted = sorted({i for i in ids if i})
    found: dict[str, tuple[str, str | None]] = {}
    for start in range(0, len(wanted), 500):
        rows = session.execute(
            select(Person.id, Person.first_name, Person.last_name, Person.preferred_name,
                   Person.erased_at, Organisation.name)
            .outerjoin(Organisation, Organisation.id == Person.organisation_id)
            .where(Person.id.in_(wanted[start:start + 500])))
        for pid, first, last, preferred, erased, org in rows:
            found[pid] = (("Name removed" if erased else person_name(first, last, preferred)),
                          org)
    return found


def _status(value: str) -> str:
    return label(TaskStatus, value) or value


def _split_lines(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    lines = [re.sub(r"^(?:[-•*]|\d{1,3}[.)])\s*", "", line.strip())
             for line in text.splitlines()]
    return tuple(line for line in lines if line)


def minutes_data(session: Session, meeting_id: str) -> MinutesData:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted_at is not None:
        raise NotFoundError(f"no meeting with id {meeting_id}")
    attendees = session.execute(
        select(MeetingAttendee.person_id, MeetingAttendee.attended)
        .where(MeetingAttendee.meeting_id == meeting_id, MeetingAttendee.deleted_at.is_(None))
    ).all()
    actions = session.execute(
        select(ActionItem).where(ActionItem.meeting_id == meeting_id,
                                 ActionItem.deleted_at.is_(None))
        .order_by(ActionItem.due_on.nulls_last())).scalars().all()
    names = _people_names(session, [a[0] for a in attendees] + [a.owner_id for a in actions])
    campaign = session.get(Campaign, meeting.campaign_id) if meeting.campaign_id else None
    people = sorted((Attendee(*names.get(pid, ("Name not recorded", None)), attended)
                     for pid, attended in attendees), key=lambda a: a.name.lower())
    return MinutesData(
        title=meeting.title, kind=label(MeetingKind, meeting.kind) or meeting.kind,
        starts_at=meeting.starts_at, ends_at=meeting.ends_at, location=meeting.location,
        campaign=campaign.name if campaign else None, attendees=tuple(people),
        agenda=_split_lines(meeting.agenda), notes=meeting.notes,
        decisions=_split_lines(meeting.decisions),
        actions=tuple(ActionLine(a.description, names.get(a.owner_id or "", (None,))[0],
                                 a.due_on, _status(a.status), resources=a.resources)
                      for a in actions))


def action_plan_data(session: Session, org_id: str, today: date) -> ActionPlanData:
    org = org_row(session, org_id)
    contact = primary_contact(session, org_id)
    commitments = session.execute(
        select(Commitment).where(Commitment.organisation_id == org_id,
                                 Commitment.deleted_at.is_(None))
        .order_by(Commitment.pledged_on.nulls_last())).scalars().all()
    actions = session.execute(
        select(ActionItem).where(ActionItem.organisation_id == org_id,
                                 ActionItem.deleted_at.is_(None))
        .order_by(ActionItem.due_on.nulls_last())).scalars().all()
    follow_ups = session.execute(
        select(FollowUp).where(FollowUp.organisation_id == org_id,
                               FollowUp.deleted_at.is_(None), FollowUp.status == "open")
        .order_by(FollowUp.due_on.nulls_last())).scalars().all()
    names = _people_names(session, [a.owner_id for a in actions])
    start = datetime.combine(today, datetime.min.time())
    member_ids = select(Person.id).where(Person.organisation_id == org_id)
    meetings = session.execute(
        select(Meeting.title, Meeting.kind, Meeting.starts_at, Meeting.location)
        .where(Meeting.deleted_at.is_(None), Meeting.starts_at >= start,
               Meeting.id.in_(select(MeetingAttendee.meeting_id)
                              .where(MeetingAttendee.person_id.in_(member_ids))))
        .order_by(Meeting.starts_at).limit(10)).all()

    def amount(c: Commitment) -> str | None:
        if c.amount is None:
            return None
        if c.kind == CommitmentKind.FUNDING.value:
            return f"R {c.amount:,.0f}"
        return f"{c.amount:,.0f}"

    return ActionPlanData(
        organisation=org_profile(org), contact=contact[1] if contact else None,
        commitments=tuple(CommitmentLine(label(CommitmentKind, c.kind) or c.kind,
                                         c.description,
                                         label(CommitmentStatus, c.status) or c.status,
                                         c.pledged_on, c.delivered_on, amount(c))
                          for c in commitments),
        actions=tuple(ActionLine(a.description, names.get(a.owner_id or "", (None,))[0],
                                 a.due_on, _status(a.status), resources=a.resources)
                      for a in actions),
        follow_ups=tuple(ActionLine(f.description, None, f.due_on, _status(f.status))
                         for f in follow_ups),
        meetings=tuple(EventLine(t, label(MeetingKind, k), s, v) for t, k, s, v in meetings),
        events=upcoming_events(session, start, limit=5), notes=org.notes)


_PRIORITY_RANK = {Priority.HIGH.value: 0, Priority.MEDIUM.value: 1, Priority.LOW.value: 2}


def callsheet_data(session: Session, today: date, stage: str | None = None,
                   limit: int = 200) -> CallSheetData:
    """Partners to call, most urgent first: follow-ups due, then priority, then the
    longest since we last spoke. Declined and dormant partners are left off unless their
    stage is asked for."""
    where: list[ColumnElement[bool]] = [Organisation.deleted_at.is_(None)]
    if stage:
        where.append(Organisation.pipeline_stage == stage_value(stage))
    else:
        where.append(or_(Organisation.pipeline_stage.is_(None),
                         Organisation.pipeline_stage.not_in(
                             (PipelineStage.DECLINED.value, PipelineStage.DORMANT.value))))
    orgs = session.execute(select(Organisation).where(*where)).scalars().all()
    ids = [o.id for o in orgs]
    last: dict[str, LastContact] = {}
    due: dict[str, tuple[date, str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        newest = (select(Interaction.organisation_id,
                         func.max(Interaction.occurred_at).label("at"))
                  .where(Interaction.organisation_id.in_(chunk),
                         Interaction.deleted_at.is_(None))
                  .group_by(Interaction.organisation_id).subquery())
        rows = session.execute(
            select(Interaction.organisation_id, Interaction.occurred_at, Interaction.channel,
                   Interaction.outcome, Interaction.subject)
            .join(newest, and_(newest.c.organisation_id == Interaction.organisation_id,
                               newest.c.at == Interaction.occurred_at))
            .where(Interaction.deleted_at.is_(None)))
        for org_id, at, channel, outcome, subject in rows:
            if org_id is None:
                continue
            last[org_id] = LastContact(at.date(), label(Channel, channel) or channel,
                                       label(Outcome, outcome), subject)
        for org_id, due_on, description in session.execute(
            select(FollowUp.organisation_id, FollowUp.due_on, FollowUp.description)
            .where(FollowUp.organisation_id.in_(chunk), FollowUp.deleted_at.is_(None),
                   FollowUp.status == "open", FollowUp.due_on.is_not(None))
            .order_by(FollowUp.due_on.desc())):
            if org_id is not None and due_on is not None:
                due[org_id] = (due_on, description)
    lines: list[tuple[tuple[object, ...], CallLine]] = []
    for org in orgs:
        contact = primary_contact(session, org.id) if len(lines) < limit * 4 else None
        follow = due.get(org.id)
        overdue = follow is not None and follow[0] <= today + timedelta(days=1)
        reason = None
        if follow is not None:
            when = f"{follow[0].day} {follow[0]:%b}" + (
                f" {follow[0]:%Y}" if follow[0].year != today.year else "")
            reason = f"follow-up due {when}: {follow[1]}"
        seen = last.get(org.id)
        key = (0 if overdue else 1, _PRIORITY_RANK.get(org.priority or "", 3),
               seen.on if seen else date.min, org.name.lower())
        number = (contact[1].phone if contact else None) or phone(org.phone)
        lines.append((key, CallLine(org.name, label(Priority, org.priority),
                                    label(PipelineStage, org.pipeline_stage),
                                    contact[1].name if contact else None, number, seen,
                                    reason)))
    lines.sort(key=lambda pair: pair[0])
    title = "Outreach call sheet"
    if stage:
        title += f": {label(PipelineStage, stage_value(stage))}"
    return CallSheetData(title=title, for_day=today,
                         lines=tuple(line for _, line in lines[:limit]))


# -- event sign-in sheets ----------------------------------------------------------------
def signin_sheet_data(session: Session, event_id: str, rows: Sequence[SheetRow], *,
                      blank_rows: int = 25, consent_wording: str = "",
                      consent_version: str | None = None,
                      consent_columns: tuple[str, ...] = ()) -> SignInSheetData:
    """The sheet's header from the event; ``rows`` (the RSVP list with its row codes) and
    the consent wording come from the events service."""
    event = session.get(Event, event_id)
    if event is None or event.deleted_at is not None:
        raise NotFoundError(f"no event with id {event_id}")
    campaign = session.get(Campaign, event.campaign_id) if event.campaign_id else None
    extra = {"consent_columns": consent_columns} if consent_columns else {}
    return SignInSheetData(title=event.title, kind=label(EventKind, event.kind),
                           starts_at=event.starts_at, venue=event.venue, city=event.city,
                           rows=tuple(rows), blank_rows=blank_rows,
                           consent_wording=consent_wording, consent_version=consent_version,
                           campaign=campaign.name if campaign else None, **extra)
