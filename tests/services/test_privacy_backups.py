"""An erasure reaches every copy the app keeps; backups cost what they protect."""

from __future__ import annotations

import os
import time
from pathlib import Path

from saypro_desktop.db.backup import (
    KEEP_BACKUPS,
    latest_backup,
    list_backups,
    safety_backup,
)
from saypro_desktop.services import people
from saypro_desktop.services.exports import export_people
from saypro_desktop.services.imports import plan_import, run_import
from saypro_desktop.services.privacy import erase_person
from saypro_desktop.services.workspace import open_workspace

EMAIL = "zanele.khumalo.unique@example.org"
PHONE = "+27825559876"


def _files_holding(folder: Path, needle: bytes) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and needle in path.read_bytes():
            found.append(path.name)
    return found


def test_an_erased_person_is_in_no_file_under_the_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    db = open_workspace(data / "saypro.sqlite3", create_folder=True)  # the app data folder
    try:
        person = people.add_person(db, {"first_name": "Zanele", "last_name": "Khumalo",
                                        "email": EMAIL, "phone": "082 555 9876"})
        contacts = tmp_path / "contacts.csv"
        contacts.write_text("First name,Last name,Email\nSipho,Dlamini,sipho@example.org\n",
                            encoding="utf-8")
        run_import(db, plan_import(db, contacts))  # takes the day's backup, with Zanele in it
        assert latest_backup(db.path) is not None
        assert _files_holding(data, EMAIL.encode()), "the test must see her before erasure"
        export = tmp_path / "outside" / "people.csv"
        export.parent.mkdir()
        export_people(db, export, "csv")

        report = erase_person(db, person)
    finally:
        db.dispose()
    assert report.backups_scrubbed == 1
    assert [w.path for w in report.files_to_check] == [export.resolve()]
    for needle in (EMAIL, PHONE, "Khumalo"):
        assert _files_holding(data, needle.encode()) == [], needle


def test_small_imports_share_the_days_backup_and_large_ones_always_take_one(
    tmp_path: Path,
) -> None:
    db = open_workspace(tmp_path / "saypro.sqlite3")
    try:
        people.add_person(db, {"first_name": "Ayanda", "last_name": "Zulu"})
        first = safety_backup(db.path, "before-import", large=False)
        assert first is not None
        assert safety_backup(db.path, "before-import", large=False) is None
        assert safety_backup(db.path, "before-import", large=True) is not None
        # A day later a small import takes a fresh copy.
        day_ago = time.time() - 25 * 3600
        for backup in list_backups(db.path):
            os.utime(backup, (day_ago, day_ago))
        assert safety_backup(db.path, "before-import", large=False) is not None
        newest = latest_backup(db.path)
        assert newest is not None and oct(newest.stat().st_mode & 0o777) == "0o600"
        assert oct(newest.parent.stat().st_mode & 0o777) == "0o700"
    finally:
        db.dispose()


def test_backups_are_bounded_in_number_and_size(tmp_path: Path) -> None:
    db = open_workspace(tmp_path / "saypro.sqlite3")
    try:
        people.add_person(db, {"first_name": "Ayanda", "last_name": "Zulu"})
        for _ in range(KEEP_BACKUPS + 3):
            safety_backup(db.path, "before-import", large=True)
        backups = list_backups(db.path)
        assert 1 <= len(backups) <= KEEP_BACKUPS
        total = sum(b.stat().st_size for b in backups)
        wal = db.path.with_name(db.path.name + "-wal")
        own = db.path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
        assert total <= 2 * own or len(backups) == 1
    finally:
        db.dispose()
