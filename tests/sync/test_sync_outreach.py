"""Outreach, meetings, action items, commitments and stage moves made on two laptops
converge at the office (and back) through real bundle files."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from saypro_desktop.services import people
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.organisations import add_organisation
from saypro_desktop.services.outreach import InteractionInput
from saypro_desktop.services.outreach_tasks import ACTION_ITEM
from saypro_desktop.services.sync import canonical_dump
from tests.sync.test_sync_files import Coalition, coalition  # noqa: F401

WHEN = datetime(2026, 3, 2, 10, 0)


def test_outreach_records_from_two_laptops_converge(coalition: Coalition) -> None:  # noqa: F811
    c = coalition
    org = add_organisation(c.one, {"name": "Tembisa Youth Forum", "pipeline_stage": "contacted"})
    contact = people.add_person(c.one, {"first_name": "Lerato", "organisation_id": org})
    c.round()
    one, two, office = AppServices(c.one), AppServices(c.two), AppServices(c.office)

    # Laptop 1: a call with a follow-up, and the partner commits.
    one.outreach.log_interaction(InteractionInput(
        type="phone", occurred_at=WHEN, person_id=contact, summary="Call about the forum",
        outcome="committed", follow_up_on=date(2026, 3, 9)), now=WHEN + timedelta(hours=1))
    one.outreach.move_stage(org, "committed")
    one.commitments.add({"organisation_id": org, "kind": "volunteers", "amount": 8})
    # Laptop 2, not having seen that: a meeting with two action items.
    meeting = two.meetings.add_meeting({"title": "Forum planning", "starts_at": WHEN},
                                       organisation_ids=[org], attendee_ids=[contact])
    first = two.meetings.add_action({"meeting_id": meeting, "description": "Book the hall",
                                     "due_on": date(2026, 3, 5)})
    two.meetings.add_action({"meeting_id": meeting, "description": "Print posters",
                             "owner_id": contact, "organisation_id": org})
    c.round()
    c.round()
    # Then the office closes one action item; the laptops learn of it.
    office.outreach.complete(ACTION_ITEM, first)
    c.round()

    assert canonical_dump(c.office) == canonical_dump(c.one) == canonical_dump(c.two)
    for app in (one, two, office):
        plan = app.meetings.action_plan(org, now=WHEN - timedelta(days=1))
        assert plan.stage == "committed"
        assert sorted((a.description, a.status) for a in plan.actions) == [
            ("Book the hall", "done"), ("Print posters", "open")]
        assert [(k.kind, k.amount) for k in plan.commitments] == [("volunteers", 8.0)]
        assert plan.next_meeting is not None and plan.next_meeting.id == meeting
        [call] = app.outreach.interactions(organisation_id=org)
        assert call.outcome == "committed"
        assert [f.what for f in app.outreach.follow_ups()] == ["Follow up: Call about the forum"]
