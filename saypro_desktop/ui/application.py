"""The Qt application: open the database with visible errors, fill demo data, show the window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from saypro_desktop import APP_AUTHOR, APP_NAME, __version__
from saypro_desktop.domain.errors import SayProError
from saypro_desktop.resources import resource
from saypro_desktop.services.context import AppServices

log = logging.getLogger(__name__)


def _application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource("icons", "saypro.svg"))))
    return app


def run(path: Path, *, demo_people: int, logfile: Path) -> int:
    """Open ``path`` (creating, backing up and migrating it) and run the main window."""
    from saypro_desktop.ui.main_window import MainWindow
    from saypro_desktop.ui.startup import fill_demo_with_progress

    app = _application()
    try:
        app_services = AppServices.open(path)
    except SayProError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    except Exception as exc:
        log.exception("could not open %s", path)
        QMessageBox.critical(
            None,
            APP_NAME,
            f"The database {path} could not be opened: {exc}\n\nDetails are in {logfile}.",
        )
        return 1
    if demo_people and not fill_demo_with_progress(app_services, demo_people):
        app_services.close()
        return 1
    window = MainWindow(app_services, title_suffix=" — demo data" if demo_people else "")
    window.show()
    code = app.exec()
    app_services.close()
    return int(code)


def self_test(path: Path) -> int:
    """Open the main window on a throw-away database and check it (for packaged builds)."""
    from saypro_desktop.ui.startup import run_self_test

    _application()
    return run_self_test(path)
