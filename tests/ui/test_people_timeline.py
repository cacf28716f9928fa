"""Before a call an organiser opens the person: their timeline, and Log contact from there."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Consent
from saypro_desktop.services import people
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.unit_of_work import UnitOfWork
from saypro_desktop.ui.main_window import MainWindow
from saypro_desktop.ui.people.page import PeoplePage


def test_a_persons_timeline_and_logging_a_call_from_the_people_page(
        qtbot: QtBot, db: Database) -> None:
    thabo = people.add_person(db, {"first_name": "Thabo", "last_name": "Mokoena",
                                   "phone": "082 555 0101"})
    with UnitOfWork(db) as uow:
        uow.create(Consent, {"person_id": thabo, "channel": "phone", "status": "given",
                             "recorded_at": datetime(2026, 1, 5), "source": "town hall"})
    window = MainWindow(AppServices(db))
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("People")
    assert isinstance(page, PeoplePage)
    assert page.select_person(thabo)
    editor = page.editor
    assert editor.person_id == thabo and editor.log_button.isEnabled()

    editor.tabs.setCurrentWidget(editor.timeline)
    qtbot.waitUntil(lambda: len(editor.timeline.entries()) == 1)
    assert "town hall" in " ".join(e.title + e.detail for e in editor.timeline.entries())

    qtbot.mouseClick(editor.log_button, Qt.MouseButton.LeftButton)
    dialog = editor.log_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.type.setCurrentIndex(dialog.type.findData("phone"))
    qtbot.keyClicks(dialog.summary, "Asked him to speak at the town hall")
    qtbot.mouseClick(dialog.log_button, Qt.MouseButton.LeftButton)
    # The timeline on screen refreshes itself from the write's change set.
    qtbot.waitUntil(lambda: len(editor.timeline.entries()) == 2, timeout=5000)
    assert editor.timeline.entries()[0].title.endswith("Asked him to speak at the town hall")

    # A new person has no timeline yet and nothing to log against.
    page.add_person()
    assert not editor.log_button.isEnabled()
    assert not editor.tabs.isTabEnabled(editor.tabs.indexOf(editor.timeline))
    window.close()
