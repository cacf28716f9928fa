"""The sync tests can fail: break a merge rule on purpose and watch them catch it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from sqlalchemy import text

from saypro_desktop.db.engine import Database
from saypro_desktop.services import people
from saypro_desktop.services.sync import apply_operations
from saypro_desktop.sync import merge
from saypro_desktop.sync.merge.rows import HeldOp
from saypro_desktop.sync.operations import Operation
from tests.sync.sync_harness import (
    all_ops,
    exchange,
    export_ops,
    make_template,
    new_replica,
    people_state,
    reference_people,
)


def _replicas(folder: Path, n: int) -> list[Database]:
    template = make_template(folder)
    return [new_replica(template, folder / f"r{i}.sqlite3") for i in range(n)]


def concurrent_edits_agree_with_model(folder: Path) -> None:
    office, one, two = _replicas(folder, 3)
    try:
        ids = [people.add_person(office, {"first_name": f"P{i}"}) for i in range(4)]
        for laptop in (one, two):
            exchange(office, laptop)
        for i, pid in enumerate(ids):  # alternate who edits first, so stamps differ both ways
            first, second = (one, two) if i % 2 else (two, one)
            people.update_person(first, pid, {"city": f"first-{i}"})
            people.update_person(second, pid, {"city": f"second-{i}"})
        for laptop in (one, two):
            exchange(laptop, office)
        union = all_ops(office)
        assert people_state(office) == reference_people(union)
    finally:
        for db in (office, one, two):
            db.dispose()


def late_replaced_value_stays_replaced(folder: Path) -> None:
    office, one = _replicas(folder, 2)
    try:
        pid = people.add_person(one, {"first_name": "Anél", "city": "Pretoria"})
        people.update_person(one, pid, {"city": "Mamelodi"})
        ops = export_ops(one, None, full=True)
        old = next(o for o in ops if o.field == "city" and o.value == "Pretoria")
        apply_operations(office, [o for o in ops if o is not old])
        apply_operations(office, [old])
        assert people_state(office) == reference_people(all_ops(office))
    finally:
        office.dispose()
        one.dispose()


SCENARIOS: list[Callable[[Path], None]] = [
    concurrent_edits_agree_with_model,
    late_replaced_value_stays_replaced,
]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenarios_pass_with_the_real_rules(scenario: Callable[[Path], None],
                                            tmp_path: Path) -> None:
    scenario(tmp_path)


def test_breaking_the_tie_break_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    # "Later stamp wins" replaced by "larger device id wins".
    monkeypatch.setattr(HeldOp, "order", property(lambda o: (o.device_id, o.seq)))
    with pytest.raises(AssertionError):
        concurrent_edits_agree_with_model(tmp_path)


def test_breaking_the_late_arrival_rule_is_caught(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    real = merge.MergeEngine._link_replacements

    def forgetful(self: merge.MergeEngine, fresh: Sequence[Operation]) -> set[tuple[str, str]]:
        # Marks what new operations replace, but forgets replacements that came first.
        self.session.execute(text("DELETE FROM superseded"))
        return real(self, fresh)

    monkeypatch.setattr(merge.MergeEngine, "_link_replacements", forgetful)
    with pytest.raises(AssertionError):
        late_replaced_value_stays_replaced(tmp_path)
