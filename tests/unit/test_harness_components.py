"""The CI switch of the harness: a missing real component fails under CI=true, else skips."""

from __future__ import annotations

import pytest

from tests.support.components import postgres_bin_dir, require, running_in_ci, which


def test_missing_component_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    assert running_in_ci()
    with pytest.raises(pytest.fail.Exception, match="missing component: frobnicator"):
        require(False, "frobnicator")


def test_missing_component_skips_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert not running_in_ci()
    with pytest.raises(pytest.skip.Exception, match="missing component: frobnicator"):
        require(False, "frobnicator")


def test_present_component_passes_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    require(True, "something present")  # must neither fail nor skip


def test_which_finds_sbin_programs_and_rejects_unknown_ones() -> None:
    assert which("sh") is not None
    assert which("no-such-program-webdesk") is None


def test_postgres_bin_dir_holds_initdb_and_pg_ctl() -> None:
    folder = postgres_bin_dir()
    require(folder is not None, "PostgreSQL server binaries (Debian: postgresql)")
    assert folder is not None
    assert (folder / "initdb").exists() and (folder / "pg_ctl").exists()
