"""A start that paints the queue before the database layer (SQLAlchemy) is loaded.

Importing SQLAlchemy and mapping the tables takes about 0.24 s: more than twice a whole bare
``sqlite3`` process that shows the same page (docs/architecture.md, "How fast it starts").
On a profile (SQLite, or a PostgreSQL server) that is already at the newest schema and has
users, the app's start does without it until the first page of the queue has painted:

1. :func:`open_early`: the profile is opened with a plain DB-API connection (``sqlite3`` or
   ``psycopg``; the schema revision and the user count read with it); the context's ``db``
   opens at its first use;
2. :func:`check_password_early`: the sign-in row is read with it and the password checked
   (argon2, as always).  Only a success is decided here: anything else (an unknown name, a
   wrong password, a locked or disabled account) returns None and the ordinary sign-in
   decides, counts the failure and audits it.  Approvers take the ordinary sign-in too:
   their window opens on the approver inbox, which needs the database layer anyway;
3. :func:`first_page_early`: the queue's first page in its default order, and its counts;
4. then, as the first database job after that page, the audited sign-in
   (desktop/services/user_session.py ``record_sign_in``): the same ``auth.sign_in`` as ever,
   which loads the database layer, checks the account again (disabled, locked), resets the
   failure count, enrols the signing keys and writes the audit row.  It only skips argon2
   when the stored hash is the one just verified.  If it refuses, the window closes with its
   message before anything else was done in it.

Every step falls back to the ordinary path when it cannot answer: a schema to upgrade, a first
run, a filter or order other than the default, a read error.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from desktop.domain.messages import Localized
from desktop.domain.users import LockoutState, User, parse_roles
from desktop.domain.workflow import RequestState, Role
from desktop.paths import AppPaths
from desktop.services.context import AppContext, ensure_profile, load_catalogue
from desktop.services.queue_page import (
    SLA_KEYS,
    RequestQuery,
    RequestSummary,
    plain_waiting,
    summaries,
)
from desktop.store import early_read
from desktop.store.early_read import EarlyReadError

_SIGNING = frozenset({RequestState.AWAITING_APPROVAL.value, RequestState.APPROVED.value})
_UNKNOWN = Localized("", "")


def open_early(paths: AppPaths, lang: str = "th") -> AppContext | None:
    """The profile opened without the database layer, or None when the ordinary opening must
    do it (no SQLite file or PostgreSQL server to read, a schema to upgrade, nobody registered
    yet, a read error: the ordinary opening then says what is wrong)."""
    url = paths.database_url
    if early_read.sqlite_file(url) is None and early_read.postgres_conninfo(url) is None:
        return None
    ensure_profile(paths)
    try:
        connection = early_read.connect(url)
    except EarlyReadError:
        return None
    try:
        head = early_read.listed_head()
        usable = (head is not None and early_read.stored_revision(connection) == head
                  and early_read.user_count(connection) > 0)
    except EarlyReadError:
        usable = False
    if not usable:
        connection.close()
        return None
    try:
        ctx = AppContext(paths=paths, catalogue=load_catalogue(paths), lang=lang,
                         early=connection)
    except BaseException:
        connection.close()
        raise
    from desktop.services.fast_path_settings import apply_fast_path_setting

    apply_fast_path_setting(paths)     # this PC's switch for the SSH fast path
    return ctx


def check_password_early(ctx: AppContext, username: str, password: str
                         ) -> tuple[User, str] | None:
    """The person and the password hash just verified, when the sign-in succeeds for sure;
    None in every other case (the ordinary sign-in then decides and audits).  Off the GUI
    thread (argon2)."""
    connection = ctx.early
    if connection is None or ctx.loaded:
        return None
    try:
        row = early_read.sign_in_row(connection, username)
        now = early_read.server_now(connection) or ctx.now()   # (the server's, on PostgreSQL)
    except EarlyReadError:
        return None
    if row is None or not row.active:
        return None
    roles = parse_roles(row.roles)
    if Role.APPROVER in roles:        # their window opens on the approver inbox, which
        return None                   # needs the database layer anyway
    if LockoutState(row.failed_count, row.locked_until).is_locked(now):
        return None
    from desktop.keys import passwords  # (its attribute: the benchmark times argon2 there)

    if not passwords.verify_password(row.password_hash, password):
        return None
    user = User(id=row.id, username=row.username, full_name=row.full_name,
                position=row.position, roles=roles, active=True)
    return user, row.password_hash


def serves_early(ctx: AppContext, query: RequestQuery) -> bool:
    """Whether :func:`first_page_early` can answer ``query``: before the database layer is
    loaded, the first page in the default order (a state filter allowed)."""
    return (ctx.early is not None and not ctx.loaded and query.offset == 0
            and 0 < query.limit <= 1000 and query.sort == "updated" and query.descending
            and not query.category and not query.text.strip() and query.due_by is None
            and not query.ids)


def first_page_early(ctx: AppContext, query: RequestQuery, today: date
                     ) -> tuple[list[RequestSummary], int, int] | None:
    """The first page of ``query``, its count and the number due for takedown on ``today``
    (as the queue loads them through the database layer), or None when it cannot answer.

    Who acts next is said as on the ordinary page, except on rows awaiting approval or
    approved: naming the approval step needs the approval chains, so those say it once the
    queue is loaded again through the database layer (the window does that after the
    audited sign-in)."""
    connection = ctx.early
    if connection is None or not serves_early(ctx, query):
        return None
    states: Sequence[str] = [state.value for state in query.states]
    try:
        texts = early_read.stored_texts(connection, SLA_KEYS)
        rows = early_read.newest_page(connection, states, query.limit)
        total = early_read.count(connection, states)
        due = early_read.due_count(connection, today)
    except EarlyReadError:
        return None
    waiting = plain_waiting(rows)
    for row in rows:         # not known yet (see above): nothing said rather than a guess
        if row.state in _SIGNING:
            waiting[row.id] = _UNKNOWN
    return summaries(rows, texts, waiting), total, due
