"""The approver inbox: what awaits this person's signature, most urgent first, and the decision.

Left: the inbox (due date, reference, title, step, "on behalf of").  Right: the request's
content, the manifest (files, sizes, short hashes) with a preview of the selected file, the
webmaster's check notes, the sign-offs so far and the history; then the decision buttons and
a Print/PDF of the official form.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.thai_dates import format_date
from desktop.domain.users import User
from desktop.domain.workflow import Action, Role, label
from desktop.services.context import AppContext
from desktop.services.inbox import InboxDetail, InboxItem, approver_inbox, inbox_detail
from desktop.services.signoff import Decision, SignoffResult
from desktop.ui.inbox_table_model import InboxTableModel, history_label, size_text
from desktop.ui.operations import OperationRunner, OpFailure


class ApproverInboxWidget(QWidget):
    inbox_loaded = Signal(int)
    detail_loaded = Signal(object)       # InboxDetail
    decision_recorded = Signal(object)   # SignoffResult
    form_requested = Signal(int)         # request id (the window prints it)

    def __init__(self, ctx: AppContext, user: User, lang: str, runner: OperationRunner,
                 on_failure: Callable[[OpFailure], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("approverInbox")
        self.ctx = ctx
        self.user = user
        self.lang = lang
        self.runner = runner
        self.on_failure = on_failure
        self.detail: InboxDetail | None = None
        self.model = InboxTableModel(ctx.catalogue, lang, self)
        self.table = QTableView()
        self.table.setObjectName("inboxTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        for column, width in ((0, 92), (1, 116), (3, 104), (4, 92)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("inboxEmpty")
        self.empty_label.setStyleSheet("color: #6b7280;")

        self.heading = QLabel()
        self.heading.setObjectName("inboxHeading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.tabs = QTabWidget()
        self.content_view = QTextBrowser()
        self.content_view.setObjectName("inboxContent")
        self.files = QTableWidget(0, 4)
        self.files.setObjectName("inboxFiles")
        self.files.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.files.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.files.verticalHeader().setVisible(False)
        self.files.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.files.itemSelectionChanged.connect(self._file_selected)
        self.preview = self._make_preview()
        files_page = QSplitter(Qt.Orientation.Vertical)
        files_page.addWidget(self.files)
        if self.preview is not None:
            files_page.addWidget(self.preview)
            files_page.setSizes([140, 360])
        self.notes_view = QTextBrowser()
        self.notes_view.setObjectName("inboxNotes")
        self.history_view = QTextBrowser()
        self.history_view.setObjectName("inboxHistory")
        self.tabs.addTab(self.content_view, "")
        self.tabs.addTab(files_page, "")
        self.tabs.addTab(self.notes_view, "")
        self.tabs.addTab(self.history_view, "")
        self.approve_button = QPushButton()
        self.approve_button.setObjectName("inboxApprove")
        self.approve_button.setStyleSheet("font-weight: 600;")
        self.reject_button = QPushButton()
        self.reject_button.setObjectName("inboxReject")
        self.changes_button = QPushButton()
        self.changes_button.setObjectName("inboxRequestChanges")
        self.form_button = QPushButton()
        self.form_button.setObjectName("inboxPrintForm")
        for button, decision in ((self.approve_button, Decision.APPROVE),
                                 (self.reject_button, Decision.REJECT),
                                 (self.changes_button, Decision.REQUEST_CHANGES)):
            button.clicked.connect(lambda _=False, d=decision: self.decide(d))
        self.form_button.clicked.connect(self._print_form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.changes_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        buttons.addWidget(self.form_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.tabs, 1)
        right_layout.addLayout(buttons)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.delegate_button = QPushButton()
        self.delegate_button.setObjectName("delegateButton")
        self.delegate_button.setVisible(Role.APPROVER in user.roles)
        self.delegate_button.clicked.connect(self.open_delegation)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.delegate_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty_label)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([640, 640])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.retranslate()
        self.clear_detail()

    def _make_preview(self) -> QWidget | None:
        try:
            from desktop.ui.preview.preview_pane import PreviewPane
        except ImportError:  # the preview room is optional
            return None
        # No render cache: thumbnails of one person's files are not kept on a shared PC.
        return PreviewPane(cache=None, lang=self.lang)

    # ----- text -----
    def retranslate(self) -> None:
        for i, text in enumerate((self.tr("Content"), self.tr("Files (manifest)"),
                                  self.tr("Check notes"), self.tr("History and sign-offs"))):
            self.tabs.setTabText(i, text)
        self.files.setHorizontalHeaderLabels([self.tr("File"), self.tr("Type"), self.tr("Size"),
                                              self.tr("SHA-256")])
        self.approve_button.setText(self.tr("Approve…"))
        self.reject_button.setText(self.tr("Reject…"))
        self.changes_button.setText(self.tr("Return for changes…"))
        self.form_button.setText(self.tr("Print form (PDF)"))
        self.delegate_button.setText(self.tr("Delegate my signature…"))
        self.empty_label.setText(self.tr("Nothing awaits your signature."))
        self.model.set_lang(self.lang)
        self.show_detail(self.detail)

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    # ----- loading -----
    def refresh(self) -> None:
        self.runner.run(lambda: approver_inbox(self.ctx, self.user), self._arrived,
                        self.on_failure)

    def _arrived(self, items: list[InboxItem]) -> None:
        selected = self.detail.detail.request.id if self.detail else None
        self.model.set_items(items)
        self.empty_label.setVisible(not items)
        if selected is not None:
            row = next((i for i, it in enumerate(items) if it.request_id == selected), -1)
            if row >= 0:
                self.table.selectRow(row)
            else:
                self.clear_detail()
        self.inbox_loaded.emit(len(items))

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _selection_changed(self, *_args: object) -> None:
        indexes = self.table.selectionModel().selectedRows()
        item = self.model.item_at(indexes[0].row()) if indexes else None
        if item is None:
            return
        request_id = item.request_id
        self.runner.run(lambda: inbox_detail(self.ctx, self.user, request_id),
                        self.show_detail, self.on_failure)

    # ----- the detail -----
    def clear_detail(self) -> None:
        self.show_detail(None)

    def clear(self) -> None:
        """Nothing of this person's stays (shared PCs)."""
        self.model.set_items([])
        self.clear_detail()

    def show_detail(self, detail: InboxDetail | None) -> None:
        self.detail = detail
        may_sign = detail is not None and detail.options.may_sign
        for button in (self.approve_button, self.reject_button, self.changes_button):
            button.setEnabled(may_sign)
        self.form_button.setEnabled(detail is not None)
        self.files.setRowCount(0)
        if detail is None:
            self.heading.setText(self.tr("Select a request to see what you are signing."))
            for view in (self.content_view, self.notes_view, self.history_view):
                view.clear()
            if self.preview is not None:
                self.preview.message_viewer.show_message("")  # type: ignore[attr-defined]
                self.preview.header.clear()  # type: ignore[attr-defined]
            return
        r = detail.detail.request
        options = detail.options
        self.heading.setText(self.tr("{title}\n{reference} · step {step} of {total}: {label}")
                             .format(title=r.title, reference=r.reference, step=options.step,
                                     total=options.total_steps,
                                     label=options.step_title.text(self.lang)))
        self.content_view.setHtml(self._content_html(detail))
        for a in r.attachments:
            row = self.files.rowCount()
            self.files.insertRow(row)
            for column, value in enumerate((a.display_name, a.kind.upper(), size_text(a.size),
                                            a.sha256[:12])):
                cell = QTableWidgetItem(value)
                if column == 3:
                    cell.setToolTip(a.sha256)
                self.files.setItem(row, column, cell)
        self.notes_view.setHtml(self._notes_html(detail))
        self.history_view.setHtml(self._history_html(detail))
        self.detail_loaded.emit(detail)

    def _content_html(self, detail: InboxDetail) -> str:
        esc = html.escape
        r = detail.detail.request
        lang = self.lang
        category = self.catalogue_name(r.category, r.subcategory)
        rows = [(self.tr("Category"), category),
                (self.tr("Requested by"), ", ".join(x for x in (r.requester.name,
                                                               r.requester.position,
                                                               r.requester.unit) if x)),
                (self.tr("Received"), format_date(r.received_at, lang)),
                (self.tr("Publish on"), format_date(r.publish_date, lang)),
                (self.tr("Take down on"), format_date(r.expiry_date, lang)),
                (self.tr("External link"), r.external_link),
                (self.tr("Remarks"), r.remarks),
                (self.tr("Content fingerprint"), detail.detail.manifest_hash[:16])]
        table = "".join(f"<tr><td style='color:#4b5563;padding-right:12px'>{esc(k)}</td>"
                        f"<td>{esc(str(v or '–'))}</td></tr>" for k, v in rows)
        body = esc(r.body or r.summary).replace("\n", "<br>")
        return f"<p><b>{esc(r.summary)}</b></p><table>{table}</table><hr><p>{body}</p>"

    def catalogue_name(self, category: str, subcategory: str) -> str:
        names = [c.name(self.lang) for c in (self.ctx.catalogue.get(category),
                                              self.ctx.catalogue.get(subcategory)
                                              if subcategory else None) if c]
        return " / ".join(names) or category

    def _notes_html(self, detail: InboxDetail) -> str:
        esc = html.escape
        if not detail.notes:
            return f"<p style='color:#6b7280'>{esc(self.tr('No check notes.'))}</p>"
        return "<ul>" + "".join(
            f"<li><b>{esc(format_date(n.at, self.lang, 'short'))} {n.at:%H:%M} "
            f"{esc(n.actor_name)}</b> ({esc(history_label(n.action, self.lang))}): "
            f"{esc(str(n.details.get('reason') or n.details.get('comment')))}</li>"
            for n in detail.notes) + "</ul>"

    def _history_html(self, detail: InboxDetail) -> str:
        esc = html.escape
        signoffs = "".join(
            f"<li>{esc(self.tr('Step'))} {s.step}: {esc(label(Action(s.decision), self.lang))}"
            f" — {esc(s.name)}"
            f"{(' (' + esc(self.tr('on behalf of')) + ' ' + esc(s.on_behalf_of) + ')') if s.on_behalf_of else ''}"  # noqa: E501
            f", {esc(format_date(s.decided_at, self.lang, 'short'))} {s.decided_at:%H:%M}"
            f"{(' — ' + esc(self.tr('void'))) if s.voided else ''}</li>"
            for s in detail.signoffs)
        history = "".join(
            f"<li>{esc(format_date(h.at, self.lang, 'short'))} {h.at:%H:%M} — "
            f"{esc(h.actor_name)}: {esc(history_label(h.action, self.lang))}</li>"
            for h in detail.detail.history)
        return (f"<h3>{esc(self.tr('Sign-offs'))}</h3><ul>{signoffs or '<li>–</li>'}</ul>"
                f"<h3>{esc(self.tr('History'))}</h3><ul>{history}</ul>")

    def _file_selected(self) -> None:
        if self.preview is None or self.detail is None:
            return
        rows = self.files.selectionModel().selectedRows()
        attachments = self.detail.detail.request.attachments
        if not rows or rows[0].row() >= len(attachments):
            return
        a = attachments[rows[0].row()]
        from desktop.services.attachments import read_blob
        from desktop.ui.preview.loaders import PreviewFile

        def load() -> PreviewFile:
            return PreviewFile(a.display_name, data=read_blob(self.ctx, a.sha256),
                               sha256=a.sha256)

        self.runner.run(load, self.preview.show_file, self.on_failure)  # type: ignore[attr-defined]

    # ----- decisions -----
    def decide(self, decision: Decision) -> SignoffResult | None:
        from desktop.domain.errors import UserError
        from desktop.ui.decision_dialog import run_decision
        from desktop.ui.errors import show_user_error

        if self.detail is None or self.detail.detail.request.id is None:
            return None
        r = self.detail.detail.request
        assert r.id is not None
        try:
            result = run_decision(self, self.ctx, self.user, self.lang, decision, r.id, r.title,
                                  self.runner, self.on_failure)
        except UserError as exc:
            show_user_error(self, exc, self.lang)
            return None
        if result is not None:
            self.decision_recorded.emit(result)  # the window refreshes the inbox and queue
        return result

    def open_delegation(self) -> None:
        from desktop.ui.delegation_dialog import DelegationDialog

        dialog = DelegationDialog(self.ctx, self.user, self.lang, self)
        dialog.exec()
        dialog.deleteLater()

    def _print_form(self) -> None:
        if self.detail is not None and self.detail.detail.request.id is not None:
            self.form_requested.emit(self.detail.detail.request.id)


def wants_inbox(ctx: AppContext, user: User) -> bool:
    """Approvers, and anyone who may sign for an approver today, get the inbox."""
    from desktop.domain.workflow import Role
    from desktop.services.delegation import delegators_today

    return Role.APPROVER in user.roles or bool(delegators_today(ctx, user))


def install_inbox_tab(window: Any, queue: QWidget) -> ApproverInboxWidget | None:
    """Put the inbox (first) and the queue in tabs as the window's central widget.

    ``window`` is the MainWindow: it provides ctx, user, lang, runner, _failed, _action_done,
    decision_recorded and print_form.
    """
    if not wants_inbox(window.ctx, window.user):
        window.setCentralWidget(queue)
        return None
    inbox = ApproverInboxWidget(window.ctx, window.user, window.lang, window.runner,
                                window._failed)
    tabs = QTabWidget()
    tabs.setObjectName("mainTabs")
    tabs.addTab(inbox, "")
    tabs.addTab(queue, "")

    def retitle() -> None:
        tabs.setTabText(0, QCoreApplication.translate(
            "ApproverInboxWidget", "Awaiting my signature ({n})").format(n=inbox.model.rowCount()))
        tabs.setTabText(1, QCoreApplication.translate("ApproverInboxWidget", "All requests"))

    inbox.inbox_loaded.connect(lambda _n: retitle())
    inbox.decision_recorded.connect(window.decision_recorded)
    inbox.decision_recorded.connect(lambda result: window._action_done(result.state))
    inbox.form_requested.connect(window.print_form)
    retitle()
    window.setCentralWidget(tabs)
    inbox.retitle = retitle  # type: ignore[attr-defined]
    inbox.refresh()
    return inbox


def open_request_form(parent: QWidget, ctx: AppContext, runner: OperationRunner,
                      request_id: int, on_failure: Callable[[OpFailure], None],
                      on_written: Callable[[object], None] | None = None) -> None:
    """Write the official form as a PDF in the profile's cache and open it in the PDF viewer."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    from desktop.services.official_form import write_request_form

    folder = ctx.paths.cache_dir / "forms"

    def write() -> object:
        folder.mkdir(parents=True, exist_ok=True)
        return write_request_form(ctx, request_id, folder / f"request-form-{request_id}.pdf")

    def written(path: object) -> None:
        if on_written is not None:
            on_written(path)
        else:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    runner.run(write, written, on_failure)
