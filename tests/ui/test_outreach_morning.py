"""A real morning of an organiser, clicked through the window: find a partner, read what
happened, log a call with a follow-up, hold a meeting with two action items and a
commitment, see Today and the action plan change, move the stage (and undo it), write
two email drafts of which one is refused for lack of consent."""

from __future__ import annotations

import email
from datetime import datetime, timedelta
from email import policy
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from saypro_desktop.db.models import Consent
from saypro_desktop.services import people
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.organisations import add_organisation
from saypro_desktop.services.outreach import InteractionInput
from saypro_desktop.services.unit_of_work import UnitOfWork
from saypro_desktop.ui.coalition.page import CoalitionPage
from saypro_desktop.ui.main_window import MainWindow
from saypro_desktop.ui.meetings.dialogs import CommitmentDialog
from saypro_desktop.ui.meetings.page import MeetingsPage
from saypro_desktop.ui.outreach.badge import BADGE_ROLE
from saypro_desktop.ui.outreach.choose import ChooseRecordDialog
from saypro_desktop.ui.outreach.log_dialog import LogInteractionDialog
from saypro_desktop.ui.outreach.outbox_dialog import OutboxDialog
from saypro_desktop.ui.outreach.page import OutreachPage
from saypro_desktop.ui.widgets.rows import ROW_ROLE


def _texts(table: Any, column: int) -> list[str]:
    model = table.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


@pytest.fixture
def morning(app_services: AppServices, tmp_path: Path) -> dict[str, str]:
    app = app_services
    app.templates.user_dir = tmp_path / "templates"
    ours = add_organisation(app.db, {"name": "SayPro", "email": "info@saypro.example"})
    housing = add_organisation(app.db, {"name": "Soweto Housing Forum",
                                        "category": "advocacy_group", "focus_areas": "housing",
                                        "pipeline_stage": "responded"})
    food = add_organisation(app.db, {"name": "Alexandra Food Bank",
                                     "pipeline_stage": "responded"})
    me = people.add_person(app.db, {"first_name": "Naledi", "last_name": "Dube",
                                    "email": "naledi@saypro.example", "organisation_id": ours})
    thabo = people.add_person(app.db, {"first_name": "Thabo", "last_name": "Mokoena",
                                       "email": "thabo@shf.example", "organisation_id": housing})
    people.add_person(app.db, {"first_name": "Ayanda", "last_name": "Zulu",
                               "email": "ayanda@afb.example", "organisation_id": food})
    with UnitOfWork(app.db) as uow:
        uow.create(Consent, {"person_id": thabo, "channel": "email", "status": "given",
                             "recorded_at": datetime(2026, 1, 5), "source": "town hall"})
    app.coalition.set_profile(our_organisation_id=ours, coordinator_id=me)
    app.outreach.log_interaction(InteractionInput(
        type="email", occurred_at=datetime.now() - timedelta(days=10),
        organisation_id=housing, summary="Sent the coalition charter", our_person_id=me))
    return {"housing": housing, "food": food, "me": me, "thabo": thabo}


def test_a_morning_of_outreach(qtbot: QtBot, app_services: AppServices,
                               morning: dict[str, str], tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch, qtmodeltester: Any) -> None:
    app = app_services
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    outreach = window.show_page("Outreach & follow-ups")
    assert isinstance(outreach, OutreachPage)

    # Find the partner by typing part of its name.
    chooser = ChooseRecordDialog(app, outreach)
    qtbot.addWidget(chooser)
    qtbot.keyClicks(chooser.search, "soweto")
    chooser.run_search()
    chooser.accept()
    assert chooser.chosen is not None and chooser.chosen.name == "Soweto Housing Forum"
    partner = chooser.chosen

    # Read what happened with it before the call.
    outreach.tabs.setCurrentIndex(1)
    qtbot.keyClicks(outreach.search, "Soweto")
    assert _texts(outreach.interaction_table, 3) == ["Sent the coalition charter"]
    qtmodeltester.check(outreach.interaction_model)
    outreach.search.clear()
    outreach.tabs.setCurrentIndex(0)

    # Log a call with a follow-up due today: Today and the sidebar count show it.
    dialog = outreach.open_log(organisation_id=partner.id, name=partner.name)
    qtbot.addWidget(dialog)
    dialog.type.setCurrentIndex(dialog.type.findData("phone"))
    assert dialog.our_person.currentData() == morning["me"]  # the coordinator by default
    qtbot.keyClicks(dialog.summary, "Asked them to host the town hall")
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("interested"))
    dialog.follow_up.setChecked(True)
    dialog.follow_up_on.setDate(dialog.follow_up_on.date().currentDate())
    qtbot.mouseClick(dialog.log_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert _texts(outreach.follow_table, 1) == ["Follow up: Asked them to host the town hall"]
    assert _texts(outreach.follow_table, 0) == ["Today"]
    qtmodeltester.check(outreach.follow_model)
    badge = window.sidebar.item(list(window.pages).index("Outreach & follow-ups"))
    assert badge.data(BADGE_ROLE) == 1

    # Hold a meeting: notes typed, two lines turned into action items, a commitment.
    meetings = window.show_page("Meetings")
    assert isinstance(meetings, MeetingsPage)
    meetings.new_meeting(title="Town hall planning", organisation_id=partner.id)
    editor = meetings.editor
    assert editor.meeting is not None and editor.meeting.title == "Town hall planning"
    assert [o.name for o in editor.meeting.organisations] == ["Soweto Housing Forum"]
    window.activateWindow()
    qtbot.waitActive(window)
    editor.notes.setFocus()
    for line in ("Thabo can offer the hall for 150 people", "Confirm the date with the ward",
                 "Print 500 flyers"):
        qtbot.keyClicks(editor.notes, line)
        if line != "Thabo can offer the hall for 150 people":
            # Shortcuts go through the window, as a real key press does.
            qtbot.keyClick(window.windowHandle(), Qt.Key.Key_A,
                           Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClick(editor.notes, Qt.Key.Key_Return)
    assert [a.description for a in editor.meeting.actions] == [
        "Confirm the date with the ward", "Print 500 flyers"]
    qtbot.waitUntil(lambda: editor.saved_label.text().startswith("Saved"), timeout=5000)
    saved = app.meetings.meeting(editor.meeting.id)
    assert "☐ Print 500 flyers" in saved.notes and "hall for 150 people" in saved.notes

    def fill_commitment(dialog: CommitmentDialog) -> int:
        dialog.kind.setCurrentIndex(dialog.kind.findData("meeting_space"))
        dialog.amount.setValue(1)
        dialog.description.setText("Community hall for the town hall")
        return 1

    monkeypatch.setattr(CommitmentDialog, "exec", fill_commitment)
    editor.add_commitment()
    assert [c.description for c in editor.meeting.commitments] == [
        "Community hall for the town hall"]
    qtmodeltester.check(editor.actions_model)

    # Today lists our two open action items; the partner's action plan has it all.
    window.show_page("Outreach & follow-ups")
    assert sorted(_texts(outreach.action_table, 1)) == [
        "Confirm the date with the ward", "Print 500 flyers"]
    meetings = window.show_page("Meetings")
    meetings.show_records({"action_plan": partner.id})
    plan = meetings.plan
    assert plan.heading.text() == "Action plan: Soweto Housing Forum (Responded)"
    assert sorted(_texts(plan.actions_view, 0)) == [
        "Confirm the date with the ward", "Print 500 flyers"]
    assert _texts(plan.commitments, 0) == ["Meeting space"]
    assert plan.next_meeting.text().startswith("Next meeting: Town hall planning")

    # The partner commits on the phone: the form offers the stage move; undo takes it back.
    monkeypatch.setattr(LogInteractionDialog, "confirm_stage",
                        staticmethod(lambda _parent, _name: True))
    window.show_page("Outreach & follow-ups")
    dialog = outreach.open_log(organisation_id=partner.id, name=partner.name)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.summary, "They will join the coalition")
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("committed"))
    qtbot.mouseClick(dialog.log_button, Qt.MouseButton.LeftButton)
    assert app.meetings.action_plan(partner.id).stage == "committed"
    window.activateWindow()
    qtbot.waitActive(window)
    outreach.follow_table.setFocus()
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert app.meetings.action_plan(partner.id).stage == "responded"
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert app.meetings.action_plan(partner.id).stage == "committed"

    # Done with the follow-up: the count goes to zero.
    outreach.follow_table.selectRow(0)
    outreach.follow_table.setFocus()
    qtbot.mouseClick(outreach.done_button, Qt.MouseButton.LeftButton)
    assert outreach.follow_model.rowCount() == 0
    assert badge.data(BADGE_ROLE) == 0

    # Two drafts asked for; the one without consent is refused and says why.
    box = OutboxDialog(app, window.ops, outreach,
                       organisation_ids=[morning["housing"], morning["food"]],
                       template="introduction-attend-meeting")
    qtbot.addWidget(box)
    box.folder.setText(str(tmp_path / "outbox"))
    assert box.preview.toPlainText().startswith("To: Thabo Mokoena <thabo@shf.example>")
    qtbot.mouseClick(box.write_button, Qt.MouseButton.LeftButton)
    assert box.outcome is not None
    assert [w.name for w in box.outcome.written] == ["Thabo Mokoena"]
    assert [(s.name, s.reason) for s in box.outcome.skipped] == [
        ("Ayanda Zulu (Alexandra Food Bank)", "has not given consent to be contacted by email")]
    [draft] = list((tmp_path / "outbox").glob("*.eml"))
    message = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert "Town hall planning" not in message.get_content()  # a meeting is proposed instead
    assert "We have pencilled in" in message.get_content()
    outreach.tabs.setCurrentIndex(1)
    assert outreach.interaction_model.rowCount() == 4  # the charter, two calls, the draft
    box.close()

    # The coalition page knows who we are.
    coalition = window.show_page("Coalition")
    assert isinstance(coalition, CoalitionPage)
    assert coalition.our_org.text() == "SayPro"
    qtmodeltester.check(coalition.representation_model)
    row = coalition.representation_table.model().index(0, 0).data(ROW_ROLE)
    assert row.dimension == "category"
    window.close()
    QApplication.processEvents()
