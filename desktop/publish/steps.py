"""Named step boundaries of publishing and takedown, for fault-injection tests.

The publish and takedown paths call :func:`reached` at each boundary that matters for the
records and the site (before and after each rename, while an index page or feed is half
written, before and after the database commit).  It does nothing unless a hook is installed:
the fault-injection tests install one that raises or kills the process there, then check that
reconcile leaves the site and the records agreeing.
"""

from __future__ import annotations

from collections.abc import Callable

PUBLISH_RECORDED = "publish.recorded"                  # "publishing" row written
PUBLISH_BEFORE_RENAME = "publish.before_rename"
PUBLISH_AFTER_RENAME = "publish.after_rename"
PAGE_UPLOADED = "page.uploaded"                        # temporary written, not renamed yet
PAGE_RENAMED = "page.renamed"
PUBLISH_BEFORE_COMMIT = "publish.before_commit"
PUBLISH_AFTER_COMMIT = "publish.after_commit"
TAKEDOWN_RECORDED = "takedown.recorded"
TAKEDOWN_BEFORE_RENAME = "takedown.before_rename"
TAKEDOWN_AFTER_RENAME = "takedown.after_rename"
TAKEDOWN_BEFORE_COMMIT = "takedown.before_commit"
TAKEDOWN_AFTER_COMMIT = "takedown.after_commit"

Hook = Callable[[str, str], None]          # (step, detail) -> None; may raise or exit

_hooks: list[Hook] = []


def reached(step: str, detail: str = "") -> None:
    """Tell the installed hooks (if any) that ``step`` was reached."""
    for hook in list(_hooks):
        hook(step, detail)


def install(hook: Hook) -> Callable[[], None]:
    """Add a hook; returns the function that removes it."""
    _hooks.append(hook)

    def remove() -> None:
        if hook in _hooks:
            _hooks.remove(hook)
    return remove
