"""The sign-in desk: one person signed in at an event and committed.

Not built yet: when the sign-in service lands, time its call here (p95 of
``EDITS_PER_RUN`` sign-ins, like edit.py) and return it as the value.
"""

from __future__ import annotations

import time

from benchmarks.figures.rawdb import connect
from benchmarks.harness import NOT_BUILT, Context, Result, figure, median, percentile

SIGN_INS_PER_RUN = 40
ROWS = [("signin.commit_p95", "Sign-in desk commit, p95", "ms", "p95 ≤ 20 ms")]


def raw_insert_p95(ctx: Context) -> list[float]:
    """Per run, p95 of a raw INSERT of a sign-in-sized row and COMMIT."""
    conn = connect(ctx.writable_db())
    conn.execute(
        "CREATE TABLE IF NOT EXISTS bench_sign_ins (id TEXT PRIMARY KEY, event_id TEXT, "
        "person_id TEXT, signed_in_at TEXT, source TEXT, walk_in INTEGER, consent INTEGER)"
    )
    per_run: list[float] = []
    counter = 0
    try:
        for index in range(ctx.warmups + ctx.repeats):
            times = []
            for _ in range(SIGN_INS_PER_RUN):
                counter += 1
                started = time.perf_counter()
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(
                    "INSERT INTO bench_sign_ins VALUES (?, ?, ?, datetime('now'), 'desk', 0, 1)",
                    (f"bench-{counter}", "event", f"person-{counter}"),
                )
                conn.execute("COMMIT")
                times.append((time.perf_counter() - started) * 1000)
            if index >= ctx.warmups:
                per_run.append(percentile(times, 95))
    finally:
        conn.close()
    return per_run


@figure("signin", ROWS)
def signin(ctx: Context) -> list[Result]:
    raw = raw_insert_p95(ctx)
    return [
        Result(
            name=ROWS[0][0],
            label=ROWS[0][1],
            unit="ms",
            value=NOT_BUILT,
            baseline=median(raw),
            baseline_label="raw INSERT + COMMIT",
            target=ROWS[0][3],
            baseline_samples=raw,
        )
    ]
