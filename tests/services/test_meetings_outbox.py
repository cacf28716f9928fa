"""Meetings, action plans, commitments, concerns, templates and the outbox."""

from __future__ import annotations

import email
from datetime import datetime, timedelta
from email import policy
from pathlib import Path

import icalendar
import pytest

from saypro_desktop.domain.errors import NotFoundError, SayProError, ValidationError
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.templates import TemplateError, TemplateLibrary, render
from tests.services.test_outreach import NOW, TODAY, give_consent, world  # noqa: F401


def _meeting(app: AppServices, w: dict[str, str], when: datetime = NOW) -> str:
    return app.meetings.add_meeting(
        {"title": "Introductions", "kind": "introductory", "starts_at": when,
         "ends_at": when + timedelta(hours=1), "location": "Orlando Community Hall",
         "agenda": "1. Who we are\n2. The campaign"},
        organisation_ids=[w["org"]], attendee_ids=[w["contact"], w["coordinator"]])


def test_a_meeting_with_actions_commitment_and_concern_makes_the_action_plan(
    app_services: AppServices, world: dict[str, str]  # noqa: F811
) -> None:
    app, w = app_services, world
    past = _meeting(app, w, NOW - timedelta(days=1))
    nxt = _meeting(app, w, datetime.now() + timedelta(days=6))
    app.meetings.update_meeting(past, {"notes": "Thabo will share shelter data."})
    app.meetings.add_action({"meeting_id": past, "description": "Share shelter data",
                             "owner_id": w["contact"], "organisation_id": w["org"],
                             "due_on": TODAY + timedelta(days=7)})
    app.meetings.add_action({"meeting_id": past, "description": "Send the charter",
                             "owner_id": w["coordinator"], "due_on": TODAY + timedelta(days=2)})
    app.commitments.add({"organisation_id": w["org"], "kind": "meeting_space", "amount": 1,
                         "meeting_id": past, "description": "Hall for the town hall",
                         "due_on": TODAY + timedelta(days=20)})
    app.concerns.add({"raised_by_id": w["contact"], "category": "funding",
                      "description": "Our subsidy was cut.", "meeting_id": past})

    detail = app.meetings.meeting(past)
    assert [a.description for a in detail.actions] == ["Send the charter", "Share shelter data"]
    assert [p.name for p in detail.attendees] == ["Naledi Dube", "Thabo Mokoena"]
    assert detail.notes == "Thabo will share shelter data."
    assert [c.kind_label for c in detail.commitments] == ["Meeting space"]
    assert detail.concerns[0].organisation == "Soweto Housing Forum"  # from who raised it

    plan = app.meetings.action_plan(w["org"])
    assert {a.description for a in plan.actions} == {"Send the charter", "Share shelter data"}
    assert plan.next_meeting is not None and plan.next_meeting.id == nxt
    assert [d[1] for d in plan.deadlines] == [
        "Send the charter", "Share shelter data", "Deliver: meeting space"]
    [row] = [m for m in app.meetings.meetings() if m.id == past]
    assert (row.organisations, row.attendees, row.open_actions) == (
        "Soweto Housing Forum", 2, 2)

    commitment = plan.commitments[0]
    app.commitments.mark_delivered(commitment.id, TODAY + timedelta(days=1))
    assert app.commitments.list(organisation_id=w["org"])[0].status_label == "Delivered"
    concern = plan.concerns[0]
    app.concerns.address(concern.id, "Connected them with the provincial fund.")
    assert app.concerns.list(open_only=True) == []


def test_meeting_ics_opens_in_a_calendar(
    app_services: AppServices, world: dict[str, str]  # noqa: F811
) -> None:
    meeting_id = _meeting(app_services, world)
    data = app_services.meetings.ics(meeting_id)
    [event] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(event["summary"]) == "Introductions"
    start = event.decoded("dtstart")
    assert (start.hour, str(start.tzinfo)) == (11, "Africa/Johannesburg")
    assert str(event["location"]) == "Orlando Community Hall"
    emails = sorted(str(a) for a in event["attendee"])
    assert emails == ["mailto:naledi@saypro.example", "mailto:thabo@shf.example"]


def test_meeting_input_is_checked(app_services: AppServices,
                                  world: dict[str, str]) -> None:  # noqa: F811
    with pytest.raises(ValidationError, match="ends before it starts"):
        app_services.meetings.add_meeting({"title": "X", "starts_at": NOW,
                                           "ends_at": NOW - timedelta(hours=1)})
    with pytest.raises(NotFoundError, match="no organisation with id nope"):
        app_services.meetings.add_meeting({"title": "X", "starts_at": NOW},
                                          organisation_ids=["nope"])
    assert app_services.meetings.meetings() == []  # nothing half-written
    with pytest.raises(ValidationError, match="kind: 'cake' is not one of"):
        app_services.commitments.add({"organisation_id": world["org"], "kind": "cake"})


def test_template_errors_name_the_placeholder_and_the_template(tmp_path: Path) -> None:
    library = TemplateLibrary(tmp_path / "mine")
    assert "introduction-join-coalition" in library.names()
    with pytest.raises(TemplateError,
                       match=r"template 'mine': unknown placeholder \{\{frist_name\}\}"):
        library.save("mine", "Title: Mine\nSubject: Hello\n\nDear {{frist_name}},\n")
    assert not (tmp_path / "mine" / "mine.txt").exists()
    copy = library.copy("introduction-join-coalition")
    assert copy.editable and copy.name == "introduction-join-coalition-copy"
    edited = library.save(copy.name, copy.text().replace("Dear", "Dumela"))
    assert library.get(copy.name).body.startswith("Dumela")
    letter = render(edited, {"recipient_first_name": "Thabo", "campaign": "Dignity"})
    assert letter.body.startswith("Dumela Thabo,")
    assert letter.subject == "Invitation to join the Dignity coalition"
    with pytest.raises(TemplateError, match="no matching"):
        library.save("broken", "Subject: Hi\n\nDear {{recipient_name,\n")


def test_mail_merge_writes_drafts_only_with_consent_and_logs_them(
    app_services: AppServices, world: dict[str, str], tmp_path: Path  # noqa: F811
) -> None:
    app, w = app_services, world
    from saypro_desktop.services import people
    from saypro_desktop.services.organisations import add_organisation

    other = add_organisation(app.db, {"name": "Alexandra Food Bank",
                                      "pipeline_stage": "contacted"})
    refuser = people.add_person(app.db, {"first_name": "Ayanda", "last_name": "Zulu",
                                         "email": "ayanda@afb.example",
                                         "organisation_id": other})
    add_organisation(app.db, {"name": "No Address Trust", "pipeline_stage": "contacted"})
    give_consent(app, w["contact"])
    give_consent(app, refuser, when=NOW - timedelta(days=3))
    give_consent(app, refuser, status="withdrawn")  # the latest record decides

    selection = app.outbox.organisations_at("contacted")
    assert len(selection) == 3
    result = app.outbox.write("introduction-join-coalition", tmp_path / "outbox",
                              organisation_ids=selection, now=NOW)
    assert [x.name for x in result.written] == ["Thabo Mokoena"]
    assert sorted((s.name, s.reason) for s in result.skipped) == [
        ("Ayanda Zulu (Alexandra Food Bank)", "has not given consent to be contacted by email"),
        ("No Address Trust", "no email address on record"),
    ]
    [path] = list((tmp_path / "outbox").glob("*.eml"))
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["To"] == "Thabo Mokoena <thabo@shf.example>"
    assert message["From"] == "Naledi Dube <naledi@saypro.example>"
    assert message["Subject"] == "Invitation to join the SayPro campaign coalition"
    assert message["X-Unsent"] == "1" and message["Message-ID"] and message["Date"]
    body = message.get_content()
    assert "Dear Thabo," in body and "Soweto Housing Forum" in body and "housing" in body
    assert b"\r\n" in path.read_bytes()
    [logged] = app.outreach.interactions(organisation_id=w["org"])
    assert logged.type == "email" and logged.summary == message["Subject"]


def test_no_from_address_writes_nothing(app_services: AppServices, tmp_path: Path) -> None:
    from saypro_desktop.services.organisations import add_organisation

    org = add_organisation(app_services.db, {"name": "Lone Org", "email": "a@b.example"})
    with pytest.raises(SayProError, match="need a From address"):
        app_services.outbox.write("introduction-join-coalition", tmp_path / "out",
                                  organisation_ids=[org])
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    assert app_services.outreach.interactions() == []
