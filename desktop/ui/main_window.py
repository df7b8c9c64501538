"""The main window of one signed-in person: its pages (desktop/ui/main_tabs.py: home, the
approver inbox, the queue with the selected request, the dashboard), the toolbar, the
transfer queue docked at the bottom (desktop/ui/publish_flow.py) and the status bar.

Everything it shows is loaded through the task runner; the parts report back through typed
signals that the window connects here — nothing reaches into the window from outside.  What
is not on the first screen (previews, publishing, reports, the decision dialog, every other
dialog) is imported when it is first needed, so the window opens fast.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox, QWidget

from desktop.domain.users import User
from desktop.domain.workflow import (
    Action,
    RequestState,
    Role,
    label,
)
from desktop.ui import main_dialogs
from desktop.ui.detail_pane import RequestDetailPane
from desktop.ui.errors import report_failure
from desktop.ui.i18n import install_translator
from desktop.ui.live_updates import LiveUpdates
from desktop.ui.main_actions import MainActions
from desktop.ui.main_tabs import MainTabs, queue_splitter
from desktop.ui.plain_text import PlainLabel, ask
from desktop.ui.publish_flow import PublishController
from desktop.ui.queue_view import QueueLoaded, QueueView
from desktop.ui.request_work import RequestWork
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.tasks import TaskFailure, task_runner

if TYPE_CHECKING:
    from desktop.services import requests as rq
    from desktop.services.context import AppContext
    from desktop.services.file_preview import RenderCache
    from desktop.services.live import QueueChanges
    from desktop.services.next_actor import NextActor
    from desktop.services.preview_data import RequestPreviewData
    from desktop.services.signoff import SignoffResult
    from desktop.services.user_session import UserSession
    from desktop.ui.approver_inbox import ApproverInboxWidget
    from desktop.ui.dashboard_tab import DashboardTab
    from desktop.ui.decision_dialog import DecisionFlow
    from desktop.ui.form_printer import FormPrinter
    from desktop.ui.home_view import HomeView


class MainWindow(QMainWindow):
    queue_loaded = Signal(QueueLoaded)
    detail_loaded = Signal(object)               # RequestDetail
    preview_loaded = Signal(object)              # RequestPreviewData
    request_dialog_opened = Signal(QDialog)
    action_finished = Signal(RequestState)
    sign_out_requested = Signal()
    lang_changed = Signal(str)
    decision_recorded = Signal(object)           # SignoffResult: shared PCs lock after it
    form_written = Signal(Path)                  # the official form's PDF
    inbox_installed = Signal(QWidget)            # the ApproverInboxWidget
    sign_in_undone = Signal(TaskFailure)         # an early start's audited sign-in refused

    def __init__(self, session: UserSession, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.session = session
        self.lang = lang
        self._detail_loading: int | None = None
        self._decisions: DecisionFlow | None = None
        self._printer: FormPrinter | None = None
        self._cleared = False                  # signed out / locked: nothing more starts
        self._queue_arrived_once = False       # the status bar says "Loading…" until then
        self.toolbar_actions = MainActions(self, self.user)
        self.work = RequestWork(self)
        self.publisher = PublishController(session, lang, self)
        self.publisher.request_changed.connect(self.work.request_changed)
        self.publisher.failed.connect(self.show_failure)
        self._build()
        self._retranslate()
        fit_to_screen(self, 1360, 800)
        self.queue.refresh()
        self.live = LiveUpdates(self, self.ctx, self.user.username, self.apply_live_changes)
        if session.unrecorded:   # signed in ahead of the database layer: the audited sign-in
            task_runner().database(session.record_sign_in, self._sign_in_recorded,
                                   self.sign_in_undone.emit, owner=self)   # before the rest
        else:
            self._load_the_rest()
        QTimer.singleShot(0, self._after_first_show)

    def _load_the_rest(self) -> None:
        """Everything but the queue's first page: the home screen, the approver inbox (or
        whether one is wanted), the people's names, and others' changes from now on."""
        self.home.refresh()
        self.tabs.install_inbox_when_wanted()
        ctx = self.ctx

        def people() -> dict[str, str]:
            from desktop.services import auth

            return {u.username: ", ".join(x for x in (u.full_name, u.position) if x)
                    for u in auth.list_users(ctx)}

        task_runner().database(people, self._people_arrived, self.show_failure, owner=self)
        self.live.start()                   # others' changes show without Refresh

    def _sign_in_recorded(self, _user: User) -> None:
        """The audited sign-in of an early start is written (desktop/services/
        early_start.py), and with it the database layer is loaded: the first page is loaded
        again through it (it says whose signature each request awaits), then the rest."""
        if self._cleared:
            return
        self.queue.refresh(keep_loaded=True)
        self._load_the_rest()

    @property
    def ctx(self) -> AppContext:
        return self.session.ctx

    @property
    def user(self) -> User:
        return self.session.user

    # the pages (desktop/ui/main_tabs.py)
    @property
    def home(self) -> HomeView:
        return self.tabs.home

    @property
    def inbox(self) -> ApproverInboxWidget | None:
        return self.tabs.inbox

    @property
    def dashboard(self) -> DashboardTab:
        """The dashboard (built now if its tab was never opened)."""
        return self.tabs.build_dashboard()

    @property
    def queue_page(self) -> QWidget:
        return self.tabs.queue_page

    @property
    def decisions(self) -> DecisionFlow:
        if self._decisions is None:
            from desktop.ui.decision_dialog import DecisionFlow

            self._decisions = DecisionFlow(self, self.ctx, self.user, self.lang)
            self._decisions.recorded.connect(self.decision_was_recorded)
            self._decisions.failed.connect(self.show_failure)
        return self._decisions

    @property
    def printer(self) -> FormPrinter:
        if self._printer is None:
            from desktop.ui.form_printer import FormPrinter

            self._printer = FormPrinter(self.ctx, self)
            self._printer.form_written.connect(self.form_written)
            self._printer.failed.connect(self.show_failure)
        return self._printer

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
        a.transfers.triggered.connect(lambda: self.publisher.show_transfers())
        a.notice.triggered.connect(lambda: main_dialogs.notice_for_selected(self))
        a.servers.triggered.connect(lambda: main_dialogs.edit_servers(self))
        a.chains.triggered.connect(lambda: main_dialogs.edit_chains(self))
        a.settings.triggered.connect(lambda: main_dialogs.edit_settings(self))
        a.users.triggered.connect(lambda: main_dialogs.edit_users(self))
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
                                        cache=lambda: _render_cache(self.ctx))
        self.detail.may_edit = Role.WEBMASTER in self.user.roles
        self.detail.may_record_elsewhere = Role.ADMIN in self.user.roles
        self.detail.action_triggered.connect(self.run_action)
        self.detail.copy_requested.connect(self.work.copy_shown)
        self.detail.period_requested.connect(lambda: main_dialogs.change_period(self))
        self.detail.elsewhere_requested.connect(
            lambda: main_dialogs.record_published_elsewhere(self))
        self.detail.edit_requested.connect(self.work.edit_shown)
        self.tabs = MainTabs(self, queue_splitter(self.queue, self.detail))
        self.tabs.inbox_installed.connect(self.inbox_installed)
        self.toolbar_actions.form.triggered.connect(self.tabs.print_selected)
        self.setCentralWidget(self.tabs)
        self.user_label = PlainLabel()
        self.user_label.setObjectName("userLabel")
        self.count_label = PlainLabel()
        self.count_label.setObjectName("countLabel")
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.count_label)

    def _after_first_show(self) -> None:
        """Once the window is up: reconcile the publishing sites in the background
        (webmasters and admins; desktop/ui/site_reconcile.py)."""
        if self._cleared:
            return
        from desktop.ui.site_reconcile import install_startup_reconcile

        install_startup_reconcile(self)

    def _people_arrived(self, people: dict[str, str]) -> None:
        """History shows people's names and positions, not login names."""
        self.detail.people = people
        self.detail.set_lang(self.lang)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("WebDesk — website publication requests"))
        self.toolbar_actions.retranslate(self.lang)
        roles = ", ".join(label(r, self.lang) for r in sorted(self.user.roles))
        self.user_label.setText(self.tr("Signed in: {name} ({roles})")
                                .format(name=self.user.full_name, roles=roles))
        self.queue.set_lang(self.lang)
        self.detail.set_lang(self.lang)
        self.tabs.set_lang(self.lang)
        self._update_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # ----- the queue and the detail -----
    def refresh(self) -> None:
        self.queue.refresh()
        self.tabs.refresh()

    def apply_live_changes(self, changes: QueueChanges) -> None:
        """Another PC (or window) changed something: reload what shows it, keeping the
        selection, the scroll position and anything typed (desktop/ui/live_updates.py)."""
        if changes.queue:
            self.queue.refresh(keep_loaded=True)
            self.tabs.home.refresh()
            shown = self.detail.detail
            if (shown is not None and shown.request.id is not None
                    and (changes.everything or shown.request.id in changes.request_ids)):
                self.reload_detail(shown.request.id)
        if self.inbox is not None and changes.inbox:
            self.inbox.refresh()

    def _queue_arrived(self, loaded: QueueLoaded) -> None:
        if not self._queue_arrived_once:
            QTimer.singleShot(0, freeze_start_objects)
        self._queue_arrived_once = True
        self._update_count()
        self.queue_loaded.emit(loaded)

    def _update_count(self) -> None:
        if not self._queue_arrived_once:     # not "0 of 0" while the first page loads
            self.count_label.setText(self.tr("Loading the requests…"))
            return
        text = self.tr("{shown} of {total} requests").format(shown=self.model.rowCount(),
                                                              total=self.model.total)
        if self.queue.due_count:
            text = self.tr("⚠ {due} due for takedown").format(due=self.queue.due_count) \
                + "  ·  " + text
        self.count_label.setText(text)

    def select_request(self, request_id: int) -> None:
        """Show ``request_id``: selected in the queue (when loaded) and in the detail."""
        self.tabs.show_queue()
        self.queue.select_request(request_id, announce=False)
        self.load_detail(request_id)

    def reload_detail(self, request_id: int) -> None:
        """Load the detail again even if it is loading (it changed meanwhile)."""
        self._detail_loading = None
        self.load_detail(request_id)

    def load_detail(self, request_id: int) -> None:
        if self._detail_loading == request_id:
            return
        self._detail_loading = request_id
        self.detail.awaiting(request_id)
        self.toolbar_actions.set_selection(True)
        ctx, user = self.ctx, self.user

        def load() -> tuple[rq.RequestDetail, NextActor | None]:
            from desktop.services import requests as rq
            from desktop.services.next_actor import who_acts_next

            detail = rq.get_request(ctx, user, request_id)
            return detail, who_acts_next(ctx, user, detail)

        task_runner().database(load, self._detail_arrived, self._detail_failed, owner=self)

    def _detail_failed(self, failure: TaskFailure) -> None:
        self._detail_loading = None
        if self.detail.loading:
            self.detail.clear()
        self.show_failure(failure)

    def _detail_arrived(self, loaded: tuple[rq.RequestDetail, NextActor | None]) -> None:
        detail, next_actor = loaded
        self.detail.next_actor = next_actor.text if next_actor else None
        request_id = detail.request.id
        if self._detail_loading == request_id:
            self._detail_loading = None
        if request_id != self.queue.selected_id or request_id is None:
            return
        self.detail.show_detail(detail)
        self.detail_loaded.emit(detail)
        ctx = self.ctx

        def preview() -> RequestPreviewData:
            from desktop.services.preview_data import load_request_preview

            return load_request_preview(ctx, request_id)

        def start_preview() -> None:
            if self.queue.selected_id == request_id:     # still the one shown
                task_runner().database(preview, self._preview_arrived, self.show_failure,
                                       owner=self)

        # once the detail has painted: the preview's file reading (~50 ms of Python on the
        # database lane) beside it held that paint back (the GIL; bench_scale open_detail)
        QTimer.singleShot(0, self, start_preview)

    def _preview_arrived(self, data: RequestPreviewData) -> None:
        self.detail.set_preview(data)
        self.preview_loaded.emit(data)

    def _load_blob(self, sha256: str, on_loaded: Callable[[bytes], None]) -> None:
        ctx = self.ctx

        def read() -> bytes:
            from desktop.services.attachments import read_blob

            return read_blob(ctx, sha256)

        task_runner().database(read, on_loaded, self.show_failure, owner=self)

    # ----- actions (desktop/ui/request_work.py) -----
    def run_action(self, action: Action) -> None:
        self.work.run_action(action)

    def action_done(self, request_id: int, state: RequestState) -> None:
        self.work.action_done(request_id, state)

    def decision_was_recorded(self, result: SignoffResult) -> None:
        self.work.decision_was_recorded(result)

    def new_request(self) -> None:
        self.work.open_request_dialog(None)

    def edit_request(self, item: rq.RequestSummary | None) -> None:
        self.work.edit_request(item)

    def print_form(self, request_id: int) -> None:
        """The official request form as PDF, opened in the system's PDF viewer."""
        self.printer.print_form(request_id)

    def toggle_language(self) -> None:
        self.lang = "en" if self.lang == "th" else "th"
        self.ctx.lang = self.lang
        self.publisher.lang = self.lang
        if self._decisions is not None:
            self._decisions.lang = self.lang
        install_translator(self.lang)  # sends LanguageChange -> _retranslate
        self._retranslate()
        self.lang_changed.emit(self.lang)

    def sign_out(self) -> None:
        self.sign_out_requested.emit()

    def clear_user_data(self) -> None:
        """Leave nothing of this user's on screen (shared PCs)."""
        self._cleared = True
        self.live.stop()
        self.detail.clear()
        self.queue.clear()
        self.tabs.clear()
        self.toolbar_actions.set_selection(False)

    def show_failure(self, failure: TaskFailure) -> None:
        report_failure(self, failure, self.ctx.paths, self.lang)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.publisher.uploading:      # (the start-up reconcile is no upload: not asked)
            answer = ask(
                self, "WebDesk", self.tr("An upload is still running. Quit anyway? "
                                         "(Nothing half-published stays on the site; "
                                         "publish again later to finish.)"))
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        super().closeEvent(event)


def freeze_start_objects() -> None:
    """Once, when the first window's queue has arrived: the objects alive then (modules, Qt
    wrappers, SQLAlchemy's mappers and compiled statements — some 300,000) live as long as
    the process, so they leave the garbage collector's sight (``gc.freeze``).  Otherwise each
    full collection walks all of them again: with such a heap a request's detail or the
    queue's page took ~1 ms more whenever one ran.  Later windows (after a sign-out) freeze
    nothing more: what the first one left behind is collected as usual."""
    if gc.get_freeze_count() == 0:
        gc.freeze()


def _render_cache(ctx: AppContext) -> RenderCache | None:
    from desktop.services.render_cache_settings import render_cache_for

    return render_cache_for(ctx.paths)
