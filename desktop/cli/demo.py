"""Trying WebDesk: ``webdesk --demo``, ``webdesk --self-test`` and ``webdesk seed-demo``.

``--demo`` with a display opens the app on a throwaway demo profile with its own SFTP and
web servers; without one it runs the narrated headless tour (exit 0 only if every step
worked).  ``--self-test`` opens the main window offscreen on a temporary profile, runs the
tour and closes: the check that an installed bundle works.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from desktop.cli.common import Io, opened


def register(sub: argparse._SubParsersAction) -> None:
    seed = sub.add_parser("seed-demo", help="fill an empty profile with demo users and "
                          "requests (again: nothing, unless --reset)")
    seed.add_argument("--reset", action="store_true",
                      help="empty a demo profile and fill it again")
    seed.set_defaults(handler=seed_demo_command)


def add_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--demo", action="store_true",
                        help="try WebDesk on a throwaway demo with its own SFTP and web "
                             "servers (no display: a narrated headless tour)")
    parser.add_argument("--self-test", action="store_true",
                        help="open the main window offscreen on a temporary profile, run the "
                             "headless tour, close (exit 0: everything works)")


def flag_handler(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The handler of ``--demo`` / ``--self-test`` (None when neither was given)."""
    if getattr(args, "self_test", False):
        return self_test_command
    if getattr(args, "demo", False):
        return demo_command
    return None


def seed_demo_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services.demo import seed_demo

    with opened(args, io) as ctx:
        seed_demo(ctx, io.out, reset=args.reset)
    return 0


def _has_display() -> bool:
    from desktop.ui.app import has_display

    return has_display()


def demo_command(args: argparse.Namespace, io: Io) -> int:
    if _has_display() and os.environ.get("QT_QPA_PLATFORM", "") != "offscreen":
        from desktop.ui.demo_gui import run_demo_gui

        return run_demo_gui(io.lang)
    return headless_tour(io)


def headless_tour(io: Io) -> int:
    from desktop.services.demo_tour import run_tour

    with tempfile.TemporaryDirectory(prefix="webdesk-demo-") as folder:
        return 0 if run_tour(io.out, Path(folder)) else 1


def self_test_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.ui.self_test import run_self_test

    return run_self_test(io.out)
