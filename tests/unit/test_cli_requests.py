"""The whole request workflow from the command line: register with files, submit, check,
send, decide (signed), publish to an SFTP server, extend the period — all with --as and a
password on stdin, requests named by number or WD reference."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

from desktop.cli import main
from tests.support.embedded_site import embedded_site
from tests.unit.files import builders

ADMIN = "admin-pass-1\n"


def run(home: Path, *args: str, stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    return main(["--home", str(home), "--lang", "en", *args], stdin=io.StringIO(stdin),
                stdout=out), out.getvalue()


def _office(home: Path) -> None:
    assert run(home, "user", "add", "admin", "--role", "admin", stdin=ADMIN)[0] == 0
    for name, role in (("web1", "webmaster"), ("web2", "webmaster"), ("boss", "approver")):
        code, out = run(home, "user", "add", name, "--role", role, "--as", "admin",
                        stdin=ADMIN + f"{name}-pass-1\n")
        assert code == 0, out


def test_register_send_decide_publish_and_extend(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    home = tmp_path / "p"
    _office(home)
    pdf, photo = tmp_path / "ประกาศ.pdf", tmp_path / "ภาพกิจกรรม.jpg"
    pdf.write_bytes(builders.pdf())
    photo.write_bytes(builders.jpeg())
    expiry = date.today() + timedelta(days=30)
    code, out = run(home, "request", "add", "--title", "ประกาศรับสมัครงาน", "--category", "news",
                    "--subcategory", "general_news", "--summary", "สรุป", "--body", "เนื้อหา",
                    "--requester-name", "นาย ก", "--requester-unit", "งานพัสดุ",
                    "--publish-date", date.today().isoformat(),
                    "--expiry", f"{expiry.day}/{expiry.month}/{expiry.year + 543}",
                    "--file", str(pdf), "--file", str(photo), "--caption", "ภาพกิจกรรม",
                    "--alt", "ผู้เข้าร่วมกิจกรรม", "--as", "web1", stdin="web1-pass-1\n")
    assert code == 0, capsys.readouterr().err
    number, reference, files = out.strip().split("\t")
    assert reference.startswith("WD-") and files == "2 file(s)"
    assert run(home, "request", "submit", reference, "--as", "web1",
               stdin="web1-pass-1\n")[0] == 0
    assert run(home, "request", "review", number, "--as", "web2", stdin="web2-pass-1\n")[0] == 0
    code, out = run(home, "request", "send", reference, "--as", "web2", stdin="web2-pass-1\n")
    assert code == 0 and "Awaiting approval" in out, capsys.readouterr().err
    # a webmaster cannot decide; the approver can, and the decision is signed
    assert run(home, "request", "decide", reference, "--approve", "--as", "web1",
               stdin="web1-pass-1\n")[0] == 2
    code, out = run(home, "request", "decide", reference, "--approve", "--as", "boss",
                    stdin="boss-pass-1\n")
    assert code == 0 and "Approved" in out and "signed" in out
    code, out = run(home, "signoff", "verify", reference)
    assert code == 0 and "all signatures verify" in out
    rows = json.loads(run(home, "request", "list", "--json")[1])
    assert rows[0]["reference"] == reference and rows[0]["state"] == "approved"
    with embedded_site(tmp_path / "site") as site:
        code, out = run(home, "server", "add", "site", "--host", site.server.host, "--port",
                        str(site.server.port), "--user", site.user, "--key",
                        str(site.key_path), "--web-root", "/www", "--archive", "/archive",
                        "--url", "https://www.example.go.th", "--as", "admin", stdin=ADMIN)
        assert code == 0, capsys.readouterr().err
        code, out = run(home, "server", "trust", "site", "--fingerprint",
                        site.server.host_key_fingerprint(), "--as", "admin", stdin=ADMIN)
        assert code == 0, capsys.readouterr().err
        code, out = run(home, "publish", reference, "--as", "web1", stdin="web1-pass-1\n")
        assert code == 0 and "published" in out, \
            capsys.readouterr().err
        assert any(p.suffix == ".pdf" for p in site.web_root.rglob("*"))
        code, out = run(home, "audit", "verify", "--server", "site")
        assert code == 0, out
    later = (expiry + timedelta(days=30)).isoformat()
    code, out = run(home, "request", "extend", reference, "--until", later, "--as", "web1",
                    stdin="web1-pass-1\n")
    assert code == 0 and f"until {later}" in out
    assert run(home, "signoff", "verify", reference)[0] == 0   # the period change is audited
    assert run(home, "audit", "verify")[0] == 0


def test_a_refused_file_leaves_no_request_and_says_why(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    home = tmp_path / "p"
    _office(home)
    bad = tmp_path / "report.pdf"
    bad.write_bytes(b"MZ\x90\x00 this is a Windows program")
    code, _ = run(home, "request", "add", "--title", "x", "--file", str(bad), "--as", "web1",
                  stdin="web1-pass-1\n")
    err = capsys.readouterr().err
    assert code == 2 and "report.pdf" in err and "Traceback" not in err
    code, _ = run(home, "request", "add", "--title", "x", "--file", str(tmp_path / "none.pdf"),
                  "--as", "web1", stdin="web1-pass-1\n")
    assert code == 2 and "no such file" in capsys.readouterr().err
    assert json.loads(run(home, "request", "list", "--json")[1]) == []
    code, _ = run(home, "request", "add", "--title", "x", "--expiry", "31/02/2569", "--as",
                  "web1", stdin="web1-pass-1\n")
    assert code == 2 and "no day 31 in February 2026" in capsys.readouterr().err
