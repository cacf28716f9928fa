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

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

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

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one writer at a time, like SQLite wants
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
