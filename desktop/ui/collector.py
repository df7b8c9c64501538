"""Python's cyclic garbage collector, run on the GUI thread only.

Left to itself, Python collects cycles in whichever thread happens to allocate past the
threshold — in the app that is as often a task runner's worker (the database worker builds
thousands of objects per page) as the GUI thread.  Whatever garbage that collection finds is
freed *there*: a dialog's Python wrapper in a reference cycle, a QObject a finished job left
behind, are then destroyed in a worker thread while the GUI thread may be using them, and Qt
crashes (the task runner's own rule, docs/architecture.md, keeps a job's objects out of the
workers; this keeps everything else out).  The well-known remedy in PyQt/PySide code bases
(e.g. Spyder's and OpenCue's ``GarbageCollector``): switch automatic collection off and
collect from a timer on the GUI thread, generation by generation, when the same thresholds
Python would have used are passed.  Reference counting frees everything that is not in a
cycle at once, in whatever thread drops it, as before.

:class:`GuiThreadCollector` does that; ``desktop/ui/app.py`` starts it after the sign-in
screen's first paint (until then collection is paused: see ``run_gui``) and stops it, with
automatic collection back on, when the app's event loop ends.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500        # how often the thresholds are looked at (only while the loop runs)


class GuiThreadCollector(QObject):
    """Collects on the GUI thread's timer; automatic collection is off while it runs."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._was_enabled = False
        self.collections = [0, 0, 0]     # how many of each generation it ran (for tests)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        """Automatic collection off; collect from now on from the timer."""
        if self.running:
            return
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """The timer off, and automatic collection as it was before :meth:`start`."""
        if not self.running:
            return
        self._timer.stop()
        if self._was_enabled:
            gc.enable()

    def check(self) -> None:
        """Collect the generations whose counts passed Python's thresholds (young first:
        an older one is collected only when it is due as well, as Python itself does)."""
        young, middle, old = gc.get_count()
        if young <= self._thresholds[0]:
            return
        generation = 0
        if middle > self._thresholds[1]:
            generation = 2 if old > self._thresholds[2] else 1
        gc.collect(generation)
        self.collections[generation] += 1
