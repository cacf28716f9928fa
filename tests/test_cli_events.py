"""`saypro events` and `saypro signin` as a script or an organiser at a terminal uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from saypro_desktop.cli import main


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_evening_from_the_command_line(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "cli.sqlite3"
    code, out, _ = run(capsys, db, "events", "add", "--title", "Soweto town hall", "--type",
                       "town_hall", "--start", "2026-12-05 18:00", "--end", "2026-12-05 20:00",
                       "--venue", "Orlando Hall")
    assert code == 0
    event = out.strip()
    _, out, _ = run(capsys, db, "people", "add", "--first-name", "Sipho", "--last-name",
                    "Ndlovu")
    person = out.strip()

    code, out, _ = run(capsys, db, "signin", event, person, "--json")
    assert code == 0 and json.loads(out)["already_signed_in"] is False
    code, out, _ = run(capsys, db, "signin", event, person)
    assert code == 0 and "already signed in" in out
    code, out, _ = run(capsys, db, "signin", event, "--walk-in", "--first-name", "Zanele",
                       "--last-name", "Khumalo", "--phone", "083 555 0101", "--consent",
                       "email,sms", "--email", "zanele@example.org")
    assert code == 0 and "Zanele K." in out

    code, out, _ = run(capsys, db, "events", "show", event, "--json")
    shown = json.loads(out)
    assert {k: shown[k] for k in ("attendees", "walk_ins", "new_people", "returning",
                                  "consents", "signatures")} == {
        "attendees": 2, "walk_ins": 1, "new_people": 2, "returning": 0, "consents": 2,
        "signatures": 0}
    assert shown["consents_by_channel"] == {"email": 1, "sms": 1}
    assert shown["title"] == "Soweto town hall" and shown["type"] == "town_hall"

    code, out, _ = run(capsys, db, "events", "list", "--json")
    assert [(e["id"], e["attendees"], e["walk_ins"]) for e in json.loads(out)] == [
        (event, 2, 1)]

    code, out, _ = run(capsys, db, "signin", "undo", event, person)
    assert code == 0 and "undone" in out
    code, out, _ = run(capsys, db, "events", "show", event, "--json")
    assert json.loads(out)["attendees"] == 1

    target = tmp_path / "came.csv"
    code, out, _ = run(capsys, db, "events", "export", event, "--out", str(target))
    assert code == 0 and "exported 1" in out
    assert "Khumalo" in target.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("args, message", [
    (["events", "add", "--title", "T", "--type", "picnic", "--start", "2026-12-05 18:00"],
     "not an event type"),
    (["events", "add", "--title", "T", "--type", "rally", "--start", "soon"],
     "expected YYYY-MM-DD HH:MM"),
    (["events", "show", "0190a0b0-0000-7000-8000-000000000000", "--json"], "no event with id"),
    (["signin", "only-one-word"], "give the event and the person"),
    (["signin", "undo", "x"], "undo takes the event and the person"),
    (["signin", "e", "--walk-in", "--first-name", "A"], "first and a last name"),
])
def test_errors_are_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        args: list[str], message: str) -> None:
    code, out, err = run(capsys, tmp_path / "cli.sqlite3", *args)
    assert code == 1 and out == ""
    assert message in err and err.count("\n") == 1
