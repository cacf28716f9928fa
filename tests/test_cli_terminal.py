"""What the CLI prints cannot play tricks on a terminal, and scripts still get the data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from saypro_desktop.cli import main
from saypro_desktop.db.models import Person
from saypro_desktop.services import people
from saypro_desktop.services.unit_of_work import UnitOfWork
from saypro_desktop.services.workspace import open_workspace

HOSTILE = "Evil\x1b]0;pwned\x07 \u202eeman"


def test_stored_escape_sequences_are_shown_not_played(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.sqlite3"
    db = open_workspace(path)
    try:
        person = people.add_person(db, {"first_name": "Thabo", "last_name": "Mokoena"})
        with UnitOfWork(db) as uow:  # as a bundle from another laptop could deliver it
            uow.update(Person, person, {"last_name": HOSTILE})
    finally:
        db.dispose()

    assert main(["--db", str(path), "people", "list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\x1b]0;pwned\\x07" in out and "\\u202e" in out

    assert main(["--db", str(path), "people", "list", "--json"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert json.loads(out)[0]["last_name"] == HOSTILE  # scripts still get the stored value


def test_importing_a_folder_with_no_sync_files_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "usb"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a bundle", encoding="utf-8")
    code = main(["--db", str(tmp_path / "x.sqlite3"), "sync", "import", str(empty)])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "no sync files" in err
