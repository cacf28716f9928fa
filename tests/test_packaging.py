"""The PyInstaller bundle builds and the packaged app starts (slow: a few minutes)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_bundle_builds_and_passes_its_self_test(tmp_path: Path) -> None:
    pyinstaller = shutil.which("pyinstaller", path=str(Path(sys.executable).parent))
    assert pyinstaller, "PyInstaller is part of the test dependencies"
    build = subprocess.run(
        [pyinstaller, "--noconfirm", "--log-level", "WARN",
         "--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "work"),
         str(REPO / "build.spec")],
        cwd=REPO, capture_output=True, text=True, timeout=1500, check=False,
    )
    assert build.returncode == 0, build.stdout[-4000:] + build.stderr[-4000:]
    bundle = tmp_path / "dist" / "saypro-desktop"
    migrations = list(bundle.rglob("0001_initial_schema.py"))
    assert migrations, "migrations missing from the bundle"
    assert list(bundle.rglob("DejaVuSans.ttf")), "fonts missing from the bundle"

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home")}
    run = subprocess.run(
        [str(bundle / "saypro-desktop"), "--self-test"],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "self-test ok" in run.stdout
