"""The window's frame comes first: menus and sidebar without a database, then ``attach``.

Pages are built the first time they are shown or looked up, so start-up builds only the
first one; a window made with its services at once (``MainWindow(app)``) works as before.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from saypro_desktop.services.context import AppServices
from saypro_desktop.ui import application
from saypro_desktop.ui.databases import WindowHost
from saypro_desktop.ui.main_window import MainWindow
from saypro_desktop.ui.pages import PAGES


def _built(window: MainWindow) -> list[str]:
    built = list(window.pages.built())
    return [key for key in window.pages if window.pages.raw(key) in built]


def test_the_frame_has_every_page_in_the_sidebar_before_a_database(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: asked.append(a) or ("", ""))
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert not window.attached
    assert window.sidebar.count() == len(PAGES)
    assert window.sidebar.item(0).text() == "Dashboard"
    assert window.database_label.text() == "Opening the database…"
    assert _built(window) == []
    # Asking for a page before there is a database gives its empty place, builds nothing.
    window.show_page("People")
    assert _built(window) == []
    # Menu commands that need a database do nothing yet; the window can still be closed.
    window.findChild(type(window.quit_action), "openDatabaseAction").trigger()
    assert asked == []
    assert window.close()


def test_attach_builds_only_the_first_page_then_each_when_shown(
    qtbot: QtBot, app_services: AppServices
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.attach(app_services)
    assert window.attached and window.app is app_services
    assert window.database_label.text() == f"Database: {app_services.path.name}"
    assert _built(window) == ["Dashboard"]
    assert window.stack.currentWidget() is window.pages["Dashboard"]
    people = window.show_page("People")
    assert window.stack.currentWidget() is people
    assert type(people).__name__ == "PeoplePage"
    assert _built(window) == ["Dashboard", "People"]
    # Looking a page up builds it in its place in the sidebar order.
    sync = window.pages["Sync"]
    assert window.stack.indexOf(sync) == list(window.pages).index("Sync")
    assert window.pages.get("Sync") is sync and window.pages.get("Nowhere") is None
    with pytest.raises(RuntimeError):
        window.attach(app_services)
    window.ops.wait()  # qtbot closes the window


def test_a_window_made_with_its_services_is_ready_at_once(
    qtbot: QtBot, app_services: AppServices
) -> None:
    window = MainWindow(app_services)
    qtbot.addWidget(window)
    assert window.attached
    assert window.sidebar.currentRow() == 0
    assert _built(window) == ["Dashboard"]
    assert len(list(window.pages.values())) == len(PAGES)  # values() builds the rest
    assert _built(window) == [str(spec.key) for spec in PAGES]
    window.ops.wait()  # qtbot closes the window


def test_the_host_gives_the_frame_its_database(qtbot: QtBot, app_services: AppServices) -> None:
    frame = MainWindow()
    qtbot.addWidget(frame)
    host = WindowHost(lambda _path, _create: None)
    shown = host.show(app_services, frame=frame)
    assert shown is frame and frame.attached
    frame.ops.wait()  # qtbot closes the window
    host.services = None  # the fixture closes the database


@pytest.mark.allow_warnings  # the refusal is logged
def test_a_refused_database_closes_the_frame_and_says_why(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda _p, _t, text, *a, **k: said.append(text))
    frames: list[MainWindow] = []
    show_frame = application.show_frame

    def remember(path: Path) -> MainWindow:
        frames.append(show_frame(path))
        qtbot.addWidget(frames[-1])
        return frames[-1]

    monkeypatch.setattr(application, "show_frame", remember)
    folder = tmp_path / "a-folder.sqlite3"
    folder.mkdir()
    assert application.run(folder, demo_people=0, logfile=tmp_path / "log") == 1
    assert "is not a database file" in said[0]
    [frame] = frames
    assert not frame.attached and not frame.isVisible()
