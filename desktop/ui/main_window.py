"""The main window: the queue (paged), filters, the detail pane and the allowed actions."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.domain.users import User
from desktop.domain.workflow import (
    SIGN_OFF_ACTIONS,
    Action,
    RequestState,
    Role,
    label,
    transition_for,
)
from desktop.services import auth
from desktop.services import requests as rq
from desktop.services.attachments import read_blob
from desktop.services.context import AppContext
from desktop.services.preview_data import RequestPreviewData, load_request_preview
from desktop.services.render_cache_settings import render_cache_for
from desktop.services.signoff import Decision
from desktop.ui.decision_dialog import run_decision
from desktop.ui.detail_pane import RequestDetailPane
from desktop.ui.errors import show_bug, show_user_error
from desktop.ui.i18n import install_translator
from desktop.ui.operations import OperationRunner, OpFailure
from desktop.ui.request_table_model import RequestTableModel
from desktop.ui.simple_dialogs import ReasonDialog

PAGE_SIZE = 200
_DECISIONS = {Action.APPROVE: Decision.APPROVE, Action.REJECT: Decision.REJECT,
              Action.REQUEST_CHANGES: Decision.REQUEST_CHANGES}


class MainWindow(QMainWindow):
    queue_loaded = Signal(int)         # total rows matching the filters
    detail_loaded = Signal(object)     # RequestDetail
    preview_loaded = Signal(object)    # RequestPreviewData
    request_dialog_opened = Signal(object)  # RequestDialog
    action_finished = Signal(object)   # RequestState
    sign_out_requested = Signal()
    lang_changed = Signal(str)
    decision_recorded = Signal(object)  # SignoffResult (shared PCs lock after it)
    form_written = Signal(object)       # Path of the official form PDF

    def __init__(self, ctx: AppContext, user: User, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.ctx = ctx
        self.user = user
        self.lang = lang
        self.runner = OperationRunner(self)
        self._selected_id: int | None = None
        self.model = RequestTableModel(ctx.catalogue, lang, self)
        self.model.set_today(ctx.today())
        self.model.more_requested.connect(self._load_more)
        self._build()
        self._retranslate()
        self.resize(1280, 780)
        self.refresh()

    # ----- building -----
    def _build(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.new_action = QAction(self)
        self.new_action.setObjectName("newRequestAction")
        self.new_action.triggered.connect(self.new_request)
        self.new_action.setVisible(Role.WEBMASTER in self.user.roles)
        self.refresh_action = QAction(self)
        self.refresh_action.triggered.connect(self.refresh)
        self.lang_action = QAction(self)
        self.lang_action.setObjectName("languageAction")
        self.lang_action.triggered.connect(self.toggle_language)
        self.sign_out_action = QAction(self)
        self.sign_out_action.setObjectName("signOutAction")
        self.sign_out_action.triggered.connect(self.sign_out)
        self.form_action = QAction(self)
        self.form_action.setObjectName("printFormAction")
        self.form_action.triggered.connect(self._print_selected)
        self.notice_action = QAction(self)
        self.notice_action.setObjectName("noticeAction")
        self.notice_action.setVisible(Role.WEBMASTER in self.user.roles)
        self.notice_action.triggered.connect(self._notice_selected)
        self.publish_all_action = QAction(self)
        self.publish_all_action.setObjectName("publishAllAction")
        self.publish_all_action.setVisible(Role.WEBMASTER in self.user.roles)
        self.publish_all_action.triggered.connect(self.publish_all_approved)
        self.servers_action = QAction(self)
        self.servers_action.setObjectName("serversAction")
        self.servers_action.setVisible(Role.ADMIN in self.user.roles)
        self.servers_action.triggered.connect(self.edit_servers)
        self.chains_action = QAction(self)
        self.chains_action.setObjectName("chainsAction")
        self.chains_action.setVisible(Role.ADMIN in self.user.roles)
        self.chains_action.triggered.connect(self.edit_chains)
        for action in (self.new_action, self.refresh_action, self.publish_all_action,
                       self.form_action, self.notice_action, self.servers_action,
                       self.chains_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        for action in (self.lang_action, self.sign_out_action):
            self.toolbar.addAction(action)

        self.state_filter = QComboBox()
        self.state_filter.setObjectName("stateFilter")
        self.category_filter = QComboBox()
        self.category_filter.setObjectName("categoryFilter")
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.state_label = QLabel()
        self.category_label = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(self.state_label)
        filters.addWidget(self.state_filter)
        filters.addWidget(self.category_label)
        filters.addWidget(self.category_filter, 1)
        filters.addWidget(self.search, 2)

        self.table = QTableView()
        self.table.setObjectName("queueTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 118), (2, 140), (3, 130), (4, 140), (5, 96), (6, 96), (7, 44)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda index: self.edit_request(
            self.model.row_at(index.row())))

        self.detail = RequestDetailPane(self.ctx.catalogue, self.lang,
                                        load_bytes=self._load_blob,
                                        cache=render_cache_for(self.ctx.paths))
        self.detail.action_triggered.connect(self.run_action)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([860, 420])
        from desktop.ui.approver_inbox import install_inbox_tab
        self.inbox = install_inbox_tab(self, splitter)  # approvers: inbox and queue in tabs
        self.user_label = QLabel()
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addWidget(self.user_label)
        self._fill_filters()
        self.state_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.category_filter.currentIndexChanged.connect(lambda _i: self.refresh())

    def _fill_filters(self) -> None:
        state = self.state_filter.currentData()
        category = self.category_filter.currentData()
        for combo in (self.state_filter, self.category_filter):
            combo.blockSignals(True)
            combo.clear()
        self.state_filter.addItem(self.tr("All states"), None)
        self.state_filter.addItem(self.tr("Open (to do)"), "open")
        self.state_filter.addItem(self.tr("Due for takedown"), "due")
        for s in RequestState:
            self.state_filter.addItem(label(s, self.lang), s.value)
        self.category_filter.addItem(self.tr("All categories"), "")
        for c in self.ctx.catalogue.categories:
            self.category_filter.addItem(c.name(self.lang), c.code)
        for combo, value in ((self.state_filter, state), (self.category_filter, category)):
            index = combo.findData(value)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("WebDesk — website publication requests"))
        self.new_action.setText(self.tr("New request"))
        self.refresh_action.setText(self.tr("Refresh"))
        self.publish_all_action.setText(self.tr("Publish all approved…"))
        self.servers_action.setText(self.tr("Publishing server…"))
        self.chains_action.setText(self.tr("Approval steps…"))
        self.form_action.setText(QCoreApplication.translate("ApproverInboxWidget",
                                                            "Print form (PDF)"))
        self.notice_action.setText(QCoreApplication.translate("NoticeDialog",
                                                              "Notice to owner…"))
        self.lang_action.setText("English" if self.lang == "th" else "ภาษาไทย")
        self.sign_out_action.setText(self.tr("Sign out / switch user"))
        self.state_label.setText(self.tr("State"))
        self.category_label.setText(self.tr("Category"))
        self.search.setPlaceholderText(self.tr("Search title, reference, unit…"))
        roles = ", ".join(label(r, self.lang) for r in sorted(self.user.roles))
        self.user_label.setText(self.tr("Signed in: {name} ({roles})")
                                .format(name=self.user.full_name, roles=roles))
        self._fill_filters()
        self.model.set_lang(self.lang)
        self.detail.set_lang(self.lang)
        if self.inbox is not None:
            self.inbox.set_lang(self.lang)
            self.inbox.retitle()  # type: ignore[attr-defined]
        self._update_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # ----- queries -----
    def current_query(self, offset: int = 0) -> rq.RequestQuery:
        value = self.state_filter.currentData()
        if value == "open":
            states: tuple[RequestState, ...] = (
                RequestState.DRAFT, RequestState.SUBMITTED, RequestState.IN_REVIEW,
                RequestState.RETURNED, RequestState.AWAITING_APPROVAL, RequestState.APPROVED)
        elif value and value != "due":
            states = (RequestState(value),)
        else:
            states = ()
        return rq.RequestQuery(states=states, category=self.category_filter.currentData() or "",
                               text=self.search.text(), offset=offset, limit=PAGE_SIZE,
                               due_by=self.ctx.today() if value == "due" else None)

    def refresh(self) -> None:
        query = self.current_query()

        due_query = rq.RequestQuery(due_by=self.ctx.today())

        def load() -> tuple[list[rq.RequestSummary], int, int]:
            return (rq.list_requests(self.ctx, query), rq.count_requests(self.ctx, query),
                    rq.count_requests(self.ctx, due_query))

        self._run(load, self._queue_arrived)

    def _queue_arrived(self, result: tuple[list[rq.RequestSummary], int, int]) -> None:
        rows, total, self._due_count = result
        self.model.set_rows(rows, total)
        self._update_count()
        if self._selected_id is not None:
            row = self.model.row_of(self._selected_id)
            if row >= 0:
                self.table.selectRow(row)
            else:
                self._selected_id = None
                self.detail.clear()
        self.queue_loaded.emit(total)

    def _load_more(self, offset: int) -> None:
        query = self.current_query(offset)
        self._run(lambda: rq.list_requests(self.ctx, query), self.model.append_rows)

    def _update_count(self) -> None:
        text = self.tr("{shown} of {total} requests").format(shown=self.model.rowCount(),
                                                              total=self.model.total)
        due = getattr(self, "_due_count", 0)
        if due:
            text = self.tr("⚠ {due} due for takedown").format(due=due) + "  ·  " + text
        self.count_label.setText(text)

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        item = self.model.row_at(indexes[0].row()) if indexes else None
        if item is None:
            return
        if item.id != self._selected_id or self.detail.detail is None:
            self._selected_id = item.id
            self.load_detail(item.id)

    def select_request(self, request_id: int) -> None:
        row = self.model.row_of(request_id)
        if row >= 0:
            self.table.selectRow(row)

    def load_detail(self, request_id: int) -> None:
        self._run(lambda: rq.get_request(self.ctx, self.user, request_id), self._detail_arrived)

    def _detail_arrived(self, detail: rq.RequestDetail) -> None:
        if detail.request.id == self._selected_id:
            self.detail.show_detail(detail)
            self.detail_loaded.emit(detail)
            request_id = detail.request.id
            assert request_id is not None
            self._run(lambda: load_request_preview(self.ctx, request_id), self._preview_arrived)

    def _preview_arrived(self, data: RequestPreviewData) -> None:
        self.detail.set_preview(data)
        self.preview_loaded.emit(data)

    def _load_blob(self, sha256: str, on_loaded: Callable[[bytes], None]) -> None:
        self._run(lambda: read_blob(self.ctx, sha256), on_loaded)

    # ----- actions -----
    def edit_servers(self) -> None:
        from desktop.ui import publish_flow
        from desktop.ui.server_dialog import ServerDialog

        dialog = ServerDialog(self.ctx, self.user, self.lang,
                              publish_flow.session_credentials(self), self.runner, self)
        dialog.show()

    def edit_chains(self) -> None:
        from desktop.ui.approval_chain_dialog import ApprovalChainDialog

        ApprovalChainDialog(self.ctx, self.user, self.lang, self.runner, self._failed,
                            self).show()

    def edit_request(self, item: rq.RequestSummary | None) -> None:
        """Open the request dialog on an editable request (webmasters only)."""
        from desktop.domain.workflow import EDITABLE_STATES
        from desktop.ui.request_dialog import RequestDialog

        if item is None or Role.WEBMASTER not in self.user.roles \
                or item.state not in EDITABLE_STATES:
            return
        dialog = RequestDialog(self.ctx, self.user, self.lang, item.id, self)
        dialog.finished.connect(lambda _code: self._after_edit(item.id))
        dialog.open()
        self.request_dialog_opened.emit(dialog)

    def _after_edit(self, request_id: int) -> None:
        self.load_detail(request_id)
        self.refresh()

    def publish_all_approved(self) -> None:
        """Queue every approved request for upload (one dialog, per-item and queue progress)."""
        from desktop.ui import publish_flow

        query = rq.RequestQuery(states=(RequestState.APPROVED,), limit=1000)
        self._run(lambda: rq.list_requests(self.ctx, query),
                  lambda rows: publish_flow.publish_rows(self, rows))

    def run_action(self, action: Action) -> None:
        detail = self.detail.detail
        if detail is None or detail.request.id is None:
            return
        request_id = detail.request.id
        if action in SIGN_OFF_ACTIONS:
            self._decide(action, detail)
            return
        from desktop.ui import publish_flow

        if publish_flow.handles(action):
            publish_flow.run(self, action, detail)
            return
        reason: str | None = None
        if transition_for(action).reason_required or action == Action.TAKE_DOWN:
            dialog = ReasonDialog(label(action, self.lang),
                                  self.tr("Reason (the information owner will be told):"), [],
                                  transition_for(action).reason_required, self)
            if dialog.exec() != ReasonDialog.DialogCode.Accepted:
                return
            reason = dialog.reason()
        self._run(lambda: rq.perform_action(self.ctx, self.user, request_id, action, reason),
                  self._action_done)

    def _decide(self, action: Action, detail: rq.RequestDetail) -> None:
        request_id = detail.request.id
        assert request_id is not None
        try:
            result = run_decision(self, self.ctx, self.user, self.lang, _DECISIONS[action],
                                  request_id, detail.request.title, self.runner, self._failed)
        except UserError as exc:
            show_user_error(self, exc, self.lang)
            return
        if result is not None:
            self.decision_recorded.emit(result)
            self._action_done(result.state)

    def _print_selected(self) -> None:
        if self._selected_id is not None:
            self.print_form(self._selected_id)

    def _notice_selected(self) -> None:
        from desktop.ui.notice_dialog import open_notice

        if self._selected_id is not None:
            open_notice(self, self.ctx, self.user, self.lang, self.runner, self._selected_id,
                        self._failed)

    def print_form(self, request_id: int) -> None:
        """The official request form as PDF, opened in the system's PDF viewer."""
        from desktop.ui.approver_inbox import open_request_form

        open_request_form(self, self.ctx, self.runner, request_id, self._failed,
                          self._form_written)

    def _form_written(self, path: object) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        self.form_written.emit(path)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _action_done(self, state: RequestState) -> None:
        self.statusBar().showMessage(self.tr("Done: now {state}").format(
            state=label(state, self.lang)), 5000)
        self.action_finished.emit(state)
        if self._selected_id is not None:
            self.load_detail(self._selected_id)
        self.refresh()
        if self.inbox is not None:
            self.inbox.refresh()

    def new_request(self) -> None:
        try:
            from desktop.ui.request_dialog import RequestDialog  # type: ignore[import-not-found]
        except ModuleNotFoundError:
            QMessageBox.information(self, "WebDesk", self.tr("Not available yet."))
            return
        dialog = RequestDialog(self.ctx, self.user, self.lang, None, self)
        if dialog.exec():
            self._selected_id = dialog.request_id
            self.refresh()

    def toggle_language(self) -> None:
        self.lang = "en" if self.lang == "th" else "th"
        self.ctx.lang = self.lang
        install_translator(self.lang)  # sends LanguageChange -> _retranslate
        self._retranslate()
        self.lang_changed.emit(self.lang)

    def sign_out(self) -> None:
        self.clear_user_data()
        with contextlib.suppress(UserError):
            auth.sign_out(self.ctx, self.user)
        self.sign_out_requested.emit()

    def clear_user_data(self) -> None:
        """Leave nothing of this user's on screen (shared PCs)."""
        self._selected_id = None
        self.detail.clear()
        self.model.set_rows([], 0)
        self.search.clear()
        if self.inbox is not None:
            self.inbox.clear()

    # ----- background work -----
    def _run(self, fn: Callable[[], Any], on_success: Callable[[Any], None]) -> None:
        self.runner.run(fn, on_success, self._failed)

    def _failed(self, failure: OpFailure) -> None:
        if isinstance(failure.error, UserError):
            show_user_error(self, failure.error, self.lang)
        else:
            show_bug(self, self.ctx.paths, failure.exc_info)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.runner.net_pool.activeThreadCount() > 0:
            answer = QMessageBox.question(
                self, "WebDesk", self.tr("An upload is still running. Quit anyway? "
                                         "(Nothing half-published stays on the site; "
                                         "publish again later to finish.)"))
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.runner.wait(10000)
        super().closeEvent(event)
