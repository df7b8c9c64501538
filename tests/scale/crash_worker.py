"""The scripted work the crash test kills with SIGKILL at random moments.

One warm worker process (spawned once: imports done, SQL compiled, one whole cycle run and
timed) forks a child per run.  The child drops the connections it inherited and works through
cycles — register, attach a PDF, submit, check, send for approval, the director signs,
publish to the real sshd — writing one line to a pipe after each step has committed (a short
write to a pipe is atomic, so a line is either whole or absent).  The worker waits until
the child has written the number of lines it was given (0: none), then sleeps the delay it
was given, sends the child SIGKILL, and returns the child's exit status and every line the
child wrote: what was committed before the kill.  Counting lines rather than seconds from
the start means a kill aimed at a step lands in it or after it however slow the machine
is; the delay inside the step is still a random moment.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import time
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

Fact = list[Any]


@dataclass(frozen=True)
class Killed:
    status: int              # -9: killed; 0: the child finished its cycles first
    facts: list[Fact]


def _serve(pipe: Connection, home: str, url: str, profile: dict[str, Any],
           people: dict[str, Any], passwords: dict[str, str], pdf: bytes) -> None:
    from desktop.paths import AppPaths
    from desktop.publish.profiles import ServerProfile
    from desktop.services.context import AppContext

    ctx = AppContext.open(AppPaths.resolve(home, url), upgrade=False)
    server = ServerProfile.from_dict(profile)
    started = time.monotonic()
    steps: list[tuple[str, float]] = []
    _cycle(ctx, server, people, passwords, pdf,                       # warm up, and time it
           lambda fact: steps.append((fact[0], round(time.monotonic() - started, 3))))
    pipe.send(("ready", time.monotonic() - started, steps))
    while True:
        order = pipe.recv()
        if order is None:
            return
        after_facts, delay = order
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:                                     # the child: never returns
            os.close(read_end)
            os._exit(_child(ctx, server, people, passwords, pdf, write_end))
        os.close(write_end)
        written = _read_lines(read_end, after_facts)    # (fewer only if the child died)
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)        # (a no-op when it already finished)
        _, status = os.waitpid(pid, 0)
        written += _read_lines(read_end, None)
        os.close(read_end)
        facts = [json.loads(line) for line in written.splitlines()]
        pipe.send(Killed(-os.WTERMSIG(status) if os.WIFSIGNALED(status)
                         else os.WEXITSTATUS(status), facts))


def _read_lines(fd: int, lines: int | None) -> bytes:
    """Whole lines from the pipe until ``lines`` of them have come (None: until its end)."""
    got = b""
    while lines is None or got.count(b"\n") < lines:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        got += chunk
    return got


def _child(ctx: Any, server: Any, people: dict[str, Any], passwords: dict[str, str],
           pdf: bytes, out: int) -> int:
    """Cycles until killed; 3 (and the traceback on stderr) if one fails."""
    def committed(fact: Fact) -> None:
        os.write(out, (json.dumps(fact) + "\n").encode())

    try:
        for engine in {ctx.db.engine, ctx.db.write_engine}:
            engine.dispose(close=False)          # the worker's connections stay its own
        while True:                              # until killed
            _cycle(ctx, server, people, passwords, pdf, committed)
    except BaseException:
        traceback.print_exc()
        return 3


def _cycle(ctx: Any, server: Any, people: dict[str, Any], passwords: dict[str, str],
           pdf: bytes, committed: Any) -> None:
    from datetime import date, timedelta

    from desktop.domain.request import PublicationRequest, Requester
    from desktop.domain.workflow import Action
    from desktop.publish.credentials import CredentialStore
    from desktop.services import requests as rq
    from desktop.services.attachments import attach_file
    from desktop.services.publishing import publish_request
    from desktop.services.signoff import Decision, decide

    web, checker, director = people["somchai"], people["somsri"], people["director"]
    rid = rq.register_request(ctx, web, PublicationRequest(
        title="ประกาศทดสอบการหยุดกลางคัน (ไม่มีเลขยาว: ตัวตรวจข้อมูลส่วนบุคคลจะทัก)",
        category="news", subcategory="general_news", summary="สรุปข่าว", body="ย่อหน้าแรก",
        source_owner="งานพัสดุ", period_start=date.today(), period_end=date.today(),
        requester=Requester(name="นาย ก", unit="งานพัสดุ"), publish_date=date.today(),
        expiry_date=date.today() + timedelta(days=30)))
    committed(["registered", rid])
    added = attach_file(ctx, web, rid, "ประกาศ.pdf", pdf)
    committed(["attached", rid, added.attachment_id])
    for actor, action in ((web, Action.SUBMIT), (checker, Action.START_REVIEW),
                          (checker, Action.SEND_FOR_APPROVAL)):
        state = rq.perform_action(ctx, actor, rid, action)
        committed(["state", rid, state.value])
    result = decide(ctx, director, rid, Decision.APPROVE, passwords["director"])
    committed(["signed", rid, result.signoff_id])
    publish_request(ctx, web, rid, server, CredentialStore(use_default_backend=False))
    committed(["published", rid])


class CrashWorker:
    """The warm worker; :meth:`run` kills a child ``delay`` seconds after it has reported
    ``after_facts`` committed steps."""

    def __init__(self, home: str, url: str, profile: dict[str, Any], people: dict[str, Any],
                 passwords: dict[str, str], pdf: bytes) -> None:
        context = multiprocessing.get_context("spawn")
        self.pipe, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs, home, url, profile,
                                                            people, passwords, pdf))
        self.process.start()
        if not self.pipe.poll(300):
            self.close()
            raise RuntimeError("the warm worker did not start")
        ready, self.cycle_seconds, self.steps = self.pipe.recv()
        assert ready == "ready"

    def run(self, after_facts: int, delay: float) -> Killed:
        self.pipe.send((after_facts, delay))
        if not self.pipe.poll(600):
            raise RuntimeError(f"no answer after a kill at {after_facts}+{delay:.2f} s")
        answer = self.pipe.recv()
        assert isinstance(answer, Killed)
        return answer

    def close(self) -> None:
        if self.process.is_alive():
            self.pipe.send(None)
            self.process.join(30)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
