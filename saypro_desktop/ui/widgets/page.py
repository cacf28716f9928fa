"""The base every page of the main window builds on.

A page names the tables it shows (``shows``); when a committed write touches one of them,
the page refreshes itself, at once if it is on screen, otherwise the next time it is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from saypro_desktop.domain.changes import ChangeSet
from saypro_desktop.ui.operations import Operations

if TYPE_CHECKING:
    from saypro_desktop.services.context import AppServices


class Page(QWidget):
    #: Tables whose changes this page shows; empty means it never needs a refresh.
    shows: tuple[str, ...] = ()

    def __init__(self, app: AppServices, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.ops = ops
        self._stale = True
        ops.changed.connect(self._on_changed)

    def refresh(self) -> None:
        """Reload what the page shows (override)."""

    def mark_stale(self) -> None:
        """Refresh when next shown (the window calls this when the page is opened again,
        to pick up what another program, e.g. the CLI, changed meanwhile)."""
        self._stale = True

    def refresh_if_stale(self) -> None:
        if self._stale:
            self._stale = False
            self.refresh()

    def _on_changed(self, changes: ChangeSet) -> None:
        if not changes.touches(*self.shows):
            return
        self.changes_arrived(changes)

    def changes_arrived(self, changes: ChangeSet) -> None:
        """Refresh now if on screen, else when next shown (override to do less)."""
        self._stale = True
        if self.isVisible():
            self.refresh_if_stale()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_if_stale()
