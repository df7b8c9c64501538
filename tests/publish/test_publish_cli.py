"""`webdesk server add/trust`, `publish` and `takedown --due` against the real sshd."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from desktop.cli import main
from desktop.paths import AppPaths
from desktop.services.context import AppContext
from tests.publish.test_publish_service import _approved


def run(*args: str, stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    return main(list(args), stdin=io.StringIO(stdin), stdout=out), out.getvalue()


def test_server_trust_publish_and_takedown_due(tmp_path: Path, sshd, folders,  # noqa: ANN001
                                               capsys) -> None:
    web_root, archive = folders
    home = str(tmp_path / "p")
    assert run("--home", home, "seed-demo")[0] == 0
    code, out = run("--home", home, "server", "add", "site", "--host", "127.0.0.1", "--port",
                    str(sshd.port), "--user", sshd.key_user.name, "--key",
                    str(sshd.plain_key_path), "--web-root", str(web_root), "--url",
                    "https://www.example.go.th", "--archive", str(archive), "--as", "admin",
                    stdin="admin-demo-1\n")
    assert code == 0, out
    assert f"site\t{sshd.key_user.name}@127.0.0.1" in run("--home", home, "server", "list")[1]
    ctx = AppContext.open(AppPaths.resolve(home))
    first = _approved(ctx, "ข่าวที่ครบกำหนดวันนี้", expiry=date.today())
    second = _approved(ctx, "ข่าวที่สองครบกำหนดวันนี้", expiry=date.today())
    ctx.close()
    capsys.readouterr()
    # The host key is not known yet: refused, naming its fingerprint.
    code, _ = run("--home", home, "--lang", "en", "publish", str(first), "--as", "somchai",
                  stdin="somchai-demo-1\n")
    assert code == 2 and "SHA256:" in capsys.readouterr().err
    assert not (web_root / "news").exists()
    # A wrong pin is refused; answering "y" to the shown fingerprint trusts it.
    assert run("--home", home, "server", "trust", "site", "--fingerprint", "SHA256:nope",
               "--as", "admin", stdin="admin-demo-1\n")[0] == 2
    # Server commands need an admin: a webmaster is refused.
    code, _ = run("--home", home, "--lang", "en", "server", "trust", "site", "--as", "somchai",
                  stdin="somchai-demo-1\ny\n")
    assert code == 2 and "admin" in capsys.readouterr().err.lower()
    code, out = run("--home", home, "server", "trust", "site", "--as", "admin",
                    stdin="admin-demo-1\ny\n")
    assert code == 0 and "trusted SHA256:" in out
    for rid in (first, second):
        code, out = run("--home", home, "publish", str(rid), "--as", "somchai",
                        stdin="somchai-demo-1\n")
        assert code == 0 and "https://www.example.go.th/news/" in out
    assert len([p for p in (web_root / "news").iterdir() if p.is_dir()]) == 2
    # Scheduled takedown: a broken archive folder makes it fail loudly (exit != 0) ...
    archive.rename(archive.with_name("archive-moved"))
    scheduler = ("--as", "scheduler")
    code, _ = run("--home", home, "--lang", "en", "takedown", "--due", *scheduler,
                  stdin="scheduler-demo-1\n")
    assert code == 2 and "could not be taken down" in capsys.readouterr().err
    assert len([p for p in (web_root / "news").iterdir() if p.is_dir()]) == 2
    # ... and once it is back, both items move to the archive and nothing is due any more.
    archive.with_name("archive-moved").rename(archive)
    code, out = run("--home", home, "takedown", "--due", *scheduler, stdin="scheduler-demo-1\n")
    assert code == 0 and out.count("taken down") == 2
    assert sorted(p.name for p in (archive / "news").iterdir()) == ["wd-2569-00013",
                                                                    "wd-2569-00014"]
    assert run("--home", home, "takedown", "--due", *scheduler,
               stdin="scheduler-demo-1\n")[1].strip() == "nothing due"
    assert run("--home", home, "audit", "verify")[0] == 0
