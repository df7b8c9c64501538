"""``webdesk form`` (the printable official request form), ``webdesk workstation`` (this PC's
shared-PC mode) and ``webdesk approval`` (approval chains and the signature rule)."""

from __future__ import annotations

import argparse
from dataclasses import replace

from desktop.cli.arguments import positive_minutes
from desktop.cli.common import Io, opened, paths_of, request_id_of, sign_in_as


def register(sub: argparse._SubParsersAction) -> None:
    form = sub.add_parser("form", help="print the official request form of a request as PDF")
    form.add_argument("request", metavar="REQUEST", help="request number or WD reference")
    form.add_argument("--out", required=True, help="the PDF file to write")
    form.set_defaults(handler=form_command)
    station = sub.add_parser("workstation", help="this PC's settings (shared-PC mode)")
    station.add_argument("--shared-pc", choices=("on", "off"))
    station.add_argument("--idle-minutes", type=positive_minutes)
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


def form_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services.official_form import write_request_form

    with opened(args, io) as ctx:
        target = write_request_form(ctx, request_id_of(ctx, args.request), args.out)
    io.say(f"wrote {target}")
    return 0


def workstation_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services.workstation import load_workstation_settings, save_workstation_settings

    paths = paths_of(args)
    settings = load_workstation_settings(paths)
    if args.shared_pc is not None:
        settings = replace(settings, shared_pc=args.shared_pc == "on")
    if args.idle_minutes is not None:
        settings = replace(settings, idle_lock_seconds=max(args.idle_minutes, 0.1) * 60)
    if args.shared_pc is not None or args.idle_minutes is not None:
        save_workstation_settings(paths, settings)
    io.say(f"shared_pc={'on' if settings.shared_pc else 'off'} "
           f"idle_minutes={settings.idle_lock_seconds / 60:g}")
    return 0


def _step_spec(number: int, text: str):  # type: ignore[no-untyped-def]  # -> ApprovalStep
    """``"หัวหน้ากลุ่มงาน|Head of group|head,deputy"`` (users empty: any approver)."""
    from desktop.domain.messages import Localized
    from desktop.services.approval_chain import ApprovalStep

    parts = [p.strip() for p in text.split("|")]
    thai = parts[0] if parts and parts[0] else "ผู้อนุมัติ"
    english = parts[1] if len(parts) > 1 and parts[1] else thai
    users = tuple(u.strip() for u in parts[2].split(",") if u.strip()) if len(parts) > 2 else ()
    return ApprovalStep(number, Localized(thai, english), users)


def approval_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services.approval_chain import chain_for, set_chain
    from desktop.services.signoff import set_signature_required, signature_required

    with opened(args, io) as ctx:
        if args.approval_command == "show":
            known = [c.code for c in ctx.catalogue.categories]
            if args.category and args.category not in known:
                from desktop.domain.errors import NotFound

                raise NotFound("chain_unknown_category", category=args.category)
            codes = [args.category] if args.category else known
            for code in codes:
                steps = chain_for(ctx, code)
                text = " → ".join(f"{s.number}. {s.title.text(io.lang)}"
                                  f"{' (' + ', '.join(s.usernames) + ')' if s.usernames else ''}"
                                  for s in steps)
                io.say(f"{code}\t{text}")
            io.say(f"signature_required={'on' if signature_required(ctx) else 'off'}")
            return 0
        admin = sign_in_as(ctx, args.admin, io)
        if args.approval_command == "set-chain":
            new_steps = [_step_spec(i, t) for i, t in enumerate(args.step or [], start=1)]
            set_chain(ctx, admin, args.category, new_steps)
            io.say(f"{args.category}: {len(new_steps) or 1} step(s)")
            return 0
        set_signature_required(ctx, admin, args.state == "on")
        io.say(f"signature_required={args.state}")
        return 0
