"""Register or edit a publication request: every field, its files, save as draft, submit.

Ctrl+S saves the draft (registered the first time, updated after); Ctrl+Enter saves and then
submits.  A failed submission leaves the saved draft as it was, shows what is missing in the
user's language and highlights those fields.  All database work runs off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.domain.request import PublicationRequest
from desktop.domain.users import User
from desktop.domain.workflow import EDITABLE_STATES, Action, RequestState, label
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.ui.attachments_widget import AttachmentsWidget
from desktop.ui.errors import show_bug
from desktop.ui.plain_text import PlainLabel, ask
from desktop.ui.request_form import RequestForm
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.tasks import TaskFailure, task_runner

_SUBMIT_ACTIONS = {RequestState.DRAFT: Action.SUBMIT, RequestState.RETURNED: Action.RESUBMIT}


class RequestDialog(QDialog):
    loaded = Signal(PublicationRequest)
    saved = Signal(PublicationRequest)       # as stored
    submitted = Signal(RequestState)         # the state after submitting
    submit_failed = Signal(UserError)
    save_failed = Signal(UserError)
    request_saved = Signal(int)              # registered, saved or submitted: its id

    def __init__(self, ctx: AppContext, user: User, lang: str, request_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestDialog")
        self.ctx, self.user, self.lang = ctx, user, lang
        self.request_id = request_id
        self.current: PublicationRequest | None = None
        self._busy = False
        self._dirty = False
        self._own_version = 0   # the version after our own latest file change
        self.form = RequestForm(ctx.catalogue, lang, ctx.today(), self)
        self.attachments = AttachmentsWidget(ctx, user, lang, self)
        self.attachments.set_request_provider(self._ensure_saved)
        self.attachments.busy_changed.connect(lambda _b: self._update_buttons())
        self.attachments.failed.connect(self._bug)
        self.attachments.files_changed.connect(self._refresh_version)
        self.form.changed.connect(self._mark_dirty)
        self._build()
        self.setWindowTitle(self.tr("Publication request"))
        if request_id is None:
            self._start_new()
        else:
            self._load(request_id)

    # ----- building -----
    def _build(self) -> None:
        self.header = PlainLabel()
        self.header.setObjectName("requestHeader")
        self.header.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.files_box = files_box = QGroupBox()
        self.form.required_changed.connect(self._files_required)
        self._files_required(self.form.required_fields())
        files_layout = QVBoxLayout(files_box)
        files_layout.addWidget(self.attachments)
        right = QVBoxLayout()
        right.addWidget(self.form.requester_box)
        right.addWidget(files_box, 1)
        body_widget = QWidget()
        body = QHBoxLayout(body_widget)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.form.content_box, 5)
        body.addLayout(right, 6)
        scroll = QScrollArea()
        scroll.setObjectName("requestScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body_widget)

        self.message = PlainLabel()
        self.message.setObjectName("requestMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setVisible(False)
        self.note = PlainLabel(self.tr("* required for this category"))
        self.note.setStyleSheet("color: #1e40af;")
        self.save_button = QPushButton(self.tr("Save &draft"))
        self.save_button.setObjectName("saveDraftButton")
        self.save_button.setToolTip("Ctrl+S")
        self.submit_button = QPushButton(self.tr("Sub&mit"))
        self.submit_button.setObjectName("submitButton")
        self.submit_button.setToolTip("Ctrl+Enter")
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("closeButton")
        for button in (self.save_button, self.submit_button, self.close_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.save_button.clicked.connect(lambda: self.save_draft())
        self.submit_button.clicked.connect(self.submit)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note)
        buttons.addStretch(1)
        for button in (self.save_button, self.submit_button, self.close_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(scroll, 1)
        self.reload_button = QPushButton(self.tr("&Reload"))
        self.reload_button.setObjectName("reloadButton")
        self.reload_button.setToolTip(self.tr("Load the request as it is now stored (what you "
                                              "typed since the last save is replaced)"))
        self.reload_button.setVisible(False)
        self.reload_button.clicked.connect(self.reload)
        message_row = QHBoxLayout()
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.reload_button)
        layout.addLayout(message_row)
        layout.addLayout(buttons)

        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save.activated.connect(lambda: self.save_draft())
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.submit)

        chain: list[QWidget] = [*self.form.tab_chain(), self.attachments.add_button,
                                self.attachments.add_folder_button,
                                self.attachments.paper_button, self.attachments.table,
                                self.attachments.caption, self.attachments.alt_text,
                                self.save_button, self.submit_button, self.close_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        fit_to_screen(self, 1360, 880)

    def _files_required(self, names: tuple[str, ...]) -> None:
        required = "attachments" in names
        self.files_box.setTitle(self.tr("Attachments") + (" *" if required else ""))

    def _start_new(self) -> None:
        self.form.start_new(self.ctx.now())
        self._show_header()
        self._update_buttons()
        self.form.widgets["title"].setFocus()

    def _load(self, request_id: int) -> None:
        self._set_busy(True)
        ctx, user = self.ctx, self.user
        task_runner().database(lambda: rq.get_request(ctx, user, request_id), self._loaded,
                               self._failed_save)

    def reload(self) -> None:
        """Show the request as stored now (after someone else changed it)."""
        if self.request_id is not None:
            self.reload_button.setVisible(False)
            self.show_message("")
            self._load(self.request_id)

    def _refresh_version(self) -> None:
        """Our own attachment change moved the request's version on: keep up with it.

        The version is read on the database worker right after the change, and kept where the
        next save (queued behind it on the same worker) picks it up."""
        if self.request_id is None:
            return
        ctx, user, rid = self.ctx, self.user, self.request_id

        def read() -> PublicationRequest:
            stored = rq.get_request(ctx, user, rid).request
            self._own_version = stored.version
            return stored

        task_runner().database(read, self._version_arrived, self._failed_save)

    def _version_arrived(self, stored: PublicationRequest) -> None:
        if self.current is not None and stored.version > self.current.version:
            self.current = self.current.with_changes(version=stored.version, state=stored.state)

    def _loaded(self, detail: rq.RequestDetail) -> None:
        self._set_busy(False)
        self.current = detail.request
        self.form.load(detail.request)
        self._dirty = False
        self.attachments.set_request(self.request_id)
        editable = detail.request.state in EDITABLE_STATES
        self.form.setEnabled(editable)
        self.attachments.set_read_only(not editable)
        self._show_header()
        self._update_buttons()
        self.loaded.emit(detail.request)

    # ----- state of the buttons and the header -----
    def _show_header(self) -> None:
        if self.current is None:
            self.header.setText(self.tr("New request"))
            return
        self.header.setText(self.tr("Request {reference} — {state}").format(
            reference=self.current.reference, state=label(self.current.state, self.lang)))

    def submit_action(self) -> Action | None:
        state = self.current.state if self.current is not None else RequestState.DRAFT
        return _SUBMIT_ACTIONS.get(state)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self._busy or self.attachments.busy
        editable = self.current is None or self.current.state in EDITABLE_STATES
        self.save_button.setEnabled(not busy and editable)
        self.submit_button.setVisible(self.submit_action() is not None)
        self.submit_button.setEnabled(not busy and self.submit_action() is not None)

    def _mark_dirty(self) -> None:
        self._dirty = True

    def show_message(self, text: str, error: bool = True) -> None:
        colours = ("#fef2f2", "#991b1b", "#fecaca") if error else ("#f0fdf4", "#166534",
                                                                   "#bbf7d0")
        self.message.setStyleSheet(f"background: {colours[0]}; color: {colours[1]}; "
                                   f"border: 1px solid {colours[2]}; padding: 6px;")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # ----- save and submit -----
    def save_draft(self, then: Callable[[PublicationRequest], None] | None = None) -> None:
        """Register the first time, update after; ``then(stored)`` runs once it is saved."""
        if self._busy:
            return
        try:
            request = self.form.to_request(self.current)
        except UserError as exc:
            self.show_message(exc.text(self.lang))
            self.save_failed.emit(exc)
            return
        self.form.clear_highlight()
        rid = self.request_id
        ctx, user = self.ctx, self.user

        def job() -> PublicationRequest:
            if rid is None:
                new_id = rq.register_request(ctx, user, request)
                return rq.get_request(ctx, user, new_id).request
            version = max(request.version, self._own_version)
            return rq.update_request(ctx, user, rid, request.with_changes(version=version))

        self._set_busy(True)
        task_runner().database(job, lambda stored: self._saved(stored, then), self._failed_save,
                               owner=self)

    def _saved(self, stored: PublicationRequest,
               then: Callable[[PublicationRequest], None] | None) -> None:
        self._set_busy(False)
        self.request_id = stored.id
        self.current = stored
        self.attachments.request_id = stored.id
        self._dirty = False
        self._show_header()
        self._update_buttons()
        self.show_message(self.tr("Saved as draft: {reference}").format(
            reference=stored.reference) if stored.state == RequestState.DRAFT else
            self.tr("Saved: {reference}").format(reference=stored.reference), error=False)
        self.saved.emit(stored)
        if stored.id is not None:
            self.request_saved.emit(stored.id)
        if then is not None:
            then(stored)

    def _failed_save(self, failure: TaskFailure) -> None:
        self._set_busy(False)
        if isinstance(failure.error, UserError):
            self._show_user_error(failure.error)
            self.save_failed.emit(failure.error)
        else:
            self._bug(failure)

    def _show_user_error(self, error: UserError) -> None:
        self.show_message(error.text(self.lang))
        self.reload_button.setVisible(error.code == "stale_edit")
        names = error.params.get("names")
        if isinstance(names, list):
            self.form.highlight([str(n) for n in names])
            missing_files = "attachments" in names
            self.attachments.table.setProperty("missing", missing_files)
            self.attachments.table.setStyleSheet("border: 2px solid #dc2626;"
                                                 if missing_files else "")

    def _ensure_saved(self, then: Callable[[int], None]) -> None:
        """The attachment list needs a request id: save the draft first (a title is enough)."""
        if self.request_id is not None and not self._dirty:
            then(self.request_id)
            return
        if not self.form.line("title").text().strip():
            self.show_message(UserError("title_needed_to_attach").text(self.lang))
            self.form.highlight(["title"])
            return
        self.save_draft(lambda stored: then(stored.id) if stored.id is not None else None)

    def submit(self) -> None:
        if self._busy or self.attachments.busy or self.submit_action() is None:
            return
        self.save_draft(self._fire_submit)

    def _fire_submit(self, stored: PublicationRequest) -> None:
        action = self.submit_action()
        if action is None or stored.id is None:
            return
        rid = stored.id
        self._set_busy(True)
        ctx, user = self.ctx, self.user
        task_runner().database(lambda: rq.perform_action(ctx, user, rid, action),
                               self._submitted, self._submit_failed)

    def _submitted(self, state: RequestState) -> None:
        self._set_busy(False)
        if self.current is not None:
            self.current = self.current.with_changes(state=state)
        self._show_header()
        self.show_message(self.tr("Submitted: now {state}").format(
            state=label(state, self.lang)), error=False)
        self.submitted.emit(state)
        if self.request_id is not None:
            self.request_saved.emit(self.request_id)
        self.done(QDialog.DialogCode.Accepted)

    def _submit_failed(self, failure: TaskFailure) -> None:
        self._set_busy(False)
        if isinstance(failure.error, UserError):
            self._show_user_error(failure.error)
            self.submit_failed.emit(failure.error)
        else:
            self._bug(failure)

    def _bug(self, failure: TaskFailure) -> None:
        show_bug(self, self.ctx.paths, failure.exc_info)

    # ----- closing -----
    def reject(self) -> None:
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._dirty and self.form.isEnabled():
            answer = ask(
                self, self.windowTitle(), self.tr("Save the changes as a draft?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Cancel:
                event.ignore()
                return
            if answer == QMessageBox.StandardButton.Save:
                event.ignore()
                self.save_draft(lambda _s: None if self.close() else None)
                return
            self._dirty = False
        event.accept()
        self.done(QDialog.DialogCode.Accepted if self.request_id is not None
                  else QDialog.DialogCode.Rejected)
