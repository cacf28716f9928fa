"""`saypro demo` writes a coalition that is alive on the day it is made."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

from saypro_desktop.cli import main


def test_demo_runs_up_to_today_so_events_are_coming(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    assert main(["--db", str(path), "demo", "--people", "200"]) == 0
    today = date.today()
    with sqlite3.connect(path) as con:
        coming = con.execute(
            "SELECT count(*) FROM events WHERE starts_at >= ? AND deleted_at IS NULL",
            (today.isoformat(),)).fetchone()[0]
        latest = con.execute("SELECT max(occurred_at) FROM interactions").fetchone()[0]
    assert coming > 0, "an event is coming up"
    newest = date.fromisoformat(latest[:10])
    assert today - timedelta(days=60) <= newest <= today + timedelta(days=60)


def test_demo_as_of_a_day_gives_the_same_data_twice(tmp_path: Path) -> None:
    rows = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.sqlite3"
        assert main(["--db", str(path), "demo", "--people", "60", "--as-of", "2026-03-02"]) == 0
        with sqlite3.connect(path) as con:
            rows.append(con.execute(
                "SELECT first_name, last_name, email FROM people ORDER BY last_name, first_name,"
                " email").fetchall())
    assert rows[0] == rows[1] and rows[0]
