"""Where WebDesk keeps its things, worked out once into a frozen :class:`AppPaths`.

The profile folder holds the SQLite database, settings, the app's own known_hosts,
caches and logs.  ``--home DIR`` (or ``WEBDESK_HOME``) overrides the platformdirs
default; ``--database URL`` (or ``WEBDESK_DATABASE_URL``, or the shared database the
first-run wizard chose, in settings.json) selects another database.

The profile is private (password hashes and personal data live in it): its folders are
0700 and the SQLite database with its -wal/-shm/-journal files 0600 (on POSIX systems).  The
database file is created 0600 before SQLite first opens it; SQLite gives its WAL and
shared-memory files the mode of the database file.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

APP_NAME = "WebDesk"
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def make_private(path: Path, mode: int) -> None:
    """Take group and other permissions away from ``path`` (POSIX; a no-op elsewhere)."""
    if os.name != "posix":
        return
    current = path.stat().st_mode & 0o777
    if current & ~mode:
        os.chmod(path, current & mode)


def restrict_sqlite_files(database: Path) -> None:
    """Make a SQLite database and its companion files 0600, those that exist."""
    for suffix in SQLITE_COMPANIONS:
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            make_private(companion, PRIVATE_FILE)


def sqlite_path(url: str) -> Path | None:
    """The file of a ``sqlite:///PATH`` URL; None for other databases and in-memory ones."""
    if not url.startswith("sqlite:///"):
        return None
    text = url[len("sqlite:///"):].split("?", 1)[0]
    return Path(text) if text and text != ":memory:" else None


@cache
def resources_dir() -> Path:
    """The folder holding fonts, templates, translations and the category catalogue (worked
    out once: a preview render asks for it each time, and resolving is a dozen syscalls)."""
    source_tree = Path(__file__).resolve().parent.parent / "resources"
    if source_tree.is_dir():
        return source_tree
    from importlib import resources as importlib_resources  # an installed package only

    return Path(str(importlib_resources.files("desktop.resources")))


@dataclass(frozen=True)
class AppPaths:
    home: Path
    database_url: str

    @property
    def database_file(self) -> Path:
        return self.home / "webdesk.sqlite3"

    @property
    def settings_file(self) -> Path:
        return self.home / "settings.json"

    @property
    def known_hosts(self) -> Path:
        return self.home / "known_hosts"

    @property
    def cache_dir(self) -> Path:
        return self.home / "cache"

    @property
    def log_dir(self) -> Path:
        return self.home / "logs"

    @property
    def backup_dir(self) -> Path:
        return self.home / "backups"

    @property
    def resources(self) -> Path:
        return resources_dir()

    @property
    def uses_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def ensure(self) -> AppPaths:
        """Create the profile's folders (0700) and, for SQLite, an empty private database file
        for SQLite to start from; tighten the modes of those that are already there."""
        for folder in (self.home, self.cache_dir, self.log_dir, self.backup_dir):
            folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
            make_private(folder, PRIVATE_FOLDER)
        database = sqlite_path(self.database_url)
        if database is not None and database.parent.is_dir():
            if not database.exists():
                os.close(os.open(database, os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0),
                                 PRIVATE_FILE))
            restrict_sqlite_files(database)
        return self

    @classmethod
    def resolve(cls, home: str | os.PathLike[str] | None = None,
                database_url: str | None = None) -> AppPaths:
        """Work the paths out once: arguments first, then the environment, then platformdirs
        (imported only then: a start with --home or WEBDESK_HOME does without it)."""
        home_text = home or os.environ.get("WEBDESK_HOME")
        if home_text:
            home_path = Path(home_text).expanduser().resolve()
        else:
            import platformdirs

            home_path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
        url = (database_url or os.environ.get("WEBDESK_DATABASE_URL")
               or _chosen_database(home_path))
        if not url:
            url = f"sqlite:///{home_path / 'webdesk.sqlite3'}"
        return cls(home=home_path, database_url=url)


def _chosen_database(home: Path) -> str | None:
    """The shared database this PC was set up to use (first-run wizard, Settings): the
    ``database_url`` of the profile's settings.json (a private file, like ~/.pgpass)."""
    try:
        value = json.loads((home / "settings.json").read_text(encoding="utf-8")).get(
            "database_url")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) and value else None
