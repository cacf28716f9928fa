"""Fixtures for the window's tests: the operations runner every page receives."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from saypro_desktop.services.context import AppServices
from saypro_desktop.ui.operations import Operations


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    """Each test starts with no remembered window size, columns or splitter."""
    from PySide6.QtCore import QSettings

    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture
def ops(qtbot: QtBot, app_services: AppServices) -> Iterator[Operations]:
    runner = Operations(app_services)
    yield runner
    runner.close()
