"""The main window of one signed-in person: the approver inbox (approvers and delegates), the
queue with the selected request's detail and its allowed actions, the toolbar.

Everything it shows is loaded through the task runner; the parts report back through typed
signals (the queue, the inbox, the publish controller, the decision flow) that the window
connects here — nothing reaches into the window from outside.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QWidget,
)

from desktop.domain.users import User
from desktop.domain.workflow import (
    EDITABLE_STATES,
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
from desktop.services.delegation import delegators_today
from desktop.services.live import QueueChanges
from desktop.services.next_actor import NextActor, who_acts_next
from desktop.services.preview_data import RequestPreviewData, load_request_preview
from desktop.services.render_cache_settings import render_cache_for
from desktop.services.request_copy import copy_into_new_draft
from desktop.services.signoff import Decision, SignoffResult
from desktop.services.user_session import UserSession
from desktop.ui.approver_inbox import ApproverInboxWidget
from desktop.ui.dashboard_tab import DashboardTab
from desktop.ui.decision_dialog import DecisionAsked, DecisionFlow
from desktop.ui.detail_pane import RequestDetailPane
from desktop.ui.errors import report_failure
from desktop.ui.form_printer import FormPrinter
from desktop.ui.home_view import HomeView
from desktop.ui.i18n import install_translator
from desktop.ui.icons import icon
from desktop.ui.live_updates import LiveUpdates
from desktop.ui.main_actions import MainActions
from desktop.ui.publish_flow import PublishController, RequestChanged
from desktop.ui.queue_view import QueueLoaded, QueueView
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.simple_dialogs import ReasonDialog
from desktop.ui.tasks import Lane, TaskFailure, task_runner

_DECISIONS = {Action.APPROVE: Decision.APPROVE, Action.REJECT: Decision.REJECT,
              Action.REQUEST_CHANGES: Decision.REQUEST_CHANGES}


class MainWindow(QMainWindow):
    queue_loaded = Signal(QueueLoaded)
    detail_loaded = Signal(rq.RequestDetail)
    preview_loaded = Signal(RequestPreviewData)
    request_dialog_opened = Signal(QDialog)
    action_finished = Signal(RequestState)
    sign_out_requested = Signal()
    lang_changed = Signal(str)
    decision_recorded = Signal(SignoffResult)   # shared PCs lock after it
    form_written = Signal(Path)                 # the official form's PDF
    inbox_installed = Signal(ApproverInboxWidget)

    def __init__(self, session: UserSession, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.session = session
        self.lang = lang
        self.inbox: ApproverInboxWidget | None = None
        self._detail_loading: int | None = None
        self.toolbar_actions = MainActions(self, self.user)
        self.publisher = PublishController(session, lang, self)
        self.publisher.request_changed.connect(self._request_changed)
        self.publisher.failed.connect(self.show_failure)
        self.printer = FormPrinter(self.ctx, self)
        self.printer.form_written.connect(self.form_written)
        self.printer.failed.connect(self.show_failure)
        self.decisions = DecisionFlow(self, self.ctx, self.user, lang)
        self.decisions.recorded.connect(self._decision_recorded)
        self.decisions.failed.connect(self.show_failure)
        self._build()
        self._retranslate()
        fit_to_screen(self, 1360, 800)
        self.queue.refresh()
        self.home.refresh()
        self.dashboard.refresh()
        self._install_inbox_when_wanted()
        ctx = self.ctx
        task_runner().database(lambda: {u.username: ", ".join(x for x in (u.full_name,
                                                                           u.position) if x)
                                        for u in auth.list_users(ctx)},
                               self._people_arrived, self.show_failure, owner=self)
        self.live = LiveUpdates(self, self.ctx, self.user.username, self.apply_live_changes)
        self.live.start()                   # others' changes show without Refresh

    @property
    def ctx(self) -> AppContext:
        return self.session.ctx

    @property
    def user(self) -> User:
        return self.session.user

    # ----- building -----
    def _build(self) -> None:
        toolbar = self.addToolBar(self.tr("Tools"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar = toolbar
        self.toolbar_actions.fill(toolbar)
        a = self.toolbar_actions
        a.new.triggered.connect(self.new_request)
        a.refresh.triggered.connect(self.refresh)
        a.publish_all.triggered.connect(self.publisher.publish_all_approved)
        a.form.triggered.connect(self._print_selected)
        a.notice.triggered.connect(self._notice_selected)
        a.servers.triggered.connect(self.edit_servers)
        a.chains.triggered.connect(self.edit_chains)
        a.settings.triggered.connect(self.edit_settings)
        a.users.triggered.connect(self.edit_users)
        a.language.triggered.connect(self.toggle_language)
        a.sign_out.triggered.connect(self.sign_out)
        a.set_selection(False)
        self.queue = QueueView(self.ctx, self.lang)
        self.queue.request_selected.connect(self.load_detail)
        self.queue.request_activated.connect(self.edit_request)
        self.queue.queue_loaded.connect(self._queue_arrived)
        self.queue.failed.connect(self.show_failure)
        self.model = self.queue.model
        self.table = self.queue.table
        self.detail = RequestDetailPane(self.ctx.catalogue, self.lang,
                                        load_bytes=self._load_blob,
                                        cache=render_cache_for(self.ctx.paths))
        self.detail.may_edit = Role.WEBMASTER in self.user.roles
        self.detail.action_triggered.connect(self.run_action)
        self.detail.copy_requested.connect(self._copy_shown)
        self.detail.period_requested.connect(self._change_period)
        self.detail.edit_requested.connect(self._edit_shown)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("queueSplitter")
        splitter.addWidget(self.queue)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 500])
        self.queue_page = splitter
        self.home = HomeView(self.ctx, self.user, self.lang)
        self.home.request_opened.connect(self.select_request)
        self.home.inbox_opened.connect(self._open_in_inbox)
        self.home.state_opened.connect(self._open_state)
        self.home.failed.connect(self.show_failure)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.addTab(self.home, icon("home"), "")
        self.tabs.addTab(splitter, "")
        self.setCentralWidget(self.tabs)
        self.dashboard = DashboardTab(self.ctx, self.user, self.lang,
                                      credentials=lambda: self.session.secrets.store)
        self.dashboard.setObjectName("dashboardTab")
        self.dashboard_page = QScrollArea()        # it scrolls on a small screen
        self.dashboard_page.setWidgetResizable(True)
        self.dashboard_page.setFrameShape(QScrollArea.Shape.NoFrame)
        self.dashboard_page.setWidget(self.dashboard)
        self.tabs.addTab(self.dashboard_page, "")
        self.user_label = QLabel()
        self.user_label.setObjectName("userLabel")
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.count_label)

    def _people_arrived(self, people: dict[str, str]) -> None:
        """History shows people's names and positions, not login names."""
        self.detail.people = people
        self.detail.set_lang(self.lang)

    def _install_inbox_when_wanted(self) -> None:
        """Approvers get the inbox at once; anyone an approver delegated to today, once the
        database has said so."""
        if Role.APPROVER in self.user.roles:
            self._install_inbox()
            return
        ctx, user = self.ctx, self.user
        task_runner().database(lambda: bool(delegators_today(ctx, user)),
                               lambda wanted: self._install_inbox() if wanted else None,
                               self.show_failure, owner=self)

    def _install_inbox(self) -> None:
        if self.inbox is not None:
            return
        inbox = ApproverInboxWidget(self.ctx, self.user, self.lang)
        inbox.inbox_loaded.connect(lambda _n: self._retitle_tabs())
        inbox.decision_recorded.connect(self._decision_recorded)
        inbox.form_requested.connect(self.print_form)
        inbox.failed.connect(self.show_failure)
        self.inbox = inbox
        self.tabs.insertTab(1, inbox, icon("inbox"), "")
        if Role.APPROVER in self.user.roles:
            self.tabs.setCurrentWidget(inbox)   # the director opens on what awaits them
        self._retitle_tabs()
        inbox.refresh()
        self.inbox_installed.emit(inbox)

    def _open_in_inbox(self, request_id: int) -> None:
        if self.inbox is not None:
            self.tabs.setCurrentWidget(self.inbox)
            self.inbox.select_request(request_id)

    def _open_state(self, value: str) -> None:
        self.tabs.setCurrentWidget(self.queue_page)
        self.queue.show_state(value or None)

    def _retitle_tabs(self) -> None:
        self.tabs.setTabText(self.tabs.indexOf(self.home), self.tr("Home"))
        self.tabs.setTabText(self.tabs.indexOf(self.queue_page), self.tr("All requests"))
        self.tabs.setTabText(self.tabs.indexOf(self.dashboard_page),
                             QCoreApplication.translate("DashboardTab", "Dashboard"))
        if self.inbox is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.inbox), self.tr(
                "Awaiting my signature ({n})").format(n=self.inbox.model.rowCount()))

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("WebDesk — website publication requests"))
        self.toolbar_actions.retranslate(self.lang)
        roles = ", ".join(label(r, self.lang) for r in sorted(self.user.roles))
        self.user_label.setText(self.tr("Signed in: {name} ({roles})")
                                .format(name=self.user.full_name, roles=roles))
        self.queue.set_lang(self.lang)
        self.home.set_lang(self.lang)
        self.dashboard.set_lang(self.lang)
        self.detail.set_lang(self.lang)
        if self.inbox is not None:
            self.inbox.set_lang(self.lang)
        self._retitle_tabs()
        self._update_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # ----- the queue and the detail -----
    def refresh(self) -> None:
        self.queue.refresh()
        self.home.refresh()
        if self.inbox is not None:
            self.inbox.refresh()

    def apply_live_changes(self, changes: QueueChanges) -> None:
        """Another PC (or window) changed something: reload what shows it, keeping the
        selection, the scroll position and anything typed (desktop/ui/live_updates.py)."""
        if changes.queue:
            self.queue.refresh(keep_loaded=True)
            self.home.refresh()
            shown = self.detail.detail
            if shown is not None and shown.request.id in changes.request_ids:
                self._detail_loading = None
                self.load_detail(shown.request.id)
        if self.inbox is not None and changes.inbox:
            self.inbox.refresh()

    def _queue_arrived(self, loaded: QueueLoaded) -> None:
        self._update_count()
        self.queue_loaded.emit(loaded)

    def _update_count(self) -> None:
        text = self.tr("{shown} of {total} requests").format(shown=self.model.rowCount(),
                                                              total=self.model.total)
        if self.queue.due_count:
            text = self.tr("⚠ {due} due for takedown").format(due=self.queue.due_count) \
                + "  ·  " + text
        self.count_label.setText(text)

    def select_request(self, request_id: int) -> None:
        """Show ``request_id``: selected in the queue (when loaded) and in the detail."""
        self.tabs.setCurrentWidget(self.queue_page)
        self.queue.select_request(request_id, announce=False)
        self.load_detail(request_id)

    def load_detail(self, request_id: int) -> None:
        if self._detail_loading == request_id:
            return
        self._detail_loading = request_id
        self.toolbar_actions.set_selection(True)
        ctx, user = self.ctx, self.user

        def load() -> tuple[rq.RequestDetail, NextActor | None]:
            detail = rq.get_request(ctx, user, request_id)
            return detail, who_acts_next(ctx, user, detail)

        task_runner().database(load, self._detail_arrived, self._detail_failed, owner=self)

    def _detail_failed(self, failure: TaskFailure) -> None:
        self._detail_loading = None
        self.show_failure(failure)

    def _detail_arrived(self, loaded: tuple[rq.RequestDetail, NextActor | None]) -> None:
        detail, next_actor = loaded
        self.detail.next_actor = next_actor.text.text(self.lang) if next_actor else ""
        request_id = detail.request.id
        if self._detail_loading == request_id:
            self._detail_loading = None
        if request_id != self.queue.selected_id or request_id is None:
            return
        self.detail.show_detail(detail)
        self.detail_loaded.emit(detail)
        ctx = self.ctx
        task_runner().database(lambda: load_request_preview(ctx, request_id),
                               self._preview_arrived, self.show_failure, owner=self)

    def _preview_arrived(self, data: RequestPreviewData) -> None:
        self.detail.set_preview(data)
        self.preview_loaded.emit(data)

    def _load_blob(self, sha256: str, on_loaded: Callable[[bytes], None]) -> None:
        ctx = self.ctx
        task_runner().database(lambda: read_blob(ctx, sha256), on_loaded, self.show_failure,
                               owner=self)

    # ----- actions -----
    def run_action(self, action: Action) -> None:
        detail = self.detail.detail
        if detail is None or detail.request.id is None:
            return
        r = detail.request
        request_id = r.id
        assert request_id is not None
        if action in SIGN_OFF_ACTIONS:
            self.decisions.start(DecisionAsked(_DECISIONS[action], request_id, r.title,
                                               r.reference))
            return
        if PublishController.handles(action):
            self.publisher.run(action, detail)
            return
        reason: str | None = None
        if transition_for(action).reason_required:
            dialog = ReasonDialog(
                label(action, self.lang),
                self.tr("{action}: “{title}” ({reference})\nReason (the information owner "
                        "will be told):").format(action=label(action, self.lang),
                                                 title=r.title, reference=r.reference),
                [], True, self)
            if dialog.exec() != ReasonDialog.DialogCode.Accepted:
                return
            reason = dialog.reason()
        ctx, user = self.ctx, self.user
        task_runner().database(
            lambda: rq.perform_action(ctx, user, request_id, action, reason),
            lambda state: self._action_done(request_id, state), self.show_failure, owner=self)

    def _action_done(self, request_id: int, state: RequestState) -> None:
        self.statusBar().showMessage(self.tr("Done: now {state}").format(
            state=label(state, self.lang)), 8000)
        self.action_finished.emit(state)
        if self.queue.selected_id == request_id:
            self.load_detail(request_id)
        self.refresh()

    def _request_changed(self, changed: RequestChanged) -> None:
        self._action_done(changed.request_id, changed.state)

    def _decision_recorded(self, result: SignoffResult) -> None:
        self.decision_recorded.emit(result)
        shown = self.detail.detail
        request_id = shown.request.id if shown is not None else None
        if request_id is not None:
            self._action_done(request_id, result.state)
        else:
            self.refresh()

    def new_request(self) -> None:
        self._open_request_dialog(None)

    def edit_request(self, item: rq.RequestSummary | None) -> None:
        """Open the request dialog on an editable request (webmasters only)."""
        if item is None or Role.WEBMASTER not in self.user.roles \
                or item.state not in EDITABLE_STATES:
            return
        self._open_request_dialog(item.id)

    def _edit_shown(self) -> None:
        shown = self.detail.detail
        if shown is not None and shown.request.id is not None:
            self._open_request_dialog(shown.request.id)

    def _open_request_dialog(self, request_id: int | None) -> None:
        from desktop.ui.request_dialog import RequestDialog

        dialog = RequestDialog(self.ctx, self.user, self.lang, request_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.request_saved.connect(self._request_saved)
        dialog.open()
        self.request_dialog_opened.emit(dialog)

    def _request_saved(self, request_id: int) -> None:
        """A request was registered, saved or submitted: the queue and the detail follow it."""
        self.select_request(request_id)
        self._detail_loading = None
        self.load_detail(request_id)
        self.queue.refresh()

    def _copy_shown(self) -> None:
        shown = self.detail.detail
        if shown is None or shown.request.id is None:
            return
        ctx, user, request_id = self.ctx, self.user, shown.request.id
        task_runner().database(lambda: copy_into_new_draft(ctx, user, request_id),
                               self._copied, self.show_failure, owner=self)

    def _copied(self, new_id: int) -> None:
        self.statusBar().showMessage(self.tr("Copied into a new draft."), 8000)
        self._request_saved(new_id)
        self._open_request_dialog(new_id)

    def _change_period(self) -> None:
        from desktop.ui.period_dialog import PeriodDialog

        shown = self.detail.detail
        if shown is None or shown.request.id is None:
            return
        dialog = PeriodDialog(self.ctx, self.user, self.lang, shown.request, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.period_changed.connect(lambda _d: self._action_done(
            shown.request.id or 0, RequestState.PUBLISHED))
        dialog.open()

    def edit_servers(self) -> None:
        from desktop.ui.server_dialog import ServerDialog

        dialog = ServerDialog(self.session, self.lang, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.show()

    def edit_users(self) -> None:
        from desktop.ui.users_dialog import UsersDialog

        dialog = UsersDialog(self.session, self.lang, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.show()

    def edit_settings(self) -> None:
        from desktop.ui.settings_dialog import open_settings

        open_settings(self.session, self.lang, self)

    def edit_chains(self) -> None:
        from desktop.ui.approval_chain_dialog import ApprovalChainDialog

        dialog = ApprovalChainDialog(self.ctx, self.user, self.lang, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.show()

    def _print_selected(self) -> None:
        if self.queue.selected_id is not None:
            self.print_form(self.queue.selected_id)

    def _notice_selected(self) -> None:
        from desktop.ui.notice_dialog import open_notice

        if self.queue.selected_id is not None:
            open_notice(self, self.ctx, self.user, self.lang, self.queue.selected_id,
                        self.show_failure)

    def print_form(self, request_id: int) -> None:
        """The official request form as PDF, opened in the system's PDF viewer."""
        self.printer.print_form(request_id)

    def toggle_language(self) -> None:
        self.lang = "en" if self.lang == "th" else "th"
        self.ctx.lang = self.lang
        self.publisher.lang = self.decisions.lang = self.lang
        install_translator(self.lang)  # sends LanguageChange -> _retranslate
        self._retranslate()
        self.lang_changed.emit(self.lang)

    def sign_out(self) -> None:
        self.sign_out_requested.emit()

    def clear_user_data(self) -> None:
        """Leave nothing of this user's on screen (shared PCs)."""
        self.live.stop()
        self.detail.clear()
        self.queue.clear()
        self.home.clear()
        self.toolbar_actions.set_selection(False)
        if self.inbox is not None:
            self.inbox.clear()

    def show_failure(self, failure: TaskFailure) -> None:
        report_failure(self, failure, self.ctx.paths, self.lang)

    def closeEvent(self, event: QCloseEvent) -> None:
        if task_runner().running(Lane.NETWORK) > 0:
            answer = QMessageBox.question(
                self, "WebDesk", self.tr("An upload is still running. Quit anyway? "
                                         "(Nothing half-published stays on the site; "
                                         "publish again later to finish.)"))
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        super().closeEvent(event)
