"""`saypro import` and `saypro export` as a script would call them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from saypro_desktop.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.realworld
def test_import_json_dry_run_and_exit_codes(
    tmp_path: Path, realworld: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cli.sqlite3")
    mailchimp = str(
        realworld / "organizing/mailchimp_audience_export_sample_tags_apostrophe_gmtoff.csv")
    code, out, err = run(capsys, "--db", db, "import", mailchimp, "--json")
    assert code == 1 and "row 11" in err and err.count("\n") == 1
    report = json.loads(out)
    assert report["refused"] and report["errors"][0]["row"] == 11 and report["created"] == 9

    code, out, _ = run(capsys, "--db", db, "import", mailchimp, "--json", "--dry-run",
                       "--skip-bad-rows")
    assert code == 0 and json.loads(out)["dry_run"] is True
    code, out, _ = run(capsys, "--db", db, "people", "list", "--json")
    assert json.loads(out) == []

    code, out, _ = run(capsys, "--db", db, "import", mailchimp, "--json", "--skip-bad-rows")
    assert code == 0
    report = json.loads(out)
    assert (report["created"], report["skipped"][0]["row"]) == (9, 11)
    code, out, _ = run(capsys, "--db", db, "import", mailchimp, "--skip-bad-rows")
    assert code == 0 and "0 created, 0 updated" in out

    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, out, err = run(capsys, "--db", db, "import", str(empty))
    assert code == 1 and err.startswith("saypro: ") and "empty" in err


def test_export_people_and_calendar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.sqlite3")
    assert run(capsys, "--db", db, "people", "add", "--first-name", "Thabo",
               "--last-name", "Nkosi", "--phone", "082 555 1234")[0] == 0
    for fmt in ("csv", "xlsx", "vcf"):
        out_file = tmp_path / f"people.{fmt}"
        code, out, _ = run(capsys, "--db", db, "export", "people", "--format", fmt,
                           "--out", str(out_file))
        assert code == 0 and out.startswith("1 people written")
        assert out_file.stat().st_size > 0
    assert b"+27825551234" in (tmp_path / "people.vcf").read_bytes()
    code, out, _ = run(capsys, "--db", db, "export", "calendar", "--out", str(tmp_path / "c.ics"))
    assert code == 0 and (tmp_path / "c.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    code, _, err = run(capsys, "--db", db, "export", "people", "--consent", "fax",
                       "--out", str(tmp_path / "x.csv"))
    assert code == 1 and "unknown consent channel" in err
