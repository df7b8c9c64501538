"""Admin: the approval chain of each category — who signs, in which order (ขั้นตอนการอนุมัติ).

One row per step: its Thai and English title and the user names who may sign it (empty: any
approver).  Saving goes through :func:`set_chain` on the database worker, which refuses names
that are not active approvers; "Back to the default" removes the agency's override.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.domain.messages import Localized
from desktop.domain.users import User
from desktop.services.approval_chain import ApprovalStep, chain_for, set_chain
from desktop.services.context import AppContext
from desktop.ui.errors import show_bug
from desktop.ui.plain_text import PlainLabel
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.tasks import TaskFailure, task_runner

_TITLE_TH, _TITLE_EN, _USERS = range(3)


class ApprovalChainDialog(QDialog):
    def __init__(self, ctx: AppContext, user: User, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("approvalChainDialog")
        self.ctx, self.user, self.lang = ctx, user, lang
        self.setWindowTitle(self.tr("Approval steps"))
        self.category = QComboBox()
        for category in ctx.catalogue.categories:   # a subcategory may have its own chain
            self.category.addItem(category.name(lang), category.code)
            for child in category.children:
                self.category.addItem(f"    {category.name(lang)} › {child.name(lang)}",
                                      child.code)
        self.category.currentIndexChanged.connect(self._category_changed)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([
            self.tr("Step (Thai)"), self.tr("Step (English)"),
            self.tr("Who signs (user names)")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        hint = PlainLabel(self.tr("Several user names are separated by commas. Left empty, any "
                              "approver may sign that step. Steps are signed from the top."))
        hint.setWordWrap(True)
        self.message = PlainLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("add", self.tr("Add step"), self.add_step),
                                ("remove", self.tr("Remove step"), self.remove_step),
                                ("up", self.tr("Move up"), lambda: self.move_step(-1)),
                                ("down", self.tr("Move down"), lambda: self.move_step(1)),
                                ("default", self.tr("Back to the default"), self.reset),
                                ("save", self.tr("Save"), self.save),
                                ("close", self.tr("Close"), self.reject)):
            button = QPushButton(text)
            button.setObjectName(f"{key}Button")
            button.clicked.connect(slot)
            self.buttons[key] = button
            if key == "save":
                buttons.addStretch(1)
            buttons.addWidget(button)
        form = QFormLayout()
        form.addRow(self.tr("Category"), self.category)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        fit_to_screen(self, 760, 420)
        self.load()

    def code(self) -> str:
        return str(self.category.currentData())

    # ----- the table -----
    def _category_changed(self, _index: int) -> None:
        self.message.clear()
        self.load()

    def load(self) -> None:
        code = self.code()
        ctx = self.ctx
        task_runner().database(lambda: chain_for(ctx, code), self.show_steps, self._failed)

    def show_steps(self, steps: tuple[ApprovalStep, ...]) -> None:
        self.table.setRowCount(0)
        for step in steps:
            self.add_step(step.title.th, step.title.en, ", ".join(step.usernames))

    def add_step(self, th: str = "", en: str = "", users: str = "") -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in ((_TITLE_TH, th or ""), (_TITLE_EN, en or ""),
                             (_USERS, users or "")):
            self.table.setItem(row, column, QTableWidgetItem(text))

    def remove_step(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def move_step(self, delta: int) -> None:
        row = self.table.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        texts = [[self._text(r, c) for c in range(3)] for r in (row, target)]
        for r, values in zip((target, row), texts, strict=True):
            for column, text in enumerate(values):
                self.table.setItem(r, column, QTableWidgetItem(text))
        self.table.selectRow(target)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def steps(self) -> list[ApprovalStep]:
        steps: list[ApprovalStep] = []
        for row in range(self.table.rowCount()):
            th, en = self._text(row, _TITLE_TH), self._text(row, _TITLE_EN)
            users = tuple(u.strip() for u in self._text(row, _USERS).replace(";", ",")
                          .split(",") if u.strip())
            if not (th or en or users):
                continue                      # an empty row is not a step
            title = Localized(th or en or "ผู้อนุมัติ", en or th or "Approver")
            steps.append(ApprovalStep(len(steps) + 1, title, users))
        return steps

    # ----- saving -----
    def save(self) -> None:
        steps = self.steps()
        if not steps:
            self.message.setText(self.tr("Add at least one step, or go back to the default."))
            return
        self._store(steps)

    def reset(self) -> None:
        self._store([])

    def _store(self, steps: list[ApprovalStep]) -> None:
        code = self.code()
        ctx, user = self.ctx, self.user
        task_runner().database(lambda: set_chain(ctx, user, code, steps),
                               lambda _r: self._saved(), self._failed)

    def _saved(self) -> None:
        self.load()
        self.message.setText(self.tr("Saved. Requests of this category now follow these "
                                     "steps."))

    def _failed(self, failure: TaskFailure) -> None:
        if isinstance(failure.error, UserError):
            self.message.setText(failure.error.text(self.lang))
            return
        show_bug(self, self.ctx.paths, failure.exc_info)
