"""The publishing use cases end to end: services -> real OpenSSH sshd -> files on disk."""

from __future__ import annotations

import io
import stat
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.domain.errors import PermissionDenied, UserError
from desktop.domain.workflow import Action, RequestState
from desktop.paths import AppPaths
from desktop.publish.credentials import CredentialStore, SecretKind
from desktop.publish.hostkeys import known_hosts_name
from desktop.publish.profiles import PublishMode
from desktop.services import auth, publishing, servers
from desktop.services import requests as rq
from desktop.services.attachments import attach_file
from desktop.services.context import AppContext
from desktop.services.demo import seed_demo
from desktop.services.demo_files import sample_pdf, sample_photo
from desktop.services.signoff import Decision, decide
from desktop.store.models import AuditRow
from tests.publish.conftest import MemoryKeyring, make_profile, tree
from tests.support.components import require


@pytest.fixture
def ctx(tmp_path: Path, sshd) -> AppContext:  # noqa: ANN001
    context = AppContext.open(AppPaths.resolve(tmp_path / "profile"))
    seed_demo(context, io.StringIO())
    context.paths.known_hosts.write_text(
        f"{known_hosts_name('127.0.0.1', sshd.port)} {sshd.host_public_key_line()}\n")
    yield context
    context.close()


def _approved(ctx: AppContext, title: str = "ประกาศทดสอบการเผยแพร่",
              expiry: date | None = None) -> int:
    web = auth.sign_in(ctx, "somchai", "somchai-demo-1")
    checker = auth.sign_in(ctx, "somsri", "somsri-demo-1")
    from desktop.domain.request import PublicationRequest, Requester

    rid = rq.register_request(ctx, web, PublicationRequest(
        title=title, category="news", subcategory="general_news", summary="สรุปข่าว",
        body="ย่อหน้าแรก\n\nย่อหน้าที่สอง", requester=Requester(name="นาย ก", unit="งานพัสดุ"),
        expiry_date=expiry or date.today() + timedelta(days=30), publish_date=date.today()))
    attach_file(ctx, web, rid, "ประกาศ.pdf", sample_pdf(title))
    attach_file(ctx, web, rid, "ภาพ.jpg", sample_photo(3), caption="ภาพกิจกรรม",
                alt_text="ผู้เข้าร่วม")
    rq.perform_action(ctx, web, rid, Action.SUBMIT)
    rq.perform_action(ctx, checker, rid, Action.START_REVIEW)
    rq.perform_action(ctx, checker, rid, Action.SEND_FOR_APPROVAL)
    decide(ctx, auth.sign_in(ctx, "director", "director-demo-1"), rid, Decision.APPROVE,
           "director-demo-1")
    return rid


def _credentials(sshd) -> CredentialStore:  # noqa: ANN001
    return CredentialStore(backend=MemoryKeyring())


def test_publish_site_mode_then_take_down(ctx, sshd, folders) -> None:  # noqa: ANN001
    web_root, archive = folders
    profile = servers.save_server(ctx, make_profile(sshd, web_root, archive),
                       auth.sign_in(ctx, "admin", "admin-demo-1"))
    rid = _approved(ctx)
    web = auth.sign_in(ctx, "somchai", "somchai-demo-1")
    outcome = publishing.publish_request(ctx, web, rid, profile, _credentials(sshd))
    slug = "wd-2569-00013"
    item = web_root / "news" / slug
    assert outcome.url == f"https://www.example.go.th/news/{slug}/"
    files = tree(item)
    assert set(files) == {"index.html", "files/file-1.pdf", "files/file-2.jpg"}
    page = files["index.html"].decode("utf-8")
    assert "ประกาศทดสอบการเผยแพร่" in page and 'alt="ผู้เข้าร่วม"' in page
    assert stat.S_IMODE((item / "files" / "file-1.pdf").stat().st_mode) == 0o644
    assert stat.S_IMODE(item.stat().st_mode) == 0o755
    # The photo on the site is the cleaned web copy (no EXIF), not the original.
    assert b"Demo camera" not in files["files/file-2.jpg"]
    index = (web_root / "news" / "index.html").read_text(encoding="utf-8")
    assert f'href="{slug}/"' in index
    assert slug in (web_root / "news" / "feed.xml").read_text(encoding="utf-8")
    detail = rq.get_request(ctx, web, rid)
    assert detail.request.state == RequestState.PUBLISHED
    assert detail.request.public_url == outcome.url
    assert not any(p.name.startswith(".") for p in (web_root / "news").iterdir())

    result = publishing.take_down_request(ctx, web, rid, profile, _credentials(sshd),
                                          "ครบกำหนด")
    assert not item.exists()
    assert result.archive_path == str(archive / "news" / slug)
    assert tree(archive / "news" / slug) == files  # moved, never deleted
    assert f'href="{slug}/"' not in (web_root / "news" / "index.html").read_text("utf-8")
    assert rq.get_request(ctx, web, rid).request.state == RequestState.TAKEN_DOWN
    with ctx.db.read() as s:
        sessions = s.execute(select(AuditRow.details).where(AuditRow.action == "sftp_session")
                             ).scalars().all()
    assert len(sessions) == 2 and all('"result": "ok"' in d for d in sessions)


def test_files_mode_reports_urls(ctx, sshd, folders) -> None:  # noqa: ANN001
    web_root, archive = folders
    profile = make_profile(sshd, web_root, archive, mode=PublishMode.FILES)
    rid = _approved(ctx)
    web = auth.sign_in(ctx, "somchai", "somchai-demo-1")
    outcome = publishing.publish_request(ctx, web, rid, profile, _credentials(sshd))
    assert set(tree(web_root / "news" / "wd-2569-00013")) == {"file-1.pdf", "file-2.jpg"}
    assert not (web_root / "news" / "index.html").exists()
    assert outcome.url.endswith("/news/wd-2569-00013/file-1.pdf")


def test_publish_refuses_changed_content_and_leaves_nothing(ctx, sshd, folders) -> None:  # noqa: ANN001
    from sqlalchemy import text

    web_root, archive = folders
    profile = make_profile(sshd, web_root, archive)
    rid = _approved(ctx)
    with ctx.db.write() as s:
        s.execute(text("update requests set summary = 'changed' where id = :i"), {"i": rid})
    web = auth.sign_in(ctx, "somchai", "somchai-demo-1")
    with pytest.raises(UserError) as caught:
        publishing.publish_request(ctx, web, rid, profile, _credentials(sshd))
    assert caught.value.code == "manifest_mismatch"
    assert tree(web_root) == {}


def test_a_checklist_that_now_blocks_stops_publishing_before_the_server(  # noqa: ANN001
        ctx, sshd, folders) -> None:  # noqa: ANN001
    """An admin tightened the checklist after the approval: publishing refuses before it
    connects (the item never reaches the site), and the request stays approved."""
    web_root, archive = folders
    rid = _approved(ctx)
    ctx.set_setting("checklist", {"title_max_chars": 12})      # the title is longer now
    web = auth.sign_in(ctx, "somchai", "somchai-demo-1")
    with pytest.raises(UserError) as caught:
        publishing.publish_request(ctx, web, rid, make_profile(sshd, web_root, archive),
                                   _credentials(sshd))
    assert caught.value.code == "checklist_blocked"
    assert "ตรวจสอบ" in caught.value.text("th")
    assert tree(web_root) == {}
    assert rq.get_request(ctx, web, rid).request.state == RequestState.APPROVED
    ctx.set_setting("checklist", {})                            # relaxed again: it goes out
    outcome = publishing.publish_request(ctx, web, rid, make_profile(sshd, web_root, archive),
                                         _credentials(sshd))
    assert outcome.url


def test_files_are_staged_on_disk_not_in_memory_and_cleaned_up(ctx, sshd, folders,  # noqa: ANN001
                                                                monkeypatch) -> None:  # noqa: ANN001
    """Every file goes from the blob store to a private temporary folder (so a big video is
    never held in memory whole), and that folder is gone after success and after failure."""
    web_root, archive = folders
    rid = _approved(ctx)
    web = auth.sign_in(ctx, "somchai", "somchai-demo-1")
    seen: list[Path] = []
    original = publishing._upload_and_record

    def upload_and_record(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        seen.extend(Path(f.source).parent for f in args[-1] if isinstance(f.source, Path))
        return original(*args, **kwargs)

    monkeypatch.setattr(publishing, "_upload_and_record", upload_and_record)
    publishing.publish_request(ctx, web, rid, make_profile(sshd, web_root, archive),
                               _credentials(sshd))
    assert seen and all(folder.parent == ctx.paths.cache_dir for folder in seen)
    assert not any(folder.exists() for folder in seen)              # cleaned up
    assert list(ctx.paths.cache_dir.glob("publish-*")) == []


def test_no_room_to_prepare_the_files_is_a_clear_message(ctx, sshd, folders) -> None:  # noqa: ANN001
    web_root, archive = folders
    rid = _approved(ctx)
    web = auth.sign_in(ctx, "somchai", "somchai-demo-1")
    ctx.paths.cache_dir.mkdir(parents=True, exist_ok=True)
    require(sshd.mount_tmpfs(ctx.paths.cache_dir, "8k", sshd.key_user),
            "mount -t tmpfs (a full local disk; not permitted here)")
    try:
        with pytest.raises(UserError) as caught:
            publishing.publish_request(ctx, web, rid, make_profile(sshd, web_root, archive),
                                       _credentials(sshd))
        assert list(ctx.paths.cache_dir.iterdir()) == []      # the partial copy is gone too
    finally:
        subprocess.run(["umount", str(ctx.paths.cache_dir)], check=False)
    assert caught.value.code == "publish_temp_failed"
    assert "พื้นที่" in caught.value.text("th")
    assert tree(web_root) == {}
    assert rq.get_request(ctx, web, rid).request.state == RequestState.APPROVED


def test_wrong_password_keeps_request_approved_and_logs_the_session(ctx, sshd,  # noqa: ANN001
                                                                    password_folders) -> None:
    from desktop.publish.profiles import AuthKind

    web_root, archive = password_folders
    profile = make_profile(sshd, web_root, archive, auth=AuthKind.PASSWORD, key_path=None)
    store = _credentials(sshd)
    store.save(profile, SecretKind.PASSWORD, "definitely-wrong")
    rid = _approved(ctx)
    web = auth.sign_in(ctx, "somchai", "somchai-demo-1")
    with pytest.raises(UserError) as caught:
        publishing.publish_request(ctx, web, rid, profile, store)
    assert "รหัสผ่าน" in caught.value.text("th")
    assert rq.get_request(ctx, web, rid).request.state == RequestState.APPROVED
    assert tree(web_root) == {}
    store.save(profile, SecretKind.PASSWORD, sshd.password_user.password)
    publishing.publish_request(ctx, web, rid, profile, store)
    assert rq.get_request(ctx, web, rid).request.state == RequestState.PUBLISHED


def test_takedown_due_lists_expired_items(ctx, sshd, folders) -> None:  # noqa: ANN001
    web_root, archive = folders
    profile = make_profile(sshd, web_root, archive)
    rid = _approved(ctx)
    web = auth.sign_in(ctx, "somchai", "somchai-demo-1")
    publishing.publish_request(ctx, web, rid, profile, _credentials(sshd))
    later = date.today() + timedelta(days=31)
    due = publishing.due_for_takedown(ctx, later)
    assert rid in [d.request_id for d in due]
    scheduler = auth.sign_in(ctx, "scheduler", "scheduler-demo-1")
    # The scheduler account may take down only what is due ...
    with pytest.raises(PermissionDenied):
        publishing.take_down_request(ctx, scheduler, rid, profile, _credentials(sshd), "ก่อนกำหนด")
    ctx.clock = lambda: datetime.now() + timedelta(days=31)
    publishing.take_down_request(ctx, scheduler, rid, profile, _credentials(sshd),
                                 "ครบกำหนดเผยแพร่")
    assert rid not in [d.request_id for d in publishing.due_for_takedown(ctx, later)]


def test_dropped_link_reconnects_and_finishes_by_itself(ctx, sshd, folders) -> None:  # noqa: ANN001
    import threading
    import time

    from tests.publish.conftest import trust_port
    from tests.publish.tcp_proxy import CuttingProxy

    web_root, archive = folders
    proxy = CuttingProxy(sshd.port)
    trust_port(ctx.paths.known_hosts, sshd, proxy.port)
    profile = make_profile(sshd, web_root, archive, port=proxy.port, io_timeout=10.0)
    rid = _approved(ctx)
    web = auth.sign_in(ctx, "somchai", "somchai-demo-1")
    proxy.cut_after = 40_000  # the first connection dies in the middle of the upload

    def heal() -> None:
        deadline = time.monotonic() + 60
        while proxy.cuts == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        proxy.cut_after = None

    healer = threading.Thread(target=heal)
    healer.start()
    try:
        outcome = publishing.publish_request(
            ctx, web, rid, profile, _credentials(sshd),
            publishing.PublishControls(first_delay=0.3))
    finally:
        healer.join()
        proxy.close()
    assert proxy.cuts >= 1
    assert rq.get_request(ctx, web, rid).request.state == RequestState.PUBLISHED
    files = tree(web_root / "news" / "wd-2569-00013")
    assert set(files) == {"index.html", "files/file-1.pdf", "files/file-2.jpg"}
    assert outcome.url.endswith("/news/wd-2569-00013/")


def test_scanned_paper_form_is_kept_but_never_uploaded(ctx, sshd, folders) -> None:  # noqa: ANN001
    from desktop.services.attachments import list_files

    web_root, archive = folders
    profile = make_profile(sshd, web_root, archive)
    web = auth.sign_in(ctx, "somchai", "somchai-demo-1")
    from desktop.domain.request import PublicationRequest, Requester

    rid = rq.register_request(ctx, web, PublicationRequest(
        title="ประกาศพร้อมแบบฟอร์มที่ลงนาม", category="news", subcategory="general_news",
        summary="สรุป", requester=Requester(name="นาย ก", unit="งานพัสดุ"),
        expiry_date=date.today() + timedelta(days=30), publish_date=date.today()))
    attach_file(ctx, web, rid, "ประกาศ.pdf", sample_pdf("ประกาศ"))
    attach_file(ctx, web, rid, "แบบฟอร์มคำขอ (สแกน).pdf", sample_pdf("แบบฟอร์มที่ลงนาม"),
                caption=publishing.PAPER_FORM_CAPTION)
    checker = auth.sign_in(ctx, "somsri", "somsri-demo-1")
    rq.perform_action(ctx, web, rid, Action.SUBMIT)
    rq.perform_action(ctx, checker, rid, Action.START_REVIEW)
    rq.perform_action(ctx, checker, rid, Action.SEND_FOR_APPROVAL)
    decide(ctx, auth.sign_in(ctx, "director", "director-demo-1"), rid, Decision.APPROVE,
           "director-demo-1")
    outcome = publishing.publish_request(ctx, web, rid, profile, _credentials(sshd))
    folder = web_root / outcome.remote_folder.split(str(web_root) + "/", 1)[1]
    assert set(tree(folder)) == {"index.html", "files/file-1.pdf"}
    assert "แบบฟอร์มคำขอ" not in (folder / "index.html").read_text("utf-8")
    assert len(list_files(ctx, rid)) == 2  # the record keeps it


def test_one_upload_of_a_request_at_a_time(ctx, sshd, folders) -> None:  # noqa: ANN001
    """Two PCs publishing one request would stage into the same folder (named from its
    content); the second is refused at once, naming the first, and reaches nothing."""
    import threading
    from datetime import UTC

    from desktop.services.publish_txn import UPLOAD_CLAIM_TTL
    from desktop.store import locks
    from desktop.store import publication_records as records

    web_root, archive = folders
    profile = make_profile(sshd, web_root, archive)
    rid = _approved(ctx)
    web = auth.sign_in(ctx, "somchai", "somchai-demo-1")
    claim = f"upload:{profile.site_id}:{rid}"
    # another PC is uploading it: refused before anything reaches the server
    assert records.take_lock(ctx.db, claim, "งานเว็บ-PC2:4242:1", datetime.now(UTC),
                             UPLOAD_CLAIM_TTL, lambda _holder: False)
    with pytest.raises(UserError) as caught:
        publishing.publish_request(ctx, web, rid, profile, _credentials(sshd))
    assert caught.value.code == "publish_already_running"
    assert "งานเว็บ-PC2" in caught.value.text("th") and "งานเว็บ-PC2" in caught.value.text("en")
    assert tree(web_root) == {}
    assert rq.get_request(ctx, web, rid).request.state == RequestState.APPROVED
    locks.release(ctx.db, claim, "งานเว็บ-PC2:4242:1")
    # while this PC uploads it, a second publish (another thread) is refused the same way
    refused: list[str] = []

    def second_publish() -> None:
        try:
            publishing.publish_request(ctx, web, rid, profile, _credentials(sshd))
        except UserError as error:
            refused.append(error.code)

    def on_progress(_progress: object) -> None:
        if not refused:
            holder = locks.holder_of(ctx.db, claim)
            assert holder is not None and holder.startswith(f"{ctx.workstation}:")
            other = threading.Thread(target=second_publish)
            other.start()
            other.join()

    outcome = publishing.publish_request(ctx, web, rid, profile, _credentials(sshd),
                                         publishing.PublishControls(on_progress=on_progress))
    assert refused == ["publish_already_running"]
    assert outcome.url.endswith("/news/wd-2569-00013/")
    assert locks.holder_of(ctx.db, claim) is None           # released when done
    assert rq.get_request(ctx, web, rid).request.state == RequestState.PUBLISHED
