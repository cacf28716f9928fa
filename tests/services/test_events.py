"""Events, RSVP lists, sheet codes, sign-ins, walk-ins, undo and the numbers."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from saypro_desktop.db.changelog import change_log
from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Consent, DuplicateCandidate, SignIn
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.services import people
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.events import code_for
from saypro_desktop.services.events_desk import mask_email, mask_phone
from saypro_desktop.services.events_signin import (
    CONSENT_WORDING,
    CONSENT_WORDING_VERSION,
    DeskInfo,
    WalkIn,
)

DESK = DeskInfo("Front door", "Lerato")


@pytest.fixture
def app(db: Database) -> AppServices:
    return AppServices(db)


def _event(app: AppServices, **extra: object) -> str:
    fields = {"title": "Soweto town hall", "kind": "town_hall", "starts_at": "2026-12-05 18:00",
              "venue": "Orlando Community Hall", "area": "Soweto", **extra}
    return app.events.add_event(fields)


def _person(app: AppServices, first: str, last: str, **extra: str) -> str:
    return people.add_person(app.db, {"first_name": first, "last_name": last, **extra})


def test_an_event_is_added_listed_and_refuses_bad_input(app: AppServices) -> None:
    eid = _event(app, ends_at="2026-12-05 20:30", expected_attendance="120",
                 organisers="Lerato, Sipho")
    detail = app.events.get_event(eid)
    assert detail.starts_at == datetime(2026, 12, 5, 18, 0)
    assert detail.fields["expected_attendance"] == 120
    assert detail.kind_label == "Town hall"
    assert [e.id for e in app.events.list_events()] == [eid]
    with pytest.raises(ValidationError, match="not an event type"):
        _event(app, kind="picnic")
    with pytest.raises(ValidationError, match="expected YYYY-MM-DD HH:MM"):
        _event(app, starts_at="5th of December")
    with pytest.raises(ValidationError, match="end is before the start"):
        _event(app, ends_at="2026-12-05 17:00")
    with pytest.raises(NotFoundError):
        app.events.get_event("nope")


def test_row_codes_are_short_and_stable() -> None:
    assert [code_for(i) for i in (0, 6, 19, 20, 479, 480)] == ["A1", "A7", "A20", "B1", "Z20",
                                                               "AA1"]


def test_sheet_rows_keep_their_codes_when_the_list_changes(app: AppServices) -> None:
    eid = _event(app)
    ids = [_person(app, f"P{i}", "Dlamini") for i in range(25)]
    assert app.events.add_rsvps(eid, ids[:22]) == 22
    assert app.events.add_rsvps(eid, ids[:3]) == 0  # already on the list
    rows = app.events.sheet_rows(eid)
    assert [r.code for r in rows][:3] == ["A1", "A2", "A3"]
    assert rows[20].code == "B1" and rows[20].person_id == ids[20]
    app.events.remove_rsvp(eid, ids[1])
    app.events.add_rsvps(eid, ids[22:])
    after = {r.person_id: r.code for r in app.events.sheet_rows(eid)}
    assert after[ids[20]] == "B1"  # unchanged by the removal and the additions
    assert ids[1] not in after
    assert after[ids[24]] == "B5"
    found = app.events.row_code(eid, " b1 ")
    assert found is not None and found.person_id == ids[20]
    assert app.events.row_code(eid, "A2") is None


def test_the_desk_lists_nothing_before_three_characters_and_at_most_five(
        app: AppServices) -> None:
    eid = _event(app)
    for i in range(8):
        _person(app, "Thandiwe", f"Mokoena{i}", email=f"thandi{i}@gmail.com",
                phone=f"08212345{i:02d}", city="Soweto")
    desk = app.events.signin
    assert desk.desk_matches(eid, "th") == []
    assert desk.desk_matches(eid, "t h") == []
    matches = desk.desk_matches(eid, "tha")
    assert len(matches) == 5
    first = matches[0]
    assert first.name.startswith("Thandiwe M") and first.name.endswith(".")
    assert first.area == "Soweto"
    assert first.contact.startswith("•••• ") and len(first.contact) == 9
    text = repr(matches)
    assert "@" not in text and "0821" not in text and "Mokoena" not in text
    assert desk.desk_matches(eid, "THANDÏWE mokoena3")[0].contact == "•••• 4503"


def test_masks() -> None:
    assert mask_phone("+27821234321") == "•••• 4321"
    assert mask_email("thandi@gmail.com") == "t•••@g•••.com"
    assert mask_email("x@saypro.org.za") == "x•••@s•••.org.za"
    assert mask_phone(None) == mask_email("") == ""


def test_sign_in_once_with_consent_and_signature(app: AppServices) -> None:
    petition = app.events.add_petition("Fund the clinics")
    eid = _event(app, petition_id=petition)
    pid = _person(app, "Sipho", "Ndlovu")
    desk = app.events.signin
    result = desk.sign_in(eid, pid, desk=DESK, consents=["email", "sms"], sign_petition=True)
    assert not result.already and result.name == "Sipho N."
    again = desk.sign_in(eid, pid, desk=DESK, consents=["whatsapp"])
    assert again.already and again.signed_in_at == result.signed_in_at
    with app.db.reading() as session:
        consents = session.execute(select(Consent)).scalars().all()
        assert {(c.channel, c.wording, c.wording_version) for c in consents} == {
            ("email", CONSENT_WORDING["email"], CONSENT_WORDING_VERSION),
            ("sms", CONSENT_WORDING["sms"], CONSENT_WORDING_VERSION)}
        row = session.execute(select(SignIn)).scalar_one()
        assert (row.desk, row.taken_by, row.source) == ("Front door", "Lerato", "desk")
    numbers = app.events.figures(eid)
    assert (numbers.attendees, numbers.signatures, numbers.consents) == (
        1, 1, {"email": 1, "sms": 1})
    attendance = desk.attendance(eid)
    assert [(a.name, a.consents, a.signed_petition) for a in attendance] == [
        ("Sipho Ndlovu", ("email", "sms"), True)]


def test_a_repeat_sign_in_writes_nothing(app: AppServices) -> None:
    eid = _event(app)
    pid = _person(app, "Sipho", "Ndlovu")
    app.events.signin.sign_in(eid, pid)
    with app.db.reading() as session:
        before = session.execute(select(change_log.c.seq)).all()
    assert app.events.signin.sign_in(eid, pid).already
    with app.db.reading() as session:
        assert session.execute(select(change_log.c.seq)).all() == before


def test_undo_takes_back_the_sign_in_its_consents_and_signature(app: AppServices) -> None:
    petition = app.events.add_petition("Fund the clinics")
    eid = _event(app, petition_id=petition)
    pid = _person(app, "Sipho", "Ndlovu")
    desk = app.events.signin
    desk.sign_in(eid, pid, consents=["email"], sign_petition=True)
    desk.undo_sign_in(eid, pid)
    numbers = app.events.figures(eid)
    assert (numbers.attendees, numbers.signatures, numbers.consents) == (0, 0, {})
    with pytest.raises(NotFoundError, match="not signed in"):
        desk.undo_sign_in(eid, pid)
    assert not desk.sign_in(eid, pid).already  # can be signed in again
    assert app.events.figures(eid).attendees == 1


def test_walk_in_is_created_offered_back_and_queued_as_possible_duplicate(
        app: AppServices) -> None:
    eid = _event(app)
    old = _person(app, "Thandiwe", "Mokoena", city="Soweto", phone="0821234321")
    desk = app.events.signin
    offers = desk.returning_matches(eid, WalkIn("Tandiwe", "Mokoena", area="soweto"))
    assert [o.person_id for o in offers] == [old]
    assert offers[0].question == "Are you Thandiwe M. from Soweto?"
    assert desk.returning_matches(eid, WalkIn("Bongani", "Zulu", area="Umlazi")) == []
    result = desk.walk_in(eid, WalkIn("Thandiwe", "Mokoena", phone="082 123 4321",
                                      organisation="Soweto Health Forum", area="Soweto"),
                          consents=["sms"], desk=DESK)
    assert result.new_person and not result.already
    with app.db.reading() as session:
        pairs = session.execute(select(DuplicateCandidate.first_id,
                                       DuplicateCandidate.second_id)).all()
    assert {tuple(sorted(p)) for p in pairs} == {tuple(sorted((old, result.person_id)))}
    detail = people.get_person(app.db, result.person_id)
    assert detail.organisation == "Soweto Health Forum"
    assert detail.fields["city"] == "Soweto"
    numbers = app.events.figures(eid)
    assert (numbers.attendees, numbers.walk_ins, numbers.new_people) == (1, 1, 1)
    with pytest.raises(ValidationError, match="first and a last name"):
        desk.walk_in(eid, WalkIn("Cher", ""))
    with pytest.raises(ValidationError, match="not a channel"):
        desk.walk_in(eid, WalkIn("A", "B"), consents=["carrier pigeon"])


def test_numbers_new_returning_no_shows_and_over_time(app: AppServices) -> None:
    first = _event(app, starts_at="2026-10-01 18:00")
    second = _event(app, title="Umlazi forum", kind="community_forum",
                    starts_at="2026-11-03 18:00")
    a, b, c = (_person(app, n, "Zulu") for n in ("Ayanda", "Bheki", "Cebo"))
    desk = app.events.signin
    desk.sign_in(first, a, source="paper_sheet", sheet_page=1, sheet_row=3)
    app.events.add_rsvps(second, [a, b, c])
    desk.sign_in(second, a)
    desk.sign_in(second, b)
    numbers = app.events.figures(second)
    assert (numbers.attendees, numbers.new_people, numbers.returning, numbers.rsvps,
            numbers.no_shows) == (2, 1, 1, 3, 1)
    assert app.events.figures(first).new_people == 1
    points = app.events.numbers.attendance_over_time()
    assert [(p.period.isoformat(), p.events, p.attendees, p.new_people) for p in points] == [
        ("2026-10-01", 1, 1, 1), ("2026-11-01", 1, 2, 1)]
    row = desk.attendance(first)[0]
    assert row.source_label == "Paper sheet, page 1 row 3"
    assert row.signed_in_at == datetime(2026, 10, 1, 18, 0)
    listed = {e.id: (e.attendees, e.rsvps) for e in app.events.list_events()}
    assert listed == {first: (1, 0), second: (2, 3)}


def test_attendance_exports_formula_safe(app: AppServices, tmp_path: Path) -> None:
    eid = _event(app)
    pid = _person(app, "=HYPERLINK(\"x\")", "Ndlovu", email="s@x.org")
    app.events.signin.sign_in(eid, pid, consents=["email"])
    out = tmp_path / "att.csv"
    assert app.events.export_attendance(eid, out) == 1
    with out.open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["First name", "Last name", "Email"]
    assert not rows[1][0].startswith("=")
    assert rows[1][11] == "Email"
    xlsx = tmp_path / "att.xlsx"
    app.events.export_attendance(eid, xlsx)
    sheet = load_workbook(xlsx).active
    assert sheet is not None and sheet.cell(2, 2).value == "Ndlovu"
    from saypro_desktop.services.written_files import written_files

    assert {Path(f.path).name for f in written_files(app.db)} == {"att.csv", "att.xlsx"}


def test_desk_pin_is_a_salted_hash_in_local_settings(app: AppServices) -> None:
    desk = app.events.signin
    assert not desk.has_pin() and not desk.check_pin("1234")
    with pytest.raises(ValidationError, match="4 to 12 digits"):
        desk.set_pin("12")
    desk.set_pin("2468")
    assert desk.check_pin("2468") and not desk.check_pin("2469")
    from saypro_desktop.db.models import LocalSetting

    with app.db.reading() as session:
        stored = session.get(LocalSetting, "desk_pin")
        assert stored is not None and "2468" not in stored.value
        assert not session.execute(
            select(change_log).where(change_log.c.value.contains("scrypt"))).all()
