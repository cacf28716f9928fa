"""``saypro campaign``, ``objectives``, ``metrics`` and ``reforms``."""

from __future__ import annotations

import argparse

from saypro_desktop.cli.output import emit_json
from saypro_desktop.domain.enums import (
    CampaignPhase,
    GovernmentLevel,
    ObstacleKind,
    PolicymakerPosition,
    ReformStage,
)
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.services.campaigns import parse_date
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.metrics import FIGURES, KPIS


def cmd_campaign_add(app: AppServices, args: argparse.Namespace) -> int:
    print(app.campaigns.add(args.name, args.start, args.end, args.description))
    return 0


def cmd_campaign_phase(app: AppServices, args: argparse.Namespace) -> int:
    print(app.campaigns.add_phase(args.campaign_id, args.phase, args.start, args.end, args.name))
    return 0


def cmd_campaign_list(app: AppServices, args: argparse.Namespace) -> int:
    campaigns = app.campaigns.all()
    if args.json:
        emit_json([c.as_dict() for c in campaigns])
        return 0
    for c in campaigns:
        print("\t".join([c.id, c.name, str(c.starts_on or ""), str(c.ends_on or "")]))
    return 0


def cmd_objectives_add(app: AppServices, args: argparse.Namespace) -> int:
    print(app.campaigns.add_objective(args.campaign_id, args.kpi, args.target, args.deadline,
                                      args.title, args.phase))
    return 0


def cmd_objectives_list(app: AppServices, args: argparse.Namespace) -> int:
    app.campaigns.get(args.campaign_id)
    objectives = app.metrics.objectives(args.campaign_id)
    if args.json:
        emit_json([o.as_dict() for o in objectives])
        return 0
    for o in objectives:
        print(f"{o.title}\t{o.actual:g} of {o.target:g}\t{o.status_label}")
    return 0


def cmd_metrics(app: AppServices, args: argparse.Namespace) -> int:
    start = parse_date(args.start, field="--from") if args.start else None
    end = parse_date(args.end, field="--to") if args.end else None
    if args.phase and not args.campaign:
        raise ValidationError("--phase needs --campaign")
    rng = app.metrics.range_for(args.campaign, args.phase, start, end)
    data = app.metrics.snapshot(rng).as_json()
    if args.json:
        emit_json(data)
        return 0
    for key, figure in FIGURES.items():
        if key in data and not isinstance(data[key], dict):
            value = data[key]
            shown = f"{value:.0%}" if figure.unit == "ratio" else f"{value:,}"
            print(f"{figure.label}: {shown}")
    for objective in data["objectives"]:
        print(f"Objective {objective['title']}: {objective['actual']:g} of "
              f"{objective['target']:g} ({objective['status'].replace('_', ' ')})")
    return 0


def cmd_reforms_add(app: AppServices, args: argparse.Namespace) -> int:
    print(app.reforms.add(args.title, args.level, policy=args.policy,
                          campaign_id=args.campaign, stage=args.stage, on=args.on))
    return 0


def cmd_reforms_move(app: AppServices, args: argparse.Namespace) -> int:
    app.reforms.move(args.id, args.stage, on=args.on, note=args.note)
    print(f"moved to {ReformStage.read(args.stage) or args.stage}")
    return 0


def cmd_reforms_position(app: AppServices, args: argparse.Namespace) -> int:
    app.reforms.set_position(args.id, args.person_id, args.position, on=args.on, note=args.note)
    print(f"noted: {PolicymakerPosition.read(args.position) or args.position}")
    return 0


def cmd_reforms_link(app: AppServices, args: argparse.Namespace) -> int:
    app.reforms.link(args.id, args.kind, args.target_id)
    print(f"linked the {args.kind}")
    return 0


def cmd_reforms_unlink(app: AppServices, args: argparse.Namespace) -> int:
    app.reforms.unlink(args.id, args.kind, args.target_id)
    print(f"unlinked the {args.kind}")
    return 0


def cmd_reforms_obstacle(app: AppServices, args: argparse.Namespace) -> int:
    print(app.reforms.add_obstacle(args.id, args.kind, args.description,
                                   response=args.response, on=args.on))
    return 0


def cmd_reforms_next(app: AppServices, args: argparse.Namespace) -> int:
    app.reforms.set_next_action(args.id, args.action, args.due)
    print("next action set")
    return 0


def cmd_reforms_list(app: AppServices, args: argparse.Namespace) -> int:
    rows = app.reforms.overview(args.campaign)
    if args.json:
        emit_json([r.as_dict() for r in rows])
        return 0
    for r in rows:
        print("\t".join([r.id, r.title, r.stage, r.positions_text,
                         str(r.next_action_due or "")]))
    return 0


def cmd_reforms_show(app: AppServices, args: argparse.Namespace) -> int:
    detail = app.reforms.detail(args.id)
    if args.json:
        emit_json({**detail.row.as_dict(), "policy": detail.policy,
                   "timeline": [{"on": e.on.isoformat(), "kind": e.kind, "text": e.text}
                                for e in detail.timeline]})
        return 0
    print(detail.row.title)
    for entry in detail.timeline:
        print(f"{entry.on}\t{entry.text}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    camp = sub.add_parser("campaign", help="campaigns and their phases")
    csub = camp.add_subparsers(dest="action", required=True)
    add = csub.add_parser("add", help="add a campaign; prints its id")
    add.add_argument("--name", required=True)
    add.add_argument("--start", required=True, help="YYYY-MM-DD")
    add.add_argument("--end", required=True, help="YYYY-MM-DD")
    add.add_argument("--description")
    add.set_defaults(handler=cmd_campaign_add)
    phase = csub.add_parser("phase", help="add a phase to a campaign; prints its id")
    phase.add_argument("campaign_id")
    phase.add_argument("phase", help=", ".join(p.value for p in CampaignPhase))
    phase.add_argument("--start", required=True)
    phase.add_argument("--end", required=True)
    phase.add_argument("--name", help="a custom phase's name")
    phase.set_defaults(handler=cmd_campaign_phase)
    lst = csub.add_parser("list", help="list campaigns with their phases")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_campaign_list)

    obj = sub.add_parser("objectives", help="SMART objectives of a campaign")
    osub = obj.add_subparsers(dest="action", required=True)
    oadd = osub.add_parser("add", help="add an objective; prints its id")
    oadd.add_argument("campaign_id")
    oadd.add_argument("--kpi", required=True, help=", ".join(KPIS))
    oadd.add_argument("--target", required=True, help="a number (a rate as a percentage)")
    oadd.add_argument("--deadline", required=True, help="YYYY-MM-DD")
    oadd.add_argument("--title")
    oadd.add_argument("--phase", help=", ".join(p.value for p in CampaignPhase))
    oadd.set_defaults(handler=cmd_objectives_add)
    olist = osub.add_parser("list", help="a campaign's objectives with their progress")
    olist.add_argument("campaign_id")
    olist.add_argument("--json", action="store_true")
    olist.set_defaults(handler=cmd_objectives_list)

    met = sub.add_parser("metrics", help="every figure for a campaign, phase or date range")
    met.add_argument("--campaign", help="campaign id (its dates are the range)")
    met.add_argument("--phase", help="phase id within the campaign")
    met.add_argument("--from", dest="start", help="YYYY-MM-DD")
    met.add_argument("--to", dest="end", help="YYYY-MM-DD")
    met.add_argument("--json", action="store_true")
    met.set_defaults(handler=cmd_metrics)

    ref = sub.add_parser("reforms", help="the reform tracker")
    rsub = ref.add_subparsers(dest="action", required=True)
    radd = rsub.add_parser("add", help="add a reform or policy ask; prints its id")
    radd.add_argument("--title", required=True)
    radd.add_argument("--level", required=True, help=", ".join(g.value for g in GovernmentLevel))
    radd.add_argument("--policy")
    radd.add_argument("--campaign")
    radd.add_argument("--stage", default=ReformStage.IDEA.value,
                      help=", ".join(s.value for s in ReformStage))
    radd.add_argument("--on", help="date of the first stage (default today)")
    radd.set_defaults(handler=cmd_reforms_add)
    move = rsub.add_parser("move", help="move a reform to a stage")
    move.add_argument("id")
    move.add_argument("stage", help=", ".join(s.value for s in ReformStage))
    move.add_argument("--on", help="YYYY-MM-DD (default today)")
    move.add_argument("--note")
    move.set_defaults(handler=cmd_reforms_move)
    pos = rsub.add_parser("position", help="note a policymaker's position on a reform")
    pos.add_argument("id")
    pos.add_argument("person_id")
    pos.add_argument("position", help=", ".join(p.value for p in PolicymakerPosition))
    pos.add_argument("--on")
    pos.add_argument("--note")
    pos.set_defaults(handler=cmd_reforms_position)
    link = rsub.add_parser("link", help="link a meeting, concern or media item to a reform")
    link.add_argument("id")
    link.add_argument("kind", help="meeting, concern or media")
    link.add_argument("target_id")
    link.set_defaults(handler=cmd_reforms_link)
    unlink = rsub.add_parser("unlink", help="take a linked meeting, concern or media item off")
    unlink.add_argument("id")
    unlink.add_argument("kind", help="meeting, concern or media")
    unlink.add_argument("target_id")
    unlink.set_defaults(handler=cmd_reforms_unlink)
    obstacle = rsub.add_parser("obstacle", help="note an obstacle and how it is addressed")
    obstacle.add_argument("id")
    obstacle.add_argument("kind", help=", ".join(k.value for k in ObstacleKind))
    obstacle.add_argument("description")
    obstacle.add_argument("--response", help="how it is being addressed")
    obstacle.add_argument("--on")
    obstacle.set_defaults(handler=cmd_reforms_obstacle)
    nxt = rsub.add_parser("next", help="set a reform's next action and when it is due")
    nxt.add_argument("id")
    nxt.add_argument("action")
    nxt.add_argument("--due", help="YYYY-MM-DD")
    nxt.set_defaults(handler=cmd_reforms_next)
    rlist = rsub.add_parser("list", help="every reform: stage, positions, next action")
    rlist.add_argument("--campaign")
    rlist.add_argument("--json", action="store_true")
    rlist.set_defaults(handler=cmd_reforms_list)
    show = rsub.add_parser("show", help="a reform's history")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_reforms_show)
