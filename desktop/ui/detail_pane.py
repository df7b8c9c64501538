"""The selected request: its fields, files, history — and the actions the user may take."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from desktop.domain.audit_labels import audit_label
from desktop.domain.categories import CategoryCatalogue
from desktop.domain.messages import Localized
from desktop.domain.request import field_label
from desktop.domain.sizes import format_size
from desktop.domain.thai_dates import format_date
from desktop.domain.workflow import EDITABLE_STATES, Action, RequestState, label
from desktop.ui.icons import icon

if TYPE_CHECKING:
    from desktop.services.file_preview import RenderCache
    from desktop.services.preview_data import RequestPreviewData
    from desktop.services.requests import RequestDetail
    from desktop.ui.request_preview import RequestPreviewTabs

ACTION_ORDER = [Action.SUBMIT, Action.RESUBMIT, Action.START_REVIEW, Action.SEND_FOR_APPROVAL,
                Action.RETURN_FOR_CORRECTION, Action.APPROVE, Action.REQUEST_CHANGES,
                Action.REJECT, Action.PUBLISH, Action.TAKE_DOWN, Action.ARCHIVE, Action.WITHDRAW]
ACTION_ICONS = {Action.APPROVE: "approve", Action.REJECT: "reject",
                Action.REQUEST_CHANGES: "return", Action.RETURN_FOR_CORRECTION: "return",
                Action.PUBLISH: "publish", Action.TAKE_DOWN: "take-down",
                Action.WITHDRAW: "withdraw", Action.SEND_FOR_APPROVAL: "steps",
                Action.SUBMIT: "publish", Action.RESUBMIT: "publish"}
LOADING_DELAY_MS = 150      # a detail that comes sooner is shown without a "loading" flash


class RequestDetailPane(QWidget):
    action_triggered = Signal(Action)
    edit_requested = Signal()
    copy_requested = Signal()         # a rejected request: copy it into a new draft
    period_requested = Signal()       # a published one: extend or shorten its period
    elsewhere_requested = Signal()    # an approved one: record it as published elsewhere (admin)

    def __init__(self, catalogue: CategoryCatalogue, lang: str,
                 parent: QWidget | None = None,
                 load_bytes: Callable[[str, Callable[[bytes], None]], None] | None = None,
                 cache: Callable[[], RenderCache | None] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.catalogue = catalogue
        self.lang = lang
        self.may_edit = False   # webmasters: the window says so
        self.may_record_elsewhere = False   # admins: the window says so
        self.people: dict[str, str] = {}   # user name -> "full name, position"
        # who must act next, in words (both languages: a switch of language redraws it)
        self.next_actor: Localized | None = None
        self.detail: RequestDetail | None = None
        self.view = QTextBrowser()
        self.view.setObjectName("detailView")
        self.view.setOpenExternalLinks(False)
        self.buttons_row = QHBoxLayout()
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("editRequestButton")
        self.edit_button.setIcon(icon("edit"))
        self.edit_button.clicked.connect(self.edit_requested)
        self.edit_button.setVisible(False)
        self.copy_button = QPushButton()
        self.copy_button.setObjectName("copyRequestButton")
        self.copy_button.setIcon(icon("copy"))
        self.copy_button.clicked.connect(self.copy_requested)
        self.period_button = QPushButton()
        self.period_button.setObjectName("periodButton")
        self.period_button.setIcon(icon("waiting"))
        self.period_button.clicked.connect(self.period_requested)
        self.elsewhere_button = QPushButton()
        self.elsewhere_button.setObjectName("elsewhereButton")
        self.elsewhere_button.setIcon(icon("approve"))
        self.elsewhere_button.clicked.connect(self.elsewhere_requested)
        self.buttons: dict[Action, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.main_layout = layout
        # With load_bytes: the file viewers, the web page and the checklist beside the
        # details, made when the first request is shown (their modules load then).
        self.preview: RequestPreviewTabs | None = None
        self._load_bytes, self._cache = load_bytes, cache
        layout.addWidget(self.view, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.edit_button)
        actions.addWidget(self.copy_button)
        actions.addWidget(self.period_button)
        actions.addWidget(self.elsewhere_button)
        actions.addLayout(self.buttons_row, 1)
        layout.addLayout(actions)
        self.awaited: int | None = None      # the request whose detail the window asked for
        self._says_loading = False
        self._loading_timer = QTimer(self)
        self._loading_timer.setSingleShot(True)
        self._loading_timer.setInterval(LOADING_DELAY_MS)
        self._loading_timer.timeout.connect(self._show_loading)
        self.show_detail(None)

    def ensure_preview(self) -> RequestPreviewTabs | None:
        """The preview tabs (Details first), made now if they are not there yet."""
        if self.preview is None and self._load_bytes is not None:
            from desktop.ui.request_preview import RequestPreviewTabs

            preview = RequestPreviewTabs(self.lang, self._load_bytes,
                                         cache=self._cache() if self._cache else None)
            self.main_layout.removeWidget(self.view)
            preview.insertTab(0, self.view, self.tr("Details"))
            preview.setCurrentIndex(0)
            preview.checklist_blocked.connect(self._checklist_blocked)
            self.main_layout.insertWidget(0, preview, 1)
            self.preview = preview
        return self.preview

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        if self.preview is not None:
            self.preview.set_lang(lang)
            self.preview.setTabText(self.preview.indexOf(self.view), self.tr("Details"))
        self.show_detail(self.detail)

    def awaiting(self, request_id: int | None) -> None:
        """The window has asked for ``request_id``'s detail (None: it is not coming).  If
        another request is shown and the detail has not come within LOADING_DELAY_MS (a
        busy or distant database), the pane says it is loading: no fields of the request
        the user has left, no buttons acting on it.  A request shown again in place (a live
        change) keeps its fields until the new ones come."""
        self.awaited = request_id
        self._loading_timer.stop()
        if request_id is not None and (self.detail is None
                                       or self.detail.request.id != request_id):
            self._loading_timer.start()
            for button in self._request_buttons():     # at once: they act on the one left
                button.setEnabled(False)

    def _request_buttons(self) -> list[QPushButton]:
        return [*self.buttons.values(), self.edit_button, self.copy_button,
                self.period_button, self.elsewhere_button]

    @property
    def loading(self) -> bool:
        """The pane is waiting to say "loading" or says it."""
        return self._loading_timer.isActive() or self._says_loading

    def _show_loading(self) -> None:
        if self.awaited is None:
            return
        self.show_detail(None)
        if self.preview is not None:       # nor the files and the page of the one left
            self.preview.clear()
        self._says_loading = True
        self.view.setHtml(f"<p style='color:#6b7280'>"
                          f"{html.escape(self.tr('Loading the request…'))}</p>")

    def clear(self) -> None:
        self.awaiting(None)
        self.show_detail(None)
        if self.preview is not None:
            self.preview.clear()

    def set_preview(self, data: RequestPreviewData) -> None:
        if self.preview is not None and self.detail is not None \
                and self.detail.request.id == data.request_id:
            self.preview.set_data(data)

    def _checklist_blocked(self, blocked: bool) -> None:
        """A Required check fails: the actions it blocks are shown disabled (the services
        refuse them anyway)."""
        for action in (Action.SEND_FOR_APPROVAL, Action.PUBLISH):
            button = self.buttons.get(action)
            if button is not None:
                button.setEnabled(not blocked and not self.loading)
                button.setToolTip(self.tr("See the Checklist tab") if blocked else "")

    def show_detail(self, detail: RequestDetail | None) -> None:
        self.detail = detail
        self._says_loading = False
        if detail is not None and detail.request.id == self.awaited:
            self.awaited = None
            self._loading_timer.stop()
        for button in self.buttons.values():
            self.buttons_row.removeWidget(button)
            button.hide()                  # (deleted later: not painted meanwhile)
            button.deleteLater()
        self.buttons.clear()
        for button in self._request_buttons():
            button.setEnabled(True)
        self.edit_button.setText(self.tr("&Edit…"))
        self.edit_button.setVisible(detail is not None and self.may_edit
                                    and detail.request.state in EDITABLE_STATES)
        self.copy_button.setText(self.tr("Copy into a new draft"))
        self.copy_button.setVisible(detail is not None and self.may_edit
                                    and detail.request.state == RequestState.REJECTED)
        self.period_button.setText(self.tr("Change the period…"))
        self.period_button.setVisible(detail is not None and self.may_edit
                                      and detail.request.state == RequestState.PUBLISHED)
        self.elsewhere_button.setText(self.tr("Record as published elsewhere…"))
        self.elsewhere_button.setVisible(detail is not None and self.may_record_elsewhere
                                         and detail.request.state == RequestState.APPROVED)
        if detail is not None:
            self.ensure_preview()
        if detail is None:
            self.view.setHtml(f"<p style='color:#6b7280'>"
                              f"{html.escape(self.tr('Select a request to see its details.'))}</p>")
            return
        self.view.setHtml(self._html(detail))
        for action in ACTION_ORDER:
            if action in detail.allowed:
                text = label(action, self.lang)
                button = QPushButton(text[:1].upper() + text[1:])
                button.setIcon(icon(ACTION_ICONS.get(action, "edit")))
                button.setObjectName(f"action_{action.value}")
                button.clicked.connect(lambda _=False, a=action: self.action_triggered.emit(a))
                self.buttons_row.addWidget(button)
                self.buttons[action] = button

    def _html(self, detail: RequestDetail) -> str:
        r = detail.request
        esc = html.escape
        lang = self.lang
        category = self.catalogue.get(r.category)
        sub = self.catalogue.get(r.subcategory) if r.subcategory else None
        rows = [
            (field_label("category").text(lang),
             " / ".join(c.name(lang) for c in (category, sub) if c) or r.category),
            (field_label("requester.name").text(lang),
             ", ".join(x for x in (r.requester.name, r.requester.position) if x)),
            (field_label("requester.unit").text(lang), r.requester.unit),
            (self.tr("Contact"), " ".join(x for x in (r.requester.phone, r.requester.email) if x)),
            (field_label("received_at").text(lang), format_date(r.received_at, lang)),
            (field_label("source_owner").text(lang), r.source_owner),
            (field_label("period_start").text(lang),
             " – ".join(format_date(d, lang) for d in (r.period_start, r.period_end) if d)),
            (field_label("publish_date").text(lang), format_date(r.publish_date, lang)),
            (field_label("expiry_date").text(lang), format_date(r.expiry_date, lang)),
            (field_label("external_link").text(lang), r.external_link),
            (field_label("remarks").text(lang), r.remarks),
        ]
        table = "".join(f"<tr><td style='color:#4b5563;padding-right:12px'>{esc(k)}</td>"
                        f"<td>{esc(str(v or '–'))}</td></tr>" for k, v in rows)
        files = "".join(
            f"<tr><td>{esc(a.display_name)}</td><td>{esc(a.kind.upper())}</td>"
            f"<td align='right'>{format_size(a.size, lang)}</td></tr>"
            for a in r.attachments) or f"<tr><td>{esc(self.tr('No files'))}</td></tr>"
        history = "".join(
            f"<li>{esc(format_date(h.at, lang, 'short'))} {h.at:%H:%M} — "
            f"{esc(self.people.get(h.actor_name, h.actor_name))}: "
            f"{esc(audit_label(h.action, lang))}"
            f"{(' — ' + esc(str(h.details.get('reason')))) if h.details.get('reason') else ''}"
            f"</li>" for h in detail.history)
        return (self._reason_banner(detail)
                + f"<h2 style='margin-bottom:2px'>{esc(r.title)}</h2>"
                + (f"<p style='color:#1d4ed8'><b>{esc(self.tr('Next'))}:</b> "
                   f"{esc(self.next_actor.text(lang))}</p>" if self.next_actor else "")
                + f"<p style='color:#6b7280'>{esc(r.reference)} · "
                f"<b>{esc(label(r.state, lang))}</b></p>"
                f"<p>{esc(r.summary)}</p><table>{table}</table>"
                f"<h3>{esc(self.tr('Files'))}</h3><table cellspacing='4'>{files}</table>"
                f"<h3>{esc(self.tr('History'))}</h3><ul>{history}</ul>")

    def _reason_banner(self, detail: RequestDetail) -> str:
        """A rejection or a return says why at the top of the request, and who said it."""
        state = detail.request.state
        if state not in (RequestState.REJECTED, RequestState.RETURNED):
            return ""
        last = next((h for h in reversed(detail.history) if h.details.get("reason")), None)
        if last is None:
            return ""
        esc = html.escape
        what = self.tr("Rejected") if state == RequestState.REJECTED else \
            self.tr("Returned for correction")
        who = self.people.get(last.actor_name, last.actor_name)
        return (f"<table width='100%' cellpadding='8' style='background:#fef2f2;"
                f"color:#991b1b'><tr><td><b>{esc(what)}</b> — {esc(who)}, "
                f"{esc(format_date(last.at, self.lang, 'short'))}<br>"
                f"{esc(self.tr('Reason'))}: {esc(str(last.details.get('reason')))}"
                f"</td></tr></table>")
