"""Errors a user can act on: each carries a code and speaks Thai and English.

Anything that is *not* a :class:`UserError` is a bug: it is logged with its traceback
and shown as a plain dialog (see ``desktop/ui/errors.py``).
"""

from __future__ import annotations

from typing import Any

from desktop.domain.messages import message_text


class UserError(Exception):
    """The environment's or the user's fault: show ``text(lang)`` to the user."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.text("en"))

    def text(self, lang: str = "th") -> str:
        return message_text(self.code, lang, **self.params)


class IllegalTransition(UserError):
    pass


class PermissionDenied(UserError):
    pass


class ValidationFailed(UserError):
    """Carries the list of missing/invalid field names in ``params['fields']``."""


class AuthenticationFailed(UserError):
    pass


class NotFound(UserError):
    pass
