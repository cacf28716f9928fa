"""Start-up: paths, logging, open and migrate the database, build the main window.

``saypro-desktop`` opens the real database in the user's data folder;
``--demo`` opens a separate demo database, filled with a living coalition the
first time; ``--self-test`` opens the window on a throw-away database and
exits 0 if everything came up (used to check a packaged build).
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from saypro_desktop import APP_AUTHOR, APP_NAME, __version__
from saypro_desktop.domain.errors import SayProError
from saypro_desktop.resources import resource
from saypro_desktop.services.workspace import (
    configure_logging,
    default_database_path,
    open_workspace,
)

log = logging.getLogger(__name__)
DEMO_PEOPLE = 1500


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="saypro-desktop", description=f"{APP_NAME}")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--db", type=Path, help="open this database file instead of the default")
    parser.add_argument(
        "--demo", action="store_true", help="open a separate demo database full of realistic data"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window on a temporary database, check it, and exit",
    )
    parser.add_argument("--verbose", action="store_true", help="log debug detail")
    args, _qt_args = parser.parse_known_args(argv)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # Qt is imported here, not at module top, so `--version` and errors stay fast.
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from saypro_desktop.ui.main_window import MainWindow
    from saypro_desktop.ui.startup import fill_demo_with_progress, run_self_test

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource("icons", "saypro.svg"))))

    if args.self_test:
        with tempfile.TemporaryDirectory(prefix="saypro-selftest-") as folder:
            return run_self_test(Path(folder) / "selftest.sqlite3")

    logfile = configure_logging(args.verbose)
    path = args.db or default_database_path(demo=args.demo)
    log.info("starting %s %s on %s", APP_NAME, __version__, path)
    try:
        db = open_workspace(path)
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

    if args.demo and not fill_demo_with_progress(db, DEMO_PEOPLE):
        db.dispose()
        return 1
    window = MainWindow(db, title_suffix=" — demo data" if args.demo else "")
    window.show()
    code = app.exec()
    db.dispose()
    return int(code)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
