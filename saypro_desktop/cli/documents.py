"""``saypro pdf ...``: print packets, letters, reports, minutes, plans and sheets to PDF."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.services.context import AppServices


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; expected YYYY-MM-DD"
                                         ) from None


def _save(app: AppServices, data: bytes, out: Path, what: str) -> int:
    app.documents.save(data, out, what)
    print(out)
    return 0


def cmd_packet(app: AppServices, args: argparse.Namespace) -> int:
    return _save(app, app.documents.packet(args.org, paper=args.paper), args.out,
                 "partnership packet")


def cmd_packets(app: AppServices, args: argparse.Namespace) -> int:
    ids = app.documents.partner_ids(chosen=args.org or (), stage=args.stage)
    if not ids:
        raise ValidationError("no organisations match; check --org or --stage")

    def progress(done: int, total: int) -> bool:
        if sys.stderr.isatty():
            sys.stderr.write(f"\rwriting packets: {done}/{total}")
            sys.stderr.flush()
        return True

    result = app.documents.write_packets(ids, args.out_dir, combined=args.combined,
                                         paper=args.paper, channel=args.channel,
                                         log=not args.no_log, progress=progress)
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    for path in result.written:
        print(path)
    if result.combined is not None:
        print(result.combined)
    return 0


def cmd_letter(app: AppServices, args: argparse.Namespace) -> int:
    return _save(app, app.documents.letter(args.template, args.org, paper=args.paper),
                 args.out, "letter")


def cmd_report(app: AppServices, args: argparse.Namespace) -> int:
    data = app.documents.report(args.kind, campaign_id=args.campaign, start=args.start,
                                end=args.end, phase=args.phase, paper=args.paper)
    return _save(app, data, args.out, f"{args.kind} report")


def cmd_minutes(app: AppServices, args: argparse.Namespace) -> int:
    return _save(app, app.documents.minutes(args.meeting, paper=args.paper), args.out,
                 "meeting minutes")


def cmd_action_plan(app: AppServices, args: argparse.Namespace) -> int:
    return _save(app, app.documents.action_plan(args.org, paper=args.paper), args.out,
                 "action plan")


def cmd_callsheet(app: AppServices, args: argparse.Namespace) -> int:
    return _save(app, app.documents.callsheet(stage=args.stage, paper=args.paper), args.out,
                 "call sheet")


def cmd_signin(app: AppServices, args: argparse.Namespace) -> int:
    return _save(app, app.documents.signin_sheet(args.event, paper=args.paper), args.out,
                 "sign-in sheet")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pdf = sub.add_parser("pdf", help="print documents to PDF")
    commands = pdf.add_subparsers(dest="pdf_command", required=True)

    def command(name: str, help_text: str, handler: object, *, out: bool = True
                ) -> argparse.ArgumentParser:
        parser = commands.add_parser(name, help=help_text)
        if out:
            parser.add_argument("--out", type=Path, required=True, help="PDF file to write")
        parser.add_argument("--paper", choices=("a4", "letter"), default="a4")
        parser.set_defaults(handler=handler)
        return parser

    p = command("packet", "one organisation's partnership proposal packet", cmd_packet)
    p.add_argument("--org", required=True, metavar="ID")

    p = command("packets", "packets for several organisations", cmd_packets, out=False)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--org", action="append", metavar="ID", help="repeat for each one")
    which.add_argument("--stage", metavar="S", help="every organisation at this stage")
    p.add_argument("--out-dir", type=Path, help="folder for one PDF per organisation")
    p.add_argument("--combined", type=Path, help="also (or only) one combined PDF")
    p.add_argument("--channel", choices=("letter", "email"), default="letter",
                   help="how the packets are sent, for the partners' timelines")
    p.add_argument("--no-log", action="store_true",
                   help="do not record the packets as sent on the timelines")

    p = command("letter", "a letter from a template", cmd_letter)
    p.add_argument("--template", required=True, metavar="NAME",
                   help="a template name, as `saypro outbox templates` lists them")
    p.add_argument("--org", required=True, metavar="ID")

    p = command("report", "a progress or impact report", cmd_report)
    p.add_argument("kind", choices=("progress", "impact"))
    p.add_argument("--campaign", metavar="ID")
    p.add_argument("--from", dest="start", type=_date, metavar="DATE")
    p.add_argument("--to", dest="end", type=_date, metavar="DATE")
    p.add_argument("--phase", choices=("pre_campaign", "campaign", "post_campaign"))

    p = command("minutes", "a meeting's minutes", cmd_minutes)
    p.add_argument("meeting", metavar="MEETING_ID")

    p = command("action-plan", "a partner's action plan", cmd_action_plan)
    p.add_argument("--org", required=True, metavar="ID")

    p = command("callsheet", "the outreach call sheet", cmd_callsheet)
    p.add_argument("--stage", metavar="S")

    p = command("signin-sheet", "an event's sign-in sheet", cmd_signin)
    p.add_argument("event", metavar="EVENT_ID")
