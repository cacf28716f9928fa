"""Cold start: a fresh process until the main window is painted, vs a bare PySide6 window."""

from __future__ import annotations

from benchmarks.figures.qt import probe
from benchmarks.harness import Context, Result, figure, median

ROWS = [
    (
        "startup.cold_start",
        "Cold start to a usable main window",
        "ms",
        "≤ 1.5x bare window and < 1,500 ms",
    ),
]


@figure("startup", ROWS)
def startup(ctx: Context) -> list[Result]:
    ours: list[float] = []
    bare: list[float] = []
    ours_rss: list[float] = []
    bare_rss: list[float] = []
    # Alternate the two so drift on a noisy machine hits both alike.
    for index in range(ctx.warmups + ctx.repeats):
        app_child, app_data = probe(ctx, "app", str(ctx.db_path))
        bare_child, bare_data = probe(ctx, "bare")
        if index < ctx.warmups:
            continue
        assert app_child.first_line_s is not None and bare_child.first_line_s is not None
        ours.append(app_child.first_line_s * 1000)
        bare.append(bare_child.first_line_s * 1000)
        ours_rss.append(app_data["peak_rss_mb"])
        bare_rss.append(bare_data["peak_rss_mb"])
    value = median(ours)
    met = value <= 1.5 * median(bare) and value < 1500
    return [
        Result(
            name="startup.cold_start",
            label=ROWS[0][1],
            unit="ms",
            value=value,
            baseline=median(bare),
            baseline_label="bare QMainWindow",
            target=ROWS[0][3],
            peak_rss_mb=max(ours_rss),
            baseline_peak_rss_mb=max(bare_rss),
            note=("met" if met else "not met")
            + "; fresh process each run, warm OS file cache; ends when the first page "
            "(Dashboard) has painted — the People list is loaded by then",
            samples=ours,
            baseline_samples=bare,
        )
    ]
