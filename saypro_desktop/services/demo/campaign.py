"""Demo campaigns: phases, objectives and targets, petitions, reforms, concerns, media, stories."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from saypro_desktop.db.models import (
    Campaign,
    CampaignPhaseRecord,
    Concern,
    KpiTarget,
    MediaItem,
    Objective,
    Petition,
    Reform,
    ReformConcern,
    ReformMedia,
    ReformMeeting,
    ReformMove,
    ReformObstacle,
    ReformPosition,
    ReformPositionChange,
    Story,
)
from saypro_desktop.domain.enums import (
    REFORM_PROGRESS,
    CampaignPhase,
    ConcernCategory,
    ConcernStatus,
    GovernmentLevel,
    MediaKind,
    MeetingKind,
    ObstacleKind,
    ObstacleStatus,
    PipelineStage,
    PolicymakerPosition,
    ReformStage,
    StakeholderCategory,
)
from saypro_desktop.domain.ids import link_id, new_id
from saypro_desktop.services.demo.base import (
    Row,
    Weighted,
    Writer,
    one,
)
from saypro_desktop.services.demo.state import Demo

SC = StakeholderCategory
PS = PipelineStage


def write_campaigns(d: Demo, w: Writer) -> None:
    rng = d.rng
    specs = [("Dignity in Social Services Campaign 2025/26",
              "Coalition campaign for faster grant appeals, properly staffed clinics and "
              "safe shelters. Pre-campaign: build the coalition; campaign: town halls, "
              "rallies and the petition; post-campaign (to end of March): follow-up with "
              "policymakers until reforms are implemented.", 240)]
    if d.people >= 1000:
        specs.append(("Eastern Cape Care Workers' Stipend Campaign",
                      "Regional campaign with home-based care networks for fair, on-time "
                      "stipends for community health and care workers.", 150))
    campaigns: list[Row] = []
    for name, description, length in specs:
        campaigns.append({"name": name, "description": description,
                          "starts_on": d.today - timedelta(days=length),
                          "ends_on": d.today + timedelta(days=60)})
    ids = w.write(Campaign, campaigns)
    phases: list[Row] = []
    objectives: list[Row] = []
    objective_ids: list[str] = [new_id() for _ in range(len(ids) * 5)]
    kpis: list[Row] = []
    goal = max(500, round(d.people * 0.2, -2))
    for index, (campaign_id, row) in enumerate(zip(ids, campaigns, strict=True)):
        start: date = row["starts_on"]
        end: date = row["ends_on"]
        span = (end - start).days
        cut1 = start + timedelta(days=span * 3 // 10)
        cut2 = start + timedelta(days=span * 7 // 10)
        d.campaigns.append((campaign_id, row["name"], start, end))
        bounds = {CampaignPhase.PRE_CAMPAIGN: (start, cut1 - timedelta(days=1)),
                  CampaignPhase.CAMPAIGN: (cut1, cut2 - timedelta(days=1)),
                  CampaignPhase.POST_CAMPAIGN: (cut2, end)}
        for phase, (p_start, p_end) in bounds.items():
            phases.append({"campaign_id": campaign_id, "phase": phase.value,
                           "starts_on": p_start, "ends_on": p_end})
        plan = (
            (CampaignPhase.PRE_CAMPAIGN, "Recruit coalition partners",
             "Sign up {n} organisations across at least 6 stakeholder categories",
             "commitments_pledged", max(20, d.n_orgs // 4)),
            (CampaignPhase.PRE_CAMPAIGN, "Reach potential partners",
             "Contact {n} potential partners by letter, email or phone",
             "contacts_reached", max(60, d.n_orgs * 2 // 3)),
            (CampaignPhase.CAMPAIGN, "Collect petition signatures",
             "Collect {n} signatures before the public hearing", "petition_signatures",
             goal),
            (CampaignPhase.CAMPAIGN, "Hold community events",
             "Hold {n} town halls, forums and rallies in at least 4 provinces",
             "events_held", max(9, d.people // 400)),
            (CampaignPhase.POST_CAMPAIGN, "Advance the reforms",
             "Move {n} reforms at least one stage forward by the end of March",
             "reforms_advanced", 3),
        )
        for number, (phase, title, description, metric, target) in enumerate(plan):
            objective_id = objective_ids[index * 5 + number]
            objectives.append({"campaign_id": campaign_id, "phase": phase.value,
                               "title": title, "description": description.format(n=target),
                               "metric": metric, "target_value": float(target),
                               "due_on": bounds[phase][1]})
            kpis.append({"campaign_id": campaign_id, "objective_id": objective_id,
                         "phase": phase.value, "metric": metric,
                         "target_value": float(target)})
        for phase, metric, target in (
            (CampaignPhase.CAMPAIGN, "meetings_held", 12 + rng.randint(0, 12)),
            (CampaignPhase.CAMPAIGN, "response_rate", 0.4),
            (CampaignPhase.CAMPAIGN, "media_reach", 250_000),
            (CampaignPhase.POST_CAMPAIGN, "commitments_delivered", max(10, d.n_orgs // 8)),
        ):
            kpis.append({"campaign_id": campaign_id, "phase": phase.value,
                         "metric": metric, "target_value": float(target)})
    w.write(CampaignPhaseRecord, phases)
    w.write(Objective, objectives, objective_ids)
    w.write(KpiTarget, kpis)
    petitions = []
    for campaign_id, name, _, _ in d.campaigns:
        petitions.append({
            "campaign_id": campaign_id,
            "title": "Fix the grants backlog and staff our clinics"
            if name.startswith("Dignity") else "Pay care workers on time",
            "text": "We, the undersigned residents, call on government to clear the "
                    "social grant appeal backlog within 30 days, staff every clinic in "
                    "our district, and fund shelters for survivors of violence.",
            "target": "Minister of Social Development and the Provincial MECs",
            "goal": int(goal),
        })
    petition_ids = w.write(Petition, petitions)
    d.petitions = [(pid, str(row["campaign_id"]))
                      for pid, row in zip(petition_ids, petitions, strict=True)]


def write_reforms(d: Demo, w: Writer,
                   meetings: list[tuple[str, MeetingKind, datetime]]) -> list[str]:
    rng = d.rng
    reforms = (
        ("Grant appeals decided within 30 days",
         "Amend the Social Assistance Act regulations so appeals are decided within 30 "
         "days, with interim relief after 30 days.", GovernmentLevel.NATIONAL,
         ReformStage.IN_COMMITTEE, "Treasury cost concerns; backlog at the appeals tribunal."),
        ("Community health worker stipends paid on time",
         "Provincial norm: stipends paid by the 25th, with a formal employment pathway.",
         GovernmentLevel.PROVINCIAL, ReformStage.DRAFTED,
         "Budget cycle; unions and department disagree on employment status."),
        ("Indigent registration at clinics and SASSA offices",
         "Municipal indigent policy: register for free basic services where people "
         "already queue.", GovernmentLevel.LOCAL, ReformStage.IN_COMMITTEE,
         "Billing system cannot take registrations from outside the municipality."),
        ("Shelters for survivors of gender-based violence fully funded",
         "Ring-fenced provincial funding per bed, paid quarterly in advance.",
         GovernmentLevel.PROVINCIAL, ReformStage.TABLED, None),
        ("Mental health services at every district hospital",
         "A psychologist and a social worker at each district hospital.",
         GovernmentLevel.NATIONAL, ReformStage.IDEA, "Shortage of registered staff."),
        ("Ward-based early childhood subsidy registration",
         "Simplify registration of early childhood centres for the per-child subsidy.",
         GovernmentLevel.LOCAL, ReformStage.PASSED, None),
    )
    count = 4 if d.people < 1000 else len(reforms)
    rows = [{"campaign_id": d.campaigns[0][0], "title": title, "policy": policy,
             "level": level.value, "stage": stage.value, "obstacles": obstacles}
            for title, policy, level, stage, obstacles in reforms[:count]]
    ids = w.write(Reform, rows)
    level_category = {GovernmentLevel.LOCAL: SC.POLICYMAKER_LOCAL,
                      GovernmentLevel.PROVINCIAL: SC.POLICYMAKER_PROVINCIAL,
                      GovernmentLevel.NATIONAL: SC.POLICYMAKER_NATIONAL}
    positions: list[Row] = []
    position_ids: list[str] = []
    weights = Weighted([(PolicymakerPosition.CHAMPION, 1), (PolicymakerPosition.SUPPORTIVE,
                                                               3),
                         (PolicymakerPosition.UNDECIDED, 5), (PolicymakerPosition.OPPOSED, 1)])
    for reform_id, spec in zip(ids, reforms, strict=False):
        for partner in d.partner_pick(rng.randint(4, 25), (level_category[spec[2]],)):
            positions.append({
                "reform_id": reform_id, "person_id": partner.id,
                "position": weights.pick(rng).value, "noted_on": d.day(200, 1),
                "note": one(rng, ("Said so in committee.", "Private conversation.",
                                   "Quoted in the press.", None)),
            })
            position_ids.append(link_id("reform_position", reform_id, partner.id))
    w.write(ReformPosition, positions, position_ids)
    linked = [m for m in meetings
              if m[1] in (MeetingKind.POLICYMAKER_FOLLOW_UP, MeetingKind.BRIEFING)]
    links: list[Row] = []
    for meeting_id, _, _ in linked:
        for reform_id in rng.sample(ids, rng.randint(1, min(2, len(ids)))):
            links.append({"reform_id": reform_id, "meeting_id": meeting_id})
    w.write(ReformMeeting, links)
    write_reform_history(d, w, ids, rows, positions)
    return ids


# How each reform got where it is, and what stands in its way (the post-campaign playbook:
# political resistance, funding, legal constraints; compromise, pressure, research).
_OBSTACLES: dict[str, list[tuple[ObstacleKind, str, str | None, ObstacleStatus]]] = {
    "Grant appeals decided within 30 days": [
        (ObstacleKind.FUNDING, "Treasury says interim relief is unaffordable this year.",
         "Costing study with the university shows relief costs less than the backlog.",
         ObstacleStatus.BEING_ADDRESSED),
        (ObstacleKind.POLITICAL_RESISTANCE, "Committee chair wants to wait for the review.",
         "Survivor and claimant testimony at the public hearing; petition handed over.",
         ObstacleStatus.BEING_ADDRESSED)],
    "Community health worker stipends paid on time": [
        (ObstacleKind.LEGAL_CONSTRAINTS, "Workers are volunteers in law, not employees.",
         "Legal aid partner drafting a phased employment pathway as a compromise.",
         ObstacleStatus.OPEN)],
    "Indigent registration at clinics and SASSA offices": [
        (ObstacleKind.OTHER, "The billing system cannot take outside registrations.",
         "Municipal IT agreed to a paper form scanned in weekly.", ObstacleStatus.OVERCOME)],
    "Shelters for survivors of gender-based violence fully funded": [
        (ObstacleKind.FUNDING, "No ring-fenced line in the provincial budget.",
         "Op-eds and a joint letter from faith leaders before the budget vote.",
         ObstacleStatus.BEING_ADDRESSED)],
    "Mental health services at every district hospital": [
        (ObstacleKind.OTHER, "Too few registered psychologists in rural districts.",
         None, ObstacleStatus.OPEN)],
}
_NEXT = {
    ReformStage.IDEA: "Share the research brief with the portfolio committee",
    ReformStage.DRAFTED: "Comment on the draft before the deadline",
    ReformStage.TABLED: "Brief committee members before the first reading",
    ReformStage.IN_COMMITTEE: "Follow-up meeting with the committee chair",
    ReformStage.PASSED: "Check the implementation plan with the department",
}
_EARLIER = {PolicymakerPosition.CHAMPION: PolicymakerPosition.SUPPORTIVE,
            PolicymakerPosition.SUPPORTIVE: PolicymakerPosition.UNDECIDED,
            PolicymakerPosition.UNDECIDED: PolicymakerPosition.OPPOSED,
            PolicymakerPosition.OPPOSED: PolicymakerPosition.UNDECIDED}


def write_reform_history(d: Demo, w: Writer, ids: list[str], rows: list[Row],
                         positions: list[Row]) -> None:
    """Stage moves up to each reform's stage, positions that changed, obstacles, next
    actions (its own random stream, so the rest of the demo does not shift)."""
    rng = random.Random(d.today.toordinal() * 31 + len(ids))
    path = list(REFORM_PROGRESS)
    moves: list[Row] = []
    for reform_id, row in zip(ids, rows, strict=True):
        stage = ReformStage(row["stage"])
        steps = path[:path.index(stage) + 1]
        day = d.today - timedelta(days=rng.randint(180, 230))
        for step in steps:
            moves.append({"reform_id": reform_id, "stage": step.value, "moved_on": day,
                          "note": None if step is ReformStage.IDEA else one(rng, (
                              None, "After the coalition briefing.",
                              "Following the public hearing.", "Gazetted for comment."))})
            day += timedelta(days=rng.randint(20, 45))
    w.write(ReformMove, moves)
    changes: list[Row] = []
    for position in positions:
        noted: date = position["noted_on"]
        current = PolicymakerPosition(position["position"])
        if rng.random() < 0.4:
            changes.append({"reform_id": position["reform_id"],
                            "person_id": position["person_id"],
                            "position": _EARLIER[current].value,
                            "noted_on": noted - timedelta(days=rng.randint(20, 90)),
                            "note": "Before the briefing."})
        changes.append({"reform_id": position["reform_id"], "person_id": position["person_id"],
                        "position": current.value, "noted_on": noted,
                        "note": position.get("note")})
    w.write(ReformPositionChange, changes)
    obstacles: list[Row] = []
    for reform_id, row in zip(ids, rows, strict=True):
        for kind, text, response, status in _OBSTACLES.get(str(row["title"]), []):
            obstacles.append({"reform_id": reform_id, "kind": kind.value, "description": text,
                              "response": response, "status": status.value,
                              "noted_on": d.today - timedelta(days=rng.randint(30, 150))})
    w.write(ReformObstacle, obstacles)
    for reform_id, row in zip(ids, rows, strict=True):
        action = _NEXT.get(ReformStage(row["stage"]))
        if action and w.uow is not None:
            w.uow.update(Reform, reform_id, {
                "next_action": action,
                "next_action_due": d.today + timedelta(days=rng.randint(2, 40))})


def write_reform_links(d: Demo, w: Writer, reform_ids: list[str],
                       concerns: list[tuple[str, str]], media_ids: list[str]) -> None:
    """Concerns and media items linked to the reforms they bear on."""
    rng = random.Random(d.today.toordinal() * 37 + len(concerns))
    bears_on = {"funding": 0, "bureaucracy": 0, "access": 2, "staffing": 1, "policy_gap": 4,
                "safety": 3}
    links: list[Row] = []
    seen: set[str] = set()
    for concern_id, category in concerns:
        index = bears_on.get(category)
        if index is None or index >= len(reform_ids) or rng.random() > 0.3:
            continue
        row_id = link_id("reform_concern", reform_ids[index], concern_id)
        if row_id not in seen:
            seen.add(row_id)
            links.append({"reform_id": reform_ids[index], "concern_id": concern_id})
    w.write(ReformConcern, links, [link_id("reform_concern", r["reform_id"], r["concern_id"])
                                   for r in links])
    media_links = [{"reform_id": reform_ids[i % len(reform_ids)], "media_item_id": media_id}
                   for i, media_id in enumerate(media_ids) if rng.random() < 0.5]
    w.write(ReformMedia, media_links,
            [link_id("reform_media", r["reform_id"], r["media_item_id"]) for r in media_links])


def write_voices(d: Demo, w: Writer,
                  meetings: list[tuple[str, MeetingKind, datetime]],
                  reform_ids: list[str] | None = None) -> None:
    rng = d.rng
    concern_text = {
        ConcernCategory.FUNDING: "Our soup kitchen lost its provincial subsidy in March.",
        ConcernCategory.ACCESS: "The SASSA office is 40 km away and taxis cost R90 return.",
        ConcernCategory.STAFFING: "One nurse for the whole clinic on Fridays.",
        ConcernCategory.POLICY_GAP: "No grant covers caregivers of adults with "
                                    "disabilities.",
        ConcernCategory.BUREAUCRACY: "Appeal forms lost twice; told to start again.",
        ConcernCategory.AWARENESS: "People don't know they can appeal a rejected grant.",
        ConcernCategory.SAFETY: "Women queue in the dark from 04:00 outside the office.",
        ConcernCategory.OTHER: "Meetings clash with church on Sundays.",
    }
    forced = [(c, s) for c in ConcernCategory for s in ConcernStatus]
    n_concerns = max(len(forced), d.people // 250)
    concerns: list[Row] = []
    for index in range(n_concerns):
        category, status = (forced[index] if index < len(forced)
                            else (one(rng, list(ConcernCategory)),
                                  one(rng, list(ConcernStatus))))
        row: Row = {"category": category.value, "description": concern_text[category],
                    "status": status.value, "raised_on": d.day(220, 1)}
        if rng.random() < 0.6 and d.community_ids:
            row["raised_by_id"] = one(rng, d.community_ids)
        else:
            partner = one(rng, d.partners)
            row["raised_by_id"] = partner.id
            row["organisation_id"] = partner.org.id
        where = rng.random()
        if where < 0.4 and d.past_events:
            event = one(rng, d.past_events)
            row["event_id"] = event.id
            row["raised_on"] = event.starts_at.date()
        elif where < 0.6:
            meeting_id, _, starts_at = one(rng, meetings)
            row["meeting_id"] = meeting_id
            row["raised_on"] = starts_at.date()
        concerns.append(row)
    concern_ids = w.write(Concern, concerns)

    outlets = ("Daily Sun", "Sowetan", "City Press", "GroundUp", "Isolezwe",
               "Volksblad", "SABC News", "Jozi FM", "Umhlobo Wenene FM", "Lesedi FM",
               "Mail & Guardian", "Daily Maverick", "Kasi Voices Online")
    media_titles = {
        MediaKind.PRESS_RELEASE: "Coalition of {n} organisations demands faster grant appeals",
        MediaKind.OP_ED: "Why a 30-day grant appeal is not too much to ask",
        MediaKind.COVERAGE: "Hundreds march to Social Development offices",
        MediaKind.INTERVIEW: "Morning show: organisers on the clinic queues",
        MediaKind.SOCIAL_POST: "Thread: what the petition asks for, in 6 languages",
    }
    kinds = list(MediaKind)
    media: list[Row] = []
    for index in range(max(2 * len(kinds), d.people // 2500)):
        kind = kinds[index % len(kinds)]
        published = d.day(200, 1)
        media.append({
            "campaign_id": one(rng, d.campaigns)[0], "kind": kind.value,
            "title": media_titles[kind].format(n=max(12, len(d.orgs) // 10)),
            "outlet": None if kind == MediaKind.PRESS_RELEASE else one(rng, outlets),
            "published_on": published,
            "url": f"https://news.example.org/{published:%Y/%m}/story-{index + 1}",
            "reach": rng.randint(2, 400) * 500,
        })
    media_ids = w.write(MediaItem, media)
    if reform_ids:
        write_reform_links(d, w, reform_ids,
                           [(cid, str(row["category"]))
                            for cid, row in zip(concern_ids, concerns, strict=True)],
                           media_ids)

    story_titles = (
        ("Eight months waiting for a disability grant",
         "I applied in winter. Every visit they said the file was with head office..."),
        ("The clinic queue starts at four",
         "We leave home in the dark so we can be seen before the nurse goes home..."),
        ("How the advice office won my appeal",
         "The paralegal wrote the letter for me and came with me to the office..."),
        ("A grandmother raising five grandchildren",
         "The child support grant is all we have; when it stopped, we had nothing..."),
        ("From volunteer to organiser",
         "I came to the town hall to complain and left with a clipboard..."),
    )
    stories: list[Row] = []
    tellers = d.community_ids or [p.id for p in d.partners]
    for index in range(max(6, d.people // 1500)):
        title, body = story_titles[index % len(story_titles)]
        anonymised = index % 3 == 0
        stories.append({
            "person_id": one(rng, tellers), "campaign_id": d.campaigns[0][0],
            "title": title, "body": body, "consent_given": index % 5 != 4,
            "anonymised": anonymised, "collected_on": d.day(210, 1),
        })
    w.write(Story, stories)

