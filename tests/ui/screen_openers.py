"""Every screen of WebDesk, opened with demo data and loaded (for tests/ui/screen_walk.py)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

from desktop.domain.workflow import Action, RequestState, label
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.services.notices import prepare_notice
from desktop.services.server_access import AuthKind, ServerProfile
from desktop.services.signoff import Decision, signoff_options
from desktop.services.user_session import UserSession

Opener = Callable[[], object]


def settle() -> None:
    """Let every background task finish and its result arrive (no clock involved)."""
    from PySide6.QtCore import QEventLoop, QThread

    from desktop.ui.tasks import task_runner

    loop = QEventLoop()   # (its processEvents does not drop references to None, see NOTES)
    quiet = 0
    for _ in range(20000):
        loop.processEvents()
        if task_runner().running() == 0:
            quiet += 1
            if quiet > 20:
                return
        else:
            quiet = 0
            QThread.msleep(2)


def _first(ctx: AppContext, state: RequestState) -> rq.RequestSummary:
    return rq.list_requests(ctx, rq.RequestQuery(states=(state,)))[0]


def openers(ctx: AppContext, lang: str) -> Iterator[tuple[str, Opener]]:
    from desktop.ui.approval_chain_dialog import ApprovalChainDialog
    from desktop.ui.decision_dialog import DecisionDialog
    from desktop.ui.delegation_dialog import DelegationDialog
    from desktop.ui.elsewhere_dialog import ElsewhereDialog
    from desktop.ui.lock_screen import LockScreen
    from desktop.ui.main_window import MainWindow
    from desktop.ui.notice_dialog import NoticeDialog
    from desktop.ui.period_dialog import PeriodDialog
    from desktop.ui.request_dialog import RequestDialog
    from desktop.ui.server_dialog import ServerDialog
    from desktop.ui.server_password_dialog import ServerPasswordDialog
    from desktop.ui.simple_dialogs import ReasonDialog
    from desktop.ui.users_dialog import UsersDialog

    def session(name: str) -> UserSession:
        return UserSession.sign_in(ctx, name, f"{name}-demo-1")

    webmaster, director, admin = session("somchai"), session("director"), session("admin")
    profile = ServerProfile(name="เว็บไซต์สำนักงาน", host="www.example.go.th",
                            user="webmaster", web_root="/var/www/html",
                            archive_dir="/srv/archive", auth=AuthKind.PASSWORD)

    def loaded(widget: object) -> object:
        settle()
        return widget

    def main_window(who: UserSession, state: RequestState | None = None) -> object:
        window = MainWindow(who, lang)
        settle()
        if state is not None:
            window.select_request(_first(ctx, state).id)
        elif window.inbox is None and window.model.rowCount():
            last = window.model.row_at(window.model.rowCount() - 1)
            if last is not None:
                window.select_request(last.id)
        return loaded(window)

    def home(who: UserSession) -> object:
        window = MainWindow(who, lang)
        window.tabs.setCurrentWidget(window.home)
        return loaded(window)

    yield "lock-screen", lambda: LockScreen(ctx, lang, shared=True)
    yield "lock-screen-demo", lambda: demo_sign_in(ctx, lang)
    yield "home-webmaster", lambda: home(webmaster)
    yield "home-admin", lambda: home(admin)
    yield "main-webmaster", lambda: main_window(webmaster)
    yield "main-director", lambda: main_window(director)
    yield "main-admin", lambda: main_window(admin)
    yield "main-admin-approved", lambda: main_window(admin, RequestState.APPROVED)
    yield "request-new", lambda: loaded(RequestDialog(ctx, webmaster.user, lang, None))
    first = rq.list_requests(ctx, rq.RequestQuery())[-1]   # WD-…-00001: pdf, jpg and xlsx
    yield "request-edit", lambda: loaded(RequestDialog(ctx, webmaster.user, lang, first.id))
    awaiting = _first(ctx, RequestState.AWAITING_APPROVAL)
    options = signoff_options(ctx, director.user, awaiting.id)

    def decision_dialog(decision: Decision) -> object:
        return DecisionDialog(decision, awaiting.title, options.manifest_hash, lang, None,
                              options)

    for decision in Decision:
        yield f"decision-{decision.value}", functools.partial(decision_dialog, decision)
    yield "delegation", lambda: loaded(DelegationDialog(ctx, director.user, lang))
    yield "server", lambda: loaded(ServerDialog(admin, lang))
    yield "approval-steps", lambda: loaded(ApprovalChainDialog(ctx, admin.user, lang))
    yield "users", lambda: loaded(UsersDialog(admin, lang))
    rejected = _first(ctx, RequestState.REJECTED)
    prepared = prepare_notice(ctx, webmaster.user, rejected.id)
    yield "notice", lambda: NoticeDialog(ctx, webmaster.user, lang, prepared)
    yield "publish-queue", lambda: loaded(transfers_shown(MainWindow(webmaster, lang),
                                                         ctx, profile))
    yield "server-password", lambda: ServerPasswordDialog(profile, True)
    prompt = "เหตุผล (แจ้งเจ้าของข้อมูล):" if lang == "th" else "Reason (the owner will be told):"
    yield "reason", lambda: ReasonDialog(label(Action.WITHDRAW, lang), prompt, [], True)
    approved = rq.get_request(ctx, admin.user, _first(ctx, RequestState.APPROVED).id).request
    yield "published-elsewhere", lambda: ElsewhereDialog(ctx, admin.user, lang, approved)
    published = rq.get_request(ctx, webmaster.user,
                               _first(ctx, RequestState.PUBLISHED).id).request
    yield "publication-period", lambda: PeriodDialog(ctx, webmaster.user, lang, published)
    yield from _other_dialogs(ctx, admin, lang)


def demo_sign_in(ctx: AppContext, lang: str) -> object:
    """``webdesk --demo``'s sign-in screen: the demo accounts and passwords beside the card.
    (The demo's servers stand in as their addresses: the walk looks at the layout.)"""
    from types import SimpleNamespace

    from desktop.services.demo import demo_accounts
    from desktop.services.demo_session import DemoEnvironment
    from desktop.ui.demo_gui import DemoPanel
    from desktop.ui.lock_screen import LockScreen

    site = SimpleNamespace(password="Xq3-demo-server-pw", base_url="http://127.0.0.1:8765",
                           host_key_fingerprint="SHA256:6pX0v4Yc1Jm2n1cQmYwqkq8Nf0w3t0p1m5Bq9mS8kRk",
                           sftp=SimpleNamespace(host="127.0.0.1", port=2222))
    env = DemoEnvironment(ctx.paths, site, demo_accounts())  # type: ignore[arg-type]
    screen = LockScreen(ctx, lang, shared=False)
    screen.add_notice(DemoPanel(env))
    return screen


def transfers_shown(window: object, ctx: AppContext, profile: ServerProfile) -> object:
    """The main window with its transfer queue docked: one published, one failed (the
    server could not be reached), one waiting."""
    from desktop.domain.errors import UserError
    from desktop.ui.main_window import MainWindow
    from desktop.ui.transfer_items import ItemState, QueueEntry, TransferItem

    assert isinstance(window, MainWindow)
    settle()
    panel = window.publisher.transfers()
    window.publisher.show_transfers()
    rows = [_first(ctx, state) for state in (RequestState.PUBLISHED, RequestState.APPROVED,
                                             RequestState.TAKEN_DOWN)]
    items = [TransferItem(QueueEntry(r.id, r.title, r.reference), profile) for r in rows]
    items[0].state, items[0].url = ItemState.DONE, "https://www.example.go.th/news/wd-1/"
    items[1].fail(UserError("sftp_unreachable", host=profile.host, port=22,
                            detail="Connection refused"))
    panel.items.extend(items)
    panel.redraw()
    panel.table.selectRow(1)
    return window


def _other_dialogs(ctx: AppContext, admin: UserSession,
                   lang: str) -> Iterator[tuple[str, Opener]]:
    """Dialogs of other rooms' issues (settings, first-run wizard), when they exist."""
    try:
        from desktop.ui.settings_dialog import SettingsDialog
    except ImportError:
        pass
    else:
        yield "settings", lambda: _settled(SettingsDialog(admin, lang))
    try:
        from desktop.ui.first_run_wizard import FirstRunWizard
    except ImportError:
        pass
    else:
        yield "first-run-wizard", lambda: FirstRunWizard(ctx, lang)


def _settled(widget: object) -> object:
    settle()
    return widget
