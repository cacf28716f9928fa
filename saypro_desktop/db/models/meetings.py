"""Meetings, their attendees and action items."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from saypro_desktop.db.models.base import Synced, optional_fk, required_fk


class Meeting(Synced):
    __tablename__ = "meetings"
    campaign_id: Mapped[str | None] = optional_fk("campaigns.id")
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    starts_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, index=True)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime)
    location: Mapped[str | None] = mapped_column(String(300))
    link: Mapped[str | None] = mapped_column(String(1000))  # online meeting address
    agenda: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    decisions: Mapped[str | None] = mapped_column(Text)


class MeetingAttendee(Synced):
    __tablename__ = "meeting_attendees"
    meeting_id: Mapped[str] = required_fk("meetings.id")
    person_id: Mapped[str] = required_fk("people.id")
    attended: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class MeetingOrganisation(Synced):
    """An organisation taking part in a meeting; id derived from (meeting, organisation)."""

    __tablename__ = "meeting_organisations"
    meeting_id: Mapped[str] = required_fk("meetings.id")
    organisation_id: Mapped[str] = required_fk("organisations.id")


class ActionItem(Synced):
    __tablename__ = "action_items"
    meeting_id: Mapped[str | None] = optional_fk("meetings.id")
    owner_id: Mapped[str | None] = optional_fk("people.id")
    organisation_id: Mapped[str | None] = optional_fk("organisations.id")
    description: Mapped[str] = mapped_column(Text, nullable=False)
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="open")
    resources: Mapped[str | None] = mapped_column(Text)
