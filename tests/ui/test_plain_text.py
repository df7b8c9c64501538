"""Texts from the database (anyone at a workstation can write it) or from outside are shown
as text: a lock holder, a title, a file name or a host name that looks like HTML cannot put
a link in a WebDesk message box (QMessageBox opens links in the browser), restyle it, or hide
the rest of a host-key prompt behind ``<!--`` (desktop/ui/plain_text.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import Qt, QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop.domain.errors import UserError
from desktop.publish.errors import HostKeyUnknownError
from desktop.ui.errors import show_user_error
from desktop.ui.host_key_prompts import trust_new_key
from desktop.ui.plain_text import PlainLabel, plain_tooltip

UI = Path(__file__).resolve().parents[2] / "desktop" / "ui"
HOSTILE = '<a href="https://evil.example/login">ยืนยันรหัสผ่านอีกครั้งที่นี่</a><!--'
GUESSING = re.compile(r"(?<![\w.])QLabel\(|QMessageBox\(|"
                      r"QMessageBox\.(question|information|warning|critical|about)\(")


def test_no_label_or_message_box_in_the_ui_guesses_its_format() -> None:
    found, plain = [], 0
    for path in sorted(UI.rglob("*.py")):
        if path.name == "plain_text.py":            # PlainLabel, RichLabel, the boxes
            continue
        text = path.read_text(encoding="utf-8")
        plain += text.count("PlainLabel(")
        found += [f"{path.relative_to(UI)}:{text[:m.start()].count(chr(10)) + 1}"
                  for m in GUESSING.finditer(text)]
    assert plain >= 80                       # the scan sees the labels it is about
    assert found == [], "use desktop/ui/plain_text.py instead: " + ", ".join(found)


TOOLTIP = re.compile(r"(?:setToolTip|showText)\(")
# tooltips whose text is the program's own (no data in it): the scan lets them through
OWN_TIPS = (
    'self.tr(', '"Ctrl+', '"" if', "format_date(self._value, self.lang) if self._value",
    'f"{text} ({keys})" if keys else text',           # main_actions: an action's own name
    "tip)", "tip, self.edit)",                         # request_dates: made by plain_tooltip
)


def test_every_tooltip_is_spelled_out_or_the_programs_own() -> None:
    """Tooltips guess their format too; data in one goes through ``plain_tooltip``."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for match in TOOLTIP.finditer(text):
            rest = text[match.end():match.end() + 300]
            if match.group(0).startswith("showText"):      # (position, text, widget)
                rest = rest.split("), ", 1)[-1]
            rest = re.sub(r"^\d+, ", "", rest)                 # an item's (column, text)
            if rest.startswith("plain_tooltip(") or rest.startswith(OWN_TIPS):
                continue
            found.append(f"{path.relative_to(UI)}:{text[:match.start()].count(chr(10)) + 1}")
    assert found == [], "wrap the text in plain_tooltip(): " + ", ".join(found)


def test_a_user_error_carrying_html_shows_it_as_text(qtbot) -> None:  # noqa: ANN001
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    show_user_error(parent, UserError("publish_already_running", workstation=HOSTILE), "th")
    box = parent.findChild(QMessageBox, "userErrorBox")
    assert box is not None and box.isVisible()
    label = box.findChild(QLabel, "qt_msgbox_label")
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert HOSTILE in label.text()
    assert Qt.mightBeRichText(label.text())  # what Qt would have rendered, links and all
    box.close()


def test_a_host_key_prompt_shows_a_hostile_host_name_and_the_fingerprint_as_text(
        qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    seen: list[tuple[Qt.TextFormat, str]] = []

    def read_and_say_no(box: QMessageBox) -> int:
        seen.append((box.textFormat(), box.text()))
        return int(QMessageBox.StandardButton.No.value)

    monkeypatch.setattr(QMessageBox, "exec", read_and_say_no)
    error = HostKeyUnknownError(HOSTILE, 22, None, "ssh-ed25519", "SHA256:abcdefTRUSTME")
    assert not trust_new_key(None, error)
    ((text_format, text),) = seen
    assert text_format == Qt.TextFormat.PlainText
    assert HOSTILE in text and "SHA256:abcdefTRUSTME" in text   # nothing hidden after <!--


def test_labels_show_a_hostile_text_as_text_however_it_arrives(qtbot) -> None:  # noqa: ANN001
    parent = QWidget()
    qtbot.addWidget(parent)
    later = PlainLabel(parent)
    later.setText(HOSTILE)
    for label in (PlainLabel(HOSTILE), PlainLabel(HOSTILE, parent), later):
        assert label.textFormat() == Qt.TextFormat.PlainText
        assert label.text() == HOSTILE
    assert PlainLabel(HOSTILE, parent).parent() is parent


def test_a_tooltip_that_looks_like_html_is_spelled_out() -> None:
    for text in (HOSTILE, "<b>ด่วน</b>\nบรรทัดสอง", "a <i>b</i> & c", "a < b and c > d"):
        tip = plain_tooltip(text)
        document = QTextDocument()
        document.setHtml(tip)
        assert document.toPlainText() == text                     # shown as typed
    for text in ("ประกาศรับสมัครงาน", "5 > 3 & 2", ""):
        assert plain_tooltip(text) == text                        # not HTML: left alone
