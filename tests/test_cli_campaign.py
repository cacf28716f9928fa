"""``saypro campaign / objectives / metrics / reforms`` as a script would drive them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from saypro_desktop.cli import main

KEYS = {"contacts_reached", "response_rate", "meetings_held", "commitments_pledged",
        "commitments_delivered", "events_held", "attendance", "new_people",
        "petition_signatures", "concerns_open", "concerns_addressed", "reforms_by_stage",
        "media_reach", "objectives"}


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_campaign_objectives_metrics_and_reforms(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "cli.sqlite3"
    code, out, _ = run(capsys, db, "campaign", "add", "--name", "Dignity", "--start",
                       "2026-02-01", "--end", "2026-03-31")
    assert code == 0
    cid = out.strip()
    code, out, _ = run(capsys, db, "campaign", "list", "--json")
    assert [(c["id"], c["name"], c["start"], c["end"]) for c in json.loads(out)] == [
        (cid, "Dignity", "2026-02-01", "2026-03-31")]
    code, out, _ = run(capsys, db, "objectives", "add", cid, "--kpi", "meetings_held",
                       "--target", "12", "--deadline", "2026-03-31")
    assert code == 0

    code, out, _ = run(capsys, db, "reforms", "add", "--title", "Appeals in 30 days",
                       "--level", "national", "--campaign", cid, "--on", "2026-02-01")
    rid = out.strip()
    pid = (run(capsys, db, "people", "add", "--first-name", "Thabo")[1]).strip()
    assert run(capsys, db, "reforms", "move", rid, "drafted", "--on", "2026-02-10")[0] == 0
    assert run(capsys, db, "reforms", "position", rid, pid, "champion")[0] == 0
    assert run(capsys, db, "reforms", "obstacle", rid, "funding", "No money this year",
               "--response", "Costing study", "--on", "2026-02-12")[0] == 0
    assert run(capsys, db, "reforms", "next", rid, "Brief the committee", "--due",
               "2026-03-01")[0] == 0
    code, out, _ = run(capsys, db, "reforms", "show", rid, "--json")
    shown = json.loads(out)
    assert [e["text"] for e in shown["timeline"]] == [
        "Recorded at Idea", "Moved to Drafted", "Obstacle (funding): No money this year",
        "Thabo: Champion"]  # noted today, without --on
    assert (shown["next_action"], shown["next_action_due"]) == ("Brief the committee",
                                                                "2026-03-01")
    code, out, _ = run(capsys, db, "reforms", "list", "--json")
    listed = json.loads(out)
    assert [(r["id"], r["stage"], r["positions"]) for r in listed] == [
        (rid, "drafted", {"champion": 1})]

    code, out, _ = run(capsys, db, "metrics", "--campaign", cid, "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= KEYS
    assert data["reforms_by_stage"] == {"drafted": 1}
    assert [(o["kpi"], o["target"], o["actual"]) for o in data["objectives"]] == [
        ("meetings_held", 12.0, 0.0)]
    code, out, _ = run(capsys, db, "metrics", "--from", "2026-02-01", "--to", "2026-02-28",
                       "--json")
    assert json.loads(out)["range"] == {"from": "2026-02-01", "to": "2026-02-28",
                                        "campaign_id": None}


@pytest.mark.parametrize("args, message", [
    (("campaign", "add", "--name", "X", "--start", "2026-02-30", "--end", "2026-03-01"),
     "start '2026-02-30' is not a real date"),
    (("campaign", "add", "--name", "X", "--start", "2026-03-01", "--end", "2026-02-01"),
     "ends (2026-02-01) before it starts"),
    (("objectives", "add", "nope", "--kpi", "happiness", "--target", "3", "--deadline",
      "2026-03-01"), "'happiness' is not a measurable figure"),
    (("reforms", "add", "--title", "T", "--level", "galactic"), "'galactic' is not a level"),
    (("reforms", "move", "no-such-id", "tabled"), "no reform with id no-such-id"),
    (("metrics", "--from", "2026-03-01", "--to", "2026-02-01"), "before it starts"),
])
def test_bad_input_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          args: tuple[str, ...], message: str) -> None:
    code, out, err = run(capsys, tmp_path / "cli.sqlite3", *args)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and message in err


def test_reforms_link_and_unlink_a_media_item(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from saypro_desktop.services.context import AppServices

    db = tmp_path / "cli.sqlite3"
    code, out, _ = run(capsys, db, "reforms", "add", "--title", "Appeals in 30 days",
                       "--level", "national", "--on", "2026-02-01")
    rid = out.strip()
    app = AppServices.open(db)
    media = app.media.add("op_ed", "Nine months is too long", outlet="City Press",
                          published_on="2026-02-10")
    app.close()

    def timeline() -> list[str]:
        _code, shown, _err = run(capsys, db, "reforms", "show", rid, "--json")
        return [e["text"] for e in json.loads(shown)["timeline"]]

    assert run(capsys, db, "reforms", "link", rid, "media", media)[0] == 0
    assert "In the media: Nine months is too long (City Press)" in timeline()
    assert run(capsys, db, "reforms", "unlink", rid, "media", media)[:2] == (
        0, "unlinked the media\n")
    assert not any("Nine months" in t for t in timeline())
    code, _out, err = run(capsys, db, "reforms", "unlink", rid, "media", media)
    assert code == 1 and "not linked to this reform" in err
