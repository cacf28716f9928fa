"""CSV import: a contact list of every demo person, imported; rows per second.

Ours: ``services.imports.plan_import`` + ``run_import`` of the same CSV (``people.csv`` in
the scratch folder) into a fresh, empty workspace, in a child process so its peak memory
is its own; timed from the child's start to its exit, like the sqlite3 baseline.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from benchmarks.dataset import write_people_csv
from benchmarks.harness import NOT_BUILT, Context, Result, figure, median, run_child

ROWS = [("import.csv_rows_per_s", "CSV import of people", "rows/s", "–")]


def people_csv(ctx: Context) -> Path:
    path = ctx.work_dir / "people.csv"
    if not path.exists():
        write_people_csv(ctx.db_path, path, ctx.people)
    return path


def sqlite_cli_import(ctx: Context, csv_path: Path) -> tuple[list[float], float]:
    """rows/s of ``sqlite3 .import`` per run, and the largest peak RSS (MB) it reached."""
    sqlite3_bin = shutil.which("sqlite3")
    if sqlite3_bin is None:
        raise FileNotFoundError("sqlite3 command line not installed")
    rates: list[float] = []
    peak = 0.0
    target = ctx.work_dir / "cli-import.sqlite3"
    for index in range(ctx.warmups + ctx.repeats):
        target.unlink(missing_ok=True)
        child = run_child([sqlite3_bin, str(target), f'.import --csv "{csv_path}" people'])
        if child.returncode != 0 or child.stderr.strip():
            raise RuntimeError(f"sqlite3 .import failed: {child.stderr.strip()[:200]}")
        if index >= ctx.warmups:
            rates.append(ctx.people / child.wall_s)
            peak = max(peak, child.peak_rss_mb)
    target.unlink(missing_ok=True)
    return rates, peak


_CHILD = """
import sys
from pathlib import Path
from saypro_desktop.services.imports import plan_import, run_import
from saypro_desktop.services.workspace import open_workspace
db = open_workspace(Path(sys.argv[2]))
report = run_import(db, plan_import(db, Path(sys.argv[1])), on_bad_rows="skip")
db.dispose()
print(report.created + report.updated + report.unchanged + report.merged)
"""


def our_import(ctx: Context, csv_path: Path) -> tuple[list[float], float]:
    """rows/s of our import per run (fresh workspace each time), and the peak RSS (MB)."""
    rates: list[float] = []
    peak = 0.0
    target = ctx.work_dir / "our-import.sqlite3"
    for index in range(ctx.warmups + ctx.repeats):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.rmtree(ctx.work_dir / "backups", ignore_errors=True)
        child = run_child([ctx.python or sys.executable, "-c", _CHILD, str(csv_path),
                           str(target)])
        if child.returncode != 0:
            raise RuntimeError(f"import failed: {child.stderr.strip()[-300:]}")
        if index >= ctx.warmups:
            rates.append(ctx.people / child.wall_s)
            peak = max(peak, child.peak_rss_mb)
    return rates, peak


@figure("import", ROWS)
def csv_import(ctx: Context) -> list[Result]:
    row = Result(
        name=ROWS[0][0],
        label=f"{ROWS[0][1]} ({ctx.people:,} rows)",
        unit="rows/s",
        value=NOT_BUILT,
        baseline_label="sqlite3 CLI .import",
        target=ROWS[0][3],
        higher_is_better=True,
    )
    csv_path = people_csv(ctx)
    ours, our_peak = our_import(ctx, csv_path)
    row.value = median(ours)
    row.samples = ours
    row.peak_rss_mb = our_peak
    try:
        rates, peak = sqlite_cli_import(ctx, csv_path)
    except FileNotFoundError as exc:
        row.baseline = str(exc)
        return [row]
    row.baseline = median(rates)
    row.baseline_samples = rates
    row.baseline_peak_rss_mb = peak
    return [row]
