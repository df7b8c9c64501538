"""A date field that Thai offices can type: ``22/11/2569`` (Buddhist Era) or ``22 พ.ย. 2569``.

The stored value is a real :class:`datetime.date` (Common Era); only the text shows the BE year
when the language is Thai.  Empty text means "no date".  Alt+Down or F4 opens a calendar.
"""

from __future__ import annotations

import re
from datetime import date
from datetime import date as Date  # noqa: N812 - annotations inside classes with a date() method

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QWidget,
)

from desktop.domain.date_input import DateInputError, parse_user_date
from desktop.domain.errors import UserError
from desktop.domain.thai_dates import (
    BE_OFFSET,
    ENGLISH_MONTHS,
    THAI_MONTHS,
    THAI_MONTHS_SHORT,
    format_date,
    to_arabic_digits,
)
from desktop.ui.plain_text import plain_tooltip

_NUMERIC = re.compile(r"^\s*(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{2,4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_WORDS = re.compile(r"^\s*(\d{1,2})\s+(.+?)\s+(\d{2,4})\s*$")
_COMPACT = re.compile(r"^(\d{2})(\d{2})(\d{4})$")


def _month_number(word: str) -> int | None:
    key = word.strip().rstrip(".").lower()
    for names in (THAI_MONTHS, THAI_MONTHS_SHORT):
        for index, name in enumerate(names):
            if key == name.rstrip(".").lower():
                return index + 1
    for index, name in enumerate(ENGLISH_MONTHS):
        if len(key) >= 3 and name.lower().startswith(key):
            return index + 1
    return None


def _full_year(year: int, digits: int, lang: str) -> int:
    """A Common Era year: 4-digit years from 2400 on are BE; 2-digit years follow the language."""
    if digits <= 2:
        return year + 2500 - BE_OFFSET if lang == "th" else year + 2000
    return year - BE_OFFSET if year >= 2400 else year


def parse_date_text(text: str, lang: str = "th") -> date | None:
    """``"22/11/2569"``, ``"22/11/2026"``, ``"22 พ.ย. 2569"``, ``"2026-11-22"`` → a date.

    Empty text gives ``None``; anything else that is not a real date raises ``ValueError``.
    """
    value = to_arabic_digits(text).strip()
    if not value:
        return None
    if lang == "th":
        try:      # 05122569, 5/12/69, 5 ธ.ค. 69, 5 ธันวาคม 2569 (two-digit years are BE)
            return parse_user_date(value)
        except DateInputError as error:
            raise ValueError(error.text("th")) from None
    iso = _ISO.match(value)
    if iso:
        return date(int(iso[1]), int(iso[2]), int(iso[3]))
    numeric = _NUMERIC.match(value)
    if numeric:
        year = _full_year(int(numeric[3]), len(numeric[3]), lang)
        return date(year, int(numeric[2]), int(numeric[1]))
    words = _WORDS.match(value)
    if words:
        month = _month_number(words[2])
        if month is not None:
            return date(_full_year(int(words[3]), len(words[3]), lang), month, int(words[1]))
    compact = _COMPACT.match(value)
    if compact:
        return date(_full_year(int(compact[3]), 4, lang), int(compact[2]), int(compact[1]))
    raise ValueError(UserError("date_unreadable", value=text).text(lang))


def format_date_text(value: date | None, lang: str = "th") -> str:
    """The editable text: ``22/11/2569`` in Thai (BE), ``22/11/2026`` in English."""
    if value is None:
        return ""
    year = value.year + BE_OFFSET if lang == "th" else value.year
    return f"{value.day:02d}/{value.month:02d}/{year}"


class ThaiDateEdit(QWidget):
    """Line edit + calendar button.  ``date()`` is ``None`` when empty; invalid text is flagged."""

    date_edited = Signal(object)  # date | None, only when the user changed it
    problem_changed = Signal(str)  # why the typed text is not a date ("" once it is)

    def __init__(self, lang: str = "th", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._value: date | None = None
        self.edit = QLineEdit()
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaxLength(40)
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.open_calendar)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("วว/ดด/ปปปป") + 36)
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._tidy)
        self.edit.installEventFilter(self)
        self.calendar: QCalendarWidget | None = None
        self.set_lang(lang)

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.edit.setPlaceholderText("วว/ดด/ปปปป" if lang == "th" else "dd/mm/yyyy")
        self.edit.setText(format_date_text(self._value, lang))
        self._refresh_tip()

    # ----- value -----
    def date(self) -> date | None:
        """The date shown; raises ``ValueError`` when the text is not a date."""
        return parse_date_text(self.edit.text(), self.lang)

    def text(self) -> str:
        return self.edit.text()

    def setDate(self, value: Date | QDate | None) -> None:
        if isinstance(value, QDate):
            value = value.toPython() if value.isValid() else None  # type: ignore[assignment]
        self._value = value  # type: ignore[assignment]
        self.edit.setText(format_date_text(self._value, self.lang))
        self._refresh_tip()

    def clear(self) -> None:
        self.setDate(None)

    # ----- editing -----
    def problem(self) -> str:
        """Why the text is not a date, in the field's language ("" when it is one)."""
        try:
            self.date()
        except ValueError as error:
            return str(error) or UserError("date_unreadable", value=self.text()).text(self.lang)
        return ""

    def _typed(self, _text: str) -> None:
        try:
            value = self.date()
        except ValueError:
            self.setProperty("badDate", True)
            self._repolish()
            return
        if self.property("badDate"):
            self.problem_changed.emit("")
        self.setProperty("badDate", False)
        self._repolish()
        if value != self._value:
            self._value = value
            self._refresh_tip()
            self.date_edited.emit(value)

    def _tidy(self) -> None:
        problem = self.problem()
        if not problem:
            self.edit.setText(format_date_text(self._value, self.lang))
            self._refresh_tip()
            return
        tip = plain_tooltip(problem)        # it quotes what was typed: shown as typed
        self.edit.setToolTip(tip)           # a wrong date says why, where it was typed
        QToolTip.showText(self.edit.mapToGlobal(self.edit.rect().bottomLeft()), tip, self.edit)
        self.problem_changed.emit(problem)

    def _repolish(self) -> None:
        self.edit.setStyleSheet("border: 2px solid #dc2626;" if self.property("badDate") else "")

    def _refresh_tip(self) -> None:
        hint = "วัน/เดือน/ปี พ.ศ. เช่น 5/12/69, 05122569 หรือ 5 ธ.ค. 69 (Alt+↓ ปฏิทิน)" \
            if self.lang == "th" else \
            "day/month/year or 22 Nov 2026 (Alt+Down: calendar)"
        self.edit.setToolTip(format_date(self._value, self.lang) if self._value else hint)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = event.key() == Qt.Key.Key_Down and \
                event.modifiers() & Qt.KeyboardModifier.AltModifier
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)

    def open_calendar(self) -> None:
        """The calendar popup (one per field, kept and reused), on the shown date."""
        if self.calendar is None:
            calendar = QCalendarWidget(self)
            calendar.setWindowFlags(Qt.WindowType.Popup)
            calendar.setGridVisible(True)
            calendar.activated.connect(lambda d: self._picked(d, calendar))
            calendar.clicked.connect(lambda d: self._picked(d, calendar))
            calendar.currentPageChanged.connect(lambda year, _m: self._header(year))
            self.calendar = calendar
        calendar = self.calendar
        calendar.setLocale(QLocale(QLocale.Language.Thai if self.lang == "th"
                                   else QLocale.Language.English))
        shown = self._value or date.today()
        calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self._header(calendar.yearShown())
        calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        calendar.show()
        calendar.setFocus()

    def _header(self, year: int) -> None:
        """In Thai the header shows the Buddhist Era: ธันวาคม 2569."""
        if self.calendar is not None and self.lang == "th":
            _be_header(self.calendar, year)

    def _picked(self, value: QDate, calendar: QCalendarWidget) -> None:
        picked: date = value.toPython()  # type: ignore[assignment]
        calendar.hide()
        self.setDate(picked)
        self.setProperty("badDate", False)
        self._repolish()
        self.date_edited.emit(picked)
        self.edit.setFocus()


def _be_header(calendar: QCalendarWidget, year: int) -> None:
    button = calendar.findChild(QToolButton, "qt_calendar_yearbutton")
    if button is not None:
        button.setText(str(year + BE_OFFSET))
