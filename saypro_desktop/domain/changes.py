"""What a committed write changed, so every open screen can refresh what it shows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """The tables and row ids one or more committed writes touched."""

    tables: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()

    @classmethod
    def of(cls, rows: Iterable[tuple[str, str]]) -> ChangeSet:
        rows = list(rows)
        return cls(frozenset(t for t, _ in rows), frozenset(r for _, r in rows))

    def __bool__(self) -> bool:
        return bool(self.tables)

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(self.tables | other.tables, self.ids | other.ids)

    def touches(self, *tables: str) -> bool:
        """True when any of ``tables`` changed (a page asks about what it shows)."""
        return not self.tables.isdisjoint(tables)
