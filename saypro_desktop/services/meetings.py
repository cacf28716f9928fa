"""Meetings: who came, agenda, notes, decisions and the action items they produce;
the action plan of a partner; a meeting as an ``.ics`` file for calendar apps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import (
    ActionItem,
    Commitment,
    Concern,
    Meeting,
    MeetingAttendee,
    MeetingOrganisation,
    Organisation,
    Person,
)
from saypro_desktop.domain.enums import MeetingKind, TaskStatus
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.domain.files import write_atomic
from saypro_desktop.domain.ids import link_id
from saypro_desktop.domain.outreach import LOCAL_ZONE, label_of
from saypro_desktop.domain.people import clean_required_text, clean_text, display_name
from saypro_desktop.services.commitments import CommitmentRow, commitment_rows
from saypro_desktop.services.concerns import ConcernRow, concern_rows
from saypro_desktop.services.unit_of_work import UnitOfWork

MEETING_FIELDS = ("title", "kind", "starts_at", "ends_at", "location", "link", "agenda",
                  "notes", "decisions", "campaign_id")
ACTION_FIELDS = ("description", "owner_id", "organisation_id", "due_on", "status",
                 "resources", "meeting_id")


@dataclass(frozen=True, slots=True)
class MeetingRow:
    id: str
    title: str
    kind: str
    starts_at: datetime
    place: str
    organisations: str
    attendees: int
    open_actions: int

    @property
    def kind_label(self) -> str:
        return label_of(MeetingKind, self.kind)

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "kind_label": self.kind_label}


@dataclass(frozen=True, slots=True)
class ActionRow:
    id: str
    meeting_id: str | None
    meeting: str
    description: str
    owner_id: str | None
    owner: str
    organisation_id: str | None
    organisation: str
    due_on: date | None
    status: str
    resources: str

    @property
    def status_label(self) -> str:
        return label_of(TaskStatus, self.status)

    @property
    def is_open(self) -> bool:
        return self.status in (TaskStatus.OPEN.value, TaskStatus.IN_PROGRESS.value)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Named:
    id: str
    name: str
    email: str = ""


@dataclass(frozen=True, slots=True)
class MeetingDetail:
    id: str
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime | None
    location: str
    link: str
    agenda: str
    notes: str
    decisions: str
    organisations: list[Named]
    attendees: list[Named]
    actions: list[ActionRow]
    commitments: list[CommitmentRow]
    concerns: list[ConcernRow]

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind_label"] = label_of(MeetingKind, self.kind)
        return data


@dataclass(frozen=True, slots=True)
class PlanPartner:
    id: str
    name: str
    open_actions: int
    pledged: int  # commitments pledged, not yet delivered


@dataclass(frozen=True, slots=True)
class ActionPlan:
    """One partner's plan on one page: what is to be done, by whom, by when."""

    organisation_id: str
    organisation: str
    stage: str | None
    actions: list[ActionRow]
    commitments: list[CommitmentRow]
    concerns: list[ConcernRow]
    next_meeting: MeetingRow | None
    deadlines: list[tuple[date, str]] = field(default_factory=list)


def _clean_meeting(values: Mapping[str, Any], *, creating: bool) -> dict[str, Any]:
    unknown = sorted(set(values) - set(MEETING_FIELDS))
    if unknown:
        raise ValidationError(f"meetings have no field {', '.join(unknown)}")
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        if name in ("title",):
            cleaned[name] = clean_required_text(value, field=name)
        elif name == "kind":
            if value not in {k.value for k in MeetingKind}:
                choices = ", ".join(k.value for k in MeetingKind)
                raise ValidationError(f"type: '{value}' is not one of {choices}")
            cleaned[name] = value
        elif name in ("starts_at", "ends_at"):
            if value is not None and not isinstance(value, datetime):
                raise ValidationError(f"{name}: expected a date and time")
            cleaned[name] = value
        elif name in ("agenda", "notes", "decisions"):
            cleaned[name] = clean_text(value, field=name, limit=200_000)
        elif name == "link":
            cleaned[name] = clean_text(value, field="link", limit=1000)
        else:
            cleaned[name] = clean_text(value, field=name, limit=300) if value else None
    if creating:
        cleaned.setdefault("kind", MeetingKind.INTRODUCTORY.value)
        if "title" not in cleaned:
            raise ValidationError("title: must not be empty")
        if cleaned.get("starts_at") is None:
            raise ValidationError("date: a meeting needs a date and time")
    start, end = cleaned.get("starts_at"), cleaned.get("ends_at")
    if start is not None and end is not None and end < start:
        raise ValidationError("end: the meeting ends before it starts; check the times")
    return cleaned


def _live(session: Session, model: Any, row_id: str | None, what: str) -> Any:
    if row_id is None:
        return None
    row = session.get(model, row_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(f"no {what} with id {row_id}")
    return row


def action_rows(session: Session, *conditions: Any) -> list[ActionRow]:
    owner = aliased(Person)
    stmt = (
        select(ActionItem.id, ActionItem.meeting_id, Meeting.title, ActionItem.description,
               ActionItem.owner_id, owner.first_name, owner.last_name,
               ActionItem.organisation_id, Organisation.name, ActionItem.due_on,
               ActionItem.status, ActionItem.resources)
        .outerjoin(Meeting, Meeting.id == ActionItem.meeting_id)
        .outerjoin(owner, owner.id == ActionItem.owner_id)
        .outerjoin(Organisation, Organisation.id == ActionItem.organisation_id)
        .where(ActionItem.deleted_at.is_(None), *conditions)
        .order_by(ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.created_at)
    )
    return [ActionRow(r.id, r.meeting_id, r.title or "", r.description, r.owner_id,
                      display_name(r.first_name, r.last_name) if r.owner_id else "",
                      r.organisation_id, r.name or "", r.due_on, r.status, r.resources or "")
            for r in session.execute(stmt)]


class MeetingsService:
    """``app.meetings``."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- meetings ------------------------------------------------------------------------
    def add_meeting(
        self, values: Mapping[str, Any], *, organisation_ids: Sequence[str] = (),
        attendee_ids: Sequence[str] = (), row_id: str | None = None,
    ) -> str:
        fields = _clean_meeting(values, creating=True)
        with UnitOfWork(self._db) as uow:
            meeting_id = uow.create(Meeting, fields, row_id=row_id)
            self._link(uow, meeting_id, organisation_ids, attendee_ids)
            return meeting_id

    def _link(self, uow: UnitOfWork, meeting_id: str, organisation_ids: Sequence[str],
              attendee_ids: Sequence[str]) -> None:
        for org_id in dict.fromkeys(organisation_ids):
            _live(uow.session, Organisation, org_id, "organisation")
            uow.create(MeetingOrganisation, {"meeting_id": meeting_id, "organisation_id": org_id},
                       row_id=link_id("meeting_organisation", meeting_id, org_id))
        for person_id in dict.fromkeys(attendee_ids):
            _live(uow.session, Person, person_id, "person")
            uow.create(MeetingAttendee, {"meeting_id": meeting_id, "person_id": person_id,
                                         "attended": True},
                       row_id=link_id("meeting_attendee", meeting_id, person_id))

    def update_meeting(self, meeting_id: str, changes: Mapping[str, Any]
                       ) -> dict[str, tuple[Any, Any]]:
        """Edit fields (the notes editor saves through here); returns what changed."""
        fields = _clean_meeting(changes, creating=False)
        with UnitOfWork(self._db) as uow:
            current = _live(uow.session, Meeting, meeting_id, "meeting")
            start = fields.get("starts_at", current.starts_at)
            end = fields.get("ends_at", current.ends_at)
            if end is not None and end < start:
                raise ValidationError("end: the meeting ends before it starts; check the times")
            return uow.update(Meeting, meeting_id, fields)

    def set_participants(self, meeting_id: str, *, organisation_ids: Sequence[str],
                         attendee_ids: Sequence[str]) -> None:
        """Make the meeting's organisations and attendees exactly these."""
        with UnitOfWork(self._db) as uow:
            _live(uow.session, Meeting, meeting_id, "meeting")
            for model, column, wanted in (
                (MeetingOrganisation, MeetingOrganisation.organisation_id, organisation_ids),
                (MeetingAttendee, MeetingAttendee.person_id, attendee_ids),
            ):
                for row_id, other in uow.session.execute(
                    select(model.id, column).where(model.meeting_id == meeting_id,
                                                   model.deleted_at.is_(None))
                ).all():
                    if other not in wanted:
                        uow.delete(model, row_id)
            self._link(uow, meeting_id, organisation_ids, attendee_ids)

    def delete_meeting(self, meeting_id: str) -> None:
        with UnitOfWork(self._db) as uow:
            uow.delete(Meeting, meeting_id)

    def meetings(self, *, organisation_id: str | None = None) -> list[MeetingRow]:
        """Every meeting, newest first (optionally one organisation's)."""
        with self._db.reading() as session:
            stmt = (select(Meeting.id, Meeting.title, Meeting.kind, Meeting.starts_at,
                           Meeting.location, Meeting.link)
                    .where(Meeting.deleted_at.is_(None))
                    .order_by(Meeting.starts_at.desc()))
            if organisation_id is not None:
                stmt = stmt.where(Meeting.id.in_(
                    select(MeetingOrganisation.meeting_id).where(
                        MeetingOrganisation.organisation_id == organisation_id,
                        MeetingOrganisation.deleted_at.is_(None))))
            meetings = session.execute(stmt).all()
            orgs: dict[str, list[str]] = {}
            for meeting_id, name in session.execute(
                select(MeetingOrganisation.meeting_id, Organisation.name)
                .join(Organisation, Organisation.id == MeetingOrganisation.organisation_id)
                .where(MeetingOrganisation.deleted_at.is_(None))
                .order_by(Organisation.name)
            ):
                orgs.setdefault(meeting_id, []).append(name)
            attendees = dict(session.execute(
                select(MeetingAttendee.meeting_id, func.count())
                .where(MeetingAttendee.deleted_at.is_(None))
                .group_by(MeetingAttendee.meeting_id)).all())
            actions = dict(session.execute(
                select(ActionItem.meeting_id, func.count())
                .where(ActionItem.deleted_at.is_(None),
                       ActionItem.status.in_((TaskStatus.OPEN.value,
                                              TaskStatus.IN_PROGRESS.value)))
                .group_by(ActionItem.meeting_id)).all())
        return [MeetingRow(m.id, m.title, m.kind, m.starts_at, m.location or m.link or "",
                           ", ".join(orgs.get(m.id, [])), int(attendees.get(m.id, 0)),
                           int(actions.get(m.id, 0)))
                for m in meetings]

    def meeting(self, meeting_id: str) -> MeetingDetail:
        with self._db.reading() as session:
            m = _live(session, Meeting, meeting_id, "meeting")
            orgs = [Named(r.id, r.name, r.email or "") for r in session.execute(
                select(Organisation.id, Organisation.name, Organisation.email)
                .join(MeetingOrganisation,
                      MeetingOrganisation.organisation_id == Organisation.id)
                .where(MeetingOrganisation.meeting_id == meeting_id,
                       MeetingOrganisation.deleted_at.is_(None))
                .order_by(Organisation.name))]
            people = [Named(r.id, display_name(r.first_name, r.last_name), r.email or "")
                      for r in session.execute(
                select(Person.id, Person.first_name, Person.last_name, Person.email)
                .join(MeetingAttendee, MeetingAttendee.person_id == Person.id)
                .where(MeetingAttendee.meeting_id == meeting_id,
                       MeetingAttendee.deleted_at.is_(None), Person.deleted_at.is_(None))
                .order_by(Person.first_name, Person.last_name))]
            return MeetingDetail(
                m.id, m.title, m.kind, m.starts_at, m.ends_at, m.location or "",
                m.link or "", m.agenda or "", m.notes or "", m.decisions or "", orgs, people,
                action_rows(session, ActionItem.meeting_id == meeting_id),
                commitment_rows(session, Commitment.meeting_id == meeting_id),
                concern_rows(session, Concern.meeting_id == meeting_id),
            )

    # -- action items --------------------------------------------------------------------
    def add_action(self, values: Mapping[str, Any], *, row_id: str | None = None) -> str:
        fields = self._clean_action(values, creating=True)
        with UnitOfWork(self._db) as uow:
            self._check_action_links(uow.session, fields)
            return uow.create(ActionItem, fields, row_id=row_id)

    def update_action(self, action_id: str, changes: Mapping[str, Any]
                      ) -> dict[str, tuple[Any, Any]]:
        fields = self._clean_action(changes, creating=False)
        with UnitOfWork(self._db) as uow:
            _live(uow.session, ActionItem, action_id, "action item")
            self._check_action_links(uow.session, fields)
            return uow.update(ActionItem, action_id, fields)

    def owner_fields(self, owner_id: str) -> dict[str, str | None]:
        """An action item's owner given as one id: a person (with their organisation)
        or an organisation."""
        with self._db.reading() as session:
            person = session.get(Person, owner_id)
            if person is not None and person.deleted_at is None:
                return {"owner_id": person.id, "organisation_id": person.organisation_id}
            org = session.get(Organisation, owner_id)
            if org is not None and org.deleted_at is None:
                return {"owner_id": None, "organisation_id": org.id}
        raise NotFoundError(f"owner: no person or organisation with id {owner_id}")

    def delete_action(self, action_id: str) -> None:
        with UnitOfWork(self._db) as uow:
            uow.delete(ActionItem, action_id)

    @staticmethod
    def _clean_action(values: Mapping[str, Any], *, creating: bool) -> dict[str, Any]:
        unknown = sorted(set(values) - set(ACTION_FIELDS))
        if unknown:
            raise ValidationError(f"action items have no field {', '.join(unknown)}")
        fields = dict(values)
        if "description" in fields or creating:
            fields["description"] = clean_required_text(fields.get("description"),
                                                        field="what")
        if "resources" in fields:
            fields["resources"] = clean_text(fields["resources"], field="resources")
        if "status" in fields and fields["status"] not in {s.value for s in TaskStatus}:
            raise ValidationError(f"status: '{fields['status']}' is not one of "
                                  f"{', '.join(s.value for s in TaskStatus)}")
        if creating:
            fields.setdefault("status", TaskStatus.OPEN.value)
        return fields

    @staticmethod
    def _check_action_links(session: Session, fields: Mapping[str, Any]) -> None:
        _live(session, Meeting, fields.get("meeting_id"), "meeting")
        _live(session, Organisation, fields.get("organisation_id"), "organisation")
        owner = fields.get("owner_id")
        if owner is not None and session.get(Person, owner) is None:
            if session.get(Organisation, owner) is not None:
                raise ValidationError("owner: that id is an organisation; give it as the "
                                      "owning organisation")
            raise NotFoundError(f"no person with id {owner}")

    def actions(self, *, organisation_id: str | None = None, open_only: bool = False
                ) -> list[ActionRow]:
        conditions: list[Any] = []
        if organisation_id is not None:
            conditions.append(or_(
                ActionItem.organisation_id == organisation_id,
                ActionItem.meeting_id.in_(select(MeetingOrganisation.meeting_id).where(
                    MeetingOrganisation.organisation_id == organisation_id,
                    MeetingOrganisation.deleted_at.is_(None)))))
        if open_only:
            conditions.append(ActionItem.status.in_((TaskStatus.OPEN.value,
                                                     TaskStatus.IN_PROGRESS.value)))
        with self._db.reading() as session:
            return action_rows(session, *conditions)

    # -- action plan ---------------------------------------------------------------------
    def partners_with_plans(self) -> list[PlanPartner]:
        """Partners (not us) with action items or commitments, most open work first."""
        with self._db.reading() as session:
            open_actions = dict(session.execute(
                select(ActionItem.organisation_id, func.count())
                .where(ActionItem.deleted_at.is_(None), ActionItem.organisation_id.is_not(None),
                       ActionItem.status.in_((TaskStatus.OPEN.value,
                                              TaskStatus.IN_PROGRESS.value)))
                .group_by(ActionItem.organisation_id)).all())
            pledges = dict(session.execute(
                select(Commitment.organisation_id, func.count())
                .where(Commitment.deleted_at.is_(None), Commitment.organisation_id.is_not(None),
                       Commitment.status == "pledged")
                .group_by(Commitment.organisation_id)).all())
            from saypro_desktop.services.coalition import read_profile

            ids = (set(open_actions) | set(pledges)) - {read_profile(session).our_organisation_id}
            names = dict(session.execute(
                select(Organisation.id, Organisation.name)
                .where(Organisation.id.in_(ids), Organisation.deleted_at.is_(None))).all())
        rows = [PlanPartner(i, names[i], int(open_actions.get(i, 0)), int(pledges.get(i, 0)))
                for i in ids if i in names]
        return sorted(rows, key=lambda r: (-r.open_actions, -r.pledged, r.name.casefold()))

    def action_plan(self, organisation_id: str, *, now: datetime | None = None) -> ActionPlan:
        moment = now or datetime.now()
        with self._db.reading() as session:
            org = _live(session, Organisation, organisation_id, "organisation")
            in_meetings = select(MeetingOrganisation.meeting_id).where(
                MeetingOrganisation.organisation_id == organisation_id,
                MeetingOrganisation.deleted_at.is_(None))
            actions = action_rows(session, or_(ActionItem.organisation_id == organisation_id,
                                               ActionItem.meeting_id.in_(in_meetings)))
            commitments = commitment_rows(session, Commitment.organisation_id == organisation_id)
            concerns = concern_rows(session, Concern.organisation_id == organisation_id)
            nxt = session.execute(
                select(Meeting.id, Meeting.title, Meeting.kind, Meeting.starts_at,
                       Meeting.location, Meeting.link)
                .where(Meeting.deleted_at.is_(None), Meeting.starts_at >= moment,
                       Meeting.id.in_(in_meetings))
                .order_by(Meeting.starts_at).limit(1)).first()
        next_meeting = (MeetingRow(nxt.id, nxt.title, nxt.kind, nxt.starts_at,
                                   nxt.location or nxt.link or "", org.name, 0, 0)
                        if nxt is not None else None)
        deadlines = sorted(
            [(a.due_on, a.description) for a in actions if a.is_open and a.due_on]
            + [(c.due_on, f"Deliver: {c.kind_label.lower()}") for c in commitments
               if c.status == "pledged" and c.due_on])
        return ActionPlan(org.id, org.name, org.pipeline_stage,
                          [a for a in actions], commitments, concerns, next_meeting, deadlines)

    # -- calendar ------------------------------------------------------------------------
    def write_ics(self, meeting_id: str, path: Path) -> Path:
        """Write the meeting's .ics (it names the attendees, so the file is remembered)."""
        from saypro_desktop.services.written_files import note_written_file

        written = write_atomic(path, self.ics(meeting_id))
        note_written_file(self._db, written, "meeting calendar file")
        return written

    def ics(self, meeting_id: str) -> bytes:
        """The meeting as an iCalendar file (times in South African time)."""
        from saypro_desktop.interop.calendar import Attendee, CalendarEvent, write_calendar

        m = self.meeting(meeting_id)
        zone = ZoneInfo(LOCAL_ZONE)
        agenda = f"Agenda:\n{m.agenda}" if m.agenda else ""
        description = "\n\n".join(x for x in (
            agenda, f"Organisations: {', '.join(o.name for o in m.organisations)}"
            if m.organisations else "", m.link) if x)
        event = CalendarEvent(
            uid=f"{m.id}@saypro-desktop",
            title=m.title,
            starts_at=m.starts_at.replace(tzinfo=zone),
            ends_at=(m.ends_at or m.starts_at).replace(tzinfo=zone) if m.ends_at else None,
            location=m.location or m.link,
            description=description,
            attendees=[Attendee(p.name, p.email) for p in m.attendees],
        )
        return write_calendar([event])
