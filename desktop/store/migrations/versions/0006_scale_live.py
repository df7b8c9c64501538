"""many PCs, years of requests: an index behind every queue sort and filter, the Thai text
search index, and (PostgreSQL) a notification to the other PCs on every change

SQLite: an FTS5 table with the trigram tokenizer over the searched columns, kept in step by
triggers.  PostgreSQL: a GIN index over the request's character trigrams (an immutable SQL
function), and NOTIFY webdesk_changes after every statement that appends to the audit log or
takes or frees a publish lock (desktop/store/change_feed.py listens).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

QUEUE_INDEXES = {
    "ix_requests_updated_at_id": ["updated_at", "id"],
    "ix_requests_received_at_id": ["received_at", "id"],
    "ix_requests_title_id": ["title", "id"],
    "ix_requests_requester_unit_id": ["requester_unit", "id"],
    "ix_requests_state_updated_at_id": ["state", "updated_at", "id"],
}
SEARCHED = ("title", "reference", "requester_unit", "requester_name")
COLUMNS = ", ".join(SEARCHED)


def _sqlite_search() -> list[str]:
    """A contentless FTS5 trigram index of the lower-cased columns (SQLite's lower(), the one
    the queue's LIKE uses), case-sensitive: a phrase match is then exactly
    ``lower(column) LIKE '%' || lower(text) || '%'``."""
    new = ", ".join(f"lower(new.{name})" for name in SEARCHED)
    old = ", ".join(f"lower(old.{name})" for name in SEARCHED)
    insert = f"INSERT INTO search_requests(rowid, {COLUMNS}) VALUES (new.id, {new});"
    delete = (f"INSERT INTO search_requests(search_requests, rowid, {COLUMNS}) "
              f"VALUES ('delete', old.id, {old});")
    lowered = ", ".join(f"lower({name})" for name in SEARCHED)
    return [
        f"CREATE VIRTUAL TABLE search_requests USING fts5({COLUMNS}, content='', "
        "tokenize='trigram case_sensitive 1')",
        f"CREATE TRIGGER search_requests_insert AFTER INSERT ON requests BEGIN {insert} END",
        f"CREATE TRIGGER search_requests_delete AFTER DELETE ON requests BEGIN {delete} END",
        f"CREATE TRIGGER search_requests_update AFTER UPDATE OF {COLUMNS} ON requests "
        f"BEGIN {delete} {insert} END",
        f"INSERT INTO search_requests(rowid, {COLUMNS}) SELECT id, {lowered} FROM requests",
    ]


def _grams_function(name: str, arguments: str, whole: str) -> str:
    """The distinct lower-cased character trigrams of ``whole``.  The body names only
    pg_catalog functions: pg_restore runs with an empty search_path."""
    return f"""CREATE OR REPLACE FUNCTION {name}({arguments}) RETURNS text[]
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT coalesce(array_agg(DISTINCT substr(whole, i, 3)), '{{}}')
          FROM (SELECT lower({whole}) AS whole) AS t,
               generate_series(1, char_length(whole) - 2) AS i
        $$"""


def _postgresql_search() -> list[str]:
    arguments = ", ".join(f"{name} text" for name in SEARCHED)
    joined = " || ' ' || ".join(f"coalesce({name}, '')" for name in SEARCHED)
    return [
        _grams_function("webdesk_grams", "value text", "coalesce(value, '')"),
        _grams_function("webdesk_request_grams", arguments, joined),
        f"CREATE INDEX search_requests_grams ON requests USING gin "
        f"(webdesk_request_grams({COLUMNS}))",
    ]


NOTIFY_TRIGGERS = {"audit_log_notify": ("audit_log", "INSERT"),
                   "publish_locks_notify": ("publish_locks", "INSERT OR UPDATE OR DELETE")}


def _postgresql_notify() -> list[str]:
    statements = ["""
        CREATE OR REPLACE FUNCTION webdesk_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('webdesk_changes', TG_TABLE_NAME);
            RETURN NULL;
        END $$
    """]
    for trigger, (table, events) in NOTIFY_TRIGGERS.items():
        statements.append(f"CREATE TRIGGER {trigger} AFTER {events} ON {table} "
                          "FOR EACH STATEMENT EXECUTE FUNCTION webdesk_notify_change()")
    return statements


def upgrade() -> None:
    for name, columns in QUEUE_INDEXES.items():
        op.create_index(name, "requests", columns, unique=False)
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        statements = _sqlite_search()
    elif dialect == "postgresql":
        statements = _postgresql_search() + _postgresql_notify()
    else:
        statements = []
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for what in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS search_requests_{what}")
        op.execute("DROP TABLE IF EXISTS search_requests")
    elif dialect == "postgresql":
        for trigger, (table, _events) in NOTIFY_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS webdesk_notify_change()")
        op.execute("DROP INDEX IF EXISTS search_requests_grams")
        op.execute("DROP FUNCTION IF EXISTS webdesk_request_grams(text, text, text, text)")
        op.execute("DROP FUNCTION IF EXISTS webdesk_grams(text)")
    for name in reversed(QUEUE_INDEXES):
        op.drop_index(name, table_name="requests")
