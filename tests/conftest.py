"""Shared fixtures: the profile folder, a throwaway PostgreSQL server, fresh databases.

QT_QPA_PLATFORM is set here, before any test module imports Qt: without it (and without a
display) pytest-qt would abort the whole run.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Cheap argon2id for the many users the tests make (desktop/keys/passwords.py); the processes
# the tests start inherit it, except the README examples and the bundle's self-test (clean
# environments).  tests/unit/test_argon2_test_cost.py checks the production parameters.
# WEBDESK_TESTS_CHEAP_ARGON2=0 runs the whole suite at the production cost.
os.environ.setdefault("WEBDESK_TESTS_CHEAP_ARGON2", "1")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from tests.support.components import postgres_bin_dir, require  # noqa: E402
from tests.support.postgres import PostgresServer, start_postgres  # noqa: E402
from tests.support.qt_waits import install_wait_floor  # noqa: E402

install_wait_floor()     # qtbot deadlines that a loaded machine cannot miss


# The files that take minutes (README examples, the bundle, the kill -9 and race tests, the
# fault sweeps, the largest CLI gauntlets) first when pytest-xdist shares the run out by file
# (installer/test.sh: -n 2 --dist loadfile --no-loadscope-reorder): the other worker runs the
# short files meanwhile, and no long file starts last while the other worker has run dry.
LONG_FILES_FIRST = (
    "tests/install/test_readme_examples.py",
    "tests/install/test_bundle.py",
    "tests/scale/test_kill9.py",
    "tests/publish/test_publish_txn_faults.py",
    "tests/scale/test_races.py",
    "tests/cli/test_gauntlet_launcher.py",
    "tests/cli/test_gauntlet_requests.py",
    "tests/backup/test_backup_restore.py",
    "tests/security/test_trust_races.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not hasattr(config, "workerinput"):        # not an xdist worker: collection order
        return
    rank = {path: place for place, path in enumerate(LONG_FILES_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))


@pytest.fixture(autouse=True)
def _no_message_box_waits_for_nobody(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal message box offscreen waits for an answer nobody gives: the run would hang
    (a window closed at teardown with an upload running asked "Quit anyway?" and held CI for
    15 minutes).  Such a box is a failure of the test that reached it, with its text; a test
    that expects one answers it (tests/support/message_boxes.py: ``answer_boxes``)."""
    widgets = sys.modules.get("PySide6.QtWidgets")
    if widgets is None:
        return

    def unanswered(*args: object, **_kwargs: object) -> None:
        texts = [a for a in args if isinstance(a, str)]
        raise AssertionError(f"a modal message box nobody answers: {texts}")

    def unanswered_box(box: object) -> None:         # ui/plain_text.py's boxes: exec()
        raise AssertionError(f"a modal message box nobody answers: {[box.text()]}")  # type: ignore[attr-defined]

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(widgets.QMessageBox, name, staticmethod(unanswered))
    monkeypatch.setattr(widgets.QMessageBox, "exec", unanswered_box)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An empty WebDesk profile folder (pass it as ``--home`` or ``AppPaths.resolve(home=...)``)."""
    profile = tmp_path / "profile"
    profile.mkdir()
    return profile


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One throwaway PostgreSQL cluster for the whole run, on a free 127.0.0.1 port."""
    bin_dir = postgres_bin_dir()
    require(bin_dir is not None, "PostgreSQL server binaries initdb/pg_ctl (Debian: postgresql)")
    assert bin_dir is not None
    server = start_postgres(bin_dir)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def postgres_url(postgres_server: PostgresServer) -> str:
    """SQLAlchemy URL of the session's shared ``webdesk_test`` database (psycopg 3 driver)."""
    return postgres_server.url()


@pytest.fixture
def fresh_postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """SQLAlchemy URL of a new, empty database for this test only; dropped afterwards."""
    name = postgres_server.create_database()
    try:
        yield postgres_server.url(name)
    finally:
        postgres_server.drop_database(name)


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database, once on SQLite (a file in tmp_path) and once on PostgreSQL.

    Store tests that take this fixture run on both back ends.
    """
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'webdesk.sqlite3'}"
    return str(request.getfixturevalue("fresh_postgres_url"))


_LEFTOVERS_KEY = "webdesk_leftovers"
_workers_leftovers: list[str] = []


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    """pytest-xdist (``-n 2``): a worker is done; keep what it reported as left behind."""
    output = getattr(node, "workeroutput", None) or {}
    _workers_leftovers.extend(output.get(_LEFTOVERS_KEY, []))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if a system user, folder or process it created is still there
    (tests/support/leftovers.py; e.g. the sshd tests' users, web roots and subsystems).
    Last: after pytest's own session finish has torn down the session fixtures (a run
    stopped by -x or Ctrl-C still has them up until then).  Under pytest-xdist each worker
    checks its own things (tracked in its process) and hands the list to the controller,
    which fails the run."""
    from tests.support.leftovers import remaining

    left = [str(thing) for thing in remaining()]
    worker_output = getattr(session.config, "workeroutput", None)
    if worker_output is not None:            # an xdist worker: the controller reports
        worker_output[_LEFTOVERS_KEY] = left
        return
    left += _workers_leftovers
    if not left:
        return
    text = "this test run left behind: " + "; ".join(left)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(text, red=True, bold=True)
    else:
        print(text, file=sys.stderr)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED
