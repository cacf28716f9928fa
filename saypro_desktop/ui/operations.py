"""One app-wide runner for reads and writes, and one signal saying what changed.

The shape of Anki's ``CollectionOp``/``QueryOp``: a screen hands the runner a function of
the services; it runs off the UI thread and the screen is called back on the UI thread with
the result, or the error is shown in plain words (detail in the log). Writes queue on one
worker, so "one writer at a time" holds for the whole app, not per widget. Every committed
write (whoever made it: a page, a dialog, a sync import) is announced once through
``changed`` with the tables and ids it touched, so each open page refreshes itself; no
screen wires itself to another. Tests set ``TaskRunner.synchronous`` and work runs inline.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from saypro_desktop.domain.changes import ChangeSet
from saypro_desktop.ui.errors import show_error
from saypro_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from saypro_desktop.services.context import AppServices

log = logging.getLogger(__name__)


class Operations(QObject):
    """``changed(ChangeSet)`` fires on the UI thread after every committed write."""

    changed = Signal(object)
    #: ``open_records(page_key, request)``: show page ``page_key`` with the records ``request``
    #: describes (a dashboard figure opening its list). The window shows the page and calls
    #: its ``show_records(request)`` if it has one.
    open_records = Signal(str, object)
    #: ``message(text)``: a short note for the status bar ("Saved Thandi Nkosi.").
    message = Signal(str)
    _committed = Signal(object)  # from whichever thread committed; queued to the UI thread

    def __init__(self, app: AppServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self._writer = TaskRunner(self)  # the one writer queue
        self._reader = TaskRunner(self, threads=2)
        self._committed.connect(self.changed.emit)
        self._unsubscribe = app.on_commit(self._committed.emit)

    def query(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        *,
        parent: QWidget | None = None,
        title: str = "",
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Read off the UI thread; ``on_done(result)`` runs on the UI thread."""
        self._reader.run(fn, on_done, on_error or self._presenter(parent, title))

    def write(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        *,
        parent: QWidget | None = None,
        title: str = "",
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Queue a write behind any other; pages refresh from ``changed`` when it commits."""
        self._writer.run(fn, on_done or (lambda _result: None),
                         on_error or self._presenter(parent, title))

    def say(self, text: str) -> None:
        """Tell the person briefly, in the status bar, that something worked."""
        self.message.emit(text)

    @staticmethod
    def _presenter(parent: QWidget | None, title: str) -> Callable[[BaseException], None]:
        return lambda error: show_error(parent, title, error)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until queued work is done (closing the window, tests)."""
        return self._writer.wait(msecs) and self._reader.wait(msecs)

    def close(self) -> None:
        self.wait()
        self._unsubscribe()


def announce(ops: Operations, changes: ChangeSet) -> None:
    """Broadcast a change made outside a unit of work (rare: local-only settings)."""
    ops.changed.emit(changes)
