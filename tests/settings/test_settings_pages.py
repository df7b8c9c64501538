"""The settings pages on their own (pytest-qt, no database): how a refused field looks and
what the fields say."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QSpinBox, QStyle, QStyleOptionSpinBox
from pytestqt.qtbot import QtBot

from desktop.services.settings import Problem, Settings
from desktop.ui.settings_pages import FilesPage

RED = QColor("#b91c1c")


def _arrows(box: QSpinBox) -> QImage:
    """The picture of the spin box's up and down buttons."""
    option = QStyleOptionSpinBox()
    option.initFrom(box)
    option.subControls = (QStyle.SubControl.SC_SpinBoxUp
                          | QStyle.SubControl.SC_SpinBoxDown)
    up = box.style().subControlRect(QStyle.ComplexControl.CC_SpinBox, option,
                                    QStyle.SubControl.SC_SpinBoxUp, box)
    down = box.style().subControlRect(QStyle.ComplexControl.CC_SpinBox, option,
                                      QStyle.SubControl.SC_SpinBoxDown, box)
    both = up.united(down)
    assert both.width() > 4 and both.height() > 4
    return box.grab(QRect(both.x(), both.y(), both.width(), both.height())).toImage()


def test_a_refused_number_is_ringed_red_and_keeps_its_arrows(qtbot: QtBot) -> None:
    page = FilesPage("en")
    qtbot.addWidget(page)
    page.load(Settings())
    page.resize(700, 300)
    page.show()
    qtbot.waitExposed(page)
    refused, fine = page.max_files, page.max_request
    refused.setValue(60)
    page.show_problems([Problem("max_files", "set_files_cap", {"cap": 50}),
                        Problem("allowed_kinds", "set_no_types", {})])
    assert refused.width() == fine.width()
    assert _arrows(refused) == _arrows(fine)           # the native arrows, not a blank box
    ring = refused.parentWidget().grab().toImage()
    assert ring.pixelColor(ring.width() // 2, 0) == RED
    assert "at most 50" in refused.toolTip()
    box = page.kinds["pdf"]                             # one ring round the group, none per box
    assert box.grab().toImage().pixelColor(box.width() // 2, 0) != RED

    page.show_problems([])                              # corrected: the ring goes
    ring = refused.parentWidget().grab().toImage()
    assert ring.pixelColor(ring.width() // 2, 0) != RED
    assert refused.toolTip() == ""
