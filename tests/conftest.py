"""Test set-up shared by the whole suite.

- Qt runs offscreen; settings, data and logs go to a throw-away folder, never $HOME.
- A test fails if it logs an unexpected warning, or leaves threads or windows behind.
- Background work runs synchronously, so UI tests are deterministic.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
_SANDBOX = Path(tempfile.mkdtemp(prefix="saypro-tests-"))
for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[var] = str(_SANDBOX / var.lower())

import pytest  # noqa: E402

from saypro_desktop.db.engine import Database  # noqa: E402
from saypro_desktop.services.context import AppServices  # noqa: E402
from saypro_desktop.services.workspace import open_workspace  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
REALWORLD = REPO.parent / "shared" / "realworld"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "allow_warnings: the test expects warning log records")


@pytest.fixture(autouse=True)
def _no_unexpected_warnings(
    request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture
) -> Iterator[None]:
    caplog.set_level(logging.INFO)
    yield
    if request.node.get_closest_marker("allow_warnings"):
        return
    bad = [r for r in caplog.get_records("call") if r.levelno >= logging.WARNING]
    if bad:
        lines = "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in bad)
        pytest.fail(f"unexpected warnings were logged:\n{lines}")


@pytest.fixture(autouse=True)
def _no_leftover_threads() -> Iterator[None]:
    before = {t.ident for t in threading.enumerate()}
    yield
    left = [
        t
        for t in threading.enumerate()
        if t.ident not in before and t.is_alive() and not isinstance(t, threading._DummyThread)
    ]
    if left:
        pytest.fail(f"test left threads running: {[t.name for t in left]}")


@pytest.fixture(autouse=True)
def _synchronous_background_work(request: pytest.FixtureRequest) -> Iterator[None]:
    """UI tests: run TaskRunner jobs inline (only when Qt is in play)."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    from saypro_desktop.ui.tasks import TaskRunner

    TaskRunner.synchronous = True
    try:
        yield
    finally:
        TaskRunner.synchronous = False


@pytest.fixture(autouse=True)
def _no_leftover_windows(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "qtbot" not in request.fixturenames:
        return
    from PySide6.QtWidgets import QApplication

    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for widget in visible:
        widget.close()
    if visible:
        names = [type(w).__name__ for w in visible]
        pytest.fail(f"test left windows open: {names}")


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    return ["saypro-tests"]


@pytest.fixture(scope="session", autouse=True)
def _isolated_qsettings() -> None:
    try:
        from PySide6.QtCore import QSettings
    except ImportError:  # pragma: no cover
        return
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(_SANDBOX / "qsettings")
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "saypro.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_workspace(db_path)
    yield database
    database.dispose()


@pytest.fixture
def realworld() -> Path:
    """The folder of real export files beside the project; required in CI."""
    if not REALWORLD.is_dir():
        if os.environ.get("SAYPRO_REQUIRE_REALWORLD") == "1":
            pytest.fail(f"{REALWORLD} is missing but SAYPRO_REQUIRE_REALWORLD=1")
        pytest.skip(f"real-world sample files not found at {REALWORLD}")
    return REALWORLD


@pytest.fixture
def app_services(db: Database) -> Iterator[AppServices]:
    """The services object the window and the CLI receive, over the test database."""
    yield AppServices(db)
