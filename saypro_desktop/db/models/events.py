"""Events, sign-ins, petitions and signatures."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from saypro_desktop.db.models.base import Synced, optional_fk, required_fk


class Event(Synced):
    __tablename__ = "events"
    campaign_id: Mapped[str | None] = optional_fk("campaigns.id")
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    starts_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, index=True)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime)
    venue: Mapped[str | None] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(200))
    capacity: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    area: Mapped[str | None] = mapped_column(String(200))  # ward or area
    expected_attendance: Mapped[int | None] = mapped_column(Integer)
    organisers: Mapped[str | None] = mapped_column(String(500))  # names, as the organisers say
    working_group_id: Mapped[str | None] = optional_fk("working_groups.id")
    petition_id: Mapped[str | None] = optional_fk("petitions.id")


class EventRsvp(Synced):
    """A person expected at an event; id derived from (event, person), like a sign-in.

    ``position`` is the order the list was built in: sheet row codes follow it, so a person
    added later never moves the code of someone already printed.
    """

    __tablename__ = "event_rsvps"
    event_id: Mapped[str] = required_fk("events.id")
    person_id: Mapped[str] = required_fk("people.id")
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    source: Mapped[str] = mapped_column(String(16), nullable=False, default="picked")


class SignIn(Synced):
    """A person at an event; id derived from (event, person) so double sign-ins are one row."""

    __tablename__ = "sign_ins"
    event_id: Mapped[str] = required_fk("events.id")
    person_id: Mapped[str] = required_fk("people.id")
    signed_in_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    source: Mapped[str] = mapped_column(String(16), nullable=False, default="desk")
    walk_in: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    consent_given: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    consent_wording_version: Mapped[str | None] = mapped_column(String(32))
    consent_channels: Mapped[str | None] = mapped_column(String(200))  # given here, a,b
    desk: Mapped[str | None] = mapped_column(String(200))  # the desk or device that took it
    taken_by: Mapped[str | None] = mapped_column(String(200))  # the organiser at that desk
    sheet_page: Mapped[int | None] = mapped_column(Integer)  # keyed back from a paper sheet
    sheet_row: Mapped[int | None] = mapped_column(Integer)


class Petition(Synced):
    __tablename__ = "petitions"
    campaign_id: Mapped[str | None] = optional_fk("campaigns.id")
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    text: Mapped[str | None] = mapped_column(Text)
    target: Mapped[str | None] = mapped_column(String(300))
    goal: Mapped[int | None] = mapped_column(Integer)


class Signature(Synced):
    __tablename__ = "signatures"
    petition_id: Mapped[str] = required_fk("petitions.id")
    person_id: Mapped[str] = required_fk("people.id")
    event_id: Mapped[str | None] = optional_fk("events.id")
    signed_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    source: Mapped[str] = mapped_column(String(16), nullable=False, default="desk")
