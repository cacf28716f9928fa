"""The `saypro` command line, as a script or an organiser at a terminal would use it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from saypro_desktop.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_set_show_delete(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.sqlite3")
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "people",
        "add",
        "--first-name",
        "Lwazi",
        "--last-name",
        "Ngcobo",
        "--email",
        "lwazi@example.org",
        "--phone",
        "072 000 1111",
    )
    assert code == 0
    person_id = out.strip()

    code, out, _ = run(capsys, "--db", db, "people", "list", "--json", "--search", "lwaz")
    assert code == 0
    listed = json.loads(out)
    assert [(p["id"], p["first_name"], p["last_name"], p["email"], p["phone"]) for p in listed] == [
        (person_id, "Lwazi", "Ngcobo", "lwazi@example.org", "+27720001111")
    ]
    assert "organisation" in listed[0]

    code, out, _ = run(
        capsys, "--db", db, "people", "set", person_id, "city=Umlazi", "job_title=Organiser"
    )
    assert code == 0 and "city: None -> 'Umlazi'" in out

    code, out, _ = run(capsys, "--db", db, "people", "show", person_id, "--json")
    shown = json.loads(out)
    assert (shown["city"], shown["job_title"]) == ("Umlazi", "Organiser")

    code, out, _ = run(capsys, "--db", db, "people", "delete", person_id)
    assert code == 0
    code, out, _ = run(capsys, "--db", db, "people", "list", "--json")
    assert json.loads(out) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["people", "set", "01a1fd6d-d4da-7000-98c5-35a71c7f34dd", "city=X"], "no person with id"),
        (["people", "add", "--first-name", "A", "--email", "nope"], "email: 'nope' is not an"),
        (["people", "set", "x", "city"], "'city' is not FIELD=VALUE"),
    ],
)
def test_errors_are_one_clear_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "--db", str(tmp_path / "e.sqlite3"), *args)
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and message in err


def test_a_newer_database_is_refused_with_a_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    path = tmp_path / "newer.sqlite3"
    assert run(capsys, "--db", str(path), "people", "list")[0] == 0
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num='9999'")
    con.commit()
    con.close()
    code, _, err = run(capsys, "--db", str(path), "people", "list")
    assert code == 1 and "newer version of SayPro Desktop" in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("saypro 0.")
