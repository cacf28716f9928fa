"""``saypro outreach / followups / meetings / commitments / concerns / outbox``."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest

from saypro_desktop.cli import main
from saypro_desktop.services import people
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.organisations import add_organisation
from tests.services.test_outreach import give_consent


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def setup(tmp_path: Path) -> tuple[str, dict[str, str]]:
    path = tmp_path / "cli.sqlite3"
    app = AppServices.open(path)
    try:
        ours = add_organisation(app.db, {"name": "SayPro"})
        org = add_organisation(app.db, {"name": "Umlazi Care Network",
                                        "pipeline_stage": "identified"})
        other = add_organisation(app.db, {"name": "Quiet Trust", "pipeline_stage": "identified"})
        me = people.add_person(app.db, {"first_name": "Naledi", "email": "n@saypro.example",
                                        "organisation_id": ours})
        contact = people.add_person(app.db, {"first_name": "Sizwe", "last_name": "Khumalo",
                                             "email": "sizwe@ucn.example",
                                             "organisation_id": org})
        people.add_person(app.db, {"first_name": "Lindiwe", "email": "l@quiet.example",
                                   "organisation_id": other})
        give_consent(app, contact)
        app.coalition.set_profile(our_organisation_id=ours, coordinator_id=me)
    finally:
        app.close()
    return str(path), {"org": org, "other": other, "me": me, "contact": contact}


def test_log_and_close_follow_ups(capsys: pytest.CaptureFixture[str],
                                  setup: tuple[str, dict[str, str]]) -> None:
    db, ids = setup
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    code, out, _ = run(capsys, "--db", db, "outreach", "log", "--org", ids["org"], "--type",
                       "phone", "--date", f"{yesterday} 10:30", "--summary", "First call",
                       "--outcome", "interested", "--follow-up", yesterday)
    assert code == 0
    interaction_id = out.strip()
    assert len(interaction_id) == 36
    code, out, _ = run(capsys, "--db", db, "followups", "--due", "--json")
    [task] = json.loads(out)
    assert task["what"] == "Follow up: First call" and task["organisation"] == \
        "Umlazi Care Network"
    assert task["overdue"] is True and task["id"]
    code, out, _ = run(capsys, "--db", db, "followups", "done", task["id"])
    assert code == 0 and out.strip() == task["id"]
    code, out, _ = run(capsys, "--db", db, "followups", "--json")
    assert json.loads(out) == []


@pytest.mark.parametrize(("args", "message"), [
    (("--date", "2026-02-30"), "date: 2026-02-30 does not exist on the calendar"),
    (("--date", "30/01/2026"), "date: '30/01/2026' is not a date; expected YYYY-MM-DD"),
    (("--date", "2026-01-30 25:00"), "date: 25:00 is not a time of day"),
])
def test_impossible_dates_are_one_clear_line(
    capsys: pytest.CaptureFixture[str], setup: tuple[str, dict[str, str]],
    args: tuple[str, ...], message: str,
) -> None:
    db, ids = setup
    code, out, err = run(capsys, "--db", db, "outreach", "log", "--org", ids["org"],
                         "--type", "email", *args)
    assert code == 1 and out == ""
    assert err.startswith(f"saypro: {message}") and err.count("\n") == 1


def test_meetings_actions_commitments_concerns_and_ics(
    capsys: pytest.CaptureFixture[str], setup: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    db, ids = setup
    code, out, _ = run(capsys, "--db", db, "meetings", "add", "--title", "Introductions",
                       "--date", "2026-04-02 14:00", "--type", "briefing", "--org", ids["org"],
                       "--attendee", ids["contact"], ids["me"], "--end", "15:30")
    assert code == 0
    meeting_id = out.strip()
    code, out, _ = run(capsys, "--db", db, "meetings", "action", meeting_id, "--what",
                       "Send the data", "--owner", ids["contact"], "--due", "2026-04-09")
    action_id = out.strip()
    code, out, _ = run(capsys, "--db", db, "meetings", "action", meeting_id, "--what",
                       "Host the forum", "--owner", ids["org"])
    assert code == 0
    code, out, _ = run(capsys, "--db", db, "commitments", "add", "--org", ids["org"],
                       "--kind", "volunteers", "--quantity", "12", "--meeting", meeting_id)
    assert code == 0 and len(out.strip()) == 36
    code, out, _ = run(capsys, "--db", db, "concerns", "add", "--person", ids["contact"],
                       "--category", "access", "--text", "The office is 40 km away")
    assert code == 0
    code, out, _ = run(capsys, "--db", db, "meetings", "show", meeting_id, "--json")
    shown = json.loads(out)
    assert shown["id"] == meeting_id and shown["kind_label"] == "Briefing"
    first = shown["actions"][0]
    assert (first["id"], first["owner"]) == (action_id, "Sizwe Khumalo")
    assert shown["actions"][1]["organisation"] == "Umlazi Care Network"
    assert shown["commitments"][0]["amount"] == 12.0
    code, out, _ = run(capsys, "--db", db, "meetings", "list", "--json")
    assert [m["id"] for m in json.loads(out)] == [meeting_id]
    ics = tmp_path / "meeting.ics"
    code, out, _ = run(capsys, "--db", db, "meetings", "ics", meeting_id, "--out", str(ics))
    assert code == 0
    [event] = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert event.decoded("dtend").hour == 15

    code, out, err = run(capsys, "--db", db, "meetings", "action", meeting_id, "--what", "X",
                         "--owner", "nobody")
    assert code == 1 and "no person or organisation with id nobody" in err


def test_outbox_writes_drafts_for_a_stage_and_lists_the_skipped(
    capsys: pytest.CaptureFixture[str], setup: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    db, ids = setup
    out_dir = tmp_path / "outbox"
    code, out, err = run(capsys, "--db", db, "outbox", "write", "--template",
                         "introduction-attend-meeting", "--stage", "identified", "--out",
                         str(out_dir))
    assert code == 0
    [line] = out.strip().splitlines()
    interaction_id, path = line.split("\t")
    assert len(interaction_id) == 36
    assert Path(path).parent == out_dir and Path(path).suffix == ".eml"
    assert err.strip() == ("skipped Lindiwe (Quiet Trust): has not given consent to be "
                           "contacted by email")
    code, out, err = run(capsys, "--db", db, "outbox", "write", "--template", "nope",
                         "--org", ids["org"], "--out", str(out_dir))
    assert code == 1 and "no template called 'nope'" in err
