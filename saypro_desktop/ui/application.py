"""The Qt application: show the window's frame, open the database with visible errors, fill
demo data, then put the first page in the window.

The frame (menus and sidebar) is on screen before the database layer is even imported; only
what that needs loads at start-up. SQLAlchemy, the models and the first page follow behind it.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from saypro_desktop import APP_AUTHOR, APP_NAME, __version__
from saypro_desktop.domain.errors import DatabaseDamagedError, SayProError
from saypro_desktop.resources import resource
from saypro_desktop.ui.errors import sentence, show_error
from saypro_desktop.ui.i18n import tr

if TYPE_CHECKING:
    from saypro_desktop.services.context import AppServices
    from saypro_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def _application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource("icons", "saypro.svg"))))
    return app


def open_services(path: Path, *, create_folder: bool, logfile: Path) -> AppServices | None:
    """Open the database, offering to restore the newest backup if it is damaged."""
    from saypro_desktop.services.context import AppServices

    notice = _upgrade_notice(path) if AppServices.upgrade_pending(path) else None
    try:
        try:
            app_services = AppServices.open(path, create_folder=create_folder)
        finally:
            if notice is not None:
                notice.close()
    except DatabaseDamagedError as exc:
        log.error("%s", exc)
        if exc.backup is None:
            QMessageBox.critical(None, APP_NAME, sentence(exc))
            return None
        if not offer_restore(path, exc):
            return None
        return open_services(path, create_folder=create_folder, logfile=logfile)
    except SayProError as exc:
        QMessageBox.critical(None, APP_NAME, sentence(exc))
        return None
    except Exception as exc:
        log.exception("could not open %s", path)
        QMessageBox.critical(
            None, APP_NAME,
            tr("The database {path} could not be opened ({error}). The details are in "
               "{log}.").format(path=path, error=type(exc).__name__, log=logfile),
        )
        return None
    if app_services.created:
        print(f"saypro-desktop: created a new database at {path}", file=sys.stderr)
    return app_services


def _upgrade_notice(path: Path) -> QProgressDialog:
    """Say what the wait is before an upgrade starts: a big database made by an earlier
    version takes a while (its copy, then the new layout), and the window cannot move."""
    notice = QProgressDialog(
        tr("Upgrading {name} for this version of SayPro Desktop. A copy is kept first; a "
           "large database takes a minute or two, once.").format(name=path.name),
        "", 0, 0)
    notice.setWindowTitle(APP_NAME)
    notice.setObjectName("upgradeNotice")
    notice.setCancelButton(None)
    notice.setMinimumDuration(0)
    notice.show()
    QEventLoop().processEvents()  # painted before the upgrade holds the thread
    return notice


def offer_restore(path: Path, error: DatabaseDamagedError) -> bool:
    """Ask to put the newest backup back (the damaged file is kept aside); True if done."""
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, sentence(error))
    box.setObjectName("damagedDatabase")
    restore = box.addButton(tr("&Restore the newest backup"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("&Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    from saypro_desktop.services.context import AppServices

    try:
        aside, backup = AppServices.restore_latest_backup(path)
    except (SayProError, OSError) as exc:
        show_error(None, tr("Could not restore the backup"), exc)
        return False
    QMessageBox.information(
        None, APP_NAME,
        tr("Restored {backup}.\nThe damaged file is kept as {aside}; changes made after the "
           "backup are not in the restored copy.").format(backup=backup.name, aside=aside))
    return True


def show_frame(path: Path) -> MainWindow:
    """The main window without a database yet (menus, sidebar), shown and painted."""
    from saypro_desktop.ui.databases import title_suffix
    from saypro_desktop.ui.main_window import MainWindow

    window = MainWindow(title_suffix=title_suffix(path))
    window.show()
    QEventLoop().processEvents()  # paint it before the database is opened
    return window


def run(path: Path, *, demo_people: int, logfile: Path, create_folder: bool = False) -> int:
    """Show the window's frame, open ``path`` (creating, backing up and migrating it) and
    run the main window on it.

    File > New/Open database later swap the window and its database (``WindowHost``).
    """
    from saypro_desktop.ui.databases import WindowHost

    app = _application()
    frame = show_frame(path)
    app_services = open_services(path, create_folder=create_folder, logfile=logfile)
    if app_services is None:
        frame.close()
        return 1
    if demo_people:
        from saypro_desktop.ui.startup import fill_demo_with_progress

        if not fill_demo_with_progress(app_services, demo_people):
            app_services.close()
            frame.close()
            return 1
    host = WindowHost(lambda chosen, _create: open_services(
        chosen, create_folder=False, logfile=logfile))
    host.show(app_services, frame=frame)
    code = app.exec()
    host.close()
    return int(code)


def self_test(path: Path) -> int:
    """Open the main window on a throw-away database and check it (for packaged builds)."""
    from saypro_desktop.ui.startup import run_self_test

    _application()
    return run_self_test(path)
