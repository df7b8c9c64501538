"""The settings pages on their own (pytest-qt, no database): how a refused field looks and
what the fields say."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QSpinBox, QStyle, QStyleOptionSpinBox
from pytestqt.qtbot import QtBot

from desktop.services.settings import Problem, Settings
from desktop.ui.i18n import install_translator
from desktop.ui.settings_pages import FilesPage, ThisPcPage, TimePage

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


def test_one_working_day_and_one_minute_are_singular_in_english(qtbot: QtBot) -> None:
    times, this_pc = TimePage("en"), ThisPcPage("en")
    qtbot.addWidget(times)
    qtbot.addWidget(this_pc)
    times.show()
    times.publish_within.setValue(3)
    times.step.setValue(1)
    assert times.publish_within.text() == "3 working days"
    assert times.step.text() == "1 working day"
    times.step.lineEdit().selectAll()                  # typed, digit by digit: 1, then 12
    qtbot.keyClicks(times.step, "12")
    assert times.step.value() == 12 and times.step.text() == "12 working days"
    qtbot.keyClick(times.step, Qt.Key.Key_Backspace)    # back to 1
    assert times.step.text() == "1 working day"
    this_pc.idle.setValue(1)
    assert this_pc.idle.text() == "1 minute"
    this_pc.idle.setValue(0)
    assert this_pc.idle.text() == "0 minutes"


def test_thai_days_and_minutes_have_one_form(qtbot: QtBot) -> None:
    install_translator("th")
    try:
        times, this_pc = TimePage("th"), ThisPcPage("th")
        qtbot.addWidget(times)
        qtbot.addWidget(this_pc)
        for value in (1, 3):
            times.step.setValue(value)
            this_pc.idle.setValue(value)
            assert times.step.text() == f"{value} วันทำการ"
            assert this_pc.idle.text() == f"{value} นาที"
    finally:
        install_translator("en")


def test_holidays_show_and_read_as_day_month_year(qtbot: QtBot) -> None:
    stored = Settings(holidays=("2026-04-13", "2026-05-01"))
    english = TimePage("en")
    qtbot.addWidget(english)
    english.load(stored)
    assert english.holidays.toPlainText() == "13/04/2026\n01/05/2026"
    thai = TimePage("th")
    qtbot.addWidget(thai)
    thai.load(stored)
    assert thai.holidays.toPlainText() == "13/04/2569\n01/05/2569"     # Buddhist Era
    thai.holidays.setPlainText("13/04/2569\n 2026-05-01 \n\n๕/๑๒/๒๕๖๙\n14 เม.ย. 69")
    assert thai.own_problems() == []
    assert thai.apply(Settings()).holidays == ("2026-04-13", "2026-05-01", "2026-12-05",
                                               "2026-04-14")            # stored as before


def test_a_holiday_that_is_not_a_date_names_its_line(qtbot: QtBot) -> None:
    page = TimePage("th")
    qtbot.addWidget(page)
    page.holidays.setPlainText("13/04/2569\nวันสงกรานต์\n31/02/2569\n1/1/2469")
    problems = page.own_problems()
    assert [p.name for p in problems] == ["holidays"] * 3
    thai = [p.text("th") for p in problems]
    assert thai[0].startswith("วันหยุด: บรรทัดที่ 2: ") and "วันสงกรานต์" in thai[0]
    assert thai[1] == "วันหยุด: บรรทัดที่ 3: ไม่มีวันที่ 31 ในเดือนกุมภาพันธ์ 2569"
    assert thai[2] == "วันหยุด: บรรทัดที่ 4 “1/1/2469”: ปีต้องอยู่ระหว่าง พ.ศ. 2543 ถึง 2643"
    english = [p.text("en") for p in problems]
    assert english[0].startswith("Holidays: line 2: Cannot read the date “วันสงกรานต์”")
    assert english[2] == "Holidays: line 4, “1/1/2469”: the year must be from 2000 to 2100"
    assert page.apply(Settings()).holidays == ("2026-04-13",)  # the refusal stops the save
