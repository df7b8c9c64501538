"""One racing process of the race test (spawned: its own interpreter and connections): a
webmaster at one PC doing ``actions`` random things to the shared queue — edit, move a
request on, sign as the director, publish, take down — while another process does the same.

Every outcome is recorded: done, refused with a UserError (its code: someone else got there
first, an edit from an older version, ...) or failed with anything else (a bug).  Accepted
edits report the token they appended, so the parent can prove no update was lost.

Before the random actions, a scripted part makes the race certain rather than likely: each
process takes a request of its own through every kind of action once (register, submit,
review, send, edit, decide, publish, take down: all must be done), then both processes
collide on purpose, meeting at a barrier before each clash — both edit one request from the
same version, both sign one request, both publish one request.  However the two are
scheduled, exactly one of each clash is done and the other is refused.
"""

from __future__ import annotations

import random
import traceback
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from threading import Barrier  # (a Manager's barrier is a proxy of this kind)
from typing import Any

WEIGHTS = {"edit": 40, "advance": 25, "decide": 12, "publish": 12, "take_down": 11}


@dataclass
class Outcomes:
    worker: int
    counts: Counter[str] = field(default_factory=Counter)
    edits: list[tuple[int, str]] = field(default_factory=list)     # (request, token)
    published: list[int] = field(default_factory=list)
    taken_down: list[int] = field(default_factory=list)
    bugs: list[str] = field(default_factory=list)
    scripted: Counter[str] = field(default_factory=Counter)     # "kind: done" / "kind: code"
    clashes: dict[str, str] = field(default_factory=dict)      # kind -> "done" or a code


def run(home: str, url: str, worker: int, webmaster: str, passwords: dict[str, str],
        profile: dict[str, Any], pdf: bytes, actions: int, seed: int,
        barrier: Barrier, clash: dict[str, int]) -> Outcomes:
    from desktop.domain.errors import UserError
    from desktop.paths import AppPaths
    from desktop.publish.credentials import CredentialStore
    from desktop.publish.profiles import ServerProfile
    from desktop.services import auth
    from desktop.services.context import AppContext

    ctx = AppContext.open(AppPaths.resolve(home, url), upgrade=False)
    rng = random.Random(seed)
    out = Outcomes(worker)
    try:
        actor = _Actor(ctx, auth.sign_in(ctx, webmaster, passwords[webmaster]),
                       auth.sign_in(ctx, "boss", passwords["boss"]), passwords["boss"],
                       ServerProfile.from_dict(profile), CredentialStore(use_default_backend=False),
                       pdf, rng, worker)
        _scripted(actor, out)
        _clashes(actor, out, barrier, clash)
        barrier.wait(timeout=600)
        names = list(WEIGHTS)
        for n in range(actions):
            what = rng.choices(names, [WEIGHTS[k] for k in names])[0]
            try:
                result = getattr(actor, what)(n)
            except UserError as refused:
                out.counts[f"{what}: {refused.code}"] += 1
                continue
            except Exception:  # noqa: BLE001 - a bug: the parent fails the test with it
                out.bugs.append(f"{what}: {traceback.format_exc()}")
                continue
            if result is None:
                out.counts[f"{what}: nothing to do"] += 1
                continue
            out.counts[f"{what}: done"] += 1
            if what == "edit":
                out.edits.append(result)
            elif what == "publish":
                out.published.append(result)
            elif what == "take_down":
                out.taken_down.append(result)
    finally:
        ctx.close()
    return out


def _outcome(step: Any) -> str:
    """"done", the code of the UserError that refused it, or "bug: ..." with the traceback."""
    from desktop.domain.errors import UserError

    try:
        step()
    except UserError as refused:
        return refused.code
    except Exception:  # noqa: BLE001 - a bug: the parent fails the test with it
        return "bug: " + traceback.format_exc()
    return "done"


def _scripted(actor: _Actor, out: Outcomes) -> None:
    """A request of this process's own through every kind of action (nobody else touches
    it: the random part picks among requests only after the barrier, and these are done)."""
    from desktop.domain.workflow import Action
    from desktop.services import requests as rq

    rid = actor.advance(-1, step="register")
    assert rid is not None
    out.scripted["advance: done"] += 1
    steps: list[tuple[str, Any]] = [
        ("edit", lambda: out.edits.append(actor.edit_one(rid, -1))),
        ("advance", lambda: rq.perform_action(actor.ctx, actor.web, rid, Action.SUBMIT)),
        ("advance", lambda: rq.perform_action(actor.ctx, actor.web, rid, Action.START_REVIEW)),
        ("advance", lambda: rq.perform_action(actor.ctx, actor.web, rid,
                                              Action.SEND_FOR_APPROVAL)),
        ("decide", lambda: actor.decide_one(rid, approve=True)),
        ("publish", lambda: actor.publish_one(rid)),
        ("take_down", lambda: actor.take_down_one(rid)),
    ]
    for kind, step in steps:
        outcome = _outcome(step)
        out.scripted[f"{kind}: {outcome}"] += 1


def _clashes(actor: _Actor, out: Outcomes, barrier: Barrier, clash: dict[str, int]) -> None:
    """Both processes at once on the same request: for the edit, both read the request
    before either writes, so one of the two writes is from an older version."""
    from desktop.services import requests as rq

    barrier.wait(timeout=600)
    current = rq.get_request(actor.ctx, actor.web, clash["edit"]).request
    barrier.wait(timeout=600)
    token = f"w{actor.worker}clash;"
    outcome = _outcome(lambda: rq.update_request(
        actor.ctx, actor.web, clash["edit"],
        current.with_changes(remarks=current.remarks + token)))
    out.clashes["edit"] = outcome
    if outcome == "done":
        out.edits.append((clash["edit"], f"w{actor.worker}clash"))
    barrier.wait(timeout=600)
    out.clashes["decide"] = _outcome(lambda: actor.decide_one(clash["decide"], approve=True))
    barrier.wait(timeout=600)
    out.clashes["publish"] = _outcome(lambda: actor.publish_one(clash["publish"]))


@dataclass
class _Actor:
    ctx: Any
    web: Any
    boss: Any
    boss_password: str
    profile: Any
    credentials: Any
    pdf: bytes
    rng: random.Random
    worker: int

    def _pick(self, *states: Any) -> int | None:
        """One of the few most recently changed requests in ``states`` (so that the two
        processes often want the same one)."""
        from desktop.services import requests as rq

        rows = rq.list_requests(self.ctx, rq.RequestQuery(states=states, limit=3))
        return self.rng.choice(rows).id if rows else None

    def edit(self, n: int) -> tuple[int, str] | None:
        from desktop.domain.workflow import EDITABLE_STATES

        rid = self._pick(*EDITABLE_STATES)
        if rid is None:
            return None
        return self.edit_one(rid, n)

    def edit_one(self, rid: int, n: int) -> tuple[int, str]:
        from desktop.services import requests as rq

        current = rq.get_request(self.ctx, self.web, rid).request
        token = f"w{self.worker}n{n}"
        rq.update_request(self.ctx, self.web, rid, current.with_changes(
            remarks=current.remarks + token + ";"))        # refused when stale: never lost
        return rid, token

    def advance(self, n: int, step: str = "") -> int | None:
        from desktop.domain.request import PublicationRequest, Requester
        from desktop.domain.workflow import Action, RequestState
        from desktop.services import requests as rq
        from desktop.services.attachments import attach_file

        step = step or self.rng.choice(("register", "submit", "review", "send"))
        if step == "register":
            rid = rq.register_request(self.ctx, self.web, PublicationRequest(
                title="ประกาศแข่งกันทำงาน", category="news", subcategory="general_news",
                summary="สรุปข่าว", body="ย่อหน้าแรก", source_owner="งานพัสดุ",
                period_start=date.today(), period_end=date.today(),
                publish_date=date.today(), expiry_date=date.today() + timedelta(days=30),
                requester=Requester(name="นาย ก", unit="งานพัสดุ")))
            attach_file(self.ctx, self.web, rid, "ประกาศ.pdf", self.pdf)
            return rid
        state, action = {"submit": (RequestState.DRAFT, Action.SUBMIT),
                         "review": (RequestState.SUBMITTED, Action.START_REVIEW),
                         "send": (RequestState.IN_REVIEW, Action.SEND_FOR_APPROVAL)}[step]
        picked = self._pick(state)
        if picked is None:
            return None
        rq.perform_action(self.ctx, self.web, picked, action)
        return picked

    def decide(self, n: int) -> int | None:
        from desktop.domain.workflow import RequestState

        rid = self._pick(RequestState.AWAITING_APPROVAL)
        if rid is None:
            return None
        return self.decide_one(rid, approve=self.rng.random() < 0.85)

    def decide_one(self, rid: int, approve: bool) -> int:
        from desktop.services.signoff import Decision, decide

        decision = Decision.APPROVE if approve else Decision.REQUEST_CHANGES
        decide(self.ctx, self.boss, rid, decision, self.boss_password,
               reason="" if decision == Decision.APPROVE else "ขอแก้ไขถ้อยคำ")
        return rid

    def publish(self, n: int) -> int | None:
        from desktop.domain.workflow import RequestState

        rid = self._pick(RequestState.APPROVED)
        if rid is None:
            return None
        return self.publish_one(rid)

    def publish_one(self, rid: int) -> int:
        from desktop.services.publishing import publish_request

        publish_request(self.ctx, self.web, rid, self.profile, self.credentials)
        return rid

    def take_down(self, n: int) -> int | None:
        from desktop.domain.workflow import RequestState

        rid = self._pick(RequestState.PUBLISHED)
        if rid is None:
            return None
        return self.take_down_one(rid)

    def take_down_one(self, rid: int) -> int:
        from desktop.services.takedowns import take_down_request

        take_down_request(self.ctx, self.web, rid, self.profile, self.credentials,
                          "ครบกำหนด")
        return rid
