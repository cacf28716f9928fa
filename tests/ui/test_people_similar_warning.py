"""Typing a new person who is already there: the People form says so before saving."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from saypro_desktop.db.engine import Database
from saypro_desktop.services import people
from saypro_desktop.services.context import AppServices
from saypro_desktop.ui.main_window import MainWindow
from saypro_desktop.ui.people.page import PeoplePage


def test_a_new_person_like_an_existing_one_is_flagged_while_typing(
    qtbot: QtBot, db: Database
) -> None:
    zoe = people.add_person(db, {"first_name": "Zoë", "last_name": "Botha",
                                 "email": "zoe@example.org", "city": "Soweto"})
    people.add_person(db, {"first_name": "Sipho", "last_name": "Dlamini"})
    window = MainWindow(AppServices(db))
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("People")
    assert isinstance(page, PeoplePage)
    page.add_person()
    editor = page.editor
    qtbot.keyClicks(editor.inputs["first_name"], "zoe")
    qtbot.keyClicks(editor.inputs["last_name"], "BOTHA")
    qtbot.waitUntil(editor.similar.isVisible)
    assert "Zoë Botha" in editor.similar.label.text()
    qtbot.mouseClick(editor.similar.open_button, Qt.MouseButton.LeftButton)
    assert editor.person_id == zoe
    assert not editor.similar.isVisible()  # an existing record is not compared
    window.close()


def test_an_unlike_new_person_gets_no_warning(qtbot: QtBot, db: Database) -> None:
    people.add_person(db, {"first_name": "Sipho", "last_name": "Dlamini"})
    window = MainWindow(AppServices(db))
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("People")
    assert isinstance(page, PeoplePage)
    page.add_person()
    qtbot.keyClicks(page.editor.inputs["first_name"], "Lerato")
    qtbot.keyClicks(page.editor.inputs["last_name"], "Khumalo")
    page.editor.similar.check()
    assert not page.editor.similar.isVisible()
    window.close()
