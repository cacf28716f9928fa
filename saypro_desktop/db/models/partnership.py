"""Partnership assessments."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Date,
    Integer,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from saypro_desktop.db.models.base import Synced, optional_fk


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
