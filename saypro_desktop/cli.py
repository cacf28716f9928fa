"""``saypro``: the headless twin of the app, driving the same services from a terminal.

Errors print one line to stderr and exit 1; output meant for scripts is JSON.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from saypro_desktop import __version__
from saypro_desktop.db.engine import Database
from saypro_desktop.domain.errors import SayProError, ValidationError
from saypro_desktop.domain.people import PERSON_FIELDS
from saypro_desktop.services import people
from saypro_desktop.services.workspace import default_database_path, open_workspace

Handler = Callable[[Database, argparse.Namespace], int]


def _emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


# --- demo ---------------------------------------------------------------------------------


def cmd_demo(db: Database, args: argparse.Namespace) -> int:
    from saypro_desktop.services.demo import fill_demo

    def progress(done: int, total: int) -> bool:
        if sys.stderr.isatty():
            sys.stderr.write(f"\rcreating demo data: {done * 100 // max(total, 1):3d}%")
            sys.stderr.flush()
        return True

    summary = fill_demo(db, args.people, seed=args.seed, progress=progress)
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    counts = asdict(summary)
    print(", ".join(f"{value} {name.replace('_', ' ')}" for name, value in counts.items()))
    return 0


# --- people -------------------------------------------------------------------------------


def cmd_people_list(db: Database, args: argparse.Namespace) -> int:
    flt = people.PeopleFilter(
        search=args.search or "",
        category=args.category,
        pipeline_stage=args.stage,
        sort=args.sort,
    )
    rows = people.search_people(db, flt, limit=args.limit)
    if args.json:
        _emit_json([row.as_dict() for row in rows])
        return 0
    for row in rows:
        print(
            "\t".join([row.id, row.name, row.email or "", row.phone or "", row.organisation or ""])
        )
    return 0


def _person_fields_from_args(args: argparse.Namespace) -> dict[str, Any]:
    return {
        name: getattr(args, name) for name in PERSON_FIELDS if getattr(args, name, None) is not None
    }


def cmd_people_add(db: Database, args: argparse.Namespace) -> int:
    print(people.add_person(db, _person_fields_from_args(args)))
    return 0


def parse_assignments(pairs: Sequence[str]) -> dict[str, str | None]:
    changes: dict[str, str | None] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise ValidationError(
                f"'{pair}' is not FIELD=VALUE (e.g. city=Soweto; city= clears it)"
            )
        changes[name.strip()] = value if value != "" else None
    return changes


def cmd_people_set(db: Database, args: argparse.Namespace) -> int:
    diff = people.update_person(db, args.id, parse_assignments(args.assignments))
    for name, (old, new) in diff.items():
        print(f"{name}: {old!r} -> {new!r}")
    if not diff:
        print("nothing changed")
    return 0


def cmd_people_show(db: Database, args: argparse.Namespace) -> int:
    detail = people.get_person(db, args.id)
    data = {
        "id": detail.id,
        **detail.fields,
        "organisation": detail.organisation,
        "tags": detail.tags,
        "created_at": detail.created_at,
        "updated_at": detail.updated_at,
    }
    if args.json:
        _emit_json(data)
    else:
        for key, value in data.items():
            if value not in (None, [], ""):
                print(f"{key}: {value}")
    return 0


def cmd_people_delete(db: Database, args: argparse.Namespace) -> int:
    people.delete_person(db, args.id)
    print(f"deleted {args.id}")
    return 0


def cmd_people_erase(db: Database, args: argparse.Namespace) -> int:
    from saypro_desktop.services.sync import erase_person

    erase_person(db, args.id)
    print(f"erased the personal data of {args.id}; other devices erase it when they sync")
    return 0


# --- sync ---------------------------------------------------------------------------------


def _passphrase(args: argparse.Namespace, *, confirm: bool) -> str:
    if args.passphrase:
        return str(args.passphrase)
    env = os.environ.get("SAYPRO_PASSPHRASE")
    if env:
        return env
    if not sys.stdin.isatty():
        raise ValidationError("give the invitation passphrase with --passphrase or "
                              "the SAYPRO_PASSPHRASE environment variable")
    first = getpass.getpass("Invitation passphrase: ")
    if confirm and getpass.getpass("Again: ") != first:
        raise ValidationError("the two passphrases differ; nothing was written")
    return first


def cmd_sync_init(db: Database, args: argparse.Namespace) -> int:
    from saypro_desktop.services import sync_devices

    if args.office:
        device = sync_devices.init_office(db, args.name or "Office")
        print(f"this machine is now the office ({device})")
    else:
        data = Path(args.join).read_bytes()
        device = sync_devices.join(db, data, _passphrase(args, confirm=False))
        print(f"joined the coalition as {device}")
    return 0


def cmd_sync_invite(db: Database, args: argparse.Namespace) -> int:
    from saypro_desktop.services import sync_devices

    device = sync_devices.invite(db, args.name, _passphrase(args, confirm=True), args.out)
    print(f"invitation for {args.name} ({device}) written to {args.out}")
    return 0


def cmd_sync_revoke(db: Database, args: argparse.Namespace) -> int:
    from saypro_desktop.services import sync_devices

    print(f"revoked {sync_devices.revoke(db, args.device)}; its bundles will be refused")
    return 0


def cmd_sync_export(db: Database, args: argparse.Namespace) -> int:
    from saypro_desktop.services.sync_files import export_bundle

    result = export_bundle(db, args.out, full=args.full)
    kind = "full snapshot" if result.full else "changes"
    print(f"{result.operations} {kind} written to {result.path} ({result.bytes:,} bytes)")
    return 0


def cmd_sync_import(db: Database, args: argparse.Namespace) -> int:
    from saypro_desktop.services.sync_files import import_files

    receipt = import_files(db, args.paths)
    if args.json:
        _emit_json(receipt.as_dict())
    else:
        for report in receipt.files:
            print(f"{report.path.name}: {report.status}: {report.message}")
        print(f"{receipt.applied} changes applied, {receipt.conflicts_open} conflicts open")
        for line in receipt.missing:
            print(line)
    if receipt.refused:
        for report in receipt.files:
            if report.status == "refused":
                print(f"saypro: {report.path.name}: {report.message}", file=sys.stderr)
        return 1
    return 0


def cmd_sync_status(db: Database, args: argparse.Namespace) -> int:
    from saypro_desktop.services.sync_files import sync_status

    status = sync_status(db)
    if args.json:
        _emit_json(status.as_dict())
        return 0
    print(f"this device: {status.me} ({status.role}); {status.conflicts_open} conflicts open")
    for d in status.devices:
        flags = " (revoked)" if d.revoked else ""
        last = f"last bundle {d.last_bundle:%Y-%m-%d %H:%M}" if d.last_bundle else "no bundle yet"
        print(f"  {d.name}{flags}: {d.changes_held} changes held, {last}; "
              + ("; ".join(d.gaps) or "no gaps"))
    return 0


def cmd_sync_conflicts(db: Database, args: argparse.Namespace) -> int:
    from saypro_desktop.services.sync import list_conflicts

    conflicts = list_conflicts(db)
    if args.json:
        _emit_json([c.as_dict() for c in conflicts])
        return 0
    if not conflicts:
        print("no conflicts")
    for c in conflicts:
        others = ", ".join(repr(o.value) for o in c.others)
        print(f"{c.table} {c.row_id} {c.field}: shown {c.shown.value!r}; also {others}")
    return 0


def cmd_sync_resolve(db: Database, args: argparse.Namespace) -> int:
    from saypro_desktop.services.sync import resolve_conflict

    value: Any = json.loads(args.value) if args.json_value else args.value
    resolve_conflict(db, args.table, args.id, args.field, value)
    print("resolved")
    return 0


# --- import / export ----------------------------------------------------------------------


def cmd_import(db: Database, args: argparse.Namespace) -> int:
    from saypro_desktop.services.imports import BadRowsError, plan_import, run_import

    plan = plan_import(db, args.file, kind=args.kind, mapping_name=args.mapping,
                       event_id=args.event)
    if args.save_mapping:
        from saypro_desktop.services.imports import save_mapping

        save_mapping(db, args.save_mapping, plan)
    try:
        report = run_import(db, plan, on_bad_rows="skip" if args.skip_bad_rows else "cancel",
                            dry_run=args.dry_run)
    except BadRowsError as exc:
        if args.json:
            _emit_json({"file": str(args.file), "source": plan.source, "kind": plan.kind,
                        "refused": True, **exc.report.as_dict()})
        else:
            for problem in exc.report.errors:
                print(f"row {problem.row}: {problem.message}")
        print(f"saypro: {exc} (--skip-bad-rows)", file=sys.stderr)
        return 1
    if args.json:
        _emit_json({"file": str(args.file), "source": plan.source, "kind": plan.kind,
                    "refused": False, **report.as_dict()})
        return 0
    verb = "would be" if report.dry_run else "were"
    if plan.kind != args.kind:
        print(f"{plan.path.name}: imported as {plan.kind}, not {args.kind}"
              + (f" ({plan.warnings[0]})" if plan.warnings else ""))
    print(f"{plan.path.name} ({plan.source}, {report.total_rows} rows): "
          f"{report.created} created, {report.updated} updated, {report.merged} merged, "
          f"{report.queued_duplicates} possible duplicates queued, {report.unchanged} "
          f"already here, {len(report.skipped)} skipped"
          + (" (dry run: nothing was written)" if report.dry_run else ""))
    for problem in report.skipped:
        print(f"  skipped row {problem.row}: {problem.message}")
    for problem in report.warnings:
        print(f"  row {problem.row}: {problem.message} ({verb} left out)")
    return 0


def cmd_export_people(db: Database, args: argparse.Namespace) -> int:
    from saypro_desktop.services.exports import export_people

    count = export_people(db, args.out, args.format, consent_channel=args.consent,
                          include_organisations=args.with_organisations)
    print(f"{count} people written to {args.out}")
    return 0


def cmd_export_organisations(db: Database, args: argparse.Namespace) -> int:
    from saypro_desktop.services.exports import export_organisations

    count = export_organisations(db, args.out, args.format)
    print(f"{count} organisations written to {args.out}")
    return 0


def cmd_export_calendar(db: Database, args: argparse.Namespace) -> int:
    from saypro_desktop.services.exports import export_calendar

    count = export_calendar(db, args.out)
    print(f"{count} meetings and events written to {args.out}")
    return 0


# --- parser -------------------------------------------------------------------------------


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

    demo = sub.add_parser("demo", help="fill the database with realistic demo data")
    demo.add_argument("--people", type=int, default=1500, help="how many people (default 1500)")
    demo.add_argument("--seed", type=int, default=7, help="same seed, same data")
    demo.set_defaults(handler=cmd_demo)

    ppl = sub.add_parser("people", help="list, add, edit and delete people")
    psub = ppl.add_subparsers(dest="action", required=True)

    lst = psub.add_parser("list", help="list people (optionally searching)")
    lst.add_argument("--search", help="words to find in names, emails, phones, organisations")
    lst.add_argument("--category", help="only this stakeholder category")
    lst.add_argument("--stage", help="only this pipeline stage")
    lst.add_argument("--sort", default="name", choices=sorted(people.SORT_COLUMNS))
    lst.add_argument("--limit", type=int, default=None)
    lst.add_argument("--json", action="store_true", help="one JSON object per person")
    lst.set_defaults(handler=cmd_people_list)

    add = psub.add_parser("add", help="add a person; prints the new id")
    for name in PERSON_FIELDS:
        add.add_argument(f"--{name.replace('_', '-')}", dest=name)
    add.set_defaults(handler=cmd_people_add)

    set_ = psub.add_parser("set", help="edit a person: saypro people set ID city=Soweto ...")
    set_.add_argument("id")
    set_.add_argument("assignments", nargs="+", metavar="FIELD=VALUE")
    set_.set_defaults(handler=cmd_people_set)

    show = psub.add_parser("show", help="show one person")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_people_show)

    delete = psub.add_parser("delete", help="delete a person (syncs as a deletion)")
    delete.add_argument("id")
    delete.set_defaults(handler=cmd_people_delete)

    erase = psub.add_parser("erase", help="erase a person's personal data here and everywhere")
    erase.add_argument("id")
    erase.set_defaults(handler=cmd_people_erase)

    sync = sub.add_parser("sync", help="exchange changes with the office by file")
    ssub = sync.add_subparsers(dest="action", required=True)
    init = ssub.add_parser("init", help="set this machine up as the office, or join")
    how = init.add_mutually_exclusive_group(required=True)
    how.add_argument("--office", action="store_true", help="found the coalition here")
    how.add_argument("--join", metavar="INVITATION", help="join with an invitation file")
    init.add_argument("--name", help="this device's name (office only)")
    init.add_argument("--passphrase", help="the invitation's passphrase (or SAYPRO_PASSPHRASE)")
    init.set_defaults(handler=cmd_sync_init)

    inv = ssub.add_parser("invite", help="make an invitation file for a new laptop")
    inv.add_argument("name")
    inv.add_argument("--out", type=Path, required=True)
    inv.add_argument("--passphrase", help="protects the file (or SAYPRO_PASSPHRASE)")
    inv.set_defaults(handler=cmd_sync_invite)

    exp = ssub.add_parser("export", help="write a bundle of changes for the other devices")
    exp.add_argument("--out", type=Path, required=True, help="a file, or a folder (USB stick)")
    exp.add_argument("--full", action="store_true", help="everything, not only what is new")
    exp.set_defaults(handler=cmd_sync_export)

    imp = ssub.add_parser("import", help="import bundle files or folders of them")
    imp.add_argument("paths", nargs="+", type=Path)
    imp.add_argument("--json", action="store_true", help="print the receipt as JSON")
    imp.set_defaults(handler=cmd_sync_import)

    status = ssub.add_parser("status", help="per device: changes held, gaps, last bundle")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=cmd_sync_status)

    conf = ssub.add_parser("conflicts", help="fields changed on two devices at once")
    conf.add_argument("--json", action="store_true")
    conf.set_defaults(handler=cmd_sync_conflicts)

    res = ssub.add_parser("resolve", help="settle a conflict with one value")
    res.add_argument("table")
    res.add_argument("id")
    res.add_argument("field")
    res.add_argument("value")
    res.add_argument("--json-value", action="store_true", help="VALUE is JSON (true, null...)")
    res.set_defaults(handler=cmd_sync_resolve)

    rev = ssub.add_parser("revoke", help="refuse a lost laptop's bundles from now on")
    rev.add_argument("device", help="device id or name")
    rev.set_defaults(handler=cmd_sync_revoke)

    imp_file = sub.add_parser(
        "import", help="import contacts or organisations (CSV, XLSX, vCard) or a calendar "
                       "(.ics, or CSV from Outlook); prints a report")
    imp_file.add_argument("file", type=Path)
    imp_file.add_argument("--kind", default="people",
                          choices=["people", "attendees", "organisations", "calendar"],
                          help="attendees also signs everyone in at --event; a Salesforce "
                               "account extract or a calendar CSV is recognised by itself")
    imp_file.add_argument("--event", help="the event id (for --kind attendees)")
    imp_file.add_argument("--mapping", help="apply a saved column mapping by name")
    imp_file.add_argument("--save-mapping", metavar="NAME",
                          help="save the column mapping used under NAME")
    imp_file.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    imp_file.add_argument("--skip-bad-rows", action="store_true",
                          help="leave out rows that cannot be understood instead of refusing")
    imp_file.add_argument("--json", action="store_true", help="print the report as JSON")
    imp_file.set_defaults(handler=cmd_import)

    exp_file = sub.add_parser("export", help="export people, organisations or the calendar")
    esub = exp_file.add_subparsers(dest="action", required=True)
    exp_people = esub.add_parser("people", help="people as CSV, XLSX or vCard 3.0")
    exp_people.add_argument("--format", default="csv", choices=["csv", "xlsx", "vcf"])
    exp_people.add_argument("--out", type=Path, required=True)
    exp_people.add_argument("--consent", metavar="CHANNEL",
                            help="only people who agreed to this channel (email, sms, ...)")
    exp_people.add_argument("--with-organisations", action="store_true",
                            help="also write NAME-organisations beside the file")
    exp_people.set_defaults(handler=cmd_export_people)
    exp_orgs = esub.add_parser("organisations", help="organisations as CSV or XLSX")
    exp_orgs.add_argument("--format", default="csv", choices=["csv", "xlsx"])
    exp_orgs.add_argument("--out", type=Path, required=True)
    exp_orgs.set_defaults(handler=cmd_export_organisations)
    exp_cal = esub.add_parser("calendar", help="meetings and events as an .ics calendar")
    exp_cal.add_argument("--out", type=Path, required=True)
    exp_cal.set_defaults(handler=cmd_export_calendar)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    path: Path = args.db or default_database_path()
    db: Database | None = None
    try:
        db = open_workspace(path)
        handler: Handler = args.handler
        return handler(db, args)
    except SayProError as exc:
        print(f"saypro: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"saypro: {exc.strerror or exc} ({exc.filename or path})", file=sys.stderr)
        return 1
    finally:
        if db is not None:
            db.dispose()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
