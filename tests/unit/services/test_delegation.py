"""desktop.services.delegation: an approver (or an admin for them) lets someone sign on their
behalf over a date range; refusals name why; revoked delegations end at once."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.errors import NotFound, PermissionDenied, UserError
from desktop.services.context import AppContext
from desktop.services.delegation import (
    create_delegation,
    delegators_today,
    list_delegations,
    revoke_delegation,
)
from tests.unit.services.conftest import FakeClock
from tests.unit.services.support import assert_refusal, audit_actions

START, END = date(2026, 11, 23), date(2026, 11, 27)


def test_a_delegation_works_in_its_dates_only(ctx: AppContext, people,  # noqa: ANN001
                                              clock: FakeClock) -> None:
    made = create_delegation(ctx, people["boss"], people["boss"].id, people["web2"].id,
                             START, END, " ลาพักร้อน ")
    assert (made.delegator_name, made.delegate_name, made.note) == ("ผู้อำนวยการ",
                                                                    "สมศรี มีสุข", "ลาพักร้อน")
    assert [u.username for u in delegators_today(ctx, people["web2"])] == ["boss"]
    clock.now = clock.now.replace(day=28)
    assert delegators_today(ctx, people["web2"]) == []
    assert made.active_on(END) and not made.active_on(date(2026, 11, 28))
    assert [d.id for d in list_delegations(ctx, people["web2"])] == [made.id]
    assert list_delegations(ctx, people["web1"]) == []
    assert [d.id for d in list_delegations(ctx, people["admin"])] == [made.id]
    assert audit_actions(ctx)[-1] == "delegation_created"


def test_an_admin_may_set_one_up_and_revoking_ends_it(ctx: AppContext, people) -> None:  # noqa: ANN001
    made = create_delegation(ctx, people["admin"], people["boss"].id, people["both"].id,
                             START, END)
    with pytest.raises(PermissionDenied) as caught:
        revoke_delegation(ctx, people["web1"], made.id)
    assert_refusal(caught.value, "delegation_not_allowed")
    revoke_delegation(ctx, people["boss"], made.id)
    assert delegators_today(ctx, people["both"]) == []
    (listed,) = list_delegations(ctx, people["boss"])
    assert listed.revoked and not listed.active_on(START)
    with pytest.raises(NotFound) as missing:
        revoke_delegation(ctx, people["admin"], 4242)
    assert_refusal(missing.value, "delegation_not_found")


def test_refused_delegations_are_not_made(ctx: AppContext, people) -> None:  # noqa: ANN001
    boss, web1, web2 = people["boss"], people["web1"], people["web2"]
    cases = [
        (web2, boss.id, web1.id, START, END, "delegation_not_allowed"),
        (boss, boss.id, boss.id, START, END, "delegation_self"),
        (boss, boss.id, web1.id, END, START, "delegation_range"),
        (web1, web1.id, web2.id, START, END, "delegation_not_approver"),
    ]
    for actor, delegator, delegate, start, end, code in cases:
        with pytest.raises(UserError) as caught:
            create_delegation(ctx, actor, delegator, delegate, start, end)
        assert_refusal(caught.value, code)
    with pytest.raises(NotFound) as missing:
        create_delegation(ctx, people["admin"], boss.id, 4242, START, END)
    assert_refusal(missing.value, "user_not_found")
    assert list_delegations(ctx, people["admin"]) == []
