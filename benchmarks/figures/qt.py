"""Running the Qt probe (benchmarks/qt_probe.py) in a fresh, offscreen child process."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from benchmarks.harness import Child, Context, run_child

PROBE = Path(__file__).resolve().parents[1] / "qt_probe.py"


def child_env(ctx: Context) -> dict[str, str]:
    """Offscreen Qt; settings, data and logs in the scratch folder, never the user's."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = ctx.work_dir / "xdg" / var.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[var] = str(folder)
    return env


def probe(ctx: Context, *args: str) -> tuple[Child, dict[str, Any]]:
    """Run the probe; return the child and the JSON it printed last."""
    child = run_child([ctx.python, str(PROBE), *args], env=child_env(ctx))
    if child.returncode != 0 or child.first_line_s is None:
        lines = [line for line in child.stderr.splitlines()
                 if line.strip() and "propagateSizeHints" not in line]
        fatal = [line for line in lines if "Error" in line or "error" in line]
        why = (fatal or lines or ["no output"])[-1].strip()
        raise RuntimeError(f"qt probe {args[0]} failed (exit {child.returncode}): {why[:300]}")
    lines = [line for line in child.stdout.splitlines() if line.startswith("{")]
    return child, (json.loads(lines[-1]) if lines else {})
