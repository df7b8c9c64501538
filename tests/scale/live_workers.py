"""What "another PC" does in the live-update tests (a spawned process: its own interpreter
and connections)."""

from __future__ import annotations

from desktop.domain.request import PublicationRequest, Requester
from desktop.paths import AppPaths
from desktop.services import auth
from desktop.services import requests as rq
from desktop.services.context import AppContext


def register_and_edit(home: str, url: str, username: str, password: str,
                      titles: list[str]) -> list[int]:
    """Register each title and edit it once: two changes per request; returns the ids."""
    ctx = AppContext.open(AppPaths.resolve(home, url), upgrade=False)
    try:
        user = auth.sign_in(ctx, username, password)
        made = []
        for title in titles:
            rid = rq.register_request(ctx, user, PublicationRequest(
                title=title, category="news", subcategory="general_news",
                requester=Requester(name="ผู้ขอ", unit="หน่วยงาน")))
            current = rq.get_request(ctx, user, rid).request
            rq.update_request(ctx, user, rid, current.with_changes(remarks="แก้ไขจากอีกเครื่อง"))
            made.append(rid)
        return made
    finally:
        ctx.close()
