"""pytest-qt: dates typed as Thai offices write them; a wrong date says why; BE calendar."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QToolButton

from desktop.ui.request_dates import ThaiDateEdit


def test_typed_thai_dates_are_read(qtbot) -> None:  # noqa: ANN001
    field = ThaiDateEdit("th")
    qtbot.addWidget(field)
    for typed in ("05122569", "5/12/69", "5 ธ.ค. 69", "5 ธันวาคม 2569", "๕/๑๒/๒๕๖๙"):
        field.edit.setText(typed)
        assert field.date() == date(2026, 12, 5), typed
        assert field.problem() == ""


def typed_and_left(qtbot, text: str) -> tuple[ThaiDateEdit, list[str]]:  # noqa: ANN001
    """A Thai date field with ``text`` typed in (ASCII: keyClicks types no other) and left;
    the problems it reported."""
    field = ThaiDateEdit("th")
    qtbot.addWidget(field)
    field.show()
    problems: list[str] = []
    field.problem_changed.connect(problems.append)
    qtbot.keyClicks(field.edit, text)
    field.edit.editingFinished.emit()
    return field, problems


def test_a_wrong_date_says_why(qtbot) -> None:  # noqa: ANN001
    field, problems = typed_and_left(qtbot, "31/02/69")
    assert problems and "31" in problems[-1] and "กุมภาพันธ์" in problems[-1]
    assert field.edit.toolTip() == problems[-1]
    field.edit.clear()
    qtbot.keyClicks(field.edit, "32/13/69")
    assert "เดือน" in field.problem() or "อ่านวันที่" in field.problem()


def test_a_wrong_date_that_looks_like_html_is_quoted_as_typed(qtbot) -> None:  # noqa: ANN001
    """The tooltip quotes what was typed; Qt would take ``<b>...</b>`` for HTML."""
    field, problems = typed_and_left(qtbot, "<b>5/13</b>")
    assert problems and "<b>5/13</b>" in problems[-1]
    assert "&lt;b&gt;5/13&lt;/b&gt;" in field.edit.toolTip()      # spelled out, not bold


def test_the_calendar_header_shows_the_buddhist_era(qtbot) -> None:  # noqa: ANN001
    field = ThaiDateEdit("th")
    qtbot.addWidget(field)
    field.setDate(date(2026, 12, 5))
    field.show()
    field.open_calendar()
    calendar = field.calendar
    assert calendar is not None
    year = calendar.findChild(QToolButton, "qt_calendar_yearbutton")
    assert year.text() == "2569"
    calendar.showNextMonth()
    assert year.text() == "2570"
    calendar.hide()
