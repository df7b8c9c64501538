"""The processes that the fault-injection test kills with SIGKILL at a step boundary.

One warm worker process per test (started once): it opens the profile, publishes and takes
down one warm-up request (imports done, SQL compiled, key files read), then for each run forks
a child.  The child drops the database connections it inherited (keeping the warm engine),
installs a hook that sends itself SIGKILL when ``step`` (with ``detail``) is reached, and
publishes or takes down.  The worker reports the child's exit status: -9 when it died there.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any


@dataclass(frozen=True)
class Run:
    request_id: int
    operation: str          # "publish" | "takedown"
    step: str
    detail: str


def _serve(pipe: Connection, home: str, database_url: str, profile: dict[str, Any],
           user: Any, warm_up: int) -> None:
    from desktop.paths import AppPaths
    from desktop.publish.credentials import CredentialStore
    from desktop.publish.profiles import ServerProfile
    from desktop.services.context import AppContext

    ctx = AppContext.open(AppPaths.resolve(home, database_url), upgrade=False)
    server = ServerProfile.from_dict(profile)
    credentials = CredentialStore(use_default_backend=False)
    _operate(ctx, user, server, credentials, warm_up, "publish")
    _operate(ctx, user, server, credentials, warm_up, "takedown")
    pipe.send("ready")
    while True:
        run = pipe.recv()
        if run is None:
            return
        pid = os.fork()
        if pid == 0:                                  # the child: never returns
            code = 0
            try:
                _child(ctx, user, server, credentials, run)
            except BaseException:
                code = 3
            os._exit(code)
        _, status = os.waitpid(pid, 0)
        pipe.send(-os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status))


def _child(ctx: Any, user: Any, server: Any, credentials: Any, run: Run) -> None:
    from desktop.publish import steps

    for engine in {ctx.db.engine, ctx.db.write_engine}:
        engine.dispose(close=False)            # the worker's connections stay the worker's

    def kill(reached: str, what: str) -> None:
        if reached == run.step and (not run.detail or what.endswith(run.detail)):
            os.kill(os.getpid(), signal.SIGKILL)

    steps.install(kill)
    _operate(ctx, user, server, credentials, run.request_id, run.operation)


def _operate(ctx: Any, user: Any, server: Any, credentials: Any, request_id: int,
             operation: str) -> None:
    from desktop.services.publishing import publish_request, take_down_request

    if operation == "publish":
        publish_request(ctx, user, request_id, server, credentials)
    else:
        take_down_request(ctx, user, request_id, server, credentials, "ทดสอบ")


class KillingWorker:
    """The warm worker; :meth:`kill_at` returns the child's exit status (-9: killed)."""

    def __init__(self, home: str, database_url: str, profile: dict[str, Any], user: Any,
                 warm_up: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.pipe, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs, home, database_url,
                                                            profile, user, warm_up))
        self.process.start()
        if not self.pipe.poll(120) or self.pipe.recv() != "ready":
            self.close()
            raise RuntimeError("the warm worker did not start")

    def kill_at(self, run: Run) -> int:
        self.pipe.send(run)
        if not self.pipe.poll(120):
            raise RuntimeError(f"no answer for {run}")
        return int(self.pipe.recv())

    def close(self) -> None:
        if self.process.is_alive():
            self.pipe.send(None)
            self.process.join(30)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
