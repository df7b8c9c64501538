"""The official request form as a PDF, written off the GUI thread and opened in the system's
PDF viewer; when no viewer opens it, the person is told where it is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow

from desktop.services.context import AppContext
from desktop.services.official_form import write_request_form
from desktop.ui.plain_text import tell
from desktop.ui.tasks import TaskFailure, task_runner


class FormPrinter(QObject):
    form_written = Signal(Path)
    failed = Signal(TaskFailure)

    def __init__(self, ctx: AppContext, window: QMainWindow) -> None:
        super().__init__(window)
        self.ctx, self.window = ctx, window

    def print_form(self, request_id: int) -> None:
        folder = self.ctx.paths.cache_dir / "forms"
        ctx = self.ctx

        def write() -> Path:
            folder.mkdir(parents=True, exist_ok=True)
            return Path(write_request_form(ctx, request_id,
                                           folder / f"request-form-{request_id}.pdf"))

        self.window.statusBar().showMessage(self.tr("Writing the form…"))
        task_runner().database(write, self._written, self.failed.emit, owner=self)

    def _written(self, path: Path) -> None:
        self.form_written.emit(path)
        bar = self.window.statusBar()
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            bar.showMessage(self.tr("The form opened in your PDF viewer."), 8000)
            return
        bar.clearMessage()
        tell(self.window, self.tr("Print form (PDF)"), self.tr(
            "The form was written, but no PDF viewer opened it. Open it yourself:\n{path}")
            .format(path=path))
