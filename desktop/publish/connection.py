"""Open an authenticated SFTP connection to a :class:`ServerProfile`, fast and safely.

* our own TCP socket with TCP_NODELAY (paramiko's is slow for many small requests);
* data sent in batches of SSH packets and received in large reads (``fast_send``,
  ``fast_receive``; on only after ``fast_path``'s self-check, off by setting or
  ``WEBDESK_FAST_PATH=0``): paramiko's one-packet-at-a-time path costs more than the crypto;
* AES-GCM preferred (CTR/CBC disabled, with a fallback for servers without GCM);
* the host key is checked against known_hosts *before* any secret is sent;
* key file (passphrase from the keyring or asked), ssh-agent, or password auth;
* every failure becomes a :class:`PublishError` with a Thai/English text.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

import paramiko
from paramiko.sftp import CMD_INIT, CMD_VERSION, CMD_WRITE

from desktop.publish import channel_buffer, fast_path
from desktop.publish.credentials import CredentialStore, SecretKind
from desktop.publish.errors import PublishError
from desktop.publish.fast_send import data_per_packet, send_channel_data
from desktop.publish.hostkeys import HostKeyStore
from desktop.publish.profiles import AuthKind, ServerProfile

SLOW_CIPHERS = ["aes128-ctr", "aes192-ctr", "aes256-ctr", "aes128-cbc", "aes192-cbc",
                "aes256-cbc", "3des-cbc"]
CHANNEL_WINDOW = 64 * 1024 * 1024
CHANNEL_PACKET = 256 * 1024
SFTP_VERSION = 3
CORK_BYTES = 256 * 1024
DIRECT_WRITE_BYTES = 64 * 1024     # WRITE data this large is sent at once, not corked


class WebDeskSFTPClient(paramiko.SFTPClient):
    """paramiko's client that also remembers the extensions the server announced."""

    extensions: dict[str, bytes]

    _corked = False
    _pending: bytearray | None = None
    round_trip = 0.0

    def cork(self, corked: bool = True) -> None:
        """While corked, requests are gathered and sent together just before the next read:
        many small SFTP requests then share SSH packets and system calls."""
        if not corked:
            self.flush()
        self._corked = corked

    def flush(self) -> None:
        pending = self._pending
        if pending:
            self._pending = None
            self._write_all(pending)

    def async_write(self, fileobj: object, handle: bytes, offset: int, data: bytes) -> int:
        """A WRITE request, framed here: paramiko's generic path copies the data three times
        (into a Message, out of it, into the packet) — a quarter of a big upload's CPU.  A
        large write goes out at once behind whatever was corked, its data not copied but
        for the few bytes that fill the first packet up."""
        with self._lock:
            number = int(self.request_number)
            self._expecting[number] = fileobj
            self.request_number += 1
        header = struct.pack(">IBII", 1 + 4 + 4 + len(handle) + 8 + 4 + len(data), CMD_WRITE,
                             number, len(handle)) + handle + struct.pack(">QI", offset,
                                                                          len(data))
        if len(data) >= DIRECT_WRITE_BYTES:
            lead = bytes(self._pending or b"") + header
            self._pending = None
            piece = data_per_packet(self.sock)
            head = (piece - len(lead) % piece) % piece      # first packets full, not split
            self._write_all(b"".join((lead, memoryview(data)[:head])))
            if head < len(data):
                self._write_all(memoryview(data)[head:])
            return number
        if not self._corked:
            self._write_all(header + data)
            return number
        if self._pending is None:
            self._pending = bytearray()
        self._pending += header
        self._pending += data
        if len(self._pending) >= CORK_BYTES:
            self.flush()
        return number

    def _send_packet(self, t: int, packet: paramiko.Message) -> None:
        if not self._corked:
            super()._send_packet(t, packet)
            return
        payload = packet.asbytes()
        if self._pending is None:
            self._pending = bytearray()
        self._pending += struct.pack(">IB", len(payload) + 1, t)
        self._pending += payload
        if len(self._pending) >= CORK_BYTES:
            self.flush()

    def _read_packet(self) -> tuple[int, bytes]:
        if self._pending and not self.sock.recv_ready():
            self.flush()        # about to wait: the server must have everything we have
        return super()._read_packet()  # type: ignore[no-any-return]

    def _write_all(self, out: bytes | bytearray | memoryview) -> None:
        """paramiko's, without re-copying the rest of a 255 KiB request per 32 KiB packet."""
        view = memoryview(out)
        while len(view):
            sent = send_channel_data(self.sock, view) or self.sock.send(view)
            if sent <= 0:
                raise EOFError()
            view = view[sent:]

    def _send_version(self) -> int:
        message = paramiko.Message()
        message.add_int(SFTP_VERSION)
        self._send_packet(CMD_INIT, message)
        kind, data = self._read_packet()
        if kind != CMD_VERSION:
            raise paramiko.SFTPError("Incompatible sftp protocol")
        version = int(struct.unpack(">I", data[:4])[0])
        self.extensions = {}
        reply = paramiko.Message(data[4:])
        try:
            while reply.get_remainder():
                name = reply.get_text()
                self.extensions[name] = reply.get_binary()
        except Exception:  # a malformed extension list only costs us the list
            pass
        return version


@dataclass
class SftpConnection:
    profile: ServerProfile
    sock: socket.socket
    transport: paramiko.Transport
    sftp: WebDeskSFTPClient
    lanes: ChannelPool | None = None
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    files_sent: int = 0
    bytes_sent: int = 0

    @property
    def round_trip(self) -> float:
        """Seconds one request took while connecting (the link's latency, roughly)."""
        return self.sftp.round_trip

    @property
    def supports_posix_rename(self) -> bool:
        return "posix-rename@openssh.com" in self.sftp.extensions

    @property
    def supports_statvfs(self) -> bool:
        return "statvfs@openssh.com" in self.sftp.extensions

    def request_channels(self, count: int) -> None:
        """Have ``count`` more SFTP channels open or opening (in the background)."""
        if self.lanes is None:
            self.lanes = ChannelPool(self.transport, self.profile)
        self.lanes.request(count)

    def ready_channels(self) -> list[WebDeskSFTPClient]:
        """The extra channels opened so far, in the order they became ready."""
        return self.lanes.ready() if self.lanes is not None else []

    def settle(self, timeout: float = 30.0) -> None:
        """Wait until no extra channel is still opening."""
        if self.lanes is not None:
            self.lanes.settle(timeout)

    def close(self) -> None:
        extra = self.lanes.close() if self.lanes is not None else []
        for client in [*extra, self.sftp]:
            with contextlib.suppress(Exception):
                client.close()
        try:
            self.transport.close()
        finally:
            self.sock.close()

    def __enter__(self) -> SftpConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ChannelPool:
    """Extra SFTP channels on an authenticated connection, opened in background threads.

    Each channel has its own server process (sftp-server) and its own flow-control window
    (OpenSSH grants 2 MiB per channel), so a big item over a slow link goes faster over
    several.  Opening one costs three round trips and no new login; they open side by side
    and join the upload as they become ready.  One that fails to open is simply not used."""

    def __init__(self, transport: paramiko.Transport, profile: ServerProfile) -> None:
        self.transport = transport
        self.profile = profile
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._ready: list[WebDeskSFTPClient] = []
        self._opening = 0
        self._closed = False

    def request(self, count: int) -> None:
        with self._lock:
            missing = count - len(self._ready) - self._opening
            if self._closed or missing <= 0:
                return
            self._opening += missing
        for _ in range(missing):
            threading.Thread(target=self._open_one, daemon=True,
                             name="webdesk-sftp-channel").start()

    def _open_one(self) -> None:
        try:
            client: WebDeskSFTPClient | None = _open_sftp(self.transport, self.profile)
        except Exception:   # an optimisation only: the upload carries on without it
            client = None
        with self._lock:
            self._opening -= 1
            self._changed.notify_all()
            if client is None:
                return
            if not self._closed:
                self._ready.append(client)
                return
        with contextlib.suppress(Exception):
            client.close()

    def ready(self) -> list[WebDeskSFTPClient]:
        with self._lock:
            return list(self._ready)

    def settle(self, timeout: float = 30.0) -> None:
        with self._lock:
            self._changed.wait_for(lambda: self._opening == 0, timeout)

    def close(self) -> list[WebDeskSFTPClient]:
        """Stop opening more; hand back the open ones (for the connection to close)."""
        with self._lock:
            self._closed = True
            ready, self._ready = self._ready, []
        return ready


def open_socket(host: str, port: int, timeout: float) -> socket.socket:
    """A connected TCP socket with TCP_NODELAY, or a PublishError saying why not."""
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except TimeoutError as exc:
        raise PublishError("sftp_timeout", host=host, port=port, seconds=timeout) from exc
    except OSError as exc:
        detail = exc.strerror or str(exc) or type(exc).__name__
        raise PublishError("sftp_unreachable", host=host, port=port, detail=detail) from exc
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    return sock


def _start_transport(profile: ServerProfile, hostkeys: HostKeyStore,
                     disabled: dict[str, list[str]]) -> tuple[socket.socket, paramiko.Transport]:
    sock = open_socket(profile.host, profile.port, profile.connect_timeout)
    transport = paramiko.Transport(sock, disabled_algorithms=disabled)
    transport.banner_timeout = profile.connect_timeout
    transport.handshake_timeout = profile.connect_timeout
    transport.auth_timeout = profile.connect_timeout
    transport.set_keepalive(30)
    known_types = hostkeys.preferred_key_types(profile.host, profile.port)
    if known_types:
        options = transport.get_security_options()
        current = list(options.key_types)
        options.key_types = tuple([t for t in known_types if t in current]
                                  + [t for t in current if t not in known_types])
    try:
        transport.start_client(timeout=profile.connect_timeout)
        if not transport.is_active() or not getattr(transport, "initial_kex_done", True):
            raise TimeoutError("key exchange did not finish")   # start_client gave up waiting
    except BaseException:
        transport.close()
        sock.close()
        raise
    return sock, transport


def start_transport(profile: ServerProfile, hostkeys: HostKeyStore,
                    ) -> tuple[socket.socket, paramiko.Transport]:
    """Connect and negotiate (GCM first); the host key is not checked yet."""
    try:
        try:
            return _start_transport(profile, hostkeys, {"ciphers": SLOW_CIPHERS})
        except paramiko.IncompatiblePeer:
            return _start_transport(profile, hostkeys, {})
    except PublishError:
        raise
    except TimeoutError as exc:
        raise PublishError("sftp_timeout", host=profile.host, port=profile.port,
                           seconds=profile.connect_timeout) from exc
    except (paramiko.SSHException, EOFError, OSError) as exc:
        if _caused_by_timeout(exc):
            raise PublishError("sftp_timeout", host=profile.host, port=profile.port,
                               seconds=profile.connect_timeout) from exc
        raise PublishError("sftp_not_ssh", host=profile.host, port=profile.port,
                           detail=str(exc) or type(exc).__name__) from exc


def _caused_by_timeout(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(5):
        if seen is None:
            return False
        if isinstance(seen, TimeoutError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def fetch_host_key(profile: ServerProfile, hostkeys: HostKeyStore) -> paramiko.PKey:
    """The key the server presents (for ``webdesk server trust``); no authentication."""
    sock, transport = start_transport(profile, hostkeys)
    try:
        return transport.get_remote_server_key()
    finally:
        transport.close()
        sock.close()


def connect(profile: ServerProfile, hostkeys: HostKeyStore,
            credentials: CredentialStore) -> SftpConnection:
    """An authenticated connection with one SFTP channel open; raise PublishError otherwise.

    The host key is checked before any secret is sent.  More channels for a big upload are
    opened later, on the same connection (:meth:`SftpConnection.request_channels`)."""
    sock, transport = start_transport(profile, hostkeys)
    try:
        hostkeys.check(profile.host, profile.port, transport.get_remote_server_key())
        fast_path.install(transport)     # after the key exchange; logs why if not
        _authenticate(transport, profile, credentials)
        sftp = _open_sftp(transport, profile)
    except BaseException:
        transport.close()
        sock.close()
        raise
    return SftpConnection(profile, sock, transport, sftp)


def _open_sftp(transport: paramiko.Transport, profile: ServerProfile) -> WebDeskSFTPClient:
    try:
        channel = transport.open_session(window_size=CHANNEL_WINDOW,
                                         max_packet_size=CHANNEL_PACKET,
                                         timeout=profile.connect_timeout)
        channel_buffer.install(channel)      # nothing has arrived yet: safe to swap
        channel.settimeout(profile.io_timeout)
        channel.invoke_subsystem("sftp")
        started = time.monotonic()
        client = WebDeskSFTPClient(channel)
        client.round_trip = time.monotonic() - started     # the version exchange: one RTT
        return client
    except TimeoutError as exc:
        raise PublishError("sftp_timeout", host=profile.host, port=profile.port,
                           seconds=profile.io_timeout) from exc
    except (paramiko.SSHException, EOFError, OSError) as exc:
        raise PublishError("sftp_not_ssh", host=profile.host, port=profile.port,
                           detail=str(exc) or type(exc).__name__) from exc


def _authenticate(transport: paramiko.Transport, profile: ServerProfile,
                  credentials: CredentialStore) -> None:
    try:
        if profile.auth == AuthKind.PASSWORD:
            password = credentials.secret(profile, SecretKind.PASSWORD)
            if password is None:
                raise PublishError("sftp_password_needed", user=profile.user,
                                   host=profile.host)
            try:
                transport.auth_password(profile.user, password, fallback=False)
            except paramiko.AuthenticationException:
                credentials.forget_session(profile, SecretKind.PASSWORD)
                raise
        elif profile.auth == AuthKind.AGENT:
            _auth_agent(transport, profile)
        else:
            transport.auth_publickey(profile.user, _load_key(profile, credentials))
    except paramiko.AuthenticationException as exc:
        raise PublishError("sftp_auth_failed", user=profile.user, host=profile.host) from exc
    except TimeoutError as exc:
        raise PublishError("sftp_timeout", host=profile.host, port=profile.port,
                           seconds=profile.connect_timeout) from exc
    except (paramiko.SSHException, EOFError, OSError) as exc:
        raise PublishError("sftp_connection_lost", host=profile.host,
                           detail=str(exc) or type(exc).__name__) from exc
    if not transport.is_authenticated():
        raise PublishError("sftp_auth_failed", user=profile.user, host=profile.host)


def _auth_agent(transport: paramiko.Transport, profile: ServerProfile) -> None:
    agent = paramiko.Agent()
    try:
        keys = agent.get_keys()
        if not keys:
            raise PublishError("sftp_no_agent_keys")
        for key in keys:
            try:
                transport.auth_publickey(profile.user, key)
                return
            except paramiko.AuthenticationException:
                continue
        raise paramiko.AuthenticationException("no agent key accepted")
    finally:
        agent.close()


def _load_key(profile: ServerProfile, credentials: CredentialStore) -> paramiko.PKey:
    path = str(profile.key_path or "")
    try:
        return paramiko.PKey.from_path(path)
    except (paramiko.PasswordRequiredException, TypeError):
        pass    # encrypted: cryptography says so with a TypeError
    except (OSError, ValueError, paramiko.SSHException) as exc:
        raise PublishError("sftp_key_unreadable", path=path,
                           detail=getattr(exc, "strerror", None) or str(exc)) from exc
    passphrase = credentials.secret(profile, SecretKind.PASSPHRASE)
    if passphrase is None:
        raise PublishError("sftp_passphrase_needed", user=profile.user,
                           host=profile.host)
    try:
        return paramiko.PKey.from_path(path, password=passphrase.encode())  # type: ignore[arg-type]
    except (ValueError, TypeError, paramiko.SSHException) as exc:
        credentials.forget_session(profile, SecretKind.PASSPHRASE)
        raise PublishError("sftp_key_passphrase_wrong", path=path) from exc
