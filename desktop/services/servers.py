"""SFTP server profiles (admin), the default profile, host keys and credentials."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from desktop.domain.errors import NotFound, UserError
from desktop.domain.messages import MessageCode, message_text, register
from desktop.domain.users import User
from desktop.domain.workflow import Role
from desktop.publish.connection import connect, fetch_host_key
from desktop.publish.credentials import AskSecret, CredentialStore, SecretKind
from desktop.publish.hostkeys import HostKeyStore, as_host_key, fingerprint
from desktop.publish.key_files import check_private_key_file
from desktop.publish.profiles import AuthKind, PublishMode, ServerProfile
from desktop.publish.uploader import ItemUploader
from desktop.services.actors import acting_in
from desktop.services.context import AppContext
from desktop.store import audit
from desktop.store.server_profiles import profile_data, save_profile_data

DEFAULT_SETTING = "default_server"

register({
    "server_not_found": ("ไม่พบเซิร์ฟเวอร์ชื่อ {name}", "No server profile named {name}."),
    "no_server": ("ยังไม่ได้ตั้งค่าเซิร์ฟเวอร์สำหรับเผยแพร่", "No publishing server is set up yet."),
    "server_ambiguous": (
        "มีเซิร์ฟเวอร์หลายรายการ ({names}) และยังไม่ได้กำหนดค่าเริ่มต้น กรุณาระบุ --server "
        "หรือกำหนดค่าเริ่มต้นด้วย webdesk server default NAME",
        "There are several server profiles ({names}) and none is marked default: give "
        "--server, or mark one with `webdesk server default NAME`.",
    ),
    "fingerprint_mismatch": (
        "ลายนิ้วมือกุญแจของเซิร์ฟเวอร์ไม่ตรงกับที่ระบุ: ได้รับ {actual} แต่ระบุ {expected}",
        "The server's key fingerprint does not match: got {actual}, expected {expected}.",
    ),
    "trust_declined": ("ไม่ได้ยืนยันกุญแจของเซิร์ฟเวอร์", "The server key was not confirmed."),
    "host_key_prompt_unknown": (
        "ยังไม่รู้จักเซิร์ฟเวอร์ {host} (พอร์ต {port})\nกุญแจ {key_type}: {fingerprint}\n"
        "ตรวจสอบลายนิ้วมือกับผู้ดูแลเซิร์ฟเวอร์ก่อนยืนยัน",
        "The server {host} (port {port}) is not known yet.\n{key_type} key: {fingerprint}\n"
        "Compare the fingerprint with the one the server's administrator gave you.",
    ),
    "host_key_prompt_changed": (
        "คำเตือน: กุญแจของเซิร์ฟเวอร์ {host} (พอร์ต {port}) เปลี่ยนไป (CHANGED)\n"
        "เดิม: {old}\nใหม่: {key_type} {fingerprint}\n"
        "ยืนยันกุญแจใหม่เฉพาะเมื่อผู้ดูแลเซิร์ฟเวอร์แจ้งว่าได้เปลี่ยนกุญแจจริง "
        "มิฉะนั้นอาจมีผู้ดักฟังการเชื่อมต่อ",
        "WARNING: the key of the server {host} (port {port}) has CHANGED.\n"
        "old: {old}\nnew: {key_type} {fingerprint}\n"
        "Trust the new key only if the server's administrator confirms they replaced it; "
        "otherwise someone may be intercepting the connection.",
    ),
})


class ServersMessage(MessageCode):
    SERVER_PROFILE_DAMAGED = (
        "server_profile_damaged",
        "อ่านข้อมูลเซิร์ฟเวอร์ {names} ไม่ได้ (ข้อมูลในฐานข้อมูลเสียหาย) — ผู้ดูแลระบบบันทึก"
        "เซิร์ฟเวอร์ชื่อเดียวกันนี้ใหม่ในหน้าตั้งค่าเซิร์ฟเวอร์เพื่อแทนที่ได้",
        "The server profile {names} cannot be read (its data in the database is damaged); "
        "an admin can save a profile of the same name again in the server settings to "
        "replace it.",
    )


def save_server(ctx: AppContext, profile: ServerProfile, actor: User, *,
                make_default: bool = False) -> ServerProfile:
    """An admin adds or changes a server profile (audited).  A key file must be a private
    key WebDesk can read."""
    profile.validate()
    if profile.auth == AuthKind.KEY and profile.key_path:
        check_private_key_file(profile.key_path)
    with ctx.db.write() as session:
        actor = acting_in(session, actor, Role.ADMIN, now=ctx.now())
        save_profile_data(session, profile.name,
                          json.dumps(profile.to_dict(), ensure_ascii=False), ctx.now())
        audit.append(session, action="server_saved", actor_id=actor.id,
                     actor_name=actor.username, workstation=ctx.workstation,
                     details={**profile.to_dict(), "default": make_default})
    if make_default:
        ctx.set_setting(DEFAULT_SETTING, profile.name)
    return profile


def set_default_server(ctx: AppContext, name: str, actor: User) -> ServerProfile:
    """An admin marks the profile used when none is named (audited)."""
    profile = get_server(ctx, name)
    with ctx.db.write() as session:
        actor = acting_in(session, actor, Role.ADMIN, now=ctx.now())
        audit.append(session, action="server_default", actor_id=actor.id,
                     actor_name=actor.username, workstation=ctx.workstation,
                     details={"server": name})
    ctx.set_setting(DEFAULT_SETTING, name)
    return profile


def default_server_name(ctx: AppContext) -> str | None:
    value = ctx.setting(DEFAULT_SETTING)
    return str(value) if value else None


@dataclass(frozen=True)
class StoredServers:
    """The profiles as stored: those that read, and the names of rows that do not (a
    database written behind the app's back)."""

    profiles: list[ServerProfile]
    damaged: list[str]

    def damage(self, names: list[str] | None = None) -> UserError:
        return UserError(ServersMessage.SERVER_PROFILE_DAMAGED,
                         names=", ".join(self.damaged if names is None else names))


def _profile_of(name: str, data: str) -> ServerProfile | None:
    """The profile in ``data``, or None when it is not a profile named ``name``."""
    try:
        profile = ServerProfile.from_dict(json.loads(data))
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    return profile if profile.name == name else None


def read_servers(ctx: AppContext) -> StoredServers:
    """Every profile that reads, and the names of those that do not (never raised)."""
    with ctx.db.read() as session:
        rows = profile_data(session)
    read = [(name, _profile_of(name, data)) for name, data in rows]
    return StoredServers([p for _n, p in read if p is not None],
                         [name for name, p in read if p is None])


def list_servers(ctx: AppContext) -> list[ServerProfile]:
    """Every profile; a damaged one is refused by name (server_profile_damaged)."""
    stored = read_servers(ctx)
    if stored.damaged:
        raise stored.damage()
    return stored.profiles


def get_server(ctx: AppContext, name: str | None = None) -> ServerProfile:
    """The named profile; without a name the one marked default, or the only one.  Several
    and none marked: refused (never the alphabetically first).  A damaged profile is refused
    by name only when it is the one asked for or it could be the one meant."""
    stored = read_servers(ctx)
    servers = stored.profiles
    if name is None:
        if not servers and not stored.damaged:
            raise NotFound("no_server")
        default = default_server_name(ctx)
        marked = next((s for s in servers if s.name == default), None)
        if marked is not None:
            return marked
        if stored.damaged:
            raise stored.damage()
        if len(servers) == 1:
            return servers[0]
        raise UserError("server_ambiguous", names=", ".join(s.name for s in servers))
    if name in stored.damaged:
        raise stored.damage([name])
    found = next((s for s in servers if s.name == name), None)
    if found is None:
        raise NotFound("server_not_found", name=name)
    return found


def new_profile(*, name: str, host: str, port: int, user: str, web_root: str,
                archive_dir: str, public_base_url: str, auth: str, key_path: str | None,
                category_folders: dict[str, str], mode: str, parallel_connections: int,
                full_verify_max_mb: int, verify_sha256: bool, staging_dir: str = "",
                site: str = "", retry_attempts: int = 5, retry_first_delay: float = 1.0,
                log_folder: str = "") -> ServerProfile:
    """A server profile from plain values (the CLI and the UI do not build publish types)."""
    return ServerProfile(name=name, host=host, port=port, user=user, web_root=web_root,
                         archive_dir=archive_dir, public_base_url=public_base_url,
                         auth=AuthKind(auth), key_path=key_path,
                         category_folders=category_folders, mode=PublishMode(mode),
                         parallel_connections=parallel_connections,
                         full_verify_max_mb=full_verify_max_mb, verify_sha256=verify_sha256,
                         staging_dir=staging_dir, site=site, retry_attempts=retry_attempts,
                         retry_first_delay=retry_first_delay,
                         retry_max_delay=max(30.0, retry_first_delay), log_folder=log_folder)


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


@dataclass(frozen=True)
class KeyPrompt:
    """What a person must see before trusting a server key: a CHANGED key shows both."""

    server: str
    host: str
    port: int
    key_type: str
    fingerprint: str
    old_fingerprints: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.old_fingerprints)

    def text(self, lang: str) -> str:
        code = "host_key_prompt_changed" if self.changed else "host_key_prompt_unknown"
        return message_text(code, lang, host=self.host, port=self.port,
                            key_type=self.key_type, fingerprint=self.fingerprint,
                            old=", ".join(self.old_fingerprints))


def server_fingerprint(ctx: AppContext, profile: ServerProfile) -> tuple[str, str]:
    """(key type, SHA256 fingerprint) the server presents now."""
    key = fetch_host_key(profile, host_key_store(ctx))
    return key.get_name(), fingerprint(key)


def trust_server(ctx: AppContext, profile: ServerProfile, actor: User,
                 confirm: Callable[[KeyPrompt], bool],
                 expected_fingerprint: str | None = None) -> str:
    """An admin fetches the server key and trusts it when pinned (must match) or confirmed
    — a changed key replaces the old one, whose fingerprint the audit row keeps."""
    with ctx.db.read() as session:
        acting_in(session, actor, Role.ADMIN, now=ctx.now())
    store = host_key_store(ctx)
    key = fetch_host_key(profile, store)
    actual = fingerprint(key)
    known = store.known_keys(profile.host, profile.port)
    if any(key == k for k in known) and len(known) == 1:
        return actual                                    # already the trusted key
    prompt = KeyPrompt(profile.name, profile.host, profile.port, key.get_name(), actual,
                       tuple(f"{k.get_name()} {fingerprint(k)}" for k in known if k != key))
    if expected_fingerprint:
        if expected_fingerprint.strip().rstrip("=") != actual.rstrip("="):
            raise UserError("fingerprint_mismatch", actual=actual,
                            expected=expected_fingerprint.strip())
    elif not confirm(prompt):
        raise UserError("trust_declined")
    return _trust(ctx, profile, actor, key, pinned=bool(expected_fingerprint))


def trust_seen_key(ctx: AppContext, profile: ServerProfile, actor: User | None,
                   host_key: object) -> str:
    """Trust exactly the key the person was shown (from HostKeyUnknownError, or from
    HostKeyChangedError — replacing a changed key needs an admin); audited."""
    key = as_host_key(host_key)
    if any(k != key for k in host_key_store(ctx).known_keys(profile.host, profile.port)):
        if actor is None:
            raise NotFound("user_not_found", name="-")
        with ctx.db.read() as session:
            acting_in(session, actor, Role.ADMIN, now=ctx.now())
    return _trust(ctx, profile, actor, key, pinned=False)


def _trust(ctx: AppContext, profile: ServerProfile, actor: User | None, key: object, *,
           pinned: bool) -> str:
    host_key = as_host_key(key)
    actual = fingerprint(host_key)
    replaced = host_key_store(ctx).trust(profile.host, profile.port, host_key, actual)
    with ctx.db.write() as session:
        who = acting_in(session, actor, now=ctx.now()) if actor is not None else None
        audit.append(session, action="host_key_trusted", actor_id=who.id if who else None,
                     actor_name=who.username if who else "(cli)", workstation=ctx.workstation,
                     details={"server": profile.name, "host": profile.host, "port": profile.port,
                              "key_type": host_key.get_name(), "fingerprint": actual,
                              "pinned": pinned, "changed": bool(replaced),
                              "old_fingerprints": replaced})
    return actual


@dataclass(frozen=True)
class ConnectionCheck:
    """What "Test connection" found."""

    ok_web_root: bool
    ok_archive: bool
    posix_rename: bool
    detail: str
    staging: str = ""
    staging_outside: bool = True
    staging_warning: str = ""


def test_connection(ctx: AppContext, profile: ServerProfile,
                    credentials: CredentialStore) -> ConnectionCheck:
    """Log in, look at the web root and the archive folder, and find the staging folder
    (made outside the web root where the server allows it: checked by a rename probe)."""
    import stat as stat_mod

    with connect(profile, host_key_store(ctx), credentials) as connection:
        def is_dir(path: str) -> bool:
            try:
                return stat_mod.S_ISDIR(connection.sftp.stat(path).st_mode or 0)
            except OSError:
                return False

        web_root, archive = is_dir(profile.web_root), is_dir(profile.archive_dir)
        rename = connection.supports_posix_rename
        place = ItemUploader(connection).staging_place() if web_root and rename else None
        return ConnectionCheck(web_root, archive, rename,
                               f"{profile.user}@{profile.host}:{profile.port}",
                               place.root if place else "", place.outside if place else True,
                               place.warning if place else "")
