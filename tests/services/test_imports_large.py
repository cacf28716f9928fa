"""A large generated contact list imports with the same outcome as a small one would:
duplicates inside the file fold, rows of people already here update only empty fields,
a shared phone under another name is queued, bad rows are skipped and reported. The file
is streamed (the plan keeps only its first rows), which must not change any of that."""

from __future__ import annotations

import csv
import tracemalloc
from pathlib import Path

import pytest
from sqlalchemy import func, select

from saypro_desktop.db.changelog import change_log
from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import DuplicateCandidate, Person
from saypro_desktop.services.imports import people as people_module
from saypro_desktop.services.imports import plan_import, preview, run_import
from saypro_desktop.services.imports.plan import HEAD_RECORDS
from saypro_desktop.services.workspace import open_workspace

HEADER = ["First Name", "Last Name", "E-mail Address", "Mobile Phone", "City"]
HERE = 500  # people already in the database
NEW = 3_000  # distinct new people in the big file


def person(i: int, city: str = "") -> list[str]:
    return [f"Given{i}", f"Family{i}", f"person{i}@example.org", f"082{i:07d}", city]


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def scalar(db: Database, query: object) -> object:
    with db.reading() as session:
        return session.execute(query).scalar_one()  # type: ignore[call-overload]


def test_large_file_with_duplicates_in_it_and_in_the_database(db: Database,
                                                              tmp_path: Path) -> None:
    first = run_import(db, plan_import(db, write(tmp_path / "here.csv",
                                                 [person(i) for i in range(HERE)])))
    assert first.created == HERE

    rows: list[list[str]] = []
    # People already here: half bring a city (an empty field filled), half nothing new.
    rows += [person(i, "Durban" if i % 2 else "") for i in range(HERE)]
    # New people, each once ...
    rows += [person(i) for i in range(HERE, HERE + NEW)]
    # ... 1,000 of them again by email (the second copy brings a city) ...
    rows += [person(i, "Soweto") for i in range(HERE, HERE + 1_000)]
    # ... 500 again by phone alone, under the same name ...
    rows += [[f"Given{i}", f"Family{i}", "", f"082{i:07d}", ""]
             for i in range(HERE + 1_000, HERE + 1_500)]
    # ... 10 rows sharing a new person's phone under another name: new, and queued ...
    rows += [["Household", f"Qwerty{i}", "", f"082{i:07d}", ""]
             for i in range(HERE + 2_000, HERE + 2_010)]
    # ... and 20 rows with nothing to know the person by.
    rows += [["", "", "", "", "Nowhere"] for _ in range(20)]
    path = write(tmp_path / "big.csv", rows)

    plan = plan_import(db, path)
    assert plan.row_count == len(rows) == 5_030
    assert len(plan._records) == HEAD_RECORDS  # the plan does not hold the file
    shown = preview(db, plan, limit=3)
    assert [p.action for p in shown] == ["already here: Given0 Family0",
                                         "update Given1 Family1",
                                         "already here: Given2 Family2"]
    done: list[int] = []
    report = run_import(db, plan, on_bad_rows="skip",
                        progress=lambda n, total: done.append(n) is None)

    assert (report.created, report.updated, report.unchanged, report.merged) == (
        NEW + 10, HERE // 2, HERE // 2, 1_500)
    assert report.queued_duplicates == 10
    assert len(report.skipped) == 20
    assert {p.row for p in report.skipped} == set(range(5_012, 5_032))  # file lines
    assert report.total_rows == 5_030
    assert done and done[-1] == 5_030

    assert scalar(db, select(func.count()).select_from(Person)) == HERE + NEW + 10
    assert scalar(db, select(func.count()).select_from(DuplicateCandidate)) == 10
    with db.reading() as session:
        city = dict(session.execute(
            select(Person.email, Person.city).where(Person.email.in_(
                ["person1@example.org", "person2@example.org",
                 f"person{HERE}@example.org", f"person{HERE + 1_200}@example.org"]))).all())
    assert city == {"person1@example.org": "Durban", "person2@example.org": None,
                    f"person{HERE}@example.org": "Soweto",
                    f"person{HERE + 1_200}@example.org": None}
    # Every new person's every field is in the change log, once (created_at, names,
    # email, phone, and the city the second copy brought), so it syncs.
    with db.reading() as session:
        fields = dict(session.execute(
            select(change_log.c.field, func.count()).join(Person, Person.id == change_log.c.row_id)
            .where(change_log.c.table_name == "people", Person.email.like("person%"),
                   Person.created_at > first_created(db))
            .group_by(change_log.c.field)).all())
    assert fields["created_at"] == fields["email"] == fields["phone"] == NEW
    assert fields["city"] == 1_000  # brought by the second copy of a new person

    again = run_import(db, plan_import(db, path), on_bad_rows="skip")
    assert (again.created, again.updated, again.merged) == (0, 0, 1_500)
    assert again.unchanged == HERE + NEW + 10


def first_created(db: Database) -> object:
    with db.reading() as session:
        return session.execute(select(func.max(Person.created_at)).where(
            Person.email == f"person{HERE - 1}@example.org")).scalar_one()


def test_rows_in_later_chunks_match_people_here_and_earlier_rows(
        db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows are matched a chunk at a time: a row of a late chunk still finds the person
    already here (by email, by phone, by name), and the row of an early chunk that is the
    same person; a shared phone under another name is still queued across chunks."""
    monkeypatch.setattr(people_module, "CHUNK_ROWS", 50)
    run_import(db, plan_import(db, write(tmp_path / "here.csv",
                                         [person(i) for i in range(300)])))
    rows: list[list[str]] = [person(i) for i in range(300, 400)]  # two chunks of new people
    rows += [person(i, "Durban") for i in range(250, 300)]  # by email, late
    rows += [[f"Given{i}", f"Family{i}", "", f"082{i:07d}", "Tembisa"]
             for i in range(200, 210)]  # by phone alone
    rows += [[f"Given{i}", f"Family{i}", "", "", "Paarl"] for i in range(190, 195)]  # by name
    rows += [[f"Given{i}", f"Family{i}", f"person{i}@example.org", "", "Soweto"]
             for i in range(300, 310)]  # rows of the first chunk again
    rows += [["Household", "Other", "", f"082{305:07d}", ""]]  # a new person's phone
    report = run_import(db, plan_import(db, write(tmp_path / "late.csv", rows)))

    assert (report.created, report.updated, report.merged) == (101, 65, 10)
    assert report.queued_duplicates == 1
    with db.reading() as session:
        city = dict(session.execute(select(Person.email, Person.city)).all())
        people = session.execute(select(func.count()).select_from(Person)).scalar_one()
    assert people == 300 + 101
    assert city["person299@example.org"] == "Durban"
    assert city["person205@example.org"] == "Tembisa"
    assert city["person192@example.org"] == "Paarl"
    assert city["person301@example.org"] == "Soweto"  # filled on the person made earlier


def _import_peak(db: Database, path: Path) -> int:
    plan = plan_import(db, path)
    tracemalloc.start()
    try:
        run_import(db, plan)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_file(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The import holds a chunk of rows, not the file: four times the rows, well under
    four times the peak (holding every row's group made it 2.5 times and more)."""
    monkeypatch.setattr(people_module, "CHUNK_ROWS", 500)
    peaks = []
    for rows in (2_000, 8_000):
        folder = tmp_path / str(rows)
        folder.mkdir()
        db = open_workspace(folder / "saypro.sqlite3")
        try:
            path = write(folder / "list.csv", [
                [f"Given{i}", f"Family{i}", f"person{i}@example.org", "", "Durban"]
                for i in range(rows)])
            peaks.append(_import_peak(db, path))
        finally:
            db.dispose()
    assert peaks[1] < 2 * peaks[0], [p // 1_000 for p in peaks]
