"""Imports and exports a colleague can trust: what goes out comes back, exactly."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from saypro_desktop.cli import main
from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Change, Consent, Person
from saypro_desktop.services import people
from saypro_desktop.services.demo import fill_demo
from saypro_desktop.services.exports import export_people
from saypro_desktop.services.imports import plan_import, run_import
from saypro_desktop.services.workspace import open_workspace


def _read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def _live_people(db: Database) -> int:
    with db.reading() as session:
        return int(session.execute(
            select(func.count()).select_from(Person)
            .where(Person.deleted_at.is_(None), Person.merged_into_id.is_(None))).scalar_one())


def _changes(db: Database) -> int:
    with db.reading() as session:
        return int(session.execute(select(func.count()).select_from(Change)).scalar_one())


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    database = open_workspace(path)
    fill_demo(database, 400, seed=3)
    database.dispose()
    return path


def test_only_people_who_agreed_to_email_and_have_one(demo_path: Path, tmp_path: Path) -> None:
    db = open_workspace(demo_path)
    try:
        out = tmp_path / "emailable.csv"
        count = export_people(db, out, "csv", consent_channel="email")
        rows = _read_csv(out)
        assert count == len(rows) > 0
        assert all(row["Email"] for row in rows)
        assert all(row["Consent email"] == "given" for row in rows)
        # The demo has people who said yes to email without giving one: they are left out.
        with db.reading() as session:
            agreed = {pid for pid, status in session.execute(
                select(Consent.person_id, Consent.status)
                .where(Consent.channel == "email", Consent.deleted_at.is_(None))
                .order_by(Consent.recorded_at)) if status == "given"}
        assert len(agreed) > count
    finally:
        db.dispose()


def test_round_trip_is_exact_and_reimport_changes_nothing(demo_path: Path,
                                                          tmp_path: Path) -> None:
    db = open_workspace(demo_path)
    try:
        out = tmp_path / "people.csv"
        exported = export_people(db, out, "csv")
        rows = _read_csv(out)
        assert rows[0]["SayPro ID"] and "Category" in rows[0]
        # Choices travel as the labels a colleague's spreadsheet should show.
        categories = {row["Category"] for row in rows if row["Category"]}
        assert "Community member" in categories and "community_member" not in categories

        before = _changes(db)
        report = run_import(db, plan_import(db, out))
        assert (report.created, report.updated, report.merged) == (0, 0, 0)
        assert report.unchanged == exported
        assert _changes(db) == before
    finally:
        db.dispose()

    fresh = open_workspace(tmp_path / "empty.sqlite3")
    try:
        report = run_import(fresh, plan_import(fresh, out))
        assert report.created == exported and report.merged == 0
        assert _live_people(fresh) == exported
        again = run_import(fresh, plan_import(fresh, out))
        assert (again.created, again.updated, again.merged) == (0, 0, 0)
    finally:
        fresh.dispose()


def test_email_only_and_phone_only_contacts_are_people(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Email,Phone\nsipho@example.org,\n,082 555 1234\n", encoding="utf-8")
    report = run_import(db, plan_import(db, path))
    assert report.created == 2 and report.skipped == []
    names = sorted(row.name for row in people.search_people(db, people.PeopleFilter()))
    assert names == ["+27825551234", "sipho@example.org"]


def test_yes_no_columns_are_answers(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    path.write_text("First name,Last name,Phone,Do_Not_Call\n"
                    "Thabo,Mokoena,082 555 0001,FALSE\n"
                    "Zanele,Dube,082 555 0002,TRUE\n"
                    "Pieter,Botha,082 555 0003,n\n", encoding="utf-8")
    report = run_import(db, plan_import(db, path))
    assert report.created == 3 and report.warnings == [] and report.skipped == []
    with db.reading() as session:
        consents = session.execute(select(Consent.channel, Consent.status)).all()
    assert consents == [("phone", "withdrawn")]  # only "TRUE" says anything about consent


def test_a_refused_file_reports_grouped_reasons_and_writes_the_full_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "not-contacts.csv"
    lines = ["First name,Last name,Email,Ticket", "Ayanda,Zulu,ayanda@example.org,1"]
    lines += [f",,,{n}" for n in range(3000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report_file = tmp_path / "report.csv"
    code = main(["--db", str(tmp_path / "x.sqlite3"), "import", str(path),
                 "--report", str(report_file)])
    out, err = capsys.readouterr()
    assert code == 1 and err.count("\n") == 1
    printed = out.strip().splitlines()
    assert len(printed) <= 21
    assert printed[0].startswith("3,000 rows (3, 4, 5, …): the row is empty once mapped")
    assert "is this a contact list?" in printed[0]
    full = _read_csv(report_file)
    assert len(full) == 3000 and {r["What"] for r in full} == {"refused"}


def test_left_out_values_are_not_said_twice(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "typo.csv"
    path.write_text("First name,Last name,Email,Category\n"
                    "Lerato,Dube,lerato@@example,wizard\n", encoding="utf-8")
    code = main(["--db", str(tmp_path / "y.sqlite3"), "import", str(path)])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "left out) (" not in out and "(were left out)" not in out
    assert "not one of: Social service provider" in out


def test_exports_look_right_in_a_spreadsheet(db: Database, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    people.add_person(db, {"first_name": "Thandeka", "last_name": "Nkosi",
                           "phone": "082 555 1234", "category": "policymaker_local",
                           "postal_code": "0081"})
    people.add_person(db, {"first_name": "=HYPERLINK(\"x\")", "last_name": "Evil"})
    csv_out, xlsx_out = tmp_path / "p.csv", tmp_path / "p.xlsx"
    export_people(db, csv_out, "csv")
    export_people(db, xlsx_out, "xlsx")

    rows = {r["Last name"]: r for r in _read_csv(csv_out)}
    assert rows["Nkosi"]["Phone"] == "+27825551234"  # a phone number is not a formula
    assert rows["Nkosi"]["Category"] == "Policymaker (local)"
    assert rows["Evil"]["First name"].startswith("'=")  # a formula is neutralised

    sheet = load_workbook(xlsx_out).active
    header = [c.value for c in sheet[1]]
    nkosi = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "Nkosi")
    phone = nkosi[header.index("Phone")]
    assert phone.value == "+27825551234" and phone.data_type == "s"
    assert not phone.quotePrefix
    assert nkosi[header.index("Postal code")].value == "0081"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    assert all(c.font.bold for c in sheet[1])
    assert sheet.column_dimensions["A"].width >= len("First name")
