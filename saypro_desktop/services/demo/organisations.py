"""Demo organisations: names by category, what they offer, and how we assessed them."""

from __future__ import annotations

from saypro_desktop.db.models import (
    Assessment,
    Organisation,
)
from saypro_desktop.domain.enums import (
    FocusArea,
    GovernmentLevel,
    PipelineStage,
    Priority,
    StakeholderCategory,
)
from saypro_desktop.domain.ids import new_id
from saypro_desktop.services.demo.base import (
    Row,
    Weighted,
    Writer,
    one,
    slug,
)
from saypro_desktop.services.demo.state import Demo, Org
from saypro_desktop.services.demo.words import (
    GROUP_PICK,
    NAME_GROUPS,
    PLACE_PICK,
    PLACES,
    STREETS,
    UNIVERSITIES,
    Place,
    load,
    strings,
)

SC = StakeholderCategory
PS = PipelineStage

_WORDS = "organisations"
ORG_TEMPLATES: dict[SC, tuple[str, ...]] = {
    SC(category): tuple(names) for category, names in load(_WORDS)["name_templates"].items()
}
STRENGTHS = strings(_WORDS, "strengths")
RESOURCES = strings(_WORDS, "resources")
IMPACT = strings(_WORDS, "impact")
ORG_NOTES = strings(_WORDS, "notes")

POLICY_CATEGORIES = (SC.POLICYMAKER_LOCAL, SC.POLICYMAKER_PROVINCIAL, SC.POLICYMAKER_NATIONAL)

# The level each kind of body works at (no random draw: the rest of the demo is unchanged).
_GL = GovernmentLevel
LEVELS: dict[SC, GovernmentLevel] = {
    **dict.fromkeys(SC, _GL.PROVINCIAL),
    **dict.fromkeys((SC.GRASSROOTS_GROUP, SC.FAITH_BASED, SC.YOUTH_STUDENT, SC.COMMUNITY_LEADER,
                     SC.COMMUNITY_MEMBER, SC.POLICYMAKER_LOCAL), _GL.LOCAL),
    **dict.fromkeys((SC.POLICYMAKER_NATIONAL, SC.REGULATOR, SC.CORPORATE, SC.PHILANTHROPY,
                     SC.MEDIA), _GL.NATIONAL),
}

CATEGORY_WEIGHTS = Weighted([
    (SC.SOCIAL_SERVICE_PROVIDER, 12), (SC.NONPROFIT, 12), (SC.ADVOCACY_GROUP, 6),
    (SC.GRASSROOTS_GROUP, 10), (SC.LEGAL_AID, 4), (SC.PUBLIC_HEALTH, 6), (SC.FAITH_BASED, 9),
    (SC.YOUTH_STUDENT, 6), (SC.COMMUNITY_LEADER, 6), (SC.POLICYMAKER_LOCAL, 5),
    (SC.POLICYMAKER_PROVINCIAL, 3), (SC.POLICYMAKER_NATIONAL, 1), (SC.REGULATOR, 1),
    (SC.ACADEMIC, 3), (SC.CORPORATE, 3), (SC.PHILANTHROPY, 2), (SC.MEDIA, 3),
    (SC.COMMUNITY_MEMBER, 2),
])

CATEGORY_FOCUS: dict[SC, tuple[FocusArea, ...]] = {
    SC.SOCIAL_SERVICE_PROVIDER: (FocusArea.CHILD_WELFARE, FocusArea.SOCIAL_GRANTS,
                                 FocusArea.FOOD_SECURITY, FocusArea.DISABILITY),
    SC.LEGAL_AID: (FocusArea.JUSTICE, FocusArea.SOCIAL_GRANTS, FocusArea.HOUSING),
    SC.PUBLIC_HEALTH: (FocusArea.HEALTHCARE, FocusArea.MENTAL_HEALTH),
    SC.YOUTH_STUDENT: (FocusArea.EDUCATION, FocusArea.EMPLOYMENT, FocusArea.MENTAL_HEALTH),
    SC.ACADEMIC: (FocusArea.HEALTHCARE, FocusArea.EDUCATION, FocusArea.SOCIAL_GRANTS),
    SC.FAITH_BASED: (FocusArea.FOOD_SECURITY, FocusArea.CHILD_WELFARE, FocusArea.HOUSING),
}

STAGE_WEIGHTS = Weighted([
    (PS.IDENTIFIED, 14), (PS.CONTACTED, 18), (PS.RESPONDED, 14), (PS.MEETING_SCHEDULED, 10),
    (PS.COMMITTED, 14), (PS.ACTIVE_PARTNER, 16), (PS.DECLINED, 6), (PS.DORMANT, 8),
])
PRIORITY_WEIGHTS = Weighted([(Priority.HIGH, 3), (Priority.MEDIUM, 5), (Priority.LOW, 2)])


def _org_name(d: Demo, category: SC, place: Place, index: int) -> str:
    rng = d.rng
    for attempt in range(8):
        template = one(rng, ORG_TEMPLATES[category])
        name = template.format(place=place.name, province=place.province,
                               univ=one(rng, UNIVERSITIES), n=rng.randint(1, 120),
                               letter=one(rng, "ABCDEFGHJK"))
        if attempt >= 4:
            name = (f"{name} — {one(rng, STREETS)} branch" if place.name in name
                    else f"{name} ({place.name})")
        if name not in d.org_names:
            break
    else:
        name = f"{name} #{index}"
    d.org_names.add(name)
    return name


def write_organisations(d: Demo, w: Writer) -> None:
    rng = d.rng
    categories = list(SC)
    stages = list(PS)
    rows: list[Row] = []
    ids = [new_id() for _ in range(d.n_orgs)]
    for index in range(d.n_orgs):
        if index == 0:
            category, name = SC.NONPROFIT, "SayPro — Community Engagement Team"
            place, stage, priority = PLACES[1], PS.ACTIVE_PARTNER, Priority.HIGH
            d.org_names.add(name)
        else:
            category = (categories[index - 1] if index <= len(categories)
                        else CATEGORY_WEIGHTS.pick(rng))
            place = PLACE_PICK.pick(rng)
            name = _org_name(d, category, place, index)
            stage = (stages[index % len(stages)] if index < 3 * len(stages)
                     else STAGE_WEIGHTS.pick(rng))
            priority = PRIORITY_WEIGHTS.pick(rng)
        domain = slug(name, 4) + ".example.org"
        focus_pool = CATEGORY_FOCUS.get(category, tuple(FocusArea))
        focus = rng.sample(list(focus_pool), k=min(len(focus_pool), rng.randint(1, 3)))
        language = NAME_GROUPS[GROUP_PICK[place.name].pick(rng)].language
        row: Row = {
            "name": name, "category": category.value,
            "focus_areas": ",".join(f.value for f in focus),
            "city": place.name, "province": place.province, "level": LEVELS[category].value,
            "pipeline_stage": stage.value, "priority": priority.value,
            "expected_impact": one(rng, IMPACT).format(n=rng.randint(2, 60) * 50),
            "strengths": "; ".join(s.format(language=language)
                                   for s in rng.sample(STRENGTHS, rng.randint(1, 3))),
        }
        if rng.random() < 0.75:
            row["resources_offered"] = "; ".join(rng.sample(RESOURCES, rng.randint(1, 3)))
        if rng.random() < 0.6:
            row["website"] = f"https://{domain}"
        if rng.random() < 0.7:
            row["email"] = f"{one(rng, ('info', 'admin', 'office', 'hello'))}@{domain}"
        if rng.random() < 0.8:
            row["phone"] = f"+27{place.area_code}{rng.randint(0, 10 ** (9 - len(place.area_code)) - 1):0{9 - len(place.area_code)}d}"  # noqa: E501
        if rng.random() < 0.5:
            row["address"] = f"{rng.randint(1, 400)} {one(rng, STREETS)}, {place.name}"
        if rng.random() < 0.2:
            row["notes"] = one(rng, ORG_NOTES)
        rows.append(row)
        d.orgs.append(Org(ids[index], name, category, stage, priority, place, domain, []))
    w.write(Organisation, rows, ids)
    # Scored assessments for organisations that have engaged with us.
    assessments: list[Row] = []
    for org in d.orgs:
        if org.stage in (PS.IDENTIFIED, PS.CONTACTED) or rng.random() < 0.3:
            continue
        base = {Priority.HIGH: 4, Priority.MEDIUM: 3, Priority.LOW: 2}[org.priority]
        scores = [min(5, max(1, base + rng.randint(-1, 1))) for _ in range(4)]
        assessments.append({
            "organisation_id": org.id, "assessed_on": d.day(200, 10),
            "shared_values": scores[0], "mission_alignment": scores[1],
            "operational_compatibility": scores[2], "expected_impact": scores[3],
            "notes": one(rng, ("Strong alignment on grants access.",
                                "Good fit, but limited staff capacity.",
                                "Values match; operations differ (weekday-only).",
                                None, None)),
        })
    w.write(Assessment, assessments)



# -- partnerships: pipeline history, earlier assessments, introductions, look-alikes ------

_MAIN_LINE = (PS.IDENTIFIED, PS.CONTACTED, PS.RESPONDED, PS.MEETING_SCHEDULED, PS.COMMITTED,
              PS.ACTIVE_PARTNER)
_ORGANISERS = ("Nomsa Dlamini", "Johan van Wyk", "Ayesha Patel", "Lindiwe Mokoena", "Office")
_REFERRAL_OUTCOME = {
    PS.IDENTIFIED: "pending", PS.CONTACTED: "contacted", PS.RESPONDED: "contacted",
    PS.MEETING_SCHEDULED: "met", PS.COMMITTED: "joined", PS.ACTIVE_PARTNER: "joined",
    PS.DECLINED: "declined", PS.DORMANT: "no_response",
}
_EARLIER_NOTES = (
    ("Talk of values, little practice yet.", "Their focus is narrower than ours.",
     "Volunteers only on Saturdays."),
    ("Strong on dignity and access.", "Overlaps with our grants work.",
     "Small office; slow to reply by email."),
    ("Shared concern for child welfare.", "Mission is service, not advocacy.",
     "Board must approve every joint statement."),
)


def _path(stage: PipelineStage, cut: int) -> list[PipelineStage]:
    """The stages an organisation went through to reach ``stage``."""
    if stage in _MAIN_LINE:
        return list(_MAIN_LINE[: _MAIN_LINE.index(stage) + 1])
    return [*_MAIN_LINE[: max(cut, 2)], stage]  # declined or went quiet after a while


def write_partnerships(d: Demo, w: Writer) -> None:
    """Stage moves for every organisation, an earlier assessment for engaged partners,
    introductions of organisations with what came of them, and two look-alike records
    waiting in the duplicates queue. Its own random stream: the other areas stay as they are."""
    import random
    from datetime import timedelta

    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    from saypro_desktop.db.models import OrganisationDuplicate, Referral, StageMove
    from saypro_desktop.services.demo.base import at_time

    rng = random.Random(d.today.toordinal() * 31 + d.people)
    moves: list[Row] = []
    earlier: list[Row] = []
    referrals: list[Row] = []
    for org in d.orgs:
        path = _path(org.stage, rng.randint(2, 4))
        day = d.today - timedelta(days=rng.randint(120, 420))
        previous: PipelineStage | None = None
        for stage in path:
            moves.append({
                "organisation_id": org.id, "from_stage": previous.value if previous else None,
                "to_stage": stage.value,
                "moved_at": at_time(day, rng.randint(8, 17), rng.choice((0, 15, 30, 45))),
                "moved_by": rng.choice(_ORGANISERS),
                "note": "Committed at the steering committee" if stage is PS.COMMITTED
                and rng.random() < 0.3 else None,
            })
            previous = stage
            day = min(day + timedelta(days=rng.randint(5, 45)), d.today)
        if org.stage in (PS.COMMITTED, PS.ACTIVE_PARTNER, PS.MEETING_SCHEDULED) \
                and rng.random() < 0.6:
            notes = rng.choice(_EARLIER_NOTES)
            earlier.append({
                "organisation_id": org.id,
                "assessed_on": d.today - timedelta(days=rng.randint(260, 420)),
                "shared_values": rng.randint(2, 4), "shared_values_note": notes[0],
                "mission_alignment": rng.randint(1, 3), "mission_alignment_note": notes[1],
                "operational_compatibility": rng.randint(2, 3),
                "operational_compatibility_note": notes[2],
                "expected_impact": rng.randint(1, 3), "priority": Priority.LOW.value,
                "assessed_by": rng.choice(_ORGANISERS[:4]),
                "notes": "First look, before we met them.",
            })
    for org in rng.sample(d.orgs[1:], min(len(d.orgs) - 1, max(12, len(d.orgs) // 8))):
        introducers = [p for p in d.partners if p.org.id != org.id]
        if not introducers:
            continue
        by = rng.choice(introducers)
        referrals.append({
            "referrer_id": by.id, "referred_organisation_id": org.id,
            "referred_id": org.contacts[0] if org.contacts else None,
            "referred_on": d.day(300, 20),
            "note": rng.choice((f"{by.first} knows their director from church.",
                                f"{by.first} suggested them at the working group.",
                                "Recommended at the Soweto town hall.", None)),
            "outcome": _REFERRAL_OUTCOME[org.stage],
        })
    w.write(StageMove, moves)
    w.write(Assessment, earlier)
    w.write(Referral, referrals)
    # Two records keyed in twice by different laptops: the queue shows them for merging.
    twins = [o for o in d.orgs[1:] if " — " not in o.name and "(" not in o.name][:2]
    if twins and w.uow is not None:
        copies = [{"name": twin.name.replace(" and ", " & ") + (" NPC" if i == 0 else ""),
                   "category": twin.category.value, "city": twin.place.name,
                   "province": twin.place.province, "pipeline_stage": PS.IDENTIFIED.value,
                   "level": LEVELS[twin.category].value}
                  for i, twin in enumerate(twins)]
        copy_ids = w.write(Organisation, copies)
        w.write(StageMove, [{"organisation_id": cid, "to_stage": PS.IDENTIFIED.value,
                             "moved_at": at_time(d.day(30, 2), 10), "moved_by": "Office"}
                            for cid in copy_ids])
        found = at_time(d.today, 9)
        w.uow.session.execute(sqlite_insert(OrganisationDuplicate).on_conflict_do_nothing(), [
            {"id": new_id(), "first_id": min(t.id, c), "second_id": max(t.id, c),
             "reason": "similar name", "status": "open", "found_at": found}
            for t, c in zip(twins, copy_ids, strict=True)])
