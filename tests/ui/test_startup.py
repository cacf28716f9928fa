"""Opening the window on a damaged database offers to restore the newest backup."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QMessageBox
from pytestqt.qtbot import QtBot

from saypro_desktop.services.people import add_person
from saypro_desktop.services.workspace import open_workspace
from saypro_desktop.ui.application import open_services


def _damaged_with_backup(tmp_path: Path) -> Path:
    path = tmp_path / "saypro.sqlite3"
    db = open_workspace(path)
    add_person(db, {"first_name": "Nomvula", "last_name": "Mahlangu"})
    db.dispose()
    (tmp_path / "backups").mkdir()
    shutil.copyfile(path, tmp_path / "backups" / "saypro-20260301-080000-000000-daily.sqlite3")
    data = bytearray(path.read_bytes())
    data[4096:12288] = b"\xff" * 8192
    path.write_bytes(bytes(data))
    return path


def _answer(monkeypatch: pytest.MonkeyPatch, button_text: str, seen: list[str]) -> None:
    def exec_(box: QMessageBox) -> int:
        seen.append(box.text())
        button: QAbstractButton = next(
            b for b in box.buttons() if b.text().replace("&", "") == button_text)
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _p, _t, text, *a, **k: seen.append(text))


@pytest.mark.allow_warnings  # the damage is logged as an error
def test_restore_the_newest_backup_from_the_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _damaged_with_backup(tmp_path)
    seen: list[str] = []
    _answer(monkeypatch, "Restore the newest backup", seen)
    app = open_services(path, create_folder=False, logfile=tmp_path / "log")
    assert app is not None
    try:
        assert app.people.count() == 1
    finally:
        app.close()
    assert "is damaged" in seen[0] and "saypro-20260301-080000-000000-daily" in seen[0]
    assert "The damaged file is kept as" in seen[1]
    [aside] = tmp_path.glob("saypro-damaged-*.sqlite3")
    assert aside.stat().st_size > 0


@pytest.mark.allow_warnings
def test_quitting_leaves_the_damaged_file_alone(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _damaged_with_backup(tmp_path)
    before = path.read_bytes()
    seen: list[Any] = []
    _answer(monkeypatch, "Quit", seen)
    assert open_services(path, create_folder=False, logfile=tmp_path / "log") is None
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("saypro-damaged-*"))


def test_opening_a_database_of_an_earlier_version_says_it_is_upgrading_first(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gzip

    from PySide6.QtWidgets import QProgressDialog

    from saypro_desktop.ui import application

    older = tmp_path / "older.sqlite3"
    fixture = Path(__file__).parents[1] / "db" / "fixtures" / "schema-f001.sqlite3.gz"
    older.write_bytes(gzip.decompress(fixture.read_bytes()))
    shown: list[QProgressDialog] = []

    def notice(path: Path) -> QProgressDialog:
        made = make_notice(path)
        shown.append(made)
        assert made.isVisible()  # on screen before the upgrade starts
        return made

    make_notice = application._upgrade_notice
    monkeypatch.setattr(application, "_upgrade_notice", notice)
    app = open_services(older, create_folder=False, logfile=tmp_path / "log")
    assert app is not None
    try:
        assert app.people.count() == 1  # the fixture's person, kept
    finally:
        app.close()
    [dialog] = shown
    assert "Upgrading older.sqlite3" in dialog.labelText()
    assert not dialog.isVisible()  # gone once the database is open
    again = open_services(older, create_folder=False, logfile=tmp_path / "log")
    assert again is not None
    again.close()
    assert len(shown) == 1  # up to date now: nothing to say
