"""A damaged database, a mistyped path, another program's write lock: one clear line each."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from saypro_desktop.db import engine
from saypro_desktop.db.migrate import open_database
from saypro_desktop.db.recovery import restore_latest
from saypro_desktop.domain.errors import DatabaseBusyError, DatabaseDamagedError, DatabaseOpenError
from saypro_desktop.services.people import add_person, count_people
from saypro_desktop.services.workspace import open_workspace


def _with_backup(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "saypro.sqlite3"
    db = open_workspace(path)
    add_person(db, {"first_name": "Nomvula", "last_name": "Mahlangu"})
    db.dispose()
    backups = tmp_path / "backups"
    backups.mkdir(exist_ok=True)
    backup = backups / "saypro-20260301-080000-000000-daily.sqlite3"
    shutil.copyfile(path, backup)
    return path, backup


def _damage(path: Path) -> bytes:
    data = bytearray(path.read_bytes())
    data[4096:12288] = b"\xff" * 8192  # overwrite pages of the schema and tables
    path.write_bytes(bytes(data))
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)
    return bytes(data)


@pytest.mark.parametrize("how", ["overwritten", "truncated"])
def test_a_damaged_database_names_the_backup_and_is_left_as_it_was(
    tmp_path: Path, how: str
) -> None:
    path, backup = _with_backup(tmp_path)
    if how == "truncated":
        path.write_bytes(path.read_bytes()[:6000])
        damaged = path.read_bytes()
    else:
        damaged = _damage(path)
    with pytest.raises(DatabaseDamagedError) as caught:
        open_database(path)
    message = str(caught.value)
    assert "\n" not in message and "is damaged" in message
    assert str(backup) in message
    assert caught.value.backup == backup
    assert path.read_bytes() == damaged  # nothing touched


def test_restoring_keeps_the_damaged_file_aside(tmp_path: Path) -> None:
    path, backup = _with_backup(tmp_path)
    damaged = _damage(path)
    aside, restored = restore_latest(path)
    assert restored == backup
    assert aside.read_bytes() == damaged and "damaged" in aside.name
    db = open_database(path)
    try:
        assert count_people(db) == 1
    finally:
        db.dispose()


def test_without_a_backup_the_message_says_so(tmp_path: Path) -> None:
    path = tmp_path / "saypro.sqlite3"
    open_workspace(path).dispose()
    _damage(path)
    with pytest.raises(DatabaseDamagedError, match="there is no backup"):
        open_database(path)


def test_a_path_into_a_missing_folder_or_at_a_device_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseOpenError, match="does not exist"):
        open_database(tmp_path / "Documnets" / "saypro.sqlite3")
    assert not (tmp_path / "Documnets").exists()
    with pytest.raises(DatabaseOpenError, match="not a database file"):
        open_database(Path("/dev/null"))
    db = open_database(tmp_path / "app-data" / "saypro.sqlite3", create_folder=True)
    assert db.created
    db.dispose()
    again = open_database(tmp_path / "app-data" / "saypro.sqlite3")
    assert not again.created
    again.dispose()


class _Holder(threading.Thread):
    """Another program: takes the write lock and keeps it for ``seconds``."""

    def __init__(self, path: Path, seconds: float) -> None:
        super().__init__()
        self.path, self.seconds = path, seconds
        self.locked = threading.Event()

    def run(self) -> None:
        con = sqlite3.connect(self.path, isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        self.locked.set()
        time.sleep(self.seconds)
        con.execute("COMMIT")
        con.close()


def test_reads_and_opening_never_wait_for_another_writer(tmp_path: Path) -> None:
    path = tmp_path / "saypro.sqlite3"
    open_workspace(path).dispose()
    holder = _Holder(path, 1.0)
    holder.start()
    holder.locked.wait()
    started = time.monotonic()
    db = open_workspace(path)  # the device exists: opening only reads
    try:
        assert count_people(db) == 0
        assert time.monotonic() - started < 0.8
    finally:
        db.dispose()
        holder.join()


def test_a_waiting_writer_says_so_once_then_writes(tmp_path: Path) -> None:
    path = tmp_path / "saypro.sqlite3"
    db = open_workspace(path)
    waits: list[float] = []
    db.on_wait = lambda: waits.append(time.monotonic())
    holder = _Holder(path, 0.8)
    holder.start()
    holder.locked.wait()
    try:
        add_person(db, {"first_name": "Lerato"})
        assert len(waits) == 1
        assert count_people(db) == 1
    finally:
        holder.join()
        db.dispose()


def test_a_writer_that_waits_too_long_fails_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "WRITE_WAIT_MS", 300)
    path = tmp_path / "saypro.sqlite3"
    db = open_workspace(path)
    holder = _Holder(path, 1.5)
    holder.start()
    holder.locked.wait()
    try:
        with pytest.raises(DatabaseBusyError, match="another import is still running"):
            add_person(db, {"first_name": "Lerato"})
    finally:
        holder.join()
    assert count_people(db) == 0
    add_person(db, {"first_name": "Lerato"})  # the lock is free again: writes work
    assert count_people(db) == 1
    db.dispose()
