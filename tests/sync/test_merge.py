"""Sync merge rules on real database files: conflicts kept, deletes, erasure, late arrivals."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from saypro_desktop.db.engine import Database
from saypro_desktop.services import people
from saypro_desktop.services.sync import (
    apply_operations,
    canonical_dump,
    erase_person,
    list_conflicts,
    resolve_conflict,
)
from saypro_desktop.sync.operations import Operation
from tests.sync.sync_harness import (
    all_ops,
    exchange,
    export_ops,
    make_template,
    new_replica,
    people_state,
    personal_values_in_log,
    reference_people,
)


@pytest.fixture
def trio(tmp_path: Path) -> Iterator[tuple[Database, Database, Database]]:
    template = make_template(tmp_path)
    dbs = tuple(new_replica(template, tmp_path / f"{n}.sqlite3")
                for n in ("office", "laptop1", "laptop2"))
    yield dbs  # type: ignore[misc]
    for db in dbs:
        db.dispose()


def converge(office: Database, *laptops: Database) -> None:
    for _ in range(2):
        for laptop in laptops:
            exchange(laptop, office)
        for laptop in laptops:
            exchange(office, laptop)


def assert_converged(*dbs: Database) -> None:
    dumps = [canonical_dump(db) for db in dbs]
    assert all(d == dumps[0] for d in dumps[1:])
    union = set().union(*(all_ops(db) for db in dbs))
    assert people_state(dbs[0]) == reference_people(union)


def test_concurrent_edits_keep_both_values_until_resolved(trio: tuple[Database, ...]) -> None:
    office, one, two = trio
    pid = people.add_person(office, {"first_name": "Thandeka", "city": "Soweto"})
    converge(office, one, two)
    people.update_person(one, pid, {"city": "Umlazi"})
    people.update_person(two, pid, {"city": "Mthatha"})
    converge(office, one, two)
    assert_converged(office, one, two)
    conflicts = list_conflicts(office)
    assert len(conflicts) == 1
    c = conflicts[0]
    assert (c.table, c.row_id, c.field) == ("people", pid, "city")
    assert {c.shown.value, *(o.value for o in c.others)} == {"Umlazi", "Mthatha"}
    # The newest is shown; the other is kept, not lost.
    assert people.get_person(office, pid).fields["city"] == c.shown.value

    resolve_conflict(office, "people", pid, "city", "Durban")
    converge(office, one, two)
    assert_converged(office, one, two)
    assert list_conflicts(one) == []
    assert people.get_person(two, pid).fields["city"] == "Durban"


def test_import_is_idempotent_and_order_free(trio: tuple[Database, ...]) -> None:
    office, one, two = trio
    a = people.add_person(one, {"first_name": "Sipho"})
    people.update_person(one, a, {"city": "Durban"})
    b = people.add_person(two, {"first_name": "Palesa"})
    people.update_person(two, b, {"city": "Bloemfontein"})
    ops_one, ops_two = export_ops(one, None, full=True), export_ops(two, None, full=True)
    apply_operations(office, ops_two)
    receipt = apply_operations(office, ops_one)
    assert receipt.applied == len(ops_one)
    again = apply_operations(office, ops_one + ops_two)
    assert again.applied == 0
    # Same bundles, other order, on a laptop: identical data.
    apply_operations(one, ops_two)
    assert canonical_dump(one) == canonical_dump(office)


def test_edit_that_outruns_its_creation_waits_then_lands(trio: tuple[Database, ...]) -> None:
    office, one, _ = trio
    pid = people.add_person(one, {"first_name": "Lwazi"})
    people.update_person(one, pid, {"city": "Umlazi"})
    ops = export_ops(one, None, full=True)
    late = [o for o in ops if o.field == "city"]
    early = [o for o in ops if o.field != "city"]
    receipt = apply_operations(office, late)
    assert receipt.waiting_rows == 1
    assert people.count_people(office) == 0
    apply_operations(office, early)
    assert people.get_person(office, pid).fields["city"] == "Umlazi"


def test_late_arrival_of_a_replaced_value_does_not_resurrect_it(
    trio: tuple[Database, ...]
) -> None:
    office, one, _ = trio
    pid = people.add_person(one, {"first_name": "Anél", "city": "Pretoria"})
    people.update_person(one, pid, {"city": "Mamelodi"})
    ops = export_ops(one, None, full=True)
    first_city = next(o for o in ops if o.field == "city" and o.value == "Pretoria")
    apply_operations(office, [o for o in ops if o is not first_city])
    apply_operations(office, [first_city])  # the old value turns up last
    assert people.get_person(office, pid).fields["city"] == "Mamelodi"
    assert list_conflicts(office) == []


def test_edit_concurrent_with_delete_keeps_the_person_and_flags_it(
    trio: tuple[Database, ...]
) -> None:
    office, one, two = trio
    pid = people.add_person(office, {"first_name": "Mpho", "last_name": "Mokoena"})
    converge(office, one, two)
    people.delete_person(one, pid)
    people.update_person(two, pid, {"city": "Polokwane"})
    converge(office, one, two)
    assert_converged(office, one, two)
    assert people.get_person(one, pid).fields["city"] == "Polokwane"
    flagged = [c for c in list_conflicts(office) if c.field == "_deleted"]
    assert [c.row_id for c in flagged] == [pid]
    resolve_conflict(office, "people", pid, "_deleted", True)  # delete it after all
    converge(office, one, two)
    assert_converged(office, one, two)
    assert pid not in people.list_person_ids(two)


def test_a_delete_that_saw_every_edit_wins(trio: tuple[Database, ...]) -> None:
    office, one, two = trio
    pid = people.add_person(office, {"first_name": "Zoë"})
    people.update_person(office, pid, {"city": "Kimberley"})
    converge(office, one, two)
    people.delete_person(two, pid)
    converge(office, one, two)
    assert_converged(office, one, two)
    assert pid not in people.list_person_ids(one)
    assert list_conflicts(office) == []


def test_erasure_reaches_every_device_and_nothing_brings_it_back(
    trio: tuple[Database, ...]
) -> None:
    office, one, two = trio
    pid = people.add_person(one, {"first_name": "Nomvula", "last_name": "Mahlangu",
                                  "email": "nomvula@example.org"})
    converge(office, one, two)
    people.update_person(two, pid, {"city": "Mamelodi"})  # concurrent, not yet seen
    erase_person(office, pid)
    converge(office, one, two)
    assert_converged(office, one, two)
    for db in trio:
        state = people_state(db)[pid]
        assert state["erased"] and state["first_name"] is None and state["city"] is None
        assert personal_values_in_log(db, pid) == []
        assert people.list_person_ids(db, people.PeopleFilter(search="nomvula")) == []
        assert b"Mahlangu" not in db.path.read_bytes()


def test_same_person_on_two_laptops_is_queued_then_merged_everywhere(
    trio: tuple[Database, ...]
) -> None:
    from saypro_desktop.services.duplicates import find_duplicates, list_candidates, merge_people

    office, one, two = trio
    a = people.add_person(one, {"first_name": "Palesa", "last_name": "Molefe",
                                "phone": "082 555 0101", "city": "Soweto"})
    b = people.add_person(two, {"first_name": "Palesa", "last_name": "Molefe",
                                "phone": "082 555 0101", "email": "palesa@example.org"})
    converge(office, one, two)
    assert find_duplicates(office) == 1
    [candidate] = list_candidates(office)
    assert {candidate.first.id, candidate.second.id} == {a, b}
    assert "same phone" in candidate.reason

    survivor = merge_people(office, b, a)
    assert survivor == min(a, b)
    merged_away = max(a, b)
    # Meanwhile a laptop that has not heard of the merge edits the merged-away record.
    people.update_person(two if merged_away == b else one, merged_away, {"city": "Durban"})
    converge(office, one, two)
    assert_converged(office, one, two)
    for db in trio:
        ids = people.list_person_ids(db, people.PeopleFilter(search="palesa"))
        assert ids == [survivor]
        fields = people.get_person(db, survivor).fields
        assert fields["email"] == "palesa@example.org"  # filled from the other record
        assert fields["phone"] == "+27825550101"
    # The late edit landed on the survivor: in conflict with the Soweto it already had
    # if the survivor had a city, or simply as its value.
    shown = people.get_person(office, survivor).fields["city"]
    conflicts = [c for c in list_conflicts(office) if c.row_id == survivor]
    values = {shown} | {o.value for c in conflicts for o in c.others}
    assert "Durban" in values
    if conflicts:
        resolve_conflict(office, "people", survivor, "city", "Soweto")
        converge(office, one, two)
        assert_converged(office, one, two)
        assert list_conflicts(two) == []
        assert people.get_person(two, survivor).fields["city"] == "Soweto"


# --- crafted operations: the database path and the in-memory path agree ------------------

_A, _Z, _D = "0000000a-0000-4000-8000-00000000000a", "0000000b-0000-4000-8000-00000000000b", \
    "0000000d-0000-4000-8000-00000000000d"
_P = "00001234-0000-4000-8000-000000001234"


def _stamp(n: int, device: str) -> str:
    return f"{1_796_413_979_769 + n:013d}.000000.{device}"


def _fresh(tmp_path: Path, name: str) -> Database:
    from saypro_desktop.services.workspace import open_workspace

    return open_workspace(tmp_path / f"{name}.sqlite3")


def _apply(db: Database, *parts: list[Operation]) -> None:
    from saypro_desktop.services.unit_of_work import UnitOfWork

    for part in parts:
        with UnitOfWork(db) as uow:
            uow.engine.apply(part)


def _log(db: Database) -> list[tuple[object, ...]]:
    from sqlalchemy import select

    from saypro_desktop.db.changelog import change_log

    with db.reading() as session:
        return [tuple(r) for r in session.execute(
            select(change_log.c.device_id, change_log.c.seq, change_log.c.field,
                   change_log.c.value, change_log.c.live)
            .order_by(change_log.c.device_id, change_log.c.seq))]


def test_an_erased_flag_that_is_false_is_no_erasure_in_one_bundle_or_two(tmp_path: Path) -> None:
    ops = [Operation(_A, 1, _stamp(0, _A), "people", _P, "created_at", "2026-12-04T19:52:59"),
           Operation(_A, 2, _stamp(0, _A), "people", _P, "first_name", "Ann"),
           Operation(_A, 3, _stamp(0, _A), "people", _P, "email", "ann@example.org"),
           Operation(_A, 4, _stamp(1, _A), "people", _P, "_erased", False)]
    one, two = _fresh(tmp_path, "one"), _fresh(tmp_path, "two")
    try:
        _apply(one, ops)
        _apply(two, ops[:3], ops[3:])
        assert canonical_dump(one) == canonical_dump(two)
        assert _log(one) == _log(two)
        assert people.get_person(one, _P).fields["email"] == "ann@example.org"
    finally:
        one.dispose()
        two.dispose()


def test_forgetting_a_revoked_device_keeps_what_another_device_replaced(tmp_path: Path) -> None:
    """A revoked device's operation names a change on another field: forgetting it must not
    bring back a value that a third device replaced."""
    from saypro_desktop.services.unit_of_work import UnitOfWork

    ops = [Operation(_A, 1, _stamp(0, _A), "people", _P, "created_at", "2026-12-04T19:52:59"),
           Operation(_A, 2, _stamp(0, _A), "people", _P, "first_name", "Ann"),
           Operation(_A, 3, _stamp(0, _A), "people", _P, "email", "old@example.org"),
           Operation(_Z, 1, _stamp(5, _Z), "people", _P, "email", "new@example.org",
                     (f"{_A}:3",)),
           Operation(_D, 1, _stamp(6, _D), "people", _P, "phone", "+27 11 555 0000",
                     (f"{_A}:3",))]
    db = _fresh(tmp_path, "office")
    try:
        _apply(db, ops)
        with UnitOfWork(db) as uow:
            uow.engine.forget_from(_D, 1)
        live = {(d, s): bool(alive) for d, s, _, _, alive in _log(db)}
        assert live[(_A, 3)] is False and live[(_Z, 1)] is True
        assert people.get_person(db, _P).fields["email"] == "new@example.org"
        assert list_conflicts(db) == []
    finally:
        db.dispose()
