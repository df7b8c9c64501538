"""One site, one index; the default profile; takedown naming its profile, refusing to guess
and refusing an item that is not on the server; ``webdesk reconcile``; ``server add`` checking
the key file; paramiko's socket noise kept off stderr."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from desktop.cli import main
from desktop.domain.workflow import RequestState
from desktop.services import servers
from desktop.services.publishing import publish_request, take_down_request
from desktop.services.takedowns import profile_for_takedown
from desktop.store.models import AuditRow, ServerProfileRow
from tests.publish.sshd_server import SshdServer
from tests.publish.tcp_proxy import CuttingProxy
from tests.publish.txn_world import World, make_world, site_problems, trust_relay

pytestmark = pytest.mark.sshd
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def world(sshd: SshdServer, tmp_path: Path) -> Iterator[World]:
    built = make_world(sshd, tmp_path, f"sqlite:///{tmp_path / 'webdesk.sqlite3'}",
                       name="site")
    servers.save_server(built.ctx, built.profile, built.people["admin"])
    yield built
    built.ctx.close()


@pytest.fixture
def relay(sshd: SshdServer) -> Iterator[CuttingProxy]:
    proxy = CuttingProxy(sshd.port)            # never cuts: another way to the same site
    yield proxy
    proxy.close()


def cli(world: World, *args: str, stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--home", str(world.home), "--database", world.database_url, "--lang", "en",
                 *args], stdin=io.StringIO(stdin), stdout=out)
    return code, out.getvalue()


def listed(world: World, folder: str) -> list[str]:
    from tests.publish.txn_world import _HREF

    return sorted(_HREF.findall((world.web_root / folder / "index.html").read_text("utf-8")))


def test_two_profiles_on_one_site_keep_one_complete_index(world: World, sshd: SshdServer,
                                                           relay: CuttingProxy) -> None:
    trust_relay(world, sshd, relay.port)
    other = servers.save_server(world.ctx, replace(world.profile, name="site-b",
                                                   port=relay.port), world.people["admin"])
    assert other.site_id == world.profile.site_id
    news = [world.approved_request() for _ in range(3)]
    laws = world.approved_request(category=("knowledge", "articles"))
    for rid, profile in zip([*news, laws], [world.profile, other, world.profile, other],
                            strict=True):
        publish_request(world.ctx, world.webmaster, rid, profile, world.credentials())
    assert listed(world, "news") == ["wd-2569-00001", "wd-2569-00002", "wd-2569-00003"]
    assert listed(world, "knowledge") == ["wd-2569-00004"]
    # Taken down through the other profile: the index still lists the other two.
    assert profile_for_takedown(world.ctx, news[0]).name == "site"  # as it was published
    take_down_request(world.ctx, world.webmaster, news[0], other, world.credentials())
    assert listed(world, "news") == ["wd-2569-00002", "wd-2569-00003"]
    assert site_problems(world.ctx, world.web_root, world.profile.site_id) == []


def test_default_profile_is_explicit_and_takedown_names_or_refuses(
        world: World, sshd: SshdServer, relay: CuttingProxy) -> None:
    trust_relay(world, sshd, relay.port)
    servers.save_server(world.ctx, replace(world.profile, name="a-test", port=relay.port),
                        world.people["admin"])
    first = world.approved_request(expiry=date.today())
    second = world.approved_request(expiry=date.today())
    # Two profiles, none marked default: publishing without --server refuses to guess.
    code, _ = cli(world, "publish", str(first), "--as", "somchai", stdin="somchai-demo-1\n")
    assert code == 2 and world.state(first) == RequestState.APPROVED
    assert cli(world, "server", "default", "site", "--as", "admin",
               stdin="admin-demo-1\n")[0] == 0
    assert "site*\t" in cli(world, "server", "list")[1]
    code, out = cli(world, "publish", str(first), "--as", "somchai", stdin="somchai-demo-1\n")
    assert code == 0 and "server profile: site" in out
    code, out = cli(world, "publish", str(second), "--server", "a-test", "--as", "somchai",
                    stdin="somchai-demo-1\n")
    assert code == 0 and "server profile: a-test" in out
    # 'a-test' is removed and 'b-test' added: the second item's profile is gone and two
    # profiles now point at its site, so the scheduled takedown refuses to guess for it.
    with world.ctx.db.write() as session:
        session.execute(delete(ServerProfileRow).where(ServerProfileRow.name == "a-test"))
    servers.save_server(world.ctx, replace(world.profile, name="b-test", port=relay.port),
                        world.people["admin"])
    code, out = cli(world, "takedown", "--due", "--as", "scheduler",
                    stdin="scheduler-demo-1\n")
    assert code == 2                       # the second: two profiles could apply
    assert f"taken down {first} via server site" in out
    assert world.state(second) == RequestState.PUBLISHED
    code, out = cli(world, "takedown", "--due", "--server", "b-test", "--as", "scheduler",
                    stdin="scheduler-demo-1\n")
    assert code == 0 and f"taken down {second} via server b-test" in out
    assert site_problems(world.ctx, world.web_root, world.profile.site_id) == []


def test_takedown_of_an_item_not_on_the_server(world: World) -> None:
    rid = world.approved_request()
    publish_request(world.ctx, world.webmaster, rid, world.profile, world.credentials())
    shutil.rmtree(world.web_root / "news" / "wd-2569-00001")        # someone removed it
    code, out = cli(world, "takedown", str(rid), "--as", "somchai", stdin="somchai-demo-1\n")
    assert code == 2 and "taken down" not in out
    assert world.state(rid) == RequestState.PUBLISHED
    code, out = cli(world, "takedown", str(rid), "--allow-missing", "--as", "somchai",
                    stdin="somchai-demo-1\n")
    assert code == 0 and "was not on the server" in out
    assert world.state(rid) == RequestState.TAKEN_DOWN


def test_reconcile_command_repairs_and_reports(world: World) -> None:
    kept, gone = world.approved_request(), world.approved_request()
    for rid in (kept, gone):
        publish_request(world.ctx, world.webmaster, rid, world.profile, world.credentials())
    news = world.web_root / "news"
    (news / ".index.html.webdesk-0123456789ab.tmp").write_text("half")   # older versions'
    (world.web_root / ".webdesk-probe-0123456789ab").mkdir()
    code, out = cli(world, "reconcile", "--as", "somchai", stdin="somchai-demo-1\n")
    assert code == 0 and out.count("temporary removed") == 2
    assert not (news / ".index.html.webdesk-0123456789ab.tmp").exists()
    assert site_problems(world.ctx, world.web_root, world.profile.site_id) == []
    code, out = cli(world, "reconcile", "--as", "somchai", stdin="somchai-demo-1\n")
    assert code == 0 and "nothing to repair" in out
    shutil.rmtree(news / "wd-2569-00002")
    code, out = cli(world, "reconcile", "--as", "somchai", stdin="somchai-demo-1\n")
    assert code == 1 and "recorded but NOT on the server: news/wd-2569-00002" in out
    with world.ctx.db.read() as session:
        actions = session.execute(select(AuditRow.action)).scalars().all()
    assert actions.count("reconcile") == 2 and "sftp_session" in actions


def test_server_add_checks_the_key_file(world: World, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    public = tmp_path / "id.pub"
    public.write_text("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE4Ap1Eq1YTYwMnnBx1aZJ6jbJ x\n")
    not_a_key = tmp_path / "notes.txt"
    not_a_key.write_text("hello\n")
    base = ["server", "add", "x", "--host", "127.0.0.1", "--user", "u", "--web-root", "/w",
            "--url", "https://e.go.th", "--archive", "/a", "--as", "admin"]
    for key, says in ((tmp_path / "missing", "does not exist"), (public, "public key"),
                      (not_a_key, "not an SSH private key")):
        code, _ = cli(world, *base, "--key", str(key), stdin="admin-demo-1\n")
        error = capsys.readouterr().err
        assert code == 2 and says in error, error
    assert [p.name for p in servers.list_servers(world.ctx)] == ["site"]
    code, out = cli(world, *base, "--key", str(world.profile.key_path), "--attempts", "9",
                    stdin="admin-demo-1\n")
    assert code == 0 and servers.get_server(world.ctx, "x").retry_attempts == 9


def test_paramiko_socket_noise_is_not_printed() -> None:
    noise = ("import logging{0}; logging.getLogger('paramiko.transport').error("
             "'Socket exception: Connection reset by peer (104)')")
    quiet = subprocess.run([sys.executable, "-c", noise.format("; import desktop.publish")],
                           cwd=REPO, capture_output=True, text=True, check=True)
    loud = subprocess.run([sys.executable, "-c", noise.format("")], cwd=REPO,
                          capture_output=True, text=True, check=True)
    assert "Socket exception" in loud.stderr          # without WebDesk's handler it would show
    assert quiet.stderr == ""
