"""Gauntlet: EVERY subcommand against a broken environment — a profile folder that is a file,
a database URL whose server refuses, one that is not a database URL, a damaged SQLite file,
random bytes as the database, a folder where the database file should be.

A command that needs the database (or, for the profile-is-a-file case, writes this PC's
settings) must refuse with exit 2 and a message in the chosen language naming what is
wrong; a command that does not need it may work; none may show a traceback or exit 70.
Each environment runs in one language (they alternate), every subcommand in each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli.harness import BUG_MARKERS, THAI, refused, run_cli
from tests.cli.leaves import LEAVES, Leaf, parser_leaves
from tests.cli.places import Places
from tests.cli.profiles import Profile


@dataclass(frozen=True)
class Broken:
    """A profile's command-line head and the words a refusal must contain."""

    head: tuple[str, ...]
    names: tuple[str, ...]
    profile_is_broken: bool = False     # also commands that only write settings.json refuse


def _profile_is_a_file(profile: Profile, tmp_path: Path, port: int, lang: str) -> Broken:
    home = tmp_path / "profile-is-a-file"
    home.write_text("not a folder\n", encoding="utf-8")
    return Broken(("--home", str(home)), (str(home),), profile_is_broken=True)


def _database_refuses(profile: Profile, tmp_path: Path, port: int, lang: str) -> Broken:
    url = f"postgresql+psycopg://webdesk@127.0.0.1:{port}/webdesk"
    return Broken(("--home", str(profile.home), "--database", url), ("127.0.0.1",))


def _not_a_database_url(profile: Profile, tmp_path: Path, port: int, lang: str) -> Broken:
    url = "http://example.com/webdesk"
    return Broken(("--home", str(profile.home), "--database", url), (url,))


def _damaged_sqlite(profile: Profile, tmp_path: Path, port: int, lang: str) -> Broken:
    """Every page but the first gets 300 bytes of garbage where its b-tree header is."""
    database = profile.home / "webdesk.sqlite3"
    data = bytearray(database.read_bytes())
    for start in range(4096, len(data), 4096):
        data[start:start + 300] = b"\xde\xad" * 150
    database.write_bytes(bytes(data))
    return Broken(("--home", str(profile.home)), (_word_database(lang),))


def _random_bytes_sqlite(profile: Profile, tmp_path: Path, port: int, lang: str) -> Broken:
    (profile.home / "webdesk.sqlite3").write_bytes(bytes(range(256)) * 256)
    return Broken(("--home", str(profile.home)), (_word_database(lang),))


def _database_is_a_folder(profile: Profile, tmp_path: Path, port: int, lang: str) -> Broken:
    for name in ("webdesk.sqlite3", "webdesk.sqlite3-wal", "webdesk.sqlite3-shm"):
        (profile.home / name).unlink(missing_ok=True)
    (profile.home / "webdesk.sqlite3").mkdir()
    return Broken(("--home", str(profile.home)), (_word_database(lang),))


def _word_database(lang: str) -> str:
    return "ฐานข้อมูล" if lang == "th" else "database"


ENVIRONMENTS: dict[str, tuple[str, Callable[[Profile, Path, int, str], Broken]]] = {
    "profile-is-a-file": ("th", _profile_is_a_file),
    "database-refuses": ("en", _database_refuses),
    "not-a-database-url": ("th", _not_a_database_url),
    "damaged-sqlite": ("en", _damaged_sqlite),
    "random-bytes-sqlite": ("th", _random_bytes_sqlite),
    "database-is-a-folder": ("en", _database_is_a_folder),
}


def test_every_subcommand_is_in_the_table() -> None:
    """A new subcommand needs a row in tests/cli/leaves.py (and cases of its own)."""
    assert sorted(LEAVES) == sorted(parser_leaves())


@pytest.mark.parametrize("leaf_name", sorted(LEAVES))
def test_every_subcommand_runs_without_a_bug_on_a_good_profile(profile: Profile,
                                                               places: Places,
                                                               leaf_name: str) -> None:
    """The table's own invocations on the seeded profile: they work (0), report a finding
    (1) or refuse cleanly (2: e.g. the server that refuses connections) — never a bug."""
    leaf = LEAVES[leaf_name]
    outcome = profile.run("th", *(places.fill(word) for word in leaf.argv), stdin=leaf.stdin)
    assert not any(marker in outcome.err + outcome.out for marker in BUG_MARKERS), outcome
    assert outcome.code in (0, 1, 2), outcome
    if outcome.code == 2:
        refused(outcome, "th")


@pytest.mark.parametrize("leaf_name", sorted(LEAVES))
@pytest.mark.parametrize("environment", sorted(ENVIRONMENTS))
def test_a_broken_environment_is_named_not_a_bug(profile: Profile, places: Places,
                                                 refusing_port: int, tmp_path: Path,
                                                 environment: str, leaf_name: str) -> None:
    lang, make = ENVIRONMENTS[environment]
    broken = make(profile, tmp_path, refusing_port, lang)
    leaf: Leaf = LEAVES[leaf_name]
    argv = [*broken.head, "--lang", lang, *(places.fill(word) for word in leaf.argv)]
    outcome = run_cli(argv, leaf.stdin)
    needs_it = leaf.touches == "db" or (leaf.touches == "pc" and broken.profile_is_broken)
    if needs_it or (leaf.touches == "report" and outcome.code == 2):
        refused(outcome, lang, *broken.names)
        return
    assert not any(marker in outcome.err + outcome.out for marker in BUG_MARKERS), outcome
    assert outcome.code in (0, 1, 2), outcome
    if leaf.touches == "report":      # a finding: exit 1, "FAIL ..." on stdout
        assert outcome.code == 1 and "FAIL" in outcome.out, outcome
        assert lang != "th" or THAI.search(outcome.out), outcome
    if outcome.code == 2:
        assert outcome.err.strip() and (lang != "th" or THAI.search(outcome.err)), outcome
