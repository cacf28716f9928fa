"""SQLAlchemy 2 typed models for everything the organisers keep.

Every synced table uses ``Synced``: a UUID key that never clashes between
laptops, created/updated stamps, the device that last wrote the row, and a
``deleted_at`` tombstone instead of a hard delete. Enumerated values are plain
strings (see domain.enums) so a value from a newer version is kept, not refused.
Rows are written only through services.unit_of_work, which records every change
as an operation in ``changes`` for sync.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from saypro_desktop.domain.ids import new_id

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _id() -> Mapped[str]:
    return mapped_column(String(36), primary_key=True, default=new_id)


def _fk(target: str, *, index: bool = True, nullable: bool = True) -> Mapped[str | None]:
    return mapped_column(String(36), ForeignKey(target), index=index, nullable=nullable)


def _req_fk(target: str) -> Mapped[str]:
    return mapped_column(String(36), ForeignKey(target), index=True, nullable=False)


# The columns Synced adds: kept by the unit of work and the merge engine, never edited.
SYNC_COLUMNS = frozenset({"id", "created_at", "updated_at", "updated_by", "deleted_at"})


class Synced(Base):
    """Columns every synced row carries."""

    __abstract__ = True

    id: Mapped[str] = _id()
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    updated_by: Mapped[str] = mapped_column(String(36), nullable=False)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


# --- Local, never synced ---------------------------------------------------------------


class LocalSetting(Base):
    """Per-installation settings: this device's id and name, its next change number, clock."""

    __tablename__ = "local_settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class Change(Base):
    """The append-only change log: one row per field written (see sync.operations).

    ``live`` is false once another operation names this one in its ``pred``; a
    field's value is the live operation with the highest stamp, and a field with
    more than one live operation is in conflict (sync.merge).
    """

    __tablename__ = "changes"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    stamp: Mapped[str] = mapped_column(String(64), nullable=False)
    table_name: Mapped[str] = mapped_column(String(64), nullable=False)
    row_id: Mapped[str] = mapped_column(String(36), nullable=False)
    field: Mapped[str] = mapped_column(String(64), nullable=False)
    value: Mapped[str] = mapped_column(Text, nullable=False)  # canonical JSON
    pred: Mapped[str] = mapped_column(Text, nullable=False, default="[]", server_default="[]")
    live: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True, server_default="1")

    __table_args__ = (Index("ix_changes_row_field", "table_name", "row_id", "field"),)


class Superseded(Base):
    """Operation ids some operation has replaced, kept so a late arrival is born dead."""

    __tablename__ = "superseded"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    # Only an operation on the same field of the same row can replace another.
    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)


class OpenConflict(Base):
    """A field two devices changed without seeing each other's change (``_deleted``: a row
    deleted on one device but edited on another). Kept by the merge engine for the rows it
    touches, so the inbox never scans the whole change log."""

    __tablename__ = "open_conflicts"
    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)


class DuplicateCandidate(Base):
    """Two people who may be one (same email, same phone, or same name and place).

    Local to this database: each office reviews its own queue; the merge itself syncs.
    """

    __tablename__ = "duplicate_candidates"
    id: Mapped[str] = _id()
    first_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    second_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    reason: Mapped[str] = mapped_column(String(200), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="open")
    found_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)

    __table_args__ = (Index("uq_duplicate_pair", "first_id", "second_id", unique=True),)


class PendingRow(Base):
    """A row whose operations arrived before the ones it needs (its creation, its parent)."""

    __tablename__ = "pending_rows"
    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)


class DeviceProgress(Base):
    """Per origin device: the highest sequence held with no gap below it, and the highest seen."""

    __tablename__ = "device_progress"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    contiguous_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    max_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class PeerAck(Base):
    """What a peer is known to hold of each origin device's changes (for incremental export)."""

    __tablename__ = "peer_acks"
    peer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    origin_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    contiguous_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class AppliedBundle(Base):
    """Every bundle imported, so importing it again changes nothing and says when."""

    __tablename__ = "applied_bundles"
    bundle_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    sender_id: Mapped[str] = mapped_column(String(64), nullable=False)
    imported_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    operations: Mapped[int] = mapped_column(Integer, nullable=False)
    new_operations: Mapped[int] = mapped_column(Integer, nullable=False)
    file_name: Mapped[str | None] = mapped_column(String(500))


class RosterDevice(Base):
    """The coalition's devices as the newest signed roster we hold lists them."""

    __tablename__ = "roster_devices"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


# --- Stakeholders ----------------------------------------------------------------------


class Organisation(Synced):
    __tablename__ = "organisations"
    name: Mapped[str] = mapped_column(String(300), nullable=False, index=True)
    category: Mapped[str | None] = mapped_column(String(64), index=True)
    focus_areas: Mapped[str | None] = mapped_column(String(500))  # comma-separated FocusArea values
    website: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(32))
    address: Mapped[str | None] = mapped_column(String(500))
    city: Mapped[str | None] = mapped_column(String(200))
    province: Mapped[str | None] = mapped_column(String(100))
    pipeline_stage: Mapped[str | None] = mapped_column(String(32), index=True)
    priority: Mapped[str | None] = mapped_column(String(16))
    expected_impact: Mapped[str | None] = mapped_column(Text)
    strengths: Mapped[str | None] = mapped_column(Text)
    resources_offered: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)


class Person(Synced):
    __tablename__ = "people"
    first_name: Mapped[str | None] = mapped_column(String(200))
    last_name: Mapped[str | None] = mapped_column(String(200))
    preferred_name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    phone: Mapped[str | None] = mapped_column(String(32), index=True)
    category: Mapped[str | None] = mapped_column(String(64), index=True)
    organisation_id: Mapped[str | None] = _fk("organisations.id")  # main affiliation
    job_title: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(500))
    city: Mapped[str | None] = mapped_column(String(200))
    province: Mapped[str | None] = mapped_column(String(100))
    postal_code: Mapped[str | None] = mapped_column(String(16))
    language: Mapped[str | None] = mapped_column(String(64))
    pipeline_stage: Mapped[str | None] = mapped_column(String(32), index=True)
    priority: Mapped[str | None] = mapped_column(String(16))
    notes: Mapped[str | None] = mapped_column(Text)
    erased_at: Mapped[datetime | None] = mapped_column(DateTime)
    merged_into_id: Mapped[str | None] = mapped_column(String(36), index=True)

    __table_args__ = (
        Index("ix_people_name_sort", "last_name", "first_name"),
        # Live people in list order, id included: the People list is one index scan.
        Index("ix_people_live_name", "last_name", "first_name", "id",
              sqlite_where=text("deleted_at IS NULL")),
    )


class Membership(Synced):
    """A person's role in an organisation (beyond the main affiliation on Person)."""

    __tablename__ = "memberships"
    person_id: Mapped[str] = _req_fk("people.id")
    organisation_id: Mapped[str] = _req_fk("organisations.id")
    role: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(String(200))
    started_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)


class Referral(Synced):
    """Who introduced whom."""

    __tablename__ = "referrals"
    referrer_id: Mapped[str] = _req_fk("people.id")
    referred_id: Mapped[str] = _req_fk("people.id")
    referred_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class Tag(Synced):
    __tablename__ = "tags"
    name: Mapped[str] = mapped_column(String(100), nullable=False, index=True)
    colour: Mapped[str | None] = mapped_column(String(16))


class PersonTag(Synced):
    """Link row; its id is derived from (person, tag) so two laptops make one link."""

    __tablename__ = "person_tags"
    person_id: Mapped[str] = _req_fk("people.id")
    tag_id: Mapped[str] = _req_fk("tags.id")


# --- Partnership -----------------------------------------------------------------------


class Assessment(Synced):
    """A scored partnership assessment of an organisation (or an individual partner)."""

    __tablename__ = "assessments"
    organisation_id: Mapped[str | None] = _fk("organisations.id")
    person_id: Mapped[str | None] = _fk("people.id")
    assessed_on: Mapped[date | None] = mapped_column(Date)
    shared_values: Mapped[int | None] = mapped_column(Integer)  # 1..5
    mission_alignment: Mapped[int | None] = mapped_column(Integer)
    operational_compatibility: Mapped[int | None] = mapped_column(Integer)
    expected_impact: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)


# --- Outreach --------------------------------------------------------------------------


class Interaction(Synced):
    __tablename__ = "interactions"
    person_id: Mapped[str | None] = _fk("people.id")
    organisation_id: Mapped[str | None] = _fk("organisations.id")
    campaign_id: Mapped[str | None] = _fk("campaigns.id")
    channel: Mapped[str] = mapped_column(String(32), nullable=False)
    direction: Mapped[str] = mapped_column(String(16), nullable=False, default="outbound")
    occurred_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, index=True)
    subject: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(32))
    follow_up_due: Mapped[date | None] = mapped_column(Date)


class FollowUp(Synced):
    __tablename__ = "follow_ups"
    person_id: Mapped[str | None] = _fk("people.id")
    organisation_id: Mapped[str | None] = _fk("organisations.id")
    interaction_id: Mapped[str | None] = _fk("interactions.id")
    description: Mapped[str] = mapped_column(Text, nullable=False)
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="open")
    done_at: Mapped[datetime | None] = mapped_column(DateTime)


# --- Meetings --------------------------------------------------------------------------


class Meeting(Synced):
    __tablename__ = "meetings"
    campaign_id: Mapped[str | None] = _fk("campaigns.id")
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    starts_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, index=True)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime)
    location: Mapped[str | None] = mapped_column(String(300))
    agenda: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    decisions: Mapped[str | None] = mapped_column(Text)


class MeetingAttendee(Synced):
    __tablename__ = "meeting_attendees"
    meeting_id: Mapped[str] = _req_fk("meetings.id")
    person_id: Mapped[str] = _req_fk("people.id")
    attended: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class ActionItem(Synced):
    __tablename__ = "action_items"
    meeting_id: Mapped[str | None] = _fk("meetings.id")
    owner_id: Mapped[str | None] = _fk("people.id")
    organisation_id: Mapped[str | None] = _fk("organisations.id")
    description: Mapped[str] = mapped_column(Text, nullable=False)
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="open")
    resources: Mapped[str | None] = mapped_column(Text)


# --- Coalition -------------------------------------------------------------------------


class Commitment(Synced):
    __tablename__ = "commitments"
    organisation_id: Mapped[str | None] = _fk("organisations.id")
    person_id: Mapped[str | None] = _fk("people.id")
    campaign_id: Mapped[str | None] = _fk("campaigns.id")
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="pledged")
    amount: Mapped[float | None] = mapped_column(Float)  # rand for funding, count for volunteers
    pledged_on: Mapped[date | None] = mapped_column(Date)
    delivered_on: Mapped[date | None] = mapped_column(Date)


class WorkingGroup(Synced):
    __tablename__ = "working_groups"
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    purpose: Mapped[str | None] = mapped_column(Text)
    is_steering_committee: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    coordinator_id: Mapped[str | None] = _fk("people.id")


class WorkingGroupMember(Synced):
    __tablename__ = "working_group_members"
    working_group_id: Mapped[str] = _req_fk("working_groups.id")
    person_id: Mapped[str] = _req_fk("people.id")
    organisation_id: Mapped[str | None] = _fk("organisations.id")
    role: Mapped[str] = mapped_column(String(32), nullable=False, default="member")


# --- Events ----------------------------------------------------------------------------


class Event(Synced):
    __tablename__ = "events"
    campaign_id: Mapped[str | None] = _fk("campaigns.id")
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    starts_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, index=True)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime)
    venue: Mapped[str | None] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(200))
    capacity: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)


class SignIn(Synced):
    """A person at an event; id derived from (event, person) so double sign-ins are one row."""

    __tablename__ = "sign_ins"
    event_id: Mapped[str] = _req_fk("events.id")
    person_id: Mapped[str] = _req_fk("people.id")
    signed_in_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    source: Mapped[str] = mapped_column(String(16), nullable=False, default="desk")
    walk_in: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    consent_given: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    consent_wording_version: Mapped[str | None] = mapped_column(String(32))


class Petition(Synced):
    __tablename__ = "petitions"
    campaign_id: Mapped[str | None] = _fk("campaigns.id")
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    text: Mapped[str | None] = mapped_column(Text)
    target: Mapped[str | None] = mapped_column(String(300))
    goal: Mapped[int | None] = mapped_column(Integer)


class Signature(Synced):
    __tablename__ = "signatures"
    petition_id: Mapped[str] = _req_fk("petitions.id")
    person_id: Mapped[str] = _req_fk("people.id")
    event_id: Mapped[str | None] = _fk("events.id")
    signed_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    source: Mapped[str] = mapped_column(String(16), nullable=False, default="desk")


# --- Campaign --------------------------------------------------------------------------


class Campaign(Synced):
    __tablename__ = "campaigns"
    name: Mapped[str] = mapped_column(String(300), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)


class CampaignPhaseRecord(Synced):
    __tablename__ = "campaign_phases"
    campaign_id: Mapped[str] = _req_fk("campaigns.id")
    phase: Mapped[str] = mapped_column(String(32), nullable=False)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)


class Objective(Synced):
    """A SMART objective: specific (title), measurable (metric + target), time-bound (due)."""

    __tablename__ = "objectives"
    campaign_id: Mapped[str] = _req_fk("campaigns.id")
    phase: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    metric: Mapped[str | None] = mapped_column(String(64))
    target_value: Mapped[float | None] = mapped_column(Float)
    due_on: Mapped[date | None] = mapped_column(Date)


class KpiTarget(Synced):
    __tablename__ = "kpi_targets"
    campaign_id: Mapped[str] = _req_fk("campaigns.id")
    objective_id: Mapped[str | None] = _fk("objectives.id")
    phase: Mapped[str | None] = mapped_column(String(32))
    metric: Mapped[str] = mapped_column(String(64), nullable=False)
    target_value: Mapped[float] = mapped_column(Float, nullable=False)


class Concern(Synced):
    __tablename__ = "concerns"
    raised_by_id: Mapped[str | None] = _fk("people.id")
    organisation_id: Mapped[str | None] = _fk("organisations.id")
    event_id: Mapped[str | None] = _fk("events.id")
    meeting_id: Mapped[str | None] = _fk("meetings.id")
    category: Mapped[str] = mapped_column(String(32), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="raised")
    raised_on: Mapped[date | None] = mapped_column(Date)


class Reform(Synced):
    __tablename__ = "reforms"
    campaign_id: Mapped[str | None] = _fk("campaigns.id")
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    policy: Mapped[str | None] = mapped_column(Text)
    level: Mapped[str] = mapped_column(String(16), nullable=False)
    stage: Mapped[str] = mapped_column(String(32), nullable=False)
    obstacles: Mapped[str | None] = mapped_column(Text)


class ReformPosition(Synced):
    """A policymaker's stance on a reform; id derived from (reform, person)."""

    __tablename__ = "reform_positions"
    reform_id: Mapped[str] = _req_fk("reforms.id")
    person_id: Mapped[str] = _req_fk("people.id")
    position: Mapped[str] = mapped_column(String(16), nullable=False)
    noted_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class ReformMeeting(Synced):
    __tablename__ = "reform_meetings"
    reform_id: Mapped[str] = _req_fk("reforms.id")
    meeting_id: Mapped[str] = _req_fk("meetings.id")


class MediaItem(Synced):
    __tablename__ = "media_items"
    campaign_id: Mapped[str | None] = _fk("campaigns.id")
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    outlet: Mapped[str | None] = mapped_column(String(200))
    published_on: Mapped[date | None] = mapped_column(Date)
    url: Mapped[str | None] = mapped_column(String(1000))
    reach: Mapped[int | None] = mapped_column(Integer)


class Story(Synced):
    """A testimonial; may be told anonymously, and only used with consent."""

    __tablename__ = "stories"
    person_id: Mapped[str | None] = _fk("people.id")
    campaign_id: Mapped[str | None] = _fk("campaigns.id")
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    body: Mapped[str | None] = mapped_column(Text)
    consent_given: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    anonymised: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    collected_on: Mapped[date | None] = mapped_column(Date)


# --- Privacy ---------------------------------------------------------------------------


class Consent(Synced):
    __tablename__ = "consents"
    person_id: Mapped[str] = _req_fk("people.id")
    channel: Mapped[str] = mapped_column(String(16), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    recorded_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    source: Mapped[str | None] = mapped_column(String(64))
    wording: Mapped[str | None] = mapped_column(Text)


class ErasureRequest(Synced):
    __tablename__ = "erasure_requests"
    person_id: Mapped[str] = _req_fk("people.id")
    requested_on: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="requested")
    done_at: Mapped[datetime | None] = mapped_column(DateTime)


SYNCED_MODELS: dict[str, type[Synced]] = {
    mapper.class_.__tablename__: mapper.class_
    for mapper in Base.registry.mappers
    if issubclass(mapper.class_, Synced)
}
