"""``webdesk request ...``: the queue, headless."""

from __future__ import annotations

import argparse
from datetime import date, datetime

from desktop.cli import request_work
from desktop.cli.arguments import positive_int
from desktop.cli.common import Io, opened
from desktop.domain.messages import Localized
from desktop.domain.text_safety import one_line, terminal_json
from desktop.domain.workflow import RequestState


def register(sub: argparse._SubParsersAction) -> None:
    req = sub.add_parser("request", help="requests")
    req_sub = req.add_subparsers(dest="request_command", required=True)
    lst = req_sub.add_parser("list", help="print the queue")
    lst.add_argument("--json", action="store_true", help="one JSON document (an array)")
    lst.add_argument("--state", action="append", default=[],
                     choices=[state.value for state in RequestState])
    lst.add_argument("--limit", type=positive_int, default=1000)
    lst.set_defaults(handler=list_command)
    request_work.register(req_sub)


def _plain(value: object, lang: str) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Localized):        # e.g. waiting_for: said in the chosen language
        return value.text(lang)
    return value


def list_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services.requests import RequestQuery, list_requests

    states = tuple(RequestState(s) for s in args.state)
    with opened(args, io) as ctx:
        rows = list_requests(ctx, RequestQuery(states=states, limit=args.limit))
    if args.json:
        data = [{k: _plain(v, io.lang) for k, v in row._asdict().items()} for row in rows]
        io.out.write(terminal_json(data, indent=1) + "\n")  # titles kept whole, escaped
        return 0
    for row in rows:
        io.say(f"{row.id}\t{row.reference}\t{row.state.value}\t{one_line(row.title)}")
    return 0
