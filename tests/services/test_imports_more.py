"""Importing organisation lists and calendars exported as CSV, and the files around them.

Names, addresses and times were read off the files in ../shared/realworld themselves
(the Salesforce extract is cp1252: "Crédito", "Pébéo"), not copied from what the code
produced.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from saypro_desktop.cli import main
from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Change, DuplicateCandidate, Meeting, Organisation, Person
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.domain.ids import link_id
from saypro_desktop.services.imports import (
    KINDS,
    BadRowsError,
    plan_import,
    preview,
    run_import,
    save_mapping,
    target_fields,
)
from saypro_desktop.services.organisations import add_organisation

SALESFORCE = "organizations/salesforce_dataloader_account_extract_sample.csv"
GERMAN_CALENDAR = "events/horde_outlook_calendar_export_german_headers.csv"
EVENT_ESPRESSO = "events/eventespresso_attendee_import_cr_only_rowtype_pipes.csv"

ENGLISH_OUTLOOK_HEADERS = (
    '"Subject","Start Date","Start Time","End Date","End Time","All day event",'
    '"Reminder on/off","Reminder Date","Reminder Time","Meeting Organizer",'
    '"Required Attendees","Optional Attendees","Meeting Resources","Billing Information",'
    '"Categories","Description","Location","Mileage","Priority","Private","Sensitivity",'
    '"Show time as"'
)


def count(db: Database, model: type) -> int:
    with db.reading() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def organisations(db: Database) -> dict[str, list[Organisation]]:
    with db.reading() as session:
        found: dict[str, list[Organisation]] = {}
        for org in session.execute(select(Organisation)).scalars():
            found.setdefault(org.name, []).append(org)
        return found


def meetings(db: Database) -> list[Meeting]:
    with db.reading() as session:
        return list(session.execute(select(Meeting).order_by(Meeting.starts_at)).scalars())


# --------------------------------------------------------------------------- organisations


@pytest.mark.realworld
def test_a_salesforce_account_extract_becomes_423_organisations_once(
    db: Database, realworld: Path
) -> None:
    plan = plan_import(db, realworld / SALESFORCE)  # asked for people: it says otherwise
    assert (plan.kind, plan.source, plan.row_count) == ("organisations", "salesforce", 423)
    assert "organisations" in plan.warnings[0] and "Salesforce" in plan.warnings[0]
    assert plan.mapping["NAME"] == "name"
    assert plan.mapping["BILLINGCITY"] == "city"
    assert plan.mapping["WEBSITE"] == "website"
    assert plan.mapping["DESCRIPTION"] == "notes"
    assert "SHIPPINGCITY" not in plan.mapping

    first = preview(db, plan, 2)
    assert [(r.row, r.values["name"], r.action) for r in first] == [
        (2, "Gravity Investments", "create"),
        (3, "BX Video Solutions", "create"),
    ]

    report = run_import(db, plan)
    assert (report.created, report.updated, report.unchanged, report.merged) == (423, 0, 0, 0)
    assert report.skipped == [] and report.errors == []
    assert count(db, Organisation) == 423 and count(db, Person) == 0

    found = organisations(db)
    [credito] = found["Crédito Inmobiliario Terras"]
    assert (credito.city, credito.province) == ("MEXICO", "DISTRITO FEDERAL")
    assert credito.address is not None and credito.address.startswith(
        "00049124 ALEJANDRO DUMAS 103-PH, POLANCO"
    )
    [pebeo] = found["Pébéo of America"]
    assert pebeo.city == "SHERBROOKE"
    [salesforce] = found["salesforce.com"]
    assert (salesforce.website, salesforce.phone, salesforce.city) == (
        "http://www.salesforce.com",
        "+14159017000",
        "San Francisco",
    )
    assert salesforce.notes is not None
    assert salesforce.notes.startswith("Founded in March 1999, salesforce.com")
    assert "Industry: Technology" in salesforce.notes  # not one of our categories
    [media] = found["Global Media"]
    assert media.category == "media"  # INDUSTRY "Media" is one of ours
    # Two Japanese names the export turned into the same "????????????????" are two
    # organisations: their cities ("???" and "????") disagree.
    assert len(found["????????????????"]) == 2

    changes = count(db, Change)
    again = run_import(db, plan_import(db, realworld / SALESFORCE))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 423)
    assert count(db, Organisation) == 423
    assert count(db, Change) == changes  # not even a no-op write
    assert preview(db, plan, 1)[0].action == "already here: Gravity Investments"


def test_organisations_match_by_name_and_fill_only_empty_fields(
    db: Database, tmp_path: Path
) -> None:
    typed = add_organisation(
        db, {"name": "Soweto Youth Forum", "city": "Soweto", "notes": "Typed by an organiser"}
    )
    path = tmp_path / "partners.csv"
    path.write_text(
        "Organisation,Website,Phone,City,Category,Description\n"
        "soweto youth  forum,https://syf.org.za,011 555 1234,Soweto,Youth / student group,"
        "From the partners list\n"
        "Ubuntu Legal Clinic,,021 555 0100,Cape Town,legal aid,\n"
        "UBUNTU LEGAL CLINIC,www.ulc.org.za,,,,\n"
        ",https://nameless.example,,,,\n"
        "Lifeline,,,Durban,Counselling,\n",
        encoding="utf-8",
    )
    plan = plan_import(db, path, kind="organisations")
    assert plan.kind == "organisations" and plan.mapping["Organisation"] == "name"

    with pytest.raises(BadRowsError) as caught:
        run_import(db, plan)
    assert [(e.row, e.message) for e in caught.value.report.errors] == [
        (5, "no name: an organisation needs a name")
    ]
    assert count(db, Organisation) == 1

    report = run_import(db, plan, on_bad_rows="skip")
    assert (report.created, report.updated, report.merged) == (2, 1, 1)
    assert [(s.row, s.message) for s in report.skipped] == [
        (5, "no name: an organisation needs a name")
    ]
    found = organisations(db)
    [syf] = found["Soweto Youth Forum"]
    assert syf.id == typed
    assert (syf.website, syf.phone, syf.category) == (
        "https://syf.org.za",
        "+27115551234",
        "youth_student",
    )
    assert syf.notes == "Typed by an organiser"  # never overwritten
    [ulc] = found["Ubuntu Legal Clinic"]  # two rows, one organisation
    assert (ulc.website, ulc.phone, ulc.category) == ("www.ulc.org.za", "+27215550100", "legal_aid")
    [lifeline] = found["Lifeline"]
    assert lifeline.category is None and lifeline.notes == "Category: Counselling"

    again = run_import(db, plan_import(db, path, kind="organisations"), on_bad_rows="skip")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_the_same_name_in_another_city_is_another_organisation(
    db: Database, tmp_path: Path
) -> None:
    add_organisation(db, {"name": "Lifeline", "city": "Johannesburg"})
    path = tmp_path / "branches.csv"
    path.write_text("Name,City\nLifeline,Durban\nLifeline,johannesburg\n", encoding="utf-8")
    report = run_import(db, plan_import(db, path, kind="organisations"))
    assert (report.created, report.unchanged) == (1, 1)
    assert sorted(o.city or "" for o in organisations(db)["Lifeline"]) == ["Durban", "Johannesburg"]


def test_an_organisations_mapping_can_be_saved_and_reused(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "orgs.csv"
    path.write_text(
        "Company,Sector,Head office\nAcme Trust,Philanthropy,Braamfontein\n", encoding="utf-8"
    )
    plan = plan_import(db, path, kind="organisations")
    assert plan.mapping == {"Company": "name", "Sector": "industry"}
    plan.mapping["Head office"] = "city"
    save_mapping(db, "Partners", plan)
    again = plan_import(db, path, kind="organisations", mapping_name="Partners")
    assert again.mapping["Head office"] == "city"
    (row,) = preview(db, again)
    assert row.values == {"name": "Acme Trust", "category": "philanthropy", "city": "Braamfontein"}


def test_target_fields_for_every_kind() -> None:
    assert KINDS == ("people", "attendees", "organisations", "calendar")
    orgs = dict(target_fields("organisations"))
    assert {"name", "website", "category", "industry", "notes"} <= set(orgs)
    assert "first_name" not in orgs
    calendar = dict(target_fields("calendar"))
    assert {"title", "starts_at", "start_time", "all_day", "location"} <= set(calendar)
    with pytest.raises(ValidationError, match="organisations"):
        target_fields("partners")


# --------------------------------------------------------------------------- calendars


@pytest.mark.realworld
def test_a_german_outlook_calendar_csv_becomes_its_meeting_once(
    db: Database, realworld: Path
) -> None:
    plan = plan_import(db, realworld / GERMAN_CALENDAR)
    assert (plan.kind, plan.source, plan.row_count) == ("calendar", "calendar_csv", 1)
    assert "meetings" in plan.warnings[0]
    assert plan.mapping["Betreff"] == "title"
    assert plan.mapping["Beginnt am"] == "starts_at"
    assert plan.mapping["Beginnt um"] == "start_time"
    assert plan.mapping["Ort"] == "location"
    assert plan.mapping["Ganztägiges Ereignis"] == "all_day"

    report = run_import(db, plan)
    assert (report.created, report.skipped) == (1, [])
    [meeting] = meetings(db)
    assert meeting.title == "Burger Download Session"
    assert meeting.starts_at == dt.datetime(2006, 5, 2, 11, 50)  # "2.5.2006" "11:50:00"
    assert meeting.ends_at == dt.datetime(2006, 5, 2, 13, 0)
    assert meeting.location == "Burger Upload Station (Burger King)"
    assert "Kuhl, Oliver" in (meeting.notes or "")  # the required attendee
    assert meeting.id == link_id("calendar_meeting", "Burger Download Session|2006-05-02 11:50:00")

    again = run_import(db, plan_import(db, realworld / GERMAN_CALENDAR))
    assert (again.created, again.unchanged) == (0, 1)
    assert len(meetings(db)) == 1


def test_an_english_outlook_calendar_csv(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "calendar.csv"
    path.write_text(
        "\r\n".join(
            [
                ENGLISH_OUTLOOK_HEADERS,
                '"Coalition steering committee","3/14/2025","9:30:00 AM","3/14/2025","11:00:00 AM",'
                '"False","True","3/14/2025","9:15:00 AM","Thandi Nkosi",'
                '"Sipho Dube;Lerato Mokoena",'
                ',,,,"Agenda: budget","Soweto Community Hall",,"Normal","False","Normal","2"',
                '"Youth Day march","6/16/2025","12:00:00 AM","6/17/2025","12:00:00 AM","True",'
                '"False",,,,,,,,,,"Orlando Stadium",,"Normal","False","Normal","3"',
                '"Broken row","next Tuesday","9:00:00 AM",,,"False",,,,,,,,,,,,,,,,',
            ]
        )
        + "\r\n",
        encoding="utf-8",
    )
    plan = plan_import(db, path)
    assert plan.kind == "calendar"
    assert plan.mapping["Subject"] == "title" and plan.mapping["Location"] == "location"
    with pytest.raises(BadRowsError) as caught:
        run_import(db, plan)
    assert [e.row for e in caught.value.report.errors] == [4]
    assert meetings(db) == []

    report = run_import(db, plan, on_bad_rows="skip")
    assert report.created == 2 and [s.row for s in report.skipped] == [4]
    steering, march = meetings(db)
    assert steering.title == "Coalition steering committee"
    assert (steering.starts_at, steering.ends_at) == (
        dt.datetime(2025, 3, 14, 9, 30),
        dt.datetime(2025, 3, 14, 11, 0),
    )
    assert steering.location == "Soweto Community Hall"
    assert "Agenda: budget" in (steering.notes or "")
    assert "Sipho Dube;Lerato Mokoena" in (steering.notes or "")
    assert march.starts_at == dt.datetime(2025, 6, 16)  # all day: from midnight
    assert run_import(db, plan_import(db, path), on_bad_rows="skip").created == 0


def test_day_first_dates_are_recognised_across_the_file(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "gb.csv"
    path.write_text(
        "Subject,Start Date,Start Time,Location\n"
        "Budget hearing,03/04/2025,14:00,Parliament\n"
        "Report back,25/04/2025,10:00,Library\n",
        encoding="utf-8",
    )
    run_import(db, plan_import(db, path, kind="calendar"))
    assert [m.starts_at for m in meetings(db)] == [
        dt.datetime(2025, 4, 3, 14, 0),
        dt.datetime(2025, 4, 25, 10, 0),
    ]


def test_a_contact_list_is_not_a_calendar(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Title,First Name,Last Name\nDr,Ayanda,Zulu\n", encoding="utf-8")
    assert plan_import(db, path).kind == "people"  # Outlook's honorific "Title"
    with pytest.raises(ValidationError, match="is not a calendar"):
        plan_import(db, path, kind="calendar")


# --------------------------------------------------------------------------- attendees


@pytest.mark.realworld
def test_event_espresso_attendees_import_as_two_people(db: Database, realworld: Path) -> None:
    plan = plan_import(db, realworld / EVENT_ESPRESSO)
    assert (plan.kind, plan.source) == ("people", "eventespresso")
    report = run_import(db, plan)
    assert (report.created, report.skipped) == (2, [])
    # John and Jane Doe share noreply@eventespresso.com: two people, one pair to check.
    assert report.queued_duplicates == 1 and count(db, DuplicateCandidate) == 1
    with db.reading() as session:
        names = sorted(
            (p.first_name, p.last_name, p.email) for p in session.execute(select(Person)).scalars()
        )
    assert names == [
        ("Jane", "Doe", "noreply@eventespresso.com"),
        ("John", "Doe", "noreply@eventespresso.com"),
    ]


# --------------------------------------------------------------------------- the CLI


@pytest.mark.realworld
def test_cli_imports_organisations_and_calendars_as_json(
    tmp_path: Path, realworld: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cli.sqlite3")
    salesforce = str(realworld / SALESFORCE)
    assert main(["--db", db, "import", salesforce, "--kind", "organisations", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["kind"], report["source"], report["created"]) == (
        "organisations",
        "salesforce",
        423,
    )
    assert report["refused"] is False and report["skipped"] == []

    assert main(["--db", db, "import", salesforce, "--json"]) == 0  # recognised by itself
    report = json.loads(capsys.readouterr().out)
    assert (report["kind"], report["created"], report["unchanged"]) == ("organisations", 0, 423)

    assert main(["--db", db, "import", str(realworld / GERMAN_CALENDAR)]) == 0
    out = capsys.readouterr().out
    assert "imported as calendar" in out and "1 created" in out
