"""``saypro``: the headless twin of the app, driving the same services from a terminal.

Each area is a module here with a ``register(subparsers)`` that adds its commands; every
command is ``handler(app, args) -> exit code`` with ``app`` the same ``AppServices`` the
window receives. Errors print one line to stderr and exit 1; output meant for scripts is JSON.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from saypro_desktop import __version__
from saypro_desktop.cli import (
    campaign,
    demo,
    documents,
    events,
    files,
    meetings,
    organisations,
    outbox,
    outreach,
    people,
    sync,
)
from saypro_desktop.domain.errors import SayProError
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.workspace import default_database_path

Handler = Callable[[AppServices, argparse.Namespace], int]

# One module per area; each adds its sub-commands. Order is the order of `saypro --help`.
AREAS = [demo, people, organisations, outreach, meetings, events, outbox, campaign,
         documents, files, sync]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="saypro", description="SayPro Desktop from the command line."
    )
    parser.add_argument("--version", action="version", version=f"saypro {__version__}")
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="database file (default: the app's own database in your data folder)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for area in AREAS:
        area.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    path: Path = args.db or default_database_path()
    app: AppServices | None = None
    try:
        app = AppServices.open(path)
        handler: Handler = args.handler
        return handler(app, args)
    except SayProError as exc:
        print(f"saypro: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"saypro: {exc.strerror or exc} ({exc.filename or path})", file=sys.stderr)
        return 1
    finally:
        if app is not None:
            app.close()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
