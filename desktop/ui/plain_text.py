"""Text widgets that show their text as text, never as HTML.

Qt's labels and message boxes guess: a text whose first line looks like HTML
(``Qt::mightBeRichText``) is rendered as HTML, and a message box opens the links in it in
the browser.  Much of what WebDesk shows comes from the database, which anyone at a
workstation can write, or from outside: a lock holder's PC name, a request's title, a file's
name, a server's host name.  Through the guess, such a text could show a link ("confirm your
password here") in a WebDesk message, restyle a warning, or hide the rest of a host-key
prompt behind ``<!--``.  So every label and message box here is plain text
(tests/ui/test_plain_text.py checks the sources); the one label that shows HTML on purpose
(``preview/viewers.py``, every part escaped) is a :class:`RichLabel`.

QMessageBox is imported when a box is made, not with this module: the sign-in screen's
labels come from here, and its first paint does without the message box's class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget


class PlainLabel(QLabel):
    """A QLabel whose text is always shown as plain text.

    Only a text with a ``<`` can be taken for HTML (a tag needs one), so only such a text
    switches the label to plain text: the enum that takes is in PySide6's ``Qt`` namespace,
    which the sign-in screen's first paint does without (tests/ui/test_first_paint.py)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:   # QLabel's: (text, parent), (parent)
        super().__init__(*args, **kwargs)
        text = args[0] if args else kwargs.get("text")
        if isinstance(text, str):
            self._keep_plain(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._keep_plain(text)
        super().setText(text)

    def _keep_plain(self, text: str) -> None:
        if "<" in text:
            from PySide6.QtCore import Qt

            self.setTextFormat(Qt.TextFormat.PlainText)


class RichLabel(QLabel):
    """A QLabel that shows HTML on purpose: whoever sets its text escapes every part of it
    that came from data (``html.escape``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from PySide6.QtCore import Qt

        self.setTextFormat(Qt.TextFormat.RichText)


def message_box(icon: QMessageBox.Icon, title: str, text: str,
                buttons: QMessageBox.StandardButton | None = None,
                parent: QWidget | None = None) -> QMessageBox:
    """A QMessageBox showing ``text`` as plain text (an OK button unless ``buttons``)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(icon, title, text,
                      QMessageBox.StandardButton.Ok if buttons is None else buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def ask(parent: QWidget | None, title: str, text: str,
        buttons: QMessageBox.StandardButton | None = None) -> QMessageBox.StandardButton:
    """``QMessageBox.question`` with a plain-text message (Yes and No unless ``buttons``):
    the button pressed."""
    from PySide6.QtWidgets import QMessageBox

    yes_no = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    box = message_box(QMessageBox.Icon.Question, title, text,
                      yes_no if buttons is None else buttons, parent)
    return QMessageBox.StandardButton(box.exec())


def tell(parent: QWidget | None, title: str, text: str, *, critical: bool = False,
         warning: bool = False) -> None:
    """``QMessageBox.information`` (``critical``, ``warning``) with a plain-text message."""
    from PySide6.QtWidgets import QMessageBox

    icon = (QMessageBox.Icon.Critical if critical else QMessageBox.Icon.Warning if warning
            else QMessageBox.Icon.Information)
    message_box(icon, title, text, None, parent).exec()


def plain_tooltip(text: str) -> str:
    """``text`` for a tooltip, shown as it is.  A tooltip has no text format of its own: one
    Qt would take for HTML is handed over as HTML that spells it out (escaped, its line
    breaks kept); any other is left as it is."""
    from PySide6.QtGui import Qt as GuiQt

    if not GuiQt.mightBeRichText(text):
        return text
    return GuiQt.convertFromPlainText(text, GuiQt.WhiteSpaceMode.WhiteSpaceNormal)
