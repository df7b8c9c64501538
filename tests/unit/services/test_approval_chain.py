"""desktop.services.approval_chain: the ordered steps per category (catalogue default, the
agency's override), set only by an admin naming active approvers; who may sign which step."""

from __future__ import annotations

import pytest

from desktop.domain.errors import PermissionDenied, UserError
from desktop.domain.messages import Localized
from desktop.domain.users import User
from desktop.domain.workflow import Role
from desktop.services.approval_chain import (
    ANY_APPROVER,
    ApprovalStep,
    chain_for,
    parse_chain,
    set_chain,
)
from desktop.services.context import AppContext
from tests.unit.services.support import assert_refusal, audit_actions

TWO = [ApprovalStep(1, Localized("หัวหน้ากลุ่มงาน", "Head of group"), ("both",)),
       ApprovalStep(2, Localized("ผู้อำนวยการ", "Director"), ("boss",))]


def test_the_written_forms_of_a_chain() -> None:
    steps = parse_chain(["approver", "user: head, boss ",
                         {"th": "ผู้อำนวยการ", "users": ["director", " "]}])
    assert [s.number for s in steps] == [1, 2, 3]
    assert steps[0] == ApprovalStep(1) and steps[0].who() == ANY_APPROVER
    assert steps[1].usernames == ("head", "boss") and steps[1].who().th == "head, boss"
    assert steps[2].title == Localized("ผู้อำนวยการ", "ผู้อำนวยการ")
    assert steps[2].usernames == ("director",)
    assert parse_chain([]) == (ApprovalStep(1),)


def test_a_step_allows_only_active_approvers_it_names() -> None:
    boss = User(1, "boss", "ผอ.", "", frozenset({Role.APPROVER}), True)
    step = ApprovalStep(1, usernames=("boss",))
    assert step.allows(boss)
    assert not step.allows(User(2, "head", "", "", frozenset({Role.APPROVER}), True))
    assert not step.allows(User(1, "boss", "", "", frozenset({Role.WEBMASTER}), True))
    assert not step.allows(User(1, "boss", "", "", frozenset({Role.APPROVER}), False))
    assert ApprovalStep(1).allows(User(3, "any", "", "", frozenset({Role.APPROVER}), True))


def test_the_default_chain_is_one_step_for_any_approver(ctx: AppContext) -> None:
    assert chain_for(ctx, "news", "general_news") == (ApprovalStep(1),)
    assert chain_for(ctx, "no-such-category") == (ApprovalStep(1),)


def test_an_admin_sets_a_chain_and_can_go_back_to_the_default(ctx: AppContext,  # noqa: ANN001
                                                              people) -> None:
    set_chain(ctx, people["admin"], "news", TWO)
    assert chain_for(ctx, "news") == tuple(TWO)
    assert chain_for(ctx, "news", "general_news") == tuple(TWO)     # inherited by the child
    assert chain_for(ctx, "law") == (ApprovalStep(1),)
    assert audit_actions(ctx)[-1] == "approval_chain_set"
    set_chain(ctx, people["admin"], "news", [])
    assert chain_for(ctx, "news") == (ApprovalStep(1),)


def test_bad_chains_are_refused_and_nothing_changes(ctx: AppContext, people) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied) as caught:
        set_chain(ctx, people["web1"], "news", TWO)
    assert_refusal(caught.value, "admin_required")
    with pytest.raises(UserError) as unknown:
        set_chain(ctx, people["admin"], "no-such-category", TWO)
    assert_refusal(unknown.value, "chain_unknown_category")
    with pytest.raises(UserError) as strangers:
        set_chain(ctx, people["admin"], "news",
                  [ApprovalStep(1, usernames=("web1", "ghost")), ApprovalStep(2)])
    assert_refusal(strangers.value, "chain_not_approvers")
    assert "ghost" in strangers.value.text("th") and "web1" in strangers.value.text("th")
    assert chain_for(ctx, "news") == (ApprovalStep(1),)
