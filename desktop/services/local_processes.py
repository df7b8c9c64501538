"""Is a process of this PC still running?  For locks and scratch folders a killed process left.

``os.kill(pid, 0)`` answers that on Linux and macOS only.  On Windows it is not a question:
Python sends signal 0 as CTRL_C_EVENT to the process group ``pid`` (a console process
would get a Ctrl+C) and raises for a GUI one, so Windows asks the kernel for the process's
exit code instead (``OpenProcess`` + ``GetExitCodeProcess``).
"""

from __future__ import annotations

import os
import sys

_STILL_ACTIVE = 259
_QUERY_LIMITED_INFORMATION = 0x1000
_ERROR_ACCESS_DENIED = 5


def running(pid: int) -> bool:
    """True while a process ``pid`` exists on this PC (someone else's included); False for
    this process's own number only if it is not a valid one."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_running(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:              # another user's process: it runs
        return True
    except (OverflowError, OSError):     # not a process number this system can have
        return False
    return True


def _windows_running(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    handle = kernel32.OpenProcess(_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        return ctypes.get_last_error() == _ERROR_ACCESS_DENIED  # type: ignore[attr-defined]
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == _STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
