"""``webdesk request ...``: the queue, headless."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime

from desktop.cli.common import Io, opened


def register(sub: argparse._SubParsersAction) -> None:
    req = sub.add_parser("request", help="requests")
    req_sub = req.add_subparsers(dest="request_command", required=True)
    lst = req_sub.add_parser("list", help="print the queue")
    lst.add_argument("--json", action="store_true", help="one JSON document (an array)")
    lst.add_argument("--state", action="append", default=[])
    lst.add_argument("--limit", type=int, default=1000)
    lst.set_defaults(handler=list_command)


def _plain(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def list_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.domain.workflow import RequestState
    from desktop.services.requests import RequestQuery, list_requests

    states = tuple(RequestState(s) for s in args.state)
    with opened(args, io) as ctx:
        rows = list_requests(ctx, RequestQuery(states=states, limit=args.limit))
    if args.json:
        data = [{k: _plain(v) for k, v in row.__dict__.items()} for row in rows]
        json.dump(data, io.out, ensure_ascii=False, indent=1)
        io.out.write("\n")
        return 0
    for row in rows:
        io.say(f"{row.id}\t{row.reference}\t{row.state.value}\t{row.title}")
    return 0
