"""The Organisations page as an organiser uses it before and after a call."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Interaction
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.unit_of_work import UnitOfWork
from saypro_desktop.ui.main_window import MainWindow
from saypro_desktop.ui.organisations.model import (
    BoardColumnModel,
    OrganisationsTableModel,
    StageGroupsModel,
)
from saypro_desktop.ui.organisations.page import OrganisationsPage


@pytest.fixture
def app(db: Database) -> AppServices:
    services = AppServices(db)
    orgs = services.organisations
    orgs.add({"name": "Ubuntu Legal Aid Clinic", "category": "legal_aid", "city": "Soweto",
              "focus_areas": "justice", "priority": "high"})
    orgs.add({"name": "Faith Kitchen", "category": "faith_based", "city": "Durban",
              "focus_areas": "food_security"})
    orgs.add({"name": "Khayelitsha Care Network", "category": "social_service_provider",
              "city": "Cape Town", "level": "local"})
    return services


@pytest.fixture
def page(qtbot: QtBot, app: AppServices) -> Iterator[OrganisationsPage]:
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    shown = window.show_page("Organisations")
    assert isinstance(shown, OrganisationsPage)
    yield shown
    window.close()


def _id(app: AppServices, name: str) -> str:
    return next(r.id for r in app.organisations.search() if r.name == name)


def _names(page: OrganisationsPage) -> list[str]:
    model = page.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _undo(qtbot: QtBot, page: OrganisationsPage) -> None:
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_the_lists_are_well_behaved_models(qtmodeltester: object, app: AppServices) -> None:
    table = OrganisationsTableModel(app.organisations)
    table.set_filter(table.filter)
    qtmodeltester.check(table)  # type: ignore[attr-defined]
    board = app.organisations.board()
    column = BoardColumnModel("identified", lambda _o, _s: None)
    column.set_cards(board["identified"])
    qtmodeltester.check(column)  # type: ignore[attr-defined]
    groups = StageGroupsModel()
    groups.set_groups(board)
    qtmodeltester.check(groups)  # type: ignore[attr-defined]


def test_find_a_partner_by_typing_and_by_filter(qtbot: QtBot, page: OrganisationsPage) -> None:
    assert _names(page) == ["Faith Kitchen", "Khayelitsha Care Network",
                            "Ubuntu Legal Aid Clinic"]
    qtbot.keyClicks(page.search, "ubun")
    qtbot.waitUntil(lambda: _names(page) == ["Ubuntu Legal Aid Clinic"])
    assert page.count.text() == "1 organisation"
    page.search.clear()
    page.focus_area.setCurrentIndex(page.focus_area.findData("food_security"))
    assert _names(page) == ["Faith Kitchen"]
    page.focus_area.setCurrentIndex(0)
    page.priority.setCurrentIndex(page.priority.findData("high"))
    assert _names(page) == ["Ubuntu Legal Aid Clinic"]
    page.table.selectRow(0)
    assert page.editor.heading.text() == "Ubuntu Legal Aid Clinic"
    # Labels, not stored values, everywhere a person reads.
    cells = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert "Legal aid" in cells and "Identified" in cells and "High" in cells
    assert page.editor.details.focus_checks["justice"].isChecked()


def test_edit_then_undo_with_ctrl_z(qtbot: QtBot, app: AppServices,
                                    page: OrganisationsPage) -> None:
    clinic = _id(app, "Ubuntu Legal Aid Clinic")
    page.open_organisation(clinic)
    page.editor.details.inputs["city"].setText("Orlando East")
    page.editor.details.inputs["phone"].setText("011 555 12")  # not a valid number as typed
    page.editor.save()
    detail = app.organisations.get(clinic)
    assert detail.fields["city"] == "Orlando East"
    assert detail.fields["phone"] == "011 555 12"
    assert page.editor.details.phone_flag.isVisible()
    assert "kept as typed" in page.editor.details.phone_flag.text()
    _undo(qtbot, page)
    assert app.organisations.get(clinic).fields["city"] == "Soweto"
    assert page.editor.details.inputs["city"].text() == "Soweto"


def test_create_and_delete_can_be_undone(qtbot: QtBot, app: AppServices,
                                         page: OrganisationsPage) -> None:
    page.add_organisation()
    page.editor.details.inputs["name"].setText("Tembisa Youth Forum")
    page.editor.details.choices["category"].setCurrentIndex(
        page.editor.details.choices["category"].findData("youth_student"))
    page.editor.save()
    assert "Tembisa Youth Forum" in _names(page)
    assert page.editor.heading.text() == "Tembisa Youth Forum"
    page.editor.delete()
    assert "Tembisa Youth Forum" not in _names(page)
    _undo(qtbot, page)
    assert "Tembisa Youth Forum" in _names(page)
    _undo(qtbot, page)  # and the creation itself
    assert "Tembisa Youth Forum" not in _names(page)


def test_move_a_partner_along_the_board_by_keyboard(qtbot: QtBot, app: AppServices,
                                                    page: OrganisationsPage) -> None:
    kitchen = _id(app, "Faith Kitchen")
    page.view_buttons.button(1).click()
    board = page.board
    identified = board.lists["identified"]
    identified.setFocus()
    identified.setCurrentIndex(board.columns["identified"].index(
        board.columns["identified"].row_of(kitchen), 0))
    qtbot.keyClick(identified, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert board.columns["contacted"].row_of(kitchen) >= 0
    assert board.columns["identified"].row_of(kitchen) < 0
    contacted = board.lists["contacted"]
    assert contacted.hasFocus()  # the card keeps the focus: press again to move on
    qtbot.keyClick(contacted, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert app.organisations.get(kitchen).pipeline_stage == "responded"
    assert board.titles["responded"].text() == "Responded (1)"
    assert [m.summary for m in app.organisations.stage_history(kitchen)][:2] == [
        "Contacted → Responded", "Identified → Contacted"]
    page.undo_action.trigger()
    assert app.organisations.get(kitchen).pipeline_stage == "contacted"


def test_a_card_dropped_on_another_column_moves_stage(app: AppServices,
                                                      page: OrganisationsPage) -> None:
    kitchen = _id(app, "Faith Kitchen")
    page.show_view(1)
    source = page.board.columns["identified"]
    data = source.mimeData([source.index(source.row_of(kitchen), 0)])
    target = page.board.columns["committed"]
    assert target.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, target.index(0, 0))
    target.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, target.index(0, 0))
    assert app.organisations.get(kitchen).pipeline_stage == "committed"
    assert page.board.columns["committed"].row_of(kitchen) == 0


def test_the_timeline_shows_everything_newest_first_and_filters_by_kind(
    qtbot: QtBot, db: Database, app: AppServices, page: OrganisationsPage
) -> None:
    clinic = _id(app, "Ubuntu Legal Aid Clinic")
    with UnitOfWork(db) as uow:
        uow.create(Interaction, {"organisation_id": clinic, "channel": "phone",
                                 "occurred_at": datetime(2026, 3, 2, 10, 30),
                                 "subject": "Introduction call", "outcome": "interested"})
    app.organisations.move_stage(clinic, "contacted")
    page.open_organisation(clinic)
    timeline = page.editor.timeline
    page.editor.tabs.setCurrentWidget(timeline)
    qtbot.waitUntil(lambda: len(timeline.entries()) == 3)
    assert timeline.entries()[0].title == "Identified → Contacted"  # newest first
    summaries = [timeline.model.index(r, 1).data() for r in range(timeline.model.rowCount())]
    assert "Phone · Introduction call\nInterested" in summaries  # the details underneath
    timeline.kind.setCurrentIndex(timeline.kind.findData("interaction"))
    qtbot.waitUntil(lambda: [e.title for e in timeline.entries()] == [
        "Phone · Introduction call"])
    assert timeline.model.index(0, 0).data() == "02 Mar 2026 10:30\nInteraction"
    assert timeline.count.text() == "1 entry"


def test_a_new_organisation_like_an_existing_one_is_flagged_while_typing(
    qtbot: QtBot, app: AppServices, page: OrganisationsPage
) -> None:
    page.add_organisation()
    details = page.editor.details
    qtbot.keyClicks(details.inputs["name"], "Ubuntu Legal-Aid Clinik")
    qtbot.waitUntil(details.warning_box.isVisible)
    assert "Ubuntu Legal Aid Clinic (Soweto)" in details.warning.text()
    assert "similar name" in details.warning.text()
    qtbot.mouseClick(details.open_existing, Qt.MouseButton.LeftButton)
    assert page.editor.org_id == _id(app, "Ubuntu Legal Aid Clinic")
    assert page.editor.heading.text() == "Ubuntu Legal Aid Clinic"


def test_merge_two_duplicates_from_the_queue_and_undo(
    qtbot: QtBot, app: AppServices, page: OrganisationsPage
) -> None:
    copy = app.organisations.add({"name": "Faith Kitchen NPC", "email": "hi@fk.example.org"})
    kitchen = _id(app, "Faith Kitchen")
    app.organisations.move_stage(copy, "responded")
    page.refresh()
    qtbot.waitUntil(lambda: page.view_buttons.button(3).text() == "Duplicates (1)")
    page.view_buttons.button(3).click()
    assert page.duplicates.model.rowCount() == 1
    qtbot.mouseClick(page.duplicates.merge_button, Qt.MouseButton.LeftButton)
    assert _names(page).count("Faith Kitchen") == 1 and "Faith Kitchen NPC" not in _names(page)
    assert app.organisations.get(kitchen).fields["email"] == "hi@fk.example.org"
    assert page.duplicates.model.rowCount() == 0
    assert page.view_buttons.button(3).text() == "Duplicates"
    _undo(qtbot, page)
    assert "Faith Kitchen NPC" in _names(page)
    assert app.organisations.get(kitchen).fields["email"] is None
    assert app.organisations.get(copy).pipeline_stage == "responded"


def test_record_who_introduced_a_partner_and_what_came_of_it(
    qtbot: QtBot, db: Database, app: AppServices, page: OrganisationsPage
) -> None:
    from saypro_desktop.services.people import add_person
    from saypro_desktop.ui.organisations.editor import ReferralDialog

    add_person(db, {"first_name": "Thabo", "last_name": "Nkosi", "city": "Soweto"})
    kitchen = _id(app, "Faith Kitchen")
    page.open_organisation(kitchen)
    dialog = ReferralDialog(page.editor)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.referrer.search, "thab")
    assert dialog.referrer.results.currentItem().text() == "Thabo Nkosi — Soweto"
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("contacted"))
    page.editor.record_referral(dialog.referrer.person_id(), None,
                                dialog.outcome.currentData(), "Same church")
    table = page.editor.referrals
    assert [table.index(0, c).data() for c in (1, 2, 3, 4)] == [
        "Thabo Nkosi", "Faith Kitchen", "Contacted", "Same church"]
    page.editor.referrals_table.selectRow(0)
    combo = page.editor.referral_outcome
    combo.setCurrentIndex(combo.findData("joined"))
    combo.activated.emit(combo.currentIndex())
    assert table.index(0, 3).data() == "Joined the coalition"
    [referral] = app.organisations.referrals(organisation_id=kitchen)
    assert (referral.referrer, referral.outcome) == ("Thabo Nkosi", "joined")


def test_a_dashboard_figure_opens_the_organisations_it_counted(
    app: AppServices, page: OrganisationsPage
) -> None:
    from types import SimpleNamespace

    kitchen = _id(app, "Faith Kitchen")
    page.show_records(SimpleNamespace(table="organisations", ids=[kitchen],
                                      title="Faith-based partners"))
    assert _names(page) == ["Faith Kitchen"]
    assert page.records_title.text() == "Faith-based partners"
    page.show_all.click()
    assert len(_names(page)) == 3
    assert not page.records_bar.isVisible()


def test_log_a_call_from_the_organisation_in_two_clicks(
    qtbot: QtBot, app: AppServices, page: OrganisationsPage
) -> None:
    kitchen = _id(app, "Faith Kitchen")
    page.open_organisation(kitchen)
    qtbot.mouseClick(page.editor.log_button, Qt.MouseButton.LeftButton)
    dialog = page.editor.log_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.organisation_id == kitchen  # type: ignore[attr-defined]
    dialog.close()
