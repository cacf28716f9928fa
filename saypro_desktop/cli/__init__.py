"""``saypro``: the headless twin of the app, driving the same services from a terminal.

Each area is a module here with a ``register(subparsers)`` that adds its commands; every
command is ``handler(app, args) -> exit code`` with ``app`` the same ``AppServices`` the
window receives. Errors print one line to stderr and exit 1; output meant for scripts is JSON.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import NoReturn

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
from saypro_desktop.cli.output import SafeStream
from saypro_desktop.domain.errors import SayProError
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.workspace import configure_logging, default_database_path

Handler = Callable[[AppServices, argparse.Namespace], int]
log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    """Bad arguments get one line on stderr and exit 1, like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(1, f"saypro: {message} (see `{self.prog} --help`)\n")

# One module per area; each adds its sub-commands. Order is the order of `saypro --help`.
AREAS = [demo, people, organisations, outreach, meetings, events, outbox, campaign,
         documents, files, sync]


# Which area adds each top-level command, so a command builds only its own area's parser
# (all 80-odd sub-parsers take ~50 ms to build); tests check it against what areas register.
COMMANDS: dict[str, ModuleType] = {
    "demo": demo, "people": people, "org": organisations, "outreach": outreach,
    "followups": outreach, "meetings": meetings, "commitments": meetings,
    "concerns": meetings, "events": events, "signin": events, "outbox": outbox,
    "campaign": campaign, "objectives": campaign, "metrics": campaign, "reforms": campaign,
    "pdf": documents, "import": files, "export": files, "sync": sync,
}


def _command_word(argv: Sequence[str]) -> str | None:
    """The command named in ``argv`` (after the global options), if any."""
    words = iter(argv)
    for word in words:
        if word == "--db":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given ``argv`` naming a known command (and no top-level help), only
    that command's area is added."""
    parser = _Parser(prog="saypro", description="SayPro Desktop from the command line.")
    parser.add_argument("--version", action="version", version=f"saypro {__version__}")
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="database file (default: the app's own database in your data folder)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    word = _command_word(argv) if argv is not None else None
    areas = [COMMANDS[word]] if word in COMMANDS else AREAS
    for area in areas:
        area.register(sub)
    return parser


def _say(text: str) -> None:
    print(f"saypro: {text}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; whatever it prints reaches the terminal with no raw escapes."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _main(argv: Sequence[str] | None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(words)
    try:
        args = parser.parse_args(words)
    except SystemExit as exc:  # --help and --version exit 0; bad arguments exit 1
        return int(exc.code or 0)
    path: Path = args.db or default_database_path()
    app: AppServices | None = None
    code = 1
    try:
        app = AppServices.open(path, create_folder=args.db is None)
        app.on_write_wait(lambda: _say("another import is running; waiting…"))
        handler: Handler = args.handler
        code = handler(app, args)
        if app.created and code == 0:
            _say(f"created a new database at {path}")
        return code
    except SayProError as exc:
        _say(str(exc))
        return 1
    except OSError as exc:
        _say(f"{exc.strerror or exc} ({exc.filename or path})")
        return 1
    except KeyboardInterrupt:
        _say("stopped; nothing half-written was kept")
        return 1
    except Exception as exc:  # never a traceback on the terminal: one line, detail in the log
        logfile = configure_logging()
        log.error("saypro %s failed", " ".join(sys.argv[1:]), exc_info=exc)
        _say(f"unexpected error ({type(exc).__name__}); nothing half-written was kept; "
             f"the details are in {logfile}")
        return 1
    finally:
        if app is not None:  # a failed first command leaves no empty database behind
            app.close(discard_if_unused=code != 0)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
