"""``saypro sync``: set up, export, import, status, conflicts, revoke."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from saypro_desktop.cli.output import emit_json
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.services.context import AppServices


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


def cmd_sync_init(app: AppServices, args: argparse.Namespace) -> int:
    from saypro_desktop.services import sync_devices

    if args.office:
        device = sync_devices.init_office(app.db, args.name or "Office",
                                          key_passphrase=args.key_passphrase)
        print(f"this machine is now the office ({device})")
    else:
        data = Path(args.join).read_bytes()
        device = sync_devices.join(app.db, data, _passphrase(args, confirm=False),
                                   key_passphrase=args.key_passphrase)
        print(f"joined the coalition as {device}")
    print(_KEPT[sync_devices.keys_protection(app.db) or "keyfile"])
    return 0


_KEPT = {
    "passphrase": "this device's sync keys are locked with your passphrase",
    "keyring": "this device's sync keys are locked by the system keyring",
    "keyfile": "this device's sync keys are locked by a key file in your user settings "
               "(no keyring here; 'saypro sync protect-keys --passphrase' is stronger)",
}


def cmd_sync_protect_keys(app: AppServices, args: argparse.Namespace) -> int:
    from saypro_desktop.services import sync_devices

    passphrase = None
    if args.passphrase:
        passphrase = args.key_passphrase or os.environ.get("SAYPRO_PASSPHRASE")
        if not passphrase:
            if not sys.stdin.isatty():
                raise ValidationError("give the new passphrase with --key-passphrase or "
                                      "the SAYPRO_PASSPHRASE environment variable")
            passphrase = getpass.getpass("New passphrase for the sync keys: ")
            if getpass.getpass("Again: ") != passphrase:
                raise ValidationError("the two passphrases differ; nothing was changed")
    print(_KEPT[sync_devices.protect_keys(app.db, passphrase)])
    return 0


def cmd_sync_invite(app: AppServices, args: argparse.Namespace) -> int:
    from saypro_desktop.services import sync_devices

    device = sync_devices.invite(app.db, args.name, _passphrase(args, confirm=True), args.out)
    print(f"invitation for {args.name} ({device}) written to {args.out}")
    return 0


def cmd_sync_revoke(app: AppServices, args: argparse.Namespace) -> int:
    from saypro_desktop.services import sync_devices

    print(f"revoked {sync_devices.revoke(app.db, args.device)}; its bundles will be refused")
    return 0


def cmd_sync_export(app: AppServices, args: argparse.Namespace) -> int:
    from saypro_desktop.services.sync_files import export_bundle

    result = export_bundle(app.db, args.out, full=args.full)
    kind = "full snapshot" if result.full else "changes"
    print(f"{result.operations} {kind} written to {result.path} ({result.bytes:,} bytes)")
    return 0


def cmd_sync_import(app: AppServices, args: argparse.Namespace) -> int:
    from saypro_desktop.services.sync_files import import_files

    receipt = import_files(app.db, args.paths)
    if args.json:
        emit_json(receipt.as_dict())
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


def cmd_sync_status(app: AppServices, args: argparse.Namespace) -> int:
    from saypro_desktop.services.sync_files import sync_status

    status = sync_status(app.db)
    if args.json:
        emit_json(status.as_dict())
        return 0
    print(f"this device: {status.me} ({status.role}); {status.conflicts_open} conflicts open")
    for d in status.devices:
        flags = " (revoked)" if d.revoked else ""
        last = f"last bundle {d.last_bundle:%Y-%m-%d %H:%M}" if d.last_bundle else "no bundle yet"
        print(f"  {d.name}{flags}: {d.changes_held} changes held, {last}; "
              + ("; ".join(d.gaps) or "no gaps"))
    return 0


def cmd_sync_conflicts(app: AppServices, args: argparse.Namespace) -> int:
    from saypro_desktop.services.sync import list_conflicts

    conflicts = list_conflicts(app.db)
    if args.json:
        emit_json([c.as_dict() for c in conflicts])
        return 0
    if not conflicts:
        print("no conflicts")
    for c in conflicts:
        others = ", ".join(repr(o.value) for o in c.others)
        print(f"{c.table} {c.row_id} {c.field}: shown {c.shown.value!r}; also {others}")
    return 0


def cmd_sync_resolve(app: AppServices, args: argparse.Namespace) -> int:
    from saypro_desktop.services.sync import resolve_conflict

    try:
        value: Any = json.loads(args.value) if args.json_value else args.value
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"--json-value: {args.value!r} is not JSON ({exc.msg} at character {exc.pos}); "
            "write text as '\"Soweto\"', numbers as 42, empty as null") from None
    resolve_conflict(app.db, args.table, args.id, args.field, value)
    print("resolved")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sync = sub.add_parser("sync", help="exchange changes with the office by file")
    ssub = sync.add_subparsers(dest="action", required=True)
    init = ssub.add_parser("init", help="set this machine up as the office, or join")
    how = init.add_mutually_exclusive_group(required=True)
    how.add_argument("--office", action="store_true", help="found the coalition here")
    how.add_argument("--join", metavar="INVITATION", help="join with an invitation file")
    init.add_argument("--name", help="this device's name (office only)")
    init.add_argument("--passphrase", help="the invitation's passphrase (or SAYPRO_PASSPHRASE)")
    init.add_argument("--key-passphrase",
                      help="lock this device's keys with a passphrase (default: the keyring)")
    init.set_defaults(handler=cmd_sync_init)

    keys = ssub.add_parser("protect-keys", help="choose what locks this device's sync keys")
    keys.add_argument("--passphrase", action="store_true",
                      help="a passphrase (asked, or --key-passphrase / SAYPRO_PASSPHRASE)")
    keys.add_argument("--key-passphrase", help=argparse.SUPPRESS)
    keys.set_defaults(handler=cmd_sync_protect_keys)

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
    imp.add_argument("--json", action="store_true",
                     help="print the receipt as one JSON object: per file its status and "
                          "counts, and the totals")
    imp.set_defaults(handler=cmd_sync_import)

    status = ssub.add_parser("status", help="per device: changes held, gaps, last bundle")
    status.add_argument("--json", action="store_true",
                        help="print one JSON object: this device and an array of devices with "
                             "changes held, gaps and last bundle")
    status.set_defaults(handler=cmd_sync_status)

    conf = ssub.add_parser("conflicts", help="fields changed on two devices at once")
    conf.add_argument("--json", action="store_true",
                      help="print a JSON array with one object per conflict (table, row, field, "
                           "the value shown and the others)")
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
