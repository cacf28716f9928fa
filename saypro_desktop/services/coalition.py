"""The coalition: who "we" are, the steering committee, working groups, representation
and the map of who introduced whom.

The coalition profile is one synced row with a fixed id, so two laptops that set it make
one record. "Our organisation" decides what the Today view calls assigned to us.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import (
    CoalitionProfile,
    Organisation,
    Person,
    Referral,
    WorkingGroup,
    WorkingGroupMember,
)
from saypro_desktop.domain.enums import GroupRole, PipelineStage, StakeholderCategory
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.domain.ids import link_id
from saypro_desktop.domain.outreach import label_of
from saypro_desktop.domain.people import clean_required_text, clean_text, display_name
from saypro_desktop.services.unit_of_work import UnitOfWork

PROFILE_ID = link_id("coalition_profile", "coalition")
MEMBER_STAGES = (PipelineStage.COMMITTED.value, PipelineStage.ACTIVE_PARTNER.value)


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    our_organisation_id: str | None
    our_organisation: str
    coordinator_id: str | None
    coordinator: str


@dataclass(frozen=True, slots=True)
class PersonChoice:
    id: str
    name: str
    organisation: str


@dataclass(frozen=True, slots=True)
class GroupMemberRow:
    id: str
    person_id: str
    name: str
    organisation: str
    role: str

    @property
    def role_label(self) -> str:
        return label_of(GroupRole, self.role)


@dataclass(frozen=True, slots=True)
class GroupRow:
    id: str
    name: str
    focus: str
    steering: bool
    seats: int | None
    chair: str
    coordinator: str
    members: list[GroupMemberRow] = field(default_factory=list)

    @property
    def member_count(self) -> int:
        return len(self.members)


@dataclass(frozen=True, slots=True)
class RepresentationRow:
    """How many member organisations one category (or level, or region) has."""

    dimension: str  # "category", "level", "region"
    value: str
    label: str
    members: int
    prospects: int  # organisations in the pipeline, not yet committed

    @property
    def gap(self) -> bool:
        return self.members == 0


@dataclass(frozen=True, slots=True)
class ReferralNode:
    id: str
    name: str
    organisation: str
    introduced: int  # how many people this person introduced


@dataclass(frozen=True, slots=True)
class ReferralEdge:
    referrer_id: str
    referred_id: str
    note: str


@dataclass(frozen=True, slots=True)
class ReferralGraph:
    nodes: list[ReferralNode]
    edges: list[ReferralEdge]


def read_profile(session: Session) -> Profile:
    row = session.get(CoalitionProfile, PROFILE_ID)
    if row is None or row.deleted_at is not None:
        return Profile("", None, "", None, "")
    org = session.get(Organisation, row.our_organisation_id) if row.our_organisation_id else None
    person = session.get(Person, row.coordinator_id) if row.coordinator_id else None
    return Profile(
        name=row.name or "",
        our_organisation_id=row.our_organisation_id,
        our_organisation=org.name if org is not None else "",
        coordinator_id=row.coordinator_id,
        coordinator=display_name(person.first_name, person.last_name) if person else "",
    )


def our_people_ids(session: Session, our_org: str | None) -> list[str]:
    if our_org is None:
        return []
    return list(session.execute(
        select(Person.id).where(Person.organisation_id == our_org, Person.deleted_at.is_(None),
                                Person.merged_into_id.is_(None))
    ).scalars())


def _region(province: str | None) -> str:
    return province or "Region not recorded"


_LEVEL_OF = {
    StakeholderCategory.POLICYMAKER_LOCAL.value: "local",
    StakeholderCategory.POLICYMAKER_PROVINCIAL.value: "provincial",
    StakeholderCategory.POLICYMAKER_NATIONAL.value: "national",
}
_LEVEL_LABELS = {"local": "Local", "provincial": "Provincial", "national": "National"}


class CoalitionService:
    """``app.coalition``."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- profile -------------------------------------------------------------------------
    def profile(self) -> Profile:
        with self._db.reading() as session:
            return read_profile(session)

    def set_profile(
        self,
        *,
        name: str | None = None,
        our_organisation_id: str | None = None,
        coordinator_id: str | None = None,
    ) -> None:
        fields = {"name": clean_text(name, field="coalition name", limit=300),
                  "our_organisation_id": our_organisation_id, "coordinator_id": coordinator_id}
        with UnitOfWork(self._db) as uow:
            if our_organisation_id and uow.session.get(Organisation, our_organisation_id) is None:
                raise NotFoundError(f"no organisation with id {our_organisation_id}")
            if coordinator_id and uow.session.get(Person, coordinator_id) is None:
                raise NotFoundError(f"no person with id {coordinator_id}")
            existing = uow.session.get(CoalitionProfile, PROFILE_ID)
            if existing is None or existing.deleted_at is not None:
                uow.create(CoalitionProfile, fields, row_id=PROFILE_ID)
            else:
                uow.update(CoalitionProfile, PROFILE_ID, fields)

    def our_people(self) -> list[PersonChoice]:
        """The people of our organisation: who makes calls, signs letters, owns tasks."""
        with self._db.reading() as session:
            profile = read_profile(session)
            if profile.our_organisation_id is None:
                return []
            rows = session.execute(
                select(Person.id, Person.first_name, Person.last_name)
                .where(Person.organisation_id == profile.our_organisation_id,
                       Person.deleted_at.is_(None), Person.merged_into_id.is_(None))
                .order_by(Person.first_name, Person.last_name)
            ).all()
        return [PersonChoice(r.id, display_name(r.first_name, r.last_name),
                             profile.our_organisation) for r in rows]

    # -- working groups ------------------------------------------------------------------
    def groups(self) -> list[GroupRow]:
        """The steering committee first, then working groups by name, with members."""
        with self._db.reading() as session:
            groups = session.execute(
                select(WorkingGroup).where(WorkingGroup.deleted_at.is_(None))
            ).scalars().all()
            members = session.execute(
                select(WorkingGroupMember.id, WorkingGroupMember.working_group_id,
                       WorkingGroupMember.person_id, WorkingGroupMember.role,
                       Person.first_name, Person.last_name, Organisation.name)
                .join(Person, Person.id == WorkingGroupMember.person_id)
                .outerjoin(Organisation, Organisation.id == WorkingGroupMember.organisation_id)
                .where(WorkingGroupMember.deleted_at.is_(None), Person.deleted_at.is_(None))
            ).all()
            coordinators = {
                p.id: display_name(p.first_name, p.last_name)
                for p in session.execute(
                    select(Person.id, Person.first_name, Person.last_name).where(
                        Person.id.in_([g.coordinator_id for g in groups if g.coordinator_id])))
            }
        by_group: dict[str, list[GroupMemberRow]] = {}
        for m in members:
            by_group.setdefault(m.working_group_id, []).append(GroupMemberRow(
                m.id, m.person_id, display_name(m.first_name, m.last_name), m.name or "",
                m.role))
        rows = []
        for g in groups:
            people = sorted(by_group.get(g.id, []),
                            key=lambda r: (r.role != GroupRole.CHAIR.value,
                                           r.role != GroupRole.COORDINATOR.value,
                                           r.name.casefold()))
            chair = next((m.name for m in people if m.role == GroupRole.CHAIR.value), "")
            rows.append(GroupRow(g.id, g.name, g.purpose or "", g.is_steering_committee,
                                 g.seats, chair, coordinators.get(g.coordinator_id or "", ""),
                                 people))
        return sorted(rows, key=lambda g: (not g.steering, g.name.casefold()))

    def add_group(self, name: str, *, focus: str | None = None, steering: bool = False,
                  seats: int | None = None) -> str:
        if seats is not None and seats < 1:
            raise ValidationError("seats: a steering committee needs at least one seat")
        fields = {"name": clean_required_text(name, field="name"),
                  "purpose": clean_text(focus, field="focus"),
                  "is_steering_committee": steering, "seats": seats}
        with UnitOfWork(self._db) as uow:
            return uow.create(WorkingGroup, fields)

    def add_member(self, group_id: str, person_id: str, role: str = GroupRole.MEMBER.value
                   ) -> str:
        if role not in {r.value for r in GroupRole}:
            raise ValidationError(f"role: '{role}' is not one of chair, coordinator, member")
        row_id = link_id("working_group_member", group_id, person_id)
        with UnitOfWork(self._db) as uow:
            person = uow.session.get(Person, person_id)
            if person is None or person.deleted_at is not None:
                raise NotFoundError(f"no person with id {person_id}")
            if uow.session.get(WorkingGroup, group_id) is None:
                raise NotFoundError(f"no working group with id {group_id}")
            existing = uow.session.get(WorkingGroupMember, row_id)
            fields = {"working_group_id": group_id, "person_id": person_id,
                      "organisation_id": person.organisation_id, "role": role}
            if existing is not None and existing.deleted_at is None:
                uow.update(WorkingGroupMember, row_id, {"role": role})
            else:
                uow.create(WorkingGroupMember, fields, row_id=row_id)
            return row_id

    def remove_member(self, member_id: str) -> None:
        with UnitOfWork(self._db) as uow:
            uow.delete(WorkingGroupMember, member_id)

    # -- representation ------------------------------------------------------------------
    def representation(self) -> list[RepresentationRow]:
        """Member organisations by category, level and region; zero members is a gap."""
        with self._db.reading() as session:
            rows = session.execute(
                select(Organisation.category, Organisation.province,
                       Organisation.pipeline_stage, func.count())
                .where(Organisation.deleted_at.is_(None))
                .group_by(Organisation.category, Organisation.province,
                          Organisation.pipeline_stage)
            ).all()
        members: dict[tuple[str, str], int] = Counter()
        prospects: dict[tuple[str, str], int] = Counter()
        for category, province, stage, count in rows:
            keys = [("category", category or ""), ("region", _region(province))]
            level = _LEVEL_OF.get(category or "")
            if level:
                keys.append(("level", level))
            target = members if stage in MEMBER_STAGES else prospects
            for key in keys:
                target[key] += count
        result: list[RepresentationRow] = []
        for category in StakeholderCategory:
            if category == StakeholderCategory.COMMUNITY_MEMBER:
                continue
            key = ("category", category.value)
            result.append(RepresentationRow("category", category.value, category.label,
                                            members[key], prospects[key]))
        for level, label in _LEVEL_LABELS.items():
            key = ("level", level)
            result.append(RepresentationRow("level", level, label, members[key],
                                            prospects[key]))
        regions = sorted({k[1] for k in (*members, *prospects) if k[0] == "region"})
        for region in regions:
            key = ("region", region)
            result.append(RepresentationRow("region", region, region, members[key],
                                            prospects[key]))
        return result

    # -- referrals -----------------------------------------------------------------------
    def referral_graph(self, limit: int = 400) -> ReferralGraph:
        """Who introduced whom (people in at least one live referral), most-connected first.

        Read straight from the referrals table, so it needs nothing but the shared schema.
        """
        referrer = aliased(Person)
        referred = aliased(Person)
        with self._db.reading() as session:
            edges = session.execute(
                select(Referral.referrer_id, Referral.referred_id, Referral.note)
                .join(referrer, referrer.id == Referral.referrer_id)
                .join(referred, referred.id == Referral.referred_id)
                .where(Referral.deleted_at.is_(None), referrer.deleted_at.is_(None),
                       referred.deleted_at.is_(None))
                .order_by(Referral.referred_on, Referral.id)
            ).all()
            degree: Counter[str] = Counter()
            for e in edges:
                degree[e.referrer_id] += 1
                degree[e.referred_id] += 1
            keep = {pid for pid, _ in degree.most_common(limit)}
            people = session.execute(
                select(Person.id, Person.first_name, Person.last_name, Organisation.name)
                .outerjoin(Organisation, Organisation.id == Person.organisation_id)
                .where(Person.id.in_(keep))
            ).all() if keep else []
        introduced = Counter(e.referrer_id for e in edges)
        nodes = sorted(
            (ReferralNode(p.id, display_name(p.first_name, p.last_name), p.name or "",
                          introduced[p.id]) for p in people),
            key=lambda n: (-degree[n.id], n.name.casefold()))
        return ReferralGraph(
            nodes=nodes,
            edges=[ReferralEdge(e.referrer_id, e.referred_id, e.note or "") for e in edges
                   if e.referrer_id in keep and e.referred_id in keep],
        )

    def members_of(self, person_ids: Sequence[str]) -> dict[str, str]:
        """Names of people by id (for labels)."""
        with self._db.reading() as session:
            return {r.id: display_name(r.first_name, r.last_name) for r in session.execute(
                select(Person.id, Person.first_name, Person.last_name)
                .where(Person.id.in_(list(person_ids))))}
