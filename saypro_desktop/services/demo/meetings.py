"""Demo meetings: who attended, what was decided, and the action items that came out."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from saypro_desktop.db.models import (
    ActionItem,
    Meeting,
    MeetingAttendee,
    MeetingOrganisation,
)
from saypro_desktop.domain.enums import (
    MeetingKind,
    TaskStatus,
)
from saypro_desktop.domain.ids import link_id, new_id
from saypro_desktop.services.demo.base import (
    Row,
    Writer,
    at_time,
    one,
)
from saypro_desktop.services.demo.organisations import POLICY_CATEGORIES, RESOURCES
from saypro_desktop.services.demo.state import Demo


def write_meetings(d: Demo, w: Writer) -> list[tuple[str, MeetingKind, datetime]]:
    rng = d.rng
    kinds = list(MeetingKind)
    n_meetings = max(3 * len(kinds), d.people // 300)
    agendas = {
        MeetingKind.INTRODUCTORY: ("Introductions", "Who SayPro is and the campaign goals",
                                   "Where our missions overlap", "Next steps"),
        MeetingKind.BRIEFING: ("The evidence: waiting times and appeals",
                               "The reform proposals", "Questions"),
        MeetingKind.STRATEGY_SESSION: ("Review of outreach so far", "Campaign phase plan",
                                       "Roles and resources per partner", "Risks"),
        MeetingKind.STEERING_COMMITTEE: ("Minutes of the previous meeting",
                                         "Working group reports", "Budget",
                                         "Decisions needed"),
        MeetingKind.WORKING_GROUP: ("Progress on action items", "Event logistics",
                                    "Media plan"),
        MeetingKind.POLICYMAKER_FOLLOW_UP: ("Progress since the last meeting",
                                            "Remaining gaps in the proposal",
                                            "Public support (petition, town halls)",
                                            "Agreed next steps"),
    }
    decisions = (
        "Coalition to hold a joint town hall before the hearing.",
        "Partners will share anonymised case data by the end of the month.",
        "Steering committee approves the petition wording (v2).",
        "Send a joint letter to the portfolio committee chair.",
        "Move the next rally to a Saturday so workers can attend.",
    )
    notes = (
        "Good turnout; partners agreed the action plan with owners and dates.",
        "Officials acknowledged the backlog but cited staffing shortages.",
        "Discussion on transport costs for volunteers; funding partner to advise.",
        "Councillor asked for ward-level numbers before committing.",
    )
    action_texts = (
        "Draft the joint letter to the portfolio committee",
        "Book the hall and confirm interpreters", "Share anonymised appeal data",
        "Prepare the one-page brief for officials", "Recruit marshals for the march",
        "Update the coalition contact list", "Arrange transport from the taxi rank",
        "Send minutes and decisions to all partners",
    )
    rows: list[Row] = []
    ids = [new_id() for _ in range(n_meetings)]
    attendees: list[Row] = []
    attendee_ids: list[str] = []
    actions: list[Row] = []
    result: list[tuple[str, MeetingKind, datetime]] = []
    org_links: list[tuple[str, list[str]]] = []
    for index in range(n_meetings):
        kind = kinds[index % len(kinds)] if index < 2 * len(kinds) else one(rng, kinds)
        upcoming = index % 5 == 4  # the diary's next fortnight has a few meetings in it
        day = (d.today + timedelta(days=rng.randint(1, 13)) if upcoming
               else d.day(230, 1))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        starts_at = at_time(day, rng.choice((9, 10, 11, 14, 15)), rng.choice((0, 30)))
        if kind == MeetingKind.POLICYMAKER_FOLLOW_UP:
            people = d.partner_pick(rng.randint(1, 3), POLICY_CATEGORIES)
            title = f"Follow-up with {people[0].org.name}"
        elif kind == MeetingKind.INTRODUCTORY:
            people = d.partner_pick(rng.randint(1, 2))
            title = f"Introductory meeting: {people[0].org.name}"
        else:
            people = d.partner_pick(rng.randint(3, 9))
            title = {MeetingKind.BRIEFING: "Partner briefing on the reform proposals",
                     MeetingKind.STRATEGY_SESSION: "Coalition strategy session",
                     MeetingKind.STEERING_COMMITTEE: "Steering committee",
                     MeetingKind.WORKING_GROUP: "Working group meeting"}[kind]
            title = f"{title} ({starts_at:%d %b})"
        organiser = d.orgs[0].contacts[0] if d.orgs[0].contacts else None
        row: Row = {
            "campaign_id": d.campaigns[0][0], "kind": kind.value, "title": title,
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(minutes=rng.choice((45, 60, 90, 120))),
            "location": one(rng, ("Online (Microsoft Teams)",
                                   f"{people[0].org.name} offices, {people[0].org.place.name}",
                                   "SayPro offices, Johannesburg",
                                   f"{people[0].org.place.name} Community Hall")),
            "agenda": "\n".join(f"{n}. {item}"
                                for n, item in enumerate(agendas[kind], start=1)),
        }
        if not upcoming:
            row["notes"] = one(rng, notes)
            row["decisions"] = one(rng, decisions)
        rows.append(row)
        meeting_id = ids[index]
        result.append((meeting_id, kind, starts_at))
        present = [p.id for p in people]
        org_ids = list(dict.fromkeys(p.org.id for p in people if p.org is not d.orgs[0]))
        org_links.append((meeting_id, org_ids))
        for org_id in org_ids:
            d.meetings_by_org.setdefault(org_id, []).append((meeting_id, kind, starts_at))
        if organiser is not None and organiser not in present:
            present.append(organiser)
        for person_id in present:
            attendees.append({"meeting_id": meeting_id, "person_id": person_id,
                              "attended": upcoming or rng.random() < 0.9})
            attendee_ids.append(link_id("meeting_attendee", meeting_id, person_id))
        if upcoming:
            continue
        for _ in range(rng.randint(1, 3)):
            owner = one(rng, people)
            due = day + timedelta(days=rng.randint(5, 30))
            status = (one(rng, (TaskStatus.DONE, TaskStatus.DONE, TaskStatus.CANCELLED,
                                 TaskStatus.OPEN))
                      if due < d.today - timedelta(days=14)
                      else one(rng, (TaskStatus.OPEN, TaskStatus.IN_PROGRESS,
                                      TaskStatus.DONE)))
            actions.append({
                "meeting_id": meeting_id, "owner_id": owner.id,
                "organisation_id": owner.org.id, "description": one(rng, action_texts),
                "due_on": due, "status": status.value,
                "resources": one(rng, RESOURCES) if rng.random() < 0.4 else None,
            })
    w.write(Meeting, rows, ids)
    w.write(MeetingAttendee, attendees, attendee_ids)
    _ours_and_theirs(d, actions)
    w.write(ActionItem, actions)
    links = [{"meeting_id": meeting_id, "organisation_id": org_id}
             for meeting_id, org_ids in org_links for org_id in org_ids]
    w.write(MeetingOrganisation, links,
            [link_id("meeting_organisation", r["meeting_id"], r["organisation_id"])
             for r in links])
    return result


def _ours_and_theirs(d: Demo, actions: list[Row]) -> None:
    """Some action items are ours (the organiser's), so Today has work in it.

    A stream of its own keeps the rest of the demo as it was.
    """
    rng = random.Random(f"meetings-ours-{d.today.isoformat()}-{len(actions)}")
    staff = d.orgs[0].contacts if d.orgs else []
    if not staff:
        return
    for action in actions:
        if rng.random() < 0.3:
            action["owner_id"] = rng.choice(staff)
            action["organisation_id"] = d.orgs[0].id

