"""What checking a database at open costs: the check every open runs vs a full check.

Ours: ``db.recovery.check_file`` (header page count vs file size, the schema, quick_check of
the small local tables) on the benchmark database. Baseline: ``db.recovery.full_check``,
SQLite's ``PRAGMA quick_check`` over every page. The ratio is why every open runs the
first and not the second. Both in this process, alternated, warm file cache.
"""

from __future__ import annotations

import time

from benchmarks.harness import Context, Result, figure, median
from saypro_desktop.db.recovery import check_file, full_check

ROWS = [("open.check", "Damage check at every open", "ms", "< 50 ms at 100,000 people")]


@figure("open_check", ROWS)
def open_check(ctx: Context) -> list[Result]:
    ours: list[float] = []
    full: list[float] = []
    for index in range(ctx.warmups + ctx.repeats):
        started = time.perf_counter()
        check_file(ctx.db_path)
        checked = time.perf_counter()
        full_check(ctx.db_path)
        done = time.perf_counter()
        if index >= ctx.warmups:
            ours.append((checked - started) * 1000)
            full.append((done - checked) * 1000)
    size_mb = ctx.db_path.stat().st_size / 1e6
    return [Result(
        name=ROWS[0][0], label=ROWS[0][1], unit="ms", value=median(ours),
        baseline=median(full), baseline_label="PRAGMA quick_check (every page)",
        target=ROWS[0][3],
        note=f"{ctx.people:,} people, {size_mb:,.0f} MB file; warm file cache",
        samples=ours, baseline_samples=full,
    )]
