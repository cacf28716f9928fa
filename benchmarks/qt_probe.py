"""Runs in a fresh child process to measure the window: ``python qt_probe.py MODE [DB]``.

Prints ``READY`` as soon as the measured window is usable (so the parent can time a true
cold start from before the process existed), then one JSON line of in-process figures. In
``app`` mode a ``FRAME`` line comes first, when the window's frame has painted.

Modes:
  bare       a bare QApplication + QMainWindow, shown and painted (the start-up baseline)
  app        what ``saypro-desktop`` does: show and paint the window's frame (menus and
             sidebar) and print ``FRAME``, then open and migrate the database, attach it
             and paint the first page (``READY``)
  table      start the app (untimed), then open the People page and scroll it; the same on a
             bare QTableView over an in-memory model with as many rows (the baseline)
  dashboard  start the app (untimed), then open the Dashboard page several times
  typing     start the app (untimed), type search terms into the People page

Only the standard library, PySide6 and saypro_desktop are imported here.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# PySide6 6.12.0 on Python 3.11 drops one reference to None on every call of a method that
# returns nothing (QComboBox.addItem, QLabel.setText, QApplication.processEvents, ...).
# None is not immortal before Python 3.12, so after ~50,000 such calls the process aborts
# with "Fatal Python error: none_dealloc". The probe holds extra references so it can finish
# its measurement, and exits without tearing down. (Costs 2.4 MB of RSS in every probe,
# baseline included.)
_NONE_PAD = [None] * 300_000


def _peak_rss_mb() -> float:
    """This process's own peak resident memory.

    VmHWM belongs to the memory map made at exec, so unlike ``ru_maxrss`` it does not
    inherit the parent's size from before the fork.
    """
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _settle(seconds: float = 0.3) -> None:
    """Process events for a moment, as the time between two clicks would."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        loop.processEvents()
        time.sleep(0.005)


def _ready() -> None:
    sys.stdout.write("READY\n")
    sys.stdout.flush()


def _finish(data: dict[str, Any]) -> None:
    data["peak_rss_mb"] = _peak_rss_mb()
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown (see _NONE_PAD)


def _qt() -> Any:
    from PySide6.QtCore import QEvent, QEventLoop, QObject

    # QEventLoop().processEvents(), not QApplication.processEvents(): on PySide6 6.12 with
    # Python 3.11 the static one drops a reference to None on every call, and a busy loop
    # of them ends in "Fatal Python error: none_dealloc".
    loops: list[QEventLoop] = []  # made on first use, once the QApplication exists

    class PaintWatch(QObject):
        """Counts paint events a widget receives."""

        def __init__(self) -> None:
            super().__init__()
            self.paints = 0

        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.paints += 1
            return False

    def painted(widget: Any, action: Any = None, timeout_s: float = 10.0,
                moved: Any = None) -> float | None:
        """Run ``action`` and process events until ``widget`` has painted; seconds taken.

        None if ``moved()`` says the action changed nothing (so no paint will come).
        """
        if not loops:
            loops.append(QEventLoop())
        loop = loops[0]
        watch = PaintWatch()
        widget.installEventFilter(watch)
        started = time.perf_counter()
        if action is not None:
            action()
        if moved is not None and not moved():
            widget.removeEventFilter(watch)
            loop.processEvents()
            return None
        while watch.paints == 0 and time.perf_counter() - started < timeout_s:
            loop.processEvents()
        loop.processEvents()
        took = time.perf_counter() - started
        widget.removeEventFilter(watch)
        return took

    return painted


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    painted = _qt()
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1280, 800)
    painted(window, window.show)
    _ready()
    window.close()
    del app
    _finish({})


def _start_app(db_path: Path, on_frame: Callable[[], None] | None = None
               ) -> tuple[Any, Any, Any]:
    """The steps of saypro_desktop.ui.application.run up to the first painted page: the
    frame is shown and painted (then ``on_frame``) before the database layer loads."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from saypro_desktop import APP_AUTHOR, APP_NAME, __version__
    from saypro_desktop.resources import resource as app_resource
    from saypro_desktop.ui.main_window import MainWindow

    painted = _qt()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(app_resource("icons", "saypro.svg"))))
    window = MainWindow()
    painted(window.sidebar, window.show)
    if on_frame is not None:
        on_frame()
    # As application.run: the services (and SQLAlchemy) load only now.
    from saypro_desktop.services.context import AppServices
    from saypro_desktop.services.workspace import open_workspace

    db = open_workspace(db_path)
    window.attach(AppServices(db))
    painted(window.stack.currentWidget())
    return app, window, db


def app(db_path: Path) -> None:
    started = time.perf_counter()
    frame: list[float] = []

    def on_frame() -> None:
        frame.append(time.perf_counter() - started)
        sys.stdout.write("FRAME\n")
        sys.stdout.flush()

    _app, window, db = _start_app(db_path, on_frame)
    _ready()
    took = time.perf_counter() - started
    window.close()
    db.dispose()
    _finish({"in_process_s": took, "frame_in_process_s": frame[0]})


def _scroll_positions(rows: int, steps: int) -> list[int]:
    """Jumps spread over the whole list (each lands on rows not fetched yet), then back."""
    if rows <= 1:
        return [0]
    stride = max(1, rows // steps)
    return [min(rows - 1, (i * 7919 * stride) % rows) for i in range(steps)]


def _scroll_times(painted: Any, table: Any, positions: list[int]) -> list[float]:
    """Seconds from each scroll until its paint (steps that do not move are skipped)."""
    from PySide6.QtWidgets import QAbstractItemView

    model = table.model()
    bar = table.verticalScrollBar()
    def jump(row: int) -> Callable[[], None]:
        return lambda: table.scrollTo(model.index(row, 0),
                                      QAbstractItemView.ScrollHint.PositionAtTop)

    actions = [jump(row) for row in positions]
    # and a page-down read-through from where the jumps stopped
    actions += [lambda: bar.setValue(bar.value() + bar.pageStep())] * len(positions)
    times = []
    for action in actions:
        before = bar.value()
        took = painted(table.viewport(), action, moved=lambda b=before: bar.value() != b)
        if took is not None:
            times.append(took)
    return times


def table(db_path: Path, steps: int) -> None:
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
    from PySide6.QtWidgets import QTableView

    from saypro_desktop.ui.people.page import PeoplePage

    painted = _qt()
    _app, window, db = _start_app(db_path)
    page = window.pages["People"]
    assert isinstance(page, PeoplePage)
    first_paint = painted(page.table.viewport(), lambda: window.show_page("People"))
    rows = page.model.rowCount()
    scroll = _scroll_times(painted, page.table, _scroll_positions(rows, steps))
    fetched = page.model.fetched_pages
    rss_people = _peak_rss_mb()

    class Bare(QAbstractTableModel):
        def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
            return 0 if parent.isValid() else rows

        def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
            return 0 if parent.isValid() else 7

        def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"row {index.row()} col {index.column()}"
            return None

    bare_view = QTableView()
    bare_view.setModel(Bare())
    bare_view.verticalHeader().hide()
    bare_view.verticalHeader().setDefaultSectionSize(24)
    window.add_page("Benchmark baseline", bare_view)
    bare_first = painted(bare_view.viewport(), lambda: window.show_page("Benchmark baseline"))
    bare_scroll = _scroll_times(painted, bare_view, _scroll_positions(rows, steps))
    window.close()
    db.dispose()
    _ready()
    _finish({
        "rows": rows,
        "first_paint_s": first_paint,
        "scroll_s": scroll,
        "fetched_pages": fetched,
        "people_peak_rss_mb": rss_people,
        "bare_first_paint_s": bare_first,
        "bare_scroll_s": bare_scroll,
    })


def dashboard(db_path: Path, times: int) -> None:
    """Open the Dashboard until every figure and chart of a fresh load has painted (the
    figures load off the UI thread; the page says ``loaded`` once they are all on screen)."""
    from PySide6.QtCore import QEventLoop

    painted = _qt()
    _app, window, db = _start_app(db_path)
    page = window.pages["Dashboard"]
    loop = QEventLoop()
    done: list[bool] = []
    page.loaded.connect(lambda: done.append(True))
    opens = []
    for _ in range(times + 1):  # the first open is reported apart (it builds the charts)
        window.show_page("Sync")  # a static page, so the next switch really opens the dashboard
        # As a person would: the Sync page has settled (its reads are done) before they
        # click Dashboard, as in the Organisations probe.
        window.ops.wait()
        _settle()
        done.clear()
        started = time.perf_counter()
        window.show_page("Dashboard")  # refreshes: every figure is computed again
        # Wait as the app's own event loop would: asleep until an event comes (the readers'
        # results arrive as queued signals). A busy loop here would hold the GIL and slow
        # the very reader threads being measured.
        while not done and time.perf_counter() - started < 30:
            loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        painted(page, page.update)  # and the loaded figures and charts are painted
        opens.append(time.perf_counter() - started)
    window.close()
    db.dispose()
    _ready()
    _finish({"first_s": opens[0], "open_s": opens[1:]})


def organisations(db_path: Path, times: int) -> None:
    """Switch to the Organisations page until painted (each time it reloads its list)."""
    painted = _qt()
    _app, window, db = _start_app(db_path)
    opens = []
    for _ in range(times):
        window.show_page("Sync")
        # As a person would: the Sync page has settled (its reads and the last switch's
        # background reads are done) before they click Organisations.
        window.ops.wait()
        _settle()
        page = window.pages["Organisations"]
        if hasattr(page, "mark_stale"):
            page.mark_stale()  # so the switch really re-reads the list
        opens.append(painted(page, lambda: window.show_page("Organisations")))
    rows = window.pages["Organisations"].model.rowCount()
    window.close()
    db.dispose()
    _ready()
    _finish({"open_s": opens, "rows": rows})


def typing(db_path: Path, terms_path: Path, repeats: int) -> None:
    """Type each search term into the People page's box as a person would (the search runs
    when the box's short pause ends) and time it until the table has repainted; then the
    same terms in a bare QTableView filled from a raw FTS5 MATCH (the same-work baseline)."""
    import sqlite3

    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from saypro_desktop.db.search import fts_query

    painted = _qt()
    _app, window, db = _start_app(db_path)
    terms: list[str] = json.loads(terms_path.read_text(encoding="utf-8"))
    page = window.show_page("People")
    window.ops.wait()
    _settle(0.5)
    ours: dict[str, list[float]] = {}
    for _ in range(repeats):
        for term in terms:
            page.search.blockSignals(True)  # the keystroke; its pause is not timed
            page.search.setText(term)
            page.search.blockSignals(False)
            took = painted(page.table.viewport(), page.apply_filter)
            ours.setdefault(term, []).append(took or 0.0)
    window.close()
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    model = QStandardItemModel()
    view = QTableView()
    view.setModel(model)
    view.resize(1000, 700)
    view.show()
    _settle(0.2)
    bare: dict[str, list[float]] = {}

    def fill(term: str) -> None:
        query = fts_query(term)
        rows = conn.execute(
            "SELECT p.first_name || ' ' || p.last_name, p.email, p.phone, p.city "
            "FROM people_fts f JOIN people p ON p.rowid = f.rowid "
            "WHERE people_fts MATCH ? LIMIT 200", (query,)).fetchall() if query else []
        model.clear()
        for row in rows:
            model.appendRow([QStandardItem(str(v or "")) for v in row])

    for _ in range(repeats):
        for term in terms:
            took = painted(view.viewport(), lambda t=term: fill(t))
            bare.setdefault(term, []).append(took or 0.0)
    conn.close()
    db.dispose()
    _ready()
    _finish({"ours": ours, "bare": bare})


def main(argv: list[str]) -> int:
    mode = argv[0]
    if mode == "bare":
        bare()
    elif mode == "app":
        app(Path(argv[1]))
    elif mode == "table":
        table(Path(argv[1]), int(argv[2]))
    elif mode == "dashboard":
        dashboard(Path(argv[1]), int(argv[2]))
    elif mode == "organisations":
        organisations(Path(argv[1]), int(argv[2]))
    elif mode == "typing":
        typing(Path(argv[1]), Path(argv[2]), int(argv[3]))
    else:
        sys.stderr.write(f"unknown mode {mode}\n")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
