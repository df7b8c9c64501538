"""``webdesk server ...``, ``webdesk publish REQUEST``, ``webdesk takedown (--due | REQUEST)``.

Every command that changes something names who does it (``--as USER``, password on stdin):
server profiles and host keys are an admin's, publishing and takedown a webmaster's; the
scheduled ``takedown --due`` runs as the scheduler account, which may do only that.
"""

from __future__ import annotations

import argparse

from desktop.cli.common import (
    Io,
    add_as_argument,
    opened,
    read_secret,
    request_id_of,
    sign_in_as,
)
from desktop.domain.errors import UserError
from desktop.domain.messages import register as register_messages
from desktop.domain.text_safety import one_line

register_messages({
    "no_secret_stdin": ("ไม่ได้รับรหัสผ่านทาง stdin", "No password was given on stdin."),
    "takedown_incomplete": (
        "นำลงไม่สำเร็จ {failed} รายการจาก {total} รายการ",
        "{failed} of {total} due items could not be taken down.",
    ),
    "server_folder_spec": (
        "ระบุโฟลเดอร์ของหมวดหมู่เป็น หมวดหมู่=โฟลเดอร์ (ระบุไว้ “{given}”)",
        "Give a category's folder as CATEGORY=FOLDER (given “{given}”).",
    ),
    "server_folder_category": ("ไม่พบหมวดหมู่ {category}", "There is no category {category}."),
})


def register(sub: argparse._SubParsersAction) -> None:
    server = sub.add_parser("server", help="SFTP server profiles")
    server_sub = server.add_subparsers(dest="server_command", required=True)
    add = server_sub.add_parser("add", help="add or update a server profile (admin)")
    add.add_argument("name")
    add.add_argument("--host", required=True)
    add.add_argument("--port", type=int, default=22)
    add.add_argument("--user", required=True)
    how = add.add_mutually_exclusive_group(required=True)
    how.add_argument("--key", help="private key file")
    how.add_argument("--password-stdin", action="store_true",
                     help="read the server password from stdin (the line after the admin's "
                          "password) into the OS keyring")
    how.add_argument("--agent", action="store_true", help="use ssh-agent")
    add.add_argument("--web-root", required=True)
    add.add_argument("--url", required=True, help="public base URL of the web root")
    add.add_argument("--archive", required=True, help="archive folder outside the web root")
    add.add_argument("--mode", choices=("site", "files"), default="site")
    add.add_argument("--parallel", type=int, default=4,
                     help="SFTP channels for a big item over a slow link")
    add.add_argument("--full-verify-max-mb", type=int, default=32,
                     help="read files back in full (SHA-256) up to this size; larger ones "
                          "by size and sampled chunks")
    add.add_argument("--size-only", action="store_true",
                     help="verify by size only (no read-back)")
    add.add_argument("--folder", action="append", default=[], metavar="CATEGORY=FOLDER",
                     help="remote folder for a category (repeatable)")
    add.add_argument("--staging", default="", metavar="DIR",
                     help="staging folder outside the web root (default: next to it)")
    add.add_argument("--site", default="",
                     help="site name shared by profiles that reach the same web root by "
                          "other hosts (default: host + web root)")
    add.add_argument("--attempts", type=int, default=5,
                     help="reconnects in a row without progress before giving up")
    add.add_argument("--retry-delay", type=float, default=1.0, metavar="SECONDS",
                     help="first wait before reconnecting (doubled each time)")
    add.add_argument("--default", action="store_true",
                     help="use this profile when no --server is given")
    add.add_argument("--log-folder", default="", metavar="DIR",
                     help="the web server's access logs on the server (webdesk logs fetch)")
    add_as_argument(add, help_text="the admin who saves it; the password is read from stdin")
    add.set_defaults(handler=server_add_command)
    lst = server_sub.add_parser("list", help="list server profiles (* = default)")
    lst.set_defaults(handler=server_list_command)
    default = server_sub.add_parser("default", help="mark the profile used when none is "
                                                    "named (admin)")
    default.add_argument("name")
    add_as_argument(default, help_text="the admin; the password is read from stdin")
    default.set_defaults(handler=server_default_command)
    trust = server_sub.add_parser("trust", help="confirm (or pin) the server's host key (admin)")
    trust.add_argument("name")
    trust.add_argument("--fingerprint", help="SHA256:… pin it without asking")
    add_as_argument(trust, help_text="the admin who trusts it; the password is read from stdin")
    trust.set_defaults(handler=server_trust_command)

    pub = sub.add_parser("publish", help="publish an approved request")
    pub.add_argument("request", metavar="REQUEST", help="request number or WD reference")
    pub.add_argument("--server")
    add_as_argument(pub, help_text="the webmaster who publishes; password from stdin")
    pub.set_defaults(handler=publish_command)

    down = sub.add_parser("takedown", help="take items down (archive them on the server)")
    which = down.add_mutually_exclusive_group(required=True)
    which.add_argument("--due", action="store_true", help="every item whose expiry has come")
    which.add_argument("request", metavar="REQUEST", nargs="?",
                       help="request number or WD reference")
    down.add_argument("--server", help="profile to use (default: the one the item was "
                                       "published through)")
    down.add_argument("--reason", default="")
    down.add_argument("--allow-missing", action="store_true",
                      help="record the takedown even when the item is not on the server")
    add_as_argument(down, help_text="a webmaster, or for --due the scheduler account; "
                                    "the password is read from stdin")
    down.set_defaults(handler=takedown_command)

    rec = sub.add_parser("reconcile", help="compare the records with a server and repair "
                                           "what a crash or a cut left")
    rec.add_argument("--server", help="profile (default: the default profile)")
    add_as_argument(rec, help_text="who runs it (webmaster, admin or the scheduler); "
                                   "password from stdin")
    rec.set_defaults(handler=reconcile_command)


def server_add_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services import servers

    folders = {}
    for entry in args.folder:
        category, equals, folder = entry.partition("=")
        if not equals or not category.strip() or not folder.strip():
            raise UserError("server_folder_spec", given=entry)
        folders[category.strip()] = folder.strip()
    auth = "password" if args.password_stdin else "agent" if args.agent else "key"
    with opened(args, io) as ctx:
        known = {c.code for c in ctx.catalogue.categories}
        for category in folders:
            if category not in known:
                raise UserError("server_folder_category", category=category)
        admin = sign_in_as(ctx, args.username, io)
        # the server's password is read before anything is saved (none: nothing saved)
        secret = read_secret(io) if args.password_stdin else ""
        profile = servers.new_profile(
            name=args.name, host=args.host, port=args.port, user=args.user,
            web_root=args.web_root, archive_dir=args.archive, public_base_url=args.url,
            auth=auth, key_path=args.key, category_folders=folders, mode=args.mode,
            parallel_connections=args.parallel, full_verify_max_mb=args.full_verify_max_mb,
            verify_sha256=not args.size_only, staging_dir=args.staging, site=args.site,
            retry_attempts=args.attempts, retry_first_delay=args.retry_delay,
            log_folder=args.log_folder)
        servers.save_server(ctx, profile, admin, make_default=args.default)
        io.say(f"saved server {profile.name} ({profile.user}@{profile.host}:{profile.port})"
               + (", the default" if args.default else ""))
        if args.password_stdin:
            kept = servers.store_server_password(profile, secret)
            io.say("password stored in the OS keyring" if kept else
                   "no OS keyring here: the password will be asked for each session")
    return 0


def server_list_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services.servers import default_server_name, list_servers

    with opened(args, io) as ctx:
        default = default_server_name(ctx)
        for p in list_servers(ctx):
            mark = "*" if p.name == default else ""
            fields = (f"{p.name}{mark}", f"{p.user}@{p.host}:{p.port}", p.web_root,
                      p.mode.value, p.public_base_url, f"site={p.site_id}")
            io.say("\t".join(one_line(field) for field in fields))
    return 0


def server_default_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services.servers import set_default_server

    with opened(args, io) as ctx:
        admin = sign_in_as(ctx, args.username, io)
        profile = set_default_server(ctx, args.name, admin)
        io.say(f"default server: {profile.name}")
    return 0


def server_trust_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services.servers import KeyPrompt, get_server, trust_server

    def confirm(prompt: KeyPrompt) -> bool:
        for line in prompt.text(io.lang).splitlines():
            io.say(line)
        question = ("ยืนยันกุญแจใหม่ (CHANGED) นี้แทนกุญแจเดิมหรือไม่ / Replace the old key with "
                    "this CHANGED one? [y/N] " if prompt.changed else
                    "ยืนยันกุญแจของเซิร์ฟเวอร์นี้หรือไม่ / Trust this server key? [y/N] ")
        print(question, end="", file=io.out, flush=True)
        try:
            answer = io.inp.readline()
        except (OSError, ValueError):      # stdin closed: no answer is a no
            answer = ""
        return answer.strip().lower() in ("y", "yes", "ใช่")

    with opened(args, io) as ctx:
        admin = sign_in_as(ctx, args.username, io)
        fingerprint = trust_server(ctx, get_server(ctx, args.name), admin, confirm,
                                   args.fingerprint)
        io.say(f"trusted {fingerprint}")
    return 0


def publish_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services.publishing import publish_request
    from desktop.services.servers import credential_store, get_server

    with opened(args, io) as ctx:
        user = sign_in_as(ctx, args.username, io)
        request_id = request_id_of(ctx, args.request)
        profile = get_server(ctx, args.server)
        io.say(f"server profile: {profile.name}")
        outcome = publish_request(ctx, user, request_id, profile, credential_store())
        for line in outcome.reconciled:
            io.say(f"reconcile: {line}")
        for warning in outcome.warnings:
            io.warn(f"warning: {warning}")
        resumed = f", resumed inside {len(outcome.resumed)}" if outcome.resumed else ""
        io.say(f"published {len(outcome.files)} files ({outcome.bytes_sent} bytes sent"
               f"{resumed}): {outcome.url}")
    return 0


def takedown_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.domain.workflow import Action, RequestState, check_transition
    from desktop.services.publishing import due_for_takedown, take_down_request
    from desktop.services.servers import credential_store
    from desktop.services.takedowns import profile_for_takedown

    with opened(args, io) as ctx:
        actor = sign_in_as(ctx, args.username, io)
        # who may take down at all (webmaster, scheduler), before looking for what is due
        check_transition(Action.TAKE_DOWN, RequestState.PUBLISHED, actor.roles, actor.id,
                         None, args.reason or "-")
        targets = ([d.request_id for d in due_for_takedown(ctx)] if args.due
                   else [request_id_of(ctx, args.request)])
        failed = 0
        for request_id in targets:
            try:
                profile = profile_for_takedown(ctx, request_id, args.server)
                result = take_down_request(ctx, actor, request_id, profile, credential_store(),
                                           args.reason or "ครบกำหนดระยะเวลาเผยแพร่",
                                           allow_missing=args.allow_missing)
                for line in result.reconciled:
                    io.say(f"reconcile: {line}")
                where = ("was not on the server (recorded with --allow-missing)"
                         if result.missing else f"-> {result.archive_path}")
                io.say(f"taken down {request_id} via server {profile.name} {where}")
            except UserError as exc:
                failed += 1
                io.warn(f"{request_id}: {exc.text(io.lang)}")
        if not targets:
            io.say("nothing due")
        if failed:
            raise UserError("takedown_incomplete", failed=failed, total=len(targets))
    return 0


def reconcile_command(args: argparse.Namespace, io: Io) -> int:
    """Exit 0: the site and the records agree (after any repair); 1: a recorded item is
    missing from the site (a person must look)."""
    from desktop.services.reconcile import reconcile_server
    from desktop.services.servers import credential_store, get_server

    with opened(args, io) as ctx:
        actor = sign_in_as(ctx, args.username, io)
        profile = get_server(ctx, args.server)
        io.say(f"server profile: {profile.name} (site {profile.site_id})")
        report = reconcile_server(ctx, actor, profile, credential_store())
        io.say(f"staging: {report.staging}")
        for line in report.lines():
            io.say(line)
        if not report.changed and not report.missing:
            io.say("the site and the records agree; nothing to repair")
    return 1 if report.missing else 0
