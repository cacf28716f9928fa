"""The `saypro` command line, as a script or an organiser at a terminal would use it."""

from __future__ import annotations

import argparse
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
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("saypro 0.")


# --- every command, given bad arguments: one line on stderr, exit 1, never a traceback ------


def _leaf_commands() -> list[tuple[list[str], argparse.ArgumentParser]]:
    """Every runnable command (``people list``, ``sync resolve`` ...) with its parser."""
    from saypro_desktop.cli import build_parser

    found: list[tuple[list[str], argparse.ArgumentParser]] = []

    def walk(parser: argparse.ArgumentParser, path: list[str]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            found.append((path, parser))
        for action in subs:
            for name, child in action.choices.items():
                walk(child, [*path, name])

    walk(build_parser(), [])
    return found


def _required(parser: argparse.ArgumentParser, value: str) -> list[str]:
    """The arguments a command cannot run without, all given ``value``."""
    args: list[str] = []
    for action in parser._actions:
        if not action.option_strings and action.dest != "help":
            args.append(value)
        elif action.required:
            args += [action.option_strings[0], value]
    for group in parser._mutually_exclusive_groups:
        if group.required:
            first = group._group_actions[0]
            args += [first.option_strings[0]] + ([] if first.nargs == 0 else [value])
    return args


def _bad_runs(tmp: Path) -> list[list[str]]:
    db = str(tmp / "bad.sqlite3")
    runs: list[list[str]] = []
    for path, parser in _leaf_commands():
        needed = _required(parser, "x")
        runs += [
            ["--db", "/dev/null", *path, *needed],
            ["--db", str(tmp / "no-such-folder" / "x.sqlite3"), *path, *needed],
            ["--db", db, *path, *needed, "--no-such-option"],
            ["--db", str(tmp), *path, *needed],  # a folder, not a file
        ]
        if needed:
            runs.append(["--db", db, *path])  # the required arguments left out
    runs += [
        ["--db", db, "sync", "resolve", "people", "x", "city", "{bad", "--json-value"],
        ["--db", db, "people", "show", "no-such-id"],
        ["--db", db, "people", "set", "no-such-id", "city=Soweto"],
        ["--db", db, "people", "list", "--limit", "many"],
        ["--db", db, "people", "list", "--stage", "nonsense"],
        ["--db", db, "demo", "--people", "3"],
        ["--db", db, "import", str(tmp / "missing.csv")],
        ["--db", db, "import", str(tmp)],
        ["--db", db, "export", "people", "--out", str(tmp / "no-such-folder" / "p.csv")],
        ["--db", db, "export", "people", "--out", str(tmp), "--format", "xlsx"],
        ["--db", db, "export", "people", "--out", str(tmp / "p.csv"), "--consent", "pigeon"],
        ["--db", db, "sync", "import", str(tmp / "missing.sayprobundle")],
        ["--db", db, "sync", "export", "--out", str(tmp)],  # not set up for sync yet
        ["--db", db, "sync", "invite", "Laptop 2", "--out", str(tmp / "i"), "--passphrase", "x"],
        ["--db", db, "sync", "init", "--join", str(tmp / "missing.sayproinvite"),
         "--passphrase", "long enough passphrase"],
        ["--db", db, "sync", "revoke", "nobody"],
        ["--db", db, "nonsense"],
        [],
    ]
    return runs


def test_every_command_with_bad_arguments_says_one_line_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SAYPRO_PASSPHRASE", raising=False)
    runs = _bad_runs(tmp_path)
    assert len(runs) > 60
    commands = {" ".join(path) for path, _ in _leaf_commands()}
    assert {"people list", "import", "export people", "sync resolve", "demo"} <= commands
    for args in runs:
        code, out, err = run(capsys, *args)
        assert code == 1, (args, out, err)
        assert err.count("\n") == 1 and err.startswith("saypro: "), (args, err)
        assert "Traceback" not in err and out == "", (args, out, err)
    assert not (tmp_path / "no-such-folder").exists()
    assert not (tmp_path / "bad.sqlite3").exists()  # failed commands leave no empty database


def test_a_new_database_says_so_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new.sqlite3"
    code, _out, err = run(capsys, "--db", str(path), "people", "list")
    assert code == 0 and err == f"saypro: created a new database at {path}\n"
    code, _out, err = run(capsys, "--db", str(path), "people", "list")
    assert code == 0 and err == ""


def test_the_database_and_its_folder_are_private(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import stat

    from saypro_desktop.services import workspace

    folder = tmp_path / "data"
    monkeypatch.setattr(workspace, "data_dir", lambda: folder)
    import saypro_desktop.cli as cli

    monkeypatch.setattr(cli, "default_database_path",
                        lambda demo=False: folder / workspace.DB_FILENAME)
    assert run(capsys, "people", "add", "--first-name", "Palesa")[0] == 0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for file in folder.glob("saypro.sqlite3*"):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name
    shared = tmp_path / "shared.sqlite3"  # a file someone made readable by all is tightened
    assert run(capsys, "--db", str(shared), "people", "list")[0] == 0
    shared.chmod(0o644)
    assert run(capsys, "--db", str(shared), "people", "list")[0] == 0
    assert stat.S_IMODE(shared.stat().st_mode) == 0o600


def test_each_command_is_found_in_the_area_that_adds_it(
        capsys: pytest.CaptureFixture[str]) -> None:
    """A command builds only its own area's parser: the table saying which area adds which
    command must list exactly what the areas register."""
    from saypro_desktop.cli import AREAS, COMMANDS

    registered: dict[str, object] = {}
    for area in AREAS:
        sub = argparse.ArgumentParser().add_subparsers()
        area.register(sub)
        registered.update(dict.fromkeys(sub.choices, area))
    assert registered == COMMANDS
    # A command's own help, and an unknown command naming every command there is.
    assert main(["metrics", "--help"]) == 0
    assert "--campaign" in capsys.readouterr().out
    assert main(["nonsense"]) == 1
    said = capsys.readouterr().err
    assert "invalid choice" in said and "reforms" in said and "sync" in said
