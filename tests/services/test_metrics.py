"""Every figure of the metrics service against a small coalition built by hand.

The data covers the edge cases a report must get right: an empty range, a person signed in
at two events, a commitment pledged in one phase and delivered in the next, a deleted person
(their records do not count) and an erased person (counted, never named).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import (
    Campaign,
    CampaignPhaseRecord,
    Commitment,
    Concern,
    Event,
    Interaction,
    MediaItem,
    Meeting,
    MeetingAttendee,
    Objective,
    Organisation,
    Person,
    Petition,
    Reform,
    ReformMove,
    Signature,
    SignIn,
    Story,
    Synced,
)
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.metrics import FIGURES, Metrics, Range, judge
from saypro_desktop.services.people import delete_person
from saypro_desktop.services.sync import erase_person
from saypro_desktop.services.unit_of_work import UnitOfWork

NOW = datetime(2026, 3, 15, 12, 0)
WHOLE = date(2026, 1, 1), date(2026, 3, 31)


@dataclass
class World:
    app: AppServices
    metrics: Metrics
    ids: dict[str, str]
    campaign: str
    phases: dict[str, str]


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(f"{day} {hour:02d}:00")


def d(day: str) -> date:
    return date.fromisoformat(day)


@pytest.fixture
def world(db: Database) -> Iterator[World]:
    ids: dict[str, str] = {}

    def add(key: str, model: type[Synced], **fields: Any) -> str:
        with UnitOfWork(db) as uow:
            ids[key] = uow.create(model, fields)
        return ids[key]

    cid = add("campaign", Campaign, name="Dignity", starts_on=d("2026-01-01"),
              ends_on=d("2026-03-31"))
    other = add("other", Campaign, name="Other", starts_on=d("2026-01-01"),
                ends_on=d("2026-12-31"))
    phases = {
        "pre": add("pre", CampaignPhaseRecord, campaign_id=cid, phase="pre_campaign",
                   starts_on=d("2026-01-01"), ends_on=d("2026-01-31")),
        "campaign": add("mid", CampaignPhaseRecord, campaign_id=cid, phase="campaign",
                        starts_on=d("2026-02-01"), ends_on=d("2026-02-28")),
        "post": add("post", CampaignPhaseRecord, campaign_id=cid, phase="post_campaign",
                    starts_on=d("2026-03-01"), ends_on=d("2026-03-31")),
    }
    org_a = add("A", Organisation, name="Advice Office", category="nonprofit",
                pipeline_stage="active_partner", province="Gauteng")
    org_b = add("B", Organisation, name="Church", category="faith_based",
                pipeline_stage="contacted", province="Limpopo")
    org_c = add("C", Organisation, name="Ward councillor", category="policymaker_local",
                pipeline_stage="committed")
    p1 = add("p1", Person, first_name="Lindiwe", organisation_id=org_a)
    p2 = add("p2", Person, first_name="Bongani", organisation_id=org_b)
    p3 = add("p3", Person, first_name="Zanele")
    gone = add("gone", Person, first_name="Deleted")
    erased = add("erased", Person, first_name="Sipho", last_name="Mahlangu")
    old = add("old", Person, first_name="Known before")

    out, inbound = "outbound", "inbound"
    add("i1", Interaction, person_id=p1, organisation_id=org_a, channel="email",
        direction=out, occurred_at=at("2026-01-05"))
    add("i2", Interaction, person_id=p1, organisation_id=org_a, channel="phone",
        direction=inbound, occurred_at=at("2026-01-20"))
    add("i3", Interaction, person_id=p2, channel="phone", direction=out,
        occurred_at=at("2026-01-10"), outcome="no_response")
    add("i4", Interaction, organisation_id=org_b, channel="email", direction=inbound,
        occurred_at=at("2026-03-01"))  # a reply, but 50 days later
    add("i5", Interaction, organisation_id=org_c, channel="letter", direction=out,
        occurred_at=at("2026-02-03"), outcome="interested")
    add("i6", Interaction, person_id=gone, channel="visit", direction=out,
        occurred_at=at("2026-01-07"))
    add("i7", Interaction, person_id=erased, channel="sms", direction=out,
        occurred_at=at("2026-01-08"))
    add("i8", Interaction, person_id=p1, organisation_id=org_a, channel="email",
        direction=out, occurred_at=at("2026-02-10"))
    add("i9", Interaction, person_id=old, channel="phone", direction=out,
        occurred_at=at("2025-12-01"), campaign_id=other)
    add("i10", Interaction, person_id=old, channel="phone", direction=inbound,
        occurred_at=at("2026-02-01"))

    add("m1", Meeting, kind="briefing", title="Briefing", starts_at=at("2026-02-05"),
        campaign_id=cid)
    add("m2", Meeting, kind="briefing", title="Follow-up", starts_at=at("2026-03-20"))
    add("m3", Meeting, kind="briefing", title="Deleted", starts_at=at("2026-02-06"))
    add("m4", Meeting, kind="briefing", title="Before", starts_at=at("2025-12-01"))
    add("m5", Meeting, kind="briefing", title="Other campaign", starts_at=at("2026-02-07"),
        campaign_id=other)
    add("ma1", MeetingAttendee, meeting_id=ids["m1"], person_id=p2)

    add("k1", Commitment, organisation_id=org_a, kind="volunteers", status="delivered",
        pledged_on=d("2026-01-20"), delivered_on=d("2026-02-15"))
    add("k2", Commitment, organisation_id=org_a, kind="data", status="pledged",
        pledged_on=d("2026-02-10"))
    add("k3", Commitment, organisation_id=org_c, kind="endorsement", status="delivered",
        pledged_on=d("2025-12-15"), delivered_on=d("2026-01-10"))
    add("k4", Commitment, person_id=gone, kind="funding", status="pledged",
        pledged_on=d("2026-02-11"))

    add("e1", Event, kind="town_hall", title="Town hall", starts_at=at("2026-02-12"))
    add("e2", Event, kind="rally", title="Rally", starts_at=at("2026-02-20"))
    add("e3", Event, kind="webinar", title="Webinar", starts_at=at("2026-03-25"))
    for name, event, person in (("s1", "e1", p3), ("s2", "e2", p3), ("s3", "e1", p1),
                                ("s4", "e1", gone), ("s5", "e2", erased), ("s6", "e3", p2)):
        add(name, SignIn, event_id=ids[event], person_id=person, signed_in_at=at("2026-02-12"))

    pet = add("pet", Petition, title="Fix the backlog", campaign_id=cid)
    pet2 = add("pet2", Petition, title="Other ask", campaign_id=other)
    add("g1", Signature, petition_id=pet, person_id=p3, signed_at=at("2026-02-12"))
    add("g2", Signature, petition_id=pet, person_id=erased, signed_at=at("2026-02-13"))
    add("g3", Signature, petition_id=pet, person_id=gone, signed_at=at("2026-02-14"))
    add("g4", Signature, petition_id=pet2, person_id=p1, signed_at=at("2026-02-15"))

    add("c1", Concern, category="funding", description="Subsidy cut", status="raised",
        raised_on=d("2026-02-12"))
    add("c2", Concern, category="funding", description="Late grants", status="resolved",
        raised_on=d("2026-02-12"))
    add("c3", Concern, category="access", description="Far office", status="in_progress",
        raised_on=d("2026-01-15"))
    add("c4", Concern, category="safety", description="Queues", status="raised",
        raised_on=d("2026-02-15"), raised_by_id=gone)
    add("c5", Concern, category="safety", description="Old", status="raised",
        raised_on=d("2025-11-01"))

    r1 = add("r1", Reform, title="Appeals in 30 days", level="national", stage="tabled",
             campaign_id=cid)
    add("r2", Reform, title="Clinic staffing", level="provincial", stage="committee",
        campaign_id=cid)  # a stage written by an older version, no moves
    r3 = add("r3", Reform, title="Shelter funding", level="provincial", stage="stalled")
    for name, reform, stage, day in (("mv1", r1, "idea", "2026-01-02"),
                                     ("mv2", r1, "drafted", "2026-02-01"),
                                     ("mv3", r1, "tabled", "2026-03-01"),
                                     ("mv4", r3, "tabled", "2026-01-05"),
                                     ("mv5", r3, "stalled", "2026-02-10")):
        add(name, ReformMove, reform_id=reform, stage=stage, moved_on=d(day))

    add("mi1", MediaItem, kind="press_release", title="Launch", published_on=d("2026-02-01"),
        reach=1000, campaign_id=cid)
    add("mi2", MediaItem, kind="op_ed", title="Why 30 days", published_on=d("2026-02-15"))
    add("mi3", MediaItem, kind="coverage", title="Deleted", published_on=d("2026-02-16"),
        reach=5000)
    add("mi4", MediaItem, kind="interview", title="Other", published_on=d("2026-02-17"),
        reach=300, campaign_id=other)
    add("st1", Story, title="Eight months", consent_given=True, person_id=p3,
        collected_on=d("2026-02-12"))
    add("st2", Story, title="No consent", consent_given=False, collected_on=d("2026-02-12"))

    add("o1", Objective, campaign_id=cid, title="Hold two meetings", metric="meetings_held",
        target_value=2.0, due_on=d("2026-03-31"))
    add("o2", Objective, campaign_id=cid, title="Two pledges", metric="commitments_pledged",
        target_value=2.0, due_on=d("2026-03-31"))
    add("o3", Objective, campaign_id=cid, phase="campaign", title="Five events",
        metric="events_held", target_value=5.0, due_on=d("2026-02-28"))

    for name in ("m3", "mi3"):
        model = Meeting if name == "m3" else MediaItem
        with UnitOfWork(db) as uow:
            uow.delete(model, ids[name])
    delete_person(db, gone)
    erase_person(db, erased)
    app = AppServices(db)
    metrics = Metrics(db, now=lambda: NOW)
    yield World(app, metrics, ids, cid, phases)


def test_every_figure_over_the_campaign(world: World) -> None:
    snap = world.metrics.snapshot(world.metrics.range_for(world.campaign))
    v = snap.values
    assert v["contacts_reached"] == 3  # Lindiwe (twice), Bongani, the erased person
    assert v["organisations_contacted"] == 3
    assert v["response_rate"] == pytest.approx(2 / 3)  # the church replied after 50 days
    assert {s.key: (s.value, s.of) for s in snap.response_by_channel} == {
        "email": (1, 1), "phone": (0, 1), "letter": (1, 1)}
    assert {s.key: (s.value, s.of) for s in snap.response_by_category} == {
        "nonprofit": (1, 1), "faith_based": (0, 1), "policymaker_local": (1, 1)}
    assert v["meetings_scheduled"] == 2  # not the deleted one, nor the other campaign's
    assert v["meetings_held"] == 1  # the follow-up on 20 March is still to come
    assert v["commitments_pledged"] == 2  # k4 was pledged by a deleted person
    assert v["commitments_delivered"] == 2
    assert v["events_held"] == 2
    assert v["attendance"] == 4  # Zanele twice, Lindiwe, the erased person; not the deleted
    assert v["unique_attendees"] == 3
    assert v["new_people"] == 4  # Lindiwe, Bongani, Zanele, erased; not "Known before"
    assert v["petition_signatures"] == 2  # not the deleted person's, not the other petition
    assert (v["concerns_open"], v["concerns_addressed"]) == (2, 1)
    assert {s.key: (s.value, s.of) for s in snap.concerns_by_category} == {
        "funding": (1, 2), "access": (1, 1)}
    assert v["reforms_advanced"] == 1
    # a reform of no campaign counts for every campaign, like every other record
    assert {s.key: s.value for s in snap.reforms_by_stage} == {
        "tabled": 1, "in_committee": 1, "stalled": 1}
    assert (v["media_items"], v["media_reach"]) == (2, 1000)
    assert v["stories_collected"] == 1
    assert v["partners_engaged"] == 2  # the advice office and the councillor
    engaged = {e.name: (e.score, e.level) for e in snap.engagement}
    assert engaged == {"Advice Office": (6, "high"), "Ward councillor": (1, "low")}
    assert set(FIGURES) <= set(v) | {"reforms_by_stage"}


def test_without_a_campaign_every_campaign_counts(world: World) -> None:
    v = world.metrics.snapshot(Range(*WHOLE)).values
    assert v["meetings_scheduled"] == 3
    assert v["petition_signatures"] == 3
    assert v["media_reach"] == 1300
    stages = {s.key: s.value for s in world.metrics.snapshot(Range(*WHOLE)).reforms_by_stage}
    assert stages == {"tabled": 1, "in_committee": 1, "stalled": 1}


def test_a_commitment_pledged_in_one_phase_and_delivered_in_the_next(world: World) -> None:
    pre = world.metrics.snapshot(world.metrics.range_for(world.campaign, world.phases["pre"]))
    mid = world.metrics.snapshot(world.metrics.range_for(world.campaign,
                                                         world.phases["campaign"]))
    assert (pre.values["commitments_pledged"], pre.values["commitments_delivered"]) == (1, 1)
    assert (mid.values["commitments_pledged"], mid.values["commitments_delivered"]) == (1, 1)
    assert world.metrics.records("commitments_delivered", mid.range).ids == (
        world.ids["k1"],)
    assert world.metrics.records("commitments_delivered", pre.range).ids == (
        world.ids["k3"],)


def test_new_people_and_stages_depend_on_where_the_range_starts_and_ends(world: World) -> None:
    feb = world.metrics.snapshot(Range(date(2026, 2, 1), date(2026, 2, 28)))
    assert feb.values["new_people"] == 1  # Zanele; the others were met in January
    assert world.metrics.records("new_people", feb.range).ids == (world.ids["p3"],)
    jan = world.metrics.snapshot(Range(date(2026, 1, 1), date(2026, 1, 31)))
    assert {s.key: s.value for s in jan.reforms_by_stage} == {
        "idea": 1, "tabled": 1, "in_committee": 1}
    assert jan.values["reforms_advanced"] == 0


def test_an_empty_range_is_all_zeros(world: World) -> None:
    snap = world.metrics.snapshot(Range(date(2027, 1, 1), date(2027, 1, 31)))
    assert snap.values and all(v == 0 for v in snap.values.values())
    assert snap.response_by_channel == [] and snap.concerns_by_category == []
    assert all(e.level == "none" for e in snap.engagement)


def test_objectives_are_judged_from_the_pace(world: World) -> None:
    progress = {o.title: o for o in world.metrics.objectives(world.campaign)}
    meetings = progress["Hold two meetings"]
    assert (meetings.actual, meetings.status) == (1, "at_risk")  # 1.6 due by 15 March
    assert meetings.expected == pytest.approx(2 * 73 / 89)
    assert progress["Two pledges"].status == "met"
    events = progress["Five events"]
    assert (events.starts_on, events.actual, events.status) == (date(2026, 2, 1), 2, "missed")


def test_pace_rules() -> None:
    start, end = date(2026, 1, 1), date(2026, 1, 11)
    assert judge(10, 5, start, end, date(2026, 1, 6)) == (5, "on_track")
    assert judge(10, 4, start, end, date(2026, 1, 6)) == (5, "at_risk")
    assert judge(10, 9, start, end, date(2026, 1, 12))[1] == "missed"
    assert judge(10, 10, start, end, date(2026, 1, 12))[1] == "met"
    assert judge(0.4, 0.3, start, end, date(2026, 1, 2), ratio=True)[1] == "at_risk"


def test_records_behind_figures_are_the_rows_counted(world: World) -> None:
    rng = world.metrics.range_for(world.campaign)
    ids = world.ids
    assert set(world.metrics.records("contacts_reached", rng).ids) == {
        ids["p1"], ids["p2"], ids["erased"]}
    assert world.metrics.records("meetings_held", rng).ids == (ids["m1"],)
    assert set(world.metrics.records("attendance", rng).ids) == {
        ids["s1"], ids["s2"], ids["s3"], ids["s5"]}
    assert world.metrics.records("response_rate", rng, "channel:phone").ids == (ids["B"],)
    assert set(world.metrics.records("response_rate", rng).ids) == {ids["A"], ids["C"]}
    assert world.metrics.records("concerns_open", rng, "category:access").ids == (ids["c3"],)
    assert world.metrics.records("reforms_by_stage", rng, "stage:in_committee").ids == (
        ids["r2"],)
    assert world.metrics.records("partners_engaged", rng, "level:low").ids == (ids["C"],)
    request = world.metrics.records("meetings_held", rng)
    assert request.title == "Meetings held, 1 Jan 2026 – 31 Mar 2026"
    assert (request.table, request.page) == ("meetings", "Meetings")


def test_coalition_diversity_shows_gaps(world: World) -> None:
    div = world.metrics.diversity()
    assert div.partners == 2
    cats = {s.key: s.value for s in div.by_category}
    assert cats["nonprofit"] == 1 and cats["policymaker_local"] == 1 and cats["faith_based"] == 0
    assert {s.key: s.value for s in div.by_level} == {"civil_society": 1, "local": 1}
    assert {s.label: s.value for s in div.by_region} == {"Gauteng": 1,
                                                         "Province not recorded": 1}


def test_targets_come_from_the_objectives(world: World) -> None:
    snap = world.metrics.snapshot(world.metrics.range_for(world.campaign))
    assert {k: t.value for k, t in snap.targets.items()} == {
        "meetings_held": 2, "commitments_pledged": 2, "events_held": 5}
    assert [o["status"] for o in snap.as_json()["objectives"]] == ["missed", "at_risk", "met"]


def test_records_name_nobody_who_was_erased(world: World) -> None:
    from saypro_desktop.services.metrics.records import describe

    request = world.metrics.records("attendance", world.metrics.range_for(world.campaign))
    rows = describe(world.app.db, request.table, request.ids)
    assert rows.headings == ("Person", "Event", "Event date")
    people = sorted(r[0] for r in rows.rows)
    assert people == ["Erased person", "Lindiwe", "Zanele", "Zanele"]
    assert not any("Sipho" in cell or "Mahlangu" in cell for r in rows.rows for cell in r)
