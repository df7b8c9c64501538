"""A request's files: add (file dialog or drag and drop of files and folders), list with
thumbnails, reorder, remove, replace (a new version; the old one is kept), caption/alt text.

Intake runs on the operation runner's worker thread, one file per job, with an "n of m"
progress bar; a refused file is reported with its reason and nothing of it is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.domain.sizes import format_size
from desktop.domain.users import User
from desktop.domain.workflow import RequestState, label
from desktop.services import attachments as att
from desktop.services.context import AppContext
from desktop.ui.plain_text import PlainLabel, ask, plain_tooltip
from desktop.ui.request_file_icons import ICON_SIDE, file_icon, type_label
from desktop.ui.request_intake import (
    PAPER_FORM_CAPTION,
    FileRow,
    IntakeItem,
    IntakeReport,
    expand_paths,
    load_files,
    paper_form_name,
    take_in,
)
from desktop.ui.tasks import TaskFailure, task_runner

FILE_FILTER = "*.pdf *.doc *.docx *.xls *.xlsx *.jpg *.jpeg *.png *.zip *.rar"
RequestIdProvider = Callable[[Callable[[int], None]], None]


class AttachmentsWidget(QWidget):
    intake_finished = Signal(object)   # IntakeReport
    files_loaded = Signal(object)      # list[FileRow]
    busy_changed = Signal(bool)
    files_changed = Signal()           # added, removed, reordered, replaced or retexted
    failed = Signal(TaskFailure)       # a failure that is not a refusal (shown by the dialog)

    def __init__(self, ctx: AppContext, user: User, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentsWidget")
        self.ctx, self.user, self.lang = ctx, user, lang
        self.request_id: int | None = None
        self.rows: list[FileRow] = []
        self._provider: RequestIdProvider | None = None
        self._report: IntakeReport | None = None
        self._cancel = False
        self._warnings: dict[int, str] = {}
        self.setAcceptDrops(True)
        self._build()
        self._selection_changed()

    # ----- building -----
    def _build(self) -> None:
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("attachmentTable")
        self.table.setHorizontalHeaderLabels([
            "", self.tr("Name"), self.tr("Type"), self.tr("Size"), "SHA-256", self.tr("Check")])
        self.table.setIconSize(QSize(ICON_SIDE, ICON_SIDE))
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(ICON_SIDE + 6)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(40)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)      # the name
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)        # the thumbnail
        self.table.setColumnWidth(0, ICON_SIDE + 12)
        for column, width in ((4, 96), (5, 150)):       # SHA-256 and the check: tooltips
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.add_button = QPushButton(self.tr("Add &files…"))
        self.add_folder_button = QPushButton(self.tr("Add folder…"))
        self.paper_button = QPushButton(self.tr("Scanned signed form…"))
        self.paper_button.setToolTip(self.tr("Attach the scanned, signed paper request form"))
        self.replace_button = QPushButton(self.tr("Replace…"))
        self.replace_button.setToolTip(self.tr("Attach a new version; the old one is kept"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.up_button = QPushButton("▲")
        self.up_button.setToolTip(self.tr("Move up (Ctrl+Up)"))
        self.down_button = QPushButton("▼")
        self.down_button.setToolTip(self.tr("Move down (Ctrl+Down)"))
        self.add_button.clicked.connect(self.choose_files)
        self.add_folder_button.clicked.connect(self.choose_folder)
        self.paper_button.clicked.connect(self.choose_paper_form)
        self.replace_button.clicked.connect(self.choose_replacement)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.add_folder_button, self.paper_button,
                       self.replace_button, self.remove_button, self.up_button,
                       self.down_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        for keys, slot in (("Ctrl+Up", lambda: self.move_selected(-1)),
                           ("Ctrl+Down", lambda: self.move_selected(1)),
                           ("Delete", self.remove_selected)):
            shortcut = QShortcut(QKeySequence(keys), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

        self.caption = QLineEdit()
        self.caption.setObjectName("captionEdit")
        self.alt_text = QLineEdit()
        self.alt_text.setObjectName("altTextEdit")
        self.caption_label = PlainLabel(self.tr("Caption"))
        self.caption_label.setBuddy(self.caption)
        self.alt_label = PlainLabel(self.tr("Alt text"))
        self.alt_label.setBuddy(self.alt_text)
        self.text_button = QPushButton(self.tr("Save text"))
        self.text_button.setAutoDefault(False)
        self.text_button.clicked.connect(self.save_image_text)
        self.caption.returnPressed.connect(self.save_image_text)
        self.alt_text.returnPressed.connect(self.save_image_text)
        texts = QHBoxLayout()
        texts.addWidget(self.caption_label)
        texts.addWidget(self.caption, 3)
        texts.addWidget(self.alt_label)
        texts.addWidget(self.alt_text, 2)
        texts.addWidget(self.text_button)

        self.progress = QProgressBar()
        self.progress.setObjectName("intakeProgress")
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Stop"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_intake)
        progress = QHBoxLayout()
        progress.addWidget(self.progress, 1)
        progress.addWidget(self.cancel_button)
        self.hint = PlainLabel(self.tr("Drop files or whole folders here."))
        self.hint.setStyleSheet("color: #6b7280;")
        self.problems = QListWidget()
        self.problems.setObjectName("intakeProblems")
        self.problems.setWordWrap(True)
        self.problems.setMaximumHeight(72)
        self.problems.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addLayout(texts)
        layout.addWidget(self.hint)
        layout.addLayout(progress)
        layout.addWidget(self.problems)

    # ----- the request -----
    def set_request_provider(self, provider: RequestIdProvider) -> None:
        """``provider(then)`` saves the draft when needed, then calls ``then(request_id)``."""
        self._provider = provider

    def set_request(self, request_id: int | None) -> None:
        self.request_id = request_id
        self.reload()

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.add_button, self.add_folder_button, self.paper_button,
                       self.replace_button, self.remove_button, self.up_button,
                       self.down_button, self.text_button, self.caption, self.alt_text):
            widget.setEnabled(not read_only)
        self.setAcceptDrops(not read_only)

    @property
    def busy(self) -> bool:
        return self._report is not None

    def reload(self) -> None:
        if self.request_id is None:
            self._show([])
            return
        request_id = self.request_id
        ctx = self.ctx
        task_runner().database(lambda: load_files(ctx, request_id), self._show, self._failed)

    def _show(self, rows: list[FileRow]) -> None:
        selected = self.selected_id()
        self.rows = rows
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            info = row.stored.info
            icon_item = QTableWidgetItem(file_icon(info.kind, row.thumbnail), "")
            name = QTableWidgetItem(info.display_name)
            tip = info.display_name + (f"\n{info.caption}" if info.caption else "")
            name.setToolTip(plain_tooltip(tip))
            name.setData(Qt.ItemDataRole.UserRole, row.stored.attachment_id)
            cells = [icon_item, name, QTableWidgetItem(type_label(info.kind)),
                     QTableWidgetItem(format_size(info.size, self.lang)),
                     QTableWidgetItem(info.sha256[:12] + "…"),
                     QTableWidgetItem(self._verdict_text(row))]
            cells[4].setToolTip(plain_tooltip(info.sha256))   # (as the database holds it)
            cells[5].setToolTip(plain_tooltip(cells[5].text()))
            for column, cell in enumerate(cells):
                self.table.setItem(index, column, cell)
            if selected == row.stored.attachment_id:
                self.table.selectRow(index)
        self._selection_changed()
        self.files_loaded.emit(rows)

    def _verdict_text(self, row: FileRow) -> str:
        verdict = row.stored.verdict
        text = self.tr("Passed") if verdict.get("accepted", True) else self.tr("Refused")
        details = verdict.get("details") or {}
        if isinstance(details, dict) and details.get("pages"):
            text += " · " + self.tr("{n} pages").format(n=details["pages"])
        warnings = list(verdict.get("warnings") or [])  # type: ignore[call-overload]
        if warnings:
            from desktop.domain.messages import message_text

            text += " · ⚠ " + "; ".join(message_text(str(w), self.lang) for w in warnings)
        duplicate = self._warnings.get(row.stored.attachment_id)
        if duplicate:
            text += " · ⚠ " + duplicate
        return text

    # ----- selection, caption, order, remove -----
    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 1)
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _selected_row(self) -> FileRow | None:
        wanted = self.selected_id()
        return next((r for r in self.rows if r.stored.attachment_id == wanted), None)

    def _selection_changed(self) -> None:
        row = self._selected_row()
        has = row is not None
        for button in (self.replace_button, self.remove_button, self.up_button,
                       self.down_button):
            button.setEnabled(has and self.acceptDrops())
        is_image = has and row is not None and row.stored.info.is_image
        for widget in (self.caption, self.alt_text, self.text_button):
            widget.setEnabled(is_image and self.acceptDrops())
        self.caption.setText(row.stored.info.caption if row is not None else "")
        self.alt_text.setText(row.stored.info.alt_text if row is not None else "")

    def _changed(self) -> None:
        self.files_changed.emit()
        self.reload()

    def select_row(self, index: int) -> None:
        self.table.selectRow(index)

    def save_image_text(self) -> None:
        row = self._selected_row()
        if row is None or self.request_id is None or not row.stored.info.is_image:
            return
        rid, aid = self.request_id, row.stored.attachment_id
        caption, alt = self.caption.text(), self.alt_text.text()
        ctx, user = self.ctx, self.user
        task_runner().database(lambda: att.set_image_text(ctx, user, rid, aid, caption, alt),
                                      lambda _r: self._changed(), self._failed)

    def move_selected(self, step: int) -> None:
        wanted = self.selected_id()
        ids = [r.stored.attachment_id for r in self.rows]
        if wanted is None or self.request_id is None:
            return
        index = ids.index(wanted)
        target = index + step
        if not 0 <= target < len(ids):
            return
        ids[index], ids[target] = ids[target], ids[index]
        rid = self.request_id
        task_runner().database(lambda: att.reorder_attachments(self.ctx, self.user, rid, ids),
                               lambda _r: self._changed(), self._failed)

    def remove_selected(self) -> None:
        wanted = self.selected_id()
        row = self._selected_row()
        if wanted is None or self.request_id is None or row is None:
            return
        answer = ask(
            self, self.tr("Remove file"),
            self.tr("Remove “{name}” from this request?\nThe stored copy is kept in the "
                    "request's history.").format(name=row.stored.info.display_name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        rid = self.request_id
        task_runner().database(lambda: att.remove_attachment(self.ctx, self.user, rid, wanted),
                               lambda _r: self._changed(), self._failed)

    # ----- choosing files -----
    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add files"), "",
            self.tr("Allowed files ({patterns});;All files (*)").format(patterns=FILE_FILTER))
        if names:
            self.add_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder"))
        if folder:
            self.add_paths([Path(folder)])

    def choose_paper_form(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Scanned signed form"), "",
            self.tr("Allowed files ({patterns});;All files (*)").format(patterns=FILE_FILTER))
        if name:
            self.add_paper_form(Path(name))

    def choose_replacement(self) -> None:
        wanted = self.selected_id()
        if wanted is None:
            return
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Replace with"), "",
                                              self.tr("All files (*)"))
        if name:
            self.replace_with(wanted, Path(name))

    # ----- drag and drop -----
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    # ----- intake -----
    def add_paths(self, paths: list[Path]) -> None:
        """Files and folders (walked recursively), each checked and attached off the GUI thread."""
        task_runner().database(lambda: expand_paths(paths),
                        lambda files: self._start([IntakeItem(p, p.name) for p in files]),
                        self._failed)

    def add_paper_form(self, path: Path) -> None:
        self._start([IntakeItem(path, paper_form_name(path), caption=PAPER_FORM_CAPTION)])

    def replace_with(self, attachment_id: int, path: Path) -> None:
        self._start([IntakeItem(path, path.name, replaces=attachment_id)])

    def _start(self, items: list[IntakeItem]) -> None:
        if not items or self.busy:
            return
        if self.request_id is not None:
            self._run_intake(self.request_id, items)
        elif self._provider is not None:
            self._provider(lambda rid: self._run_intake(rid, items))

    def _run_intake(self, request_id: int, items: list[IntakeItem]) -> None:
        self.request_id = request_id
        self._report = IntakeReport(total=len(items))
        self._cancel = False
        self.problems.clear()
        self.problems.setVisible(False)
        self.progress.setRange(0, len(items))
        self.progress.setValue(0)
        self._progress_text()
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.busy_changed.emit(True)
        ctx, user = self.ctx, self.user
        for item in items:
            task_runner().database(
                lambda item=item: None if self._cancel else  # type: ignore[misc]
                take_in(ctx, user, request_id, item), self._file_done, self._file_failed)

    def cancel_intake(self) -> None:
        self._cancel = True

    def _progress_text(self) -> None:
        report = self._report
        if report is not None:
            self.progress.setFormat(self.tr("Taking in files: {n} of {m}").format(
                n=report.done, m=report.total))

    def _file_done(self, result: att.AttachResult | None) -> None:
        report = self._report
        if report is None:
            return
        if result is None:
            report.cancelled = True
            report.total -= 1
        else:
            report.accepted.append(result)
            if result.duplicates:
                text = self._duplicate_text(result)
                self._warnings[result.attachment_id] = text
                report.duplicates.append(text)
                self._problem(f"⚠ {result.info.display_name}: {text}")
        self._step()

    def _duplicate_text(self, result: att.AttachResult) -> str:
        parts = []
        for d in result.duplicates:
            if d.state in (RequestState.PUBLISHED, RequestState.TAKEN_DOWN,
                           RequestState.ARCHIVED):
                parts.append(self.tr("already published in {ref} “{title}”").format(
                    ref=d.reference, title=d.title))
            else:
                parts.append(self.tr("the same file is already in {ref} “{title}” ({state})")
                             .format(ref=d.reference, title=d.title,
                                     state=label(d.state, self.lang)))
        return "; ".join(parts)

    def _file_failed(self, failure: TaskFailure) -> None:
        report = self._report
        if report is None:
            return
        if isinstance(failure.error, UserError):
            text = failure.error.text(self.lang)
            report.refused.append(text)
            self._problem("✖ " + text)
        else:
            report.refused.append(str(failure.error))
            self.failed.emit(failure)
        self._step()

    def _problem(self, text: str) -> None:
        self.problems.addItem(text)
        self.problems.setVisible(True)

    def _step(self) -> None:
        report = self._report
        assert report is not None
        self.progress.setRange(0, max(report.total, 1))
        self.progress.setValue(report.done)
        self._progress_text()
        if report.done < report.total:
            return
        self._report = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.busy_changed.emit(False)
        request_id = self.request_id
        assert request_id is not None

        def shown(rows: list[FileRow]) -> None:
            self._show(rows)
            self.files_changed.emit()
            self.intake_finished.emit(report)

        task_runner().database(lambda: load_files(self.ctx, request_id), shown, self._failed)

    def _failed(self, failure: TaskFailure) -> None:
        if isinstance(failure.error, UserError):
            self._problem("✖ " + failure.error.text(self.lang))
        else:
            self.failed.emit(failure)
