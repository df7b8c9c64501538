"""What each racing process does (spawned: a fresh interpreter, its own connections)."""

from __future__ import annotations

from multiprocessing.synchronize import Barrier

from desktop.domain.errors import UserError
from desktop.paths import AppPaths
from desktop.services import auth
from desktop.services import requests as rq
from desktop.services.context import AppContext


def _open(home: str, url: str) -> AppContext:
    return AppContext.open(AppPaths.resolve(home, url), upgrade=False)


def guess_password(home: str, url: str, username: str, barrier: Barrier) -> str:
    ctx = _open(home, url)
    try:
        barrier.wait()
        try:
            auth.sign_in(ctx, username, "not-the-password")
        except UserError as exc:
            return exc.code
        return "signed in"
    finally:
        ctx.close()


def edit_many(home: str, url: str, username: str, password: str, request_id: int, tag: str,
              times: int, barrier: Barrier) -> int:
    """Append ``tag-N;`` to the remarks ``times`` times, reloading after a stale edit;
    returns how many stale edits were refused (and redone)."""
    ctx = _open(home, url)
    refused = 0
    try:
        user = auth.sign_in(ctx, username, password)
        barrier.wait()
        for n in range(times):
            while True:
                current = rq.get_request(ctx, user, request_id).request
                try:
                    rq.update_request(ctx, user, request_id, current.with_changes(
                        remarks=current.remarks + f"{tag}-{n};"))
                    break
                except UserError as exc:
                    if exc.code != "stale_edit":
                        raise
                    refused += 1
        return refused
    finally:
        ctx.close()


def register_many(home: str, url: str, username: str, password: str, times: int,
                  barrier: Barrier) -> list[int]:
    from desktop.domain.request import PublicationRequest

    ctx = _open(home, url)
    try:
        user = auth.sign_in(ctx, username, password)
        barrier.wait()
        return [rq.register_request(ctx, user, PublicationRequest(title=f"คำขอพร้อมกัน {n}"))
                for n in range(times)]
    finally:
        ctx.close()
