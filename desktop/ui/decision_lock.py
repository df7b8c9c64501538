"""Whether a decision taken in a window locks the screen after it (a shared PC with "lock after
each sign-off"): the session controller marks the window, the decision dialogs read the mark and
say "Sign and lock" only then.  Small and free of the database layer: the controller marks each
window as it opens it, before anything is loaded."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

_LOCKS_AFTER_DECISION = "webdeskLocksAfterDecision"


def mark_locks_after_decision(window: QWidget, locks: bool) -> None:
    """Told by whoever locks the screen once a decision is recorded (the session controller,
    on a shared PC with "lock after each sign-off"): the decision dialogs opened from
    ``window`` then say that signing locks the screen."""
    window.setProperty(_LOCKS_AFTER_DECISION, locks)


def locks_after_decision(widget: QWidget) -> bool:
    """Whether a decision taken from ``widget``'s window locks the screen (not marked: no)."""
    return bool(widget.window().property(_LOCKS_AFTER_DECISION))
