"""The pre-publish checklist beside the preview: each item, its level, and whether it blocks."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.checklist import ChecklistItem, ChecklistLevel, blocking
from desktop.ui.plain_text import PlainLabel, plain_tooltip

_PASSED = "✔"
_FAILED = "✖"
_WARNED = "⚠"


class ChecklistWidget(QWidget):
    """``set_items(items)``; ``blocked`` is True while a Required item fails."""

    blocking_changed = Signal(bool)

    def __init__(self, lang: str = "th", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.banner = PlainLabel(self)
        self.banner.setObjectName("checklistBanner")
        self.banner.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["", "", ""])
        self.tree.setRootIsDecorated(True)
        self.tree.setWordWrap(True)
        self.tree.setColumnWidth(0, 34)
        self.tree.setColumnWidth(1, 90)
        self.tree.header().setStretchLastSection(True)
        self.details = QTextBrowser(self)      # failing items in full, wrapped (never cut off)
        self.details.setObjectName("checklistDetails")
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tree, 3)
        layout.addWidget(self.details, 2)
        self.items: list[ChecklistItem] = []
        self.blocked = False
        self.set_lang(lang)

    def set_lang(self, lang: str) -> None:
        """Show everything in ``lang`` (the items too)."""
        self.lang = lang
        self.tree.setHeaderLabels(["", self.tr("Level"), self.tr("Check")])
        self.set_items(self.items)

    def set_items(self, items: Sequence[ChecklistItem]) -> None:
        self.items = list(items)
        self.tree.clear()
        for item in self.items:
            mark = _PASSED if item.passed else (
                _FAILED if item.level is ChecklistLevel.REQUIRED else _WARNED)
            level = self.tr("Required") if item.level is ChecklistLevel.REQUIRED else \
                self.tr("Recommended")
            row = QTreeWidgetItem([mark, level, item.message.text(self.lang)])
            row.setData(0, Qt.ItemDataRole.UserRole, item.code)
            row.setToolTip(2, plain_tooltip(item.message.text(self.lang)))
            color = "#1b7f3b" if item.passed else (
                "#b3261e" if item.level is ChecklistLevel.REQUIRED else "#a15c00")
            row.setForeground(0, QBrush(QColor(color)))
            for detail in item.details:
                child = QTreeWidgetItem(["", "", detail.text(self.lang)])
                child.setToolTip(2, plain_tooltip(detail.text(self.lang)))
                row.addChild(child)
            self.tree.addTopLevelItem(row)
            row.setExpanded(not item.passed)
        self.details.setHtml(self._details_html())
        was = self.blocked
        self.blocked = blocking(self.items)
        failing_required = sum(1 for i in self.items if i.blocks)
        warnings = sum(1 for i in self.items if not i.passed and not i.blocks)
        if not self.items:
            self.banner.clear()
        elif self.blocked:
            self.banner.setText(self.tr(
                "Cannot send for approval or publish: {count} required checks fail").format(
                count=failing_required))
            self.banner.setStyleSheet("color: #b3261e; font-weight: bold;")
        elif warnings == 1:
            self.banner.setText(self.tr("Ready, with 1 recommendation"))
            self.banner.setStyleSheet("color: #a15c00; font-weight: bold;")
        elif warnings:
            self.banner.setText(self.tr("Ready, with {count} recommendations").format(
                count=warnings))
            self.banner.setStyleSheet("color: #a15c00; font-weight: bold;")
        else:
            self.banner.setText(self.tr("Every check passed"))
            self.banner.setStyleSheet("color: #1b7f3b; font-weight: bold;")
        if was != self.blocked:
            self.blocking_changed.emit(self.blocked)

    def _details_html(self) -> str:
        parts = []
        for item in self.items:
            if item.passed:
                continue
            color = "#b3261e" if item.blocks else "#a15c00"
            parts.append(f'<p style="color:{color}"><b>{html.escape(item.message.text(self.lang))}'
                         "</b></p>")
            if item.details:
                parts.append("<ul>" + "".join(f"<li>{html.escape(d.text(self.lang))}</li>"
                                              for d in item.details) + "</ul>")
        return "\n".join(parts)

    def failing_codes(self) -> list[str]:
        return [item.code for item in self.items if not item.passed]
