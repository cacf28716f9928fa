"""Property test with a hostile coalition member: honest devices still converge, and none
of its forged changes is applied anywhere.

Real bundle files between five real database files: the office, two honest laptops, a
laptop that turned hostile (a member in good standing, with its own valid keys) and a
laptop that gets stolen and revoked. The hostile one relays what it holds, forges changes
in other devices' names (unsigned, signed with its own key, or a genuine relay with one
value altered), stamps its own changes centuries ahead; the thief keeps using the stolen
laptop after the office revoked it and hands its bundles to laptops that have not heard.
"""

from __future__ import annotations

import functools
import shutil
import sqlite3
import tempfile
import time
from contextlib import suppress
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from saypro_desktop.db.engine import Database
from saypro_desktop.domain.errors import NotFoundError
from saypro_desktop.services import people
from saypro_desktop.services.sync import canonical_dump, erase_person
from saypro_desktop.services.sync_devices import init_office, invite, join, load_identity, revoke
from saypro_desktop.services.sync_files import export_bundle, import_files
from saypro_desktop.services.workspace import open_workspace
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
NAMES = ("office", "one", "two", "hostile", "stolen")
HONEST = ("office", "one", "two")
FIRST = st.sampled_from(["Thandeka", "Sipho", "Anél", "Zoë", "Mpho"])
CITIES = st.sampled_from(["Soweto", "Umlazi", "Mthatha", None])
MARK = "FORGED"


@functools.cache
def _coalition_template() -> Path:
    """Five devices that have joined one coalition, made once and copied per example."""
    folder = Path(tempfile.mkdtemp(prefix="saypro-adversary-"))
    template = make_template(folder)
    dbs = {n: new_replica(template, folder / f"{n}.sqlite3") for n in NAMES}
    init_office(dbs["office"], "Office")
    for name in NAMES[1:]:
        invite(dbs["office"], name.title(), PASS, folder / f"{name}.invite")
        join(dbs[name], (folder / f"{name}.invite").read_bytes(), PASS)
    first = folder / "roster.sayprobundle"
    export_bundle(dbs["office"], first)
    for name in NAMES[1:]:
        import_files(dbs[name], [first])
    for db in dbs.values():
        db.dispose()
    return folder


class AdversaryMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="saypro-adv-run-"))
        self.dbs: dict[str, Database] = {}
        self.ids: dict[str, str] = {}
        self.person_ids: list[str] = []
        self.in_flight: list[tuple[str, Path]] = []
        self.count = 0
        self.revoked_from: int | None = None

    @initialize()
    def copy_coalition(self) -> None:
        source = _coalition_template()
        for name in NAMES:
            shutil.copy(source / f"{name}.sqlite3", self.folder / f"{name}.sqlite3")
            self.dbs[name] = open_workspace(self.folder / f"{name}.sqlite3")
            self.ids[name] = load_identity(self.dbs[name]).device_id

    def teardown(self) -> None:
        try:
            if self.dbs:
                self.check_outcome()
        finally:
            for db in self.dbs.values():
                db.dispose()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _path(self) -> Path:
        self.count += 1
        return self.folder / f"b{self.count}.sayprobundle"

    # -- what people do ------------------------------------------------------------------
    @rule(who=st.sampled_from(["one", "two", "office", "hostile", "stolen"]), first=FIRST,
          city=CITIES)
    def create(self, who: str, first: str, city: str | None) -> None:
        self.person_ids.append(people.add_person(self.dbs[who],
                                                 {"first_name": first, "city": city}))

    @precondition(lambda self: self.person_ids)
    @rule(who=st.sampled_from(["one", "two", "office", "hostile", "stolen"]),
          p=st.integers(0, 40), city=CITIES)
    def edit(self, who: str, p: int, city: str | None) -> None:
        with suppress(NotFoundError):
            people.update_person(self.dbs[who], self.person_ids[p % len(self.person_ids)],
                                 {"city": city})

    @precondition(lambda self: self.person_ids)
    @rule(who=st.sampled_from(HONEST), p=st.integers(0, 40), erase=st.booleans())
    def delete_or_erase(self, who: str, p: int, erase: bool) -> None:
        pid = self.person_ids[p % len(self.person_ids)]
        with suppress(NotFoundError):
            if erase:
                erase_person(self.dbs[who], pid)
            else:
                people.delete_person(self.dbs[who], pid)

    # -- bundles ---------------------------------------------------------------------------
    @rule(src=st.sampled_from(NAMES), dst=st.sampled_from(NAMES),
          fate=st.sampled_from(["deliver", "deliver", "lose", "later", "twice"]))
    def send(self, src: str, dst: str, fate: str) -> None:
        if src == dst:
            return
        path = self._path()
        export_bundle(self.dbs[src], path)
        if fate == "later":
            self.in_flight.append((dst, path))
        elif fate != "lose":
            for _ in range(2 if fate == "twice" else 1):
                import_files(self.dbs[dst], [path])

    @precondition(lambda self: self.in_flight)
    @rule(which=st.integers(0, 10))
    def late_bundle_arrives(self, which: int) -> None:
        dst, path = self.in_flight.pop(which % len(self.in_flight))
        import_files(self.dbs[dst], [path])

    @precondition(lambda self: self.revoked_from is None)
    @rule()
    def office_revokes_the_stolen_laptop(self) -> None:
        revoke(self.dbs["office"], "Stolen")
        entry = load_identity(self.dbs["office"]).roster.get(self.ids["stolen"])
        assert entry is not None and entry.revoked_from is not None
        self.revoked_from = entry.revoked_from

    # -- the hostile member ------------------------------------------------------------------
    @precondition(lambda self: self.person_ids)
    @rule(victim=st.sampled_from(["office", "one", "two", "stolen"]), p=st.integers(0, 40),
          dst=st.sampled_from(HONEST), signed=st.booleans(), seq=st.integers(1, 10**6))
    def forge_in_another_name(self, victim: str, p: int, dst: str, signed: bool,
                              seq: int) -> None:
        author = self.ids[victim]
        pid = self.person_ids[p % len(self.person_ids)]
        now = time.time_ns() // 1_000_000
        ops = [Operation(author, seq, stamp(now, author), "people", pid, "city", MARK),
               Operation(author, seq + 1, stamp(now, author), "people", pid, "_erased", True)]
        seals = [seal_for(op) for op in ops]
        hostile = load_identity(self.dbs["hostile"])
        batches = [signed_batch(hostile.keys, hostile.coalition_id, ops, seals)] if signed else []
        path = send_crafted(self.dbs["hostile"], self._path(), ops, seals, batches)
        import_files(self.dbs[dst], [path])

    @rule(dst=st.sampled_from(HONEST), which=st.integers(0, 100))
    def relay_with_one_value_altered(self, dst: str, which: int) -> None:
        ops, seals, batches = held_export(self.dbs["hostile"])
        others = [i for i, op in enumerate(ops)
                  if op.device_id != self.ids["hostile"] and op.field == "city"]
        if not others:
            return
        i = others[which % len(others)]
        old = ops[i]
        ops[i] = Operation(old.device_id, old.seq, old.stamp, old.table, old.row_id,
                           old.field, MARK, old.pred)
        path = send_crafted(self.dbs["hostile"], self._path(), ops, seals, batches)
        import_files(self.dbs[dst], [path])

    @rule(dst=st.sampled_from(HONEST), years=st.integers(2, 200))
    def stamp_far_in_the_future(self, dst: str, years: int) -> None:
        hostile = self.dbs["hostile"]
        hostile.wall_clock = lambda: time.time_ns() // 1_000_000 + years * YEAR_MS
        try:
            people.add_person(hostile, {"first_name": MARK, "city": "Future"})
            path = self._path()
            export_bundle(hostile, path)
        finally:
            hostile.wall_clock = None
        import_files(self.dbs[dst], [path])

    # -- what must hold --------------------------------------------------------------------
    def check_outcome(self) -> None:
        office, laptops = self.dbs["office"], [self.dbs["one"], self.dbs["two"]]
        for _ in range(2):
            for laptop in laptops:
                path = self._path()
                export_bundle(laptop, path)
                import_files(office, [path])
            for laptop in laptops:
                path = self._path()
                export_bundle(office, path)
                import_files(laptop, [path])
        dumps = [canonical_dump(self.dbs[n]) for n in HONEST]
        assert dumps[1] == dumps[0] and dumps[2] == dumps[0]
        for name in HONEST:
            con = sqlite3.connect(self.dbs[name].path)
            try:
                marked = con.execute("SELECT count(*) FROM change_log WHERE value LIKE ?",
                                     (f"%{MARK}%",)).fetchone()[0]
                shown = con.execute("SELECT count(*) FROM people WHERE first_name = ?"
                                    " OR city = ?", (MARK, MARK)).fetchone()[0]
                after = con.execute("SELECT count(*) FROM change_log WHERE device_id = ?"
                                    " AND seq >= ?", (self.ids["stolen"],
                                                      self.revoked_from or 2**62)).fetchone()[0]
            finally:
                con.close()
            assert (marked, shown, after) == (0, 0, 0), name


AdversaryMachine.TestCase.settings = settings(
    max_examples=15,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestHonestDevicesConvergeAndRefuseForgeries = AdversaryMachine.TestCase
