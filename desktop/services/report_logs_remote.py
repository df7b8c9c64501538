"""Import access logs straight from the web server's log folder, over SFTP (issue 13 item 1).

The folder comes from the server profile (``log_folder``) or is given; every regular file
whose name matches the pattern (``*access*`` by default: access.log, access.log.1,
access.log.2.gz, ...) is streamed through :func:`desktop.services.report_logs.import_logs`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from desktop.domain.errors import UserError
from desktop.domain.users import User
from desktop.publish.connection import connect
from desktop.publish.credentials import CredentialStore
from desktop.publish.profiles import ServerProfile
from desktop.publish.remote_logs import RemoteLogFile, list_log_files, open_log
from desktop.services.context import AppContext
from desktop.services.report_logs import ImportResult, LogCandidate, Progress, import_logs
from desktop.services.servers import host_key_store

DEFAULT_PATTERN = "*access*"


def log_folder_of(profile: ServerProfile) -> str:
    return str(getattr(profile, "log_folder", "") or "")


def import_server_logs(ctx: AppContext, profile: ServerProfile, credentials: CredentialStore,
                       *, folder: str = "", pattern: str = DEFAULT_PATTERN,
                       actor: User | None = None, workers: int | None = None,
                       progress: Progress | None = None) -> ImportResult:
    """Fetch and count what is new in the server's access logs."""
    folder = folder or log_folder_of(profile)
    if not folder:
        raise UserError("access_log_no_folder", server=profile.name)
    with connect(profile, host_key_store(ctx), credentials) as connection:
        listed = list_log_files(connection, folder, pattern)

        def candidate(log: RemoteLogFile) -> LogCandidate:
            @contextmanager
            def opener() -> Iterator[BinaryIO]:
                stream = open_log(connection, log)
                try:
                    yield stream    # type: ignore[misc]
                finally:
                    stream.close()
            return LogCandidate(log.name, log.size, opener)

        return import_logs(ctx, profile.name, [candidate(log) for log in listed], actor=actor,
                           workers=workers, progress=progress)


def default_site(ctx: AppContext) -> str:
    """The site local log files belong to: the default server profile's name, else "www"."""
    from desktop.services.servers import default_server_name, list_servers

    name = default_server_name(ctx)
    if name:
        return name
    servers = list_servers(ctx)
    return servers[0].name if len(servers) == 1 else "www"


def fetch_default_server_logs(ctx: AppContext, credentials: CredentialStore,
                              actor: User | None = None) -> ImportResult:
    """The dashboard's one click: the default server profile's log folder, over SFTP."""
    from desktop.services.servers import get_server

    return import_server_logs(ctx, get_server(ctx), credentials, actor=actor)
