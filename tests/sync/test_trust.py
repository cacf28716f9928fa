"""Trust in sync, probed as someone holding one coalition laptop would: relaying a revoked
laptop's changes, forging changes in another device's name, stamping them centuries ahead,
an erasure that must reach every file, and a refused file that must change nothing."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from saypro_desktop.db.engine import Database
from saypro_desktop.services import people
from saypro_desktop.services.sync import canonical_dump, erase_person
from saypro_desktop.services.sync_devices import init_office, invite, join, load_identity, revoke
from saypro_desktop.services.sync_files import FileReport, export_bundle, import_files
from saypro_desktop.sync.authorship import MAX_SKEW_MS
from saypro_desktop.sync.operations import Operation
from tests.sync.adversary import (
    YEAR_MS,
    held_export,
    seal_for,
    send_crafted,
    signed_batch,
    stamp,
)
from tests.sync.sync_harness import make_template, new_replica

PASS = "a long enough passphrase"


@dataclass
class World:
    office: Database
    one: Database
    two: Database
    folder: Path
    count: int = 0

    def send(self, src: Database, dst: Database) -> FileReport:
        self.count += 1
        path = self.folder / f"b{self.count}.sayprobundle"
        export_bundle(src, path)
        [report] = import_files(dst, [path]).files
        assert report.status == "applied", report.message
        return report

    def round(self) -> None:
        for laptop in (self.one, self.two):
            self.send(laptop, self.office)
        for laptop in (self.one, self.two):
            self.send(self.office, laptop)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    template = make_template(tmp_path)
    dbs = []
    for name in ("office", "one", "two"):  # each device in a folder of its own
        (tmp_path / name).mkdir()
        dbs.append(new_replica(template, tmp_path / name / "saypro.sqlite3"))
    office, one, two = dbs
    init_office(office, "Office")
    for name, db in (("Laptop 1", one), ("Laptop 2", two)):
        invite(office, name, PASS, tmp_path / f"{name}.invite")
        join(db, (tmp_path / f"{name}.invite").read_bytes(), PASS)
    w = World(office, one, two, tmp_path)
    w.round()  # every device now holds the full device list
    yield w
    for db in dbs:
        db.dispose()


def _names(db: Database) -> set[str]:
    con = sqlite3.connect(db.path)
    try:
        return {r[0] for r in con.execute("SELECT first_name FROM people") if r[0]}
    finally:
        con.close()


def test_revoked_laptops_changes_relayed_by_another_laptop_are_refused(world: World) -> None:
    w = world
    people.add_person(w.one, {"first_name": "Before", "last_name": "Theft"})
    w.send(w.one, w.office)
    revoke(w.office, "Laptop 1")
    # The thief keeps using the stolen laptop and hands its bundle to a laptop that has
    # not heard of the revocation yet; that laptop passes it on to the office.
    people.add_person(w.one, {"first_name": "Stolen", "last_name": "Laptop"})
    w.send(w.one, w.two)
    assert "Stolen" in _names(w.two)
    report = w.send(w.two, w.office)
    assert "Stolen" not in _names(w.office)
    assert "Before" in _names(w.office)
    assert report.refused_changes > 0
    assert "said to be from Laptop 1" in report.message and "revoked" in report.message
    # The relaying laptop learns of the revocation from the office and drops what it took.
    w.send(w.office, w.two)
    assert "Stolen" not in _names(w.two)
    w.send(w.two, w.office)
    w.send(w.office, w.two)
    assert canonical_dump(w.two) == canonical_dump(w.office)


def test_a_laptop_cannot_forge_changes_in_the_offices_name(world: World) -> None:
    w = world
    pid = people.add_person(w.office, {"first_name": "Ayanda", "email": "ayanda@example.org"})
    w.send(w.office, w.one)
    office_id = load_identity(w.office).device_id
    laptop = load_identity(w.one)
    year_2286 = 10_000_000_000_000 - 1
    forged = [
        Operation(office_id, 900_000, stamp(year_2286, office_id), "people", pid, "email",
                  "thief@example.org"),
        Operation(office_id, 900_001, stamp(year_2286, office_id), "people", pid, "_erased",
                  True),
    ]
    seals = [seal_for(op) for op in forged]
    unsigned = send_crafted(w.one, w.folder / "unsigned.sayprobundle", forged, seals)
    # Signed too, but with the laptop's own key while claiming to be the office's.
    batch = signed_batch(laptop.keys, laptop.coalition_id, forged, seals)
    signed = send_crafted(w.one, w.folder / "signed.sayprobundle", forged, seals, [batch])
    receipt = import_files(w.office, [unsigned, signed])
    person = people.get_person(w.office, pid)
    assert person.fields["email"] == "ayanda@example.org"
    assert receipt.missing == []  # no phantom "Office: missing changes 5-899999"
    messages = [f.message for f in receipt.files]
    assert "carry no signature of that device" in messages[0]
    assert "signature does not match" in messages[1]
    assert all(f.applied == 0 and f.refused_changes == 2 for f in receipt.files)


def test_a_tampered_relay_is_refused_but_an_honest_one_is_applied(world: World) -> None:
    w = world
    pid = people.add_person(w.one, {"first_name": "Lindiwe", "city": "Soweto"})
    w.send(w.one, w.office)
    w.send(w.office, w.two)
    ops, seals, batches = held_export(w.two)  # what Laptop 2 holds, with authors' batches
    one_id = load_identity(w.one).device_id
    mine = [i for i, op in enumerate(ops) if op.device_id == one_id]
    city = next(i for i in mine if ops[i].field == "city")
    tampered = list(ops)
    old = ops[city]
    tampered[city] = Operation(old.device_id, old.seq, old.stamp, old.table, old.row_id,
                               old.field, "Forged City", old.pred)
    fresh = new_laptop(w, "Laptop 3")
    path = send_crafted(w.two, w.folder / "tampered.sayprobundle", tampered, seals, batches)
    [report] = import_files(fresh, [path]).files
    assert report.refused_changes == len(mine)
    assert "Forged City" not in str(canonical_dump(fresh))
    honest = send_crafted(w.two, w.folder / "honest.sayprobundle", ops, seals, batches)
    [report] = import_files(fresh, [honest]).files
    assert report.refused_changes == 0 and report.applied == len(ops)
    assert people.get_person(fresh, pid).fields["city"] == "Soweto"
    fresh.dispose()


def new_laptop(w: World, name: str) -> Database:
    (w.folder / name).mkdir()
    db = new_replica(make_template(w.folder / name), w.folder / name / "saypro.sqlite3")
    invite(w.office, name, PASS, w.folder / f"{name}.invite")
    join(db, (w.folder / f"{name}.invite").read_bytes(), PASS)
    w.send(w.office, w.two)  # Laptop 2 learns of the new laptop, so its bundles reach it
    return db


def test_far_future_stamps_wait_and_never_win(world: World) -> None:
    w = world
    pid = people.add_person(w.office, {"first_name": "Sibusiso", "city": "Durban"})
    w.round()
    offset = 250 * YEAR_MS
    w.one.wall_clock = lambda: time.time_ns() // 1_000_000 + offset
    people.update_person(w.one, pid, {"city": "Year 2276"})
    report = w.send(w.one, w.office)
    assert people.get_person(w.office, pid).fields["city"] == "Durban"
    assert report.waiting_changes == 1
    assert "Laptop 1" in report.message and "227" in report.message
    assert "more than a day ahead" in report.message
    # The office's clock did not move: its next edit is stamped today and shows.
    from saypro_desktop.sync.merge import MergeEngine

    people.update_person(w.office, pid, {"city": "Umlazi"})
    with w.office.reading() as session:
        held = MergeEngine(session).held_ops("people", [pid]).get(pid, [])
    newest = max(int(op.stamp[:13]) for op in held
                 if op.device_id == load_identity(w.office).device_id)
    assert newest <= time.time_ns() // 1_000_000 + MAX_SKEW_MS
    assert people.get_person(w.office, pid).fields["city"] == "Umlazi"
    # Once the laptop's date is put right, its clock starts again from it and syncs.
    w.one.wall_clock = None
    people.update_person(w.one, pid, {"last_name": "Zulu"})
    w.send(w.one, w.office)
    assert people.get_person(w.office, pid).fields["last_name"] == "Zulu"
    assert people.get_person(w.office, pid).fields["city"] == "Umlazi"


TOKENS = (b"zwelethu", b"qhawekazi", b"ubuntu-mail", b"555 01 99")


def _device_files(db: Database) -> list[Path]:
    # Backups are scrubbed by the backup retention rules, not by sync.
    return [p for p in db.path.parent.iterdir() if p.is_file()]


def test_an_erasure_delivered_by_sync_leaves_no_token_in_any_file(world: World) -> None:
    w = world
    pid = people.add_person(w.one, {"first_name": "Zwelethu", "last_name": "Qhawekazi",
                                    "email": "zwelethu.q@ubuntu-mail.example",
                                    "phone": "+27 82 555 01 99", "city": "Qumbu"})
    w.round()
    assert people.list_person_ids(w.two, people.PeopleFilter(search="zwelethu")) == [pid]
    erase_person(w.office, pid)
    w.send(w.office, w.two)
    found = []
    for path in _device_files(w.two):
        data = path.read_bytes().lower()
        found += [(path.name, token) for token in TOKENS if token in data]
    assert found == []
    assert people.list_person_ids(w.two, people.PeopleFilter(search="zwelethu")) == []
    # and it still travels on with its author's signature, scrubbed
    w.send(w.two, w.office)
    w.send(w.office, w.one)
    assert canonical_dump(w.one) == canonical_dump(w.office) == canonical_dump(w.two)


def test_a_refused_bundle_does_not_change_the_stored_device_list(world: World) -> None:
    w = world
    before = load_identity(w.one).roster
    revoke(w.office, "Laptop 2")
    people.add_person(w.office, {"first_name": "Nandi"})
    path = w.folder / "damaged.sayprobundle"
    export_bundle(w.office, path)
    data = bytearray(path.read_bytes())
    data[-20] ^= 0xFF  # inside the encrypted body: the file no longer checks out
    path.write_bytes(bytes(data))
    [report] = import_files(w.one, [path]).files
    assert report.status == "refused"
    after = load_identity(w.one).roster
    assert after.version == before.version
    assert not after.get(load_identity(w.two).device_id).revoked  # type: ignore[union-attr]
