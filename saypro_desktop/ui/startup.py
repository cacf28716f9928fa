"""Start-up steps that need Qt: filling demo data with a progress dialog, the self-test."""

from __future__ import annotations

import logging
import sys
import traceback
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QMessageBox

from saypro_desktop import APP_NAME
from saypro_desktop.services.context import AppServices
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.tasks import BackgroundProgress, TaskRunner

log = logging.getLogger(__name__)


def fill_demo_with_progress(app: AppServices, people: int) -> bool:
    """Fill an empty demo database off the UI thread, showing progress; False if it failed.

    This runs before the window (and its operations runner) exists, so it has a runner of
    its own; nothing else can write yet.
    """
    if app.people.count() > 0:
        return True

    bar = BackgroundProgress(
        None, title=APP_NAME, label=tr("Creating a demo coalition…"), cancel=tr("Cancel"),
        stopping=tr("Stopping; nothing will be kept…"),
    )
    progress = bar.callback
    loop = QEventLoop()
    outcome: list[BaseException | None] = []

    def finished(error: BaseException | None) -> None:
        outcome.append(error)
        loop.quit()

    runner = TaskRunner()
    runner.run(
        lambda: app.demo.fill(people, progress=progress, today=date.today()),
        lambda _result: finished(None),
        finished,
    )
    if not outcome:
        loop.exec()
    runner.wait()
    bar.close()
    error = outcome[0]
    if error is not None:
        if not bar.cancelled:
            log.error("demo data failed: %s", error)
            QMessageBox.critical(
                None, APP_NAME, tr("Could not create demo data: {error}").format(error=error)
            )
        return False
    return True


def run_self_test(path: Path) -> int:
    """Open the main window on a fresh database, exercise it, exit 0 if all is well."""
    from saypro_desktop.services.people import PeopleFilter
    from saypro_desktop.ui.main_window import MainWindow
    from saypro_desktop.ui.people.page import PeoplePage

    app = AppServices.open(path)
    try:
        person_id = app.people.add({"first_name": "Zoë", "last_name": "Self-Test"})
        window = MainWindow(app)
        window.show()
        for row in range(window.sidebar.count()):
            window.sidebar.setCurrentRow(row)
            QApplication.processEvents()
        page = window.show_page("People")
        assert isinstance(page, PeoplePage)
        page.search.setText("zoe self")
        page.apply_filter()
        assert page.model.rowCount() == 1, "search did not find the self-test person"
        assert app.people.ids(PeopleFilter(search="self-test")) == [person_id]
        # PDFs: ReportLab, its C speed-ups and the bundled fonts are all in the bundle.
        assert window.app.documents.callsheet().startswith(b"%PDF-"), "no PDF"
        window.close()
        print("self-test ok")
        return 0
    except Exception:
        traceback.print_exc()
        print("self-test FAILED", file=sys.stderr)
        return 1
    finally:
        app.close()
