"""Benchmark of issue 10's trust machinery, against baselines in the same run.

* ``signoff_ms``: one sign-off's signature work beyond the password hash — sign the record
  (a 20-file manifest) with Ed25519, then verify it and its certificate under the agency key —
  median of 200; target under 5 ms.  Beside it, the argon2id password hash it comes with.
* ``verify_overhead``: publishing a 1,000-file request to the in-process SFTP server with
  every signature verified against the exported bytes, over the same publish with the
  verification switched off (interleaved rounds, medians); target <= 1.05.
* ``audit_verify_100k_s``: ``audit verify`` (the store's chain walk) of 100,000 rows on
  SQLite; target under 2 s; ratio against a bare loop that reads the same rows and hashes
  each (the floor for any chain check).

Usage: ``python tests/bench/bench_trust.py [--rounds 3] [--files 1000] [--rows 100000]``.
Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from fpdf import FPDF  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from desktop.domain.file_policy import FilePolicy  # noqa: E402
from desktop.domain.request import PublicationRequest, Requester  # noqa: E402
from desktop.domain.signed_records import signoff as signoff_record  # noqa: E402
from desktop.domain.workflow import Action, Role  # noqa: E402
from desktop.keys.passwords import hash_password  # noqa: E402
from desktop.paths import AppPaths  # noqa: E402
from desktop.services import auth, keys, publishing, signature_check  # noqa: E402
from desktop.services import requests as rq  # noqa: E402
from desktop.services.attachments import attach_file  # noqa: E402
from desktop.services.context import AppContext  # noqa: E402
from desktop.services.demo_servers import demo_site  # noqa: E402
from desktop.services.signoff import Decision, decide  # noqa: E402
from desktop.store import audit, users_repo  # noqa: E402
from desktop.store.models import AuditHeadRow, AuditRow  # noqa: E402

PASSWORD = {"admin": "admin-pass-1", "web1": "web1-pass-1", "web2": "web2-pass-1",
            "boss": "boss-pass-1"}


def _office(home: Path) -> AppContext:
    ctx = AppContext.open(AppPaths.resolve(home))
    admin = auth.create_user(ctx, auth.NewUser("admin", PASSWORD["admin"],
                                               frozenset({Role.ADMIN})))
    for name, role in (("web1", Role.WEBMASTER), ("web2", Role.WEBMASTER),
                       ("boss", Role.APPROVER)):
        auth.create_user(ctx, auth.NewUser(name, PASSWORD[name], frozenset({role}), name),
                         admin, actor_password=PASSWORD["admin"])
    ctx.set_setting("file_policy", {**FilePolicy().to_dict(), "max_files_per_request": 5000,
                                    "max_request_bytes": 4000 * 1024 * 1024})
    return ctx


def _pdf() -> bytes:
    document = FPDF()
    document.set_font("helvetica", size=12)
    document.add_page()
    document.cell(text="WebDesk benchmark")
    return bytes(document.output())


def _request_with_files(ctx: AppContext, count: int, pdf: bytes, tag: str) -> int:
    web1 = auth.sign_in(ctx, "web1", PASSWORD["web1"])
    rid = rq.register_request(ctx, web1, PublicationRequest(
        title=f"คำขอทดสอบ {tag}", category="news", subcategory="general_news", summary="สรุป",
        body="เนื้อหา", requester=Requester(name="นาย ก", unit="งาน ข")))
    for n in range(count):
        attach_file(ctx, web1, rid, f"file-{n:04d}.pdf",
                    pdf.replace(b"%%EOF", f"% {tag}-{n}\n%%EOF".encode()))
    web2 = auth.sign_in(ctx, "web2", PASSWORD["web2"])
    rq.perform_action(ctx, web1, rid, Action.SUBMIT)
    rq.perform_action(ctx, web2, rid, Action.START_REVIEW)
    rq.perform_action(ctx, web2, rid, Action.SEND_FOR_APPROVAL)
    decide(ctx, auth.sign_in(ctx, "boss", PASSWORD["boss"]), rid, Decision.APPROVE,
           PASSWORD["boss"])
    return rid


def bench_signoff(ctx: AppContext, samples: int = 200) -> dict[str, float]:
    with ctx.db.read() as session:
        row = users_repo.by_name(session, "boss")
        assert row is not None
        signer = keys.signer_in(session, ctx, row, PASSWORD["boss"])
        manifest = {"version": 1, "metadata": {"title": "ประกาศ", "body": "ก" * 2000},
                    "files": [{"web_name": f"file-{n}.pdf", "sha256": "a" * 64,
                               "published_sha256": "a" * 64, "size": 1000}
                              for n in range(20)]}
        times = []
        for _ in range(samples):
            keys._check_certificate.cache_clear()   # the certificate's signature checked too
            session.info.clear()                   # and the agency key looked up
            started = time.perf_counter()
            record = signoff_record(request_id=1, reference="WD-2569-00001", step=1,
                                    decision="approve", reason="", manifest=manifest,
                                    manifest_hash="b" * 64, signer_id=signer.user_id,
                                    signer="boss", on_behalf_of=None,
                                    decided_at=datetime.now(), workstation="pc",
                                    audit_head=(10, "c" * 64))
            signature = signer.sign(record)
            key = keys.certified_key_in(session, ctx, signer.user_key_id,
                                        signer.certificate_id)
            assert not isinstance(key, str) and keys.verify_record(key, record, signature)
            times.append(time.perf_counter() - started)
    hashes = []
    for _ in range(5):
        started = time.perf_counter()
        hash_password("boss-pass-1")
        hashes.append(time.perf_counter() - started)
    return {"signoff_ms": statistics.median(times) * 1000,
            "password_hash_ms": statistics.median(hashes) * 1000}


def bench_publish(ctx: AppContext, folder: Path, files: int, rounds: int) -> dict[str, float]:
    pdf = _pdf()
    warm_up = _request_with_files(ctx, 5, pdf, "warm-up")
    rids = [_request_with_files(ctx, files, pdf, f"r{n}") for n in range(2 * rounds)]
    original = signature_check.ensure_publishable_in
    timings: dict[str, list[float]] = {"on": [], "off": []}
    web1 = auth.sign_in(ctx, "web1", PASSWORD["web1"])
    with demo_site(folder) as site:
        ctx.paths.known_hosts.write_text(site.sftp.known_hosts_line() + "\n")
        publishing.publish_request(ctx, web1, warm_up, site.profile(), site.credentials())
        for n, rid in enumerate(rids):
            mode = "on" if n % 2 == 0 else "off"
            publishing.ensure_publishable_in = (  # type: ignore[attr-defined]
                original if mode == "on" else lambda *_a, **_k: None)
            started = time.perf_counter()
            publishing.publish_request(ctx, web1, rid, site.profile(), site.credentials())
            timings[mode].append(time.perf_counter() - started)
    publishing.ensure_publishable_in = original  # type: ignore[attr-defined]
    on, off = statistics.median(timings["on"]), statistics.median(timings["off"])
    return {"publish_verified_s": on, "publish_unverified_s": off,
            "verify_overhead": on / off}


def bench_audit(home: Path, rows: int) -> dict[str, float]:
    ctx = AppContext.open(AppPaths.resolve(home))
    now = datetime(2026, 1, 1)
    prev = audit.GENESIS
    batch = []
    with ctx.db.write() as session:
        for n in range(1, rows + 1):
            at = now + timedelta(seconds=n)
            details = json.dumps({"request": n % 977, "note": "ตรวจสอบ"}, ensure_ascii=False)
            digest = audit.chain_hash(prev, audit._canonical(n, at, 2, "web1", "pc-01",
                                                             "request_edited", n % 977,
                                                             details))
            batch.append({"id": n, "at": at, "actor_id": 2, "actor_name": "web1",
                          "workstation": "pc-01", "action": "request_edited",
                          "request_id": n % 977, "details": details, "prev_hash": prev,
                          "hash": digest})
            prev = digest
            if len(batch) == 10_000:
                session.execute(insert(AuditRow), batch)
                batch = []
        if batch:
            session.execute(insert(AuditRow), batch)
        head = session.get(AuditHeadRow, 1)
        assert head is not None
        head.last_id, head.last_hash = rows, prev

    def walk() -> None:
        with ctx.db.read() as session:
            report = audit.verify(session)
            assert report.ok and report.rows_checked == rows, report

    def bare() -> None:          # the floor: sqlite3 itself reading rows, one SHA-256 each
        connection = sqlite3.connect(str(ctx.paths.database_file))
        try:
            for row in connection.execute("SELECT * FROM audit_log ORDER BY id"):
                hashlib.sha256(repr(row).encode()).hexdigest()
        finally:
            connection.close()

    result = {"audit_verify_100k_s": _median(walk, 3), "audit_bare_read_s": _median(bare, 3)}
    ctx.close()
    return result


def _median(fn: Callable[[], None], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="webdesk-bench-trust-") as tmp:
        folder = Path(tmp)
        ctx = _office(folder / "office")
        metrics = bench_signoff(ctx)
        print(f"sign-off: {metrics['signoff_ms']:.3f} ms (password hash "
              f"{metrics['password_hash_ms']:.1f} ms)", flush=True)
        metrics.update(bench_publish(ctx, folder / "site", args.files, args.rounds))
        print(f"publish {args.files} files: verified {metrics['publish_verified_s']:.2f} s, "
              f"unverified {metrics['publish_unverified_s']:.2f} s", flush=True)
        ctx.close()
        metrics.update(bench_audit(folder / "audit", args.rows))
        print(f"audit verify {args.rows} rows: {metrics['audit_verify_100k_s']:.2f} s "
              f"(bare read+hash {metrics['audit_bare_read_s']:.2f} s)", flush=True)
    ratios = {"verify_overhead": metrics["verify_overhead"],
              "signoff_vs_5ms": metrics["signoff_ms"] / 5.0,
              "audit_verify_vs_2s": metrics["audit_verify_100k_s"] / 2.0,
              "audit_verify_vs_bare": metrics["audit_verify_100k_s"]
              / metrics["audit_bare_read_s"]}
    print(json.dumps({"bench": "trust", "metrics": {k: round(v, 4) for k, v in metrics.items()},
                      "ratios": {k: round(v, 4) for k, v in ratios.items()}}))


if __name__ == "__main__":
    main()
