"""Where WebDesk keeps its things, worked out once into a frozen :class:`AppPaths`.

The profile folder holds the SQLite database, settings, the app's own known_hosts,
caches and logs.  ``--home DIR`` (or ``WEBDESK_HOME``) overrides the platformdirs
default; ``--database URL`` (or ``WEBDESK_DATABASE_URL``) selects another database.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources as importlib_resources
from pathlib import Path

import platformdirs

APP_NAME = "WebDesk"


def resources_dir() -> Path:
    """The folder holding fonts, templates, translations and the category catalogue."""
    source_tree = Path(__file__).resolve().parent.parent / "resources"
    if source_tree.is_dir():
        return source_tree
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
        for folder in (self.home, self.cache_dir, self.log_dir, self.backup_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self

    @classmethod
    def resolve(cls, home: str | os.PathLike[str] | None = None,
                database_url: str | None = None) -> AppPaths:
        """Work the paths out once: arguments first, then the environment, then platformdirs."""
        home_text = home or os.environ.get("WEBDESK_HOME")
        home_path = (Path(home_text).expanduser().resolve() if home_text
                     else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))
        url = database_url or os.environ.get("WEBDESK_DATABASE_URL")
        if not url:
            url = f"sqlite:///{home_path / 'webdesk.sqlite3'}"
        return cls(home=home_path, database_url=url)
