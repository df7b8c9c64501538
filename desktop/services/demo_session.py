"""The demo the GUI opens (``webdesk --demo`` with a display): a throwaway profile with the demo
users and requests in every state, its own SFTP and web servers, and a server profile for
them whose host key is NOT yet trusted, so the first publish asks, as with a real server.
Everything is removed when the demo ends.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.paths import AppPaths
from desktop.services.context import AppContext
from desktop.services.demo import demo_accounts, seed_demo
from desktop.services.demo_servers import DemoSite, demo_site


@dataclass(frozen=True)
class DemoEnvironment:
    paths: AppPaths
    site: DemoSite
    accounts: list[tuple[str, str, str, str]]   # user name, password, roles, full name

    @property
    def sftp_address(self) -> str:
        return f"{self.site.sftp.host}:{self.site.sftp.port}"


@contextlib.contextmanager
def demo_environment(folder: Path | None = None) -> Iterator[DemoEnvironment]:
    """Seed a demo profile in ``folder`` (default: a new temporary folder, removed after)
    and run its servers while the caller runs the app."""
    with contextlib.ExitStack() as stack:
        if folder is None:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(
                prefix="webdesk-demo-")))
        site = stack.enter_context(demo_site(folder))
        paths = AppPaths.resolve(folder / "profile")
        ctx = AppContext.open(paths)
        try:
            people = seed_demo(ctx, io.StringIO())
            if people is not None:
                from desktop.services.servers import save_server

                save_server(ctx, site.profile(), people["admin"], make_default=True)
        finally:
            ctx.close()
        yield DemoEnvironment(paths, site, demo_accounts())
