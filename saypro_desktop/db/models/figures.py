"""Tables derived for figures: local to one database, never synced, kept by triggers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from saypro_desktop.db.models.base import Base


class PersonFirstSeen(Base):
    """Each person's first recorded encounter (interaction, sign-in, meeting attended or
    signature), for "new people met". Migration f001 fills it and its triggers keep it
    right on every insert, change and delete; nothing in the app writes it."""

    __tablename__ = "person_first_seen"
    person_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    first_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)

    __table_args__ = (Index("ix_person_first_seen_first_at", "first_at", "person_id"),)
