"""The approver inbox: what awaits this person's signature, most urgent first, and the decision.

Left: the inbox (due date, reference, title, step, "on behalf of").  Right: the request's main
document (the first file, shown at once), the content, the web page as the site will show it,
the checklist, the webmaster's check notes and the history with the sign-offs so far; then
the decision buttons and a Print/PDF of the official form.  The first item is selected when
the inbox opens.  Content fingerprints stay out of sight (the decision dialog's "Details").
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.thai_dates import format_date
from desktop.domain.users import User
from desktop.domain.workflow import Action, Role, label
from desktop.services.attachments import read_blob
from desktop.services.context import AppContext
from desktop.services.inbox import InboxDetail, InboxItem, approver_inbox, inbox_detail
from desktop.services.preview_data import RequestPreviewData, load_request_preview
from desktop.services.signoff import Decision, SignoffResult
from desktop.ui.decision_dialog import DecisionAsked, DecisionFlow
from desktop.ui.detail_pane import LOADING_DELAY_MS
from desktop.ui.inbox_table_model import InboxTableModel, history_label
from desktop.ui.plain_text import PlainLabel
from desktop.ui.request_preview import RequestPreviewTabs
from desktop.ui.tasks import TaskFailure, task_runner


class ApproverInboxWidget(QWidget):
    inbox_loaded = Signal(int)
    detail_loaded = Signal(InboxDetail)
    decision_recorded = Signal(SignoffResult)
    form_requested = Signal(int)         # request id (the window prints it)
    shown_changed = Signal()             # a request is shown, or none any more
    failed = Signal(TaskFailure)

    def __init__(self, ctx: AppContext, user: User, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("approverInbox")
        self.ctx, self.user, self.lang = ctx, user, lang
        self.detail: InboxDetail | None = None
        self.wanted_id: int | None = None
        self._loading_timer = QTimer(self)       # the previous request's content goes if
        self._loading_timer.setSingleShot(True)  # the next one has not come by then
        self._loading_timer.setInterval(LOADING_DELAY_MS)
        self._loading_timer.timeout.connect(self._show_loading)
        self.decisions = DecisionFlow(self, ctx, user, lang)
        self.decisions.recorded.connect(self.decision_recorded)
        self.decisions.failed.connect(self.failed)
        self.decisions.resigned.connect(lambda _id: self.refresh())
        self.model = InboxTableModel(ctx.catalogue, lang, self)
        self.table = QTableView()
        self.table.setObjectName("inboxTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty_label = PlainLabel()
        self.empty_label.setObjectName("inboxEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #6b7280;")
        self.heading = PlainLabel()
        self.heading.setObjectName("inboxHeading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.tabs = RequestPreviewTabs(lang, self._load_bytes, cache=None)  # shared PCs: no
        self.content_view = QTextBrowser()                                  # cache on disk
        self.content_view.setObjectName("inboxContent")
        self.notes_view = QTextBrowser()
        self.notes_view.setObjectName("inboxNotes")
        self.history_view = QTextBrowser()
        self.history_view.setObjectName("inboxHistory")
        self.tabs.insertTab(1, self.content_view, "")
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
        self.resign_button = QPushButton()
        self.resign_button.setObjectName("inboxResign")
        self.resign_button.setVisible(False)
        self.resign_button.clicked.connect(self.sign_again)
        for button, decision in ((self.approve_button, Decision.APPROVE),
                                 (self.reject_button, Decision.REJECT),
                                 (self.changes_button, Decision.REQUEST_CHANGES)):
            button.clicked.connect(lambda _=False, d=decision: self.decide(d))
        self.form_button.clicked.connect(self._print_form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.resign_button)
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
        self.delegate_button = QPushButton()
        self.delegate_button.setObjectName("delegateButton")
        self.delegate_button.setVisible(Role.APPROVER in user.roles)
        self.delegate_button.clicked.connect(self.open_delegation)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
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
        splitter.setSizes([460, 820])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.retranslate()
        self.clear_detail()

    # ----- text -----
    def retranslate(self) -> None:
        self.tabs.setTabText(1, self.tr("Content"))
        self.tabs.setTabText(self.tabs.indexOf(self.notes_view), self.tr("Check notes"))
        self.tabs.setTabText(self.tabs.indexOf(self.history_view),
                             self.tr("History and sign-offs"))
        self.tabs.retranslate()
        self.approve_button.setText(self.tr("&Approve…"))
        self.reject_button.setText(self.tr("Re&ject…"))
        self.changes_button.setText(self.tr("Return for &changes…"))
        self.form_button.setText(self.tr("Print form (PDF)"))
        self.resign_button.setText(self.tr("Sign again with my key…"))
        self.delegate_button.setText(self.tr("Delegate my signature…"))
        self.empty_label.setText(self.tr("Nothing awaits your signature. New requests appear "
                                         "here when a webmaster sends them for approval."))
        self.model.set_lang(self.lang)
        self.show_detail(self.detail)

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.decisions.lang = lang
        self.tabs.set_lang(lang)
        self.retranslate()

    # ----- loading -----
    def refresh(self) -> None:
        ctx, user = self.ctx, self.user
        task_runner().database(lambda: approver_inbox(ctx, user), self._arrived,
                               self.failed.emit, owner=self)

    def _arrived(self, items: list[InboxItem]) -> None:
        selected = self.detail.detail.request.id if self.detail else None
        self.model.set_items(items)
        self.empty_label.setVisible(not items)
        row = next((i for i, it in enumerate(items) if it.request_id == selected), -1)
        if row < 0 and items:
            row = 0                       # the most urgent item, selected at once
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.clear_detail()
        self.inbox_loaded.emit(len(items))

    def select_request(self, request_id: int) -> None:
        row = next((i for i, it in enumerate(self.model.items) if it.request_id == request_id),
                   -1)
        if row >= 0:
            self.select_row(row)

    def select_row(self, row: int) -> None:
        self.table.clearSelection()
        self.table.selectRow(row)

    def _selection_changed(self, *_args: object) -> None:
        indexes = self.table.selectionModel().selectedRows()
        item = self.model.item_at(indexes[0].row()) if indexes else None
        if item is None:
            return
        ctx, user, request_id = self.ctx, self.user, item.request_id
        self.wanted_id = request_id
        self.resign_button.setVisible(item.needs_resign)
        for button in (self.approve_button, self.reject_button, self.changes_button):
            button.setEnabled(False)          # never decide on the previous request
        if self.detail is None or self.detail.detail.request.id != request_id:
            self.resign_button.setEnabled(False)     # (the same one reloaded: they stay)
            self.form_button.setEnabled(False)
            self._loading_timer.start()
            self.shown_changed.emit()           # the toolbar's Print form follows
        task_runner().database(lambda: inbox_detail(ctx, user, request_id), self._detail_arrived,
                               self.failed.emit, owner=self)
        task_runner().database(lambda: load_request_preview(ctx, request_id),
                               self._preview_arrived, self.failed.emit, owner=self)

    def _detail_arrived(self, detail: InboxDetail) -> None:
        if detail.detail.request.id == self.wanted_id:   # a later selection wins
            self.show_detail(detail)

    def _preview_arrived(self, data: RequestPreviewData) -> None:
        if data.request_id == self.wanted_id:
            self.tabs.set_data(data)

    def _load_bytes(self, sha256: str, on_loaded: Callable[[bytes], None]) -> None:
        ctx = self.ctx
        task_runner().database(lambda: read_blob(ctx, sha256), on_loaded, self.failed.emit,
                               owner=self)

    # ----- the detail -----
    def clear_detail(self) -> None:
        self.show_detail(None)
        self.tabs.clear()

    def clear(self) -> None:
        """Nothing of this person's stays (shared PCs)."""
        self.model.set_items([])
        self.clear_detail()

    def _show_loading(self) -> None:
        """The selected request has not come yet (a busy or distant database): what is
        on screen is not the previous request's any more."""
        self.show_detail(None)
        self.tabs.clear()
        self.heading.setText(self.tr("Loading the request…"))

    def show_detail(self, detail: InboxDetail | None) -> None:
        self._loading_timer.stop()
        self.detail = detail
        self.shown_changed.emit()
        may_sign = detail is not None and detail.options.may_sign
        for button in (self.approve_button, self.reject_button, self.changes_button):
            button.setEnabled(may_sign)
        self.form_button.setEnabled(detail is not None)
        self.resign_button.setEnabled(detail is not None)
        if detail is None:
            self.heading.setText(self.tr("Select a request to see what you are signing."))
            for view in (self.content_view, self.notes_view, self.history_view):
                view.clear()
            return
        r = detail.detail.request
        options = detail.options
        self.heading.setText(self.tr("{title}\n{reference} · step {step} of {total}: {label}")
                             .format(title=r.title, reference=r.reference, step=options.step,
                                     total=options.total_steps,
                                     label=options.step_title.text(self.lang)))
        self.content_view.setHtml(self._content_html(detail))
        self.notes_view.setHtml(self._notes_html(detail))
        self.history_view.setHtml(self._history_html(detail))
        self.detail_loaded.emit(detail)

    def _content_html(self, detail: InboxDetail) -> str:
        esc = html.escape
        r = detail.detail.request
        lang = self.lang
        rows = [(self.tr("Category"), self.catalogue_name(r.category, r.subcategory)),
                (self.tr("Requested by"), ", ".join(x for x in (r.requester.name,
                                                               r.requester.position,
                                                               r.requester.unit) if x)),
                (self.tr("Received"), format_date(r.received_at, lang)),
                (self.tr("Publish on"), format_date(r.publish_date, lang)),
                (self.tr("Take down on"), format_date(r.expiry_date, lang)),
                (self.tr("External link"), r.external_link),
                (self.tr("Remarks"), r.remarks)]
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
        items = []
        for s in detail.signoffs:
            who = esc(s.name) + (f", {esc(s.position)}" if s.position else "")
            behalf = (f" ({esc(self.tr('on behalf of'))} {esc(s.on_behalf_of)})"
                      if s.on_behalf_of else "")
            void = f" — {esc(self.tr('void'))}" if s.voided else ""
            items.append(f"<li>{esc(self.tr('Step'))} {s.step}: "
                         f"{esc(label(Action(s.decision), self.lang))} — {who}{behalf}, "
                         f"{esc(format_date(s.decided_at, self.lang, 'short'))} "
                         f"{s.decided_at:%H:%M}{void}</li>")
        history = "".join(
            f"<li>{esc(format_date(h.at, self.lang, 'short'))} {h.at:%H:%M} — "
            f"{esc(h.actor_name)}: {esc(history_label(h.action, self.lang))}</li>"
            for h in detail.detail.history)
        return (f"<h3>{esc(self.tr('Sign-offs'))}</h3><ul>{''.join(items) or '<li>–</li>'}"
                f"</ul><h3>{esc(self.tr('History'))}</h3><ul>{history}</ul>")

    # ----- decisions -----
    def _shown_is_selected(self) -> bool:
        """The request on screen is the one selected (not the one left while the next loads)."""
        return self.detail is not None and self.detail.detail.request.id == self.wanted_id

    def decide(self, decision: Decision) -> None:
        """Open the decision dialog (``decision_recorded`` follows once it is signed)."""
        if self.detail is None or not self._shown_is_selected():
            return
        r = self.detail.detail.request
        assert r.id is not None
        self.decisions.start(DecisionAsked(decision, r.id, r.title, r.reference))

    def sign_again(self) -> None:
        """An approval made before keys existed: sign it again so it can be published."""
        if self.detail is None or not self._shown_is_selected():
            return
        r = self.detail.detail.request
        assert r.id is not None
        self.decisions.resign(DecisionAsked(Decision.APPROVE, r.id, r.title, r.reference))

    def open_delegation(self) -> None:
        from desktop.ui.delegation_dialog import DelegationDialog

        dialog = DelegationDialog(self.ctx, self.user, self.lang, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()

    def shown_request_id(self) -> int | None:
        """The request whose decision is on screen (what Print form prints); None while
        another one is selected and loading."""
        if self.detail is None or not self._shown_is_selected():
            return None
        return self.detail.detail.request.id

    def _print_form(self) -> None:
        request_id = self.shown_request_id()
        if request_id is not None:
            self.form_requested.emit(request_id)
