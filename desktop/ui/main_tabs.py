"""The pages of the main window: Home, the approver inbox (approvers, and anyone an approver
delegated to today), All requests (the queue beside the selected request) and the Dashboard.

The inbox and the dashboard are built when they are wanted (the inbox when the person may
sign, the dashboard when its tab is first opened): their modules (previews, reports) are
imported then, not when the window opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QScrollArea, QSplitter, QTabWidget, QWidget

from desktop.domain.workflow import Role
from desktop.ui.home_view import HomeView
from desktop.ui.icons import icon
from desktop.ui.tasks import task_runner

if TYPE_CHECKING:
    from desktop.ui.approver_inbox import ApproverInboxWidget
    from desktop.ui.dashboard_tab import DashboardTab
    from desktop.ui.main_window import MainWindow


class MainTabs(QTabWidget):
    inbox_installed = Signal(QWidget)      # the ApproverInboxWidget, once it is there
    dashboard_built = Signal(QWidget)      # the DashboardTab, when its tab is first opened

    def __init__(self, window: MainWindow, queue_page: QSplitter) -> None:
        super().__init__()
        self.setObjectName("mainTabs")
        self.window_ = window
        self.inbox: ApproverInboxWidget | None = None
        self.dashboard: DashboardTab | None = None
        self.home = HomeView(window.ctx, window.user, window.lang)
        self.home.request_opened.connect(window.select_request)
        self.home.inbox_opened.connect(self.open_in_inbox)
        self.home.state_opened.connect(self.open_state)
        self.home.admin_opened.connect(self.open_admin)
        self.home.failed.connect(window.show_failure)
        self.queue_page = queue_page
        self.dashboard_page = QScrollArea()          # it scrolls on a small screen
        self.dashboard_page.setObjectName("dashboardPage")
        self.dashboard_page.setWidgetResizable(True)
        self.dashboard_page.setFrameShape(QScrollArea.Shape.NoFrame)
        self.addTab(self.home, icon("home"), "")
        self.addTab(queue_page, "")
        self.addTab(self.dashboard_page, "")
        self.currentChanged.connect(self._page_shown)

    # ----- the dashboard, built when first opened -----
    def _page_shown(self, index: int) -> None:
        if self.widget(index) is self.dashboard_page:
            self.build_dashboard()
        self.follow_selection()

    # ----- the toolbar's Print form: the request of the page shown -----
    def selected_request_id(self) -> int | None:
        """The request the page shown is about: the inbox's when the inbox is shown, the
        queue's otherwise."""
        if self.inbox is not None and self.currentWidget() is self.inbox:
            return self.inbox.shown_request_id()
        return self.window_.queue.selected_id

    def follow_selection(self) -> None:
        self.window_.toolbar_actions.set_printable(self.selected_request_id() is not None)

    def print_selected(self) -> None:
        """The toolbar's Print form (PDF)."""
        request_id = self.selected_request_id()
        if request_id is not None:
            self.window_.print_form(request_id)

    def build_dashboard(self) -> DashboardTab:
        if self.dashboard is None:
            from desktop.ui.dashboard_tab import DashboardTab

            window = self.window_
            self.dashboard = DashboardTab(window.ctx, window.user, window.lang,
                                          credentials=lambda: window.session.secrets.store)
            self.dashboard.setObjectName("dashboardTab")
            self.dashboard_page.setWidget(self.dashboard)
            self.dashboard.refresh()
            self.dashboard_built.emit(self.dashboard)
        return self.dashboard

    # ----- the approver inbox -----
    def install_inbox_when_wanted(self) -> None:
        """Approvers get the inbox at once; anyone an approver delegated to today, once the
        database has said so."""
        window = self.window_
        if Role.APPROVER in window.user.roles:
            self.install_inbox()
            return
        ctx, user = window.ctx, window.user

        def delegated_to_me() -> bool:
            from desktop.services.delegation import delegators_today

            return bool(delegators_today(ctx, user))

        task_runner().database(delegated_to_me,
                               lambda wanted: self.install_inbox() if wanted else None,
                               window.show_failure, owner=self)

    def install_inbox(self) -> None:
        if self.inbox is not None:
            return
        from desktop.ui.approver_inbox import ApproverInboxWidget

        window = self.window_
        inbox = ApproverInboxWidget(window.ctx, window.user, window.lang)
        inbox.inbox_loaded.connect(lambda _n: self.retitle())
        inbox.decision_recorded.connect(window.decision_was_recorded)
        inbox.form_requested.connect(window.print_form)
        inbox.shown_changed.connect(self.follow_selection)
        inbox.failed.connect(window.show_failure)
        self.inbox = inbox
        self.insertTab(1, inbox, icon("inbox"), "")
        if Role.APPROVER in window.user.roles:
            self.setCurrentWidget(inbox)   # the director opens on what awaits them
        self.retitle()
        inbox.refresh()
        self.inbox_installed.emit(inbox)

    def open_in_inbox(self, request_id: int) -> None:
        if self.inbox is not None:
            self.setCurrentWidget(self.inbox)
            self.inbox.select_request(request_id)

    def open_admin(self, what: str) -> None:
        """A health line of the admin's home: the servers, or the settings (backups)."""
        from desktop.ui import main_dialogs

        if what == "servers":
            main_dialogs.edit_servers(self.window_)
        elif what == "settings":
            main_dialogs.edit_settings(self.window_)

    def open_state(self, value: str) -> None:
        self.setCurrentWidget(self.queue_page)
        self.window_.queue.show_state(value or None)

    # ----- text, refresh, leaving -----
    def retitle(self) -> None:
        self.setTabText(self.indexOf(self.home), self.tr("Home"))
        self.setTabText(self.indexOf(self.queue_page), self.tr("All requests"))
        self.setTabText(self.indexOf(self.dashboard_page),
                        QCoreApplication.translate("DashboardTab", "Dashboard"))
        if self.inbox is not None:
            self.setTabText(self.indexOf(self.inbox), self.tr(
                "Awaiting my signature ({n})").format(n=self.inbox.model.rowCount()))

    def set_lang(self, lang: str) -> None:
        self.home.set_lang(lang)
        if self.dashboard is not None:
            self.dashboard.set_lang(lang)
        if self.inbox is not None:
            self.inbox.set_lang(lang)
        self.retitle()

    def refresh(self) -> None:
        self.home.refresh()
        if self.inbox is not None:
            self.inbox.refresh()

    def clear(self) -> None:
        self.home.clear()
        if self.inbox is not None:
            self.inbox.clear()

    def show_queue(self) -> None:
        self.setCurrentWidget(self.queue_page)


def queue_splitter(queue: QWidget, detail: QWidget) -> QSplitter:
    """All requests: the queue, and beside it the selected request."""
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.setObjectName("queueSplitter")
    splitter.addWidget(queue)
    splitter.addWidget(detail)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    splitter.setSizes([900, 420])     # the queue's title column gets the room
    return splitter
