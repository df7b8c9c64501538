"""``webdesk backup`` / ``webdesk restore`` speak the user's language, also when the file is
damaged, cut short, not a backup at all, from a newer schema or missing: every line under
``--lang th`` is Thai (but for names, paths and file types), every line under ``--lang en``
English."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.paths import AppPaths
from desktop.services.context import AppContext
from desktop.store.backup import META_NAME
from tests.unit.reports.test_report_cli import foreign_words


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), stdin=io.StringIO(""), stdout=out)
    return code, out.getvalue()


def _copy(backup: Path, target: Path, change: Callable[[str, bytes], bytes | None]) -> None:
    """``backup`` rewritten member by member (``change`` returns None to leave one out)."""
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(target, "w") as out:
        for name in source.namelist():
            data = change(name, source.read(name))
            if data is not None:
                out.writestr(name, data)


def _described(**fields: object) -> Callable[[str, bytes], bytes | None]:
    def change(name: str, data: bytes) -> bytes:
        if name != META_NAME:
            return data
        return json.dumps({**json.loads(data), **fields}).encode()
    return change


def _payload_changed(payload_name: str, new: bytes) -> Callable[[str, bytes], bytes | None]:
    """The payload replaced by ``new`` and the description's SHA-256 made to match, so the
    restore gets as far as loading the rows."""
    def change(name: str, data: bytes) -> bytes:
        if name == payload_name:
            return new
        if name == META_NAME:
            return json.dumps({**json.loads(data),
                               "payload_sha256": hashlib.sha256(new).hexdigest()}).encode()
        return data
    return change


def damaged_logical_backups(logical: Path, folder: Path) -> list[Path]:
    """A logical backup with a line that is no JSON, and one with a table nobody knows."""
    with zipfile.ZipFile(logical) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".jsonl"))
        lines = archive.read(name).splitlines(keepends=True)
    garbled, unknown = folder / "garbled-rows.wdbackup", folder / "unknown-table.wdbackup"
    _copy(logical, garbled, _payload_changed(name, b"".join([*lines[:2], b"{not json\n"])))
    _copy(logical, unknown, _payload_changed(name, b"".join(
        [*lines, b'{"$table": "spare_parts"}\n', b'{"id": 1}\n'])))
    return [garbled, unknown]


def bad_backups(good: Path, folder: Path) -> list[Path]:
    """One file for every way a backup can be refused."""
    made = {name: folder / f"{name}.wdbackup" for name in (
        "plain-text", "cut-short", "no-description", "bad-description", "no-database",
        "other-database", "newer-schema", "newer-format", "missing")}
    made["plain-text"].write_text("hello")
    made["cut-short"].write_bytes(good.read_bytes()[:3000])
    _copy(good, made["no-description"], lambda n, d: None if n == META_NAME else d)
    _copy(good, made["bad-description"], lambda n, d: b"{" if n == META_NAME else d)
    _copy(good, made["no-database"], lambda n, d: d if n == META_NAME else None)
    _copy(good, made["other-database"], lambda n, d: d if n == META_NAME else b"junk")
    _copy(good, made["newer-schema"], _described(revision="9999_future"))
    _copy(good, made["newer-format"], _described(format=99))
    return list(made.values())


@pytest.fixture
def profile_with_backup(tmp_path: Path) -> tuple[str, Path, Path]:
    home = tmp_path / "profile"
    AppContext.open(AppPaths.resolve(str(home), None)).close()
    good, logical = tmp_path / "good.wdbackup", tmp_path / "logical.wdbackup"
    code, _ = run("--home", str(home), "--lang", "en", "backup", "--out", str(good))
    assert code == 0 and good.is_file()
    code, _ = run("--home", str(home), "--lang", "en", "backup", "--logical", "--out",
                  str(logical))
    assert code == 0 and logical.is_file()
    return str(home), good, logical


@pytest.mark.parametrize("lang", ["th", "en"])
def test_backup_and_restore_speak_the_chosen_language(
        profile_with_backup: tuple[str, Path, Path], tmp_path: Path, lang: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    home, good, logical = profile_with_backup
    capsys.readouterr()
    refused = bad_backups(good, tmp_path) + damaged_logical_backups(logical, tmp_path)
    own = [str(tmp_path), "WebDesk", "ZIP", "SHA-256", META_NAME, "sqlite", "9999_future",
           "spare_parts"]
    wrong: list[tuple[str, str, list[str]]] = []
    printed = 0
    for command in [["backup", "--out", str(tmp_path / "again.wdbackup")],
                    *(["restore", str(path)] for path in refused),
                    ["restore", str(good)]]:
        code, out = run("--home", home, "--lang", lang, *command)
        err = capsys.readouterr().err
        assert (code == 0) == (command[-1] in (str(good), str(tmp_path / "again.wdbackup")))
        assert "Traceback" not in err
        for line in (out + err).splitlines():
            printed += 1
            words = foreign_words(line, lang, own)
            if words:
                wrong.append((Path(command[-1]).name, line, words))
    assert printed >= len(refused) + 3
    assert wrong == []
