"""Demo coalition: working groups, commitments partners made, and leaders assessed as partners."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from saypro_desktop.db.models import (
    Assessment,
    CoalitionProfile,
    Commitment,
    Concern,
    WorkingGroup,
    WorkingGroupMember,
)
from saypro_desktop.domain.enums import (
    CommitmentKind,
    CommitmentStatus,
    ConcernCategory,
    ConcernStatus,
    GroupRole,
    PipelineStage,
    StakeholderCategory,
)
from saypro_desktop.domain.ids import new_id
from saypro_desktop.services.coalition import PROFILE_ID
from saypro_desktop.services.demo.base import (
    Row,
    Writer,
    one,
)
from saypro_desktop.services.demo.state import Demo

SC = StakeholderCategory
PS = PipelineStage


def write_groups_and_commitments(d: Demo, w: Writer) -> None:
    rng = d.rng
    groups = (
        ("Steering Committee", "Sets direction, approves statements and the budget.", True),
        ("Policy & Research", "Evidence, briefs and the reform proposals.", False),
        ("Media & Communications", "Press releases, op-eds, radio and social media.", False),
        ("Community Mobilisation", "Door-to-door, town halls, rallies and the petition.",
         False),
        ("Events & Logistics", "Venues, transport, sound, interpreters and marshals.", False),
        ("Legal Strategy", "Grant appeals, PAJA reviews and public-hearing submissions.",
         False),
    )
    committed = [o for o in d.orgs if o.contacts and o.stage in (PS.COMMITTED,
                                                                    PS.ACTIVE_PARTNER)]
    rows: list[Row] = []
    members: list[Row] = []
    ids = [new_id() for _ in groups]
    for group_id, (name, purpose, steering) in zip(ids, groups, strict=True):
        pool = [p for p in d.partners if p.org in committed] or d.partners
        size = min(len(pool), rng.randint(7, 12) if steering else rng.randint(4, 9))
        chosen = rng.sample(pool, size)
        coordinator = chosen[0]
        rows.append({"name": name, "purpose": purpose, "is_steering_committee": steering,
                     "coordinator_id": coordinator.id})
        for position, partner in enumerate(chosen):
            role = (GroupRole.COORDINATOR if position == 0
                    else GroupRole.CHAIR if position == 1 and steering else GroupRole.MEMBER)
            members.append({"working_group_id": group_id, "person_id": partner.id,
                            "organisation_id": partner.org.id, "role": role.value})
    for row in rows:
        if row["is_steering_committee"]:
            row["seats"] = 12
    w.write(WorkingGroup, rows, ids)
    write_profile(d, w)
    w.write(WorkingGroupMember, members)

    forced = [(kind, status) for kind in CommitmentKind
              for status in (CommitmentStatus.PLEDGED, CommitmentStatus.DELIVERED)]
    commitments: list[Row] = []
    org_pool = committed or [o for o in d.orgs if o.contacts]
    descriptions = {
        CommitmentKind.JOIN_COALITION: "Joins the coalition and signs the charter",
        CommitmentKind.VOLUNTEERS: "Volunteers for door-to-door and marshals",
        CommitmentKind.MEETING_SPACE: "Hall for town halls and steering meetings",
        CommitmentKind.DATA: "Anonymised case data on grant appeals and clinic waits",
        CommitmentKind.FUNDING: "Grant towards transport and catering",
        CommitmentKind.MEDIA: "Airtime and coverage of coalition events",
        CommitmentKind.EVENT_HOSTING: "Hosts a community forum",
        CommitmentKind.ENDORSEMENT: "Public endorsement of the reform proposals",
        CommitmentKind.EXPERTISE: "Legal and research expertise for submissions",
    }
    extra = max(0, len(org_pool) * 3 // 2 - len(forced))
    plan = forced + [(one(rng, list(CommitmentKind)), None) for _ in range(extra)]
    for index, (kind, status) in enumerate(plan):
        org = org_pool[index % len(org_pool)]
        if status is None:
            status = (CommitmentStatus.DELIVERED if org.stage == PS.ACTIVE_PARTNER
                      and rng.random() < 0.7 else
                      CommitmentStatus.WITHDRAWN if rng.random() < 0.05
                      else CommitmentStatus.PLEDGED)
        pledged = d.day(200, 20)
        amount = (float(rng.randint(1, 50) * 5000) if kind == CommitmentKind.FUNDING
                  else float(rng.randint(2, 40)) if kind == CommitmentKind.VOLUNTEERS
                  else None)
        commitments.append({
            "organisation_id": org.id, "person_id": one(rng, org.contacts),
            "campaign_id": d.campaigns[0][0], "kind": kind.value,
            "description": descriptions[kind], "status": status.value, "amount": amount,
            "pledged_on": pledged,
            "delivered_on": pledged + timedelta(days=rng.randint(7, 60))
            if status == CommitmentStatus.DELIVERED else None,
        })
    for commitment in commitments:
        delivered = commitment["delivered_on"]
        if delivered is not None and delivered > d.today:
            commitment["delivered_on"] = d.today
    _deadlines_and_meetings(d, commitments)
    w.write(Commitment, commitments)
    # A few community leaders are assessed as individual partners.
    leaders = d.partner_pick(max(3, len(d.partners) // 40), (SC.COMMUNITY_LEADER,))
    w.write(Assessment, [{
        "person_id": p.id, "assessed_on": d.day(180, 5),
        "shared_values": rng.randint(3, 5), "mission_alignment": rng.randint(2, 5),
        "operational_compatibility": rng.randint(2, 5), "expected_impact": rng.randint(2, 5),
        "notes": "Individual partner: respected community leader.",
    } for p in leaders])



def write_profile(d: Demo, w: Writer) -> None:
    """Who "we" are: the SayPro team, coordinated by its first organiser."""
    if not d.orgs:
        return
    ours = d.orgs[0]
    w.write(CoalitionProfile, [{
        "name": "Dignity in Social Services Coalition", "our_organisation_id": ours.id,
        "coordinator_id": ours.contacts[0] if ours.contacts else None,
    }], [PROFILE_ID])


def _deadlines_and_meetings(d: Demo, commitments: list[Row]) -> None:
    """Pledges get a delivery date; a commitment made at a meeting points to it.

    A stream of its own keeps the rest of the demo as it was.
    """
    rng = random.Random(f"commitments-{d.today.isoformat()}-{len(commitments)}")
    for row in commitments:
        pledged: date = row["pledged_on"]
        if row["status"] == CommitmentStatus.PLEDGED.value:
            row["due_on"] = pledged + timedelta(days=rng.randint(21, 120))
        held = [m for m in d.meetings_by_org.get(row["organisation_id"], [])
                if m[2].date() <= pledged]
        if held and rng.random() < 0.8:
            meeting = max(held, key=lambda m: m[2])
            row["meeting_id"] = meeting[0]
            row["pledged_on"] = meeting[2].date()


_ADDRESSED = (
    "Raised with the district manager; extra staff on Fridays from next month.",
    "Connected them with the provincial relief fund; application submitted.",
    "Coalition arranged shared transport from the taxi rank on forum days.",
    "Included in the joint submission to the portfolio committee.",
    "Moved meetings to weekday evenings after the feedback.",
)
_BARRIERS = {ConcernCategory.ACCESS.value, ConcernCategory.BUREAUCRACY.value,
             ConcernCategory.SAFETY.value, ConcernCategory.STAFFING.value}


def write_concern_outcomes(d: Demo, w: Writer) -> None:
    """Which concerns are barriers or feedback, and how the resolved ones were addressed.

    A stream of its own keeps the rest of the demo as it was.
    """
    assert w.uow is not None
    uow = w.uow
    rows = uow.session.execute(
        select(Concern.id, Concern.category, Concern.status, Concern.raised_on)
        .where(Concern.deleted_at.is_(None)).order_by(Concern.id)).all()
    rng = random.Random(f"concerns-{d.today.isoformat()}-{len(rows)}")
    for concern_id, category, status, raised_on in rows:
        changes: dict[str, object] = {}
        if category in _BARRIERS and rng.random() < 0.5:
            changes["kind"] = "barrier"
        elif category == ConcernCategory.OTHER.value:
            changes["kind"] = "feedback"
        if status == ConcernStatus.RESOLVED.value:
            changes["how_addressed"] = rng.choice(_ADDRESSED)
            start = raised_on or d.today - timedelta(days=60)
            changes["addressed_on"] = min(d.today, start + timedelta(days=rng.randint(5, 45)))
        if changes:
            uow.update(Concern, concern_id, changes)
