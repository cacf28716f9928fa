"""Opening the Dashboard page (its counts are computed live), vs the same counts in raw SQL."""

from __future__ import annotations

import time

from benchmarks.figures.qt import probe
from benchmarks.figures.rawdb import connect
from benchmarks.harness import Context, Result, figure, median

ROWS = [("dashboard.open", "Dashboard open", "ms", "–")]

_LIVE = "deleted_at IS NULL"
RAW_COUNTS = [
    f"SELECT count(*) FROM {table} WHERE {_LIVE}"
    for table in ("people", "organisations", "interactions", "meetings", "events", "sign_ins",
                  "commitments")
] + [f"SELECT count(*) FROM follow_ups WHERE {_LIVE} AND status = 'open'"]


def _raw_counts(ctx: Context) -> list[float]:
    conn = connect(ctx.db_path)
    times = []
    try:
        for index in range(ctx.warmups + ctx.repeats * 3):
            started = time.perf_counter()
            for sql in RAW_COUNTS:
                conn.execute(sql).fetchone()
            if index >= ctx.warmups:
                times.append((time.perf_counter() - started) * 1000)
    finally:
        conn.close()
    return times


@figure("dashboard", ROWS)
def dashboard(ctx: Context) -> list[Result]:
    opens: list[float] = []
    for index in range(ctx.warmups + max(1, ctx.repeats // 2)):
        _child, data = probe(ctx, "dashboard", str(ctx.db_path), "3")
        if index >= ctx.warmups:
            opens += [s * 1000 for s in data["open_s"]]
    raw = _raw_counts(ctx)
    return [
        Result(
            name=ROWS[0][0],
            label=ROWS[0][1],
            unit="ms",
            value=median(opens),
            baseline=median(raw),
            baseline_label="raw COUNT queries",
            target=ROWS[0][3],
            note="switch to the page until painted; the eight cards are counted each time",
            samples=opens,
            baseline_samples=raw,
        )
    ]
