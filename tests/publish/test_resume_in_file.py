"""Resume inside a file: a relay that cuts every connection after 2.5 MB (both directions
counted, so with full read-back verification about 1 MB of progress per connection).

A 16 MB single file and a 5 MB request (two archives, through the publishing service with the
database journal) still complete, byte-identical; every attempt after a cut carries on from
the last verified offset instead of sending the file again.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.domain.workflow import RequestState
from desktop.publish.connection import SftpConnection
from desktop.publish.journal import Checkpoint, MemoryJournal
from desktop.publish.profiles import ServerProfile
from desktop.publish.retry import LinkWindow, with_reconnect
from desktop.publish.uploader import ItemUploader, PublishFile, PublishResult
from desktop.services.publishing import publish_request
from desktop.store.models import AuditRow
from tests.publish.conftest import make_profile, trust_port
from tests.publish.sshd_server import SshdServer
from tests.publish.tcp_proxy import CuttingProxy
from tests.publish.txn_world import World, make_world, site_problems, trust_relay

pytestmark = pytest.mark.sshd
CUT = 2_500_000


@pytest.fixture
def relay(sshd: SshdServer) -> Iterator[CuttingProxy]:
    proxy = CuttingProxy(sshd.port)
    proxy.cut_after = CUT          # every connection, for the whole test
    yield proxy
    proxy.close()


class RecordingJournal(MemoryJournal):
    """Remembers every checkpoint offset, to see where each attempt started again."""

    def __init__(self) -> None:
        super().__init__()
        self.offsets: list[int] = []

    def record_progress(self, key: str, name: str, checkpoint: Checkpoint) -> None:
        self.offsets.append(checkpoint.offset)
        super().record_progress(key, name, checkpoint)

    def resumable_offset(self) -> int:
        """Where an attempt starting now carries on from (0: from the start)."""
        return max((c.offset for entries in self._progress.values()
                    for c in entries.values()), default=0)


@pytest.mark.parametrize(("size", "cut"), [(16 * 1024 * 1024, CUT), (1_600_000, 1_200_000)])
def test_one_big_file_through_a_link_that_drops_every_few_megabytes(
        sshd: SshdServer, folders: tuple[Path, Path], known_hosts: Path, relay: CuttingProxy,
        open_connection: Callable[[ServerProfile], SftpConnection], size: int,
        cut: int) -> None:
    web_root, archive = folders
    relay.cut_after = cut
    trust_port(known_hosts, sshd, relay.port)
    profile = make_profile(sshd, web_root, archive, port=relay.port, io_timeout=10.0)
    data = random.Random(size).randbytes(size)
    journal = RecordingJournal()
    link = LinkWindow()
    starts: list[int] = []

    def attempt(connection: SftpConnection) -> PublishResult:
        uploader = ItemUploader(connection, journal=journal, link=link)
        starts.append(journal.resumable_offset())
        return uploader.publish_item("video", "media", [PublishFile("clip.mp4", data)])

    result = with_reconnect(lambda: open_connection(profile), attempt, attempts=20,
                            first_delay=0.0, progress=lambda: len(journal.offsets))
    assert (web_root / "media" / "video" / "clip.mp4").read_bytes() == data
    assert relay.cuts >= 1 and len(starts) >= 2             # it was cut, and went on
    assert starts == sorted(starts) and starts[-1] > 0     # each attempt went on from later
    assert result.resumed == ["clip.mp4"]


@pytest.fixture
def world(sshd: SshdServer, tmp_path: Path) -> Iterator[World]:
    built = make_world(sshd, tmp_path, f"sqlite:///{tmp_path / 'webdesk.sqlite3'}")
    yield built
    built.ctx.close()


def _archive(seed: int, size: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("data/report.pdf", b"%PDF-1.4\n" + random.Random(seed).randbytes(size))
    return buffer.getvalue()


def test_a_five_megabyte_request_through_the_service(world: World, sshd: SshdServer,
                                                      relay: CuttingProxy) -> None:
    from dataclasses import replace

    files = [("ชุดข้อมูล-1.zip", _archive(1, 2_600_000)), ("ชุดข้อมูล-2.zip", _archive(2, 2_600_000))]
    rid = world.approved_request(files=files)
    trust_relay(world, sshd, relay.port)
    profile = replace(world.profile, port=relay.port, retry_attempts=20, io_timeout=10.0)
    outcome = publish_request(world.ctx, world.webmaster, rid, profile, world.credentials())
    assert relay.cuts >= 2
    assert world.state(rid) == RequestState.PUBLISHED
    folder = world.web_root / outcome.remote_folder.removeprefix(str(world.web_root) + "/")
    published = sorted(path.read_bytes() for path in (folder / "files").iterdir())
    assert published == sorted(data for _name, data in files)      # byte-identical
    assert outcome.resumed or outcome.skipped       # the last attempt did not start over
    assert site_problems(world.ctx, world.web_root, world.profile.site_id) == []
    with world.ctx.db.read() as session:
        logged = session.execute(select(AuditRow.details).where(
            AuditRow.action == "sftp_session")).scalars().all()
    assert len(logged) == 1 and '"result": "ok"' in logged[0]
    assert f'"bytes": {outcome.bytes_sent}' in logged[0]
    assert outcome.bytes_sent >= sum(len(d) for _n, d in files)   # the true count, all attempts
