"""``saypro outreach`` and ``saypro followups``: log interactions, list and close follow-ups."""

from __future__ import annotations

import argparse

from saypro_desktop.cli.output import emit_json
from saypro_desktop.domain.outreach import InteractionOutcome, InteractionType, parse_date
from saypro_desktop.domain.outreach import parse_datetime as parse_moment
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.outreach import InteractionInput
from saypro_desktop.services.outreach_tasks import FOLLOW_UP


def cmd_log(app: AppServices, args: argparse.Namespace) -> int:
    logged = app.outreach.log_interaction(InteractionInput(
        type=args.type,
        occurred_at=parse_moment(args.date, field="date"),
        person_id=args.person,
        organisation_id=args.org,
        our_person_id=args.by,
        summary=args.summary,
        outcome=args.outcome,
        follow_up_on=parse_date(args.follow_up, field="follow-up") if args.follow_up else None,
        notes=args.notes,
    ))
    print(logged.id)
    return 0


def cmd_followups(app: AppServices, args: argparse.Namespace) -> int:
    rows = app.outreach.follow_ups(due_only=args.due)
    if args.json:
        emit_json([row.as_dict() for row in rows])
        return 0
    for row in rows:
        due = row.due_on.isoformat() if row.due_on else ""
        flag = "overdue" if row.overdue else ""
        print("\t".join([row.id, due, flag, row.what, row.who, row.assigned_to]))
    return 0


def cmd_followup_done(app: AppServices, args: argparse.Namespace) -> int:
    app.outreach.complete(FOLLOW_UP, args.id)
    print(args.id)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    out = sub.add_parser("outreach", help="log calls, letters, visits and messages")
    osub = out.add_subparsers(dest="action", required=True)
    log = osub.add_parser("log", help="log an interaction (a future date plans it); prints "
                                      "its id")
    who = log.add_mutually_exclusive_group(required=True)
    who.add_argument("--org", help="organisation id")
    who.add_argument("--person", help="person id")
    log.add_argument("--type", required=True, choices=[t.value for t in InteractionType])
    log.add_argument("--date", required=True, help="YYYY-MM-DD or 'YYYY-MM-DD HH:MM'")
    log.add_argument("--summary")
    log.add_argument("--outcome", choices=[o.value for o in InteractionOutcome])
    log.add_argument("--follow-up", dest="follow_up", help="follow-up date, YYYY-MM-DD")
    log.add_argument("--by", help="the person on our side who made it (person id)")
    log.add_argument("--notes")
    log.set_defaults(handler=cmd_log)

    fol = sub.add_parser("followups", help="open follow-ups (saypro followups done ID)")
    fol.add_argument("--due", action="store_true", help="only those due today or overdue")
    fol.add_argument("--json", action="store_true", help="one JSON object per follow-up")
    fol.set_defaults(handler=cmd_followups)
    fsub = fol.add_subparsers(dest="action")
    done = fsub.add_parser("done", help="mark a follow-up done")
    done.add_argument("id")
    done.set_defaults(handler=cmd_followup_done)
