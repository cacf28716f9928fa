"""Where the app keeps its files, and opening a database ready for use."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_data_dir, user_log_dir

from saypro_desktop import APP_AUTHOR, APP_NAME

if TYPE_CHECKING:
    from saypro_desktop.db.engine import Database

DB_FILENAME = "saypro.sqlite3"
DEMO_DB_FILENAME = "saypro-demo.sqlite3"


def data_dir() -> Path:
    return Path(user_data_dir(APP_NAME, APP_AUTHOR))


def default_database_path(demo: bool = False) -> Path:
    return data_dir() / (DEMO_DB_FILENAME if demo else DB_FILENAME)


def open_workspace(path: Path, *, create_folder: bool = False) -> Database:
    """Open (creating, backing up and migrating as needed) and give it a device id.

    ``create_folder``: the path is the app's own (default) one, so its folder may be made.
    """
    # The database layer (SQLAlchemy, the models) loads here, not with this module: the
    # window's frame, which needs only the paths above, is on screen first.
    from saypro_desktop.db.migrate import open_database
    from saypro_desktop.services.unit_of_work import ensure_device

    db = open_database(path, create_folder=create_folder)
    ensure_device(db)
    return db


def configure_logging(verbose: bool = False) -> Path:
    from logging.handlers import RotatingFileHandler  # socket, pickle: not on the window's path

    folder = Path(user_log_dir(APP_NAME, APP_AUTHOR))
    folder.mkdir(parents=True, exist_ok=True)
    logfile = folder / "saypro.log"
    handler = RotatingFileHandler(logfile, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    return logfile
