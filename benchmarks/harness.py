"""The harness: figures register here, run in order, and come out as one table and JSON.

A figure is a function ``(ctx) -> list[Result]`` registered with :func:`figure`.
Each feature adds one small module under ``benchmarks/figures/`` that registers
its figure(s); a feature that has not landed yet returns :func:`not_built` rows
(with its baseline still measured where that is cheap), never made-up numbers.

Every number is the median of ``ctx.repeats`` runs after ``ctx.warmups`` warm-up
runs, and every figure is measured beside its baseline in the same run, so the
ratio still means something on a noisy machine. Nothing here fails a build.
"""

from __future__ import annotations

import json
import math
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

NOT_BUILT = "not built yet"
Value = float | str  # a number, or NOT_BUILT / an explanation such as "error: ..."


@dataclass
class Context:
    """What every figure gets: the database, the run's settings and a scratch folder."""

    db_path: Path
    people: int
    seed: int
    repeats: int
    warmups: int
    quick: bool
    work_dir: Path
    python: str = sys.executable
    verbose: bool = True

    _writable: Path | None = None

    def writable_db(self) -> Path:
        """A copy of the database that figures may write to (made once per run)."""
        if self._writable is None:
            from benchmarks.dataset import working_copy

            self._writable = working_copy(self.db_path, self.work_dir, "writable.sqlite3")
        return self._writable

    def log(self, message: str) -> None:
        if self.verbose:
            sys.stderr.write(f"  {message}\n")
            sys.stderr.flush()


@dataclass
class Result:
    """One row of the table."""

    name: str  # stable key, e.g. "search.p95"
    label: str  # what a person reads, e.g. "Search as you type, p95"
    unit: str  # "ms", "s", "rows/s", "bytes", "MB"
    value: Value
    baseline: Value | None = None
    baseline_label: str = ""
    target: str = ""
    higher_is_better: bool = False
    peak_rss_mb: float | None = None
    baseline_peak_rss_mb: float | None = None
    note: str = ""
    samples: list[float] = field(default_factory=list)
    baseline_samples: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        """How many times the baseline we are (for rates: baseline rate / our rate)."""
        if not isinstance(self.value, float) or not isinstance(self.baseline, float):
            return None
        if self.higher_is_better:
            return self.baseline / self.value if self.value else None
        return self.value / self.baseline if self.baseline else None

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = self.ratio
        return data


FigureFn = Callable[[Context], list[Result]]


@dataclass(frozen=True)
class Figure:
    name: str
    run: FigureFn
    placeholder: list[Result]  # the rows it produces, for "not built" / error reporting


FIGURES: list[Figure] = []


def figure(name: str, rows: Sequence[tuple[str, str, str, str]]) -> Callable[[FigureFn], FigureFn]:
    """Register a figure. ``rows`` lists (name, label, unit, target) of the rows it returns."""

    def register(fn: FigureFn) -> FigureFn:
        placeholder = [
            Result(name=n, label=label, unit=unit, value=NOT_BUILT, target=target)
            for n, label, unit, target in rows
        ]
        FIGURES.append(Figure(name, fn, placeholder))
        return fn

    return register


def not_built(ctx: Context, fig_rows: Sequence[Result], baseline: Sequence[Value | None]) -> None:
    """Mark rows as not built yet, keeping any baselines measured for them."""
    for row, base in zip(fig_rows, baseline, strict=True):
        row.value = NOT_BUILT
        if base is not None:
            row.baseline = base


# -- statistics -----------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (p95 of 20 samples is the 19th smallest)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return float(ordered[rank - 1])


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call takes."""
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def runs(ctx: Context, one_run: Callable[[], float]) -> list[float]:
    """Warm up, then return ``ctx.repeats`` results of ``one_run``."""
    for _ in range(ctx.warmups):
        one_run()
    return [one_run() for _ in range(ctx.repeats)]


# -- child processes ------------------------------------------------------------------------


@dataclass
class Child:
    stdout: str
    stderr: str
    returncode: int
    wall_s: float  # from just before the process was started until it exited
    first_line_s: float | None  # until it printed its first line (None if it printed none)
    peak_rss_mb: float  # the child's own peak resident memory (VmHWM, sampled)
    second_line_s: float | None = None  # until its second line (a probe's second milestone)


def _vm_hwm_mb(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def run_child(cmd: Sequence[str], *, env: dict[str, str] | None = None,
              timeout_s: float = 600) -> Child:
    """Run a process, timing it to its first output line and to its exit, and watching its
    peak memory (VmHWM, polled every few ms: ``ru_maxrss`` from wait4 would include this
    process's own size, which the child inherits at fork and keeps across exec)."""
    err_path = Path(tempfile.gettempdir()) / f"saypro-bench-{os.getpid()}.err"
    peak = [0.0]
    with err_path.open("w+b") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=subprocess.PIPE, stderr=err, env=env)
        done = threading.Event()

        def watch() -> None:
            while not done.wait(0.005):
                hwm = _vm_hwm_mb(proc.pid)
                if hwm is not None:
                    peak[0] = max(peak[0], hwm)
                if time.perf_counter() - started > timeout_s:
                    proc.kill()

        watcher = threading.Thread(target=watch, name="bench-child-watch", daemon=True)
        watcher.start()
        try:
            assert proc.stdout is not None
            first_line_s: float | None = None
            chunks: list[bytes] = []
            second_line_s: float | None = None
            first = proc.stdout.readline()
            if first:
                first_line_s = time.perf_counter() - started
                chunks.append(first)
                second = proc.stdout.readline()
                if second:
                    second_line_s = time.perf_counter() - started
                    chunks.append(second)
            chunks.append(proc.stdout.read())
            proc.stdout.close()
            returncode = proc.wait()
            wall_s = time.perf_counter() - started
        finally:
            done.set()
            watcher.join()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    err_path.unlink(missing_ok=True)
    return Child(
        stdout=b"".join(chunks).decode("utf-8", "replace"),
        stderr=stderr,
        returncode=returncode,
        wall_s=wall_s,
        first_line_s=first_line_s,
        peak_rss_mb=peak[0],
        second_line_s=second_line_s,
    )


# -- running and reporting ------------------------------------------------------------------


def machine_info() -> dict[str, Any]:
    info: dict[str, Any] = {
        "hostname": platform.node(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }
    try:
        cpu = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        names = [line.split(":", 1)[1].strip() for line in cpu.splitlines()
                 if line.startswith("model name")]
        if names:
            info["cpu_model"] = names[0]
        mem = Path("/proc/meminfo").read_text(encoding="utf-8").splitlines()[0]
        info["memory_kb"] = int(mem.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    try:
        from PySide6 import __version__ as pyside_version

        info["pyside6"] = pyside_version
    except ImportError:  # pragma: no cover
        info["pyside6"] = None
    try:
        import reportlab

        info["reportlab"] = reportlab.Version
    except ImportError:  # pragma: no cover
        info["reportlab"] = None
    try:
        out = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True, check=True)
        info["sqlite3_cli"] = out.stdout.split()[0]
    except (OSError, subprocess.CalledProcessError, IndexError):
        info["sqlite3_cli"] = None
    return info


def run_figures(ctx: Context, only: Sequence[str] = ()) -> list[Result]:
    """Run each registered figure (or only those named); a failing figure becomes error rows."""
    results: list[Result] = []
    for fig in FIGURES:
        if only and not any(fig.name == o or fig.name.startswith(o + ".") for o in only):
            continue
        ctx.log(f"[{fig.name}]")
        started = time.perf_counter()
        try:
            rows = fig.run(ctx)
        except Exception as exc:  # a benchmark informs; it never stops the others
            traceback.print_exc()
            rows = [
                Result(**{**asdict(r), "value": f"error: {type(exc).__name__}: {exc}"[:200]})
                for r in fig.placeholder
            ]
        ctx.log(f"[{fig.name}] done in {time.perf_counter() - started:.1f} s")
        results.extend(rows)
    return results


def _fmt(value: Value | None, unit: str) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        first = value.strip().splitlines()[0] if value.strip() else value
        return first if len(first) <= 60 else first[:57] + "..."
    if unit == "bytes":
        return f"{value:,.0f} B"
    if unit in ("rows/s", "changes/s"):
        return f"{value:,.0f} {unit}"
    if value >= 100:
        return f"{value:,.0f} {unit}"
    if value >= 10:
        return f"{value:.1f} {unit}"
    return f"{value:.2f} {unit}"


def table_rows(results: Sequence[Result]) -> list[list[str]]:
    rows = []
    for r in results:
        ratio = r.ratio
        memory = []
        if r.peak_rss_mb is not None:
            memory.append(f"{r.peak_rss_mb:.0f} MB")
        if r.baseline_peak_rss_mb is not None:
            memory.append(f"base {r.baseline_peak_rss_mb:.0f} MB")
        rows.append([
            r.label,
            _fmt(r.value, r.unit),
            _fmt(r.baseline, r.unit) + (f" ({r.baseline_label})" if r.baseline_label else ""),
            f"{ratio:.2f}x" if ratio is not None else "–",
            r.target or "–",
            " / ".join(memory) or "–",
        ])
    return rows


HEADERS = ["Figure", "Ours (median)", "Baseline (same run)", "Ratio", "Target", "Peak RSS"]


def format_table(results: Sequence[Result]) -> str:
    """Aligned plain-text table for the terminal."""
    rows = [HEADERS, *table_rows(results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]
    lines = []
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def format_markdown(results: Sequence[Result]) -> str:
    """The same table as Markdown (for benchmarks/README.md)."""
    def esc(cell: str) -> str:
        return cell.replace("|", "\\|")

    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in table_rows(results)]
    return "\n".join(lines)


def write_json(path: Path, ctx: Context, results: Sequence[Result], started: datetime,
               extra: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "format": 1,
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "settings": {
            "people": ctx.people,
            "seed": ctx.seed,
            "repeats": ctx.repeats,
            "warmups": ctx.warmups,
            "quick": ctx.quick,
            "database": ctx.db_path.name,
            **extra,
        },
        "figures": [r.as_json() for r in results],
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
