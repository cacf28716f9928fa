"""People in organisations (members with a role, one primary contact) and referrals
(who introduced whom, and what came of it)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Membership, Organisation, Person, Referral
from saypro_desktop.domain.enums import MembershipRole
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.domain.organisations import ReferralOutcome, parse_choice
from saypro_desktop.domain.people import clean_text, display_name
from saypro_desktop.services.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class MemberRow:
    id: str  # the membership
    person_id: str
    name: str
    role: str | None
    title: str | None
    email: str | None
    phone: str | None
    is_primary: bool

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _live_org(uow: UnitOfWork, org_id: str) -> Organisation:
    org = uow.session.get(Organisation, org_id)
    if org is None or org.deleted_at is not None:
        raise NotFoundError(f"no organisation with id {org_id}")
    return org


def _live_person(uow: UnitOfWork, person_id: str) -> Person:
    person = uow.session.get(Person, person_id)
    if person is None or person.deleted_at is not None:
        raise NotFoundError(f"no person with id {person_id}")
    return person


def _clear_primary(uow: UnitOfWork, org_id: str, keep: str | None) -> None:
    for membership_id in uow.session.execute(
        select(Membership.id).where(Membership.organisation_id == org_id,
                                    Membership.is_primary.is_(True),
                                    Membership.deleted_at.is_(None))
    ).scalars().all():
        if membership_id != keep:
            uow.update(Membership, membership_id, {"is_primary": False})


def add_member(db: Database, org_id: str, person_id: str, *, role: str | None = None,
               title: str | None = None, primary: bool = False) -> str:
    """Link a person to an organisation with a role; ``primary`` makes them the one
    primary contact (any other loses it). Linking someone already there updates the role."""
    role_value = parse_choice(MembershipRole, role, field="role")
    title_value = clean_text(title, field="title", limit=200)
    with UnitOfWork(db) as uow:
        _live_org(uow, org_id)
        _live_person(uow, person_id)
        existing = uow.session.execute(
            select(Membership.id).where(Membership.organisation_id == org_id,
                                        Membership.person_id == person_id,
                                        Membership.deleted_at.is_(None))
        ).scalar()
        fields = {"role": role_value, "title": title_value, "is_primary": primary}
        if existing is None:
            membership_id = uow.create(Membership, {"organisation_id": org_id,
                                                    "person_id": person_id, **fields})
        else:
            membership_id = existing
            uow.update(Membership, membership_id, fields)
        if primary:
            _clear_primary(uow, org_id, membership_id)
        return membership_id


def set_primary_contact(db: Database, membership_id: str) -> None:
    with UnitOfWork(db) as uow:
        membership = uow.session.get(Membership, membership_id)
        if membership is None or membership.deleted_at is not None:
            raise NotFoundError(f"no membership with id {membership_id}")
        uow.update(Membership, membership_id, {"is_primary": True})
        _clear_primary(uow, membership.organisation_id, membership_id)


def remove_member(db: Database, membership_id: str) -> None:
    with UnitOfWork(db) as uow:
        uow.delete(Membership, membership_id)


def list_members(db: Database, org_id: str) -> list[MemberRow]:
    """Members, the primary contact first, then by name. If two laptops each named a
    primary contact, the one set last is shown as primary."""
    with db.reading() as session:
        rows = session.execute(
            select(Membership.id, Person.id, Person.first_name, Person.last_name,
                   Person.preferred_name, Membership.role, Membership.title, Person.email,
                   Person.phone, Membership.is_primary, Membership.updated_at)
            .join(Person, Person.id == Membership.person_id)
            .where(Membership.organisation_id == org_id, Membership.deleted_at.is_(None),
                   Person.deleted_at.is_(None))
        ).all()
    primaries = sorted((r for r in rows if r[9]), key=lambda r: r[10], reverse=True)
    primary_id = primaries[0][0] if primaries else None
    members = [
        MemberRow(r[0], r[1], display_name(r[2], r[3], r[4]), r[5], r[6], r[7], r[8],
                  r[0] == primary_id)
        for r in rows
    ]
    return sorted(members, key=lambda m: (not m.is_primary, m.name.casefold()))


# -- referrals ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ReferralRow:
    id: str
    referrer_id: str
    referrer: str
    referred_id: str | None
    referred: str | None
    referred_organisation_id: str | None
    referred_organisation: str | None
    referred_on: date | None
    note: str | None
    outcome: str | None
    outcome_note: str | None

    @property
    def introduced(self) -> str:
        """Who (or which organisation) was introduced, as a person reads it."""
        parts = [p for p in (self.referred, self.referred_organisation) if p]
        return " at ".join(parts) if len(parts) == 2 else (parts[0] if parts else "")

    def as_dict(self) -> dict[str, Any]:
        values = asdict(self)
        values["referred_on"] = self.referred_on.isoformat() if self.referred_on else None
        return values


def add_referral(db: Database, referrer_id: str, *, referred_id: str | None = None,
                 organisation_id: str | None = None, referred_on: date | None = None,
                 note: str | None = None, outcome: str | None = None,
                 outcome_note: str | None = None) -> str:
    """``referrer_id`` introduced a person, an organisation, or a person at one."""
    if referred_id is None and organisation_id is None:
        raise ValidationError("a referral needs the person or organisation introduced")
    if referred_id == referrer_id:
        raise ValidationError("a person cannot introduce themselves")
    with UnitOfWork(db) as uow:
        _live_person(uow, referrer_id)
        if referred_id is not None:
            _live_person(uow, referred_id)
        if organisation_id is not None:
            _live_org(uow, organisation_id)
        return uow.create(Referral, {
            "referrer_id": referrer_id, "referred_id": referred_id,
            "referred_organisation_id": organisation_id,
            "referred_on": referred_on or uow.now.date(),
            "note": clean_text(note, field="note"),
            "outcome": parse_choice(ReferralOutcome, outcome, field="outcome")
            or ReferralOutcome.PENDING.value,
            "outcome_note": clean_text(outcome_note, field="outcome_note"),
        })


def set_referral_outcome(db: Database, referral_id: str, outcome: str,
                         note: str | None = None) -> None:
    with UnitOfWork(db) as uow:
        uow.update(Referral, referral_id, {
            "outcome": parse_choice(ReferralOutcome, outcome, field="outcome"),
            "outcome_note": clean_text(note, field="outcome_note"),
        })


def list_referrals(db: Database, *, person_id: str | None = None,
                   organisation_id: str | None = None) -> list[ReferralRow]:
    """Referrals made by or about a person, or about an organisation (or its members);
    all of them when neither is given (the referral graph). Newest first."""
    referrer = aliased(Person)
    referred = aliased(Person)
    stmt = (
        select(Referral.id, referrer.id, referrer.first_name, referrer.last_name,
               referred.id, referred.first_name, referred.last_name,
               Organisation.id, Organisation.name, Referral.referred_on, Referral.note,
               Referral.outcome, Referral.outcome_note)
        .join(referrer, referrer.id == Referral.referrer_id)
        .outerjoin(referred, referred.id == Referral.referred_id)
        .outerjoin(Organisation, Organisation.id == Referral.referred_organisation_id)
        .where(Referral.deleted_at.is_(None))
        .order_by(Referral.referred_on.desc(), Referral.id)
    )
    if person_id is not None:
        stmt = stmt.where(or_(Referral.referrer_id == person_id,
                              Referral.referred_id == person_id))
    if organisation_id is not None:
        members = select(Membership.person_id).where(
            Membership.organisation_id == organisation_id, Membership.deleted_at.is_(None))
        stmt = stmt.where(or_(Referral.referred_organisation_id == organisation_id,
                              Referral.referred_id.in_(members),
                              Referral.referrer_id.in_(members)))
    with db.reading() as session:
        rows = session.execute(stmt).all()
    return [
        ReferralRow(r[0], r[1], display_name(r[2], r[3]), r[4],
                    display_name(r[5], r[6]) if r[4] else None, r[7], r[8], r[9], r[10],
                    r[11], r[12])
        for r in rows
    ]
