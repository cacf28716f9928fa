"""Partnership assessments."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from saypro_desktop.db.models.base import Synced, optional_fk, required_fk


class Assessment(Synced):
    """A scored partnership assessment of an organisation (or an individual partner)."""

    __tablename__ = "assessments"
    organisation_id: Mapped[str | None] = optional_fk("organisations.id")
    person_id: Mapped[str | None] = optional_fk("people.id")
    assessed_on: Mapped[date | None] = mapped_column(Date)
    shared_values: Mapped[int | None] = mapped_column(Integer)  # 1..5
    mission_alignment: Mapped[int | None] = mapped_column(Integer)
    operational_compatibility: Mapped[int | None] = mapped_column(Integer)
    expected_impact: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    shared_values_note: Mapped[str | None] = mapped_column(Text)
    mission_alignment_note: Mapped[str | None] = mapped_column(Text)
    operational_compatibility_note: Mapped[str | None] = mapped_column(Text)
    strengths: Mapped[str | None] = mapped_column(Text)
    resources_offered: Mapped[str | None] = mapped_column(Text)
    priority: Mapped[str | None] = mapped_column(String(16))  # Priority
    assessed_by: Mapped[str | None] = mapped_column(String(200))


class StageMove(Synced):
    """One move of an organisation along the partnership pipeline: history, never edited."""

    __tablename__ = "stage_moves"
    organisation_id: Mapped[str] = required_fk("organisations.id")
    from_stage: Mapped[str | None] = mapped_column(String(32))
    to_stage: Mapped[str] = mapped_column(String(32), nullable=False)
    moved_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, index=True)
    moved_by: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
