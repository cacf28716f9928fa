"""Exports: what a colleague's Excel, phone or calendar gets, and that it imports back."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Consent, Organisation, Person
from saypro_desktop.interop.calendar import read_calendar
from saypro_desktop.interop.delimited import read_delimited
from saypro_desktop.services.demo import fill_demo
from saypro_desktop.services.exports import (
    export_calendar,
    export_organisations,
    export_people,
)
from saypro_desktop.services.imports import plan_import, run_import
from saypro_desktop.services.unit_of_work import UnitOfWork
from saypro_desktop.services.workspace import open_workspace

PEOPLE = [
    {"first_name": "Nomvula", "last_name": "Mthembu-Ndlovu", "email": "nomvula@example.org",
     "phone": "+27821234567", "city": "Soweto", "postal_code": "0001",
     "notes": "Met at the Orlando hall\nwants SMS updates"},
    {"first_name": "Zoë", "last_name": "O'Brien", "email": "zoe@example.org",
     "phone": "+27731112222", "province": "Gauteng", "job_title": "Coordinator"},
    {"first_name": "=HYPERLINK(\"http://x\")", "last_name": "@evil", "phone": "+27615550000"},
]


def seed(db: Database) -> dict[str, str]:
    ids: dict[str, str] = {}
    with UnitOfWork(db) as uow:
        org = uow.create(Organisation, {"name": "Soweto Youth Forum"})
        for fields in PEOPLE:
            ids[fields["first_name"]] = uow.create(Person, {**fields, "organisation_id": org})
        uow.create(Consent, {"person_id": ids["Nomvula"], "channel": "email",
                             "status": "given", "recorded_at": dt.datetime(2025, 1, 1)})
        uow.create(Consent, {"person_id": ids["Zoë"], "channel": "email",
                             "status": "withdrawn", "recorded_at": dt.datetime(2025, 1, 1)})
    return ids


def summary(db: Database) -> set[tuple[object, ...]]:
    with db.reading() as session:
        rows = session.execute(
            select(Person.first_name, Person.last_name, Person.email, Person.phone,
                   Person.city, Person.postal_code, Person.notes, Organisation.name)
            .outerjoin(Organisation, Organisation.id == Person.organisation_id)
            .where(Person.deleted_at.is_(None))).all()
    return {tuple(r) for r in rows}


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "vcf"])
def test_round_trip_into_an_empty_database_gives_the_same_people(
    db: Database, tmp_path: Path, fmt: str
) -> None:
    seed(db)
    out = tmp_path / f"people.{fmt}"
    assert export_people(db, out, fmt) == 3
    fresh = open_workspace(tmp_path / "fresh.sqlite3")
    try:
        report = run_import(fresh, plan_import(fresh, out))
        assert report.created == 3 and report.skipped == []
        assert summary(fresh) == summary(db)
    finally:
        fresh.dispose()


def test_csv_neutralises_formulas_and_keeps_text(db: Database, tmp_path: Path) -> None:
    seed(db)
    out = tmp_path / "people.csv"
    export_people(db, out, "csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = read_delimited(raw)
    cells = [c for row in table.rows for c in row]
    assert "'=HYPERLINK(\"http://x\")" in cells and "'@evil" in cells
    # Nothing a spreadsheet would run; plain E.164 phone numbers stay as they are.
    assert not any(c.startswith(("=", "@", "+", "-")) and not re.fullmatch(r"\+\d{7,15}", c)
                   for c in cells)
    assert "0001" in cells  # postal code as text


def test_consent_filter_keeps_only_people_who_agreed(db: Database, tmp_path: Path) -> None:
    seed(db)
    out = tmp_path / "email-ok.csv"
    assert export_people(db, out, "csv", consent_channel="email") == 1
    table = read_delimited(out.read_bytes())
    (record,) = table.records()
    assert record["First name"] == "Nomvula" and record["Consent email"] == "given"


def test_organisations_and_calendar(db: Database, tmp_path: Path) -> None:
    fill_demo(db, 60, seed=3)
    with db.reading() as session:
        from saypro_desktop.db.models import Event, Meeting

        meetings = session.execute(select(Meeting.title)).scalars().all()
        events = session.execute(select(Event.title)).scalars().all()
        orgs = session.execute(select(Organisation.name)).scalars().all()
    assert export_organisations(db, tmp_path / "orgs.xlsx", "xlsx") == len(orgs)
    out = tmp_path / "cal.ics"
    assert export_calendar(db, out) == len(meetings) + len(events) > 0
    back = read_calendar(out.read_bytes())
    assert sorted(e.title for e in back) == sorted([*meetings, *events])
    assert all(e.starts_at is not None and e.starts_at.utcoffset() == dt.timedelta(hours=2)
               for e in back)


names = st.text(st.characters(codec="utf-8", categories=("L", "M", "Zs", "Pd", "Po")),
                min_size=1, max_size=20).map(str.strip).filter(lambda s: s and s[0] not in "-'")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=st.lists(st.tuples(names, names, st.integers(600_000_000, 849_999_999)),
                       min_size=1, max_size=5, unique_by=lambda p: p[2]))
def test_hypothesis_export_import_round_trip(people: list[tuple[str, str, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = open_workspace(Path(folder) / "a.sqlite3")
        fresh = open_workspace(Path(folder) / "b.sqlite3")
        try:
            with UnitOfWork(source) as uow:
                for i, (first, last, number) in enumerate(people):
                    uow.create(Person, {"first_name": first, "last_name": last,
                                        "email": f"p{i}@example.org", "phone": f"+27{number}"})
            for fmt in ("csv", "vcf"):
                out = Path(folder) / f"p.{fmt}"
                export_people(source, out, fmt)
                run_import(fresh, plan_import(fresh, out))
                assert summary(fresh) == summary(source)
        finally:
            source.dispose()
            fresh.dispose()
