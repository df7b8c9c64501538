"""A real OpenSSH sshd on a free loopback port, for the publishing tests and the benchmark.

Needs root (it creates two system users and starts ``/usr/sbin/sshd``) and Debian's
openssh-server.  Each server has its own users (``webdesk-key-<run>``, ``webdesk-pw-<run>``:
several test sessions may run at once on one machine) and lives under
``/srv/webdesk-sftp-tests/<run>/`` (not /tmp: test users must reach their web roots).
:meth:`SshdServer.stop` ends sshd and every process of its sessions, deletes the users and the
folder; all of them are tracked (:mod:`tests.support.leftovers`) so that the end of the test
session fails if anything is left.  Leftovers of runs whose process died are swept at start.

    with SshdServer.start() as server:
        server.port, server.host_key, server.key_user, server.password_user, server.web_root(...)
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from tests.support import leftovers

SSHD = Path("/usr/sbin/sshd")
BASE = Path("/srv/webdesk-sftp-tests")
KEY_USER_PREFIX = "webdesk-key-"
PASSWORD_USER_PREFIX = "webdesk-pw-"
USERS_FILE = "users"            # in a run's folder: the users it made, for the sweep


def sshd_available() -> tuple[bool, str]:
    """(available, why not) — root and Debian's openssh-server are needed."""
    if not SSHD.exists():
        return False, "OpenSSH server (/usr/sbin/sshd, Debian package openssh-server) missing"
    if os.geteuid() != 0:
        return False, "the sshd tests create system users and need root"
    if shutil.which("useradd") is None or shutil.which("chpasswd") is None:
        return False, "useradd/chpasswd missing"
    return True, ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_private_key(path: Path, passphrase: str | None = None) -> str:
    """A new ed25519 key in OpenSSH format at ``path`` (0600); returns the public key line."""
    key = ed25519.Ed25519PrivateKey.generate()
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode()) if passphrase
        else serialization.NoEncryption())
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                       serialization.PrivateFormat.OpenSSH, encryption))
    path.chmod(0o600)
    public = key.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                           serialization.PublicFormat.OpenSSH).decode()
    return public


@dataclass
class SshUser:
    name: str
    password: str
    home: Path
    uid: int
    gid: int


def _retry(command: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """useradd/userdel/chpasswd, retried while another session holds /etc/passwd's lock."""
    for attempt in range(40):
        result = subprocess.run(command, input=stdin, text=True, capture_output=True,
                                check=False)
        if result.returncode == 0 or "lock" not in (result.stderr or "").lower():
            return result
        time.sleep(0.05 * (attempt + 1))
    return result


def create_user(name: str, home: Path) -> SshUser:
    """A new system user with a random password (UsePAM no reads shadow) and ``home``."""
    result = _retry(["useradd", "--no-create-home", "--home-dir", str(home),
                     "--shell", "/bin/sh", "--user-group", name])
    if result.returncode != 0:
        raise RuntimeError(f"useradd {name}: {result.stderr.strip()}")
    entry = pwd.getpwnam(name)
    leftovers.track_user(name, entry.pw_uid)
    password = secrets.token_urlsafe(12)
    result = _retry(["chpasswd"], stdin=f"{name}:{password}\n")
    if result.returncode != 0:
        raise RuntimeError(f"chpasswd {name}: {result.stderr.strip()}")
    home.mkdir(parents=True, exist_ok=True)
    os.chown(home, entry.pw_uid, entry.pw_gid)
    home.chmod(0o755)
    return SshUser(name, password, home, entry.pw_uid, entry.pw_gid)


def delete_user(name: str) -> None:
    """Kill the user's processes, then delete it (and its group)."""
    try:
        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        return
    _kill(leftovers.processes_of_user(uid))
    _retry(["userdel", name])


def _kill(pids: list[int]) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        alive = [pid for pid in pids if leftovers.process_start_time(pid) is not None]
        for pid in alive:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, sig)
        deadline = time.monotonic() + 5
        while alive and time.monotonic() < deadline:
            alive = [pid for pid in alive if leftovers.process_start_time(pid) is not None]
            time.sleep(0.02)
        if not alive:
            return


def descendants(pid: int) -> list[int]:
    """Every live process below ``pid`` (sshd's per-connection processes, subsystems)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                text = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(text[text.rindex(")") + 2:].split()[1])
            children.setdefault(parent, []).append(int(entry))
    found: list[int] = []
    todo = list(children.get(pid, []))
    while todo:
        child = todo.pop()
        found.append(child)
        todo.extend(children.get(child, []))
    return found


def sweep_dead_runs() -> None:
    """Remove what runs whose test process is gone left behind (a crash, a kill -9): their
    sshd, users and folder.  A run's folder is ``run-<pid>-<hex>``; live runs are kept."""
    if not BASE.is_dir():
        return
    for folder in BASE.glob("run-*-*"):
        try:
            owner = int(folder.name.split("-")[1])
        except (IndexError, ValueError):
            continue
        if owner == os.getpid() or leftovers.process_start_time(owner) is not None:
            continue
        for pid_file in folder.rglob("sshd.pid"):
            with contextlib.suppress(OSError, ValueError):
                pid = int(pid_file.read_text().strip())
                _kill([*descendants(pid), pid])
        users_file = folder / USERS_FILE
        if users_file.exists():
            for name in users_file.read_text().split():
                if name.startswith((KEY_USER_PREFIX, PASSWORD_USER_PREFIX)):
                    delete_user(name)
        for mount in _mounts_under(folder):
            subprocess.run(["umount", "-l", mount], check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
    _sweep_legacy_users()


LEGACY_USERS = ("webdesk-sftp-key", "webdesk-sftp-pw")    # shared by runs before per-run users


def _sweep_legacy_users() -> None:
    """Remove the users older versions of this module shared between runs, once no live run
    of such a version (a run folder without a users file) is left."""
    for folder in BASE.glob("run-*-*"):
        if not (folder / USERS_FILE).exists():
            with contextlib.suppress(IndexError, ValueError):
                if leftovers.process_start_time(int(folder.name.split("-")[1])) is not None:
                    return
    for name in LEGACY_USERS:
        try:
            home = Path(pwd.getpwnam(name).pw_dir)
        except KeyError:
            continue
        delete_user(name)
        if home.parent == Path("/home") and home.name == name:
            shutil.rmtree(home, ignore_errors=True)
    for stale in BASE.glob(".password-webdesk-sftp-*"):
        stale.unlink(missing_ok=True)


@dataclass
class SshdServer:
    root: Path
    port: int
    config: Path
    log: Path
    host_key_path: Path
    client_key_path: Path
    client_key_passphrase: str
    plain_key_path: Path
    key_user: SshUser
    password_user: SshUser
    process: subprocess.Popen[bytes] | None = None
    extra: list[SshdServer] = field(default_factory=list)

    # -- life cycle ---------------------------------------------------------------------------
    @classmethod
    def start(cls, *, sftp_subsystem: str = "internal-sftp") -> SshdServer:
        """Create users and keys, write the config and start sshd on a free port."""
        available, why = sshd_available()
        if not available:
            raise RuntimeError(why)
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
        sweep_dead_runs()
        BASE.mkdir(mode=0o755, exist_ok=True)
        run = secrets.token_hex(4)
        root = BASE / f"run-{os.getpid()}-{run}"
        root.mkdir(mode=0o755)
        leftovers.track_path(root)
        names = [KEY_USER_PREFIX + run, PASSWORD_USER_PREFIX + run]
        (root / USERS_FILE).write_text("\n".join(names) + "\n")   # before useradd: a crash
        host_key = root / "ssh_host_ed25519_key"                   # in between is swept
        write_private_key(host_key)
        try:
            key_user = create_user(names[0], root / "home" / names[0])
            password_user = create_user(names[1], root / "home" / names[1])
        except BaseException:
            for name in names:
                delete_user(name)
            shutil.rmtree(root, ignore_errors=True)
            raise
        passphrase = secrets.token_urlsafe(9)
        client_key = root / "client_key"
        plain_key = root / "client_key_plain"
        authorized = [write_private_key(client_key, passphrase), write_private_key(plain_key)]
        keys_dir = root / "authorized_keys"        # root-owned path: StrictModes is happy,
        keys_dir.mkdir(mode=0o755)                 # and each server has its own file
        (keys_dir / key_user.name).write_text("\n".join(authorized) + "\n")
        (keys_dir / key_user.name).chmod(0o644)
        server = cls(root=root, port=0, config=root / "sshd_config", log=root / "sshd.log",
                     host_key_path=host_key, client_key_path=client_key,
                     client_key_passphrase=passphrase, plain_key_path=plain_key,
                     key_user=key_user, password_user=password_user)
        try:
            server._configure(sftp_subsystem)
            server._launch()
        except BaseException:
            server.stop()
            raise
        return server

    def _configure(self, sftp_subsystem: str, extra_config: tuple[str, ...] = ()) -> None:
        self.port = free_port()
        self.config.write_text(_config(self.port, self.host_key_path, self.root / "sshd.pid",
                                       sftp_subsystem,
                                       (self.key_user.name, self.password_user.name),
                                       self.client_key_path.parent / "authorized_keys",
                                       extra_config))

    def _launch(self) -> None:
        self.process = subprocess.Popen([str(SSHD), "-D", "-f", str(self.config),
                                         "-E", str(self.log)],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
        leftovers.track_process(self.process.pid)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                error = self.process.stderr.read().decode() if self.process.stderr else ""
                raise RuntimeError(f"sshd exited: {error} {self.log_text()}")
            with contextlib.suppress(OSError), socket.create_connection(
                    ("127.0.0.1", self.port), timeout=1) as probe:
                if probe.recv(4) == b"SSH-":
                    return
            time.sleep(0.05)
        raise RuntimeError("sshd did not start: " + self.log_text())

    def start_sibling(self, sftp_subsystem: str = "internal-sftp",
                      extra_config: tuple[str, ...] = ()) -> SshdServer:
        """A second sshd with the same users, keys and host key on another port, running
        another sftp subsystem (e.g. ``internal-sftp -P posix-rename``) or other settings
        (e.g. ``("Ciphers aes256-ctr",)``)."""
        folder = self.root / f"sibling-{len(self.extra)}"
        folder.mkdir(mode=0o755)
        sibling = replace(self, root=folder, port=0, config=folder / "sshd_config",
                          log=folder / "sshd.log", process=None, extra=[])
        self.extra.append(sibling)
        sibling._configure(sftp_subsystem, extra_config)
        sibling._launch()
        return sibling

    def stop(self, *, remove_files: bool = True) -> None:
        """End sshd and every session process (also a subsystem still serving a client),
        then (``remove_files``) delete the users and the folder."""
        for sibling in self.extra:
            sibling.stop(remove_files=False)
        if self.process is not None:
            _kill([*descendants(self.process.pid), self.process.pid])
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=10)
            if self.process.stderr is not None:
                self.process.stderr.close()
        if remove_files:
            delete_user(self.key_user.name)
            delete_user(self.password_user.name)
            for mount in _mounts_under(self.root):
                subprocess.run(["umount", "-l", mount], check=False, capture_output=True)
            shutil.rmtree(self.root, ignore_errors=True)
            with contextlib.suppress(OSError):
                BASE.rmdir()                 # only when no other run is using it

    def __enter__(self) -> SshdServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- helpers for tests --------------------------------------------------------------------
    def log_text(self) -> str:
        try:
            return self.log.read_text(errors="replace")
        except OSError:
            return ""

    def host_public_key_line(self) -> str:
        result = subprocess.run(["ssh-keygen", "-y", "-f", str(self.host_key_path)],
                                check=True, capture_output=True, text=True)
        return result.stdout.strip()

    def make_folder(self, name: str, owner: SshUser | None, mode: int = 0o755) -> Path:
        """A folder under this server's root, owned by ``owner`` (root when None)."""
        folder = self.root / name
        folder.mkdir(parents=True, exist_ok=True)
        if owner is not None:
            os.chown(folder, owner.uid, owner.gid)
        folder.chmod(mode)
        return folder

    def mount_tmpfs(self, folder: Path, size: str, owner: SshUser) -> bool:
        """Mount a tiny tmpfs at ``folder`` (False when this sandbox does not allow mount)."""
        folder.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(["mount", "-t", "tmpfs", "-o",
                                 f"size={size},mode=0755,uid={owner.uid},gid={owner.gid}",
                                 "tmpfs", str(folder)], capture_output=True, check=False)
        return result.returncode == 0


def _mounts_under(root: Path) -> list[str]:
    try:
        lines = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return []
    prefix = str(root).rstrip("/") + "/"
    mounts = [line.split()[1] for line in lines if len(line.split()) > 1]
    return sorted((m for m in mounts if m.startswith(prefix)), key=len, reverse=True)


def _config(port: int, host_key: Path, pid_file: Path, sftp_subsystem: str,
            users: tuple[str, str], keys_dir: Path, extra: tuple[str, ...] = ()) -> str:
    return "\n".join([
        f"Port {port}",
        "ListenAddress 127.0.0.1",
        f"HostKey {host_key}",
        f"PidFile {pid_file}",
        "UsePAM no",
        "PasswordAuthentication yes",
        "KbdInteractiveAuthentication no",
        "PubkeyAuthentication yes",
        "PermitRootLogin no",
        f"AuthorizedKeysFile {keys_dir}/%u",
        "StrictModes yes",
        f"AllowUsers {' '.join(users)}",
        "MaxStartups 200:30:400",
        "MaxSessions 32",
        "MaxAuthTries 20",
        "LogLevel VERBOSE",
        "PrintMotd no",
        "UseDNS no",
        f"Subsystem sftp {sftp_subsystem}",
        *extra,
        "",
    ])
