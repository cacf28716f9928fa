"""``saypro org``: organisations, their pipeline stage, assessments, members and timeline."""

from __future__ import annotations

import argparse
from typing import Any

from saypro_desktop.cli.output import emit_json
from saypro_desktop.cli.people import parse_assignments
from saypro_desktop.domain.enums import (
    GovernmentLevel,
    MembershipRole,
    PipelineStage,
    Priority,
    StakeholderCategory,
)
from saypro_desktop.domain.organisations import focus_area_list, label_of, parse_choice
from saypro_desktop.domain.people import format_phone
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.organisations import OrganisationFilter
from saypro_desktop.services.organisations.records import SORT_COLUMNS
from saypro_desktop.services.timeline import parse_kinds


def _choice(enum: Any, value: str | None, field: str) -> str | None:
    return parse_choice(enum, value, field=field) if value else None


def cmd_list(app: AppServices, args: argparse.Namespace) -> int:
    flt = OrganisationFilter(
        search=args.search or "",
        category=_choice(StakeholderCategory, args.category, "category"),
        pipeline_stage=_choice(PipelineStage, args.stage, "stage"),
        priority=_choice(Priority, args.priority, "priority"),
        level=_choice(GovernmentLevel, args.level, "level"),
        region=args.region,
        sort=args.sort,
    )
    rows = app.organisations.search(flt, limit=args.limit)
    if args.json:
        emit_json([row.as_dict() for row in rows])
        return 0
    for row in rows:
        print("\t".join([row.id, row.name, label_of(StakeholderCategory, row.category),
                         label_of(PipelineStage, row.pipeline_stage), row.place]))
    return 0


def cmd_add(app: AppServices, args: argparse.Namespace) -> int:
    fields = {name: getattr(args, name) for name in
              ("name", "category", "email", "phone", "region", "city", "level", "website",
               "focus_areas", "priority")
              if getattr(args, name) is not None}
    if args.stage:
        fields["pipeline_stage"] = args.stage
    print(app.organisations.add(fields))
    return 0


_SHOWN_AS = {"category": StakeholderCategory, "level": GovernmentLevel, "priority": Priority,
             "pipeline_stage": PipelineStage}


def _shown(name: str, value: Any) -> str:
    if value is None:
        return "(empty)"
    if name in _SHOWN_AS:
        return label_of(_SHOWN_AS[name], value)
    if name == "phone":
        return format_phone(value)
    return str(value)


def cmd_set(app: AppServices, args: argparse.Namespace) -> int:
    diff = app.organisations.update(args.id, parse_assignments(args.assignments))
    for name, (old, new) in diff.items():
        print(f"{name}: {_shown(name, old)} → {_shown(name, new)}")
    if not diff:
        print("nothing changed")
    return 0


def cmd_show(app: AppServices, args: argparse.Namespace) -> int:
    summary = app.organisations.summary(args.id)
    detail = summary.detail
    data: dict[str, Any] = {
        "id": detail.id, **detail.fields, "pipeline_stage": detail.pipeline_stage,
        "phone_problem": detail.phone_problem,
        "created_at": detail.created_at, "updated_at": detail.updated_at,
        "members": [m.as_dict() for m in summary.members],
        "assessment": summary.assessment.as_dict() if summary.assessment else None,
        "assessments": [a.as_dict() for a in summary.assessments],
        "stage_history": [
            {"id": m.id, "from": m.from_stage, "to": m.to_stage,
             "moved_at": m.moved_at, "moved_by": m.moved_by, "note": m.note}
            for m in summary.stage_history
        ],
        "referrals": [r.as_dict() for r in summary.referrals],
    }
    if args.json:
        emit_json(data)
        return 0
    print(detail.name)
    for name in ("category", "level", "region", "city", "province", "pipeline_stage",
                 "priority", "email", "phone", "website", "address"):
        value = data.get(name)
        if value:
            print(f"  {name.replace('_', ' ').capitalize()}: {_shown(name, value)}")
    if detail.fields.get("focus_areas"):
        from saypro_desktop.domain.enums import FocusArea

        areas = [label_of(FocusArea, a) for a in focus_area_list(detail.fields["focus_areas"])]
        print(f"  Focus areas: {', '.join(areas)}")
    if detail.phone_problem:
        print(f"  ! Phone: {detail.phone_problem}")
    if summary.members:
        print("Members:")
        for m in summary.members:
            star = " (primary contact)" if m.is_primary else ""
            print(f"  {m.name}, {label_of(MembershipRole, m.role) or 'member'}{star}")
    if summary.assessment:
        a = summary.assessment
        print(f"Assessment ({a.assessed_on}): values {a.shared_values}/5, mission "
              f"{a.mission_alignment}/5, operations {a.operational_compatibility}/5, "
              f"{label_of(Priority, a.priority).lower() or 'no'} priority")
    if summary.stage_history:
        print("Pipeline:")
        for move in summary.stage_history:
            by = f" by {move.moved_by}" if move.moved_by else ""
            print(f"  {move.moved_at:%Y-%m-%d}  {move.summary}{by}")
    return 0


def cmd_stage(app: AppServices, args: argparse.Namespace) -> int:
    moved = app.organisations.move_stage(args.id, args.stage, note=args.note)
    if moved is None:
        print(f"already {label_of(PipelineStage, app.organisations.get(args.id).pipeline_stage)}")
    else:
        old, new = moved
        print(f"{label_of(PipelineStage, old) or '(none)'} → {label_of(PipelineStage, new)}")
    return 0


def cmd_assess(app: AppServices, args: argparse.Namespace) -> int:
    values = {name: getattr(args, name) for name in
              ("shared_values", "mission_alignment", "operational_compatibility",
               "shared_values_note", "mission_alignment_note", "operational_compatibility_note",
               "expected_impact", "priority", "strengths", "resources_offered", "notes",
               "assessed_on")
              if getattr(args, name) is not None}
    print(app.organisations.assess(args.id, values))
    return 0


def cmd_member(app: AppServices, args: argparse.Namespace) -> int:
    print(app.organisations.add_member(args.id, args.person, role=args.role, title=args.title,
                                       primary=args.primary))
    return 0


def cmd_timeline(app: AppServices, args: argparse.Namespace) -> int:
    from saypro_desktop.services.timeline import ALL_KINDS

    kinds = parse_kinds(args.kind) if args.kind else ALL_KINDS
    entries = app.organisations.timeline(args.id, kinds, limit=args.limit)
    if args.json:
        emit_json([e.as_dict() for e in entries])
        return 0
    for e in entries:
        print(f"{e.when:%Y-%m-%d %H:%M}  {e.kind.label:<15} {e.title}"
              + (f" — {e.detail}" if e.detail else ""))
    return 0


def cmd_delete(app: AppServices, args: argparse.Namespace) -> int:
    name = app.organisations.get(args.id).name
    app.organisations.delete(args.id)
    print(f"deleted {name}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    org = sub.add_parser("org", help="organisations: list, add, edit, pipeline stage, assess")
    osub = org.add_subparsers(dest="action", required=True)

    lst = osub.add_parser("list", help="list organisations (optionally searching)")
    lst.add_argument("--search", help="words to find in names, emails, phones, places")
    lst.add_argument("--category")
    lst.add_argument("--stage", help="only this pipeline stage")
    lst.add_argument("--priority")
    lst.add_argument("--level", help="local, provincial or national")
    lst.add_argument("--region")
    lst.add_argument("--sort", default="name", choices=sorted(SORT_COLUMNS))
    lst.add_argument("--limit", type=int, default=None)
    lst.add_argument("--json", action="store_true", help="a JSON array, one object each")
    lst.set_defaults(handler=cmd_list)

    add = osub.add_parser("add", help="add an organisation; prints the new id")
    add.add_argument("--name", required=True)
    for name in ("category", "email", "phone", "region", "city", "level", "website",
                 "priority", "stage"):
        add.add_argument(f"--{name}")
    add.add_argument("--focus-areas", dest="focus_areas", help="comma-separated")
    add.set_defaults(handler=cmd_add)

    set_ = osub.add_parser("set", help="edit: saypro org set ID region=Gauteng ...")
    set_.add_argument("id")
    set_.add_argument("assignments", nargs="+", metavar="FIELD=VALUE")
    set_.set_defaults(handler=cmd_set)

    show = osub.add_parser("show", help="one organisation, its members, assessment, pipeline")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)

    stage = osub.add_parser("stage", help="move along the pipeline (the move is kept)")
    stage.add_argument("id")
    stage.add_argument("stage")
    stage.add_argument("--note")
    stage.set_defaults(handler=cmd_stage)

    assess = osub.add_parser("assess", help="add a partnership assessment (history is kept)")
    assess.add_argument("id")
    for name in ("shared_values", "mission_alignment", "operational_compatibility",
                 "expected_impact"):
        assess.add_argument(f"--{name.replace('_', '-')}", dest=name, type=int,
                            metavar="1-5")
        if name != "expected_impact":
            assess.add_argument(f"--{name.replace('_', '-')}-note", dest=f"{name}_note")
    for name in ("priority", "strengths", "resources_offered", "notes", "assessed_on"):
        assess.add_argument(f"--{name.replace('_', '-')}", dest=name)
    assess.set_defaults(handler=cmd_assess)

    member = osub.add_parser("member", help="link a person to the organisation")
    member.add_argument("id")
    member.add_argument("person")
    member.add_argument("--role")
    member.add_argument("--title")
    member.add_argument("--primary", action="store_true", help="make them the primary contact")
    member.set_defaults(handler=cmd_member)

    timeline = osub.add_parser("timeline", help="everything that happened, newest first")
    timeline.add_argument("id")
    timeline.add_argument("--kind", action="append", help="only this kind (repeatable)")
    timeline.add_argument("--limit", type=int, default=200)
    timeline.add_argument("--json", action="store_true")
    timeline.set_defaults(handler=cmd_timeline)

    delete = osub.add_parser("delete", help="delete an organisation (syncs as a deletion)")
    delete.add_argument("id")
    delete.set_defaults(handler=cmd_delete)
