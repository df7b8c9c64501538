"""Reconcile every publishing site once the main window is up (issue 11: "at start-up").

Runs on the network lane, off the GUI thread: for each site (through its default profile if
it has one) the records are compared with the server and whatever a crash or a cut left is
completed, rolled back or removed — audited by the service.  The status bar says what came of
it; a site that cannot be reached now (no password given yet, offline) is only mentioned.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from desktop.domain.errors import UserError
from desktop.domain.workflow import Role
from desktop.ui.i18n import tr
from desktop.ui.tasks import TaskFailure, task_runner

if TYPE_CHECKING:
    from desktop.services.reconcile import ReconcileReport
    from desktop.ui.main_window import MainWindow

Results = list[tuple[str, "ReconcileReport | UserError"]]
# The reconcile (and its import of the SFTP stack, ~0.5 s of CPU) starts once the first
# screens have painted: started at once it held the queue's first paint back (bench_scale).
START_AFTER_MS = 1500


def install_startup_reconcile(window: MainWindow) -> None:
    """Start the reconcile of every site for a webmaster or an admin (no-op for others)."""
    session = window.session
    if not session.user.roles & {Role.WEBMASTER, Role.ADMIN}:
        return
    ctx, user, store = session.ctx, session.user, session.secrets.store

    def reconcile() -> Results:
        from desktop.services.reconcile import reconcile_sites

        return reconcile_sites(ctx, user, store)

    def start() -> None:
        if not getattr(window, "_cleared", False):       # not signed out meanwhile
            task_runner().network(reconcile, lambda results: _show(window, results),
                                  lambda failure: _failed(window, failure), owner=window)

    QTimer.singleShot(START_AFTER_MS, window, start)


def summary(results: Results, lang: str) -> str:
    """One line for the status bar."""
    parts = []
    for server, result in results:
        if isinstance(result, UserError):
            text = tr("SiteReconcile", "{server}: not checked ({reason})")
            parts.append(text.format(server=server, reason=result.text(lang)))
        elif result.missing:
            text = tr("SiteReconcile", "{server}: {count} recorded items are NOT on the site")
            parts.append(text.format(server=server, count=len(result.missing)))
        elif result.changed:
            text = tr("SiteReconcile", "{server}: repaired what an interrupted publish left")
            parts.append(text.format(server=server))
        else:
            parts.append(tr("SiteReconcile", "{server}: site and records agree").format(
                server=server))
    return "; ".join(parts)


def _show(window: MainWindow, results: Results) -> None:
    if results:
        window.statusBar().showMessage(summary(results, window.lang), 15000)


def _failed(window: MainWindow, failure: TaskFailure) -> None:
    if isinstance(failure.error, UserError):
        window.statusBar().showMessage(failure.error.text(window.lang), 15000)
        return
    window.show_failure(failure)
