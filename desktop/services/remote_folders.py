"""Browse a publishing server's folders (the site manager's folder picker: web root, archive,
staging folder): log in with the profile as typed and list one folder's sub-folders.

Uses the publish room's SFTP connection (host key checked as for publishing, the session's
credentials); nothing is written on the server.
"""

from __future__ import annotations

import posixpath
import stat
from dataclasses import dataclass

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.domain.os_reasons import os_reason
from desktop.publish.connection import connect
from desktop.publish.credentials import CredentialStore
from desktop.publish.profiles import ServerProfile
from desktop.services.context import AppContext
from desktop.services.servers import host_key_store

MAX_FOLDERS = 2000        # a folder with more sub-folders shows the first ones, by name


class RemoteFolderMessage(MessageCode):
    FOLDER_MISSING = ("remote_folder_missing",
                      "ไม่พบโฟลเดอร์ {path} บนเซิร์ฟเวอร์",
                      "The folder {path} does not exist on the server.")
    FOLDER_UNREADABLE = ("remote_folder_unreadable",
                         "เปิดโฟลเดอร์ {path} บนเซิร์ฟเวอร์ไม่ได้ ({reason})",
                         "Cannot open the folder {path} on the server ({reason}).")
    NOT_A_FOLDER = ("remote_not_a_folder",
                    "{path} บนเซิร์ฟเวอร์ไม่ใช่โฟลเดอร์",
                    "{path} on the server is not a folder.")


@dataclass(frozen=True)
class RemoteFolder:
    path: str                   # absolute, normalised by the server
    parent: str | None          # None at the root
    folders: tuple[str, ...]    # names of the sub-folders (links to folders included)
    files: int                  # how many other entries (files) it holds
    more: bool = False          # more than MAX_FOLDERS sub-folders: the first ones shown


def list_remote_folder(ctx: AppContext, profile: ServerProfile, credentials: CredentialStore,
                       path: str = "") -> RemoteFolder:
    """The sub-folders of ``path`` on the server of ``profile`` (empty: the login's home
    folder).  Raises the connection's errors (unknown host key, wrong password, ...) and
    :class:`RemoteFolderMessage` errors for a folder that is missing or cannot be read."""
    with connect(profile, host_key_store(ctx), credentials) as connection:
        sftp = connection.sftp
        wanted = path.strip() or "."
        try:
            where = sftp.normalize(wanted)
            if not stat.S_ISDIR(sftp.stat(where).st_mode or 0):
                raise UserError(RemoteFolderMessage.NOT_A_FOLDER, path=where)
            entries = sftp.listdir_attr(where)
        except FileNotFoundError:
            raise UserError(RemoteFolderMessage.FOLDER_MISSING, path=wanted) from None
        except OSError as exc:
            raise UserError(RemoteFolderMessage.FOLDER_UNREADABLE, path=wanted,
                            reason=os_reason(exc)) from None
        folders: list[str] = []
        files = 0
        for entry in entries:
            mode = entry.st_mode or 0
            if stat.S_ISLNK(mode):
                try:
                    mode = sftp.stat(posixpath.join(where, entry.filename)).st_mode or 0
                except OSError:
                    mode = 0                      # a broken link: not a folder
            if stat.S_ISDIR(mode):
                folders.append(entry.filename)
            else:
                files += 1
        folders.sort(key=str.casefold)
        parent = None if where == "/" else posixpath.dirname(where.rstrip("/")) or "/"
        return RemoteFolder(where, parent, tuple(folders[:MAX_FOLDERS]), files,
                            more=len(folders) > MAX_FOLDERS)
