"""What the transfer queue holds: one item per request to publish or take down, its state,
speed and time left, and for a failure the reason and what to do next."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from desktop.domain.errors import UserError
from desktop.services.server_access import ServerProfile
from desktop.ui.i18n import tr


@dataclass(frozen=True)
class QueueEntry:
    request_id: int
    title: str
    reference: str = ""


class TransferKind(Enum):
    PUBLISH = "publish"
    TAKE_DOWN = "take_down"


class ItemState(Enum):
    WAITING = "waiting"
    RUNNING = "running"
    DONE = "done"           # published, or taken down
    FAILED = "failed"


NO_PASSWORD = "no_password"     # the person did not give the server password
INTERNAL = "internal"           # a bug (logged)


@dataclass
class TransferItem:
    entry: QueueEntry
    profile: ServerProfile
    kind: TransferKind = TransferKind.PUBLISH
    reason_given: str = ""          # why it is taken down (for the audit)
    state: ItemState = ItemState.WAITING
    error: BaseException | None = None   # why it failed (shown in the current language)
    failure: str = ""               # or: NO_PASSWORD / INTERNAL when there is no UserError
    url: str = ""
    speed: float = 0.0              # bytes per second
    seconds_left: float | None = None
    started: float = 0.0
    files: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.entry.reference} {self.entry.title}".strip()

    def begin(self) -> None:
        self.state, self.error, self.failure, self.files = ItemState.RUNNING, None, "", {}
        self.speed, self.seconds_left, self.started = 0.0, None, time.monotonic()

    def fail(self, error: BaseException | None, failure: str = "") -> None:
        self.state, self.error, self.failure = ItemState.FAILED, error, failure
        self.seconds_left = None

    def wait_again(self) -> None:
        self.state, self.error, self.failure, self.seconds_left = ItemState.WAITING, None, "", None

    def progressed(self, name: str, done: int, total: int) -> None:
        self.files[name] = (done, total)
        sent, size = self.bytes_done()
        elapsed = max(time.monotonic() - self.started, 1e-3)
        self.speed = sent / elapsed
        self.seconds_left = (size - sent) / self.speed if self.speed > 0 else None

    def bytes_done(self) -> tuple[int, int]:
        """(bytes sent, bytes in all) of the files reported so far."""
        return (sum(d for d, _ in self.files.values()),
                sum(t for _, t in self.files.values()))

    def files_done(self) -> int:
        return sum(1 for d, t in self.files.values() if d >= t)

    def per_mille(self) -> int:
        sent, size = self.bytes_done()
        if self.state == ItemState.DONE:
            return 1000
        return int(1000 * sent / size) if size else 0


# What to do next, by the code of the error at the root of a failure.
_NETWORK = frozenset({"sftp_unreachable", "sftp_timeout", "sftp_connection_lost",
                      "sftp_not_ssh"})
_SECRET = frozenset({"sftp_auth_failed", "sftp_password_needed", "sftp_key_passphrase_wrong",
                     "sftp_passphrase_needed", "sftp_key_unreadable", "sftp_no_agent_keys"})
_HOST_KEY = frozenset({"sftp_host_key_unknown", "sftp_host_key_changed",
                       "sftp_fingerprint_mismatch", "trust_declined"})
_SERVER_SIDE = frozenset({"sftp_permission_denied", "sftp_disk_full", "sftp_disk_full_write",
                          "sftp_write_failed", "sftp_archive_failed", "sftp_no_posix_rename",
                          "sftp_remote_symlink", "sftp_server_error"})
_LEFT_FOR_RECONCILE = frozenset({"publish_failed_live_unrecorded", "publish_failed_unknown"})
_REQUEST_CHANGED = frozenset({"not_approved", "not_published", "publish_request_changed",
                              "scheduler_not_due"})
_ELSEWHERE = frozenset({"publish_already_running"})


def error_codes(error: BaseException) -> list[str]:
    """The codes of a user error and of the errors it was raised from, outermost first."""
    codes: list[str] = []
    seen: BaseException | None = error
    while seen is not None and len(codes) < 8:
        if isinstance(seen, UserError):
            codes.append(seen.code)
        seen = seen.__cause__
    return codes


# What to do next for a failure whose codes include one of the set, the first set that
# matches; the texts are looked up when asked for (the current language).
_NEXT_STEPS: tuple[tuple[frozenset[str], Callable[[], str]], ...] = (
    (_LEFT_FOR_RECONCILE, lambda: tr(
        "TransferItems", "Choose Retry: WebDesk first checks the site and completes or undoes "
        "what was left, then publishes.")),
    (_HOST_KEY, lambda: tr(
        "TransferItems", "Do not retry yet: ask an administrator to confirm the server's key "
        "(Publishing servers…).")),
    (_SECRET, lambda: tr(
        "TransferItems", "Choose Retry and type the server password again; if it is refused "
        "again, ask the server's administrator.")),
    (_NETWORK, lambda: tr(
        "TransferItems", "Check the network connection and that the server is on, then choose "
        "Retry.")),
    (_SERVER_SIDE, lambda: tr(
        "TransferItems", "Ask the server's administrator to fix this on the server, then "
        "choose Retry.")),
    (_ELSEWHERE, lambda: tr(
        "TransferItems", "Wait until the other PC has finished, then refresh the queue: choose "
        "Retry only if the request is still approved.")),
    (_REQUEST_CHANGED, lambda: tr(
        "TransferItems", "The request changed meanwhile: refresh the queue and check it before "
        "trying again.")),
    (frozenset({"sftp_cancelled"}), lambda: tr("TransferItems", "Choose Retry to start it again.")),
)


def next_step_for(error: BaseException) -> str:
    """What the person should do about ``error``, in the current language."""
    codes = error_codes(error)
    for known, text in _NEXT_STEPS:
        if any(c in known for c in codes):
            return text()
    return tr("TransferItems", "Fix the cause and choose Retry.")
