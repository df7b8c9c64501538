"""What the main window does to the shown request: the workflow actions (a reason asked where
one is required; sign-offs through the decision flow; publishing and taking down through the
transfer queue), editing, registering and copying requests, and what follows each (the queue
and the detail reload, the status bar says what happened)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from desktop.domain.workflow import (
    EDITABLE_STATES,
    SIGN_OFF_ACTIONS,
    Action,
    RequestState,
    Role,
    label,
    transition_for,
)
from desktop.services.queue_page import RequestSummary
from desktop.ui.publish_flow import PublishController, RequestChanged
from desktop.ui.tasks import task_runner

if TYPE_CHECKING:
    from desktop.services.signoff import SignoffResult
    from desktop.ui.main_window import MainWindow


class RequestWork(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def run_action(self, action: Action) -> None:
        w = self.window
        detail = w.detail.detail
        if detail is None or detail.request.id is None:
            return
        r = detail.request
        request_id = r.id
        assert request_id is not None
        if action in SIGN_OFF_ACTIONS:
            from desktop.services.signoff import Decision
            from desktop.ui.decision_dialog import DecisionAsked

            decision = {Action.APPROVE: Decision.APPROVE, Action.REJECT: Decision.REJECT,
                        Action.REQUEST_CHANGES: Decision.REQUEST_CHANGES}[action]
            w.decisions.start(DecisionAsked(decision, request_id, r.title, r.reference))
            return
        if PublishController.handles(action):
            w.publisher.run(action, detail)
            return
        reason: str | None = None
        if transition_for(action).reason_required:
            from desktop.ui.simple_dialogs import ReasonDialog

            dialog = ReasonDialog(
                label(action, w.lang),
                self.tr("{action}: “{title}” ({reference})\nReason (the information owner "
                        "will be told):").format(action=label(action, w.lang),
                                                 title=r.title, reference=r.reference),
                [], True, w)
            if dialog.exec() != ReasonDialog.DialogCode.Accepted:
                return
            reason = dialog.reason()
        ctx, user = w.ctx, w.user

        def perform() -> RequestState:
            from desktop.services.requests import perform_action

            return perform_action(ctx, user, request_id, action, reason)

        task_runner().database(
            perform, lambda state: self.action_done(request_id, state), w.show_failure, owner=self)

    def action_done(self, request_id: int, state: RequestState) -> None:
        w = self.window
        w.statusBar().showMessage(self.tr("Done: now {state}").format(
            state=label(state, w.lang)), 8000)
        w.action_finished.emit(state)
        if w.queue.selected_id == request_id:
            w.reload_detail(request_id)
        w.refresh()

    def request_changed(self, changed: RequestChanged) -> None:
        self.action_done(changed.request_id, changed.state)

    def decision_was_recorded(self, result: SignoffResult) -> None:
        w = self.window
        w.decision_recorded.emit(result)
        shown = w.detail.detail
        request_id = shown.request.id if shown is not None else None
        if request_id is not None:
            self.action_done(request_id, result.state)
        else:
            w.refresh()

    def edit_request(self, item: RequestSummary | None) -> None:
        """Open the request dialog on an editable request (webmasters only)."""
        if item is None or Role.WEBMASTER not in self.window.user.roles \
                or item.state not in EDITABLE_STATES:
            return
        self.open_request_dialog(item.id)

    def edit_shown(self) -> None:
        shown = self.window.detail.detail
        if shown is not None and shown.request.id is not None:
            self.open_request_dialog(shown.request.id)

    def open_request_dialog(self, request_id: int | None) -> None:
        from desktop.ui.request_dialog import RequestDialog

        w = self.window
        dialog = RequestDialog(w.ctx, w.user, w.lang, request_id, w)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.request_saved.connect(self.request_saved)
        dialog.open()
        w.request_dialog_opened.emit(dialog)

    def request_saved(self, request_id: int) -> None:
        """A request was registered, saved or submitted: the queue and the detail follow it."""
        w = self.window
        w.select_request(request_id)
        w.reload_detail(request_id)
        w.queue.refresh()

    def copy_shown(self) -> None:
        w = self.window
        shown = w.detail.detail
        if shown is None or shown.request.id is None:
            return
        ctx, user, request_id = w.ctx, w.user, shown.request.id

        def copy() -> int:
            from desktop.services.request_copy import copy_into_new_draft

            return copy_into_new_draft(ctx, user, request_id)

        task_runner().database(copy, self._copied, w.show_failure, owner=self)

    def _copied(self, new_id: int) -> None:
        self.window.statusBar().showMessage(self.tr("Copied into a new draft."), 8000)
        self.request_saved(new_id)
        self.open_request_dialog(new_id)
