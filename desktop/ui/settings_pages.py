"""The pages of settings the first-run wizard and the Settings dialog share.

Each page shows part of a :class:`Settings`, writes its fields back (:meth:`apply`) and marks
the fields a save refused, with the reason beside them (:meth:`show_problems`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.services.settings import Problem, Settings
from desktop.ui.holiday_lines import holiday_lines_text, read_holiday_lines
from desktop.ui.plain_text import PlainLabel, plain_tooltip

FILE_TYPES = ("pdf", "doc", "docx", "xls", "xlsx", "jpg", "png", "zip", "rar")
# A refused field gets a red ring drawn by a frame around it, not a border of its own: a
# spin box or combo box given a style-sheet border loses its native arrows, and a group of
# check boxes would put the border on every box.
_INVALID_RING = 'QFrame#fieldFrame[invalid="true"] { border: 1px solid #b91c1c; }'


def _spin(low: int, high: int, suffix: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setSuffix(suffix)
    return box


def _field_frame(widget: QWidget) -> QFrame:
    """``widget`` in a frame 1 px larger each way, where the red ring of a refusal goes."""
    frame = QFrame()
    frame.setObjectName("fieldFrame")
    frame.setSizePolicy(widget.sizePolicy())
    layout = QHBoxLayout(frame)
    layout.setContentsMargins(1, 1, 1, 1)
    layout.addWidget(widget)
    return frame


def mark_invalid(frame: QFrame, invalid: bool) -> None:
    """Ring the field in ``frame`` red (or not); the style sheet reads the property."""
    if bool(frame.property("invalid")) == invalid:
        return
    frame.setProperty("invalid", invalid)
    frame.style().unpolish(frame)
    frame.style().polish(frame)
    frame.update()


class SettingsPage(QWidget):
    """A form of some fields of :class:`Settings`, with a line for refusals at the bottom."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, QWidget] = {}
        self.frames: dict[str, QFrame] = {}
        self.setStyleSheet(_INVALID_RING)
        self.refusals = PlainLabel()
        self.refusals.setObjectName("refusals")
        self.refusals.setWordWrap(True)
        self.refusals.setStyleSheet("color: #b91c1c;")
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.refusals)

    def row(self, name: str, label: QLabel, widget: QWidget) -> None:
        self.fields[name] = widget
        self.frames[name] = _field_frame(widget)
        label.setBuddy(widget)
        self.form.addRow(label, self.frames[name])

    def load(self, settings: Settings) -> None:
        raise NotImplementedError

    def apply(self, settings: Settings) -> Settings:
        raise NotImplementedError

    def own_problems(self) -> list[Problem]:
        """What the page itself cannot read (a typed value :meth:`apply` had to leave out)."""
        return []

    def show_problems(self, problems: list[Problem]) -> list[Problem]:
        """Mark this page's refused fields; return the problems that were this page's."""
        mine = [p for p in problems if p.name in self.fields]
        for name, widget in self.fields.items():
            reasons = [p.text(self.lang) for p in mine if p.name == name]
            mark_invalid(self.frames[name], bool(reasons))
            widget.setToolTip(plain_tooltip("\n".join(reasons)))   # they quote typed values
        self.refusals.setText("\n".join(p.text(self.lang) for p in mine))
        return mine


class AgencyPage(SettingsPage):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(lang, parent)
        self.logo: bytes | None = None
        self.name_th, self.name_en = QLineEdit(), QLineEdit()
        self.name_th.setObjectName("agencyNameTh")
        self.logo_view = PlainLabel()
        self.logo_view.setFixedSize(72, 72)
        self.logo_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_view.setStyleSheet("border: 1px solid #cbd5e1; background: white;")
        self.logo_button = QPushButton()
        self.logo_button.clicked.connect(self._choose_logo)
        logo_row = QWidget()
        row = QHBoxLayout(logo_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.logo_view)
        row.addWidget(self.logo_button)
        row.addStretch(1)
        self.language, self.era = QComboBox(), QComboBox()
        self.language.addItem("ไทย", "th")
        self.language.addItem("English", "en")
        self.era.addItem("", "BE")
        self.era.addItem("", "CE")
        self.labels = [PlainLabel() for _ in range(5)]
        for name, label, widget in zip(("agency_name", "agency_name_en", "agency_logo",
                                        "language", "era"), self.labels,
                                       (self.name_th, self.name_en, logo_row, self.language,
                                        self.era), strict=True):
            self.row(name, label, widget)
        self.retranslate()

    def retranslate(self) -> None:
        for label, text in zip(self.labels, (self.tr("Agency name (Thai)"),
                                             self.tr("Agency name (English)"), self.tr("Logo"),
                                             self.tr("Language"), self.tr("Dates")), strict=True):
            label.setText(text)
        self.logo_button.setText(self.tr("Choose a PNG or JPEG…"))
        self.era.setItemText(0, self.tr("Buddhist Era (2569)"))
        self.era.setItemText(1, self.tr("Common Era (2026)"))
        self.name_th.setPlaceholderText(self.tr("e.g. สำนักงานสาธารณสุขอำเภอ…"))

    def _choose_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Logo"), "",
                                              self.tr("Images (*.png *.jpg *.jpeg)"))
        if name:
            data = Path(name).read_bytes()[: 4 * 1024 * 1024]
            self._show_logo(data)

    def _show_logo(self, data: bytes | None) -> None:
        self.logo = data
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.logo_view.setPixmap(pixmap.scaled(68, 68, Qt.AspectRatioMode.KeepAspectRatio,
                                                   Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo_view.clear()

    def load(self, settings: Settings) -> None:
        self.name_th.setText(settings.agency_name)
        self.name_en.setText(settings.agency_name_en)
        self._show_logo(settings.agency_logo)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.era.setCurrentIndex(max(0, self.era.findData(settings.era)))

    def apply(self, settings: Settings) -> Settings:
        return replace(settings, agency_name=self.name_th.text(),
                       agency_name_en=self.name_en.text(), agency_logo=self.logo,
                       language=str(self.language.currentData()),
                       era=str(self.era.currentData()))


class FilesPage(SettingsPage):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(lang, parent)
        self.max_file, self.max_request = _spin(0, 100_000, " MB"), _spin(0, 100_000, " MB")
        self.max_files = _spin(0, 999)
        self.max_files.setObjectName("maxFiles")
        self.kinds = {kind: QCheckBox(kind.upper()) for kind in FILE_TYPES}
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, box in enumerate(self.kinds.values()):
            grid.addWidget(box, index // 5, index % 5)
        self.labels = [PlainLabel() for _ in range(4)]
        for name, label, widget in zip(("max_file_mb", "max_request_mb", "max_files",
                                        "allowed_kinds"), self.labels,
                                       (self.max_file, self.max_request, self.max_files,
                                        grid_widget), strict=True):
            self.row(name, label, widget)
        self.retranslate()

    def retranslate(self) -> None:
        for label, text in zip(self.labels, (
                self.tr("Largest file"), self.tr("All files of one request"),
                self.tr("Files per request (at most 50)"),
                self.tr("Allowed types (checked by content)")), strict=True):
            label.setText(text)

    def load(self, settings: Settings) -> None:
        self.max_file.setValue(settings.max_file_mb)
        self.max_request.setValue(settings.max_request_mb)
        self.max_files.setValue(settings.max_files)
        kinds = {"jpg" if k == "jpeg" else k for k in settings.allowed_kinds}
        for kind, box in self.kinds.items():
            box.setChecked(kind in kinds)

    def apply(self, settings: Settings) -> Settings:
        return replace(settings, max_file_mb=self.max_file.value(),
                       max_request_mb=self.max_request.value(),
                       max_files=self.max_files.value(),
                       allowed_kinds=tuple(k for k, box in self.kinds.items()
                                           if box.isChecked()))


class TimePage(SettingsPage):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(lang, parent)
        self.publish_within, self.step = _spin(0, 99), _spin(0, 99)
        for box in (self.publish_within, self.step):
            box.valueChanged.connect(self._name_days)
        self.holidays = QPlainTextEdit()
        self.holidays.setObjectName("holidays")
        self.holidays.setMaximumHeight(140)
        self.labels = [PlainLabel() for _ in range(3)]
        for name, label, widget in zip(("publish_within_days", "step_days", "holidays"),
                                       self.labels,
                                       (self.publish_within, self.step, self.holidays),
                                       strict=True):
            self.row(name, label, widget)
        self.retranslate()

    def retranslate(self) -> None:
        self._name_days()
        for label, text in zip(self.labels, (
                self.tr("Publish within (from receipt)"), self.tr("Each step within"),
                self.tr("Holidays (one a line, day/month/year)")), strict=True):
            label.setText(text)
        self.holidays.setPlaceholderText(self.tr("e.g. 13/04/2026"))

    def _name_days(self) -> None:
        """" working day" after 1, " working days" after any other number (one word in Thai)."""
        for box in (self.publish_within, self.step):
            box.setSuffix(self.tr(" working day") if box.value() == 1
                          else self.tr(" working days"))

    def load(self, settings: Settings) -> None:
        self.publish_within.setValue(settings.publish_within_days)
        self.step.setValue(settings.step_days)
        self.holidays.setPlainText(holiday_lines_text(settings.holidays, self.lang))

    def apply(self, settings: Settings) -> Settings:
        """The holidays that are dates (ISO); the lines that are not are :meth:`own_problems`."""
        return replace(settings, publish_within_days=self.publish_within.value(),
                       step_days=self.step.value(),
                       holidays=read_holiday_lines(self.holidays.toPlainText()).dates)

    def own_problems(self) -> list[Problem]:
        return list(read_holiday_lines(self.holidays.toPlainText()).problems)


class ThisPcPage(SettingsPage):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(lang, parent)
        self.shared_pc, self.lock_after = QCheckBox(), QCheckBox()
        self.idle = _spin(0, 999)
        self.idle.valueChanged.connect(self._name_minutes)
        self.cache_on, self.cache_mb = QCheckBox(), _spin(0, 1_000_000, " MB")
        self.fast_path, self.daily_backup = QCheckBox(), QCheckBox()
        self.keep = _spin(0, 9999)
        self.labels = [PlainLabel() for _ in range(7)]
        for name, label, widget in zip(
                ("shared_pc", "idle_minutes", "lock_after_decision", "render_cache_mb",
                 "fast_path", "daily_backup", "backup_keep"), self.labels,
                (self.shared_pc, self.idle, self.lock_after, self._pair(), self.fast_path,
                 self.daily_backup, self.keep), strict=True):
            self.row(name, label, widget)
        self.retranslate()

    def _pair(self) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.cache_on)
        row.addWidget(self.cache_mb)
        row.addStretch(1)
        return holder

    def retranslate(self) -> None:
        self._name_minutes()
        for box, text in ((self.shared_pc, self.tr("several people use this PC")),
                          (self.lock_after, self.tr("after each sign-off")),
                          (self.cache_on, self.tr("on, at most")),
                          (self.fast_path, self.tr("on (switched off by itself if its check "
                                                   "fails)")),
                          (self.daily_backup, self.tr("once a day, when the app starts"))):
            box.setText(text)
        for label, text in zip(self.labels, (
                self.tr("Shared PC"), self.tr("Lock when idle for"), self.tr("Lock the screen"),
                self.tr("Preview cache"), self.tr("Fast SFTP sending"),
                self.tr("Automatic backup"), self.tr("Backups kept")), strict=True):
            label.setText(text)

    def _name_minutes(self) -> None:
        self.idle.setSuffix(self.tr(" minute") if self.idle.value() == 1
                            else self.tr(" minutes"))

    def load(self, settings: Settings) -> None:
        self.shared_pc.setChecked(settings.shared_pc)
        self.idle.setValue(settings.idle_minutes)
        self.lock_after.setChecked(settings.lock_after_decision)
        self.cache_on.setChecked(settings.render_cache)
        self.cache_mb.setValue(settings.render_cache_mb)
        self.fast_path.setChecked(settings.fast_path)
        self.daily_backup.setChecked(settings.daily_backup)
        self.keep.setValue(settings.backup_keep)

    def apply(self, settings: Settings) -> Settings:
        return replace(settings, shared_pc=self.shared_pc.isChecked(),
                       idle_minutes=self.idle.value(),
                       lock_after_decision=self.lock_after.isChecked(),
                       render_cache=self.cache_on.isChecked(),
                       render_cache_mb=self.cache_mb.value(),
                       fast_path=self.fast_path.isChecked(),
                       daily_backup=self.daily_backup.isChecked(), backup_keep=self.keep.value())


class MailPage(SettingsPage):
    """E-mail to information owners, the notice's contact line, and report defaults."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(lang, parent)
        self.host, self.user = QLineEdit(), QLineEdit()
        self.sender_address, self.sender_name = QLineEdit(), QLineEdit()
        self.port = _spin(0, 99999)
        self.security, self.period = QComboBox(), QComboBox()
        for value in ("starttls", "tls", "none"):
            self.security.addItem(value.upper(), value)
        for value in ("month", "quarter", "fiscal_year"):
            self.period.addItem("", value)
        self.contact = QPlainTextEdit()
        self.contact.setMaximumHeight(80)
        self.labels = [PlainLabel() for _ in range(8)]
        for name, label, widget in zip(
                ("smtp_host", "smtp_port", "smtp_security", "smtp_username", "smtp_from",
                 "smtp_from_name", "webmaster_contact", "report_period"), self.labels,
                (self.host, self.port, self.security, self.user, self.sender_address,
                 self.sender_name, self.contact, self.period), strict=True):
            self.row(name, label, widget)
        self.retranslate()

    def retranslate(self) -> None:
        for index, text in enumerate((self.tr("Month"), self.tr("Quarter"),
                                      self.tr("Fiscal year (from October)"))):
            self.period.setItemText(index, text)
        for label, text in zip(self.labels, (
                self.tr("Mail server (SMTP)"), self.tr("Port"), self.tr("Encryption"),
                self.tr("Login"), self.tr("Sender address"), self.tr("Sender name"),
                self.tr("Contact line of notices"), self.tr("Reports cover by default")),
                strict=True):
            label.setText(text)

    def load(self, settings: Settings) -> None:
        self.host.setText(settings.smtp_host)
        self.port.setValue(settings.smtp_port)
        self.security.setCurrentIndex(max(0, self.security.findData(settings.smtp_security)))
        self.user.setText(settings.smtp_username)
        self.sender_address.setText(settings.smtp_from)
        self.sender_name.setText(settings.smtp_from_name)
        self.contact.setPlainText(settings.webmaster_contact)
        self.period.setCurrentIndex(max(0, self.period.findData(settings.report_period)))

    def apply(self, settings: Settings) -> Settings:
        return replace(settings, smtp_host=self.host.text().strip(),
                       smtp_port=self.port.value(),
                       smtp_security=str(self.security.currentData()),
                       smtp_username=self.user.text(),
                       smtp_from=self.sender_address.text(),
                       smtp_from_name=self.sender_name.text(),
                       webmaster_contact=self.contact.toPlainText(),
                       report_period=str(self.period.currentData()))
