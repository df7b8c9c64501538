"""``webdesk user ...``: people and their roles.

On an empty database ``user add`` needs no sign-in (the first user becomes admin); after that
every change is an admin's: ``--as ADMIN`` with the admin's password on the first line of
stdin (and a new password, where one is set, on the next line).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.common import Io, add_as_argument, opened, read_secret
from desktop.domain.text_safety import one_line

if TYPE_CHECKING:
    from desktop.domain.users import User
    from desktop.services.context import AppContext

ROLE_CHOICES = ("webmaster", "approver", "admin", "scheduler")


def register(sub: argparse._SubParsersAction) -> None:
    user = sub.add_parser("user", help="users (an admin's)")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    add = user_sub.add_parser(
        "add", help="add a user: stdin has the admin's password (unless the database is "
                    "empty), then the new user's password")
    add.add_argument("name")
    add.add_argument("--role", action="append", required=True, choices=ROLE_CHOICES)
    add.add_argument("--full-name", default="")
    add.add_argument("--position", default="")
    add_as_argument(add, required=False, help_text="the admin who adds the user")
    add.set_defaults(handler=add_command)
    user_sub.add_parser("list", help="list users").set_defaults(handler=list_command)
    for name, text in (("disable", "disable an account"), ("enable", "enable an account"),
                       ("unlock", "clear the lockout after wrong passwords"),
                       ("certify", "certify the signing key a user made at first sign-in"),
                       ("reset-password", "set a new password (second stdin line) and key")):
        cmd = user_sub.add_parser(name, help=text)
        cmd.add_argument("name")
        add_as_argument(cmd, help_text="the admin; the password is read from stdin")
        cmd.set_defaults(handler=manage_command)
    roles = user_sub.add_parser("set-roles", help="replace a user's roles")
    roles.add_argument("name")
    roles.add_argument("--role", action="append", required=True, choices=ROLE_CHOICES)
    add_as_argument(roles, help_text="the admin; the password is read from stdin")
    roles.set_defaults(handler=manage_command)
    passwd = user_sub.add_parser("passwd", help="change your own password (stdin: old, new)")
    add_as_argument(passwd, help_text="whose password")
    passwd.set_defaults(handler=passwd_command)


def add_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.domain.workflow import Role
    from desktop.services import auth

    with opened(args, io) as ctx:
        empty = auth.count_users(ctx) == 0
        actor = None
        actor_password = None
        if not empty:
            if not args.username:
                from desktop.domain.errors import PermissionDenied

                raise PermissionDenied("admin_password_required")
            actor_password = read_secret(io)
            actor = auth.sign_in(ctx, args.username, actor_password)
        password = read_secret(io)
        user = auth.create_user(ctx, auth.NewUser(args.name, password,
                                                  frozenset(Role(r) for r in args.role),
                                                  args.full_name, args.position),
                                actor, actor_password=actor_password)
        io.say(f"added {user.username} ({','.join(sorted(r.value for r in user.roles))})")
        if empty:
            from desktop.services.keys import agency_key_status

            status = agency_key_status(ctx)
            io.say(f"agency key {status.fingerprint} (pinned on this PC; compare it on every "
                   "PC that uses this database)")
    return 0


def list_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services.users import list_user_details

    with opened(args, io) as ctx:
        for entry in list_user_details(ctx):
            user = entry.user
            roles = ",".join(sorted(r.value for r in user.roles))
            state = "active" if user.active else "disabled"
            if entry.locked:
                state += ",locked"
            io.say(f"{user.username}\t{roles}\t{state}\tkey:{entry.key}\t"
                   f"{one_line(user.full_name)}")
    return 0


def manage_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.domain.workflow import Role
    from desktop.services import users

    with opened(args, io) as ctx:
        password = read_secret(io)
        admin = sign_in_as_with(ctx, args.username, password)
        command = args.user_command
        if command == "disable":
            users.disable_user(ctx, admin, password, args.name)
        elif command == "enable":
            users.enable_user(ctx, admin, password, args.name)
        elif command == "unlock":
            users.unlock_user(ctx, admin, password, args.name)
        elif command == "certify":
            users.certify_user(ctx, admin, password, args.name)
        elif command == "reset-password":
            users.reset_password(ctx, admin, password, args.name, read_secret(io))
        else:
            users.set_roles(ctx, admin, password, args.name,
                            frozenset(Role(r) for r in args.role))
    io.say(f"{command}: {args.name} done")
    return 0


def sign_in_as_with(ctx: AppContext, username: str, password: str) -> User:
    """Sign in with a password already read (it is needed again for the action)."""
    from desktop.services import auth

    return auth.sign_in(ctx, username, password)


def passwd_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services import users

    with opened(args, io) as ctx:
        old = read_secret(io)
        user = sign_in_as_with(ctx, args.username, old)
        users.change_own_password(ctx, user, old, read_secret(io))
    io.say(f"password changed for {args.username}")
    return 0

