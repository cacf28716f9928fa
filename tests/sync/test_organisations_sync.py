"""Organisations, assessments, stage moves and merges made on two laptops converge at the
office, through real database files exchanging real bundles."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from saypro_desktop.db.engine import Database
from saypro_desktop.services.organisations import OrganisationsService
from saypro_desktop.services.sync import canonical_dump
from saypro_desktop.services.sync_devices import init_office, invite, join
from saypro_desktop.services.sync_files import export_bundle, import_files
from tests.sync.sync_harness import make_template, new_replica

PASS = "a long enough passphrase"


@dataclass
class Coalition:
    office: Database
    one: Database
    two: Database
    folder: Path
    sent: int = 0

    def send(self, src: Database, dst: Database) -> None:
        self.sent += 1
        path = self.folder / f"b{self.sent}.sayprobundle"
        export_bundle(src, path)
        receipt = import_files(dst, [path])
        assert receipt.refused == 0, receipt.as_dict()

    def round(self) -> None:
        for laptop in (self.one, self.two):
            self.send(laptop, self.office)
        for laptop in (self.one, self.two):
            self.send(self.office, laptop)


@pytest.fixture
def coalition(tmp_path: Path) -> Iterator[Coalition]:
    template = make_template(tmp_path)
    office, one, two = (new_replica(template, tmp_path / f"{n}.sqlite3")
                        for n in ("office", "one", "two"))
    init_office(office, "Office")
    for name, db in (("Laptop 1", one), ("Laptop 2", two)):
        invite(office, name, PASS, tmp_path / f"{name}.invite")
        join(db, (tmp_path / f"{name}.invite").read_bytes(), PASS)
    yield Coalition(office, one, two, tmp_path)
    for db in (office, one, two):
        db.dispose()


def test_partners_made_on_two_laptops_converge_at_the_office(coalition: Coalition) -> None:
    c = coalition
    one, two, office = (OrganisationsService(db) for db in (c.one, c.two, c.office))
    clinic = one.add({"name": "Ubuntu Legal Aid Clinic", "category": "legal_aid"})
    kitchen = two.add({"name": "Faith Kitchen", "category": "faith_based"})
    one.assess(clinic, {"shared_values": 3, "mission_alignment": 3,
                        "operational_compatibility": 2, "priority": "medium",
                        "assessed_on": "2026-01-05"})
    two.move_stage(kitchen, "contacted")
    c.round()

    # Both laptops work on the same partner without seeing each other.
    one.move_stage(clinic, "contacted")
    two.assess(clinic, {"shared_values": 5, "mission_alignment": 4,
                        "operational_compatibility": 4, "priority": "high",
                        "assessed_on": "2026-02-01"})
    two.move_stage(kitchen, "meeting scheduled")
    c.round()
    c.round()

    assert canonical_dump(c.office) == canonical_dump(c.one) == canonical_dump(c.two)
    assert [a.priority for a in office.assessments(clinic)] == ["high", "medium"]
    assert office.get(clinic).fields["priority"] == "high"
    assert [m.summary for m in office.stage_history(clinic)] == [
        "Identified → Contacted", "Added as identified"]
    assert [m.moved_by for m in office.stage_history(kitchen)] == [
        "Laptop 2", "Laptop 2", "Laptop 2"]
    assert office.get(kitchen).pipeline_stage == "meeting_scheduled"


def test_a_merge_on_one_laptop_reaches_the_other_and_its_late_edits_follow(
    coalition: Coalition,
) -> None:
    c = coalition
    one, two, office = (OrganisationsService(db) for db in (c.one, c.two, c.office))
    first = one.add({"name": "Soweto Food Bank"})
    second = two.add({"name": "Soweto Foodbank", "email": "info@sfb.example.org"})
    c.round()
    one.merge(first, second)
    two.move_stage(second, "responded")  # not yet seen the merge
    c.round()
    c.round()
    assert canonical_dump(c.office) == canonical_dump(c.one) == canonical_dump(c.two)
    assert [r.name for r in office.search()] == ["Soweto Food Bank"]
    survivor = min(first, second)
    titles = [e.title for e in office.timeline(survivor)]
    assert "Identified → Responded" in titles  # the late move shows on the survivor
