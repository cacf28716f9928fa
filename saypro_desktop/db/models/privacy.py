"""Consent per person and channel, and erasure requests."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from saypro_desktop.db.models.base import Synced, required_fk


class Consent(Synced):
    __tablename__ = "consents"
    person_id: Mapped[str] = required_fk("people.id")
    channel: Mapped[str] = mapped_column(String(16), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    recorded_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    source: Mapped[str | None] = mapped_column(String(64))
    wording: Mapped[str | None] = mapped_column(Text)
    wording_version: Mapped[str | None] = mapped_column(String(32))  # of the wording shown


class ErasureRequest(Synced):
    __tablename__ = "erasure_requests"
    person_id: Mapped[str] = required_fk("people.id")
    requested_on: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="requested")
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
