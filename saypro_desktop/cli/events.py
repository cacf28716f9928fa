"""``saypro events`` and ``saypro signin``: events, RSVP lists, sign-ins and attendance."""

from __future__ import annotations

import argparse
from pathlib import Path

from saypro_desktop.cli.output import emit_json
from saypro_desktop.domain.enums import EventKind
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.events_signin import DeskInfo, WalkIn

SIGNIN_USAGE = (
    "saypro signin EVENT_ID PERSON_ID [--json]\n"
    "       saypro signin EVENT_ID --walk-in --first-name F --last-name L [--phone P] "
    "[--email E] [--consent email,sms]\n"
    "       saypro signin undo EVENT_ID PERSON_ID"
)


def cmd_events_add(app: AppServices, args: argparse.Namespace) -> int:
    fields = {"title": args.title, "kind": args.type, "starts_at": args.start,
              "ends_at": args.end, "venue": args.venue, "area": args.area,
              "expected_attendance": args.expected, "organisers": args.organisers,
              "petition_id": args.petition}
    print(app.events.add_event({k: v for k, v in fields.items() if v is not None}))
    return 0


def cmd_events_list(app: AppServices, args: argparse.Namespace) -> int:
    rows = app.events.list_events()
    if args.json:
        emit_json([row.as_dict() for row in rows])
        return 0
    for row in rows:
        print("\t".join([row.id, f"{row.starts_at:%Y-%m-%d %H:%M}", row.kind_label, row.title,
                         f"{row.attendees} came", f"{row.rsvps} RSVPs",
                         f"{row.walk_ins} walk-ins"]))
    return 0


def cmd_events_show(app: AppServices, args: argparse.Namespace) -> int:
    detail = app.events.get_event(args.id)
    numbers = app.events.figures(args.id)
    data = {
        "id": detail.id, **detail.fields, "type": detail.fields["kind"],
        "type_label": detail.kind_label, "campaign": detail.campaign,
        "working_group": detail.working_group, "petition": detail.petition,
        "attendees": numbers.attendees, "walk_ins": numbers.walk_ins,
        "new_people": numbers.new_people, "returning": numbers.returning,
        "consents": numbers.consents_total, "consents_by_channel": numbers.consents,
        "signatures": numbers.signatures, "rsvps": numbers.rsvps,
        "no_shows": numbers.no_shows,
    }
    del data["kind"]
    if args.json:
        emit_json(data)
        return 0
    for key, value in data.items():
        if value not in (None, "", {}):
            print(f"{key}: {value}")
    return 0


def cmd_events_rsvp(app: AppServices, args: argparse.Namespace) -> int:
    added = app.events.add_rsvps(args.id, args.person_ids)
    print(f"added {added} to the RSVP list"
          + (f" ({len(args.person_ids) - added} already on it)"
             if added < len(args.person_ids) else ""))
    return 0


def cmd_events_export(app: AppServices, args: argparse.Namespace) -> int:
    count = app.events.export_attendance(args.id, args.out, args.format)
    print(f"exported {count} attendees to {args.out}")
    return 0


def _desk(args: argparse.Namespace) -> DeskInfo:
    return DeskInfo(args.desk or "", args.organiser or "")


def cmd_signin(app: AppServices, args: argparse.Namespace) -> int:
    words: list[str] = args.words
    desk = app.events.signin
    if words[0] == "undo":
        if len(words) != 3 or args.walk_in:
            raise ValidationError("undo takes the event and the person: "
                                  "saypro signin undo EVENT_ID PERSON_ID")
        desk.undo_sign_in(words[1], words[2])
        print("sign-in undone")
        return 0
    consents = [c for c in (args.consent or "").split(",") if c.strip()]
    if args.walk_in:
        if len(words) != 1:
            raise ValidationError("a walk-in takes only the event: saypro signin EVENT_ID "
                                  "--walk-in --first-name F --last-name L")
        result = desk.walk_in(
            words[0], WalkIn(args.first_name or "", args.last_name or "", phone=args.phone,
                             email=args.email, organisation=args.organisation,
                             area=args.area),
            desk=_desk(args), consents=consents, sign_petition=args.sign_petition)
    else:
        if len(words) != 2:
            raise ValidationError("give the event and the person: saypro signin EVENT_ID "
                                  "PERSON_ID (or --walk-in with a name)")
        extra = [n for n in ("first_name", "last_name", "phone", "email") if getattr(args, n)]
        if extra:
            raise ValidationError(f"--{extra[0].replace('_', '-')} is for walk-ins; add --walk-in")
        result = desk.sign_in(words[0], words[1], desk=_desk(args), consents=consents,
                              sign_petition=args.sign_petition)
    if args.json:
        emit_json(result.as_dict())
    elif result.already:
        print(f"already signed in at {result.signed_in_at:%H:%M}; nothing changed")
    elif result.new_person:
        print(f"signed in {result.name} (new person {result.person_id}) "
              f"at {result.signed_in_at:%H:%M}")
    else:
        print(f"signed in {result.name} at {result.signed_in_at:%H:%M}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ev = sub.add_parser("events", help="events, RSVP lists and attendance")
    esub = ev.add_subparsers(dest="action", required=True)

    add = esub.add_parser("add", help="add an event; prints the new id")
    add.add_argument("--title", required=True)
    add.add_argument("--type", required=True, metavar="TYPE",
                     help="one of " + ", ".join(k.value for k in EventKind))
    add.add_argument("--start", required=True, metavar="DATETIME",
                     help="e.g. 2026-12-05 18:00 (local time)")
    add.add_argument("--end", metavar="DATETIME")
    add.add_argument("--venue")
    add.add_argument("--area", help="ward or area")
    add.add_argument("--expected", metavar="N", help="expected attendance")
    add.add_argument("--organisers")
    add.add_argument("--petition", metavar="PETITION_ID", help="a petition to sign there")
    add.set_defaults(handler=cmd_events_add)

    lst = esub.add_parser("list", help="list events, newest first, with attendance")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_events_list)

    show = esub.add_parser("show", help="one event and its numbers")
    show.add_argument("id", metavar="ID")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_events_show)

    rsvp = esub.add_parser("rsvp", help="put people on an event's RSVP list")
    rsvp.add_argument("id", metavar="ID")
    rsvp.add_argument("person_ids", nargs="+", metavar="PERSON_ID")
    rsvp.set_defaults(handler=cmd_events_rsvp)

    export = esub.add_parser("export", help="export who came, as CSV or XLSX")
    export.add_argument("id", metavar="ID")
    export.add_argument("--out", required=True, type=Path, metavar="FILE")
    export.add_argument("--format", choices=["csv", "xlsx"],
                        help="default: from the file's ending")
    export.set_defaults(handler=cmd_events_export)

    # One parser for "signin EVENT PERSON", "signin EVENT --walk-in ..." and
    # "signin undo EVENT PERSON": the words are told apart by the handler.
    signin = sub.add_parser("signin", help="sign someone in to an event, or undo it",
                            usage=SIGNIN_USAGE)
    signin.add_argument("words", nargs="+", metavar="EVENT_ID PERSON_ID")
    signin.add_argument("--walk-in", action="store_true",
                        help="someone new: give --first-name and --last-name")
    signin.add_argument("--first-name")
    signin.add_argument("--last-name")
    signin.add_argument("--phone")
    signin.add_argument("--email")
    signin.add_argument("--organisation")
    signin.add_argument("--area", help="ward or area")
    signin.add_argument("--consent", metavar="CHANNELS",
                        help="consents given, e.g. email,sms (email, sms, whatsapp, phone)")
    signin.add_argument("--sign-petition", action="store_true",
                        help="also sign the event's petition")
    signin.add_argument("--desk", help="which desk takes it (default: this device's name)")
    signin.add_argument("--organiser", help="the organiser at the desk")
    signin.add_argument("--json", action="store_true")
    signin.set_defaults(handler=cmd_signin)
