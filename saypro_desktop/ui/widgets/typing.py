"""Search as you type: run a search once typing in a box pauses, not on every key."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLineEdit

TYPING_PAUSE_MS = 150


def after_typing(search: QLineEdit, run: Callable[[], object], parent: QObject) -> QTimer:
    """Call ``run`` when typing in ``search`` has paused for ``TYPING_PAUSE_MS``. The timer
    is returned so a caller that runs the search at once (Enter, a filter) can stop it."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(TYPING_PAUSE_MS)
    timer.timeout.connect(run)
    search.textChanged.connect(lambda _text: timer.start())
    return timer
