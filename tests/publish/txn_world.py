"""A small publishing world for the transaction tests: a profile folder on SQLite or
PostgreSQL with the demo people, a site on the session's real sshd, approved requests made
cheaply, and :func:`site_problems` — the invariants every test checks after reconcile:

* no item folder on the site without a "published" record (and request) for it;
* no "published" record whose folder is missing from the site;
* no temporary (hidden or ``.tmp``) anywhere under the web root;
* every category index lists exactly the items recorded live in its folder;
* no publication record left open.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from desktop.domain.request import PublicationRequest, Requester
from desktop.domain.users import User
from desktop.domain.workflow import Action, RequestState
from desktop.paths import AppPaths
from desktop.publish.connection import SftpConnection
from desktop.publish.credentials import CredentialStore
from desktop.publish.hostkeys import known_hosts_name
from desktop.publish.profiles import ServerProfile
from desktop.services import auth
from desktop.services import requests as rq
from desktop.services.attachments import attach_file
from desktop.services.context import AppContext
from desktop.services.demo import ADMIN_PASSWORD, DEMO_USERS
from desktop.services.demo_files import sample_pdf
from desktop.services.signoff import Decision, decide
from desktop.store import publication_records as records
from tests.publish.conftest import make_profile, site_folders
from tests.publish.sshd_server import SshdServer

_HREF = re.compile(r'href="([^"/.][^"/]*)/"')


@dataclass
class World:
    ctx: AppContext
    home: Path
    database_url: str
    web_root: Path
    archive: Path
    profile: ServerProfile
    people: dict[str, User]
    pdf: bytes
    approved: list[int] = field(default_factory=list)
    counter: int = 0
    connection: SftpConnection | None = None      # one kept by a test, closed by close()

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
        self.ctx.close()

    @property
    def webmaster(self) -> User:
        return self.people["somchai"]

    def credentials(self) -> CredentialStore:
        return CredentialStore(use_default_backend=False)      # plain key: nothing asked

    def approved_request(self, title: str = "",
                         files: list[tuple[str, bytes]] | None = None, *,
                         category: tuple[str, str] = ("news", "general_news"),
                         expiry: date | None = None) -> int:
        """A request approved by the director, with one small PDF (or ``files``)."""
        self.counter += 1
        web, checker = self.people["somchai"], self.people["somsri"]
        rid = rq.register_request(self.ctx, web, PublicationRequest(
            title=title or f"ประกาศทดสอบการเผยแพร่ฉบับที่ {self.counter}", category=category[0],
            subcategory=category[1], summary="สรุปข่าว", body="ย่อหน้าแรก",
            source_owner="งานพัสดุ", period_start=date.today(), period_end=date.today(),
            requester=Requester(name="นาย ก", unit="งานพัสดุ"),
            expiry_date=expiry or date.today() + timedelta(days=30), publish_date=date.today()))
        for name, data in files or [("ประกาศ.pdf", self.pdf)]:
            attach_file(self.ctx, web, rid, name, data)
        rq.perform_action(self.ctx, web, rid, Action.SUBMIT)
        rq.perform_action(self.ctx, checker, rid, Action.START_REVIEW)
        rq.perform_action(self.ctx, checker, rid, Action.SEND_FOR_APPROVAL)
        decide(self.ctx, self.people["director"], rid, Decision.APPROVE, _password("director"))
        return rid

    def state(self, request_id: int) -> RequestState:
        return rq.get_request(self.ctx, self.webmaster, request_id).request.state


def _password(username: str) -> str:
    return next(password for name, password, *_ in DEMO_USERS if name == username)


def make_world(sshd: SshdServer, tmp_path: Path, database_url: str, **profile: Any) -> World:
    home = tmp_path / "profile"
    ctx = AppContext.open(AppPaths.resolve(home, database_url))
    people: dict[str, User] = {}
    admin: User | None = None
    for username, password, roles, full_name, position in DEMO_USERS:
        people[username] = auth.create_user(
            ctx, auth.NewUser(username, password, frozenset(roles), full_name, position),
            admin, actor_password=ADMIN_PASSWORD if admin else None)
        admin = admin or people[username]
    ctx.paths.known_hosts.write_text(
        f"{known_hosts_name('127.0.0.1', sshd.port)} {sshd.host_public_key_line()}\n")
    web_root, archive = site_folders(sshd, sshd.key_user)
    values: dict[str, Any] = {"retry_first_delay": 0.0, "retry_attempts": 3}
    values.update(profile)
    server = make_profile(sshd, web_root, archive, **values)
    return World(ctx, home, database_url, web_root, archive, server, people,
                 sample_pdf("ประกาศทดสอบ"))


def trust_relay(world: World, sshd: SshdServer, port: int) -> None:
    with world.ctx.paths.known_hosts.open("a") as handle:
        handle.write(f"{known_hosts_name('127.0.0.1', port)} {sshd.host_public_key_line()}\n")


def site_problems(ctx: AppContext, web_root: Path, site: str) -> list[str]:
    """What is wrong between the site and the records (empty: they agree)."""
    problems: list[str] = []
    with ctx.db.read() as session:
        live = {r.folder: r for r in records.live_records(session, site)}
        still_open = records.open_records(session, site)
    problems += [f"open record {r.status} {r.folder}" for r in still_open]
    on_site: set[str] = set()
    for dirpath, dirs, files in os.walk(web_root):
        relative = Path(dirpath).relative_to(web_root)
        for name in [*dirs, *files]:
            if name.startswith(".") or name.endswith(".tmp"):
                problems.append(f"temporary in public: {relative / name}")
        if len(relative.parts) == 1:
            on_site |= {f"{relative}/{d}" for d in dirs if not d.startswith(".")}
    problems += [f"live without a published record: {f}" for f in sorted(on_site - set(live))]
    problems += [f"recorded but missing from the site: {f}"
                 for f in sorted(set(live) - on_site)]
    folders = {f.rpartition("/")[0] for f in live} | {
        str(p.parent.relative_to(web_root)) for p in web_root.glob("*/index.html")}
    for folder in sorted(folders):
        index = web_root / folder / "index.html"
        listed = set(_HREF.findall(index.read_text("utf-8"))) if index.exists() else set()
        wanted = {f.rpartition("/")[2] for f in live if f.rpartition("/")[0] == folder}
        if listed != wanted:
            problems.append(f"index {folder}: lists {sorted(listed)}, records {sorted(wanted)}")
    with ctx.db.read() as session:
        requests = records.requests_by_id(session, [r.request_id for r in live.values()])
    problems += [f"record published but request {rid} is {req.state.value}"
                 for rid, req in requests.items() if req.state != RequestState.PUBLISHED]
    return problems


Hook = Callable[[str, str], None]
