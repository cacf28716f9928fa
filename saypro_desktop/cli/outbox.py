"""``saypro outbox``: letters of introduction and thank-you notes as .eml drafts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from saypro_desktop.cli.output import emit_json
from saypro_desktop.services.context import AppServices


def cmd_write(app: AppServices, args: argparse.Namespace) -> int:
    org_ids = list(args.org or [])
    if args.stage:
        org_ids += app.outbox.organisations_at(args.stage, focus_area=args.focus,
                                               category=args.category)
    result = app.outbox.write(args.template, args.out, organisation_ids=org_ids,
                              person_ids=args.person or [])
    if args.json:
        emit_json([{"id": w.interaction_id, "path": str(w.path), "to": w.name}
                   for w in result.written])
    else:
        for w in result.written:
            print(f"{w.interaction_id}\t{w.path}")
    for s in result.skipped:
        print(f"skipped {s.name}: {s.reason}", file=sys.stderr)
    return 0


def cmd_templates(app: AppServices, args: argparse.Namespace) -> int:
    for template in app.templates.list():
        print(f"{template.name}\t{template.title}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    box = sub.add_parser("outbox", help="write letters as .eml drafts for a mail client")
    bsub = box.add_subparsers(dest="action", required=True)
    write = bsub.add_parser("write", help="one draft per recipient; logs each as an "
                                          "interaction and prints its id and file")
    write.add_argument("--template", required=True, help="template name (saypro outbox "
                                                         "templates)")
    who = write.add_mutually_exclusive_group(required=True)
    who.add_argument("--org", action="extend", nargs="+", help="organisation id(s)")
    who.add_argument("--stage", help="every organisation at this pipeline stage")
    who.add_argument("--person", action="extend", nargs="+", help="person id(s)")
    write.add_argument("--focus", help="with --stage: only this focus area (e.g. housing)")
    write.add_argument("--category", help="with --stage: only this category")
    write.add_argument("--out", required=True, type=Path, help="the outbox folder")
    write.add_argument("--json", action="store_true")
    write.set_defaults(handler=cmd_write)
    tpl = bsub.add_parser("templates", help="the letter templates")
    tpl.set_defaults(handler=cmd_templates)
