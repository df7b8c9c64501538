"""Settings (admins): everything configurable, in tabs; saved all at once, or refused with the
reason beside each field.  Database work runs on the app's task runner."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.services import settings as settings_service
from desktop.services.settings import Settings
from desktop.services.user_session import UserSession
from desktop.ui.plain_text import PlainLabel
from desktop.ui.settings_pages import (
    AgencyPage,
    FilesPage,
    MailPage,
    SettingsPage,
    ThisPcPage,
    TimePage,
)
from desktop.ui.tasks import TaskFailure, task_runner


class CataloguePage(QWidget):
    """The category catalogue: each category's Thai and English name and its expiry days."""

    COLUMNS = ("Code", "Thai", "English", "Take down after (days)")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: dict[str, Any] = {}
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("catalogue")
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.note = PlainLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.note.setText(self.tr("The categories of the Government Website Standard. Names "
                                  "are what people and the site see; the expiry days set the "
                                  "default takedown date."))

    def rows(self) -> list[dict[str, Any]]:
        flat: list[dict[str, Any]] = []
        for category in self.data.get("categories", []):
            flat.append(category)
            flat.extend(dict(sub, parent=category["code"])
                        for sub in category.get("subcategories", []))
        return flat

    def load_json(self, text: str) -> None:
        self.data = json.loads(text)
        rows = self.rows()
        self.table.setRowCount(len(rows))
        for index, entry in enumerate(rows):
            indent = "    " if entry.get("parent") else ""
            values = (entry["code"], indent + entry.get("th", ""), entry.get("en", ""),
                      "" if entry.get("expiry_days") is None else str(entry["expiry_days"]))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setFlags(item.flags() & ~item.flags().ItemIsEditable)
                self.table.setItem(index, column, item)

    def to_json(self) -> str:
        entries = [c for category in self.data.get("categories", [])
                   for c in (category, *category.get("subcategories", []))]
        for index, entry in enumerate(entries):
            def cell(column: int, row: int = index) -> str:
                item = self.table.item(row, column)
                return item.text().strip() if item is not None else ""
            entry["th"], entry["en"] = cell(1), cell(2)
            days = cell(3)
            entry["expiry_days"] = int(days) if days.isdigit() else None
        return json.dumps(self.data, ensure_ascii=False)


class SettingsDialog(QDialog):
    saved = Signal(list)       # the agency-wide keys that changed

    def __init__(self, session: UserSession, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.session, self.ctx, self.lang = session, session.ctx, lang
        self.current = Settings()
        self.tabs = QTabWidget()
        self.agency, self.files, self.times = AgencyPage(lang), FilesPage(lang), TimePage(lang)
        self.this_pc, self.mail = ThisPcPage(lang), MailPage(lang)
        self.pages: list[SettingsPage] = [self.agency, self.files, self.times, self.this_pc,
                                          self.mail]
        self.catalogue = CataloguePage()
        for page in self.pages:
            self.tabs.addTab(page, "")
        self.tabs.addTab(self.catalogue, "")
        self.servers_note = PlainLabel()
        self.servers_note.setWordWrap(True)
        self.servers_button = QPushButton()
        self.servers_button.setObjectName("openServers")
        self.servers_button.clicked.connect(self._open_servers)
        servers = QWidget()
        servers_layout = QVBoxLayout(servers)
        servers_layout.addWidget(self.servers_note)
        servers_layout.addWidget(self.servers_button)
        servers_layout.addStretch(1)
        self.tabs.addTab(servers, "")
        self.status = PlainLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(900, 620)
        self.setEnabled(False)
        ctx = self.ctx
        task_runner().database(lambda: (settings_service.load_settings(ctx),
                                        settings_service.catalogue_json(ctx)),
                               self._loaded, self._failed)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        for index, text in enumerate((self.tr("Agency"), self.tr("Files"),
                                      self.tr("Time limits"), self.tr("This PC"),
                                      self.tr("E-mail and reports"), self.tr("Categories"),
                                      self.tr("Publishing servers"))):
            self.tabs.setTabText(index, text)
        self.servers_note.setText(self.tr(
            "Server profiles (host, login, web root, archive folder), their host keys and "
            "which one is the default are kept in the server dialog."))
        self.servers_button.setText(self.tr("Open the publishing servers…"))
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        save.setText(self.tr("Save"))
        close.setText(self.tr("Close"))

    def _open_servers(self) -> None:
        from desktop.ui.server_dialog import ServerDialog

        dialog = ServerDialog(self.session, self.lang, self)
        dialog.show()

    def _loaded(self, loaded: tuple[Settings, str]) -> None:
        self.current, catalogue = loaded
        for page in self.pages:
            page.load(self.current)
        self.catalogue.load_json(catalogue)
        self.setEnabled(True)

    def edited(self) -> Settings:
        result = self.current
        for page in self.pages:
            result = page.apply(result)
        return result

    def save(self) -> None:
        wanted = self.edited()
        found = [p for page in self.pages for p in page.own_problems()]
        found += settings_service.problems(wanted)
        for page in self.pages:
            page.show_problems(found)
        if found:
            first = next(i for i, p in enumerate(self.pages) if p.show_problems(found))
            self.tabs.setCurrentIndex(first)
            self.status.setText(
                self.tr("Not saved: 1 value needs changing (see the red field).")
                if len(found) == 1 else
                self.tr("Not saved: {n} values need changing (see the red fields).").format(
                    n=len(found)))
            return
        ctx, user, catalogue = self.ctx, self.session.user, self.catalogue.to_json()
        self.setEnabled(False)

        def work() -> list[str]:
            changed = settings_service.save_settings(ctx, user, wanted)
            settings_service.save_catalogue(ctx, user, catalogue)
            return changed

        task_runner().database(work, self._saved, self._failed)

    def _saved(self, changed: list[str]) -> None:
        self.current = self.edited()
        self.setEnabled(True)
        self.status.setText(self.tr("Saved."))
        self.saved.emit(changed)

    def _failed(self, failure: TaskFailure) -> None:
        self.setEnabled(True)
        if isinstance(failure.error, UserError):
            self.status.setText(failure.error.text(self.lang))
            return
        from desktop.ui.errors import show_bug

        show_bug(self, self.ctx.paths, failure.exc_info)


def open_settings(session: UserSession, lang: str,
                  parent: QWidget | None = None) -> SettingsDialog:
    """For the main window's menu (admins): the dialog, shown."""
    dialog = SettingsDialog(session, lang, parent)
    dialog.show()
    return dialog
