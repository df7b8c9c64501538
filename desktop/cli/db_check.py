"""``webdesk db check``: is this PC's database ready (desktop/services/db_check.py)?"""

from __future__ import annotations

import argparse

from desktop.cli.common import Io, opened


def add_check_command(db_sub: argparse._SubParsersAction) -> None:
    """Added to ``webdesk db`` by desktop/cli/admin.py."""
    check = db_sub.add_parser("check", help="connection, schema version, roles and grants, "
                              "triggers, search index, change notifications, clock skew")
    check.add_argument("--app-role", metavar="ROLE",
                       help="PostgreSQL, as the owner: check what the application's role may do")
    check.set_defaults(handler=db_check_command)


def db_check_command(args: argparse.Namespace, io: Io) -> int:
    """One line per check, OK or FAIL; exit 0 only when every check is OK."""
    from desktop.services.db_check import check_database

    with opened(args, io, upgrade=False) as ctx:
        checks = check_database(ctx, args.app_role)
    for check in checks:
        io.say(f"{'OK  ' if check.ok else 'FAIL'}  {check.key}: {check.text.text(io.lang)}")
    return 0 if all(check.ok for check in checks) else 1
