"""Two kinds of error: the user's/environment's (a message) and bugs (logged, plain dialog)."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.domain.errors import UserError
from desktop.logging_setup import log_bug
from desktop.paths import AppPaths

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.ui.tasks import TaskFailure


def show_user_error(parent: QWidget | None, error: UserError, lang: str) -> None:
    from PySide6.QtWidgets import QMessageBox  # here: imported before the first paint

    from desktop.ui.plain_text import message_box

    box = message_box(QMessageBox.Icon.Warning, QCoreApplication.translate("Errors", "WebDesk"),
                      error.text(lang), None, parent)
    box.setObjectName("userErrorBox")
    box.open() if parent is not None and parent.isVisible() else box.exec()


def show_bug(parent: QWidget | None, paths: AppPaths,
             exc_info: tuple[type[BaseException], BaseException, TracebackType | None]) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.plain_text import message_box

    where = log_bug(paths, exc_info)
    text = QCoreApplication.translate(
        "Errors", "Something went wrong inside WebDesk. Your work was not lost.\n"
                  "The details were written to the log:\n{log}\n"
                  "Please tell your administrator.").format(log=where)
    box = message_box(QMessageBox.Icon.Critical, QCoreApplication.translate("Errors", "WebDesk"),
                      text, None, parent)
    box.setObjectName("bugBox")
    box.open() if parent is not None and parent.isVisible() else box.exec()


def report_failure(parent: QWidget | None, failure: TaskFailure, paths: AppPaths,
                   lang: str) -> None:
    """A background task failed: the user's message, or the bug box (logged)."""
    if isinstance(failure.error, UserError):
        show_user_error(parent, failure.error, lang)
    else:
        show_bug(parent, paths, failure.exc_info)


def install_exception_hook(paths: AppPaths, lang_getter=lambda: "th") -> None:  # noqa: ANN001
    """Any exception that reaches the event loop: a UserError is shown, anything else logged."""

    def hook(kind: type[BaseException], value: BaseException,
             tb: TracebackType | None) -> None:
        if isinstance(value, UserError):
            show_user_error(None, value, lang_getter())
            return
        if isinstance(value, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        show_bug(None, paths, (kind, value, tb))

    sys.excepthook = hook
