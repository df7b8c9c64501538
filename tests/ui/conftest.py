from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.paths import AppPaths
from desktop.services.context import AppContext
from desktop.services.demo import seed_demo
from desktop.services.user_session import UserSession


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded demo profile, made once; each test gets a copy."""
    import io

    home = tmp_path_factory.mktemp("demo-template")
    ctx = AppContext.open(AppPaths.resolve(home))
    seed_demo(ctx, io.StringIO())
    ctx.close()
    return home


@pytest.fixture
def demo_ctx(demo_template: Path, tmp_path: Path, qapp) -> Iterator[AppContext]:  # noqa: ANN001
    import shutil

    from desktop.ui.fonts import apply_app_font
    from desktop.ui.none_refcount import guard

    apply_app_font(qapp)
    guard(qapp)          # PySide6 6.12 on Python 3.11 drops references to None (see there)
    home = tmp_path / "profile"
    shutil.copytree(demo_template, home)
    ctx = AppContext.open(AppPaths.resolve(home))
    yield ctx
    ctx.close()


@pytest.fixture(autouse=True)
def live_updates_off_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows here do not hear others' changes (a live reload landing between a test's
    action and its wait would race it); tests/ui/test_live_updates.py turns them on."""
    monkeypatch.setenv("WEBDESK_LIVE_UPDATES", "0")


@pytest.fixture(autouse=True)
def no_database_work_or_hashing_on_the_gui_thread() -> Iterator[None]:
    """Every UI test fails when the UI runs SQL or argon2 on the GUI thread itself."""
    from tests.ui.gui_thread_guard import gui_thread_guard

    with gui_thread_guard() as guard:
        yield
    if guard.violations:
        pytest.fail(f"{len(guard.violations)} time(s) the UI blocked the GUI thread:\n"
                    + guard.report(), pytrace=False)


def session_for(ctx: AppContext, username: str) -> UserSession:
    """A signed-in session of a demo user (their password is NAME-demo-1)."""
    return UserSession.sign_in(ctx, username, f"{username}-demo-1")


@pytest.fixture(autouse=True)
def english_again_after_each_test(qapp) -> Iterator[None]:  # noqa: ANN001
    """A test that switches the UI to Thai leaves no translator behind for the next one."""
    yield
    from desktop.ui.i18n import install_translator

    install_translator("en")
