"""``saypro people``: list, add, edit, delete and erase people."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from saypro_desktop.cli.output import emit_json
from saypro_desktop.domain.enums import PipelineStage, StakeholderCategory
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.domain.people import PERSON_FIELDS
from saypro_desktop.services import people
from saypro_desktop.services.context import AppServices


def _known(value: str | None, enum: type[StrEnum], option: str) -> str | None:
    """A filter value that exists, or one line listing the ones that do."""
    if value is None or value in {m.value for m in enum}:
        return value
    raise ValidationError(f"{option}: no such value '{value}'; choose one of "
                          + ", ".join(m.value for m in enum))


def cmd_people_list(app: AppServices, args: argparse.Namespace) -> int:
    _known(args.category, StakeholderCategory, "--category")
    _known(args.stage, PipelineStage, "--stage")
    flt = people.PeopleFilter(
        search=args.search or "",
        category=args.category,
        pipeline_stage=args.stage,
        sort=args.sort,
    )
    rows = app.people.search(flt, limit=args.limit)
    if args.json:
        emit_json([row.as_dict() for row in rows])
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


def cmd_people_add(app: AppServices, args: argparse.Namespace) -> int:
    print(app.people.add(_person_fields_from_args(args)))
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


def cmd_people_set(app: AppServices, args: argparse.Namespace) -> int:
    diff = app.people.update(args.id, parse_assignments(args.assignments))
    for name, (old, new) in diff.items():
        print(f"{name}: {old!r} -> {new!r}")
    if not diff:
        print("nothing changed")
    return 0


def cmd_people_show(app: AppServices, args: argparse.Namespace) -> int:
    detail = app.people.get(args.id)
    data = {
        "id": detail.id,
        **detail.fields,
        "organisation": detail.organisation,
        "tags": detail.tags,
        "created_at": detail.created_at,
        "updated_at": detail.updated_at,
    }
    if args.json:
        emit_json(data)
    else:
        for key, value in data.items():
            if value not in (None, [], ""):
                print(f"{key}: {value}")
    return 0


def cmd_people_delete(app: AppServices, args: argparse.Namespace) -> int:
    app.people.delete(args.id)
    print(f"deleted {args.id}")
    return 0


def cmd_people_erase(app: AppServices, args: argparse.Namespace) -> int:
    report = app.people.erase(args.id)
    print(f"erased the personal data of {args.id} here and in {report.backups_scrubbed} "
          "backup(s); other devices erase it when they sync")
    if report.files_to_check:
        print("files this app wrote earlier may still hold them; delete those you no longer "
              "need:")
        for written in report.files_to_check:
            print(f"  {written.path} ({written.what}, {written.written_at:%Y-%m-%d %H:%M})")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ppl = sub.add_parser("people", help="list, add, edit and delete people")
    psub = ppl.add_subparsers(dest="action", required=True)

    lst = psub.add_parser("list", help="list people (optionally searching)")
    lst.add_argument("--search", help="words to find in names, emails, phones, organisations")
    lst.add_argument("--category", help="only this stakeholder category")
    lst.add_argument("--stage", help="only this pipeline stage")
    lst.add_argument("--sort", default="name", choices=sorted(people.SORT_COLUMNS))
    lst.add_argument("--limit", type=int, default=None)
    lst.add_argument("--json", action="store_true",
                     help="print a JSON array with one object per person (id, names, email, "
                          "phone, organisation, category, pipeline_stage, city)")
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
    show.add_argument("--json", action="store_true",
                      help="print one JSON object: every field, organisation, tags, created_at, "
                           "updated_at")
    show.set_defaults(handler=cmd_people_show)

    delete = psub.add_parser("delete", help="delete a person (syncs as a deletion)")
    delete.add_argument("id")
    delete.set_defaults(handler=cmd_people_delete)

    erase = psub.add_parser("erase", help="erase a person's personal data here and everywhere")
    erase.add_argument("id")
    erase.set_defaults(handler=cmd_people_erase)
