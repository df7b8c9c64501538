"""A file far over the size limit is refused by its size before a byte of it is read.

Issue 10: a 10 GB sparse file took 37 s to be refused because it was hashed first.  These
tests count the bytes the thread reads (``rchar``), so they assert "never read", not a time.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from desktop.domain.errors import UserError
from desktop.domain.file_policy import FilePolicy
from desktop.files.inspect_command import inspect_command
from desktop.files.intake import inspect_file
from desktop.services.attachments import attach_path
from tests.security.hostile_fixtures import Desk, bytes_read_by_this_thread, desk  # noqa: F401
from tests.unit.files import builders as b

GIB = 1024 ** 3
SPARSE_SIZE = 10 * GIB
# Far below the policy limit (25 MiB): reading up to the limit would also fail the test.
READ_ALLOWANCE = 1024 * 1024


@pytest.fixture
def sparse_pdf(tmp_path: Path) -> Path:
    """A 10 GiB file that starts like a PDF and takes no disk space (a hole after the header)."""
    path = tmp_path / "รายงานประจำปี.pdf"
    with path.open("wb") as handle:
        handle.write(b.pdf()[:512])
        handle.truncate(SPARSE_SIZE)
    assert path.stat().st_size == SPARSE_SIZE
    return path


def test_inspect_file_refuses_a_huge_file_without_reading_it(sparse_pdf: Path) -> None:
    before = bytes_read_by_this_thread()
    verdict = inspect_file(sparse_pdf)
    read = bytes_read_by_this_thread() - before
    assert not verdict.accepted and verdict.reason_code == "file_too_large"
    assert verdict.size == SPARSE_SIZE and verdict.sha256 == ""
    assert verdict.reason_params == {"size": SPARSE_SIZE, "limit": FilePolicy().max_file_bytes}
    assert "ไฟล์มีขนาด 10737418240 ไบต์" in verdict.reason("th")
    assert read < READ_ALLOWANCE


def test_webdesk_inspect_refuses_a_huge_file_without_reading_it(sparse_pdf: Path) -> None:
    out = io.StringIO()
    before = bytes_read_by_this_thread()
    status = inspect_command([str(sparse_pdf.parent)], as_json=True, lang="en", out=out)
    read = bytes_read_by_this_thread() - before
    [record] = json.loads(out.getvalue())          # one document: an array of one file
    assert status == 1 and record["reason_code"] == "file_too_large"
    assert record["size"] == SPARSE_SIZE
    assert read < READ_ALLOWANCE


def test_a_file_just_over_a_small_limit_is_read_no_further(tmp_path: Path) -> None:
    path = tmp_path / "big.pdf"
    path.write_bytes(b.pdf(3).ljust(256 * 1024, b"\n"))
    policy = FilePolicy(max_file_bytes=128 * 1024)
    before = bytes_read_by_this_thread()
    verdict = inspect_file(path, policy=policy)
    assert verdict.reason_code == "file_too_large"
    assert bytes_read_by_this_thread() - before < 4096  # reading /proc itself counts a little


def test_attaching_a_huge_file_refuses_it_unread_and_saves_nothing(
        desk: Desk, sparse_pdf: Path) -> None:  # noqa: F811
    stored = desk.stored_files()
    before = bytes_read_by_this_thread()
    with pytest.raises(UserError) as refused:
        attach_path(desk.ctx, desk.webmaster, desk.request_id, sparse_pdf)
    read = bytes_read_by_this_thread() - before
    assert refused.value.code == "file_refused"
    assert refused.value.params["verdict"].reason_code == "file_too_large"
    assert "รายงานประจำปี.pdf" in refused.value.text("th")
    assert read < READ_ALLOWANCE
    assert desk.stored_files() == stored


def test_attaching_a_normal_file_by_path_stores_it(desk: Desk, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "ประกาศ.pdf"
    path.write_bytes(b.pdf(2))
    result = attach_path(desk.ctx, desk.webmaster, desk.request_id, path)
    assert result.verdict.accepted and result.info.size == path.stat().st_size
    assert desk.stored_files()[0] == 1


@pytest.mark.parametrize("make", ["fifo", "folder", "missing"])
def test_things_that_are_not_regular_files_are_refused_without_blocking(
        tmp_path: Path, make: str) -> None:
    import os

    path = tmp_path / "x.pdf"
    if make == "fifo":
        os.mkfifo(path)  # opening it for reading would wait for a writer forever
    elif make == "folder":
        path.mkdir()
    verdict = inspect_file(path)
    assert verdict.reason_code == "file_not_found"
