"""The window side of bench_scale.py (a process of its own, offscreen Qt):

    python tests/bench/bench_scale_window.py HOME URL ROUNDS LIVE_CHANGES

Prints one JSON object (seconds, medians of ROUNDS; ROUNDS 0: the start only):

- start_to_painted_queue (from the process's spawn, env BENCH_SPAWNED, the password hash left
  out), window_to_painted_queue, password_hash;
- for thai_filter, sort_due and open_detail: the window from the user's action until the
  result has painted; ``bare_<step>``: a hand-written screen (bench_scale_bare.BareScreen, the
  same process) running the bare SQL for the same page and painting it; ``data_<step>``: the
  service calls the window makes for that step, run directly; ``sql_<step>``: the bare SQL
  alone (warm connection) — each data/sql pair back to back, once the window's own
  background work of the round (preview, thumbnails) has ended, five pairs a round for
  sort_due and open_detail;
- live_delay (median), live_delay_max, live_missed over LIVE_CHANGES requests registered by
  another process;
- peak_memory_mb (VmHWM at the end) and memory_after_start_mb.
"""

from __future__ import annotations

import gc
import os
import sys
import time

SPAWNED = float(os.environ["BENCH_SPAWNED"])
# The app's policy for Python's cyclic garbage collector (desktop/ui/app.py run_gui): paused
# from the start, then run from a GUI-thread timer (ui/collector.py, started below as soon as
# there is an application), never automatically.  Left on, it collected for ~0.1 s during the
# start's imports here, which the app does not do.
gc.disable()

import json  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
from collections.abc import Callable  # noqa: E402
from functools import partial  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop.ui.feature_scan import skip_source_scan  # noqa: E402

skip_source_scan()                                     # as desktop/ui/app.py run_gui does

from tests.bench.bench_scale_bare import (  # noqa: E402
    WORD,
    BareScreen,
    bare_queries,
    run_statements,
)

WRITER = r"""
import sys, time
sys.path.insert(0, sys.argv[3])
from desktop.domain.request import PublicationRequest, Requester
from desktop.paths import AppPaths
from desktop.services import auth
from desktop.services import requests as rq
from desktop.services.context import AppContext
ctx = AppContext.open(AppPaths.resolve(sys.argv[1], sys.argv[2]), upgrade=False)
ctx.workstation = "bench-other-pc"
user = auth.sign_in(ctx, "writer", "writer-pass-1")
for n in range(int(sys.argv[4])):
    time.sleep(1.0)
    rid = rq.register_request(ctx, user, PublicationRequest(
        title=f"คำขอจากอีกเครื่อง {n}", requester=Requester(name="ก", unit="ข")))
    print(rid, time.monotonic(), flush=True)
ctx.close()
"""


def memory_mb() -> float:
    """This process's peak resident memory (VmHWM).  Not ru_maxrss: Linux carries that over
    from before exec, i.e. from the parent that forked us (it holds the seeded archive)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Painted(QObject):
    """Ends a wait at the first paint of a widget after ``start()`` once ``ready()`` holds."""

    def __init__(self, *widgets: QWidget) -> None:
        super().__init__()
        self.loop: QEventLoop | None = None
        self.ready: Callable[[], bool] = lambda: True
        self.at = 0.0
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self.loop is not None and self.ready():
            self.at = time.monotonic()
            self.loop.quit()
        return False

    def wait(self, start: Callable[[], object], ready: Callable[[], bool] = lambda: True
             ) -> float:
        """Seconds from ``start()`` to the first paint after ``ready()`` holds."""
        self.loop, self.ready = QEventLoop(), ready
        began = time.monotonic()
        start()
        QTimer.singleShot(120_000, self.loop.quit)
        self.loop.exec()
        self.loop = None
        if self.at < began:
            raise RuntimeError("no paint within two minutes")
        return self.at - began


def timed(run: Callable[[], object]) -> float:
    began = time.perf_counter()
    run()
    return time.perf_counter() - began


def main() -> None:
    home, url, rounds, changes = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    app = QApplication(sys.argv[:1])
    from desktop.ui.collector import GuiThreadCollector

    collector = GuiThreadCollector(app)    # cycles collected on the GUI thread only, as in
    collector.start()                      # the app (its timer runs with the event loop)
    from desktop.paths import AppPaths
    from desktop.services.user_session import UserSession
    from desktop.ui.fonts import apply_app_font
    from desktop.ui.main_window import MainWindow
    from desktop.ui.none_refcount import guard
    from desktop.ui.startup import open_profile

    apply_app_font(app)
    guard(app)
    # as the app (desktop/ui/startup.py): on SQLite at the newest schema, opened without the
    # database layer, which the window's first job after the first page loads
    ctx, _first_run = open_profile(AppPaths.resolve(home, url), "th")
    hashed = time.monotonic()
    session = UserSession.sign_in(ctx, "web", "web-pass-1")
    password_hash = time.monotonic() - hashed
    built = time.monotonic()
    window = MainWindow(session, "th")
    table_paint = Painted(window.table.viewport())
    window.tabs.setCurrentWidget(window.queue_page)   # (a webmaster's window opens on Home)
    table_paint.wait(window.show, lambda: window.model.rowCount() > 0)
    results: dict[str, float] = {
        "start_to_painted_queue": table_paint.at - SPAWNED - password_hash,
        "window_to_painted_queue": table_paint.at - built, "password_hash": password_hash,
        "memory_after_start_mb": memory_mb()}
    if rounds == 0:                   # the start alone (bench_scale.py takes a median)
        window.live.stop()
        print(json.dumps(results))
        sys.stdout.flush()
        os._exit(0)
    bare = BareScreen(url)
    bare.window.show()
    results |= steps(window, table_paint, bare, rounds)
    bare.close()
    results |= live_delays(window, home, url, changes)
    results["peak_memory_mb"] = memory_mb()
    window.live.stop()
    print(json.dumps(results))
    sys.stdout.flush()
    os._exit(0)


# data/sql pairs timed per round for the quick steps (a millisecond or less: one preemption
# of this process on a loaded box is several times that, so one pair a round is noise)
PAIRS = {"sort_due": 5, "open_detail": 5}


def steps(window: Any, table_paint: Painted, bare: BareScreen, rounds: int) -> dict[str, float]:
    """Each step in the window, in the bare screen, as the window's service calls and as bare
    SQL, interleaved round by round (the machine's load falls on all of them alike)."""
    from desktop.services import requests as rq
    from desktop.services.next_actor import who_acts_next
    from desktop.ui.request_table_model import RequestTableModel

    queue, ctx, user = window.queue, window.ctx, window.user
    detail_paint = Painted(window.detail.view.viewport())
    bare_table, bare_text = Painted(bare.table.viewport()), Painted(bare.text.viewport())
    loaded = {"queue": 0, "detail": 0}
    window.queue_loaded.connect(lambda _l: loaded.__setitem__("queue", loaded["queue"] + 1))
    window.detail_loaded.connect(lambda _d: loaded.__setitem__("detail", loaded["detail"] + 1))

    def reload_after(change: Callable[[], object]) -> float:
        seen = loaded["queue"]
        return table_paint.wait(change, lambda: loaded["queue"] > seen)

    def search(text: str) -> Callable[[], object]:
        def run() -> None:
            queue.search.setText(text)
            queue._search_timer.stop()         # the typing debounce is not measured
            queue.refresh()
        return run

    def default_order() -> None:
        queue.sort_key, queue.sort_descending = "updated", True
        header = queue.table.horizontalHeader()
        header.setSortIndicator(-1, header.sortIndicatorOrder())
        queue.refresh()

    def filter_data() -> None:        # what QueueView.refresh loads for a search
        query = rq.RequestQuery(text=WORD)
        rq.list_requests(ctx, query)
        rq.count_requests(ctx, query)
        rq.count_requests(ctx, rq.RequestQuery(due_by=ctx.today()))

    def detail_data(request_id: int) -> None:     # what MainWindow.load_detail loads
        who_acts_next(ctx, user, rq.get_request(ctx, user, request_id))

    def detail_after(seen: int) -> bool:
        return loaded["detail"] > seen

    sort_query = rq.RequestQuery(sort="due", descending=False)
    samples: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        samples.setdefault(name, []).append(value)

    for n in range(rounds + 1):           # round 0 warms up and is left out
        add("thai_filter", reload_after(search(WORD)))
        add("bare_thai_filter", bare_table.wait(lambda: bare.show_page("thai_filter")))
        reload_after(search(""))
        add("sort_due", reload_after(lambda: queue.sort_by_column(RequestTableModel.DUE)))
        add("bare_sort_due", bare_table.wait(lambda: bare.show_page("sort_due")))
        reload_after(default_order)
        row = 5 + 7 * n
        request_id = window.model.row_at(row).id
        seen = loaded["detail"]
        add("open_detail", detail_paint.wait(partial(window.table.selectRow, row),
                                             partial(detail_after, seen)))
        add("bare_open_detail", bare_text.wait(partial(bare.show_detail, request_id)))
        statements = bare_queries(bare.url, request_id)
        data: dict[str, Callable[[], object]] = {
            "thai_filter": filter_data, "sort_due": partial(rq.list_requests, ctx, sort_query),
            "open_detail": partial(detail_data, request_id)}
        settle()
        for step in ("thai_filter", "sort_due", "open_detail"):    # each pair back to back
            for _ in range(PAIRS.get(step, 1)):
                add(f"data_{step}", timed(data[step]))
                add(f"sql_{step}", timed(partial(run_statements, bare.connection,
                                                 statements[step])))
    return {name: statistics.median(values[warm_up(name):]) for name, values in samples.items()}


def warm_up(name: str) -> int:
    """How many of a figure's first samples are round 0's (the warm-up, left out)."""
    kind, _, step = name.partition("_")
    return PAIRS.get(step, 1) if kind in ("data", "sql") else 1


def settle() -> None:
    """Until the window has finished what the last step started (the detail's preview and
    thumbnails load on its worker threads after the detail has painted): the service calls
    and the bare SQL are then timed alike, not one of them beside the window's own work."""
    from desktop.ui.tasks import task_runner

    runner, quiet = task_runner(), 0
    for _ in range(600):                 # at most a minute
        pause = QEventLoop()
        QTimer.singleShot(50, pause.quit)    # (the preview starts from a timer after paint)
        pause.exec()
        quiet = quiet + 1 if runner.running() == 0 else 0
        if quiet >= 2:
            return


def live_delays(window: Any, home: str, url: str, changes: int) -> dict[str, float]:
    """Another process registers ``changes`` requests a second apart; for each, the time from
    its commit until this window's queue holds it."""
    model = window.model
    seen: dict[int, float] = {}

    def note(_loaded: object) -> None:
        now = time.monotonic()
        for row in range(min(model.rowCount(), 50)):
            item = model.row_at(row)
            if item is not None:
                seen.setdefault(item.id, now)

    note(None)
    known = set(seen)
    window.queue_loaded.connect(note)
    with tempfile.TemporaryFile("w+") as out:
        writer = subprocess.Popen([sys.executable, "-c", WRITER, home, url, str(ROOT),
                                   str(changes)], stdout=out, text=True)
        loop = QEventLoop()
        timer = QTimer()
        timer.timeout.connect(lambda: loop.quit() if writer.poll() is not None else None)
        timer.start(200)
        loop.exec()
        timer.stop()
        settle = QEventLoop()
        QTimer.singleShot(5000, settle.quit)     # the last change's reload
        settle.exec()
        out.seek(0)
        committed = [line.split() for line in out.read().splitlines() if line.strip()]
    delays = [seen[int(rid)] - float(at) for rid, at in committed
              if int(rid) in seen and int(rid) not in known]
    missing = len(committed) - len(delays)
    return {"live_delay": statistics.median(delays) if delays else float("nan"),
            "live_delay_max": max(delays) if delays else float("nan"),
            "live_missed": float(missing)}


if __name__ == "__main__":
    main()
