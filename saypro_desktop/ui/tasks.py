"""Run work off the UI thread and get called back on it with the result or the error.

One small API for every long job (demo data, imports, exports, PDFs). Tests set
``TaskRunner.synchronous = True`` so background work runs inline and
deterministically.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._fn = fn
        self._signals = signals

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # report every failure to the UI, never lose it
            log.debug("background job failed:\n%s", traceback.format_exc())
            self._signals.failed.emit(exc)
        else:
            self._signals.done.emit(result)


class TaskRunner(QObject):
    synchronous: ClassVar[bool] = False

    def __init__(self, parent: QObject | None = None, *, threads: int = 1) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)  # 1: one writer at a time, like SQLite wants
        self._live: set[_Signals] = set()

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        if self.synchronous:
            try:
                result = fn()
            except Exception as exc:
                on_error(exc)
            else:
                on_done(result)
            return
        signals = _Signals()
        self._live.add(signals)

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            self._live.discard(signals)
            callback(value)

        signals.done.connect(lambda result: finish(on_done, result))
        signals.failed.connect(lambda exc: finish(on_error, exc))
        self._pool.start(_Job(fn, signals))

    def wait(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)


class BackgroundProgress(QObject):
    """A progress dialog that long work on the worker thread can drive.

    ``callback(done, total)`` is safe to call from the worker (it reaches the dialog through
    a queued signal) and returns False once the person has pressed Cancel, so the work can
    stop and roll back. The dialog appears only if the work lasts over half a second.
    """

    changed = Signal(int, int)

    def __init__(self, parent: Any, *, title: str, label: str, cancel: str, stopping: str,
                 object_name: str = "progress") -> None:
        super().__init__(parent)
        self.dialog = QProgressDialog(label, cancel, 0, 1, parent)
        self.dialog.setObjectName(object_name)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal if parent is not None
                                      else Qt.WindowModality.ApplicationModal)
        self.dialog.setMinimumDuration(500)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.cancelled = False
        self.finished = False
        self._stopping = stopping
        self.changed.connect(self._show)
        self.dialog.canceled.connect(self._cancel)

    def callback(self, done: int, total: int) -> bool:
        self.changed.emit(done, total)
        return not self.cancelled

    def _show(self, done: int, total: int) -> None:
        total = max(total, 1)
        if self.dialog.maximum() != total:
            self.dialog.setMaximum(total)
        self.dialog.setValue(min(done, total))

    def _cancel(self) -> None:
        if not self.finished:
            self.cancelled = True
            self.dialog.setLabelText(self._stopping)

    def close(self) -> None:
        self.finished = True
        self.dialog.reset()
        self.dialog.close()
        self.dialog.deleteLater()
