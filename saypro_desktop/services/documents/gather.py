"""Reading what each document prints, straight from the models, into plain dataclasses.

Each function is small and named for what it gathers, so when an area service grows an
equivalent (the partners' primary contact, the events' sheet rows) only that function
changes. Every read skips deleted, merged and erased rows; values leave as labels. This
module holds the packet's reads and the helpers every document shares; `papers` reads
the working papers (minutes, action plans, call sheets, sign-in sheets).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from saypro_desktop.db.models import (
    Assessment,
    Campaign,
    Change,
    Commitment,
    Event,
    LocalSetting,
    Meeting,
    MeetingAttendee,
    MeetingOrganisation,
    Membership,
    Objective,
    Organisation,
    Person,
)
from saypro_desktop.documents.data import (
    AssessmentScores,
    CampaignSummary,
    Contact,
    EventLine,
    MemberLine,
    ObjectiveLine,
    OrgProfile,
    PacketData,
    Provenance,
    Sender,
)
from saypro_desktop.domain.enums import (
    CommitmentKind,
    CommitmentStatus,
    EventKind,
    FocusArea,
    Labelled,
    MembershipRole,
    PipelineStage,
    Priority,
    StakeholderCategory,
)
from saypro_desktop.domain.errors import NotFoundError
from saypro_desktop.domain.people import format_phone
from saypro_desktop.domain.time import from_epoch_ms
from saypro_desktop.services.templates import (
    REPLY_DAYS,
    RenderedLetter,
    Template,
    letter_values_in,
    render,
)
from saypro_desktop.sync.merge.tables import stamp_time

DEFAULT_SENDER = Sender("The SayPro coalition team", "Coalition coordinator",
                        "info@saypro.online", "+27 84 313 7407")
ACTIVE_STAGES = (PipelineStage.COMMITTED.value, PipelineStage.ACTIVE_PARTNER.value)


def label(vocabulary: type[Labelled], value: str | None) -> str | None:
    """A stored enum value in words; an unknown value (from a newer version) tidied up."""
    if value is None or value == "":
        return None
    try:
        return vocabulary(value).label
    except ValueError:
        return value.replace("_", " ").capitalize()


def stage_value(text: str) -> str:
    """A stage typed by a person ("Meeting scheduled", "meeting_scheduled") as stored."""
    wanted = text.strip().lower().replace("-", " ").replace("_", " ")
    for stage in PipelineStage:
        if wanted in (stage.value.replace("_", " "), stage.label.lower()):
            return stage.value
    from saypro_desktop.domain.errors import ValidationError

    choices = ", ".join(s.value for s in PipelineStage)
    raise ValidationError(f"'{text}' is not a pipeline stage; choose one of {choices}")


def person_live() -> ColumnElement[bool]:
    return and_(Person.deleted_at.is_(None), Person.erased_at.is_(None),
                Person.merged_into_id.is_(None))


def phone(value: str | None) -> str | None:
    """A stored number the way people read and dial it (083 555 1234)."""
    return format_phone(value) or None


def person_name(first: str | None, last: str | None, preferred: str | None = None) -> str:
    name = " ".join(p for p in (preferred or first, last) if p)
    return name or "Name not recorded"


# -- provenance --------------------------------------------------------------------------
def _local(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def provenance(session: Session, printed_at: datetime | None = None) -> Provenance:
    """Printed now; data as of the newest change this database has seen (its clock, which
    every local write and every imported bundle moves forward); this device's name."""
    clock = session.get(LocalSetting, "clock")
    if clock:
        as_of: datetime | None = _local(stamp_time(clock.value))
    else:
        wall = session.execute(select(func.max(Change.wall))).scalar_one_or_none()
        as_of = _local(from_epoch_ms(wall)) if wall is not None else None
    device = session.get(LocalSetting, "device_name")
    return Provenance(printed_at=printed_at or datetime.now().replace(microsecond=0),
                      as_of=as_of, device=device.value if device else "")


# -- organisations -----------------------------------------------------------------------
def _focus(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(label(FocusArea, part.strip()) or part for part in value.split(",")
                 if part.strip())


def org_row(session: Session, org_id: str) -> Organisation:
    org = session.get(Organisation, org_id)
    if org is None or org.deleted_at is not None:
        raise NotFoundError(f"no organisation with id {org_id}")
    return org


def org_profile(org: Organisation) -> OrgProfile:
    return OrgProfile(
        name=org.name, category=label(StakeholderCategory, org.category),
        focus_areas=_focus(org.focus_areas), city=org.city, province=org.province,
        address=org.address, email=org.email, phone=phone(org.phone), website=org.website,
        stage=label(PipelineStage, org.pipeline_stage),
        priority=label(Priority, org.priority), strengths=org.strengths,
        resources_offered=org.resources_offered, expected_impact=org.expected_impact)


_ROLE_ORDER = {MembershipRole.DIRECTOR.value: 0, MembershipRole.SPOKESPERSON.value: 1,
               MembershipRole.BOARD.value: 2, MembershipRole.STAFF.value: 3}


def primary_contact(session: Session, org_id: str) -> tuple[str, Contact] | None:
    """The person letters go to: a director or spokesperson first, else anyone there."""
    role_rank = case(
        *((Membership.role == role, rank) for role, rank in _ROLE_ORDER.items()), else_=9)
    by_role = session.execute(
        select(Person.id, role_rank.label("rank"))
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.organisation_id == org_id, Membership.deleted_at.is_(None),
               Membership.ended_on.is_(None), person_live())
        .order_by("rank", Person.last_name, Person.first_name).limit(1)).first()
    person_id = by_role[0] if by_role else session.execute(
        select(Person.id).where(Person.organisation_id == org_id, person_live())
        .order_by(Person.last_name, Person.first_name).limit(1)).scalar_one_or_none()
    if person_id is None:
        return None
    person = session.get(Person, person_id)
    assert person is not None
    name = person_name(person.first_name, person.last_name, person.preferred_name)
    return person.id, Contact(name=name, job_title=person.job_title, email=person.email,
                              phone=phone(person.phone))


def latest_assessment(session: Session, org_id: str) -> AssessmentScores | None:
    row = session.execute(
        select(Assessment).where(Assessment.organisation_id == org_id,
                                 Assessment.deleted_at.is_(None))
        .order_by(Assessment.assessed_on.desc().nulls_last()).limit(1)).scalar_one_or_none()
    if row is None:
        return None
    return AssessmentScores(row.assessed_on, row.shared_values, row.mission_alignment,
                            row.operational_compatibility, row.expected_impact, row.notes)


def current_campaign(session: Session, today: date,
                     campaign_id: str | None = None) -> Campaign | None:
    """The campaign asked for, else the one running today, else the latest."""
    if campaign_id:
        found = session.get(Campaign, campaign_id)
        if found is None or found.deleted_at is not None:
            raise NotFoundError(f"no campaign with id {campaign_id}")
        return found
    running = session.execute(
        select(Campaign).where(Campaign.deleted_at.is_(None),
                               or_(Campaign.starts_on.is_(None), Campaign.starts_on <= today),
                               or_(Campaign.ends_on.is_(None), Campaign.ends_on >= today))
        .order_by(Campaign.starts_on.nulls_last(), Campaign.name).limit(1)
    ).scalar_one_or_none()
    if running is not None:
        return running
    return session.execute(
        select(Campaign).where(Campaign.deleted_at.is_(None))
        .order_by(Campaign.starts_on.desc().nulls_last()).limit(1)).scalar_one_or_none()


def _measure(metric: str | None) -> str | None:
    return metric.replace("_", " ").capitalize() if metric else None


def _number(value: float | None) -> str | None:
    if value is None:
        return None
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def campaign_summary(session: Session, campaign: Campaign | None) -> CampaignSummary | None:
    if campaign is None:
        return None
    objectives = session.execute(
        select(Objective).where(Objective.campaign_id == campaign.id,
                                Objective.deleted_at.is_(None))
        .order_by(Objective.due_on.nulls_last(), Objective.title)).scalars()
    return CampaignSummary(
        name=campaign.name, description=campaign.description, starts_on=campaign.starts_on,
        ends_on=campaign.ends_on,
        objectives=tuple(ObjectiveLine(o.title, _measure(o.metric), _number(o.target_value),
                                       o.due_on) for o in objectives))


def listed_members(session: Session, limit: int = 60) -> tuple[MemberLine, ...]:
    """Members who agreed to be listed: committed partners with a public endorsement
    (an endorsement commitment that was not withdrawn)."""
    endorsed = (select(Commitment.organisation_id)
                .where(Commitment.kind == CommitmentKind.ENDORSEMENT.value,
                       Commitment.status != CommitmentStatus.WITHDRAWN.value,
                       Commitment.deleted_at.is_(None)))
    rows = session.execute(
        select(Organisation.name, Organisation.category, Organisation.city)
        .where(Organisation.deleted_at.is_(None), Organisation.id.in_(endorsed),
               Organisation.pipeline_stage.in_(ACTIVE_STAGES))
        .order_by(func.lower(Organisation.name)).limit(limit))
    return tuple(MemberLine(name, label(StakeholderCategory, category), city)
                 for name, category, city in rows)


def upcoming_events(session: Session, after: datetime, limit: int = 8) -> tuple[EventLine, ...]:
    rows = session.execute(
        select(Event.title, Event.kind, Event.starts_at, Event.venue, Event.city)
        .where(Event.deleted_at.is_(None), Event.starts_at >= after)
        .order_by(Event.starts_at).limit(limit))
    return tuple(EventLine(t, label(EventKind, k), s, v, c) for t, k, s, v, c in rows)


def packet_data(session: Session, org_id: str, today: date, cover: Template, *,
                sender: Sender = DEFAULT_SENDER, campaign_id: str | None = None,
                members: tuple[MemberLine, ...] | None = None,
                events: tuple[EventLine, ...] | None = None,
                campaign: CampaignSummary | bool | None = False,
                ) -> tuple[PacketData, str | None]:
    """One organisation's packet, and its contact's person id (for the timeline).

    A batch passes what every packet shares (members, events, the campaign) read once."""
    org = org_row(session, org_id)
    contact = primary_contact(session, org_id)
    letter = cover_letter(session, cover, org_id, contact[0] if contact else None, sender,
                          today)
    if campaign is False:
        campaign = campaign_summary(session, current_campaign(session, today, campaign_id))
    assert campaign is not True
    data = PacketData(
        organisation=org_profile(org), contact=contact[1] if contact else None, sender=sender,
        campaign=campaign,
        assessment=latest_assessment(session, org_id),
        members=listed_members(session) if members is None else members,
        events=upcoming_events(session, datetime.combine(today, datetime.min.time()))
        if events is None else events,
        reply_by=today + timedelta(days=REPLY_DAYS), letter_date=today,
        letter_subject=letter.subject, letter_body=letter.body)
    return data, contact[0] if contact else None


def cover_letter(session: Session, template: Template, org_id: str, person_id: str | None,
                 sender: Sender, today: date) -> RenderedLetter:
    """The packet's cover letter from its template, with the same values a letter gets;
    where the coalition names no coordinator, the packet's sender signs."""
    values = letter_values_in(session, organisation_id=org_id, person_id=person_id,
                              today=today)
    if not values["sender_name"]:
        values.update(sender_name=sender.name, sender_title=sender.role,
                      sender_email=sender.email or "", sender_phone=sender.phone or "",
                      sender_contact=" | ".join(v for v in (sender.email, sender.phone) if v))
    return render(template, values)


def org_ids_in_stage(session: Session, stage: str) -> list[str]:
    return list(session.execute(
        select(Organisation.id).where(Organisation.deleted_at.is_(None),
                                      Organisation.pipeline_stage == stage_value(stage))
        .order_by(func.lower(Organisation.name))).scalars())


def org_ids_meeting_on(session: Session, on: date) -> list[str]:
    """Organisations meeting on ``on`` (tomorrow's list): those the meeting names, and
    those of the people invited."""
    start = datetime.combine(on, datetime.min.time())
    named = (
        select(MeetingOrganisation.organisation_id)
        .join(Meeting, Meeting.id == MeetingOrganisation.meeting_id)
        .where(Meeting.deleted_at.is_(None), MeetingOrganisation.deleted_at.is_(None),
               Meeting.starts_at >= start, Meeting.starts_at < start + timedelta(days=1)))
    people_orgs = (
        select(Person.organisation_id)
        .join(MeetingAttendee, MeetingAttendee.person_id == Person.id)
        .join(Meeting, Meeting.id == MeetingAttendee.meeting_id)
        .where(Meeting.deleted_at.is_(None), MeetingAttendee.deleted_at.is_(None),
               Meeting.starts_at >= start, Meeting.starts_at < start + timedelta(days=1),
               Person.organisation_id.is_not(None), person_live()))
    return list(session.execute(
        select(Organisation.id).where(Organisation.deleted_at.is_(None),
                                      or_(Organisation.id.in_(people_orgs),
                                          Organisation.id.in_(named)))
        .order_by(func.lower(Organisation.name))).scalars())


def org_names(session: Session, org_ids: Sequence[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    for start in range(0, len(org_ids), 500):
        chunk = list(org_ids[start:start + 500])
        names.update((org_id, name) for org_id, name in session.execute(
            select(Organisation.id, Organisation.name).where(Organisation.id.in_(chunk))))
    return names


class Scope(StrEnum):
    """Which partners a batch covers (the Documents page's choices)."""

    CHOSEN = "chosen"
    STAGE = "stage"
    TOMORROW = "tomorrow"
