"""Guard against a known PySide6 defect: 6.12.0 on Python 3.11 drops a reference to None on
every Qt call that returns nothing, and the app aborts (none_dealloc) after a few thousand.
A 100,000-person database crosses that in one visit to the People page."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QComboBox, QLabel
from pytestqt.qtbot import QtBot


def test_qt_calls_do_not_leak_references_to_none(qtbot: QtBot) -> None:
    combo, label = QComboBox(), QLabel()
    qtbot.addWidget(combo)
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        combo.addItem("x")
        label.setText("y")
    assert sys.getrefcount(None) - before > -100
