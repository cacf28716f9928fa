"""File > New database, Open database and Open recent, as an organiser uses them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from saypro_desktop.services.context import AppServices
from saypro_desktop.ui.application import open_services
from saypro_desktop.ui.databases import RecentDatabases, WindowHost
from saypro_desktop.ui.main_window import MainWindow
from saypro_desktop.ui.people.page import PeoplePage


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every message box the flow shows, by its text (none opens for real)."""
    said: list[str] = []

    def record(_parent: object, _title: str, text: str,
               *args: object) -> QMessageBox.StandardButton:
        said.append(text)
        return QMessageBox.StandardButton.Ok

    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, record)
    return said


@pytest.fixture
def host(qtbot: QtBot, tmp_path: Path) -> WindowHost:
    RecentDatabases().clear()
    window_host = WindowHost(lambda path, _create: open_services(
        path, create_folder=False, logfile=tmp_path / "log.txt"))
    first = AppServices.open(tmp_path / "office.sqlite3")
    first.people.add({"first_name": "Thandiwe", "last_name": "Mokoena"})
    window_host.show(first)
    yield window_host
    if window_host.window is not None:
        window_host.window.close()
    window_host.close()


def window_of(host: WindowHost) -> MainWindow:
    assert isinstance(host.window, MainWindow)
    return host.window


def people_names(window: MainWindow) -> list[str]:
    page = window.show_page("People")
    assert isinstance(page, PeoplePage)
    page.refresh()
    return [str(page.model.index(row, 0).data()) for row in range(page.model.rowCount())]


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def trigger(window: MainWindow, name: str) -> None:
    action = next(a for a in window.actions() if a.objectName() == name)
    action.trigger()


def test_new_database_opens_an_empty_one_and_open_recent_goes_back(
    qtbot: QtBot, host: WindowHost, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
) -> None:
    office = window_of(host)
    assert people_names(office) == ["Thandiwe Mokoena"]

    choose_file(monkeypatch, tmp_path / "town-hall")  # typed without an extension
    trigger(office, "newDatabaseAction")
    laptop = window_of(host)
    assert laptop is not office
    assert laptop.app.path == tmp_path / "town-hall.sqlite3"
    assert laptop.database_label.text() == "Database: town-hall.sqlite3"
    assert people_names(laptop) == []
    assert not office.isVisible()  # the old window and its database are closed
    assert messages == []

    laptop.fill_recent_menu()
    entries = [a for a in laptop.recent_menu.actions() if a.toolTip().endswith(".sqlite3")]
    assert [a.text() for a in entries] == ["&1 office.sqlite3"]
    entries[0].trigger()
    back = window_of(host)
    assert back.app.path.name == "office.sqlite3"
    assert people_names(back) == ["Thandiwe Mokoena"]
    assert RecentDatabases().paths()[:2] == [tmp_path / "office.sqlite3",
                                             tmp_path / "town-hall.sqlite3"]


def test_open_database_shows_the_other_file(
    qtbot: QtBot, host: WindowHost, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
) -> None:
    other = AppServices.open(tmp_path / "soweto.sqlite3")
    other.people.add({"first_name": "Sipho", "last_name": "Dlamini"})
    other.close()
    choose_file(monkeypatch, tmp_path / "soweto.sqlite3")
    trigger(window_of(host), "openDatabaseAction")
    assert people_names(window_of(host)) == ["Sipho Dlamini"]
    assert messages == []


def test_new_database_never_overwrites_a_file(
    qtbot: QtBot, host: WindowHost, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
) -> None:
    precious = tmp_path / "precious.sqlite3"
    precious.write_bytes(b"my notes")
    current = window_of(host)
    choose_file(monkeypatch, precious)
    trigger(current, "newDatabaseAction")
    assert precious.read_bytes() == b"my notes"
    assert window_of(host) is current
    assert messages and "already exists" in messages[0] and "Open database" in messages[0]


def test_a_file_that_is_not_ours_is_refused_and_left_alone(
    qtbot: QtBot, host: WindowHost, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
) -> None:
    foreign = tmp_path / "budget.sqlite3"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE lines (amount REAL)")
    con.commit()
    con.close()
    before = foreign.read_bytes()
    text = tmp_path / "notes.db"
    text.write_text("not a database")
    current = window_of(host)
    for path in (foreign, text):
        choose_file(monkeypatch, path)
        trigger(current, "openDatabaseAction")
        assert window_of(host) is current  # still working on the office database
    assert foreign.read_bytes() == before
    assert "another program's SQLite database" in messages[0]
    assert "not a SayPro Desktop database" in messages[1]
    assert people_names(current) == ["Thandiwe Mokoena"]


def test_a_recent_database_that_was_deleted_is_dropped_from_the_list(
    qtbot: QtBot, host: WindowHost, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
) -> None:
    gone = tmp_path / "old.sqlite3"
    AppServices.open(gone).close()
    RecentDatabases().add(gone)
    gone.unlink()
    window = window_of(host)
    window.database_requested.emit(gone, False)
    assert window_of(host) is window
    assert "no longer there" in messages[0]
    assert gone not in RecentDatabases().paths()
    window.fill_recent_menu()
    assert [a.text() for a in window.recent_menu.actions()] == ["No other databases opened yet"]


def test_the_window_takes_the_days_safety_copy_in_the_background_once_a_day(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """So the day's first small import finds today's copy instead of copying the file."""
    from saypro_desktop.db.backup import list_backups
    from saypro_desktop.ui import databases

    monkeypatch.setattr(databases, "DAILY_COPY_DELAY_MS", 0)
    path = tmp_path / "office.sqlite3"
    services = AppServices.open(path)
    services.people.add({"first_name": "Thandiwe", "last_name": "Mokoena"})
    assert list_backups(path) == []
    host = WindowHost(lambda chosen, _create: open_services(
        chosen, create_folder=False, logfile=tmp_path / "log.txt"))
    host.show(services)
    qtbot.waitUntil(lambda: len(list_backups(path)) == 1, timeout=5000)
    copy = list_backups(path)[0]
    assert "daily" in copy.name
    with sqlite3.connect(copy) as con:  # a whole, readable copy of the database
        assert con.execute("SELECT first_name FROM people").fetchall() == [("Thandiwe",)]
    # Opened again the same day: the copy from this morning stands.
    window_of(host).close()
    host.show(AppServices.open(path))
    qtbot.wait(50)
    assert list_backups(path) == [copy]
    window_of(host).close()
    host.close()
