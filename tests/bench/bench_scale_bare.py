"""The baselines of bench_scale.py: the bare SQL a hand-written screen needs for each step (DB-API,
no WebDesk code) and such a screen itself (a QTableWidget and a QTextBrowser filled from it).

Imports no WebDesk module: the bare process of bench_scale.py and the window process of
bench_scale_window.py both use it.
"""

from __future__ import annotations

import html
from typing import Any

WORD = "ประชาสัมพันธ์"
PAGE = 200
PAGE_COLUMNS = ("id, reference, title, category, state, requester_unit, received_at, "
                "expiry_date, updated_at, (SELECT count(*) FROM attachments a WHERE "
                "a.request_id = r.id AND a.superseded_at IS NULL)")
Statements = list[tuple[str, tuple[Any, ...]]]


def bare_connection(url: str) -> Any:
    """A DB-API connection (sqlite3 or psycopg, autocommit) to the benchmark's database."""
    if url.startswith("sqlite"):
        import sqlite3

        return sqlite3.connect(url.split("///", 1)[1])
    import psycopg

    return psycopg.connect(url.replace("+psycopg", ""), autocommit=True)


def bare_queries(url: str, request_id: int = 1) -> dict[str, Statements]:
    """For each step, the statements a hand-written screen runs: the page first (then its
    count); for the detail the request, its current files, its history and who checked or
    edited it (the window needs those to know which actions to offer)."""
    sqlite = url.startswith("sqlite")
    p = "?" if sqlite else "%s"
    page = f"SELECT {PAGE_COLUMNS} FROM requests r"
    newest = f" ORDER BY updated_at DESC, id DESC LIMIT {PAGE}"
    if sqlite:
        match = ("id IN (SELECT rowid FROM search_requests WHERE search_requests MATCH "
                 f"{p})")
        word: tuple[Any, ...] = (f'"{WORD}"',)
    else:
        match = ("webdesk_request_grams(title, reference, requester_unit, requester_name) "
                 f"@> webdesk_grams({p}) AND (title ILIKE {p} OR reference ILIKE {p} OR "
                 f"requester_unit ILIKE {p} OR requester_name ILIKE {p})")
        word = (WORD, *[f"%{WORD}%"] * 4)
    one = (request_id,)
    return {
        "start": [(page + newest, ()), ("SELECT count(*) FROM requests", ())],
        "thai_filter": [(f"{page} WHERE {match}{newest}", word),
                        (f"SELECT count(*) FROM requests WHERE {match}", word)],
        "sort_due": [(f"{page} ORDER BY received_at ASC, id ASC LIMIT {PAGE}", ())],
        "open_detail": [(f"SELECT * FROM requests WHERE id = {p}", one),
                        (f"SELECT * FROM attachments WHERE request_id = {p} "
                         "AND superseded_at IS NULL ORDER BY position", one),
                        (f"SELECT * FROM audit_log WHERE request_id = {p} ORDER BY id", one),
                        (f"SELECT user_id FROM request_checkers WHERE request_id = {p}", one),
                        (f"SELECT user_id FROM request_editors WHERE request_id = {p}", one)],
    }


def run_statements(connection: Any, statements: Statements) -> list[list[tuple[Any, ...]]]:
    return [list(connection.execute(sql, args).fetchall()) for sql, args in statements]


def fill_table(table: Any, rows: list[tuple[Any, ...]]) -> None:
    """Rows of ``PAGE_COLUMNS`` into a QTableWidget: the eight shown columns as text."""
    from PySide6.QtWidgets import QTableWidgetItem

    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row[1:9]):
            table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))


def detail_html(results: list[list[tuple[Any, ...]]]) -> str:
    """The request's fields, its files and its history as the bare screen's HTML."""
    request, files, history, checkers, editors = results
    parts = ["<table>"] + [f"<tr><td>{html.escape(str(v))}</td></tr>" for v in request[0]]
    parts += ["</table><h3>files</h3><ul>"]
    parts += [f"<li>{html.escape(str(f[3]))} ({f[7]} bytes)</li>" for f in files]
    parts += ["</ul><h3>history</h3><ul>"]
    parts += [f"<li>{html.escape(str(h[1]))} {html.escape(str(h[5]))}</li>" for h in history]
    parts += [f"</ul><p>checked by {[c[0] for c in checkers]}, "
              f"edited by {[e[0] for e in editors]}</p>"]
    return "".join(parts)


class BareScreen:
    """A hand-written screen over the bare SQL: a table and a text view in one window."""

    def __init__(self, url: str) -> None:
        from PySide6.QtWidgets import QHBoxLayout, QTableWidget, QTextBrowser, QWidget

        self.url = url
        self.connection = bare_connection(url)
        self.window = QWidget()
        self.table = QTableWidget(0, 8)
        self.text = QTextBrowser()
        layout = QHBoxLayout(self.window)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.text, 1)
        self.window.resize(1360, 800)

    def show_page(self, step: str) -> None:
        """Run the step's statements and show the page (its count is read, not shown)."""
        fill_table(self.table, run_statements(self.connection, bare_queries(self.url)[step])[0])

    def show_detail(self, request_id: int) -> None:
        results = run_statements(self.connection,
                                 bare_queries(self.url, request_id)["open_detail"])
        self.text.setHtml(detail_html(results))

    def close(self) -> None:
        self.window.close()
        self.connection.close()
