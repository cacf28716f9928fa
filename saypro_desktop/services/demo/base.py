"""What every area of the demo shares: the batch writer, the row counts, small random helpers."""

from __future__ import annotations

import bisect
import itertools
import random
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, time
from typing import Any, TypeVar

from saypro_desktop.db.models import Synced
from saypro_desktop.domain.errors import SayProError
from saypro_desktop.services.unit_of_work import UnitOfWork

BATCH_ROWS = 5_000

Progress = Callable[[int, int], bool | None]
Row = dict[str, Any]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """How many rows of each table the demo wrote (field names are table names)."""

    organisations: int = 0
    people: int = 0
    memberships: int = 0
    referrals: int = 0
    tags: int = 0
    person_tags: int = 0
    assessments: int = 0
    stage_moves: int = 0
    interactions: int = 0
    follow_ups: int = 0
    meetings: int = 0
    meeting_attendees: int = 0
    meeting_organisations: int = 0
    action_items: int = 0
    commitments: int = 0
    working_groups: int = 0
    working_group_members: int = 0
    coalition_profile: int = 0
    events: int = 0
    event_rsvps: int = 0
    sign_ins: int = 0
    petitions: int = 0
    signatures: int = 0
    campaigns: int = 0
    campaign_phases: int = 0
    objectives: int = 0
    kpi_targets: int = 0
    concerns: int = 0
    reforms: int = 0
    reform_positions: int = 0
    reform_meetings: int = 0
    reform_moves: int = 0
    reform_position_changes: int = 0
    reform_obstacles: int = 0
    reform_concerns: int = 0
    reform_media: int = 0
    media_items: int = 0
    stories: int = 0
    consents: int = 0
    erasure_requests: int = 0

    @property
    def total(self) -> int:
        return sum(self.as_dict().values())

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


class Writer:
    """Writes rows in batches through the unit of work, counting and reporting progress."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.uow: UnitOfWork | None = None
        self._progress = progress
        self.total = max(total, 1)
        self.done = 0
        self.counts: dict[str, int] = {f.name: 0 for f in fields(DemoSummary)}

    def write(self, model: type[Synced], rows: Sequence[Row],
              row_ids: Sequence[str] | None = None) -> list[str]:
        assert self.uow is not None
        ids: list[str] = []
        for start in range(0, len(rows), BATCH_ROWS):
            batch = rows[start:start + BATCH_ROWS]
            # The bulk insert drops None values and starts a new statement whenever the set
            # of filled fields changes; ordering the batch by that set keeps it to a few
            # executemany calls. Returned ids are put back in the caller's order.
            order = sorted(range(len(batch)),
                           key=lambda i: sorted(k for k, v in batch[i].items() if v is not None))
            batch_ids = row_ids[start:start + BATCH_ROWS] if row_ids is not None else None
            made = self.uow.create_many(
                model, [batch[i] for i in order],
                row_ids=[batch_ids[i] for i in order] if batch_ids is not None else None,
            )
            placed = [""] * len(batch)
            for position, index in enumerate(order):
                placed[index] = made[position]
            ids.extend(placed)
            self.counts[model.__tablename__] += len(batch)
            self.done += len(batch)
            self._report(min(self.done, self.total - 1))
        return ids

    def finish(self) -> None:
        self._report(self.total)

    def _report(self, done: int) -> None:
        if self._progress is not None and self._progress(done, self.total) is False:
            raise SayProError("demo data cancelled")


class Weighted:
    """Fast repeated weighted choice."""

    def __init__(self, pairs: Sequence[tuple[Any, float]]) -> None:
        self.items = [item for item, _ in pairs]
        self.cumulative = list(itertools.accumulate(weight for _, weight in pairs))
        self.sum = self.cumulative[-1]

    def pick(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect_right(self.cumulative, rng.random() * self.sum)]


def one(rng: random.Random, items: Sequence[T]) -> T:
    return items[int(rng.random() * len(items))]


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def ascii_letters(text: str) -> str:
    """Lower-case ASCII letters and digits of ``text`` (accents folded), for email addresses."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_ALNUM.sub("", folded.lower())


def slug(text: str, words: int = 3) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    parts = [p for p in _NOT_ALNUM.split(folded.lower()) if p not in {"", "the", "of", "and"}]
    return "-".join(parts[:words]) or "org"


def at_time(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))
