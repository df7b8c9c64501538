"""desktop.services.witness: this PC's witness of the audit chain head, outside the database;
it only moves forward and never holds the database password."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.paths import AppPaths
from desktop.services.witness import FILE_NAME, database_identity, record, reset, this_pc

URL = "postgresql+psycopg://webdesk:s3cret@db.example.go.th:5432/webdesk"


def _paths(tmp_path: Path) -> AppPaths:
    paths = AppPaths.resolve(tmp_path / "profile", URL)
    paths.home.mkdir(parents=True)
    return paths


def test_the_identity_drops_the_password_only() -> None:
    assert database_identity(URL) == "postgresql+psycopg://webdesk@db.example.go.th:5432/webdesk"
    assert database_identity("sqlite:////tmp/a.sqlite3") == "sqlite:////tmp/a.sqlite3"


def test_nothing_seen_yet(tmp_path: Path) -> None:
    assert this_pc(_paths(tmp_path), URL) is None


def test_the_head_moves_forward_only_and_the_file_holds_no_password(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    record(paths, URL, (7, "h7"))
    record(paths, URL, (5, "h5"))           # an older head (another thread committed first)
    seen = this_pc(paths, URL)
    assert seen is not None and (seen.audit_id, seen.audit_hash) == (7, "h7")
    assert seen.where.startswith("this PC")
    record(paths, URL, (9, "h9"))
    seen = this_pc(paths, URL)
    assert seen is not None and seen.audit_id == 9
    text = (paths.home / FILE_NAME).read_text(encoding="utf-8")
    assert "s3cret" not in text
    assert (paths.home / FILE_NAME).stat().st_mode & 0o777 == 0o600
    assert [p.name for p in paths.home.iterdir()] == [FILE_NAME]    # no temporary left


def test_each_database_has_its_own_witness_and_reset_forgets_one(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    other = "sqlite:////srv/other.sqlite3"
    record(paths, URL, (3, "a"))
    record(paths, other, (4, "b"))
    reset(paths, URL)
    assert this_pc(paths, URL) is None
    kept = this_pc(paths, other)
    assert kept is not None and kept.audit_id == 4
    record(paths, URL, (1, "again"))          # after a restore the chain may start lower
    again = this_pc(paths, URL)
    assert again is not None and again.audit_id == 1


def test_a_damaged_witness_file_reads_as_nothing_seen(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    (paths.home / FILE_NAME).write_text("{broken", encoding="utf-8")
    assert this_pc(paths, URL) is None
    (paths.home / FILE_NAME).write_text(json.dumps({database_identity(URL): {"id": "x"}}),
                                        encoding="utf-8")
    assert this_pc(paths, URL) is None
    record(paths, URL, (2, "h2"))
    seen = this_pc(paths, URL)
    assert seen is not None and seen.audit_id == 2
