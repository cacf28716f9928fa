"""``saypro meetings``, ``saypro commitments`` and ``saypro concerns``."""

from __future__ import annotations

import argparse
from pathlib import Path

from saypro_desktop.cli.output import emit_json
from saypro_desktop.domain.enums import CommitmentKind, ConcernCategory, MeetingKind
from saypro_desktop.domain.outreach import parse_date, parse_datetime
from saypro_desktop.services.context import AppServices


def cmd_add(app: AppServices, args: argparse.Namespace) -> int:
    start = parse_datetime(args.date, field="date")
    values = {"title": args.title, "kind": args.type, "starts_at": start,
              "location": args.place, "link": args.link, "agenda": args.agenda}
    if args.end:
        values["ends_at"] = parse_datetime(f"{start.date().isoformat()} {args.end}"
                                           if len(args.end) <= 5 else args.end, field="end")
    print(app.meetings.add_meeting({k: v for k, v in values.items() if v is not None},
                                   organisation_ids=args.org or [],
                                   attendee_ids=args.attendee or []))
    return 0


def cmd_action(app: AppServices, args: argparse.Namespace) -> int:
    values: dict[str, object] = {"meeting_id": args.meeting_id, "description": args.what}
    if args.owner:
        values.update(app.meetings.owner_fields(args.owner))
    if args.due:
        values["due_on"] = parse_date(args.due, field="due")
    if args.resources:
        values["resources"] = args.resources
    print(app.meetings.add_action(values))
    return 0


def cmd_list(app: AppServices, args: argparse.Namespace) -> int:
    rows = app.meetings.meetings()
    if args.json:
        emit_json([row.as_dict() for row in rows])
        return 0
    for row in rows:
        print("\t".join([row.id, row.starts_at.strftime("%Y-%m-%d %H:%M"), row.kind_label,
                         row.title, row.organisations]))
    return 0


def cmd_show(app: AppServices, args: argparse.Namespace) -> int:
    detail = app.meetings.meeting(args.id)
    if args.json:
        emit_json(detail.as_dict())
        return 0
    print(f"{detail.title} ({detail.starts_at:%Y-%m-%d %H:%M})")
    for action in detail.actions:
        print(f"- {action.description} [{action.status_label}] {action.owner}")
    return 0


def cmd_ics(app: AppServices, args: argparse.Namespace) -> int:
    out = app.meetings.write_ics(args.id, args.out)
    print(out)
    return 0


def cmd_commitment(app: AppServices, args: argparse.Namespace) -> int:
    values: dict[str, object] = {"organisation_id": args.org, "kind": args.kind,
                                 "status": args.status}
    if args.quantity is not None:
        values["amount"] = args.quantity
    if args.description:
        values["description"] = args.description
    if args.due:
        values["due_on"] = parse_date(args.due, field="due")
    if args.meeting:
        values["meeting_id"] = args.meeting
    print(app.commitments.add(values))
    return 0


def cmd_concern(app: AppServices, args: argparse.Namespace) -> int:
    values: dict[str, object] = {"category": args.category, "description": args.text,
                                 "kind": args.kind}
    values["organisation_id" if args.org else "raised_by_id"] = args.org or args.person
    if args.meeting:
        values["meeting_id"] = args.meeting
    print(app.concerns.add(values))
    return 0


def _quantity(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    mtg = sub.add_parser("meetings", help="meetings, their action items, and .ics export")
    msub = mtg.add_subparsers(dest="action", required=True)
    add = msub.add_parser("add", help="add a meeting; prints its id")
    add.add_argument("--title", required=True)
    add.add_argument("--date", required=True, help="'YYYY-MM-DD HH:MM' (a date alone: 09:00)")
    add.add_argument("--end", help="HH:MM or 'YYYY-MM-DD HH:MM'")
    add.add_argument("--type", default=MeetingKind.INTRODUCTORY.value,
                     choices=[k.value for k in MeetingKind])
    add.add_argument("--place")
    add.add_argument("--link", help="online meeting address")
    add.add_argument("--agenda")
    add.add_argument("--org", action="extend", nargs="+", help="organisation id(s)")
    add.add_argument("--attendee", action="extend", nargs="+", help="person id(s)")
    add.set_defaults(handler=cmd_add)

    act = msub.add_parser("action", help="add an action item to a meeting; prints its id")
    act.add_argument("meeting_id")
    act.add_argument("--what", required=True)
    act.add_argument("--owner", help="person or organisation id")
    act.add_argument("--due", help="YYYY-MM-DD")
    act.add_argument("--resources")
    act.set_defaults(handler=cmd_action)

    lst = msub.add_parser("list", help="meetings, newest first")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)
    show = msub.add_parser("show", help="one meeting with its action items")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)
    ics = msub.add_parser("ics", help="write the meeting as an .ics calendar file")
    ics.add_argument("id")
    ics.add_argument("--out", required=True, type=Path)
    ics.set_defaults(handler=cmd_ics)

    com = sub.add_parser("commitments", help="commitments partners pledge and deliver")
    csub = com.add_subparsers(dest="action", required=True)
    cadd = csub.add_parser("add", help="record a commitment; prints its id")
    cadd.add_argument("--org", required=True, help="organisation id")
    cadd.add_argument("--kind", required=True, choices=[k.value for k in CommitmentKind])
    cadd.add_argument("--status", default="pledged", choices=["pledged", "delivered"])
    cadd.add_argument("--quantity", type=_quantity, help="amount (rand) or count")
    cadd.add_argument("--description")
    cadd.add_argument("--due", help="when it should be delivered, YYYY-MM-DD")
    cadd.add_argument("--meeting", help="the meeting where it was made")
    cadd.set_defaults(handler=cmd_commitment)

    con = sub.add_parser("concerns", help="concerns, barriers and feedback raised")
    nsub = con.add_subparsers(dest="action", required=True)
    nadd = nsub.add_parser("add", help="record a concern; prints its id")
    who = nadd.add_mutually_exclusive_group(required=True)
    who.add_argument("--org", help="organisation id")
    who.add_argument("--person", help="person id (who raised it)")
    nadd.add_argument("--category", required=True, choices=[c.value for c in ConcernCategory])
    nadd.add_argument("--text", required=True)
    nadd.add_argument("--kind", default="concern", choices=["concern", "barrier", "feedback"])
    nadd.add_argument("--meeting", help="the meeting where it was raised")
    nadd.set_defaults(handler=cmd_concern)
