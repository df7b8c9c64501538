"""A PC whose line to the database server is cut (run by test_pulled_cable.py inside a
network namespace):

    python cable_client.py URL ROOT

Reads once (proves the line works), says ``querying``, runs a query that waits on the server
(``pg_sleep``) — the test pulls the cable meanwhile — and says how it ended; then tries
again on a new connection.  Each outcome is one line: ``query <code>`` / ``again <code>``
(the UserError's code), or ``... ok``.
"""

from __future__ import annotations

import sys

sys.path.insert(0, sys.argv[2])

from sqlalchemy import text  # noqa: E402

from desktop.domain.errors import UserError  # noqa: E402
from desktop.store.database import Database  # noqa: E402


def attempt(db: Database, sql: str) -> str:
    try:
        with db.read() as session:
            session.execute(text(sql))
    except UserError as exc:
        return str(exc.code)
    return "ok"


def main() -> None:
    db = Database(sys.argv[1])
    print("first", attempt(db, "SELECT 1"), flush=True)
    print("querying", flush=True)
    print("query", attempt(db, "SELECT pg_sleep(300)"), flush=True)
    print("again", attempt(db, "SELECT 1"), flush=True)


if __name__ == "__main__":
    main()
