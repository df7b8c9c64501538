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


def register(sub: argparse._SubParsersAction) -> None:
    form = sub.add_parser("form", help="print the official request form of a request as PDF")
    form.add_argument("request", metavar="REQUEST_ID", help="request id or reference")
    form.add_argument("--out", required=True, help="the PDF file to write")
    form.set_defaults(handler=form_command)
    station = sub.add_parser("workstation", help="this PC's settings (shared-PC mode)")
    station.add_argument("--shared-pc", choices=("on", "off"))
    station.add_argument("--idle-minutes", type=float)
    station.set_defaults(handler=workstation_command)


# desktop.cli imports this module (services may not import the CLI back): it is loaded by now.
_cli = sys.modules.get("desktop.cli")
if _cli is not None and register not in _cli.EXTRA_COMMANDS:
    _cli.EXTRA_COMMANDS.append(register)
