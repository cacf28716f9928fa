"""Hybrid logical clock: stamps that order the same way on every machine.

A stamp is (wall milliseconds, counter, device id). It never goes backwards on
one device even if the system clock does, and observing a remote stamp moves
the local clock forward -- but only up to ``MAX_DRIFT_MS`` ahead of our own
wall clock, so one laptop with its date set to 2099 cannot drag everyone along (and the
importer does not apply a change stamped further ahead than that at all, see
sync.authorship). A stored clock far ahead of the wall clock starts again from the wall.
Correctness never depends on clocks being right; they only make "later wins"
match what people expect most of the time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

MAX_DRIFT_MS = 24 * 3600 * 1000  # a remote stamp may push us at most one day ahead
_WALL_DIGITS = 13
_COUNTER_DIGITS = 6


@dataclass(frozen=True, order=True, slots=True)
class Stamp:
    wall_ms: int
    counter: int
    device_id: str

    def encode(self) -> str:
        """Fixed-width text whose string order equals stamp order."""
        return (
            f"{self.wall_ms:0{_WALL_DIGITS}d}.{self.counter:0{_COUNTER_DIGITS}d}.{self.device_id}"
        )

    @classmethod
    def decode(cls, text: str) -> Stamp:
        try:
            wall, counter, device = text.split(".", 2)
            if len(wall) != _WALL_DIGITS or len(counter) != _COUNTER_DIGITS or not device:
                raise ValueError(text)
            return cls(int(wall), int(counter), device)
        except ValueError:
            raise ValueError(f"not a clock stamp: {text!r}") from None


class HybridLogicalClock:
    def __init__(
        self,
        device_id: str,
        last: Stamp | None = None,
        wall: Callable[[], int] | None = None,
    ) -> None:
        self.device_id = device_id
        self._wall = wall or (lambda: time.time_ns() // 1_000_000)
        self._ms = last.wall_ms if last else 0
        self._counter = last.counter if last else 0

    def now(self) -> Stamp:
        wall = self._wall()
        if self._ms > wall + MAX_DRIFT_MS:
            # The last stamp is far ahead of this computer's clock: it was set wrong and put
            # right since. Carrying on from the wrong date would make every later change of
            # this device wait on the others (they do not apply far-future stamps), so start
            # again from the clock. A device's own edits stay in order regardless: each one
            # names the change it replaces, and stamps only order concurrent edits.
            self._ms, self._counter = wall, 0
        if wall > self._ms:
            self._ms, self._counter = wall, 0
        else:
            self._counter += 1
        if self._counter >= 10**_COUNTER_DIGITS:  # a million stamps in one ms: borrow the next ms
            self._ms, self._counter = self._ms + 1, 0
        return Stamp(self._ms, self._counter, self.device_id)

    def observe(self, remote: Stamp) -> None:
        """Move forward past a stamp seen in an imported change (bounded by MAX_DRIFT_MS)."""
        ceiling = self._wall() + MAX_DRIFT_MS
        remote_ms = min(remote.wall_ms, ceiling)
        if remote_ms > self._ms:
            self._ms, self._counter = (
                remote_ms,
                remote.counter if remote_ms == remote.wall_ms else 0,
            )
        elif remote_ms == self._ms:
            self._counter = max(self._counter, remote.counter)
