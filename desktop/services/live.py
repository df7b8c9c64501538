"""Live updates for a window: what changed in the shared queue since it last looked, heard
from the database (desktop/store/change_feed.py), sorted into what a screen needs to redo.

    feed = live.watch(ctx, on_changes, on_status)    # on the feed's thread
    ...
    feed.stop()

``on_changes`` receives :class:`QueueChanges`; it is called on the feed's own thread (a Qt
window hands it to the GUI thread with a signal).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:     # (the feed, and with it the database layer, is imported by watch())
    from desktop.services.context import AppContext
    from desktop.store.change_feed import Change, ChangeFeed

# Actions without a request that change who may sign what (the approver inbox).
INBOX_ACTIONS = frozenset({"delegation_created", "delegation_revoked", "approval_chain_set",
                           "user_created", "user_disabled", "user_enabled", "user_roles_set",
                           "categories_changed", "settings_changed"})


@dataclass(frozen=True)
class QueueChanges:
    request_ids: frozenset[int]     # requests that changed (new ones too)
    inbox: bool                     # who may sign what may have changed
    locks: bool                     # a publish lock was taken or freed
    workstations: frozenset[str]    # where the changes were made
    last_audit_id: int | None
    everything: bool = False        # anything may have changed (see :func:`catch_up`)

    @property
    def queue(self) -> bool:
        """The queue's rows may differ (a request was added or changed)."""
        return bool(self.request_ids) or self.everything

    @property
    def anything(self) -> bool:
        return self.queue or self.inbox or self.locks


def catch_up() -> QueueChanges:
    """What a window applies once when its feed first connects: the feed reports what
    commits after that moment, and the window loaded its rows a little before it (on the
    database worker, while the feed's thread was connecting) — a change committed in
    between would otherwise show only with the next one."""
    return QueueChanges(request_ids=frozenset(), inbox=True, locks=True,
                        workstations=frozenset(), last_audit_id=None, everything=True)


def sort_changes(changes: Iterable[Change]) -> QueueChanges:
    items = list(changes)
    ids = frozenset(c.request_id for c in items if c.request_id is not None)
    audit_ids = [c.audit_id for c in items if c.audit_id is not None]
    return QueueChanges(
        request_ids=ids,
        inbox=bool(ids) or any(c.action in INBOX_ACTIONS for c in items),
        locks=any(c.action == "lock" for c in items),
        workstations=frozenset(c.workstation for c in items if c.workstation),
        last_audit_id=max(audit_ids) if audit_ids else None)


@dataclass
class LiveFeed:
    feed: ChangeFeed

    @property
    def connected(self) -> bool:
        return self.feed.connected

    def stop(self) -> None:
        self.feed.stop()


def watch(ctx: AppContext, on_changes: Callable[[QueueChanges], None],
          on_status: Callable[[bool], None] | None = None, *,
          except_by: str | None = None, poll_seconds: float = 0.25) -> LiveFeed:
    """Start hearing the changes committed from now on (by any PC, this one included).
    ``except_by``: leave out what this user did on this workstation (the window that did it
    has shown it already)."""
    from desktop.store.change_feed import ChangeFeed

    def heard(changes: list[Change]) -> None:
        kept = [c for c in changes if except_by is None
                or (c.actor_name, c.workstation) != (except_by, ctx.workstation)]
        sorted_changes = sort_changes(kept)
        if sorted_changes.anything:
            on_changes(sorted_changes)

    feed = ChangeFeed(ctx.paths.database_url, heard, on_status=on_status,
                      poll_seconds=poll_seconds)
    return LiveFeed(feed.start())
