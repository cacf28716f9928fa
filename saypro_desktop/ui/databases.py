"""Which database the window works on: File > New, Open and Open recent.

An organiser may keep more than one database (their own, a demo, a copy from a colleague's
laptop). ``RecentDatabases`` remembers the last few opened, in QSettings, newest first.
``WindowHost`` owns the one main window and the database it shows: switching opens the
other database first (so a file that cannot be opened leaves the current window as it was),
then shows a new window on it and closes the old window and its database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from saypro_desktop import APP_NAME
from saypro_desktop.services.workspace import default_database_path
from saypro_desktop.ui.i18n import tr

if TYPE_CHECKING:
    from saypro_desktop.services.context import AppServices
    from saypro_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

# The day's safety copy is taken this long after a window opens on a database (off the UI
# thread), once start-up's own reads are done.
DAILY_COPY_DELAY_MS = 5_000
RECENT_KEY = "databases/recent"
RECENT_LIMIT = 8
DATABASE_SUFFIX = ".sqlite3"


class RecentDatabases:
    """The databases opened lately, newest first, remembered across runs."""

    def __init__(self, limit: int = RECENT_LIMIT) -> None:
        self.limit = limit

    def _stored(self) -> list[str]:
        value = QSettings().value(RECENT_KEY, [])
        if isinstance(value, str):  # QSettings hands back one item as a bare string
            return [value] if value else []
        if not isinstance(value, list):
            return []
        return [str(item) for item in value if item]

    def paths(self) -> list[Path]:
        """The remembered files that still exist (a moved or deleted one is left out)."""
        return [Path(item) for item in self._stored() if Path(item).is_file()]

    def add(self, path: Path) -> None:
        text = str(path.resolve())
        items = [text] + [item for item in self._stored() if item != text]
        QSettings().setValue(RECENT_KEY, items[: self.limit])

    def remove(self, path: Path) -> None:
        text = str(path.resolve())
        QSettings().setValue(RECENT_KEY, [item for item in self._stored() if item != text])

    def clear(self) -> None:
        QSettings().setValue(RECENT_KEY, [])


def with_suffix(path: Path) -> Path:
    """A new database named without an extension gets the usual one."""
    return path if path.suffix else path.with_suffix(DATABASE_SUFFIX)


def title_suffix(path: Path) -> str:
    is_demo = path.resolve() == default_database_path(demo=True).resolve()
    return tr(" — demo data") if is_demo else ""


Opener = Callable[[Path, bool], "AppServices | None"]


class WindowHost:
    """Owns the main window and its database; swaps both when another database is chosen.

    ``opener(path, create)`` opens a database the way start-up does (damaged files offered
    a restore, errors shown in plain words) and returns None when it could not.
    """

    def __init__(self, opener: Opener) -> None:
        self.opener = opener
        self.recent = RecentDatabases()
        self.window: QWidget | None = None
        self.services: AppServices | None = None

    def show(self, services: AppServices, *, frame: MainWindow | None = None) -> QWidget:
        """Show a window on an open database, closing the one shown before (if any).

        ``frame``: a window shown at start-up before the database was open; it is given
        the database instead of a new window being made.
        """
        from saypro_desktop.ui.main_window import MainWindow

        old_window, old_services = self.window, self.services
        if frame is not None and not frame.attached:
            window = frame
            window.attach(services)
        else:
            window = MainWindow(services, title_suffix=title_suffix(services.path))
        window.database_requested.connect(self.switch)
        self.window, self.services = window, services
        self.recent.add(services.path)
        window.show()
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_services is not None:
            old_services.close()
        QTimer.singleShot(DAILY_COPY_DELAY_MS, window, lambda: _daily_copy(window, services))
        return window

    def switch(self, path: Path, create: bool) -> bool:
        """Open ``path`` (a new file when ``create``) in place of the current database."""
        parent = self.window
        if self.services is not None and path.resolve() == self.services.path.resolve():
            QMessageBox.information(parent, APP_NAME,
                                    tr("{name} is the database already open.").format(
                                        name=path.name))
            return False
        if create and path.exists():
            QMessageBox.warning(
                parent, APP_NAME,
                tr("{name} already exists, so no new database was made there. To work on it, "
                   "choose File > Open database.").format(name=path.name))
            return False
        if not create and not path.is_file():
            self.recent.remove(path)
            QMessageBox.warning(parent, APP_NAME,
                                tr("{path} is no longer there: it was moved or deleted.").format(
                                    path=path))
            return False
        services = self.opener(path, create)
        if services is None:
            return False  # the opener has said why; the current window stays as it was
        log.info("switched to database %s", path)
        self.show(services)
        return True

    def close(self) -> None:
        if self.services is not None:
            self.services.close()
            self.services = None


def _daily_copy(window: MainWindow, services: AppServices) -> None:
    """Take the day's safety copy in the background if none from the last day exists; a
    failure (a full disk) is said in the status bar and logged, never a dialog."""
    if not window.attached or not window.isVisible() or window.app is not services:
        return

    def failed(error: BaseException) -> None:
        log.warning("could not make the day's safety copy: %s", error)
        window.ops.say(tr("Could not make today's safety copy of the database ({error}).")
                       .format(error=error))

    window.ops.query(services.take_daily_backup, lambda _copy: None, on_error=failed)
