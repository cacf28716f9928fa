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

from saypro_desktop import APP_NAME, __version__
from saypro_desktop.services.workspace import (
    configure_logging,
    default_database_path,
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
    # The window (and Qt) load here, not at module top, so `--version` stays fast.
    from saypro_desktop.ui import application

    if args.self_test:
        with tempfile.TemporaryDirectory(prefix="saypro-selftest-") as folder:
            return application.self_test(Path(folder) / "selftest.sqlite3")

    logfile = configure_logging(args.verbose)
    path = args.db or default_database_path(demo=args.demo)
    log.info("starting %s %s on %s", APP_NAME, __version__, path)
    return application.run(path, demo_people=DEMO_PEOPLE if args.demo else 0, logfile=logfile,
                           create_folder=args.db is None)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
