"""The performance harness runs end to end and reports every figure.

Only the shape of the report is checked, never a timing: a benchmark informs, it does
not pass or fail a build.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks.harness import FIGURES, NOT_BUILT, Result, format_markdown, format_table

REPO = Path(__file__).resolve().parents[1]


def _expected_rows() -> list[str]:
    import benchmarks.figures  # noqa: F401  (registers every figure)

    return [row.name for fig in FIGURES for row in fig.placeholder]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("bench")
    out = folder / "result.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [
            sys.executable, "-m", "benchmarks", "--quick", "--people", "300",
            "--repeats", "1", "--warmups", "0",
            "--cache-dir", str(folder / "cache"), "--out", str(out),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,  # every figure once on a tiny database; a loaded machine is slow
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Figure" in done.stdout and "Baseline" in done.stdout
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def test_every_figure_is_reported_as_a_number_or_not_built(report: dict[str, Any]) -> None:
    rows = {row["name"]: row for row in report["figures"]}
    expected = _expected_rows()
    assert sorted(rows) == sorted(expected)
    for name, row in rows.items():
        value = row["value"]
        assert isinstance(value, float) or value == NOT_BUILT, (name, value)


def test_measured_figures_have_a_baseline_beside_them(report: dict[str, Any]) -> None:
    for row in report["figures"]:
        assert row["baseline_label"], row["name"]
        if isinstance(row["value"], float):
            assert isinstance(row["baseline"], float), row["name"]
            assert isinstance(row["ratio"], float), row["name"]
            assert row["samples"], row["name"]
        else:  # not built: the baseline is still measured, or says why it could not be
            assert isinstance(row["baseline"], float | str), row["name"]


def test_report_carries_machine_and_run_details(report: dict[str, Any]) -> None:
    machine = report["machine"]
    for key in ("cpu_count", "python", "sqlite", "platform"):
        assert machine[key], key
    assert report["started_at"] <= report["finished_at"]
    assert report["settings"]["people"] == 300
    assert report["settings"]["repeats"] == 1


def test_table_formats_numbers_and_gaps() -> None:
    rows = [
        Result("a.fast", "Fast thing", "ms", 12.5, baseline=5.0, baseline_label="raw",
               target="< 20 ms"),
        Result("a.rate", "Rate", "rows/s", 1000.0, baseline=4000.0, higher_is_better=True),
        Result("a.todo", "Later", "s", NOT_BUILT, baseline=0.5, baseline_label="raw"),
    ]
    assert rows[0].ratio == 2.5
    assert rows[1].ratio == 4.0
    assert rows[2].ratio is None
    text = format_table(rows)
    lines = text.splitlines()
    column = lines[0].index("Ours")
    assert lines[2][column:].startswith("12.5 ms")
    assert lines[4][column:].startswith(NOT_BUILT)
    assert "2.50x" in text and "4.00x" in text and NOT_BUILT in text
    assert format_markdown(rows).count("\n") == len(rows) + 1
