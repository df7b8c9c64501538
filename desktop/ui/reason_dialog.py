"""The scaffold of a small "change one thing, say why" dialog: a line about the request, a form
(the value and the reason), a red message line, Save and Cancel; Save hands the values to a
service on the database lane, a refusal is shown in the message line, anything else is a bug.

Subclasses add their rows to :attr:`form`, set :attr:`intro`'s text and implement
:meth:`save` (checks that need no database, then :meth:`run`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.services.context import AppContext
from desktop.ui.errors import show_bug
from desktop.ui.plain_text import PlainLabel
from desktop.ui.tasks import TaskFailure, task_runner

T = TypeVar("T")


class ChangeWithReasonDialog(QDialog):
    def __init__(self, ctx: AppContext, lang: str, object_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.ctx, self.lang = ctx, lang
        self.intro = PlainLabel()
        self.intro.setObjectName("intro")
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.message = PlainLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        raise NotImplementedError

    def run(self, work: Callable[[], T], on_done: Callable[[T], None]) -> None:
        """``work`` off the GUI thread; then ``on_done`` with its result and the dialog
        closes; a refusal stays in the message line with Save enabled again."""
        self.message.clear()
        self.buttons.setEnabled(False)

        def done(value: T) -> None:
            on_done(value)
            self.accept()

        task_runner().database(work, done, self._failed, owner=self)

    def _failed(self, failure: TaskFailure) -> None:
        self.buttons.setEnabled(True)
        if isinstance(failure.error, UserError):
            self.message.setText(failure.error.text(self.lang))
        else:
            show_bug(self, self.ctx.paths, failure.exc_info)
