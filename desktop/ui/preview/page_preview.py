"""The item's web page as the site will show it, at desktop and at phone width.

``set_page(item, contents)`` writes exactly the files that will be uploaded (``page_bundle``)
into a private temporary folder and shows its ``index.html`` in a QTextBrowser (no WebEngine);
"Open in browser" opens that same folder's page in the user's real browser.
"""

from __future__ import annotations

import atexit
import shutil
from dataclasses import replace
from functools import partial
from pathlib import Path

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImageReader
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.services import scratch_folders
from desktop.services.page_preview import PageItem, SiteConfig, page_bundle, render_page

PHONE_WIDTH = 390
DESKTOP_WIDTH = 1100


class PageBrowser(QTextBrowser):
    """A QTextBrowser for the page; ``width_changed`` fires (once a resize settles) when the
    width moved enough that the photos should be sized again, as the responsive CSS would."""

    width_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.laid_out_width = 0

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        super().resizeEvent(event)  # type: ignore[arg-type]
        if abs(self.viewport().width() - self.laid_out_width) > 24:
            QTimer.singleShot(0, self.width_changed.emit)


class PagePreviewWidget(QWidget):
    page_written = Signal(object)   # the folder (Path) holding exactly what will be uploaded

    def __init__(self, site: SiteConfig | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.site = site or SiteConfig()
        self.browser = PageBrowser(self)
        self.frame = QScrollArea(self)
        self.frame.setWidget(self.browser)
        self.frame.setWidgetResizable(True)
        self.desktop_button = QPushButton(self.tr("Desktop"), self)
        self.phone_button = QPushButton(self.tr("Phone"), self)
        self.open_button = QPushButton(self.tr("Open in browser"), self)
        group = QButtonGroup(self)
        for button in (self.desktop_button, self.phone_button):
            button.setCheckable(True)
            group.addButton(button)
        self.desktop_button.setChecked(True)
        row = QHBoxLayout()
        for button in (self.desktop_button, self.phone_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.frame, 1)
        self.desktop_button.clicked.connect(lambda: self.set_width_mode("desktop"))
        self.phone_button.clicked.connect(lambda: self.set_width_mode("phone"))
        self.open_button.clicked.connect(self.open_in_browser)
        self.browser.width_changed.connect(self._show)
        self._temp: Path | None = None      # made when a page is first shown
        self.folder: Path | None = None
        self.mode = "desktop"
        self._item = PageItem(slug="", title="")

    def _temp_folder(self) -> Path:
        """This preview's own temporary folder, removed when the widget is destroyed or, at
        the latest, when the program ends (a widget still alive then is never destroyed); one
        a killed program left, at the next start (:func:`scratch_folders.remove_stale`)."""
        if self._temp is None:
            temp = self._temp = scratch_folders.make()
            cleanup = partial(shutil.rmtree, str(temp), True)
            atexit.register(cleanup)
            # (not self in the lambda: the Python wrapper may be gone when this runs)
            self.destroyed.connect(lambda *_: cleanup())
        return self._temp

    def set_page(self, item: PageItem, contents: dict[str, bytes]) -> Path:
        """Show ``item``; ``contents`` maps each photo/file ``web_name`` to its published bytes."""
        bundle = page_bundle(item, self.site, contents)
        folder = self._temp_folder() / "page"
        if folder.exists():
            shutil.rmtree(folder)
        for relative, data in bundle.items():
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, Path):
                shutil.copyfile(data, target)
            else:
                target.write_bytes(data)
        self.folder = folder
        self._item = item
        self._show()
        self.page_written.emit(folder)
        return folder

    def clear(self) -> None:
        """No page (the request it showed is not selected any more)."""
        self.folder = None
        self.browser.clear()

    def set_width_mode(self, mode: str) -> None:
        self.mode = mode
        if mode == "phone":
            self.browser.setFixedWidth(PHONE_WIDTH)
            self.phone_button.setChecked(True)
        else:
            self.browser.setMinimumWidth(0)
            self.browser.setMaximumWidth(16_777_215)
            self.desktop_button.setChecked(True)
        self._show()

    def _show(self) -> None:
        if self.folder is None:
            return
        self.browser.laid_out_width = self.browser.viewport().width()
        room = max(120, self.browser.laid_out_width - 40)
        photos = []
        for photo in self._item.photos:   # sized to fit here, as max-width: 100% would do
            size = QImageReader(str(self.folder / self.site.files_dir / photo.web_name)).size()
            width, height = (size.width(), size.height()) if size.isValid() else (0, 0)
            if width > room:
                width, height = room, max(1, round(height * room / width))
            photos.append(replace(photo, width=width, height=height))
        html = render_page(replace(self._item, photos=tuple(photos)), self.site)
        bar = self.browser.verticalScrollBar()
        position = bar.value()
        document = self.browser.document()
        document.clear()
        document.setBaseUrl(QUrl.fromLocalFile(str(self.folder) + "/"))
        self.browser.setSearchPaths([str(self.folder)])    # where "files/…" links resolve
        self.browser.setHtml(html)
        bar.setValue(position)

    def index_file(self) -> Path | None:
        return self.folder / "index.html" if self.folder else None

    def open_in_browser(self) -> bool:
        index = self.index_file()
        if index is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(index)))
