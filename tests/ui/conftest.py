from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.paths import AppPaths
from desktop.services.context import AppContext
from desktop.services.demo import seed_demo


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

    apply_app_font(qapp)
    home = tmp_path / "profile"
    shutil.copytree(demo_template, home)
    ctx = AppContext.open(AppPaths.resolve(home))
    yield ctx
    ctx.close()
