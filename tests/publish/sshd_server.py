"""A real OpenSSH sshd on a free loopback port, for the publishing tests and the benchmark.

Needs root (it creates two system users and starts ``/usr/sbin/sshd``) and Debian's
openssh-server.  Everything lives under ``/srv/webdesk-sftp-tests/<run>/`` (not /tmp: test
users must be able to reach their web roots) and is removed by :meth:`SshdServer.stop`.

    with SshdServer.start() as server:
        server.port, server.host_key, server.key_user, server.password_user, server.web_root(...)
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

SSHD = Path("/usr/sbin/sshd")
BASE = Path("/srv/webdesk-sftp-tests")
KEY_USER = "webdesk-sftp-key"
PASSWORD_USER = "webdesk-sftp-pw"


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


def _shared_password(name: str) -> str:
    """One password per test user and machine, kept root-only under BASE, so that several
    test sessions running at once (CI, a developer) do not reset each other's password."""
    BASE.mkdir(mode=0o755, exist_ok=True)
    path = BASE / f".password-{name}"
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    password = secrets.token_urlsafe(12)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(password)
    return password


def ensure_user(name: str) -> SshUser:
    """Create the system user if missing and set its password (UsePAM no reads shadow)."""
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--create-home", "--shell", "/bin/sh", name], check=False,
                       capture_output=True)        # a parallel session may have won the race
        entry = pwd.getpwnam(name)
    password = _shared_password(name)
    subprocess.run(["chpasswd"], input=f"{name}:{password}\n", text=True, check=True,
                   capture_output=True)
    home = Path(entry.pw_dir)
    home.mkdir(parents=True, exist_ok=True)
    os.chown(home, entry.pw_uid, entry.pw_gid)
    home.chmod(0o755)
    return SshUser(name, password, home, entry.pw_uid, entry.pw_gid)


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
        BASE.mkdir(mode=0o755, exist_ok=True)
        root = BASE / f"run-{os.getpid()}-{secrets.token_hex(4)}"
        root.mkdir(mode=0o755)
        host_key = root / "ssh_host_ed25519_key"
        write_private_key(host_key)
        key_user = ensure_user(KEY_USER)
        password_user = ensure_user(PASSWORD_USER)
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
        server._configure(sftp_subsystem)
        server._launch()
        return server

    def _configure(self, sftp_subsystem: str) -> None:
        self.port = free_port()
        self.config.write_text(_config(self.port, self.host_key_path, self.root / "sshd.pid",
                                       sftp_subsystem,
                                       (self.key_user.name, self.password_user.name),
                                       self.client_key_path.parent / "authorized_keys"))

    def _launch(self) -> None:
        self.process = subprocess.Popen([str(SSHD), "-D", "-f", str(self.config),
                                         "-E", str(self.log)],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
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

    def start_sibling(self, sftp_subsystem: str) -> SshdServer:
        """A second sshd with the same users, keys and host key on another port, running
        another sftp subsystem (e.g. ``internal-sftp -P posix-rename``)."""
        folder = self.root / f"sibling-{len(self.extra)}"
        folder.mkdir(mode=0o755)
        sibling = replace(self, root=folder, port=0, config=folder / "sshd_config",
                          log=folder / "sshd.log", process=None, extra=[])
        sibling._configure(sftp_subsystem)
        sibling._launch()
        self.extra.append(sibling)
        return sibling

    def stop(self, *, remove_files: bool = True) -> None:
        for sibling in self.extra:
            sibling.stop(remove_files=False)
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None and self.process.stderr is not None:
            self.process.stderr.close()
        if remove_files:
            for mount in _mounts_under(self.root):
                subprocess.run(["umount", "-l", mount], check=False, capture_output=True)
            shutil.rmtree(self.root, ignore_errors=True)

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
            users: tuple[str, str], keys_dir: Path) -> str:
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
        "",
    ])
