"""Loading previews off the GUI thread: QThreadPool + QRunnable, results back through a signal.

Each request gets a token; a result whose token is not the latest is dropped, so clicking
through files quickly never shows a stale preview.  Workers never touch a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from desktop.domain.file_policy import FilePolicy
from desktop.domain.messages import Localized
from desktop.files.render_cache import RenderCache
from desktop.ui.preview.loaders import Preview, PreviewFile, UnreadablePreview, load_preview


@dataclass(frozen=True)
class PreviewLoaded:
    token: int
    preview: Preview


class _Relay(QObject):
    done = Signal(object)


class _LoadJob(QRunnable):
    def __init__(self, token: int, work: Callable[[], Preview], relay: _Relay,
                 fallback: Callable[[BaseException], Preview]) -> None:
        super().__init__()
        self.token, self.work, self.relay, self.fallback = token, work, relay, fallback
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            preview = self.work()
        except BaseException as error:  # noqa: BLE001  (load_preview should not raise; be sure)
            preview = self.fallback(error)
        self.relay.done.emit(PreviewLoaded(self.token, preview))


class PreviewLoader(QObject):
    """``request(file)`` starts loading; ``loaded`` carries a :class:`PreviewLoaded`."""

    loaded = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, policy: FilePolicy | None = None, cache: RenderCache | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.policy = policy or FilePolicy()
        self.cache = cache
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._token = 0
        self._relays: dict[int, _Relay] = {}

    @property
    def latest_token(self) -> int:
        return self._token

    def request(self, file: PreviewFile) -> int:
        self._token += 1
        token = self._token
        relay = _Relay()
        relay.done.connect(self._deliver)
        self._relays[token] = relay
        if len(self._relays) == 1:
            self.busy_changed.emit(True)

        def fallback(error: BaseException) -> Preview:
            return UnreadablePreview(file.display_name, 0, file.sha256, Localized(
                f"แสดงตัวอย่างไม่ได้ ({type(error).__name__})",
                f"Cannot preview ({type(error).__name__})"))

        self.pool.start(_LoadJob(token, lambda: load_preview(file, self.policy, self.cache),
                                 relay, fallback))
        return token

    @Slot(object)
    def _deliver(self, result: Any) -> None:
        assert isinstance(result, PreviewLoaded)
        self._relays.pop(result.token, None)
        if not self._relays:
            self.busy_changed.emit(False)
        if result.token == self._token:
            self.loaded.emit(result)

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)
