"""Outreach, follow-ups and the Today view, as an organiser uses them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from saypro_desktop.db.models import Consent
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.services import people
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.organisations import add_organisation
from saypro_desktop.services.outreach import InteractionInput
from saypro_desktop.services.outreach_tasks import ACTION_ITEM, FOLLOW_UP
from saypro_desktop.services.unit_of_work import UnitOfWork

NOW = datetime(2026, 3, 10, 11, 0)
TODAY = NOW.date()


def give_consent(app: AppServices, person_id: str, channel: str = "email",
                 status: str = "given", when: datetime = NOW) -> None:
    with UnitOfWork(app.db) as uow:
        uow.create(Consent, {"person_id": person_id, "channel": channel, "status": status,
                             "recorded_at": when, "source": "desk", "wording": "v2"})


@pytest.fixture
def world(app_services: AppServices) -> dict[str, str]:
    app = app_services
    ours = add_organisation(app.db, {"name": "SayPro", "email": "info@saypro.example"})
    org = add_organisation(app.db, {"name": "Soweto Housing Forum", "category": "advocacy_group",
                                    "pipeline_stage": "contacted", "focus_areas": "housing"})
    coordinator = people.add_person(app.db, {"first_name": "Naledi", "last_name": "Dube",
                                             "email": "naledi@saypro.example",
                                             "organisation_id": ours})
    colleague = people.add_person(app.db, {"first_name": "Pieter", "last_name": "Botha",
                                           "organisation_id": ours})
    contact = people.add_person(app.db, {"first_name": "Thabo", "last_name": "Mokoena",
                                         "email": "thabo@shf.example", "organisation_id": org})
    app.coalition.set_profile(name="Dignity Coalition", our_organisation_id=ours,
                              coordinator_id=coordinator)
    return {"ours": ours, "org": org, "coordinator": coordinator, "colleague": colleague,
            "contact": contact}


def test_a_call_with_a_follow_up_shows_on_today_when_due(
    app_services: AppServices, world: dict[str, str]
) -> None:
    app = app_services
    logged = app.outreach.log_interaction(InteractionInput(
        type="phone", occurred_at=NOW - timedelta(hours=2), person_id=world["contact"],
        our_person_id=world["coordinator"], summary="Introduced the campaign",
        outcome="needs_information", follow_up_on=TODAY + timedelta(days=3)), now=NOW)
    assert not logged.planned
    assert logged.organisation_id == world["org"]  # taken from the person's organisation
    assert app.outreach.today(now=NOW).follow_ups == []
    assert app.outreach.due_count(on=TODAY) == 0
    later = NOW + timedelta(days=5)
    view = app.outreach.today(now=later)
    [task] = view.follow_ups
    assert task.what == "Follow up: Introduced the campaign"
    assert task.overdue and task.assigned_to == "Naledi Dube"
    assert task.who == "Thabo Mokoena (Soweto Housing Forum)"
    assert app.outreach.due_count(on=later.date()) == 1
    [row] = app.outreach.interactions(organisation_id=world["org"], now=NOW)
    assert (row.type_label, row.outcome_label, row.our_person) == (
        "Phone call", "Needs information", "Naledi Dube")


def test_the_date_decides_planned_or_happened(
    app_services: AppServices, world: dict[str, str]
) -> None:
    app = app_services
    planned = app.outreach.log_interaction(InteractionInput(
        type="visit", occurred_at=NOW + timedelta(days=2), organisation_id=world["org"],
        summary="Visit the shelter"), now=NOW)
    assert planned.planned
    [upcoming] = app.outreach.today(now=NOW).upcoming
    assert (upcoming.kind, upcoming.title) == ("planned", "Visit: Visit the shelter")
    with pytest.raises(ValidationError, match="planned for later, so it has no outcome"):
        app.outreach.log_interaction(InteractionInput(
            type="visit", occurred_at=NOW + timedelta(days=2), organisation_id=world["org"],
            outcome="interested"), now=NOW)
    with pytest.raises(ValidationError, match="follow-up: 2026-03-01 is before the phone call"):
        app.outreach.log_interaction(InteractionInput(
            type="phone", occurred_at=NOW, organisation_id=world["org"],
            follow_up_on=date(2026, 3, 1)), now=NOW)
    with pytest.raises(ValidationError, match="type: 'fax' is not one of"):
        app.outreach.log_interaction(InteractionInput(
            type="fax", occurred_at=NOW, organisation_id=world["org"]), now=NOW)


def test_committed_offers_the_stage_move_and_it_can_be_undone(
    app_services: AppServices, world: dict[str, str]
) -> None:
    app = app_services
    logged = app.outreach.log_interaction(InteractionInput(
        type="meeting", occurred_at=NOW, organisation_id=world["org"], outcome="committed"),
        now=NOW)
    assert logged.offer_stage == "committed"
    old = app.outreach.move_stage(world["org"], "committed")
    assert old == "contacted"
    again = app.outreach.log_interaction(InteractionInput(
        type="phone", occurred_at=NOW, organisation_id=world["org"], outcome="committed"),
        now=NOW)
    assert again.offer_stage is None  # already committed: nothing to offer
    app.outreach.move_stage(world["org"], old)
    assert app.meetings.action_plan(world["org"]).stage == "contacted"


def test_done_snooze_reassign_and_undo(app_services: AppServices, world: dict[str, str]) -> None:
    app = app_services
    logged = app.outreach.log_interaction(InteractionInput(
        type="email", occurred_at=NOW - timedelta(days=9), organisation_id=world["org"],
        summary="Sent the proposal", follow_up_on=TODAY - timedelta(days=2)), now=NOW)
    task = logged.follow_up_id
    assert task is not None
    action = app.meetings.add_action({"description": "Book the hall", "due_on": TODAY,
                                      "owner_id": world["colleague"]})
    app.meetings.add_action({"description": "Their task", "due_on": TODAY,
                             "owner_id": world["contact"]})
    view = app.outreach.today(now=NOW)
    assert [t.what for t in view.action_items] == ["Book the hall"]  # only ours
    assert app.outreach.due_count(on=TODAY) == 2

    before = app.outreach.snooze(FOLLOW_UP, task, TODAY + timedelta(days=7), on=TODAY)
    assert app.outreach.due_count(on=TODAY) == 1
    app.outreach.restore(FOLLOW_UP, task, before)
    assert app.outreach.due_count(on=TODAY) == 2
    with pytest.raises(ValidationError, match="is in the past"):
        app.outreach.snooze(FOLLOW_UP, task, TODAY - timedelta(days=1), on=TODAY)

    app.outreach.reassign(FOLLOW_UP, task, world["colleague"])
    assert app.outreach.today(now=NOW).follow_ups[0].assigned_to == "Pieter Botha"

    done = app.outreach.complete(ACTION_ITEM, action)
    assert app.outreach.today(now=NOW).action_items == []
    app.outreach.restore(ACTION_ITEM, action, done)
    assert [t.what for t in app.outreach.today(now=NOW).action_items] == ["Book the hall"]


def test_removing_a_logged_interaction_removes_its_follow_up(
    app_services: AppServices, world: dict[str, str]
) -> None:
    app = app_services
    logged = app.outreach.log_interaction(InteractionInput(
        type="letter", occurred_at=NOW, organisation_id=world["org"],
        follow_up_on=TODAY), now=NOW)
    assert app.outreach.due_count(on=TODAY) == 1
    app.outreach.remove_interaction(logged.id)
    assert app.outreach.due_count(on=TODAY) == 0
    assert app.outreach.interactions() == []
    # Redo: logging again with the same ids revives the same records.
    again = app.outreach.log_interaction(InteractionInput(
        type="letter", occurred_at=NOW, organisation_id=world["org"], follow_up_on=TODAY),
        row_id=logged.id, follow_up_id=logged.follow_up_id, now=NOW)
    assert again.id == logged.id and app.outreach.due_count(on=TODAY) == 1
