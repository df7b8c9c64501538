"""``webdesk request add | submit | review | return | send | withdraw | decide | extend``:
the whole request workflow, headless.  Every command names who does it (``--as USER``, the
password on the first line of stdin) and takes a request number or a WD reference."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any

from desktop.cli.common import Io, add_as_argument, opened, read_secret, request_id_of

FIELDS = (("title", "หัวข้อ"), ("summary", "รายละเอียดข้อมูลโดยย่อ"), ("body", "เนื้อหา"),
          ("category", "หมวดหมู่ (รหัส)"), ("subcategory", "หมวดย่อย (รหัส)"),
          ("source-owner", "เจ้าของข้อมูล"), ("link", "ลิงก์ภายนอก"), ("remarks", "หมายเหตุ"),
          ("requester-name", "ชื่อผู้ให้ข้อมูล"), ("requester-position", "ตำแหน่ง"),
          ("requester-unit", "หน่วยงาน"), ("requester-phone", "โทรศัพท์"),
          ("requester-email", "อีเมล"), ("letter-number", "เลขที่หนังสือ"))
DATES = (("period-start", "ข้อมูลตั้งแต่"), ("period-end", "ข้อมูลถึง"),
         ("publish-date", "วันที่เผยแพร่"), ("expiry", "วันที่นำลง"),
         ("received", "วันที่รับเรื่อง"))


@dataclass
class FileArg:
    path: str
    caption: str = ""
    alt: str = ""


class _FileAction(argparse.Action):
    """``--file P [--caption C] [--alt A]``: caption and alt text go with the file before."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        files: list[FileArg] = getattr(namespace, "files", None) or []
        if self.dest == "files":
            files.append(FileArg(str(values)))
        elif not files:
            parser.error(f"{option_string} must follow a --file")
        elif self.dest == "caption":
            files[-1].caption = str(values)
        else:
            files[-1].alt = str(values)
        namespace.files = files


def register(req_sub: argparse._SubParsersAction) -> None:
    add = req_sub.add_parser("add", help="register a request (every field of the form)")
    for name, label in FIELDS:
        add.add_argument(f"--{name}", default="", help=label)
    for name, label in DATES:
        add.add_argument(f"--{name}", default=None, help=f"{label} (5/12/2569, 2026-12-05)")
    add.add_argument("--channel", choices=("letter", "email", "other"), default="letter")
    add.add_argument("--file", dest="files", action=_FileAction, metavar="PATH",
                     help="attach a file (repeatable); --caption/--alt after it describe it")
    add.add_argument("--caption", dest="caption", action=_FileAction, help="the file's caption")
    add.add_argument("--alt", dest="alt", action=_FileAction, help="an image's alt text")
    add_as_argument(add, help_text="the webmaster; the password is read from stdin")
    add.set_defaults(handler=add_command, files=None)
    for name, text, reason in (("submit", "submit a draft (or resubmit a returned one)", False),
                               ("review", "start checking a submitted request", False),
                               ("return", "return for correction (needs --reason)", True),
                               ("send", "send for approval", False),
                               ("withdraw", "withdraw at the owner's request", True)):
        cmd = req_sub.add_parser(name, help=text)
        cmd.add_argument("request", metavar="REQUEST", help="request number or WD reference")
        cmd.add_argument("--reason", default="", required=reason)
        add_as_argument(cmd, help_text="the webmaster; the password is read from stdin")
        cmd.set_defaults(handler=action_command)
    decide = req_sub.add_parser("decide", help="an approver's decision, signed with their key")
    decide.add_argument("request", metavar="REQUEST", help="request number or WD reference")
    which = decide.add_mutually_exclusive_group(required=True)
    which.add_argument("--approve", dest="decision", action="store_const", const="approve")
    which.add_argument("--reject", dest="decision", action="store_const", const="reject")
    which.add_argument("--return", dest="decision", action="store_const",
                       const="request_changes", help="ask for changes")
    decide.add_argument("--reason", default="")
    decide.add_argument("--on-behalf-of", metavar="USER",
                        help="sign for this approver (a delegation for today)")
    add_as_argument(decide, help_text="the approver; the password is read from stdin")
    decide.set_defaults(handler=decide_command)
    extend = req_sub.add_parser("extend", help="extend or shorten a published item's period")
    extend.add_argument("request", metavar="REQUEST", help="request number or WD reference")
    extend.add_argument("--until", required=True, help="the new takedown date")
    extend.add_argument("--reason", default="")
    add_as_argument(extend, help_text="the webmaster; the password is read from stdin")
    extend.set_defaults(handler=extend_command)
    register_elsewhere(req_sub)


def _text(args: argparse.Namespace, name: str) -> str:
    return str(getattr(args, name.replace("-", "_")) or "")


def add_command(args: argparse.Namespace, io: Io) -> int:
    from datetime import datetime, time

    from desktop.domain.date_input import parse_user_date
    from desktop.domain.request import Channel, PublicationRequest, Requester
    from desktop.services import auth
    from desktop.services import requests as rq
    from desktop.services.attachments import attach_path, preflight_paths

    dates = {name: parse_user_date(value) if (value := getattr(args, name.replace("-", "_")))
             else None for name, _ in DATES}
    request = PublicationRequest(
        title=_text(args, "title"), summary=_text(args, "summary"), body=_text(args, "body"),
        category=_text(args, "category"), subcategory=_text(args, "subcategory"),
        source_owner=_text(args, "source-owner"), external_link=_text(args, "link"),
        remarks=_text(args, "remarks"), letter_number=_text(args, "letter-number"),
        period_start=dates["period-start"], period_end=dates["period-end"],
        publish_date=dates["publish-date"], expiry_date=dates["expiry"],
        channel=Channel(args.channel),
        received_at=datetime.combine(dates["received"], time(8, 30)) if dates["received"]
        else None,
        requester=Requester(name=_text(args, "requester-name"),
                            position=_text(args, "requester-position"),
                            unit=_text(args, "requester-unit"),
                            phone=_text(args, "requester-phone"),
                            email=_text(args, "requester-email")))
    files: list[FileArg] = args.files or []
    with opened(args, io) as ctx:
        preflight_paths(ctx, [f.path for f in files])   # every file checked before anything
        user = auth.sign_in(ctx, args.username, read_secret(io))
        rid = rq.register_request(ctx, user, request)
        for item in files:
            attach_path(ctx, user, rid, item.path, caption=item.caption, alt_text=item.alt)
        detail = rq.get_request(ctx, user, rid)
    io.say(f"{rid}\t{detail.request.reference}\t{len(files)} file(s)")
    return 0


_ACTIONS = {"submit": "submit", "review": "start_review", "return": "return_for_correction",
            "send": "send_for_approval", "withdraw": "withdraw"}


def action_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.domain.workflow import Action, RequestState, label
    from desktop.services import auth
    from desktop.services import requests as rq

    with opened(args, io) as ctx:
        user = auth.sign_in(ctx, args.username, read_secret(io))
        rid = request_id_of(ctx, args.request)
        action = Action(_ACTIONS[args.request_command])
        if action == Action.SUBMIT and \
                rq.get_request(ctx, user, rid).request.state == RequestState.RETURNED:
            action = Action.RESUBMIT
        state = rq.perform_action(ctx, user, rid, action, args.reason or None)
    io.say(f"{args.request}: {label(state, io.lang)}")
    return 0


def decide_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.domain.errors import NotFound
    from desktop.domain.workflow import label
    from desktop.services import auth
    from desktop.services.signoff import Decision, decide

    with opened(args, io) as ctx:
        password = read_secret(io)
        user = auth.sign_in(ctx, args.username, password)
        behalf = None
        if args.on_behalf_of:
            behalf = next((u.id for u in auth.list_users(ctx)
                           if u.username == args.on_behalf_of), None)
            if behalf is None:       # never sign as oneself when someone else was named
                raise NotFound("user_not_found", name=args.on_behalf_of)
        result = decide(ctx, user, request_id_of(ctx, args.request), Decision(args.decision),
                        password, args.reason, on_behalf_of=behalf)
    io.say(f"{args.request}: {label(result.state, io.lang)} (step {result.step} of "
           f"{result.total_steps}, signed)")
    return 0


def extend_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.domain.date_input import parse_user_date
    from desktop.services import auth
    from desktop.services.requests import change_publication_period

    until = parse_user_date(args.until)
    with opened(args, io) as ctx:
        user = auth.sign_in(ctx, args.username, read_secret(io))
        before = change_publication_period(ctx, user, request_id_of(ctx, args.request), until,
                                           args.reason)
    io.say(f"{args.request}: until {until.isoformat()} (was {before or '-'})")
    return 0


def register_elsewhere(req_sub: argparse._SubParsersAction) -> None:
    cmd = req_sub.add_parser("published-elsewhere", help="record (admin) that an approved "
                             "request went on the site another way; nothing is uploaded")
    cmd.add_argument("request", metavar="REQUEST", help="request number or WD reference")
    cmd.add_argument("--url", required=True, help="where it is on the site")
    cmd.add_argument("--reason", required=True)
    add_as_argument(cmd, help_text="the admin; the password is read from stdin")
    cmd.set_defaults(handler=elsewhere_command)


def elsewhere_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.domain.workflow import label
    from desktop.services import auth
    from desktop.services.requests import record_published_elsewhere

    with opened(args, io) as ctx:
        admin = auth.sign_in(ctx, args.username, read_secret(io))
        state = record_published_elsewhere(ctx, admin, request_id_of(ctx, args.request),
                                           args.url, args.reason)
    io.say(f"{args.request}: {label(state, io.lang)} ({args.url})")
    return 0
