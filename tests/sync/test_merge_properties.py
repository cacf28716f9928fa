"""Property test: any devices that exchange bundles, in any order, end up identical.

A Hypothesis state machine drives three to four real database files (the office as
hub): people are created, edited, deleted and erased, conflicts resolved, clocks jump
by years, bundles are full or incremental, lost, duplicated or imported late. At the
end every replica equals every other and the reference model of SYNC.md.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from contextlib import suppress
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from saypro_desktop.db.engine import Database
from saypro_desktop.domain.errors import NotFoundError
from saypro_desktop.services import people
from saypro_desktop.services.duplicates import merge_people
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
    device_id,
    export_ops,
    knowledge_of,
    make_template,
    new_replica,
    people_state,
    reference_people,
)

NAMES = st.sampled_from(["Thandeka", "Sipho", "Anél", "Zoë", "Mpho", "Seán", "Lwazi"])
CITIES = st.sampled_from(["Soweto", "Umlazi", "Mthatha", "Durban", None])
YEAR_MS = 365 * 24 * 3600 * 1000


class SyncMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="saypro-sync-prop-"))
        self.replicas: list[Database] = []
        self.person_ids: list[str] = []
        self.in_flight: list[tuple[int, int, list[Operation], dict[str, int]]] = []

    @initialize(count=st.integers(min_value=3, max_value=4))
    def make_replicas(self, count: int) -> None:
        template = make_template(self.folder)
        for index in range(count):
            db = new_replica(template, self.folder / f"r{index}.sqlite3")
            db.wall_clock = None
            self.replicas.append(db)

    def teardown(self) -> None:
        for db in self.replicas:
            db.dispose()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- what people do ------------------------------------------------------------------
    def _replica(self, index: int) -> Database:
        return self.replicas[index % len(self.replicas)]

    @rule(r=st.integers(0, 3), first=NAMES, city=CITIES)
    def create(self, r: int, first: str, city: str | None) -> None:
        self.person_ids.append(people.add_person(self._replica(r),
                                                 {"first_name": first, "city": city}))

    @precondition(lambda self: self.person_ids)
    @rule(r=st.integers(0, 3), p=st.integers(0, 50), field=st.sampled_from(["city", "last_name"]),
          value=CITIES)
    def edit(self, r: int, p: int, field: str, value: str | None) -> None:
        pid = self.person_ids[p % len(self.person_ids)]
        # Not arrived on this laptop yet, or deleted here: nothing to edit.
        with suppress(NotFoundError):
            people.update_person(self._replica(r), pid, {field: value})

    @precondition(lambda self: self.person_ids)
    @rule(r=st.integers(0, 3), p=st.integers(0, 50))
    def delete(self, r: int, p: int) -> None:
        with suppress(NotFoundError):
            people.delete_person(self._replica(r), self.person_ids[p % len(self.person_ids)])

    @precondition(lambda self: self.person_ids)
    @rule(r=st.integers(0, 3), p=st.integers(0, 50))
    def erase(self, r: int, p: int) -> None:
        with suppress(NotFoundError):
            erase_person(self._replica(r), self.person_ids[p % len(self.person_ids)])

    @precondition(lambda self: len(self.person_ids) >= 2)
    @rule(r=st.integers(0, 3), p=st.integers(0, 50), q=st.integers(0, 50))
    def merge_duplicates(self, r: int, p: int, q: int) -> None:
        a = self.person_ids[p % len(self.person_ids)]
        b = self.person_ids[q % len(self.person_ids)]
        if a != b:
            with suppress(NotFoundError):
                merge_people(self._replica(r), a, b)

    @rule(r=st.integers(0, 3), choice=st.integers(0, 1))
    def resolve(self, r: int, choice: int) -> None:
        db = self._replica(r)
        conflicts = list_conflicts(db)
        if not conflicts:
            return
        c = conflicts[0]
        candidates = [c.shown, *c.others]
        resolve_conflict(db, c.table, c.row_id, c.field,
                         candidates[choice % len(candidates)].value)

    @rule(r=st.integers(0, 3), years=st.integers(-3, 30))
    def clock_jumps(self, r: int, years: int) -> None:
        offset = years * YEAR_MS
        self._replica(r).wall_clock = lambda: time.time_ns() // 1_000_000 + offset

    # -- bundles ---------------------------------------------------------------------------
    @rule(src=st.integers(0, 3), dst=st.integers(0, 3), full=st.booleans(),
          fate=st.sampled_from(["deliver", "deliver", "lose", "later", "twice"]))
    def export(self, src: int, dst: int, full: bool, fate: str) -> None:
        s, d = src % len(self.replicas), dst % len(self.replicas)
        if s == d or (s != 0 and d != 0):
            return  # laptops exchange through the office
        source, target = self.replicas[s], self.replicas[d]
        ops = export_ops(source, target, full=full)
        knows = knowledge_of(source)
        if fate == "lose":
            return
        if fate == "later":
            self.in_flight.append((s, d, ops, knows))
            return
        for _ in range(2 if fate == "twice" else 1):
            apply_operations(target, ops, sender_id=device_id(source), sender_knows=knows)

    @precondition(lambda self: self.in_flight)
    @rule(which=st.integers(0, 10))
    def late_bundle_arrives(self, which: int) -> None:
        s, d, ops, knows = self.in_flight.pop(which % len(self.in_flight))
        apply_operations(self.replicas[d], ops, sender_id=device_id(self.replicas[s]),
                         sender_knows=knows)

    # -- what must always hold -------------------------------------------------------------
    @invariant()
    def each_replica_matches_the_model_of_what_it_holds(self) -> None:
        for db in self.replicas:
            expected = reference_people(all_ops(db))
            actual = {k: v for k, v in people_state(db).items() if k in expected}
            assert actual == expected

    def check_convergence(self) -> None:
        office, laptops = self.replicas[0], self.replicas[1:]
        for _ in range(2):
            for laptop in laptops:
                apply_operations(office, export_ops(laptop, office, full=False),
                                 sender_id=device_id(laptop))
            for laptop in laptops:
                apply_operations(laptop, export_ops(office, laptop, full=False),
                                 sender_id=device_id(office))
        dumps = [canonical_dump(db) for db in self.replicas]
        for dump in dumps[1:]:
            assert dump == dumps[0]
        union = set().union(*(all_ops(db) for db in self.replicas))
        assert people_state(office) == reference_people(union)


class ConvergingMachine(SyncMachine):
    def teardown(self) -> None:
        try:
            if self.replicas:
                self.check_convergence()
        finally:
            super().teardown()


ConvergingMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestSyncConverges = ConvergingMachine.TestCase
