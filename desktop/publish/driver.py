"""Drive many :class:`~desktop.publish.transfer.FileUpload` s over one or more lanes.

:func:`run_uploads` keeps up to ``max_files`` files and ``window_bytes`` of data in flight on
each lane, takes lanes that finish opening in the background, and after a dropped link still
handles the replies that had arrived (the resume point is where the server really got).
"""

from __future__ import annotations

import select
import threading
from collections import deque
from collections.abc import Callable, Sequence

import paramiko

from desktop.publish.transfer import (
    CHUNK,
    MAX_FILES_IN_FLIGHT,
    WINDOW_BYTES,
    FileUpload,
    Lane,
)


class Cancelled(Exception):  # noqa: N818 - internal signal, never shown to a user
    """The cancel event was set while uploading."""


def run_uploads(lanes: Sequence[Lane], uploads: Sequence[FileUpload], *,
                more_lanes: Callable[[], list[Lane]] | None = None,
                cancel: threading.Event | None = None, window_bytes: int = WINDOW_BYTES,
                max_files: int = MAX_FILES_IN_FLIGHT, reply_timeout: float = 60.0) -> None:
    """Drive every upload to completion (or raise; in-flight replies are then abandoned).

    ``more_lanes()`` hands over lanes that became ready meanwhile (connections opened in the
    background); big files still being sent are striped onto them too."""
    waiting = deque(uploads)
    active: list[FileUpload] = []
    lanes = list(lanes)
    try:
        while waiting or active:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            for lane in more_lanes() if more_lanes is not None else []:
                lanes.append(lane)
                for upload in active:
                    upload.add_lane(lane)
            # with several lanes (or more to come) a send must never wait for a window
            single = len(lanes) == 1 and more_lanes is None
            while waiting and len(active) < max_files:
                lane = min(lanes, key=lambda candidate: candidate.pipe.outstanding_cost)
                if lane.pipe.outstanding_cost >= window_bytes:
                    break
                upload = waiting.popleft()
                upload.open(lane, [other for other in lanes if other is not lane])
                active.append(upload)
            for lane in lanes:
                while (lane.ready and lane.pipe.outstanding_cost < window_bytes
                       and (single or lane.pipe.send_capacity() > CHUNK + 1024)):
                    upload = lane.ready[0]
                    upload.send_next(lane)
                    if not upload.ready_on(lane):
                        lane.ready.popleft()
                while lane.ready and lane.ready[0].all_data_sent:   # the closing requests
                    upload = lane.ready.popleft()        # need no room in the window: sent
                    upload.send_next(lane)               # now, not after the last replies
                    if upload.ready_on(lane):
                        lane.ready.appendleft(upload)
                        break
            _pump_any(lanes, reply_timeout)
            if active and any(upload.done for upload in active[:8]):
                active = [upload for upload in active if not upload.done]
        for lane in lanes:
            lane.pipe.drain()
    except (EOFError, OSError, paramiko.SSHException):
        _salvage(lanes)             # replies that arrived before the link dropped still count
        raise
    finally:
        for upload in [*active, *waiting]:
            upload.abandon()


def _salvage(lanes: Sequence[Lane]) -> None:
    """After a dropped link: handle the replies already received (acknowledged writes and
    read-backs), so that the verified prefix of each file — the resume point — is as far as
    the server really got.  A sender blocked on the flow-control window never read them."""
    for lane in lanes:
        try:
            while lane.pipe.in_flight and lane.pipe.reply_ready():
                lane.pipe.pump()
        except Exception:  # noqa: BLE001, S112 - the rest of the buffer is unusable
            continue


def _pump_any(lanes: Sequence[Lane], timeout: float) -> None:
    """Handle at least one reply, from whichever lane has one."""
    busy = [lane for lane in lanes if lane.pipe.in_flight]
    if not busy:
        if any(lane.ready for lane in lanes):
            return
        raise RuntimeError("uploads stalled with nothing in flight")
    if len(busy) == 1:
        busy[0].pipe.pump()
        return
    pumped = False
    for lane in busy:
        while lane.pipe.in_flight and lane.pipe.reply_ready():
            lane.pipe.pump()
            pumped = True
    if pumped:
        return
    for lane in busy:
        lane.pipe.flush()
    readable, _, _ = select.select([lane.pipe.channel for lane in busy], [], [], timeout)
    if not readable:
        raise TimeoutError("the server stopped answering")
    for lane in busy:
        if lane.pipe.channel in readable:
            lane.pipe.pump()
