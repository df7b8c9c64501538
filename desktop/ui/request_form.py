"""The fields of a publication request (the official form + seed 002 §2.3), as one widget.

Labels carry mnemonics and buddies; required fields (base + the category's) are marked with
``*`` and a tint; fields named by a failed validation are highlighted.  Dates are
:class:`ThaiDateEdit` (BE years in Thai, real dates underneath).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from datetime import date as Date  # noqa: N812 - annotations inside classes with a date() method

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop.domain.categories import CategoryCatalogue
from desktop.domain.errors import UserError
from desktop.domain.request import BASE_REQUIRED, Channel, PublicationRequest, Requester
from desktop.ui.plain_text import PlainLabel
from desktop.ui.request_dates import ThaiDateEdit

FieldWidget = QLineEdit | QPlainTextEdit | QComboBox | ThaiDateEdit

_DATE_FIELDS = ("period_start", "period_end", "publish_date", "expiry_date", "received_at")


def _text_box(lines: int, grow: bool = False) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    height = box.fontMetrics().lineSpacing() * lines + 14
    if grow:
        box.setMinimumHeight(height)
    else:
        box.setFixedHeight(height)
    return box


class RequestForm(QWidget):
    """Every field of a request; ``to_request()`` builds the domain object."""

    changed = Signal()
    required_changed = Signal(object)  # tuple[str, ...] of field names

    def __init__(self, catalogue: CategoryCatalogue, lang: str, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.lang = lang
        self.today = today
        self._loading = False
        self._expiry_auto = True
        self._received_time: time | None = None
        self.widgets: dict[str, FieldWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self._label_text: dict[str, str] = {}
        self._build()
        self._fill_categories()
        self.update_required()

    # ----- building -----
    def _texts(self) -> dict[str, str]:
        return {
            "title": self.tr("&Title"),
            "summary": self.tr("&Summary"),
            "body": self.tr("Bod&y"),
            "category": self.tr("&Category"),
            "subcategory": self.tr("Sub-cate&gory"),
            "source_owner": self.tr("S&ource / data owner"),
            "period_start": self.tr("Information &period from"),
            "period_end": self.tr("to"),
            "publish_date": self.tr("Publis&h date"),
            "expiry_date": self.tr("E&xpiry (takedown) date"),
            "external_link": self.tr("External lin&k"),
            "remarks": self.tr("&Remarks"),
            "requester.unit": self.tr("Requesting &unit"),
            "requester.name": self.tr("Requester n&ame"),
            "requester.position": self.tr("Pos&ition"),
            "requester.phone": self.tr("Phon&e"),
            "requester.email": self.tr("E-mai&l"),
            "received_at": self.tr("Date recei&ved"),
            "channel": self.tr("Cha&nnel"),
            "letter_number": self.tr("Letter num&ber"),
        }

    def _build(self) -> None:
        w = self.widgets
        title = QLineEdit()
        title.setMaxLength(500)
        w["title"] = title
        w["summary"] = _text_box(3)
        w["body"] = _text_box(4, grow=True)
        w["category"] = QComboBox()
        w["subcategory"] = QComboBox()
        w["source_owner"] = QLineEdit()
        for name in _DATE_FIELDS:
            w[name] = ThaiDateEdit(self.lang)
        link = QLineEdit()
        link.setPlaceholderText("https://")
        w["external_link"] = link
        w["remarks"] = _text_box(2)
        for name in ("requester.unit", "requester.name", "requester.position",
                     "requester.phone", "requester.email", "letter_number"):
            w[name] = QLineEdit()
        w["channel"] = QComboBox()
        for name, widget in w.items():
            widget.setObjectName("field_" + name.replace(".", "_"))
        texts = self._texts()
        for name in w:
            label = PlainLabel(texts[name])
            label.setBuddy(w[name])
            label.setObjectName("label_" + name.replace(".", "_"))
            self.labels[name] = label
            self._label_text[name] = texts[name]

        self.content_box = QGroupBox(self.tr("Content"))
        content = QFormLayout(self.content_box)
        content.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in ("title", "summary", "body", "category", "subcategory", "source_owner"):
            content.addRow(self.labels[name], w[name])
        period = QHBoxLayout()
        period.addWidget(w["period_start"], 1)
        period.addWidget(self.labels["period_end"])
        period.addWidget(w["period_end"], 1)
        content.addRow(self.labels["period_start"], period)
        content.addRow(self.labels["publish_date"], w["publish_date"])
        content.addRow(self.labels["expiry_date"], w["expiry_date"])
        for name in ("external_link", "remarks"):
            content.addRow(self.labels[name], w[name])

        self.requester_box = QGroupBox(self.tr("Requester and receipt"))
        people = QFormLayout(self.requester_box)
        people.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in ("requester.unit", "requester.name", "requester.position"):
            people.addRow(self.labels[name], w[name])
        contact = QHBoxLayout()
        contact.addWidget(w["requester.phone"], 2)
        contact.addWidget(self.labels["requester.email"])
        contact.addWidget(w["requester.email"], 3)
        people.addRow(self.labels["requester.phone"], contact)
        people.addRow(self.labels["received_at"], w["received_at"])
        channel = QHBoxLayout()
        channel.addWidget(w["channel"], 2)
        channel.addWidget(self.labels["letter_number"])
        channel.addWidget(w["letter_number"], 3)
        people.addRow(self.labels["channel"], channel)

        self.channel_combo.addItem(self.tr("Official letter"), Channel.LETTER.value)
        self.channel_combo.addItem(self.tr("E-mail"), Channel.EMAIL.value)
        self.channel_combo.addItem(self.tr("Other"), Channel.OTHER.value)
        self.channel_combo.currentIndexChanged.connect(self._channel_changed)
        self.category_combo.currentIndexChanged.connect(self._category_changed)
        self.subcategory_combo.currentIndexChanged.connect(self._subcategory_changed)
        self.date("publish_date").date_edited.connect(lambda _d: self._default_expiry())
        self.date("expiry_date").date_edited.connect(self._expiry_edited)
        for widget in w.values():
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(self._edited)
            elif isinstance(widget, QPlainTextEdit):
                widget.textChanged.connect(self._edited)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self._edited)
            else:
                widget.date_edited.connect(self._edited)

    def tab_chain(self) -> list[QWidget]:
        """The fields in the order Tab visits them (content first, then the requester)."""
        order = ["title", "summary", "body", "category", "subcategory", "source_owner",
                 "period_start", "period_end", "publish_date", "expiry_date", "external_link",
                 "remarks", "requester.unit", "requester.name", "requester.position",
                 "requester.phone", "requester.email", "received_at", "channel",
                 "letter_number"]
        chain: list[QWidget] = []
        for name in order:
            widget = self.widgets[name]
            chain.append(widget.edit if isinstance(widget, ThaiDateEdit) else widget)
        return chain

    @property
    def category_combo(self) -> QComboBox:
        return self.widgets["category"]  # type: ignore[return-value]

    @property
    def subcategory_combo(self) -> QComboBox:
        return self.widgets["subcategory"]  # type: ignore[return-value]

    @property
    def channel_combo(self) -> QComboBox:
        return self.widgets["channel"]  # type: ignore[return-value]

    def line(self, name: str) -> QLineEdit:
        widget = self.widgets[name]
        assert isinstance(widget, QLineEdit)
        return widget

    def text_box(self, name: str) -> QPlainTextEdit:
        widget = self.widgets[name]
        assert isinstance(widget, QPlainTextEdit)
        return widget

    def date(self, name: str) -> ThaiDateEdit:
        widget = self.widgets[name]
        assert isinstance(widget, ThaiDateEdit)
        return widget

    # ----- categories, required fields, expiry default -----
    def _fill_categories(self) -> None:
        combo = self.category_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("— choose —"), "")
        for category in self.catalogue.categories:
            combo.addItem(category.name(self.lang), category.code)
        combo.blockSignals(False)
        self._fill_subcategories()

    def _fill_subcategories(self) -> None:
        combo = self.subcategory_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("—", "")
        category = self.catalogue.get(self.category_combo.currentData() or "")
        for child in category.children if category else ():
            combo.addItem(child.name(self.lang), child.code)
        combo.setEnabled(combo.count() > 1)
        combo.blockSignals(False)

    def _category_changed(self, _index: int) -> None:
        self._fill_subcategories()
        self.update_required()
        self._default_expiry()

    def _subcategory_changed(self, _index: int) -> None:
        self.update_required()
        self._default_expiry()

    def _channel_changed(self, _index: int) -> None:
        is_letter = self.channel_combo.currentData() == Channel.LETTER.value
        self.widgets["letter_number"].setEnabled(is_letter)

    def _expiry_edited(self, value: Date | None) -> None:
        self._expiry_auto = value is None
        if value is None:
            self._default_expiry()

    def _default_expiry(self) -> None:
        """Fill the takedown date from the category's ``expiry_days`` unless the user set one."""
        if self._loading or not self._expiry_auto:
            return
        days = self.catalogue.default_expiry_days(self.category_combo.currentData() or "",
                                                  self.subcategory_combo.currentData() or "")
        try:
            base = self.date("publish_date").date() or self.today
        except ValueError:
            base = self.today
        self.date("expiry_date").setDate(base + timedelta(days=days) if days else None)

    def required_fields(self) -> tuple[str, ...]:
        extra = self.catalogue.required_fields(self.category_combo.currentData() or "",
                                               self.subcategory_combo.currentData() or "")
        names = [*BASE_REQUIRED, *(n for n in extra if n not in BASE_REQUIRED)]
        if "letter_number" in names and self.channel_combo.currentData() != Channel.LETTER:
            names.remove("letter_number")
        return tuple(names)

    def update_required(self) -> None:
        required = set(self.required_fields())
        for name, label in self.labels.items():
            is_required = name in required
            label.setText(self._label_text[name] + (" *" if is_required else ""))
            label.setProperty("required", is_required)
            label.setStyleSheet("color: #1e40af; font-weight: 600;" if is_required else "")
        self.required_changed.emit(tuple(self.required_fields()))

    # ----- highlighting what validation named -----
    def highlight(self, names: list[str]) -> None:
        self.clear_highlight()
        first: QWidget | None = None
        for name in names:
            widget = self.widgets.get(name)
            label = self.labels.get(name)
            if widget is None or label is None:
                continue
            target = widget.edit if isinstance(widget, ThaiDateEdit) else widget
            target.setProperty("missing", True)
            target.setStyleSheet("border: 2px solid #dc2626; background: #fef2f2;")
            label.setProperty("missing", True)
            label.setStyleSheet("color: #b91c1c; font-weight: 700;")
            first = first or target
        if first is not None:
            first.setFocus()

    def clear_highlight(self) -> None:
        for name, widget in self.widgets.items():
            target = widget.edit if isinstance(widget, ThaiDateEdit) else widget
            if target.property("missing"):
                target.setProperty("missing", False)
                target.setStyleSheet("")
            self.labels[name].setProperty("missing", False)
        self.update_required()

    def highlighted(self) -> list[str]:
        return [n for n, w in self.widgets.items()
                if (w.edit if isinstance(w, ThaiDateEdit) else w).property("missing")]

    def _edited(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    # ----- values -----
    def start_new(self, received: datetime) -> None:
        """A new request received now: today's date and time, the default channel."""
        self.date("received_at").setDate(received.date())
        self._received_time = received.time().replace(microsecond=0)
        self._channel_changed(0)

    def load(self, request: PublicationRequest) -> None:
        self._loading = True
        try:
            for name in ("title", "source_owner", "external_link", "letter_number"):
                self.line(name).setText(getattr(request, name))
                self.line(name).setCursorPosition(0)     # a long title shows its beginning
            for name in ("summary", "body", "remarks"):
                self.text_box(name).setPlainText(getattr(request, name))
            for name in ("unit", "name", "position", "phone", "email"):
                self.line(f"requester.{name}").setText(getattr(request.requester, name))
                self.line(f"requester.{name}").setCursorPosition(0)
            self.category_combo.setCurrentIndex(max(self.category_combo.findData(
                request.category), 0))
            self._fill_subcategories()
            self.subcategory_combo.setCurrentIndex(max(self.subcategory_combo.findData(
                request.subcategory), 0))
            for name in ("period_start", "period_end", "publish_date", "expiry_date"):
                self.date(name).setDate(getattr(request, name))
            received = request.received_at
            self.date("received_at").setDate(received.date() if received else None)
            self._received_time = received.time() if received else None
            self.channel_combo.setCurrentIndex(max(self.channel_combo.findData(
                Channel(request.channel).value), 0))
            self._expiry_auto = request.expiry_date is None
        finally:
            self._loading = False
        self._channel_changed(0)
        self.update_required()

    def _date_value(self, name: str) -> Date | None:
        widget = self.date(name)
        try:
            return widget.date()
        except ValueError:
            self.highlight([name])
            raise UserError("bad_date", value=widget.text()) from None

    def to_request(self, base: PublicationRequest | None = None) -> PublicationRequest:
        """The request as typed (raises ``bad_date`` naming a date that is not a date)."""
        received_day = self._date_value("received_at")
        received = datetime.combine(received_day, self._received_time or time(9, 0)) \
            if received_day else None
        values = dict(
            title=self.line("title").text().strip(),
            summary=self.text_box("summary").toPlainText().strip(),
            body=self.text_box("body").toPlainText().strip(),
            category=self.category_combo.currentData() or "",
            subcategory=self.subcategory_combo.currentData() or "",
            source_owner=self.line("source_owner").text().strip(),
            period_start=self._date_value("period_start"),
            period_end=self._date_value("period_end"),
            publish_date=self._date_value("publish_date"),
            expiry_date=self._date_value("expiry_date"),
            external_link=self.line("external_link").text().strip(),
            remarks=self.text_box("remarks").toPlainText().strip(),
            requester=Requester(
                name=self.line("requester.name").text().strip(),
                position=self.line("requester.position").text().strip(),
                unit=self.line("requester.unit").text().strip(),
                phone=self.line("requester.phone").text().strip(),
                email=self.line("requester.email").text().strip()),
            received_at=received,
            channel=Channel(self.channel_combo.currentData() or Channel.LETTER.value),
            letter_number=self.line("letter_number").text().strip(),
        )
        return (base or PublicationRequest()).with_changes(**values)
