"""The dashboard tab (issue 13 item 5): the period's figures as tiles and small painted bar
charts, the most viewed pages, empty categories and comments; buttons that write the
workbook, the monitoring report and the one-page summary, and that import access logs and
satisfaction surveys.  Every database job runs on the task runner, never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.domain.report_period import ReportPeriod
from desktop.domain.users import User
from desktop.services.context import AppContext
from desktop.services.report_dashboard import (
    DashboardFigures,
    Series,
    dashboard_figures,
    period_choices,
)
from desktop.ui.errors import show_bug, show_user_error
from desktop.ui.plain_text import PlainLabel
from desktop.ui.tasks import TaskFailure, task_runner

COLOURS = (QColor(31, 78, 121), QColor(192, 80, 77), QColor(155, 187, 89))


class BarChart(QWidget):
    """Bars painted with QPainter (vertical; horizontal when the series has a maximum)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series: Series | None = None
        self.setMinimumSize(260, 190)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_series(self, series: Series) -> None:
        self.series = series
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        series = self.series
        if series is None:
            return
        title = QFont(self.font())
        title.setBold(True)
        painter.setFont(title)
        painter.drawText(QRectF(0, 2, self.width(), 22), Qt.AlignmentFlag.AlignCenter,
                         series.title)
        painter.setFont(self.font())
        area = QRectF(8, 28, self.width() - 16, self.height() - 60)
        if not series.labels:
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.tr("No data yet"))
            return
        peak = series.maximum or max((v for s in series.values for v in s), default=0) or 1
        if series.maximum:
            self._horizontal(painter, series, area, peak)
        else:
            self._vertical(painter, series, area, peak)
        x = 8.0
        for index, name in enumerate(series.names):
            painter.fillRect(QRectF(x, self.height() - 18, 10, 10), COLOURS[index % 3])
            painter.drawText(QRectF(x + 14, self.height() - 22, 120, 18),
                             Qt.AlignmentFlag.AlignLeft, name)
            x += 24 + painter.fontMetrics().horizontalAdvance(name)

    def _vertical(self, painter: QPainter, series: Series, area: QRectF, peak: float) -> None:
        groups = len(series.labels)
        slot = area.width() / groups
        bar = slot * 0.7 / max(len(series.values), 1)
        base = area.bottom() - 18
        painter.drawLine(int(area.left()), int(base), int(area.right()), int(base))
        for g, label in enumerate(series.labels):
            for s, values in enumerate(series.values):
                value = values[g] if g < len(values) else 0
                height = (base - area.top() - 14) * value / peak
                rect = QRectF(area.left() + g * slot + slot * 0.15 + s * bar, base - height,
                              bar * 0.9, height)
                painter.fillRect(rect, COLOURS[s % 3])
                painter.drawText(QRectF(rect.left() - 10, rect.top() - 15, rect.width() + 20,
                                        14), Qt.AlignmentFlag.AlignCenter, f"{value:,.0f}")
            painter.drawText(QRectF(area.left() + g * slot, base + 2, slot, 16),
                             Qt.AlignmentFlag.AlignCenter, label)

    def _horizontal(self, painter: QPainter, series: Series, area: QRectF, peak: float
                    ) -> None:
        rows = len(series.labels)
        slot = min(area.height() / rows, 26)
        label_w = area.width() * 0.45
        for r, label in enumerate(series.labels):
            value = series.values[0][r] if r < len(series.values[0]) else 0
            y = area.top() + r * slot
            text = painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight,
                                                    int(label_w - 6))
            painter.drawText(QRectF(area.left(), y, label_w - 6, slot),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
            width = (area.width() - label_w - 40) * value / peak
            painter.fillRect(QRectF(area.left() + label_w, y + slot * 0.2, width, slot * 0.6),
                             COLOURS[0])
            painter.drawText(QRectF(area.left() + label_w + width + 4, y, 40, slot),
                             Qt.AlignmentFlag.AlignVCenter, f"{value:.2f}")


class DashboardTab(QWidget):
    figures_loaded = Signal(object)      # DashboardFigures
    report_written = Signal(object)      # WrittenReport
    imported = Signal(object)            # ImportResult / SurveyImportResult
    survey_preview_ready = Signal(object)  # SurveyMappingDialog, shown

    def __init__(self, ctx: AppContext, user: User, lang: str,
                 parent: QWidget | None = None,
                 credentials: Callable[[], Any] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardTab")
        self.ctx, self.user, self.lang = ctx, user, lang
        self.credentials = credentials     # the session's server secrets (fetch over SFTP)
        self.figures: DashboardFigures | None = None
        self.mapping_dialog: QWidget | None = None
        self.choices = period_choices(ctx.today())
        self._build()
        self._retranslate()

    # -- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.period_box = QComboBox()
        self.period_box.setObjectName("dashboardPeriod")
        self.period_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.title = PlainLabel()
        self.title.setObjectName("dashboardTitle")
        bold = QFont(self.title.font())
        bold.setPointSize(bold.pointSize() + 3)
        bold.setBold(True)
        self.title.setFont(bold)
        self.buttons: dict[str, QPushButton] = {}
        top = QHBoxLayout()
        top.addWidget(self.period_box)
        top.addWidget(self.title, 1)
        for key, slot in (("workbook", self.export_workbook),
                          ("monitoring", self.export_monitoring),
                          ("summary", self.export_summary), ("fetch", self.fetch_logs),
                          ("logs", self.import_logs),
                          ("survey", self.import_survey)):
            button = QPushButton()
            button.setObjectName(f"dashboard_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
            top.addWidget(button)
        self.tiles = QGridLayout()
        self.tile_labels: list[tuple[QLabel, QLabel]] = []
        for index in range(8):
            frame = QFrame()
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            frame.setStyleSheet("QFrame { background: #eef3f9; border-radius: 6px; }")
            inner = QVBoxLayout(frame)
            value, caption = PlainLabel("-"), PlainLabel("")
            big = QFont(value.font())
            big.setPointSize(big.pointSize() + 8)
            big.setBold(True)
            value.setFont(big)
            for label in (value, caption):
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                inner.addWidget(label)
            self.tile_labels.append((value, caption))
            self.tiles.addWidget(frame, index // 4, index % 4)
        self.charts = [BarChart(), BarChart(), BarChart()]
        charts = QHBoxLayout()
        for chart in self.charts:
            charts.addWidget(chart)
        self.top_pages = QListWidget()
        self.top_pages.setObjectName("dashboardTopPages")
        self.comments = QListWidget()
        self.comments.setObjectName("dashboardComments")
        self.empty_label = PlainLabel()
        self.empty_label.setWordWrap(True)
        self.pages_caption, self.comments_caption = PlainLabel(), PlainLabel()
        lists = QGridLayout()
        lists.addWidget(self.pages_caption, 0, 0)
        lists.addWidget(self.comments_caption, 0, 1)
        lists.addWidget(self.top_pages, 1, 0)
        lists.addWidget(self.comments, 1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.tiles)
        layout.addLayout(charts, 2)
        layout.addWidget(self.empty_label)
        layout.addLayout(lists, 1)
        self.status = PlainLabel()
        self.status.setObjectName("dashboardStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

    def _retranslate(self) -> None:
        names = {"this_month": self.tr("This month"), "last_month": self.tr("Last month"),
                 "this_quarter": self.tr("This quarter (fiscal)"),
                 "last_quarter": self.tr("Last quarter (fiscal)"),
                 "this_fiscal_year": self.tr("This fiscal year"),
                 "last_fiscal_year": self.tr("Last fiscal year")}
        index = max(self.period_box.currentIndex(), 2)
        self.period_box.blockSignals(True)
        self.period_box.clear()
        for key, _period in self.choices:
            self.period_box.addItem(names[key], key)
        self.period_box.setCurrentIndex(index)
        self.period_box.blockSignals(False)
        texts = {"workbook": self.tr("Workbook (.xlsx)…"),
                 "monitoring": self.tr("Monitoring report (PDF)…"),
                 "summary": self.tr("One-page summary (PDF)…"),
                 "fetch": self.tr("Fetch server logs"),
                 "logs": self.tr("Import access logs…"), "survey": self.tr("Import survey…")}
        for key, button in self.buttons.items():
            button.setText(texts[key])
        self.buttons["fetch"].setVisible(self.credentials is not None)
        self.pages_caption.setText(self.tr("Most viewed pages"))
        self.comments_caption.setText(self.tr("Problems and suggestions"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self._retitle()
        super().changeEvent(event)

    def _retitle(self) -> None:
        """Keep this page's tab title in the current language (whoever owns the tabs)."""
        holder = self.parentWidget()
        while holder is not None and not isinstance(holder, QTabWidget):
            holder = holder.parentWidget()
        if isinstance(holder, QTabWidget) and holder.indexOf(self) >= 0:
            holder.setTabText(holder.indexOf(self), self.tr("Dashboard"))

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self._retranslate()
        self.refresh()

    # -- loading ------------------------------------------------------------------------------
    @property
    def period(self) -> ReportPeriod:
        return self.choices[max(self.period_box.currentIndex(), 0)][1]

    def refresh(self) -> None:
        ctx, period, lang = self.ctx, self.period, self.lang
        task_runner().database(lambda: dashboard_figures(ctx, period, lang), self._shown,
                               self._failed)

    def _shown(self, figures: DashboardFigures) -> None:
        self.figures = figures
        self.title.setText(figures.period_label)
        for (value, caption), tile in zip(self.tile_labels, figures.tiles, strict=False):
            value.setText(tile.value)
            caption.setText(tile.label)
            value.setStyleSheet("color: #c0504d;" if tile.warn else "color: #1f4e79;")
        for chart, series in zip(self.charts, figures.charts, strict=False):
            chart.show_series(series)
        self.top_pages.clear()
        self.top_pages.addItems([f"{hits:,}  {name}" for name, hits in figures.top_pages]
                                or [self.tr("No access logs imported for this period")])
        self.comments.clear()
        self.comments.addItems(list(figures.comments) or [self.tr("No comments")])
        self.empty_label.setText(self.tr("Categories with nothing on the site: {names}").format(
            names=", ".join(figures.empty_categories)) if figures.empty_categories else "")
        self.figures_loaded.emit(figures)

    def _failed(self, failure: TaskFailure) -> None:
        if isinstance(failure.error, UserError):
            show_user_error(self, failure.error, self.lang)
        else:
            show_bug(self, self.ctx.paths, failure.exc_info)

    # -- writing reports ----------------------------------------------------------------------
    def _save_as(self, suffix: str, name: str) -> Path | None:
        default = str(self.ctx.paths.home / f"{name}-{self.period.file_stem()}{suffix}")
        chosen, _filter = QFileDialog.getSaveFileName(self, self.tr("Save report"), default,
                                                      f"*{suffix}")
        if not chosen:
            return None
        return Path(chosen if chosen.lower().endswith(suffix) else chosen + suffix)

    def _write(self, job: Any, target: Path) -> None:
        task_runner().database(lambda: job(self.ctx, self.period, target, lang=self.lang),
                               self._written, self._failed)

    def _written(self, written: Any) -> None:
        self.status.setText(self.tr("Saved {path}").format(path=written.path))
        self.report_written.emit(written)

    def export_workbook(self) -> None:
        from desktop.services.report_files import write_report_workbook
        target = self._save_as(".xlsx", "report")
        if target is not None:
            self._write(write_report_workbook, target)

    def export_monitoring(self) -> None:
        from desktop.services.report_files import write_monitoring_report
        target = self._save_as(".pdf", "monitoring")
        if target is not None:
            self._write(write_monitoring_report, target)

    def export_summary(self) -> None:
        from desktop.services.report_files import write_summary_pdf
        target = self._save_as(".pdf", "summary")
        if target is not None:
            self._write(write_summary_pdf, target)

    # -- importing ----------------------------------------------------------------------------
    def import_logs(self) -> None:
        from desktop.services.report_logs import import_local_logs
        from desktop.services.report_logs_remote import default_site

        files, _filter = QFileDialog.getOpenFileNames(self, self.tr("Access logs"), "",
                                                      "*access*;;*")
        if files:
            ctx, user = self.ctx, self.user
            task_runner().database(
                lambda: import_local_logs(ctx, default_site(ctx), [Path(f) for f in files],
                                          actor=user),
                self._imported, self._failed)

    def fetch_logs(self) -> None:
        """The default server's log folder over SFTP (network lane: a long transfer)."""
        from desktop.services.report_logs_remote import fetch_default_server_logs

        if self.credentials is None:
            return
        ctx, user, store = self.ctx, self.user, self.credentials()
        self.status.setText(self.tr("Fetching the server's access logs…"))
        task_runner().network(lambda: fetch_default_server_logs(ctx, store, actor=user),
                              self._imported, self._failed)

    def import_survey(self) -> None:
        from desktop.services.report_surveys import preview_survey

        chosen, _filter = QFileDialog.getOpenFileName(self, self.tr("Survey answers"), "",
                                                      "*.csv *.xlsx")
        if chosen:
            ctx, path = self.ctx, Path(chosen)
            task_runner().database(lambda: preview_survey(ctx, path),
                                   lambda preview: self._ask_mapping(path, preview),
                                   self._failed)

    def _ask_mapping(self, path: Path, preview: Any) -> None:
        from desktop.ui.survey_mapping_dialog import SurveyMappingDialog

        dialog = SurveyMappingDialog(preview, self)
        dialog.accepted.connect(lambda: self._import_survey(path, dialog.mapping()))
        self.mapping_dialog = dialog
        dialog.open()
        self.survey_preview_ready.emit(dialog)

    def _import_survey(self, path: Path, mapping: dict[str, str]) -> None:
        from desktop.services.report_surveys import import_survey

        ctx, user = self.ctx, self.user
        task_runner().database(lambda: import_survey(ctx, path, actor=user, mapping=mapping),
                               self._imported, self._failed)

    def _imported(self, result: Any) -> None:
        if hasattr(result, "responses"):
            self.status.setText(self.tr(
                "{name}: {responses} responses counted, {skipped} empty rows skipped, "
                "{blank} blank answers, {bad} answers outside 1-5").format(
                name=result.name, responses=result.responses, skipped=result.skipped_rows,
                blank=result.missing_answers, bad=result.out_of_range))
        else:
            self.status.setText(self.tr(
                "Access logs: {lines} lines read, {malformed} malformed lines skipped").format(
                lines=result.lines, malformed=result.malformed))
        self.imported.emit(result)
        self.refresh()


def install_dashboard_tab(window: Any) -> DashboardTab:
    """Add the dashboard as the last tab of the main window (``window.tabs``); server logs
    are fetched with the signed-in session's server secrets."""
    session = getattr(window, "session", None)
    credentials = (lambda: session.secrets.store) if session is not None else None
    tab = DashboardTab(window.ctx, window.user, window.lang, credentials=credentials)
    window.tabs.addTab(tab, tab.tr("Dashboard"))
    window.tabs.tabBar().setVisible(window.tabs.count() > 1)
    tab.refresh()
    return tab
