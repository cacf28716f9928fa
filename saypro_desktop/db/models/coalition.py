"""Commitments and working groups (the steering committee is one)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from saypro_desktop.db.models.base import Synced, optional_fk, required_fk


class Commitment(Synced):
    __tablename__ = "commitments"
    organisation_id: Mapped[str | None] = optional_fk("organisations.id")
    person_id: Mapped[str | None] = optional_fk("people.id")
    campaign_id: Mapped[str | None] = optional_fk("campaigns.id")
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="pledged")
    amount: Mapped[float | None] = mapped_column(Float)  # rand for funding, count for volunteers
    pledged_on: Mapped[date | None] = mapped_column(Date)
    delivered_on: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)  # when it should be delivered
    meeting_id: Mapped[str | None] = optional_fk("meetings.id")  # where it was made


class WorkingGroup(Synced):
    __tablename__ = "working_groups"
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    purpose: Mapped[str | None] = mapped_column(Text)
    is_steering_committee: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    coordinator_id: Mapped[str | None] = optional_fk("people.id")
    seats: Mapped[int | None] = mapped_column(Integer)  # the steering committee's seats


class CoalitionProfile(Synced):
    """The coalition itself (one row, fixed id): who "we" are and who coordinates.

    "Our" organisation decides what Today calls assigned to us: action items owned by it
    or by its people, and the people who may sign letters and make calls.
    """

    __tablename__ = "coalition_profile"
    name: Mapped[str | None] = mapped_column(String(300))
    our_organisation_id: Mapped[str | None] = optional_fk("organisations.id")
    coordinator_id: Mapped[str | None] = optional_fk("people.id")


class WorkingGroupMember(Synced):
    __tablename__ = "working_group_members"
    working_group_id: Mapped[str] = required_fk("working_groups.id")
    person_id: Mapped[str] = required_fk("people.id")
    organisation_id: Mapped[str | None] = optional_fk("organisations.id")
    role: Mapped[str] = mapped_column(String(32), nullable=False, default="member")
