"""Campaigns, phases, objectives, concerns, reforms, media and stories."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from saypro_desktop.db.models.base import Synced, optional_fk, required_fk
from saypro_desktop.db.models.stakeholders import Person

# The few people whose records no longer count in figures (deleted, not erased): a tiny
# partial index, so every figure can leave them out without looking up each person.
Index("ix_people_gone", Person.__table__.c.id,
      sqlite_where=text("deleted_at IS NOT NULL AND erased_at IS NULL"))


class Campaign(Synced):
    __tablename__ = "campaigns"
    name: Mapped[str] = mapped_column(String(300), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)


class CampaignPhaseRecord(Synced):
    __tablename__ = "campaign_phases"
    campaign_id: Mapped[str] = required_fk("campaigns.id")
    phase: Mapped[str] = mapped_column(String(32), nullable=False)
    name: Mapped[str | None] = mapped_column(String(100))  # a custom phase's own name
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)


class Objective(Synced):
    """A SMART objective: specific (title), measurable (metric + target), time-bound (due)."""

    __tablename__ = "objectives"
    campaign_id: Mapped[str] = required_fk("campaigns.id")
    phase: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    metric: Mapped[str | None] = mapped_column(String(64))
    target_value: Mapped[float | None] = mapped_column(Float)
    due_on: Mapped[date | None] = mapped_column(Date)


class KpiTarget(Synced):
    __tablename__ = "kpi_targets"
    campaign_id: Mapped[str] = required_fk("campaigns.id")
    objective_id: Mapped[str | None] = optional_fk("objectives.id")
    phase: Mapped[str | None] = mapped_column(String(32))
    metric: Mapped[str] = mapped_column(String(64), nullable=False)
    target_value: Mapped[float] = mapped_column(Float, nullable=False)


class Concern(Synced):
    __tablename__ = "concerns"
    raised_by_id: Mapped[str | None] = optional_fk("people.id")
    organisation_id: Mapped[str | None] = optional_fk("organisations.id")
    event_id: Mapped[str | None] = optional_fk("events.id")
    meeting_id: Mapped[str | None] = optional_fk("meetings.id")
    category: Mapped[str] = mapped_column(String(32), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="raised")
    raised_on: Mapped[date | None] = mapped_column(Date)
    kind: Mapped[str | None] = mapped_column(String(16), default="concern")  # or barrier, feedback
    how_addressed: Mapped[str | None] = mapped_column(Text)
    addressed_on: Mapped[date | None] = mapped_column(Date)


class Reform(Synced):
    __tablename__ = "reforms"
    campaign_id: Mapped[str | None] = optional_fk("campaigns.id")
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    policy: Mapped[str | None] = mapped_column(Text)
    level: Mapped[str] = mapped_column(String(16), nullable=False)
    stage: Mapped[str] = mapped_column(String(32), nullable=False)
    obstacles: Mapped[str | None] = mapped_column(Text)  # free notes (older versions)
    next_action: Mapped[str | None] = mapped_column(Text)
    next_action_due: Mapped[date | None] = mapped_column(Date)


class ReformMove(Synced):
    """One move of a reform to a stage, on a date: the reform's history."""

    __tablename__ = "reform_moves"
    reform_id: Mapped[str] = required_fk("reforms.id")
    stage: Mapped[str] = mapped_column(String(32), nullable=False)
    moved_on: Mapped[date] = mapped_column(Date, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)


class ReformPositionChange(Synced):
    """A policymaker's position on a reform as noted on a date (ReformPosition is the latest)."""

    __tablename__ = "reform_position_changes"
    reform_id: Mapped[str] = required_fk("reforms.id")
    person_id: Mapped[str] = required_fk("people.id")
    position: Mapped[str] = mapped_column(String(16), nullable=False)
    noted_on: Mapped[date] = mapped_column(Date, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)


class ReformObstacle(Synced):
    __tablename__ = "reform_obstacles"
    reform_id: Mapped[str] = required_fk("reforms.id")
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    response: Mapped[str | None] = mapped_column(Text)  # how it is being addressed
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="open")
    noted_on: Mapped[date | None] = mapped_column(Date)


class ReformConcern(Synced):
    """Link row; id derived from (reform, concern)."""

    __tablename__ = "reform_concerns"
    reform_id: Mapped[str] = required_fk("reforms.id")
    concern_id: Mapped[str] = required_fk("concerns.id")


class ReformMedia(Synced):
    """Link row; id derived from (reform, media item)."""

    __tablename__ = "reform_media"
    reform_id: Mapped[str] = required_fk("reforms.id")
    media_item_id: Mapped[str] = required_fk("media_items.id")


class ReformPosition(Synced):
    """A policymaker's stance on a reform; id derived from (reform, person)."""

    __tablename__ = "reform_positions"
    reform_id: Mapped[str] = required_fk("reforms.id")
    person_id: Mapped[str] = required_fk("people.id")
    position: Mapped[str] = mapped_column(String(16), nullable=False)
    noted_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class ReformMeeting(Synced):
    __tablename__ = "reform_meetings"
    reform_id: Mapped[str] = required_fk("reforms.id")
    meeting_id: Mapped[str] = required_fk("meetings.id")


class MediaItem(Synced):
    __tablename__ = "media_items"
    campaign_id: Mapped[str | None] = optional_fk("campaigns.id")
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    outlet: Mapped[str | None] = mapped_column(String(200))
    published_on: Mapped[date | None] = mapped_column(Date)
    url: Mapped[str | None] = mapped_column(String(1000))
    reach: Mapped[int | None] = mapped_column(Integer)


class Story(Synced):
    """A testimonial; may be told anonymously, and only used with consent."""

    __tablename__ = "stories"
    person_id: Mapped[str | None] = optional_fk("people.id")
    campaign_id: Mapped[str | None] = optional_fk("campaigns.id")
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    body: Mapped[str | None] = mapped_column(Text)
    consent_given: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    anonymised: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    collected_on: Mapped[date | None] = mapped_column(Date)
