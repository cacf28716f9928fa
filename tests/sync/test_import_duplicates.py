"""Possible duplicates after an import: only people new here, never pairs the sender already
held side by side, and a cap per import with a note."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from saypro_desktop.db.engine import Database
from saypro_desktop.services import duplicates, people
from saypro_desktop.services.duplicates import list_candidates
from saypro_desktop.services.sync_devices import init_office, invite, join
from saypro_desktop.services.sync_files import FileReport, export_bundle, import_files
from tests.sync.sync_harness import make_template, new_replica

PASS = "a long enough passphrase"


@pytest.fixture
def trio(tmp_path: Path) -> Iterator[tuple[Database, Database, Database]]:
    template = make_template(tmp_path)
    office, one, two = (new_replica(template, tmp_path / f"{n}.sqlite3")
                        for n in ("office", "one", "two"))
    init_office(office, "Office")
    for name, db in (("Laptop 1", one), ("Laptop 2", two)):
        invite(office, name, PASS, tmp_path / f"{name}.invite")
        join(db, (tmp_path / f"{name}.invite").read_bytes(), PASS)
    yield office, one, two
    for db in (office, one, two):
        db.dispose()


def _send(src: Database, dst: Database, path: Path, *, full: bool = False) -> FileReport:
    export_bundle(src, path, full=full)
    [report] = import_files(dst, [path]).files
    assert report.status == "applied", report.message
    return report


def test_people_the_office_kept_apart_are_not_queued_on_a_new_laptop(
    trio: tuple[Database, Database, Database], tmp_path: Path
) -> None:
    office, one, _ = trio
    for city in ("Soweto", "Soweto"):  # two Palesa Molefes of Soweto, known to be two people
        people.add_person(office, {"first_name": "Palesa", "last_name": "Molefe", "city": city})
    report = _send(office, one, tmp_path / "join.sayprobundle", full=True)
    assert report.duplicates_found == 0
    assert list_candidates(one) == []


def test_the_same_person_entered_on_two_laptops_is_queued_at_the_office(
    trio: tuple[Database, Database, Database], tmp_path: Path
) -> None:
    office, one, two = trio
    a = people.add_person(one, {"first_name": "Sizwe", "email": "sizwe@example.org"})
    b = people.add_person(two, {"first_name": "Sizwe", "email": "sizwe@example.org"})
    assert _send(one, office, tmp_path / "one.sayprobundle").duplicates_found == 0
    assert _send(two, office, tmp_path / "two.sayprobundle").duplicates_found == 1
    [candidate] = list_candidates(office)
    assert {candidate.first.id, candidate.second.id} == {a, b}
    # The office held both when it sent them on: Laptop 1 is not asked again.
    assert _send(office, one, tmp_path / "down.sayprobundle").duplicates_found == 0


def test_an_import_queues_at_most_the_cap_and_says_so(
    trio: tuple[Database, Database, Database], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    office, one, _ = trio
    for i in range(5):
        people.add_person(office, {"first_name": f"Office {i}", "email": f"p{i}@example.org"})
        people.add_person(one, {"first_name": f"Laptop {i}", "email": f"p{i}@example.org"})
    monkeypatch.setattr(duplicates, "PAIRS_PER_IMPORT", 2)
    report = _send(one, office, tmp_path / "up.sayprobundle")
    assert report.duplicates_found == 2
    assert len(list_candidates(office)) == 2
    assert "only the first 2 possible duplicates were queued" in report.message
