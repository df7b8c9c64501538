"""``webdesk form`` (the printable official request form) and ``webdesk workstation``
(shared-PC mode for this PC).  desktop.cli imports this module and calls the registrars."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from typing import TextIO

from desktop.domain.errors import NotFound
from desktop.paths import AppPaths


def _request_id(ctx, text: str) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from desktop.store.models import RequestRow

    if text.isdigit():
        return int(text)
    with ctx.db.read() as session:
        found = session.execute(select(RequestRow.id)
                                .where(RequestRow.reference == text.strip())).scalar()
    if found is None:
        raise NotFound("request_not_found", request_id=text)
    return int(found)


def form_command(args: argparse.Namespace, lang: str, stdin: TextIO, stdout: TextIO) -> int:
    from desktop.services.context import AppContext
    from desktop.services.official_form import write_request_form

    ctx = AppContext.open(AppPaths.resolve(args.home, args.database), lang=lang)
    try:
        target = write_request_form(ctx, _request_id(ctx, args.request), args.out)
    finally:
        ctx.close()
    print(f"wrote {target}", file=stdout)
    return 0


def workstation_command(args: argparse.Namespace, lang: str, stdin: TextIO,
                        stdout: TextIO) -> int:
    from desktop.services.workstation import load_workstation_settings, save_workstation_settings

    paths = AppPaths.resolve(args.home, args.database)
    settings = load_workstation_settings(paths)
    if args.shared_pc is not None:
        settings = replace(settings, shared_pc=args.shared_pc == "on")
    if args.idle_minutes is not None:
        settings = replace(settings, idle_lock_seconds=max(args.idle_minutes, 0.1) * 60)
    if args.shared_pc is not None or args.idle_minutes is not None:
        save_workstation_settings(paths, settings)
    print(f"shared_pc={'on' if settings.shared_pc else 'off'} "
          f"idle_minutes={settings.idle_lock_seconds / 60:g}", file=stdout)
    return 0


def _read_secret(stdin: TextIO) -> str:
    return stdin.readline().rstrip("\r\n")


def _step_spec(number: int, text: str):  # type: ignore[no-untyped-def]  # -> ApprovalStep
    """``"หัวหน้ากลุ่มงาน|Head of group|head,deputy"`` (users empty: any approver)."""
    from desktop.domain.messages import Localized
    from desktop.services.approval_chain import ApprovalStep

    parts = [p.strip() for p in text.split("|")]
    thai = parts[0] if parts and parts[0] else "ผู้อนุมัติ"
    english = parts[1] if len(parts) > 1 and parts[1] else thai
    users = tuple(u.strip() for u in parts[2].split(",") if u.strip()) if len(parts) > 2 else ()
    return ApprovalStep(number, Localized(thai, english), users)


def approval_command(args: argparse.Namespace, lang: str, stdin: TextIO,
                     stdout: TextIO) -> int:
    from desktop.services import auth
    from desktop.services.approval_chain import chain_for, set_chain
    from desktop.services.context import AppContext
    from desktop.services.signoff import SIGNATURE_SETTING, set_signature_required

    ctx = AppContext.open(AppPaths.resolve(args.home, args.database), lang=lang)
    try:
        if args.approval_command == "show":
            codes = [args.category] if args.category else [
                c.code for c in ctx.catalogue.categories]
            for code in codes:
                steps = chain_for(ctx, code)
                text = " → ".join(f"{s.number}. {s.title.text(lang)}"
                                  f"{' (' + ', '.join(s.usernames) + ')' if s.usernames else ''}"
                                  for s in steps)
                print(f"{code}\t{text}", file=stdout)
            required = bool(ctx.setting(SIGNATURE_SETTING, False))
            print(f"signature_required={'on' if required else 'off'}", file=stdout)
            return 0
        admin = auth.sign_in(ctx, args.admin, _read_secret(stdin))
        if args.approval_command == "set-chain":
            new_steps = [_step_spec(i, t) for i, t in enumerate(args.step or [], start=1)]
            set_chain(ctx, admin, args.category, new_steps)
            print(f"{args.category}: {len(new_steps) or 1} step(s)", file=stdout)
            return 0
        set_signature_required(ctx, admin, args.state == "on")
        print(f"signature_required={args.state}", file=stdout)
        return 0
    finally:
        ctx.close()


def register(sub: argparse._SubParsersAction) -> None:
    form = sub.add_parser("form", help="print the official request form of a request as PDF")
    form.add_argument("request", metavar="REQUEST_ID", help="request id or reference")
    form.add_argument("--out", required=True, help="the PDF file to write")
    form.set_defaults(handler=form_command)
    station = sub.add_parser("workstation", help="this PC's settings (shared-PC mode)")
    station.add_argument("--shared-pc", choices=("on", "off"))
    station.add_argument("--idle-minutes", type=float)
    station.set_defaults(handler=workstation_command)
    approval = sub.add_parser("approval", help="approval chains and signatures (admin)")
    ap_sub = approval.add_subparsers(dest="approval_command", required=True)
    show = ap_sub.add_parser("show", help="print the approval chain of each category")
    show.add_argument("--category")
    chain = ap_sub.add_parser("set-chain", help="set a category's chain; no --step: default")
    chain.add_argument("category")
    chain.add_argument("--step", action="append",
                       help='"ไทย|English|user1,user2" in order; users empty: any approver')
    chain.add_argument("--admin", required=True, help="admin user; password from stdin")
    signature = ap_sub.add_parser("signature", help="require a drawn signature to approve")
    signature.add_argument("state", choices=("on", "off"))
    signature.add_argument("--admin", required=True, help="admin user; password from stdin")
    for parser in (show, chain, signature):
        parser.set_defaults(handler=approval_command)


# desktop.cli imports this module (services may not import the CLI back): it is loaded by now.
_cli = sys.modules.get("desktop.cli")
if _cli is not None and register not in _cli.EXTRA_COMMANDS:
    _cli.EXTRA_COMMANDS.append(register)
