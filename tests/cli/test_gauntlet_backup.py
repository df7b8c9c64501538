"""Gauntlet: ``webdesk backup``, ``restore``, ``seed-demo`` and ``seed-bulk``, every case in
Thai and English.  The damaged backups are made from one real backup of the template."""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from tests.cli.cases import Case, case, check_refused, check_refused_and_verified, params
from tests.cli.harness import refused
from tests.cli.places import Places
from tests.cli.profiles import Profile, assert_unchanged, copy_profile

MANIFEST = "webdesk-backup.json"


@pytest.fixture(scope="module")
def backups(sqlite_template: Profile, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of broken backups: truncated, from a newer WebDesk, without or with a broken
    manifest, with a payload that does not match its checksum."""
    folder = tmp_path_factory.mktemp("gauntlet-backups")
    source = copy_profile(sqlite_template, folder / "source")
    good = folder / "good.wdbackup"
    made = source.run("en", "backup", "--out", str(good))
    assert made.code == 0, made.err
    data = good.read_bytes()
    (folder / "truncated.wdbackup").write_bytes(data[: len(data) // 3])
    with zipfile.ZipFile(good) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(members[MANIFEST])
    payload = next(name for name in members if name != MANIFEST)

    def write(name: str, entries: dict[str, bytes]) -> None:
        with zipfile.ZipFile(folder / name, "w") as archive:
            for member, content in entries.items():
                archive.writestr(member, content)

    write("newer.wdbackup", {**members, MANIFEST: json.dumps(
        {**manifest, "revision": "9999", "app_version": "99.0"}).encode()})
    write("no-manifest.wdbackup", {payload: members[payload]})
    write("bad-manifest.wdbackup", {**members, MANIFEST: b"{not json"})
    damaged = bytearray(members[payload])
    damaged[len(damaged) // 2: len(damaged) // 2 + 64] = b"\xee" * 64
    write("damaged.wdbackup", {**members, payload: bytes(damaged)})
    return folder


BACKUP_CASES = [
    case("backup-onto-a-folder", "backup", "--out", "{folder}", says="a-folder.pdf"),
    case("backup-read-only-disk", "backup", "--out", "{ro}/site.wdbackup",
         says="{ro}/site.wdbackup", th="อ่านได้อย่างเดียว", en="read-only"),
    case("backup-full-disk", "backup", "--out", "{full}/site.wdbackup",
         says="{full}/site.wdbackup", th="ดิสก์เต็ม", en="disk is full"),
    case("backup-no-out", "backup", says="--out"),
    case("seed-bulk-negative", "seed-bulk", "--requests", "-5", says="2,000,000"),
    case("seed-bulk-text", "seed-bulk", "--requests", "many", says="many"),
    case("seed-bulk-huge", "seed-bulk", "--requests", "9" * 30, says="2,000,000"),
]

RESTORE_CASES = [
    case("restore-missing-file", "restore", "{missing}/site.wdbackup",
         says="{missing}/site.wdbackup"),
    case("restore-a-folder", "restore", "{folder}", says="a-folder.pdf"),
    case("restore-not-a-backup", "restore", "{out}/fake.pdf", says="fake.pdf"),
    case("restore-truncated", "restore", "{backups}/truncated.wdbackup",
         says="truncated.wdbackup"),
    case("restore-from-newer-webdesk", "restore", "{backups}/newer.wdbackup", says="9999"),
    case("restore-without-manifest", "restore", "{backups}/no-manifest.wdbackup",
         says="no-manifest.wdbackup"),
    case("restore-broken-manifest", "restore", "{backups}/bad-manifest.wdbackup",
         says="bad-manifest.wdbackup"),
    case("restore-damaged-payload", "restore", "{backups}/damaged.wdbackup",
         says="damaged.wdbackup"),
]


@pytest.mark.parametrize("reset", [False, True], ids=["seed", "reset"])
def test_seed_demo_never_touches_a_real_profile(tmp_path: Path, reset: bool) -> None:
    """A profile with real users is refused, also with --reset (which would empty it)."""
    real = Profile(tmp_path / "real", f"sqlite:///{tmp_path / 'real' / 'webdesk.sqlite3'}")
    assert real.run("en", "user", "add", "first", "--role", "admin",
                    stdin="first-pass-123\n").code == 0
    before = real.snapshot()
    outcome = real.run("th", "seed-demo", *(["--reset"] if reset else []))
    refused(outcome, "th", "--home")
    assert_unchanged(before, real.snapshot())


@pytest.mark.parametrize(("item", "lang"), params(BACKUP_CASES))
def test_backup_and_seeding_refuse(profile: Profile, places: Places, item: Case,
                                   lang: str) -> None:
    check_refused(profile, places, item, lang)


@pytest.mark.parametrize(("item", "lang"), params(RESTORE_CASES))
def test_a_refused_restore_replaces_nothing(profile: Profile, places: Places, backups: Path,
                                            item: Case, lang: str) -> None:
    """Every table as it was (the live database is replaced only after the backup proved
    good), the chain verifies, nothing left beside it."""
    argv = tuple(word.replace("{backups}", str(backups)) for word in item.argv)
    check_refused_and_verified(profile, places, replace(item, argv=argv), lang)
    assert sorted(p.name for p in profile.home.glob("webdesk.sqlite3*")) <= [
        "webdesk.sqlite3", "webdesk.sqlite3-shm", "webdesk.sqlite3-wal"]
