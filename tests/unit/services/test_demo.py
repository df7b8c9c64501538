"""desktop.services.demo: ``seed-demo`` — demo users and requests in every state, only into an
empty profile (a profile with real users is refused; seeding again does nothing).
(The CLI round trip with --reset: tests/install/test_demo_and_tour.py.)"""

from __future__ import annotations

import io

import pytest

from desktop.domain.errors import UserError
from desktop.domain.users import check_password_rule
from desktop.domain.workflow import RequestState
from desktop.services import auth
from desktop.services import requests as rq
from desktop.services.audit_log import verify_all
from desktop.services.context import AppContext
from desktop.services.demo import ADMIN_PASSWORD, demo_accounts, is_demo_profile, seed_demo
from tests.unit.reports.test_report_cli import foreign_words
from tests.unit.services.support import assert_refusal, sqlite_only


def test_the_demo_accounts_are_usable() -> None:
    accounts = demo_accounts()
    names = [name for name, *_rest in accounts]
    assert names == ["admin", "somchai", "somsri", "director", "head", "scheduler"]
    assert accounts[0][1] == ADMIN_PASSWORD
    for _name, password, roles, full_name in accounts:
        check_password_rule(password)
        assert roles and full_name
    assert dict((n, r) for n, _p, r, _f in accounts)["scheduler"] == "scheduler"


@sqlite_only
def test_a_profile_with_real_users_is_refused(ctx: AppContext, people) -> None:  # noqa: ANN001
    with pytest.raises(UserError) as caught:
        seed_demo(ctx, io.StringIO())
    assert_refusal(caught.value, "demo_needs_empty_profile")
    assert not is_demo_profile(ctx) and auth.count_users(ctx) == 5


@sqlite_only
def test_an_empty_profile_gets_requests_in_every_state_once(ctx: AppContext) -> None:
    out = io.StringIO()
    people = seed_demo(ctx, out)
    assert people is not None and set(people) == {name for name, *_ in demo_accounts()}
    assert is_demo_profile(ctx) and ctx.setting("agency_name")
    states = {r.state for r in rq.list_requests(ctx, rq.RequestQuery())}
    assert states == set(RequestState)
    assert ctx.lang == "th"                      # what seed-demo prints: Thai, but for names
    assert "director-demo-1" in out.getvalue() and "สร้างคำขอตัวอย่าง 12 รายการ" in out.getvalue()
    assert foreign_words(out.getvalue(), "th", [w for a in demo_accounts() for w in a[:2]]) == []
    assert verify_all(ctx).ok
    again = io.StringIO()
    assert seed_demo(ctx, again) is None
    assert "มีข้อมูลตัวอย่างอยู่แล้ว" in again.getvalue()
    assert foreign_words(again.getvalue(), "th",
                         ["webdesk seed-demo --reset",
                          *(w for a in demo_accounts() for w in a[:2])]) == []
    assert rq.count_requests(ctx, rq.RequestQuery()) == 12
