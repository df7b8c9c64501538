"""Loading previews off the GUI thread: QThreadPool + QRunnable, results back through a signal.

Each request gets a token; a result whose token is not the latest is dropped, so clicking
through files quickly never shows a stale preview.  Workers never touch a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtGui import QImageReader

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
        QImageReader.supportedImageFormats()   # load the image plugins here, in the GUI thread
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


class _CallJob(QRunnable):
    def __init__(self, token: int, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.token, self.work, self.relay = token, work, relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.work()
        except Exception:  # noqa: BLE001  (a missing thumbnail is not worth a dialog)
            result = None
        self.relay.done.emit((self.token, result))


class BackgroundCalls(QObject):
    """Run small functions in a pool; ``finished`` carries ``(token, result or None)``."""

    finished = Signal(object, object)

    def __init__(self, parent: QObject | None = None, threads: int = 1) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._relays: dict[int, _Relay] = {}
        self._next = 0

    def start(self, token: object, work: Callable[[], Any]) -> None:
        self._next += 1
        key = self._next
        relay = _CallRelay(self, key, token)
        self._relays[key] = relay
        self.pool.start(_CallJob(key, work, relay))

    def _deliver(self, key: int, token: object, result: object) -> None:
        self._relays.pop(key, None)
        self.finished.emit(token, result)


class _CallRelay(_Relay):
    """Lives in the GUI thread: the worker's emit is queued here, and nothing is delivered to
    an owner that was deleted meanwhile (a viewer closed while its thumbnail was made)."""

    def __init__(self, owner: BackgroundCalls, key: int, token: object) -> None:
        super().__init__()
        self._owner, self._key, self._token = owner, key, token
        self.done.connect(self._arrived)

    @Slot(object)
    def _arrived(self, pair: object) -> None:
        owner = self._owner
        if not shiboken6.isValid(owner):
            return
        assert isinstance(pair, tuple)
        owner._deliver(self._key, self._token, pair[1])
