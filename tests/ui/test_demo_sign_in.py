"""pytest-qt: `webdesk --demo` shows the demo accounts and their passwords on the sign-in screen
itself (issue 14 item 1), beside the card, in the language chosen there; signing in with what
it shows works, and the panel is still there when the screen locks again."""

from __future__ import annotations

from pathlib import Path

from desktop.services.context import AppContext
from desktop.services.demo_session import demo_environment
from desktop.services.workstation import WorkstationSettings
from desktop.ui.demo_gui import DemoPanel
from desktop.ui.i18n import install_translator
from desktop.ui.session import SessionController


def test_the_demo_accounts_are_on_the_sign_in_screen(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    with demo_environment(tmp_path / "demo") as env:
        ctx = AppContext.open(env.paths)
        install_translator("th")                  # as run_gui does for a Thai PC
        controller = SessionController(ctx, "th", WorkstationSettings(shared_pc=False),
                                       notice=lambda: DemoPanel(env))
        try:
            controller.start()
            screen = controller.lock_screen
            assert screen is not None and screen.isVisible()
            [panel] = screen.findChildren(DemoPanel)
            assert panel.isVisibleTo(screen)
            # Beside the card, at the same height: both in sight at once.
            card, notice = screen.card.geometry(), panel.parentWidget().geometry()
            assert notice.left() >= card.right() and notice.top() < card.bottom()
            rows = {panel.accounts.item(r, 0).text(): panel.accounts.item(r, 1).text()
                    for r in range(panel.accounts.rowCount())}
            assert rows["somchai"] == "somchai-demo-1"
            assert rows["director"] == "director-demo-1"
            assert panel.accounts.verticalScrollBar().maximum() == 0   # all in sight
            assert "ทดลอง" in panel.intro.text()
            controller.switch_language("en")
            qtbot.waitUntil(lambda: panel.intro.text().startswith("This is a demo"))
            # What the panel shows lets one in; the panel stays for the next person.
            screen.form.username.setText("somchai")
            screen.form.password.setText(rows["somchai"])
            with qtbot.waitSignal(controller.window_opened, timeout=20000) as opened:
                screen.form.button.click()
            assert opened.args[0].user.username == "somchai"
            with qtbot.waitSignal(controller.sign_out_recorded, timeout=15000):
                opened.args[0].toolbar_actions.sign_out.trigger()
            assert controller.lock_screen is screen and screen.isVisible()
            assert screen.findChildren(DemoPanel) == [panel]
        finally:
            controller.shutdown()
            ctx.close()
