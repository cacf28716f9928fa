"""Start-up loads only what the first screen needs (the README says what loads on first use).

A fresh process does what ``saypro-desktop`` does up to the first page: the window's frame
is shown before the database layer is imported, then the database is opened and the first
page built. ``sys.modules`` then must not hold the modules that only later screens need.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

START = r"""
import json, sys
from pathlib import Path

from PySide6.QtCore import QEventLoop

from saypro_desktop.ui import application
from saypro_desktop.ui.databases import WindowHost

path = Path(sys.argv[1])
application._application()
frame = application.show_frame(path)
at_frame = sorted(sys.modules)
services = application.open_services(path, create_folder=False, logfile=path.with_suffix(".log"))
assert services is not None
host = WindowHost(lambda chosen, _create: None)
window = host.show(services, frame=frame)
assert window is frame and frame.attached
loop = QEventLoop()
for _ in range(20):
    loop.processEvents()
frame.ops.wait()
first = frame.stack.currentWidget()
print(json.dumps({"at_frame": at_frame, "at_first_page": sorted(sys.modules),
                  "first_page": type(first).__name__}))
sys.stdout.flush()
host.close()
frame.close()
"""

# Loaded on first use, never by start-up (README: "What loads when").
NOT_AT_START = [
    "cryptography",  # signing sync bundles
    "phonenumbers",  # reading and showing phone numbers
    "saypro_desktop.sync.bundle",  # sync files
    "saypro_desktop.sync.keys",
    "reportlab",  # documents
    "openpyxl",  # spreadsheet import and export
    "saypro_desktop.services.documents",
    "saypro_desktop.ui.people.page",  # pages other than the first are built when shown
    "saypro_desktop.ui.organisations.page",
    "saypro_desktop.ui.sync.page",
]
# Not even loaded when the frame (menus, sidebar) first paints.
NOT_AT_FRAME = ["sqlalchemy", "saypro_desktop.db.engine", "saypro_desktop.db.models"]


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("startup")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(folder / var.lower())
    done = subprocess.run(
        [sys.executable, "-c", START, str(folder / "start.sqlite3")],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    line = next(line for line in done.stdout.splitlines() if line.startswith("{"))
    result: dict[str, object] = json.loads(line)
    return result


def _loaded(modules: object, name: str) -> bool:
    assert isinstance(modules, list)
    return any(m == name or m.startswith(name + ".") for m in modules)


def test_the_first_page_is_the_dashboard(started: dict[str, object]) -> None:
    assert started["first_page"] == "DashboardPage"
    assert _loaded(started["at_first_page"], "sqlalchemy")  # the check itself can see it


@pytest.mark.parametrize("module", NOT_AT_START)
def test_start_up_does_not_load(started: dict[str, object], module: str) -> None:
    assert not _loaded(started["at_first_page"], module), f"{module} is loaded at start-up"


@pytest.mark.parametrize("module", NOT_AT_FRAME)
def test_the_frame_paints_before_the_database_layer_loads(
    started: dict[str, object], module: str
) -> None:
    assert not _loaded(started["at_frame"], module), f"{module} is loaded before the frame"
