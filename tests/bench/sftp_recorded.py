"""bench_sftp.py's cases for the recorded transaction (issue 11).

* ``recorded`` — a contender beside ``webdesk``: the same files published through the
  publishing service's transaction on a real SQLite profile: reconcile of the site first
  (records read, one listing of the server), the "publishing" record, the rename, the
  "published" record with the request's transition, the resume journal and the SFTP-session
  audit row.  The profile is in "files" mode, so no index pages are written: the difference to
  ``webdesk`` is exactly the recording and the reconcile (target: at most 5% slower).
* ``resume_saving`` — a 64 MiB file whose first upload is cut when 75% of the file's bytes
  have crossed the link; the bytes of file data the retry sends to finish, over the file size
  (target <= 0.3: it carries on from the last verified offset instead of starting again).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import time
import zipfile
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from desktop.domain.request import PublicationRequest, Requester
from desktop.domain.users import User
from desktop.domain.workflow import Action
from desktop.paths import AppPaths
from desktop.publish.connection import connect
from desktop.publish.credentials import CredentialStore
from desktop.publish.errors import PublishError
from desktop.publish.hostkeys import HostKeyStore, known_hosts_name
from desktop.publish.journal import MemoryJournal
from desktop.publish.profiles import PublishMode, ServerProfile
from desktop.publish.uploader import ItemUploader, PublishFile
from desktop.services import auth, publishing
from desktop.services import requests as rq
from desktop.services.attachments import attach_file
from desktop.services.checklist import precheck
from desktop.services.context import AppContext
from desktop.services.demo import ADMIN_PASSWORD, DEMO_USERS
from desktop.services.signoff import Decision, decide

MiB = 1024 * 1024


@dataclass
class Recorder:
    """A profile with the demo people; approved requests are made before each timed run."""

    ctx: AppContext
    people: dict[str, User]
    profile: ServerProfile

    def approved(self, counter: int) -> tuple[int, PublicationRequest, str]:
        web, checker = self.people["somchai"], self.people["somsri"]
        rid = rq.register_request(self.ctx, web, PublicationRequest(
            title=f"ชุดข้อมูลทดสอบความเร็วฉบับที่ {counter}", category="news",
            subcategory="general_news", summary="ทดสอบ", source_owner="งานสารสนเทศ",
            requester=Requester(name="นาย ก", unit="งานสารสนเทศ"),
            expiry_date=date.today() + timedelta(days=30), publish_date=date.today()))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("readme.pdf", b"%PDF-1.4\n%bench\n")
        attach_file(self.ctx, web, rid, "ชุดข้อมูล.zip", buffer.getvalue())
        rq.perform_action(self.ctx, web, rid, Action.SUBMIT)
        rq.perform_action(self.ctx, checker, rid, Action.START_REVIEW)
        rq.perform_action(self.ctx, checker, rid, Action.SEND_FOR_APPROVAL)
        decide(self.ctx, self.people["director"], rid, Decision.APPROVE,
               next(p for n, p, *_ in DEMO_USERS if n == "director"))
        detail = rq.get_request(self.ctx, web, rid)
        return rid, detail.request, detail.manifest_hash


_recorders: dict[int, Recorder] = {}


def _recorder(setup: Any, port: int) -> Recorder:
    found = _recorders.get(id(setup))
    if found is None:
        home = setup.work / "recorded-profile"
        ctx = AppContext.open(AppPaths.resolve(home, f"sqlite:///{home / 'webdesk.sqlite3'}"))
        people: dict[str, User] = {}
        admin: User | None = None
        for username, password, roles, full_name, position in DEMO_USERS:
            people[username] = auth.create_user(
                ctx, auth.NewUser(username, password, frozenset(roles), full_name, position),
                admin, actor_password=ADMIN_PASSWORD if admin else None)
            admin = admin or people[username]
        ctx.paths.known_hosts.write_text(setup.known_hosts.read_text())
        profile = ServerProfile(name="bench", host="127.0.0.1", port=port,
                                user=setup.server.key_user.name, web_root=str(setup.web_root),
                                archive_dir=str(setup.web_root.parent / "archive"),
                                key_path=str(setup.server.plain_key_path),
                                mode=PublishMode.FILES)
        found = _recorders[id(setup)] = Recorder(ctx, people, profile)
    return found


def recorded_put(setup: Any, port: int, files: list[PublishFile]) -> float:
    """One publish through the recorded transaction (timed), then taken down and removed
    (not timed)."""
    recorder = _recorder(setup, port)
    rid, request, digest = recorder.approved(setup.counter)
    setup.counter += 1
    web = recorder.people["somchai"]
    profile = replace(recorder.profile, port=port)
    credentials = CredentialStore(use_default_backend=False)
    precheck(recorder.ctx, rid)         # done before the upload when publishing for real
    started = time.perf_counter()
    publishing._upload_and_record(recorder.ctx, web, rid, profile, credentials,
                                  publishing.PublishControls(), request, digest, files)
    elapsed = time.perf_counter() - started
    outcome = publishing.take_down_request(recorder.ctx, web, rid, profile, credentials)
    if outcome.archive_path:
        shutil.rmtree(outcome.archive_path)
    return elapsed


def resume_saving(setup: Any, proxy_class: Any, size: int = 64 * MiB) -> dict[str, float]:
    """Cut the first upload of a ``size`` file at 75% of its bytes; the retry's file bytes
    over the size."""
    data = setup.work / "resume.bin"
    with data.open("wb") as handle:
        for _ in range(size // MiB):
            handle.write(os.urandom(MiB))
    spec = PublishFile(data.name, data)
    object.__setattr__(spec, "sha256", spec.digest())
    proxy = proxy_class(setup.server.port)
    known = setup.work / "resume_known_hosts"
    line = setup.server.host_public_key_line()
    known.write_text(f"{known_hosts_name('127.0.0.1', proxy.port)} {line}\n")
    profile = ServerProfile(name="bench", host="127.0.0.1", port=proxy.port,
                            user=setup.server.key_user.name, web_root=str(setup.web_root),
                            archive_dir=str(setup.web_root.parent / "archive"),
                            key_path=str(setup.server.plain_key_path), io_timeout=20.0)
    journal = MemoryJournal()

    def attempt() -> int:
        with connect(profile, HostKeyStore(known, use_user_file=False),
                     CredentialStore(use_default_backend=False)) as connection:
            with contextlib.suppress(PublishError):          # the cut attempt
                ItemUploader(connection, journal=journal).publish_item("resume", "bench",
                                                                       [spec])
            return connection.bytes_sent

    proxy.upload_only = True          # 75% of the file's bytes went to the server
    try:
        proxy.cut_after = int(size * 0.75)
        first = attempt()
        proxy.cut_after = None
        second = attempt()
    finally:
        proxy.close()
    finished = (setup.web_root / "bench" / "resume" / data.name).stat().st_size == size
    shutil.rmtree(setup.web_root / "bench", ignore_errors=True)
    if not finished:
        raise RuntimeError("the resumed upload did not finish")
    print("resume_saving", {"first_attempt_bytes": first, "retry_bytes": second}, flush=True)
    return {"resume_saving": round(second / size, 3)}
