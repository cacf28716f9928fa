"""Interactions (calls, letters, visits) and follow-ups."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    Index,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from saypro_desktop.db.models.base import Synced, optional_fk

# The statuses of a task still to do, written out so SQLite matches the partial index.
OPEN_SQL = "('open', 'in_progress')"


class Interaction(Synced):
    __tablename__ = "interactions"
    person_id: Mapped[str | None] = optional_fk("people.id")
    organisation_id: Mapped[str | None] = optional_fk("organisations.id")
    campaign_id: Mapped[str | None] = optional_fk("campaigns.id")
    channel: Mapped[str] = mapped_column(String(32), nullable=False)
    direction: Mapped[str] = mapped_column(String(16), nullable=False, default="outbound")
    occurred_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, index=True)
    subject: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(32))
    follow_up_due: Mapped[date | None] = mapped_column(Date)
    our_person_id: Mapped[str | None] = optional_fk("people.id")  # who from our side


class FollowUp(Synced):
    __tablename__ = "follow_ups"
    person_id: Mapped[str | None] = optional_fk("people.id")
    organisation_id: Mapped[str | None] = optional_fk("organisations.id")
    interaction_id: Mapped[str | None] = optional_fk("interactions.id")
    description: Mapped[str] = mapped_column(Text, nullable=False)
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="open")
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    assigned_to_id: Mapped[str | None] = optional_fk("people.id")  # one of our people

    __table_args__ = (
        # Open follow-ups by due date: the Today view and the sidebar count read only these.
        Index("ix_follow_ups_open_due", "due_on",
              sqlite_where=text(f"deleted_at IS NULL AND status IN {OPEN_SQL}")),
    )
