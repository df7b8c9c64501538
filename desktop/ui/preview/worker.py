"""Loading previews off the GUI thread, through the task runner's render lane.

Each request gets a token; a result whose token is not the latest is dropped, so clicking
through files quickly never shows a stale preview.  Workers never touch a widget.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImageReader

from desktop.domain.file_policy import FilePolicy
from desktop.domain.messages import Localized
from desktop.services.file_preview import RenderCache
from desktop.ui.preview.loaders import Preview, PreviewFile, UnreadablePreview, load_preview
from desktop.ui.tasks import TaskFailure, task_runner


@dataclass(frozen=True)
class PreviewLoaded:
    token: int
    preview: Preview


class PreviewLoader(QObject):
    """``request(file)`` starts loading; ``loaded`` carries a :class:`PreviewLoaded`."""

    loaded = Signal(PreviewLoaded)
    busy_changed = Signal(bool)

    def __init__(self, policy: FilePolicy | None = None, cache: RenderCache | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        QImageReader.supportedImageFormats()   # load the image plugins here, in the GUI thread
        self.policy = policy or FilePolicy()
        self.cache = cache
        self._token = 0
        self._pending: set[int] = set()

    @property
    def busy(self) -> bool:
        """Some requested preview has not come back yet (a stale one too)."""
        return bool(self._pending)

    def request(self, file: PreviewFile) -> int:
        self._token += 1
        token = self._token
        self._pending.add(token)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        policy = self.policy
        task_runner().render(lambda: load_preview(file, policy),
                             lambda preview: self._deliver(token, preview),
                             lambda failure: self._deliver(token, _unreadable(file, failure)),
                             owner=self)
        return token

    def forget(self) -> None:
        """What was asked so far is not wanted any more: it is dropped when it comes."""
        self._token += 1

    def _deliver(self, token: int, preview: Preview) -> None:
        self._pending.discard(token)
        if not self._pending:
            self.busy_changed.emit(False)
        if token == self._token:
            self.loaded.emit(PreviewLoaded(token, preview))


def _unreadable(file: PreviewFile, failure: TaskFailure) -> Preview:
    """load_preview never raises; should it, the viewer still shows a message."""
    name = type(failure.error).__name__
    return UnreadablePreview(file.display_name, 0, file.sha256, Localized(
        f"แสดงตัวอย่างไม่ได้ ({name})", f"Cannot preview ({name})"))
