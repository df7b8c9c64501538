"""`webdesk server …`, `webdesk publish ID`, `webdesk takedown (--due | ID)` — headless paths."""

from __future__ import annotations

import argparse
from contextlib import closing
from typing import TextIO

from desktop.domain.errors import UserError
from desktop.domain.messages import register
from desktop.paths import AppPaths
from desktop.publish.credentials import CredentialStore, SecretKind
from desktop.publish.profiles import AuthKind, PublishMode, ServerProfile
from desktop.services.context import AppContext

register({
    "no_secret_stdin": ("ไม่ได้รับรหัสผ่านทาง stdin", "No password was given on stdin."),
    "takedown_incomplete": (
        "นำลงไม่สำเร็จ {failed} รายการจาก {total} รายการ",
        "{failed} of {total} due items could not be taken down.",
    ),
})


def register_commands(sub: argparse._SubParsersAction) -> None:
    server = sub.add_parser("server", help="SFTP server profiles")
    server_sub = server.add_subparsers(dest="server_command", required=True)
    add = server_sub.add_parser("add", help="add or update a server profile")
    add.add_argument("name")
    add.add_argument("--host", required=True)
    add.add_argument("--port", type=int, default=22)
    add.add_argument("--user", required=True)
    how = add.add_mutually_exclusive_group(required=True)
    how.add_argument("--key", help="private key file")
    how.add_argument("--password-stdin", action="store_true",
                     help="read the password from stdin into the OS keyring")
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
    add.set_defaults(handler=_server_add)
    lst = server_sub.add_parser("list", help="list server profiles")
    lst.set_defaults(handler=_server_list)
    trust = server_sub.add_parser("trust", help="confirm (or pin) the server's host key")
    trust.add_argument("name")
    trust.add_argument("--fingerprint", help="SHA256:… pin it without asking")
    trust.set_defaults(handler=_server_trust)

    pub = sub.add_parser("publish", help="publish an approved request")
    pub.add_argument("request_id", type=int)
    pub.add_argument("--server")
    pub.add_argument("--as", dest="username", required=True,
                     help="the webmaster who publishes; password from stdin")
    pub.set_defaults(handler=_publish)

    down = sub.add_parser("takedown", help="take items down (archive them on the server)")
    which = down.add_mutually_exclusive_group(required=True)
    which.add_argument("--due", action="store_true", help="every item whose expiry has come")
    which.add_argument("request_id", type=int, nargs="?")
    down.add_argument("--server")
    down.add_argument("--reason", default="")
    down.add_argument("--as", dest="username", help="webmaster (password from stdin); "
                      "without it, --due runs as the scheduler")
    down.set_defaults(handler=_takedown)



def _ctx(args: argparse.Namespace, lang: str) -> AppContext:
    return AppContext.open(AppPaths.resolve(args.home, args.database), lang=lang)


def _credentials(inp: TextIO | None = None) -> CredentialStore:
    return CredentialStore()


def _server_add(args: argparse.Namespace, lang: str, inp: TextIO, out: TextIO) -> int:
    from desktop.services.servers import save_server, store_password

    folders = {}
    for entry in args.folder:
        category, _, folder = entry.partition("=")
        folders[category.strip()] = folder.strip()
    auth = AuthKind.PASSWORD if args.password_stdin else AuthKind.AGENT if args.agent \
        else AuthKind.KEY
    profile = ServerProfile(name=args.name, host=args.host, port=args.port, user=args.user,
                            web_root=args.web_root, archive_dir=args.archive,
                            public_base_url=args.url, auth=auth, key_path=args.key,
                            category_folders=folders, mode=PublishMode(args.mode),
                            parallel_connections=args.parallel,
                            full_verify_max_mb=args.full_verify_max_mb,
                            verify_sha256=not args.size_only)
    with closing(_ctx(args, lang)) as ctx:
        save_server(ctx, profile, None)
        print(f"saved server {profile.name} ({profile.user}@{profile.host}:{profile.port})",
              file=out)
        if args.password_stdin:
            secret = inp.readline().rstrip("\r\n")
            if not secret:
                raise UserError("no_secret_stdin")
            kept = store_password(profile, secret, _credentials(), SecretKind.PASSWORD)
            print("password stored in the OS keyring" if kept else
                  "no OS keyring here: the password will be asked for each session", file=out)
    return 0


def _server_list(args: argparse.Namespace, lang: str, inp: TextIO, out: TextIO) -> int:
    from desktop.services.servers import list_servers

    with closing(_ctx(args, lang)) as ctx:
        for p in list_servers(ctx):
            print(f"{p.name}\t{p.user}@{p.host}:{p.port}\t{p.web_root}\t{p.mode.value}\t"
                  f"{p.public_base_url}", file=out)
    return 0


def _server_trust(args: argparse.Namespace, lang: str, inp: TextIO, out: TextIO) -> int:
    from desktop.services.servers import get_server, trust_server

    def confirm(key_type: str, fingerprint: str) -> bool:
        print(f"{key_type} {fingerprint}", file=out)
        print("ยืนยันกุญแจของเซิร์ฟเวอร์นี้หรือไม่ / Trust this server key? [y/N] ", end="",
              file=out, flush=True)
        return inp.readline().strip().lower() in ("y", "yes", "ใช่")

    with closing(_ctx(args, lang)) as ctx:
        fingerprint = trust_server(ctx, get_server(ctx, args.name), None, confirm,
                                   args.fingerprint)
        print(f"trusted {fingerprint}", file=out)
    return 0


def _webmaster(ctx, username: str, inp: TextIO):  # type: ignore[no-untyped-def]
    from desktop.services import auth

    return auth.sign_in(ctx, username, inp.readline().rstrip("\r\n"))


def _publish(args: argparse.Namespace, lang: str, inp: TextIO, out: TextIO) -> int:
    from desktop.services.publishing import publish_request
    from desktop.services.servers import get_server

    with closing(_ctx(args, lang)) as ctx:
        user = _webmaster(ctx, args.username, inp)
        outcome = publish_request(ctx, user, args.request_id, get_server(ctx, args.server),
                                  _credentials())
        print(f"published {len(outcome.files)} files ({outcome.bytes_sent} bytes sent): "
              f"{outcome.url}", file=out)
    return 0


def _takedown(args: argparse.Namespace, lang: str, inp: TextIO, out: TextIO) -> int:
    import sys

    from desktop.services.publishing import SCHEDULER, due_for_takedown, take_down_request
    from desktop.services.servers import get_server

    with closing(_ctx(args, lang)) as ctx:
        actor = _webmaster(ctx, args.username, inp) if args.username else SCHEDULER
        profile = get_server(ctx, args.server)
        targets = ([d.request_id for d in due_for_takedown(ctx)] if args.due
                   else [args.request_id])
        failed = 0
        for request_id in targets:
            try:
                result = take_down_request(ctx, actor, request_id, profile, _credentials(),
                                           args.reason or "ครบกำหนดระยะเวลาเผยแพร่")
                print(f"taken down {request_id} -> {result.archive_path}", file=out)
            except UserError as exc:
                failed += 1
                print(f"{request_id}: {exc.text(lang)}", file=sys.stderr)
        if not targets:
            print("nothing due", file=out)
        if failed:
            raise UserError("takedown_incomplete", failed=failed, total=len(targets))
    return 0
