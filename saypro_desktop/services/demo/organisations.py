"""Demo organisations: names by category, what they offer, and how we assessed them."""

from __future__ import annotations

from saypro_desktop.db.models import (
    Assessment,
    Organisation,
)
from saypro_desktop.domain.enums import (
    FocusArea,
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
            "city": place.name, "province": place.province,
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

