"""``saypro import`` and ``saypro export``: contacts, organisations and calendars as files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from saypro_desktop.cli.output import emit_json
from saypro_desktop.services.context import AppServices

if TYPE_CHECKING:
    from saypro_desktop.services.imports import ImportReport


def cmd_import(app: AppServices, args: argparse.Namespace) -> int:
    from saypro_desktop.services.imports import (
        BadRowsError,
        plan_import,
        run_import,
        summarise,
    )

    plan = plan_import(app.db, args.file, kind=args.kind, mapping_name=args.mapping,
                       event_id=args.event)
    if args.save_mapping:
        from saypro_desktop.services.imports import save_mapping

        save_mapping(app.db, args.save_mapping, plan)
    try:
        report = run_import(app.db, plan, on_bad_rows="skip" if args.skip_bad_rows else "cancel",
                            dry_run=args.dry_run)
    except BadRowsError as exc:
        _write_report(app, exc.report, args.report)
        if args.json:
            emit_json({"file": str(args.file), "source": plan.source, "kind": plan.kind,
                        "refused": True, **exc.report.as_dict()})
        else:
            for line in summarise(exc.report.errors):
                print(line)
        print(f"saypro: {exc} (--skip-bad-rows)", file=sys.stderr)
        return 1
    _write_report(app, report, args.report)
    if args.json:
        emit_json({"file": str(args.file), "source": plan.source, "kind": plan.kind,
                    "refused": False, **report.as_dict()})
        return 0
    if plan.kind != args.kind:
        print(f"{plan.path.name}: imported as {plan.kind}, not {args.kind}"
              + (f" ({plan.warnings[0]})" if plan.warnings else ""))
    print(f"{plan.path.name} ({plan.source}, {report.total_rows} rows): "
          f"{report.created} created, {report.updated} updated, {report.merged} merged, "
          f"{report.queued_duplicates} possible duplicates queued, {report.unchanged} "
          f"already here, {len(report.skipped)} skipped"
          + (" (dry run: nothing was written)" if report.dry_run else ""))
    if report.skipped:
        print("rows left out:")
        for line in summarise(report.skipped):
            print(f"  {line}")
    if report.warnings:
        print("values left out of imported rows:")
        for line in summarise(report.warnings):
            print(f"  {line}")
    if args.report:
        print(f"the full report is in {args.report}")
    return 0


def _write_report(app: AppServices, report: ImportReport, out: Path | None) -> None:
    if out is not None:
        from saypro_desktop.services.imports import write_report
        from saypro_desktop.services.written_files import note_written_file

        write_report(report, out)
        note_written_file(app.db, out, "import report")


def cmd_export_people(app: AppServices, args: argparse.Namespace) -> int:
    from saypro_desktop.services.exports import export_people

    count = export_people(app.db, args.out, args.format, consent_channel=args.consent,
                          include_organisations=args.with_organisations)
    print(f"{count} people written to {args.out}")
    return 0


def cmd_export_organisations(app: AppServices, args: argparse.Namespace) -> int:
    from saypro_desktop.services.exports import export_organisations

    count = export_organisations(app.db, args.out, args.format)
    print(f"{count} organisations written to {args.out}")
    return 0


def cmd_export_calendar(app: AppServices, args: argparse.Namespace) -> int:
    from saypro_desktop.services.exports import export_calendar

    count = export_calendar(app.db, args.out)
    print(f"{count} meetings and events written to {args.out}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    imp_file.add_argument("--json", action="store_true",
                          help="print the report as one JSON object (counts, and the rows "
                               "skipped, refused or with values left out)")
    imp_file.add_argument("--report", type=Path, metavar="FILE",
                          help="also write every problem, row by row, to FILE as CSV")
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
