"""Demo outreach: letters, calls and visits to partners and community members, and follow-ups."""

from __future__ import annotations

import random
from datetime import date, timedelta

from saypro_desktop.db.models import (
    Consent,
    FollowUp,
    Interaction,
)
from saypro_desktop.domain.enums import (
    Channel,
    ConsentChannel,
    ConsentStatus,
    Direction,
    Outcome,
    PipelineStage,
    TaskStatus,
)
from saypro_desktop.domain.outreach import InteractionOutcome
from saypro_desktop.services.demo.base import (
    Row,
    Writer,
    one,
)
from saypro_desktop.services.demo.state import Demo, Partner
from saypro_desktop.services.demo.words import (
    load,
    strings,
)

PS = PipelineStage

_WORDS = "outreach"
STAGE_INTERACTIONS: dict[PS, tuple[int, int]] = {
    PS.IDENTIFIED: (0, 0), PS.CONTACTED: (1, 2), PS.RESPONDED: (2, 3),
    PS.MEETING_SCHEDULED: (2, 3), PS.COMMITTED: (3, 4), PS.ACTIVE_PARTNER: (3, 5),
    PS.DECLINED: (1, 2), PS.DORMANT: (1, 2),
}
STAGE_OUTCOME: dict[PS, tuple[Outcome, ...]] = {
    PS.IDENTIFIED: (Outcome.NO_RESPONSE,),
    PS.CONTACTED: (Outcome.NO_RESPONSE, Outcome.FOLLOW_UP_NEEDED),
    PS.RESPONDED: (Outcome.RESPONDED, Outcome.INTERESTED, Outcome.FOLLOW_UP_NEEDED),
    PS.MEETING_SCHEDULED: (Outcome.MEETING_AGREED,),
    PS.COMMITTED: (Outcome.COMMITTED,),
    PS.ACTIVE_PARTNER: (Outcome.COMMITTED, Outcome.RESPONDED),
    PS.DECLINED: (Outcome.DECLINED,),
    PS.DORMANT: (Outcome.NO_RESPONSE,),
}
# (channels, direction, subjects) for the n-th contact with a partner
OUTREACH_STEPS: tuple[tuple[tuple[Channel, ...], Direction, tuple[str, ...]], ...] = tuple(
    (tuple(Channel(c) for c in step["channels"]), Direction(step["direction"]),
     tuple(step["subjects"]))
    for step in load(_WORDS)["steps"]
)
COMMUNITY_CONTACT: tuple[tuple[Channel, str], ...] = tuple(
    (Channel(channel), subject) for channel, subject in load(_WORDS)["community_contact"]
)
CHANNEL_SUBJECTS: dict[Channel, str] = {
    Channel(channel): subject for channel, subject in load(_WORDS)["channel_subjects"].items()
}
INTERACTION_NOTES = strings(_WORDS, "interaction_notes")
FOLLOW_UP_TEXT = strings(_WORDS, "follow_up_text")


# The form's outcomes for the older words (a call that was not answered may have left one).
_CURRENT_OUTCOME = {
    Outcome.FOLLOW_UP_NEEDED.value: (InteractionOutcome.NEEDS_INFORMATION,),
    Outcome.MEETING_AGREED.value: (InteractionOutcome.INTERESTED,),
    Outcome.RESPONDED.value: (InteractionOutcome.INTERESTED, InteractionOutcome.NEEDS_INFORMATION),
}


def _our_side(d: Demo, interactions: list[Row], follow_ups: list[Row],
              follow_up_of: list[int]) -> None:
    """Who on our side made each contact, who follows up, and outcomes in today's words.

    Drawn from a stream of its own, so the rest of the demo stays exactly as it was.
    """
    rng = random.Random(f"outreach-our-side-{d.today.isoformat()}-{len(interactions)}")
    staff = d.orgs[0].contacts if d.orgs else []
    for row in interactions:
        if staff and row["direction"] == Direction.OUTBOUND.value:
            row["our_person_id"] = rng.choice(staff)
        outcome = row.get("outcome")
        if outcome in _CURRENT_OUTCOME:
            row["outcome"] = rng.choice(_CURRENT_OUTCOME[outcome]).value
        elif outcome == Outcome.NO_RESPONSE.value and row["channel"] == Channel.PHONE.value \
                and rng.random() < 0.5:
            row["outcome"] = InteractionOutcome.LEFT_MESSAGE.value
    for task, index in zip(follow_ups, follow_up_of, strict=True):
        task["assigned_to_id"] = interactions[index].get("our_person_id") or (
            rng.choice(staff) if staff else None)


def _recent(d: Demo, interactions: list[Row], follow_ups: list[Row],
            follow_up_of: list[int]) -> None:
    """An organiser's week, not a closed archive: about half the partners still waiting on a
    follow-up were last contacted in the past fortnight (their whole history moves forward
    together), so Today shows a few follow-ups overdue, some due today and more coming up;
    old ones still open are rare.

    Drawn from a stream of its own, so the rest of the demo stays exactly as it was.
    """
    rng = random.Random(f"outreach-recent-{d.today.isoformat()}-{len(interactions)}")
    rows_of: dict[str, list[Row]] = {}
    for row in interactions:
        if row.get("organisation_id"):
            rows_of.setdefault(row["organisation_id"], []).append(row)
    tasks_of: dict[str, list[Row]] = {}
    for task, index in zip(follow_ups, follow_up_of, strict=True):
        org = interactions[index].get("organisation_id")
        if org:
            tasks_of.setdefault(org, []).append(task)
    for org, tasks in tasks_of.items():
        rows = rows_of.get(org, [])
        if not rows or rng.random() >= 0.5:
            continue
        last = max(row["occurred_at"] for row in rows)
        shift = d.today - timedelta(days=rng.randint(2, 16)) - last.date()
        if shift.days <= 0:
            continue
        for row in rows:
            row["occurred_at"] += shift
            if row.get("follow_up_due"):
                row["follow_up_due"] += shift
        for task in tasks:
            task["due_on"] += shift
            overdue = task["due_on"] < d.today
            task["status"] = (one(rng, (TaskStatus.OPEN, TaskStatus.IN_PROGRESS)) if overdue
                              else TaskStatus.OPEN).value
            task["done_at"] = None
    for task in follow_ups:
        if task["status"] in (TaskStatus.OPEN.value, TaskStatus.IN_PROGRESS.value) \
                and task["due_on"] < d.today - timedelta(days=30) and rng.random() < 0.9:
            task["status"] = TaskStatus.DONE.value
            task["done_at"] = d.moment(task["due_on"] + timedelta(days=rng.randint(0, 3)))


def _partner_consents(d: Demo, partners: list[Partner], interactions: list[Row]) -> list[Row]:
    """Partner contacts agree to email as the relationship starts (a reply, a business card
    at a forum); most of those never contacted have not agreed yet."""
    rng = random.Random(f"outreach-consent-{d.today.isoformat()}-{len(partners)}")
    first_contact: dict[str, object] = {}
    for row in interactions:
        person = row.get("person_id")
        if person and person not in first_contact:
            first_contact[person] = row["occurred_at"]
    rows: list[Row] = []
    for partner in partners:
        contacted = partner.id in first_contact
        if rng.random() >= (0.75 if contacted else 0.3):
            continue
        rows.append({
            "person_id": partner.id, "channel": ConsentChannel.EMAIL.value,
            "status": ConsentStatus.GIVEN.value,
            "recorded_at": first_contact.get(partner.id) or d.moment(d.day(200, 30)),
            "source": "reply to our email" if contacted else "business card at a forum",
            "wording": "Agreed that SayPro may email them about the coalition.",
        })
    return rows


def write_outreach(d: Demo, w: Writer, partners: list[Partner], community: list[str],
                    rows: list[Row], ids: list[str]) -> None:
    rng = d.rng
    interactions: list[Row] = []
    follow_up_of: list[int] = []  # index into interactions of each follow-up
    follow_ups: list[Row] = []
    main_campaign = d.campaigns[0]
    first_by_id = {pid: row["first_name"] for pid, row in zip(ids, rows, strict=True)}

    def follow_up(person_id: str, org_id: str | None, interaction: int, due: date,
                  name: str) -> None:
        if due < d.today - timedelta(days=20):
            status = one(rng, (TaskStatus.DONE, TaskStatus.DONE, TaskStatus.DONE,
                                TaskStatus.CANCELLED, TaskStatus.OPEN))
        elif due < d.today:
            status = one(rng, (TaskStatus.OPEN, TaskStatus.OPEN, TaskStatus.IN_PROGRESS,
                                TaskStatus.DONE))
        else:
            status = one(rng, (TaskStatus.OPEN, TaskStatus.OPEN, TaskStatus.IN_PROGRESS))
        follow_ups.append({
            "person_id": person_id, "organisation_id": org_id,
            "description": one(rng, FOLLOW_UP_TEXT).format(name=name),
            "due_on": due, "status": status.value,
            "done_at": d.moment(due - timedelta(days=rng.randint(0, 3)))
            if status == TaskStatus.DONE else None,
        })
        follow_up_of.append(interaction)

    for partner in partners:
        org = partner.org
        low, high = STAGE_INTERACTIONS[org.stage]
        count = rng.randint(low, high)
        if count == 0:
            continue
        campaign = d.campaigns[0] if rng.random() < 0.8 else one(rng, d.campaigns)
        day = d.today - timedelta(days=rng.randint(30 + 15 * count, 240))
        for step in range(count):
            channels, direction, subjects = OUTREACH_STEPS[min(step, len(OUTREACH_STEPS) - 1)]
            last = step == count - 1
            outcome = (one(rng, STAGE_OUTCOME[org.stage]) if last
                       else (Outcome.RESPONDED if direction == Direction.INBOUND
                             else one(rng, (Outcome.NO_RESPONSE, Outcome.RESPONDED,
                                             Outcome.INTERESTED))))
            occurred = d.moment(day)
            row: Row = {
                "person_id": partner.id, "organisation_id": org.id,
                "campaign_id": campaign[0], "channel": one(rng, channels).value,
                "direction": direction.value, "occurred_at": occurred,
                "subject": one(rng, subjects).format(campaign=campaign[1]),
                "outcome": outcome.value,
            }
            if rng.random() < 0.15:
                row["notes"] = one(rng, INTERACTION_NOTES)
            if last and outcome in (Outcome.NO_RESPONSE, Outcome.FOLLOW_UP_NEEDED,
                                    Outcome.INTERESTED, Outcome.MEETING_AGREED):
                due = day + timedelta(days=rng.randint(5, 21))
                row["follow_up_due"] = due
                follow_up(partner.id, org.id, len(interactions), due, partner.first)
            interactions.append(row)
            day = min(d.today, day + timedelta(days=rng.randint(4, 25)))
    for person_id in community:
        if rng.random() >= 0.05:
            continue
        channel, subject = one(rng, COMMUNITY_CONTACT)
        day = d.day(235, 1)
        inbound = channel in (Channel.SMS, Channel.WHATSAPP) and rng.random() < 0.2
        outcome = one(rng, (Outcome.RESPONDED, Outcome.NO_RESPONSE, Outcome.INTERESTED,
                             Outcome.FOLLOW_UP_NEEDED, Outcome.DECLINED))
        row = {
            "person_id": person_id, "campaign_id": main_campaign[0],
            "channel": channel.value,
            "direction": (Direction.INBOUND if inbound else Direction.OUTBOUND).value,
            "occurred_at": d.moment(day), "subject": subject, "outcome": outcome.value,
        }
        if outcome == Outcome.FOLLOW_UP_NEEDED:
            due = day + timedelta(days=rng.randint(3, 14))
            row["follow_up_due"] = due
            follow_up(person_id, None, len(interactions), due, first_by_id[person_id])
        interactions.append(row)
    # Small demos still show every channel at least once.
    used = {row["channel"] for row in interactions}
    spare = [row for row in interactions if row.get("organisation_id")]
    for channel in Channel:
        if channel.value not in used and spare:
            row = spare.pop(int(rng.random() * len(spare)))
            row["channel"] = channel.value
            row["subject"] = CHANNEL_SUBJECTS[channel]
    _our_side(d, interactions, follow_ups, follow_up_of)
    _recent(d, interactions, follow_ups, follow_up_of)
    w.write(Consent, _partner_consents(d, partners, interactions))
    interaction_ids = w.write(Interaction, interactions)
    for task, interaction in zip(follow_ups, follow_up_of, strict=True):
        task["interaction_id"] = interaction_ids[interaction]
    w.write(FollowUp, follow_ups)

