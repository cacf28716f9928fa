"""People, organisations, memberships, referrals and tags."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Index,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from saypro_desktop.db.models.base import Base, Synced, optional_fk, required_fk, uuid_key


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
    level: Mapped[str | None] = mapped_column(String(16), index=True)  # GovernmentLevel
    region: Mapped[str | None] = mapped_column(String(100), index=True)
    # Set when this record was merged into another: the survivor's id (history moved there).
    merged_into_org_id: Mapped[str | None] = mapped_column(String(36), index=True)

    __table_args__ = (
        # Live organisations with their names: the Organisations list is one index scan.
        Index("ix_organisations_live_name", "name", "id",
              sqlite_where=text("deleted_at IS NULL AND merged_into_org_id IS NULL")),
    )


class OrganisationDuplicate(Base):
    """Two organisations that may be one (similar name, same email or phone).

    Local to this database, like the people queue; the merge itself syncs.
    """

    __tablename__ = "organisation_duplicates"
    id: Mapped[str] = uuid_key()
    first_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    second_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    reason: Mapped[str] = mapped_column(String(200), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="open")
    found_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)

    __table_args__ = (Index("uq_organisation_duplicate_pair", "first_id", "second_id",
                            unique=True),)


class Person(Synced):
    __tablename__ = "people"
    first_name: Mapped[str | None] = mapped_column(String(200))
    last_name: Mapped[str | None] = mapped_column(String(200))
    preferred_name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    phone: Mapped[str | None] = mapped_column(String(32), index=True)
    category: Mapped[str | None] = mapped_column(String(64), index=True)
    organisation_id: Mapped[str | None] = optional_fk("organisations.id")  # main affiliation
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
    person_id: Mapped[str] = required_fk("people.id")
    organisation_id: Mapped[str] = required_fk("organisations.id")
    role: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(String(200))
    started_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    # The organisation's primary contact (the service keeps at most one per organisation).
    is_primary: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class Referral(Synced):
    """Who introduced whom (a person, or an organisation), and what came of it."""

    __tablename__ = "referrals"
    referrer_id: Mapped[str] = required_fk("people.id")
    referred_id: Mapped[str | None] = optional_fk("people.id")
    referred_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    referred_organisation_id: Mapped[str | None] = optional_fk("organisations.id")
    outcome: Mapped[str | None] = mapped_column(String(32))  # ReferralOutcome
    outcome_note: Mapped[str | None] = mapped_column(Text)


class Tag(Synced):
    __tablename__ = "tags"
    name: Mapped[str] = mapped_column(String(100), nullable=False, index=True)
    colour: Mapped[str | None] = mapped_column(String(16))


class PersonTag(Synced):
    """Link row; its id is derived from (person, tag) so two laptops make one link."""

    __tablename__ = "person_tags"
    person_id: Mapped[str] = required_fk("people.id")
    tag_id: Mapped[str] = required_fk("tags.id")
