"""Opening and scrolling the People table, in the real window, vs a bare QTableView.

Each run is a fresh app process (started untimed): switch to the People page and time it
to the table's first paint, then jump-scroll through the whole list and page down, timing
each step to its paint. The baseline, in the same process, is a bare QTableView over an
in-memory model with as many rows. Peak memory is the whole app process after scrolling.
"""

from __future__ import annotations

from benchmarks.figures.qt import probe
from benchmarks.harness import Context, Result, figure, median, percentile

ROWS = [
    ("people_table.first_paint", "Open People table: time to first paint", "ms", "–"),
    ("people_table.scroll_p95", "Scroll People table: p95 per step", "ms", "–"),
    ("people_table.peak_rss", "Peak memory with People table scrolled", "MB", "< 250 MB"),
]


@figure("people_table", ROWS)
def people_table(ctx: Context) -> list[Result]:
    steps = 20 if ctx.quick else 40
    first: list[float] = []
    bare_first: list[float] = []
    scroll: list[float] = []
    bare_scroll: list[float] = []
    rss: list[float] = []
    bare_rss: list[float] = []
    fetched = 0
    for index in range(ctx.warmups + ctx.repeats):
        _child, data = probe(ctx, "table", str(ctx.db_path), str(steps))
        _bare_child, bare_data = probe(ctx, "bare")
        if index < ctx.warmups:
            continue
        first.append(data["first_paint_s"] * 1000)
        bare_first.append(data["bare_first_paint_s"] * 1000)
        scroll.append(percentile(data["scroll_s"], 95) * 1000)
        bare_scroll.append(percentile(data["bare_scroll_s"], 95) * 1000)
        rss.append(data["people_peak_rss_mb"])
        bare_rss.append(bare_data["peak_rss_mb"])
        fetched = data["fetched_pages"]
    peak = max(rss)
    return [
        Result(
            name=ROWS[0][0],
            label=ROWS[0][1],
            unit="ms",
            value=median(first),
            baseline=median(bare_first),
            baseline_label="bare QTableView",
            target=ROWS[0][3],
            note="includes the page refresh (tag/organisation lists and the id list query)",
            samples=first,
            baseline_samples=bare_first,
        ),
        Result(
            name=ROWS[1][0],
            label=ROWS[1][1],
            unit="ms",
            value=median(scroll),
            baseline=median(bare_scroll),
            baseline_label="bare QTableView",
            target=ROWS[1][3],
            note=f"{steps} jumps across the list + {steps} page-downs; "
            f"{fetched} pages of 200 rows fetched",
            samples=scroll,
            baseline_samples=bare_scroll,
        ),
        Result(
            name=ROWS[2][0],
            label=ROWS[2][1],
            unit="MB",
            value=peak,
            baseline=max(bare_rss),
            baseline_label="bare QMainWindow process",
            target=ROWS[2][3],
            peak_rss_mb=peak,
            baseline_peak_rss_mb=max(bare_rss),
            note="met" if peak < 250 else "not met",
            samples=rss,
            baseline_samples=bare_rss,
        ),
    ]
