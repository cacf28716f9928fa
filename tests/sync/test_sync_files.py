"""Sync by file as the office and two laptops do it: invitations, bundles, bad files."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from saypro_desktop.db.engine import Database
from saypro_desktop.services import people
from saypro_desktop.services.sync import canonical_dump, list_conflicts
from saypro_desktop.services.sync_devices import init_office, invite, join, revoke
from saypro_desktop.services.sync_files import describe, export_bundle, import_files, sync_status
from tests.sync.sync_harness import make_template, new_replica

PASS = "a long enough passphrase"


@dataclass
class Coalition:
    office: Database
    one: Database
    two: Database
    folder: Path

    def send(self, src: Database, dst: Database, name: str, *, full: bool = False) -> Path:
        path = self.folder / f"{name}.sayprobundle"
        export_bundle(src, path, full=full)
        receipt = import_files(dst, [path])
        assert receipt.refused == 0, receipt.as_dict()
        return path

    def round(self) -> None:
        for i, laptop in enumerate((self.one, self.two)):
            self.send(laptop, self.office, f"up-{i}-{id(object())}")
        for i, laptop in enumerate((self.one, self.two)):
            self.send(self.office, laptop, f"down-{i}-{id(object())}")


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


def _db_fingerprint(db: Database) -> str:
    con = sqlite3.connect(db.path)
    try:
        rows = "\n".join(con.iterdump())
    finally:
        con.close()
    return hashlib.sha256(rows.encode()).hexdigest()


def test_changes_travel_laptop_to_office_to_laptop(coalition: Coalition) -> None:
    c = coalition
    pid = people.add_person(c.one, {"first_name": "Thandeka", "last_name": "Nkosi"})
    c.round()
    assert people.get_person(c.two, pid).fields["last_name"] == "Nkosi"
    people.update_person(c.one, pid, {"city": "Soweto"})
    people.update_person(c.two, pid, {"city": "Umlazi"})
    c.round()
    c.round()
    assert canonical_dump(c.office) == canonical_dump(c.one) == canonical_dump(c.two)
    conflicts = list_conflicts(c.two)
    assert [(x.field, {x.shown.value, *(o.value for o in x.others)}) for x in conflicts] == [
        ("city", {"Soweto", "Umlazi"})
    ]


def test_reimport_says_already_imported_and_changes_nothing(coalition: Coalition) -> None:
    c = coalition
    people.add_person(c.one, {"first_name": "Sipho"})
    path = c.send(c.one, c.office, "first")
    before = _db_fingerprint(c.office)
    receipt = import_files(c.office, [path])
    assert receipt.files[0].status == "already imported"
    assert receipt.files[0].message.startswith("already imported on ")
    assert _db_fingerprint(c.office) == before
    assert describe(c.office, path).status == "already imported"


def test_incremental_export_sends_only_what_is_new_and_heals_a_lost_bundle(
    coalition: Coalition,
) -> None:
    c = coalition
    people.add_person(c.one, {"first_name": "A"})
    c.send(c.one, c.office, "one-1")
    c.send(c.office, c.one, "ack")  # the office's bundle tells the laptop what it holds
    people.add_person(c.one, {"first_name": "B"})
    lost = c.folder / "lost.sayprobundle"
    export_bundle(c.one, lost)  # this one never reaches the office
    people.add_person(c.one, {"first_name": "C"})
    result = export_bundle(c.one, c.folder / "next.sayprobundle")
    assert result.operations == 4  # B and C (created_at + first_name each), not A again
    import_files(c.office, [c.folder / "next.sayprobundle"])
    names = {r.first_name for r in people.search_people(c.office)}
    assert names == {"A", "B", "C"}


def test_a_folder_of_bundles_in_any_order(coalition: Coalition, tmp_path: Path) -> None:
    c = coalition
    usb = tmp_path / "usb"
    usb.mkdir()
    for i, db in enumerate((c.one, c.two)):
        people.add_person(db, {"first_name": f"Person {i}"})
        export_bundle(db, usb / f"b{i}.sayprobundle")
    receipt = import_files(c.office, [usb])
    assert [f.status for f in receipt.files] == ["applied", "applied"]
    assert people.count_people(c.office) == 2
    assert receipt.missing == []
    status = sync_status(c.office)
    by_name = {d.name: d for d in status.devices}
    assert by_name["Laptop 1"].changes_held == 2 and by_name["Laptop 1"].last_bundle


def test_gaps_are_visible(coalition: Coalition) -> None:
    c = coalition
    people.add_person(c.one, {"first_name": "A"})
    first = export_bundle(c.one, c.folder / "first.sayprobundle", full=True)
    people.add_person(c.one, {"first_name": "B"})
    people.add_person(c.one, {"first_name": "C"})
    # Hand the office only the newest changes: a bundle made from a laptop that already
    # believes the office has everything up to B.
    from saypro_desktop.db.models import PeerAck
    from saypro_desktop.services.sync_devices import load_identity

    office_id = load_identity(c.office).device_id
    one_id = load_identity(c.one).device_id
    with c.one.write_session() as session, session.begin():
        session.merge(PeerAck(peer_id=office_id, origin_id=one_id, contiguous_seq=4))
    export_bundle(c.one, c.folder / "late.sayprobundle")
    receipt = import_files(c.office, [c.folder / "late.sayprobundle"])
    # Changes travel in whole signed batches: the one holding change 5 starts at 3 (B's
    # creation), so the office holds 3-6 and sees what it lacks.
    assert receipt.missing == ["Laptop 1: missing changes 1–2"]
    import_files(c.office, [first.path])
    assert import_files(c.office, []).missing == []


def _refused(c: Coalition, data: bytes, name: str) -> str:
    path = c.folder / name
    path.write_bytes(data)
    before = _db_fingerprint(c.office)
    receipt = import_files(c.office, [path])
    assert receipt.files[0].status == "refused"
    assert _db_fingerprint(c.office) == before
    return receipt.files[0].message


def test_bad_files_are_refused_with_a_clear_sentence_and_change_nothing(
    coalition: Coalition,
) -> None:
    c = coalition
    people.add_person(c.one, {"first_name": "Zoë"})
    good = c.folder / "good.sayprobundle"
    export_bundle(c.one, good)
    data = good.read_bytes()
    messages = [
        _refused(c, data[: len(data) // 2], "truncated.sayprobundle"),
        _refused(c, b"PK\x03\x04 a zip file, not a bundle" * 10, "zip.sayprobundle"),
        _refused(c, data[:200] + bytes([data[200] ^ 1]) + data[201:], "flipped.sayprobundle"),
        _refused(c, data[:-10] + bytes(b ^ 0xFF for b in data[-10:]), "tampered.sayprobundle"),
        _refused(c, b"", "empty.sayprobundle"),
    ]
    for message in messages:
        assert message and "\n" not in message
    assert people.count_people(c.office) == 0
    assert import_files(c.office, [good]).files[0].status == "applied"


def test_a_revoked_laptop_is_refused(coalition: Coalition) -> None:
    c = coalition
    people.add_person(c.two, {"first_name": "Lost laptop"})
    path = c.folder / "stolen.sayprobundle"
    export_bundle(c.two, path)
    revoke(c.office, "Laptop 2")
    message = _refused(c, path.read_bytes(), "stolen2.sayprobundle")
    assert "revoked" in message.lower()


def test_a_bundle_from_another_coalition_is_refused(coalition: Coalition, tmp_path: Path
                                                    ) -> None:
    other_folder = tmp_path / "other"
    other_folder.mkdir()
    template = make_template(other_folder)
    stranger, friend = (new_replica(template, other_folder / f"{n}.sqlite3") for n in "ab")
    try:
        init_office(stranger, "Elsewhere")
        invite(stranger, "x", PASS, other_folder / "x.invite")
        join(friend, (other_folder / "x.invite").read_bytes(), PASS)
        people.add_person(stranger, {"first_name": "Intruder"})
        bundle = other_folder / "foreign.sayprobundle"
        export_bundle(stranger, bundle)
        _refused(coalition, bundle.read_bytes(), "foreign.sayprobundle")
    finally:
        stranger.dispose()
        friend.dispose()


def test_import_reports_progress_within_a_file(coalition: Coalition) -> None:
    c = coalition
    for i in range(30):
        people.add_person(c.one, {"first_name": f"Person {i}"})
    path = c.folder / "big.sayprobundle"
    export_bundle(c.one, path)
    seen: list[tuple[int, int]] = []
    import_files(c.office, [path], lambda done, total: seen.append((done, total)) or True)
    assert seen[-1] == (100, 100)
    steps = [done for done, _ in seen]
    assert steps == sorted(steps) and len(set(steps)) > 5  # it moves during the one file


@pytest.mark.parametrize("stop_at", [1, 4])  # before it is applied; while rows derive
def test_cancel_in_the_middle_of_a_file_changes_nothing_and_it_imports_later(
    coalition: Coalition, stop_at: int
) -> None:
    c = coalition
    for i in range(30):
        people.add_person(c.one, {"first_name": f"Person {i}", "city": "Soweto"})
    first, second = c.folder / "first.sayprobundle", c.folder / "second.sayprobundle"
    export_bundle(c.one, first)
    people.add_person(c.one, {"first_name": "Later"})
    export_bundle(c.one, second)
    before = _db_fingerprint(c.office)
    calls: list[int] = []

    def stop(done: int, total: int) -> bool:
        calls.append(done)
        return len(calls) < stop_at

    receipt = import_files(c.office, [first, second], stop)
    assert [f.status for f in receipt.files] == ["cancelled"]  # the second is not touched
    assert "nothing from this file was changed" in receipt.files[0].message
    assert _db_fingerprint(c.office) == before
    receipt = import_files(c.office, [first, second])
    assert [f.status for f in receipt.files] == ["applied", "applied"]
    assert canonical_dump(c.office) == canonical_dump(c.one)


def test_preview_names_the_sender_the_days_and_refuses_a_bad_file_early(
    coalition: Coalition,
) -> None:
    c = coalition
    people.add_person(c.one, {"first_name": "Sipho"})
    path = c.folder / "preview.sayprobundle"
    export_bundle(c.one, path)
    report = describe(c.office, path)
    assert (report.status, report.sender, report.operations) == ("ready", "Laptop 1", 2)
    assert report.message.startswith("changes made on ")
    data = path.read_bytes()
    (c.folder / "bad.sayprobundle").write_bytes(data[:-5] + bytes(b ^ 1 for b in data[-5:]))
    assert describe(c.office, c.folder / "bad.sayprobundle").status == "refused"
