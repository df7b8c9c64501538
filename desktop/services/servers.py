"""SFTP server profiles (admin), host keys and credentials for this workstation."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from desktop.domain.errors import NotFound
from desktop.domain.messages import register
from desktop.domain.users import User
from desktop.domain.workflow import Role
from desktop.publish.connection import fetch_host_key
from desktop.publish.credentials import AskSecret, CredentialStore, SecretKind
from desktop.publish.hostkeys import HostKeyStore, fingerprint
from desktop.publish.profiles import ServerProfile
from desktop.services.actors import acting_in
from desktop.services.context import AppContext
from desktop.store import audit
from desktop.store.models import ServerProfileRow

register({
    "server_not_found": ("ไม่พบเซิร์ฟเวอร์ชื่อ {name}", "No server profile named {name}."),
    "no_server": ("ยังไม่ได้ตั้งค่าเซิร์ฟเวอร์สำหรับเผยแพร่", "No publishing server is set up yet."),
    "fingerprint_mismatch": (
        "ลายนิ้วมือกุญแจของเซิร์ฟเวอร์ไม่ตรงกับที่ระบุ: ได้รับ {actual} แต่ระบุ {expected}",
        "The server's key fingerprint does not match: got {actual}, expected {expected}.",
    ),
    "trust_declined": ("ไม่ได้ยืนยันกุญแจของเซิร์ฟเวอร์", "The server key was not confirmed."),
})


def save_server(ctx: AppContext, profile: ServerProfile, actor: User) -> ServerProfile:
    """An admin adds or changes a server profile (audited)."""
    profile.validate()
    with ctx.db.write() as session:
        actor = acting_in(session, actor, Role.ADMIN, now=ctx.now())
        row = session.execute(select(ServerProfileRow)
                              .where(ServerProfileRow.name == profile.name)).scalar()
        data = json.dumps(profile.to_dict(), ensure_ascii=False)
        if row is None:
            session.add(ServerProfileRow(name=profile.name, data=data, updated_at=ctx.now()))
        else:
            row.data, row.updated_at = data, ctx.now()
        audit.append(session, action="server_saved", actor_id=actor.id,
                     actor_name=actor.username,
                     workstation=ctx.workstation, details=profile.to_dict())
    return profile


def list_servers(ctx: AppContext) -> list[ServerProfile]:
    with ctx.db.read() as session:
        rows = session.execute(select(ServerProfileRow).order_by(ServerProfileRow.name)).scalars()
        return [ServerProfile.from_dict(json.loads(r.data)) for r in rows]


def get_server(ctx: AppContext, name: str | None = None) -> ServerProfile:
    """The named profile, or the only/first one when no name is given."""
    servers = list_servers(ctx)
    if name is None:
        if not servers:
            raise NotFound("no_server")
        default = ctx.setting("default_server")
        return next((s for s in servers if s.name == default), servers[0])
    found = next((s for s in servers if s.name == name), None)
    if found is None:
        raise NotFound("server_not_found", name=name)
    return found


def new_profile(*, name: str, host: str, port: int, user: str, web_root: str,
                archive_dir: str, public_base_url: str, auth: str, key_path: str | None,
                category_folders: dict[str, str], mode: str, parallel_connections: int,
                full_verify_max_mb: int, verify_sha256: bool) -> ServerProfile:
    """A server profile from plain values (the CLI and the UI do not build publish types)."""
    from desktop.publish.profiles import AuthKind, PublishMode

    return ServerProfile(name=name, host=host, port=port, user=user, web_root=web_root,
                         archive_dir=archive_dir, public_base_url=public_base_url,
                         auth=AuthKind(auth), key_path=key_path,
                         category_folders=category_folders, mode=PublishMode(mode),
                         parallel_connections=parallel_connections,
                         full_verify_max_mb=full_verify_max_mb, verify_sha256=verify_sha256)


def store_server_password(profile: ServerProfile, password: str) -> bool:
    """The server's login password into the OS keyring (False: none here, asked per session)."""
    return store_password(profile, password, credential_store(), SecretKind.PASSWORD)


def host_key_store(ctx: AppContext) -> HostKeyStore:
    return HostKeyStore(ctx.paths.known_hosts)


def credential_store(ask: AskSecret | None = None) -> CredentialStore:
    return CredentialStore(ask=ask)


def store_password(profile: ServerProfile, password: str, credentials: CredentialStore,
                   kind: SecretKind = SecretKind.PASSWORD) -> bool:
    """True when it went into the OS keyring; False: kept for this session only."""
    return credentials.save(profile, kind, password)


def server_fingerprint(ctx: AppContext, profile: ServerProfile) -> tuple[str, str]:
    """(key type, SHA256 fingerprint) the server presents now."""
    key = fetch_host_key(profile, host_key_store(ctx))
    return key.get_name(), fingerprint(key)


def trust_server(ctx: AppContext, profile: ServerProfile, actor: User,
                 confirm: Callable[[str, str], bool],
                 expected_fingerprint: str | None = None) -> str:
    """An admin fetches the server key and trusts it when pinned (must match) or confirmed;
    audited."""
    from desktop.domain.errors import UserError

    with ctx.db.read() as session:
        acting_in(session, actor, Role.ADMIN, now=ctx.now())
    store = host_key_store(ctx)
    key = fetch_host_key(profile, store)
    actual = fingerprint(key)
    if expected_fingerprint:
        if expected_fingerprint.strip() != actual:
            raise UserError("fingerprint_mismatch", actual=actual,
                            expected=expected_fingerprint.strip())
    elif not confirm(key.get_name(), actual):
        raise UserError("trust_declined")
    store.trust(profile.host, profile.port, key, expected_fingerprint or None)
    with ctx.db.write() as session:
        actor = acting_in(session, actor, Role.ADMIN, now=ctx.now())
        audit.append(session, action="host_key_trusted", actor_id=actor.id,
                     actor_name=actor.username, workstation=ctx.workstation,
                     details={"server": profile.name, "host": profile.host, "port": profile.port,
                              "key_type": key.get_name(), "fingerprint": actual,
                              "pinned": bool(expected_fingerprint)})
    return actual


def trust_seen_key(ctx: AppContext, profile: ServerProfile, actor: User | None,
                   host_key: object) -> str:
    """Trust exactly the key the user was shown (from HostKeyUnknownError); audited."""
    import paramiko

    assert isinstance(host_key, paramiko.PKey)
    actual = fingerprint(host_key)
    host_key_store(ctx).trust(profile.host, profile.port, host_key, actual)
    with ctx.db.write() as session:
        audit.append(session, action="host_key_trusted", actor_id=actor.id if actor else None,
                     actor_name=actor.username if actor else "(cli)",
                     workstation=ctx.workstation,
                     details={"server": profile.name, "host": profile.host, "port": profile.port,
                              "key_type": host_key.get_name(), "fingerprint": actual,
                              "pinned": False})
    return actual


@dataclass(frozen=True)
class ConnectionCheck:
    """What "Test connection" found."""

    ok_web_root: bool
    ok_archive: bool
    posix_rename: bool
    detail: str


def test_connection(ctx: AppContext, profile: ServerProfile,
                    credentials: CredentialStore) -> ConnectionCheck:
    """Log in and look at the web root and the archive folder (reads only, writes nothing)."""
    import stat as stat_mod

    from desktop.publish.connection import connect

    with connect(profile, host_key_store(ctx), credentials) as connection:
        def is_dir(path: str) -> bool:
            try:
                return stat_mod.S_ISDIR(connection.sftp.stat(path).st_mode or 0)
            except OSError:
                return False

        web_root, archive = is_dir(profile.web_root), is_dir(profile.archive_dir)
        rename = connection.supports_posix_rename
        return ConnectionCheck(web_root, archive, rename,
                               f"{profile.user}@{profile.host}:{profile.port}")
