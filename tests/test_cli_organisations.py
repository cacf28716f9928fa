"""`saypro org ...` as a script or an organiser at a terminal uses it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from saypro_desktop.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_set_stage_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(tmp_path / "cli.sqlite3")]
    code, out, _ = run(capsys, *db, "org", "add", "--name", "Ubuntu Legal Aid Clinic",
                       "--category", "legal aid", "--email", "info@ubuntu.example.org",
                       "--phone", "011 555 1234", "--region", "Gauteng")
    assert code == 0
    org_id = out.strip()
    run(capsys, *db, "org", "add", "--name", "Faith Kitchen", "--category", "faith_based")

    code, out, _ = run(capsys, *db, "org", "list", "--json", "--search", "ubun")
    assert code == 0
    [row] = json.loads(out)
    assert (row["id"], row["phone"], row["category"]) == (org_id, "+27115551234", "legal_aid")

    code, out, _ = run(capsys, *db, "org", "set", org_id, "level=local", "city=Soweto")
    assert (code, out) == (0, "level: (empty) → Local\ncity: (empty) → Soweto\n")

    code, out, _ = run(capsys, *db, "org", "stage", org_id, "meeting scheduled")
    assert (code, out.strip()) == (0, "Identified → Meeting scheduled")
    code, out, _ = run(capsys, *db, "org", "list", "--stage", "meeting_scheduled")
    assert out.split("\t")[:4] == [org_id, "Ubuntu Legal Aid Clinic", "Legal aid",
                                   "Meeting scheduled"]

    code, _, _ = run(capsys, *db, "org", "assess", org_id, "--shared-values", "4",
                     "--mission-alignment", "5", "--operational-compatibility", "3",
                     "--priority", "high", "--strengths", "Paralegals in every ward")
    assert code == 0
    code, out, _ = run(capsys, *db, "org", "show", org_id, "--json")
    shown = json.loads(out)
    assert shown["assessment"]["mission_alignment"] == 5
    assert shown["priority"] == "high"
    assert [(m["from"], m["to"]) for m in shown["stage_history"]] == [
        ("identified", "meeting_scheduled"), (None, "identified")]
    assert shown["members"] == []

    code, out, _ = run(capsys, *db, "org", "show", org_id)
    assert "Pipeline stage: Meeting scheduled" in out
    assert "meeting_scheduled" not in out  # labels, not stored values


def test_errors_are_one_line_and_list_the_choices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(tmp_path / "cli.sqlite3")]
    code, _, err = run(capsys, *db, "org", "add", "--name", "X", "--category", "shop")
    assert code == 1
    assert err.count("\n") == 1
    assert "'shop' is not one of: Social service provider (social_service_provider)" in err
    _, org_id, _ = run(capsys, *db, "org", "add", "--name", "Y")
    code, _, err = run(capsys, *db, "org", "stage", org_id.strip(), "signed")
    assert code == 1
    assert "Meeting scheduled (meeting_scheduled)" in err and err.count("\n") == 1
    code, _, err = run(capsys, *db, "org", "show", "no-such-id", "--json")
    assert (code, err) == (1, "saypro: no organisation with id no-such-id\n")
