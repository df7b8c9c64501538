"""``webdesk user ...``: people and their roles."""

from __future__ import annotations

import argparse

from desktop.cli.common import Io, opened, read_secret

ROLE_CHOICES = ("webmaster", "approver", "admin", "scheduler")


def register(sub: argparse._SubParsersAction) -> None:
    user = sub.add_parser("user", help="users")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    add = user_sub.add_parser("add", help="add a user; the password is read from stdin")
    add.add_argument("name")
    add.add_argument("--role", action="append", required=True, choices=ROLE_CHOICES)
    add.add_argument("--full-name", default="")
    add.add_argument("--position", default="")
    add.set_defaults(handler=add_command)
    user_sub.add_parser("list", help="list users").set_defaults(handler=list_command)


def add_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.domain.workflow import Role
    from desktop.services import auth

    with opened(args, io) as ctx:
        password = read_secret(io)
        user = auth.create_user(ctx, auth.NewUser(args.name, password,
                                                  frozenset(Role(r) for r in args.role),
                                                  args.full_name, args.position),
                                actor=None, trusted_cli=True)
    io.say(f"added {user.username} ({','.join(sorted(r.value for r in user.roles))})")
    return 0


def list_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services import auth

    with opened(args, io) as ctx:
        for user in auth.list_users(ctx):
            roles = ",".join(sorted(r.value for r in user.roles))
            io.say(f"{user.username}\t{roles}\t{user.full_name}")
    return 0
