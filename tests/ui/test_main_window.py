"""Click through the main window as an organiser would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QTableView, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from saypro_desktop.db.engine import Database
from saypro_desktop.services import people
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.organisations import add_organisation
from saypro_desktop.services.workspace import open_workspace
from saypro_desktop.ui.main_window import MainWindow
from saypro_desktop.ui.people.model import Column
from saypro_desktop.ui.people.page import PeoplePage

AREAS = [
    "Dashboard",
    "People",
    "Organisations",
    "Outreach & follow-ups",
    "Meetings",
    "Events & sign-in",
    "Coalition",
    "Campaign & reforms",
    "Documents",
    "Sync",
]


def open_window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(AppServices(db))
    qtbot.addWidget(window)
    window.show()
    return window


def people_page(window: MainWindow) -> PeoplePage:
    page = window.show_page("People")
    assert isinstance(page, PeoplePage)
    return page


def test_every_area_opens(qtbot: QtBot, db: Database) -> None:
    window = open_window(qtbot, db)
    assert [window.sidebar.item(i).text() for i in range(window.sidebar.count())] == AREAS
    for row, title in enumerate(AREAS):
        window.sidebar.setCurrentRow(row)
        assert window.stack.currentWidget() is window.pages[title]
        assert "coming soon" not in " ".join(
            label.text().casefold() for label in window.pages[title].findChildren(QLabel))
    dashboard = window.pages["Dashboard"]
    AppServices(db).media.add("coverage", "Hundreds march", reach=1200,
                              published_on=date.today())
    window.sidebar.setCurrentRow(0)
    card = dashboard.findChild(QWidget, "card_media_reach")
    assert card.findChild(QLabel, "value").text() == "1,200"


def test_keyboard_switches_pages(qtbot: QtBot, db: Database) -> None:
    window = open_window(qtbot, db)
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.pages["People"]


def test_empty_states_say_what_to_do(qtbot: QtBot, db: Database) -> None:
    window = open_window(qtbot, db)
    page = people_page(window)
    assert page.list_stack.currentWidget() is page.empty
    assert "No people yet" in page.empty.text()
    people.add_person(db, {"first_name": "Mpho", "last_name": "Mokoena"})
    page.refresh()
    assert page.list_stack.currentWidget() is page.table
    qtbot.keyClicks(page.search, "zzzz")
    page.apply_filter()
    assert "No one matches" in page.empty.text()


def test_search_as_you_type_finds_people(qtbot: QtBot, db: Database) -> None:
    org = add_organisation(db, {"name": "Masithethe Youth Forum"})
    people.add_person(db, {"first_name": "Siyabonga", "last_name": "Zulu", "organisation_id": org})
    people.add_person(db, {"first_name": "Reneilwe", "last_name": "Modise", "phone": "0845551212"})
    page = people_page(open_window(qtbot, db))
    assert page.model.rowCount() == 2
    qtbot.keyClicks(page.search, "masith")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert page.model.index(0, 0).data() == "Siyabonga Zulu"
    page.search.clear()
    qtbot.keyClicks(page.search, "084 555")
    qtbot.waitUntil(lambda: page.model.filter.search == "084 555", timeout=2000)
    assert page.model.rowCount() == 1
    assert page.model.index(0, 0).data() == "Reneilwe Modise"
    assert page.count.text() == "1 person"


def _select_first(page: PeoplePage) -> None:
    page.table.selectRow(0)
    assert page.detail_stack.currentWidget() is page.editor


def test_edit_survives_a_restart(qtbot: QtBot, db_path: Path) -> None:
    db = open_workspace(db_path)
    people.add_person(db, {"first_name": "Nomvula", "last_name": "Mahlangu"})
    window = open_window(qtbot, db)
    page = people_page(window)
    _select_first(page)
    city = page.editor.inputs["city"]
    city.clear()
    qtbot.keyClicks(city, "Mamelodi")
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    assert page.model.index(0, 6).data() == "Mamelodi"
    window.close()
    db.dispose()

    db2 = open_workspace(db_path)
    try:
        page2 = people_page(open_window(qtbot, db2))
        qtbot.keyClicks(page2.search, "nomvula")
        page2.apply_filter()
        _select_first(page2)
        assert page2.editor.inputs["city"].text() == "Mamelodi"
    finally:
        db2.dispose()


def test_undo_puts_the_old_value_back(qtbot: QtBot, db: Database) -> None:
    person = people.add_person(db, {"first_name": "Lwazi", "last_name": "Ngcobo", "city": "Durban"})
    page = people_page(open_window(qtbot, db))
    _select_first(page)
    page.editor.inputs["city"].setText("Umlazi")
    page.editor.save()
    assert people.get_person(db, person).fields["city"] == "Umlazi"
    page.undo_action.trigger()
    assert people.get_person(db, person).fields["city"] == "Durban"
    assert page.editor.inputs["city"].text() == "Durban"
    page.redo_action.trigger()
    assert people.get_person(db, person).fields["city"] == "Umlazi"


def test_bad_input_shows_a_message_and_saves_nothing(qtbot: QtBot, db: Database) -> None:
    person = people.add_person(db, {"first_name": "Thabo", "email": "thabo@example.org"})
    page = people_page(open_window(qtbot, db))
    _select_first(page)
    page.editor.inputs["email"].setText("thabo-at-example")
    page.editor.save()
    assert page.editor.error.isVisibleTo(page.editor)
    assert "not an email address" in page.editor.error.text()
    assert people.get_person(db, person).fields["email"] == "thabo@example.org"


def test_add_a_person_from_the_page(qtbot: QtBot, db: Database) -> None:
    page = people_page(open_window(qtbot, db))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.editor.inputs["first_name"], "Ntombizodwa")
    qtbot.keyClicks(page.editor.inputs["last_name"], "Khumalo")
    qtbot.keyClicks(page.editor.inputs["phone"], "076 123 4567")
    page.editor.save()
    assert page.model.rowCount() == 1
    assert page.model.index(0, 0).data() == "Ntombizodwa Khumalo"
    assert page.selected_person_id() == page.editor.person_id


def test_delete_asks_first(qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    people.add_person(db, {"first_name": "Chloë", "last_name": "O'Connor"})
    page = people_page(open_window(qtbot, db))
    _select_first(page)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    page.editor.delete_button.click()
    assert people.count_people(db) == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.editor.delete_button.click()
    assert people.count_people(db) == 0
    assert "No people yet" in page.empty.text()


def test_people_page_refreshes_itself_after_writes_made_elsewhere(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    """No screen tells another to refresh: every committed write is announced once, and the
    People page (on screen) picks up a contact import and a sync import by itself."""
    from saypro_desktop.services.imports import plan_import, run_import
    from saypro_desktop.services.sync import apply_operations
    from saypro_desktop.sync.clock import Stamp
    from saypro_desktop.sync.operations import Operation

    window = open_window(qtbot, db)
    page = people_page(window)
    assert page.model.rowCount() == 0
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("First Name,Last Name,Email\nAyanda,Zulu,ayanda@example.org\n",
                        encoding="utf-8")
    run_import(db, plan_import(db, contacts))
    assert page.model.rowCount() == 1

    row = "0190aaaa-0000-7000-8000-000000000001"
    stamp = Stamp(1_767_225_600_000, 0, "laptop-2").encode()
    ops = [Operation("laptop-2", 1, stamp, "people", row, "created_at", "2026-01-01T00:00:00"),
           Operation("laptop-2", 2, stamp, "people", row, "first_name", "Bongani")]
    apply_operations(db, ops)
    assert page.model.rowCount() == 2
    # A page not on screen refreshes when it is next shown, not before.
    window.show_page("Sync")
    people.add_person(db, {"first_name": "Lerato", "last_name": "Dube"})
    assert page.model.rowCount() == 2
    window.show_page("People")
    assert page.model.rowCount() == 3


# --- a desktop app's conventions ---------------------------------------------------------


def test_menu_bar_and_undo_that_names_the_action(qtbot: QtBot, db: Database) -> None:
    person = people.add_person(db, {"first_name": "Thandeka", "last_name": "Nkosi",
                                    "phone": "0821234567"})
    window = open_window(qtbot, db)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Help"]
    page = people_page(window)
    _select_first(page)
    assert not window.undo_action.isEnabled()
    page.editor.inputs["phone"].setText("083 765 4321")
    page.editor.save()
    assert window.undo_action.text() == "&Undo edit of Thandeka’s phone"
    assert window.statusBar().currentMessage() == "Saved Thandeka Nkosi."
    window.undo_action.trigger()
    assert people.get_person(db, person).fields["phone"] == "+27821234567"
    assert window.redo_action.text() == "&Redo edit of Thandeka’s phone"
    window.show_page("Sync")  # another page: its own (empty) history
    assert not window.undo_action.isEnabled()


def test_about_names_the_version_and_data_folder(qtbot: QtBot, db: Database) -> None:
    from saypro_desktop import __version__

    window = open_window(qtbot, db)
    text = window.about_text()
    assert __version__ in text
    assert str(db.path.parent) in text and "backups" in text


def test_shortcuts_are_listed_and_keep_working_after_a_dialog_closes(
    qtbot: QtBot, db: Database
) -> None:
    window = open_window(qtbot, db)
    page = people_page(window)
    keys = dict(window.shortcuts())
    assert keys["Ctrl+F"] == "Search people" and keys["Ctrl+Z"] == "Undo"
    assert keys["F1"] == "Keyboard shortcuts"
    window.show_shortcuts()
    assert window.shortcuts_dialog.findChild(QTableWidget, "shortcutsTable").rowCount() >= 10
    window.activateWindow()
    qtbot.waitActive(window.shortcuts_dialog)
    window.shortcuts_dialog.reject()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    window.sidebar.setFocus()  # focus outside the page, as after many dialogs
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.editor.heading.text() == "New person"


def _visible_right_edge(table: QTableView, column: int) -> int:
    header = table.horizontalHeader()
    return header.sectionViewportPosition(column) + header.sectionSize(column)


def test_people_at_1280x800_show_the_key_columns_without_scrolling(
    qtbot: QtBot, db: Database
) -> None:
    people.add_person(db, {"first_name": "Nomvula", "last_name": "Mahlangu"})
    window = open_window(qtbot, db)
    window.resize(1280, 800)
    page = people_page(window)
    _select_first(page)
    qtbot.waitUntil(lambda: page.table.viewport().width() > 0)
    width = page.table.viewport().width()
    for column in (Column.NAME, Column.ORGANISATION, Column.EMAIL, Column.PHONE, Column.STAGE):
        assert not page.table.isColumnHidden(column), column.name
        assert _visible_right_edge(page.table, column) <= width, column.name
    assert page.table.horizontalScrollBar().maximum() == 0


def test_hidden_columns_and_the_splitter_are_remembered(qtbot: QtBot, db: Database) -> None:
    window = open_window(qtbot, db)
    page = people_page(window)
    menu = page.column_menu()
    city = next(a for a in menu.actions() if a.text() == "City")
    assert not city.isChecked()
    city.trigger()
    assert not page.table.isColumnHidden(Column.CITY)
    page.splitter.setSizes([600, 480])
    sizes = page.splitter.sizes()
    window.close()

    again = people_page(open_window(qtbot, db))
    assert not again.table.isColumnHidden(Column.CITY)
    assert again.table.isColumnHidden(Column.CATEGORY)
    restored = again.splitter.sizes()  # the offscreen screen may give the window another size
    assert abs(restored[0] / sum(restored) - sizes[0] / sum(sizes)) < 0.01
    assert sizes[1] > 400


def test_the_form_fits_its_pane_and_save_stays_in_view(qtbot: QtBot, db: Database) -> None:
    people.add_person(db, {"first_name": "Nkosinathi", "last_name": "Mthethwa-Hadebe",
                           "address": "1234 Very Long Street Name in Katlehong Extension 2"})
    window = open_window(qtbot, db)
    window.resize(1280, 800)
    page = people_page(window)
    _select_first(page)
    page.splitter.setSizes([900, 300])  # a narrow pane
    editor = page.editor
    qtbot.waitUntil(lambda: editor.form_scroll.viewport().width() < 320)
    viewport = editor.form_scroll.viewport()
    body = editor.form_scroll.widget()
    assert body.width() <= viewport.width()  # no sideways scrolling
    for edit in [*editor.inputs.values(), *editor.choices.values(), *editor.consents.values(),
                 editor.tags, editor.organisation]:
        right = edit.mapTo(body, edit.rect().topRight()).x()
        assert right <= viewport.width(), edit.objectName()
    for button in (editor.save_button, editor.revert_button):
        assert button.isVisible()
        bottom = button.mapTo(editor, button.rect().bottomLeft()).y()
        assert bottom <= editor.height(), button.objectName()


def test_tags_are_edited_in_the_form_with_a_completer(qtbot: QtBot, db: Database) -> None:
    from saypro_desktop.services.tags import add_tag

    add_tag(db, "Volunteer")
    add_tag(db, "Youth")
    person = people.add_person(db, {"first_name": "Ayanda", "last_name": "Zulu"})
    page = people_page(open_window(qtbot, db))
    _select_first(page)
    tags = page.editor.tags
    qtbot.keyClicks(tags, "volu")
    completer = tags.tag_completer
    assert completer.currentCompletion() == "Volunteer"
    completer.activated.emit("Volunteer")
    qtbot.keyClicks(tags, "Needs transport")
    page.editor.save()
    assert people.get_person(db, person).tags == ["Needs transport", "Volunteer"]
    page.editor.tags.setText("Needs transport")  # remove Volunteer
    page.editor.save()
    assert people.get_person(db, person).tags == ["Needs transport"]
    assert page.editor.tags.text() == "Needs transport"


def test_consent_per_channel_is_shown_and_edited_in_the_form(
    qtbot: QtBot, db: Database
) -> None:
    person = people.add_person(db, {"first_name": "Sipho", "last_name": "Dube",
                                    "email": "sipho@example.org"})
    people.set_consent(db, person, "sms", "given", "paper form")
    page = people_page(open_window(qtbot, db))
    _select_first(page)
    consents = page.editor.consents
    assert consents["sms"].currentText() == "Agreed"
    assert consents["email"].currentText() == "Not asked"
    consents["email"].setCurrentIndex(consents["email"].findData("given"))
    consents["sms"].setCurrentIndex(consents["sms"].findData("withdrawn"))
    page.editor.save()
    stored = people.person_consents(db, person)
    assert {c: s.status for c, s in stored.items()} == {"sms": "withdrawn", "email": "given"}
    assert stored["email"].source == "edited by hand"
    page.editor.save()  # nothing changed: no new consent records
    assert len(people.person_consents(db, person)) == 2


def test_the_window_opens_and_reads_while_another_program_writes(
    qtbot: QtBot, db_path: Path
) -> None:
    import sqlite3
    import threading
    import time

    db = open_workspace(db_path)
    people.add_person(db, {"first_name": "Ayanda", "last_name": "Zulu"})
    db.dispose()
    locked, release = threading.Event(), threading.Event()

    def import_elsewhere() -> None:  # another program holds the write lock meanwhile
        con = sqlite3.connect(db_path, isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        locked.set()
        release.wait(10)
        con.execute("COMMIT")
        con.close()

    holder = threading.Thread(target=import_elsewhere)
    holder.start()
    locked.wait()
    started = time.monotonic()
    app = AppServices.open(db_path)
    try:
        window = MainWindow(app)
        qtbot.addWidget(window)
        window.show()
        page = people_page(window)
        assert page.model.index(0, 0).data() == "Ayanda Zulu"
        assert time.monotonic() - started < 5  # never waited for the lock
        window.close()
    finally:
        release.set()
        holder.join()
        app.close()
