"""CSV import: a contact list of every demo person, imported; rows per second.

Ours: ``services.imports.plan_import`` + ``run_import`` of the same CSV (``people.csv`` in
the scratch folder) into a fresh, empty workspace, in a child process so its peak memory
is its own; timed from the child's start to its exit, like the baselines.

Rows:

* into an empty database, beside ``sqlite3 .import`` (parsing and inserting text only);
* into an empty database, beside a plain script doing the same essential work
  (``csv.DictReader``, ``phonenumbers.parse`` + ``is_valid_number`` per phone, one
  ``executemany`` INSERT into a people table, one transaction);
* into a copy of the demo database, which already holds every person of the file (so
  every row is matched against the people already there), beside the same plain script
  into an empty database.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from benchmarks.dataset import remove_database, write_people_csv
from benchmarks.harness import NOT_BUILT, Context, Result, figure, median, run_child

ROWS = [
    ("import.csv_rows_per_s", "CSV import of people", "rows/s", "–"),
    ("import.csv_vs_plain_rows_per_s", "CSV import of people, vs plain script", "rows/s",
     "≤ 3x"),
    ("import.csv_existing_rows_per_s", "CSV import of people into the demo database",
     "rows/s", "–"),
]


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


_PLAIN = """
import csv, sqlite3, sys
import phonenumbers
conn = sqlite3.connect(sys.argv[2])
conn.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT,"
             " email TEXT, phone TEXT, organisation TEXT, city TEXT, province TEXT)")
def phone(text):
    if not text:
        return None
    try:
        number = phonenumbers.parse(text, "ZA")
    except phonenumbers.NumberParseException:
        return text
    if phonenumbers.is_valid_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return text
with open(sys.argv[1], newline="", encoding="utf-8") as fh, conn:
    conn.executemany(
        "INSERT INTO people (first_name, last_name, email, phone, organisation, city,"
        " province) VALUES (?, ?, ?, ?, ?, ?, ?)",
        ((r["first_name"], r["last_name"], (r["email"] or "").strip().lower() or None,
          phone(r["phone"]), r["organisation"], r["city"], r["province"])
         for r in csv.DictReader(fh)))
print(conn.execute("SELECT count(*) FROM people").fetchone()[0])
"""


def plain_import(ctx: Context, csv_path: Path) -> tuple[list[float], float]:
    """rows/s of the plain same-work script per run (empty database), and its peak RSS."""
    rates: list[float] = []
    peak = 0.0
    target = ctx.work_dir / "plain-import.sqlite3"
    for index in range(ctx.warmups + ctx.repeats):
        target.unlink(missing_ok=True)
        child = run_child([ctx.python or sys.executable, "-c", _PLAIN, str(csv_path),
                           str(target)])
        if child.returncode != 0:
            raise RuntimeError(f"plain import failed: {child.stderr.strip()[-300:]}")
        if index >= ctx.warmups:
            rates.append(ctx.people / child.wall_s)
            peak = max(peak, child.peak_rss_mb)
    target.unlink(missing_ok=True)
    return rates, peak


def our_import(ctx: Context, csv_path: Path, *, into_demo: bool = False,
               runs: int | None = None) -> tuple[list[float], float]:
    """rows/s of our import per run (fresh workspace, or a fresh copy of the demo database,
    each time), and the peak RSS (MB)."""
    from benchmarks.dataset import working_copy

    rates: list[float] = []
    peak = 0.0
    target = ctx.work_dir / "our-import.sqlite3"
    for index in range(ctx.warmups + (ctx.repeats if runs is None else runs)):
        remove_database(target)
        shutil.rmtree(ctx.work_dir / "backups", ignore_errors=True)
        if into_demo:
            working_copy(ctx.db_path, ctx.work_dir, target.name)
        child = run_child([ctx.python or sys.executable, "-c", _CHILD, str(csv_path),
                           str(target)])
        if child.returncode != 0:
            raise RuntimeError(f"import failed: {child.stderr.strip()[-300:]}")
        if index >= ctx.warmups:
            rates.append(ctx.people / child.wall_s)
            peak = max(peak, child.peak_rss_mb)
    remove_database(target)
    return rates, peak


@figure("import", ROWS)
def csv_import(ctx: Context) -> list[Result]:
    row, plain_row, existing_row = (
        Result(name=name, label=f"{label} ({ctx.people:,} rows)", unit="rows/s",
               value=NOT_BUILT, target=target, higher_is_better=True)
        for name, label, _, target in ROWS)
    row.baseline_label = "sqlite3 CLI .import"
    plain_row.baseline_label = "csv + phonenumbers + executemany"
    existing_row.baseline_label = "plain script, empty database"
    existing_row.note = "every row matches a person already there"
    csv_path = people_csv(ctx)
    ours, our_peak = our_import(ctx, csv_path)
    for r in (row, plain_row):
        r.value = median(ours)
        r.samples = ours
        r.peak_rss_mb = our_peak
    plain, plain_peak = plain_import(ctx, csv_path)
    for r in (plain_row, existing_row):
        r.baseline = median(plain)
        r.baseline_samples = plain
        r.baseline_peak_rss_mb = plain_peak
    # Each run copies the whole demo database first: fewer runs.
    existing, existing_peak = our_import(ctx, csv_path, into_demo=True,
                                         runs=max(1, min(ctx.repeats, 2)))
    existing_row.value = median(existing)
    existing_row.samples = existing
    existing_row.peak_rss_mb = existing_peak
    try:
        rates, peak = sqlite_cli_import(ctx, csv_path)
    except FileNotFoundError as exc:
        row.baseline = str(exc)
        return [row, plain_row, existing_row]
    row.baseline = median(rates)
    row.baseline_samples = rates
    row.baseline_peak_rss_mb = peak
    return [row, plain_row, existing_row]
