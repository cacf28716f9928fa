"""``saypro demo``: fill a database with a living demo coalition."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from datetime import date

from saypro_desktop.services.context import AppServices


def cmd_demo(app: AppServices, args: argparse.Namespace) -> int:
    from saypro_desktop.services.demo import fill_demo

    def progress(done: int, total: int) -> bool:
        if sys.stderr.isatty():
            sys.stderr.write(f"\rcreating demo data: {done * 100 // max(total, 1):3d}%")
            sys.stderr.flush()
        return True

    summary = fill_demo(app.db, args.people, seed=args.seed, progress=progress,
                        today=args.as_of or date.today())
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    counts = asdict(summary)
    print(", ".join(f"{value} {name.replace('_', ' ')}" for name, value in counts.items()))
    return 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; expected YYYY-MM-DD") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = sub.add_parser("demo", help="fill the database with realistic demo data")
    demo.add_argument("--people", type=int, default=1500, help="how many people (default 1500)")
    demo.add_argument("--seed", type=int, default=7,
                      help="same seed and same --as-of day, same data")
    demo.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD", default=None,
                      help="the day the history runs up to (default: today), so follow-ups "
                           "fall due and meetings are coming up as in a living coalition")
    demo.set_defaults(handler=cmd_demo)
