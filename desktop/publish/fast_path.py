"""Whether the fast SSH send/receive paths (:mod:`fast_send`, :mod:`fast_receive`) are used.

They work on paramiko's private packetizer state, so they are on only when all of this holds:

* not switched off: ``WEBDESK_FAST_PATH=0`` (or off/false/no) in the environment, or this
  PC's setting (:func:`configure`, from ``settings.json`` via the services);
* paramiko is a minor version they were tested with (:data:`TESTED_PARAMIKO`, the same as the
  pin in pyproject.toml);
* the self-check passed: once per process, packets for every mode paramiko can negotiate are
  sent through the fast path over a socket pair and decrypted and verified by stock paramiko
  (and stock packets are read through the buffered reader), with sequence numbers, counters
  and the re-key trigger compared.  Any difference switches the fast path off, never on.

Whatever says no is logged once, as a warning; uploads then use paramiko's own paths.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field

import paramiko

from desktop.publish import fast_receive, fast_send
from desktop.publish.fast_send import Mode

TESTED_PARAMIKO = ("5.1",)       # keep in step with the pin in pyproject.toml
ENVIRONMENT = "WEBDESK_FAST_PATH"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckResult:
    """What the self-check found: the modes that passed, and the first problem (if any)."""

    modes: frozenset[Mode] = frozenset()
    problem: str = ""
    checked: list[str] = field(default_factory=list, compare=False)

    @property
    def passed(self) -> bool:
        return not self.problem and bool(self.modes)


_lock = threading.Lock()
_pc_setting_on = True
_result: CheckResult | None = None
_logged: set[str] = set()


def configure(*, enabled: bool) -> None:
    """This PC's setting (``settings.json``: ``{"fast_path": {"enabled": false}}``)."""
    global _pc_setting_on
    _pc_setting_on = enabled


def switched_off_because() -> str | None:
    """Why the fast path is off before any check (environment, setting, paramiko version)."""
    value = os.environ.get(ENVIRONMENT, "").strip().lower()
    if value in ("0", "off", "false", "no"):
        return f"switched off by {ENVIRONMENT}={value}"
    if not _pc_setting_on:
        return "switched off in this PC's settings (fast_path.enabled = false)"
    version = ".".join(paramiko.__version__.split(".")[:2])
    if version not in TESTED_PARAMIKO:
        return (f"paramiko {paramiko.__version__} is not a tested version "
                f"({', '.join(TESTED_PARAMIKO)})")
    return None


def self_check() -> CheckResult:
    """The self-check's result, run once per process (thread-safe)."""
    global _result
    with _lock:
        if _result is None:
            from desktop.publish.fast_path_check import run_self_check

            _result = run_self_check()
            if _result.passed:
                log.info("SSH fast path self-check passed (%s)", ", ".join(_result.checked))
        return _result


def reset_for_tests() -> None:
    """Forget the cached self-check, the setting and what was logged."""
    global _result, _pc_setting_on
    with _lock:
        _result = None
        _pc_setting_on = True
        _logged.clear()


def why_off() -> str | None:
    """None when the fast path may be used; otherwise the reason (a sentence for the log)."""
    reason = switched_off_because()
    if reason is not None:
        return reason
    result = self_check()
    if not result.passed:
        return "self-check failed: " + (result.problem or "no mode passed")
    return None


def mode_verified(mode: Mode) -> bool:
    """True when this outbound mode passed the self-check and nothing switched it off since."""
    if switched_off_because() is not None:
        return False
    result = self_check()
    return result.passed and mode in result.modes


def install(transport: paramiko.Transport) -> bool:
    """Use the fast paths on this transport (after its key exchange) if allowed; otherwise
    log why not (once per reason) and leave paramiko's own paths in place."""
    reason = why_off()
    if reason is not None:
        _warn_once("SSH fast path off: %s", reason)
        return False
    if not fast_receive.install(transport):
        return False
    vars(transport.packetizer)[fast_send.ENABLED_FLAG] = True
    mode = fast_send.outbound_mode(transport.packetizer)
    if mode is None or mode not in self_check().modes:
        _warn_once("SSH fast send not used for this connection's cipher (%s): paramiko's "
                   "own path sends", "unknown" if mode is None else fast_send.mode_name(mode))
    return True


def _warn_once(message: str, *args: object) -> None:
    text = message % args
    with _lock:
        if text in _logged:
            return
        _logged.add(text)
    log.warning(text)
