"""Every transition, allowed and refused, for every role; separation of duties."""

from __future__ import annotations

import itertools

import pytest

from desktop.domain.errors import IllegalTransition, PermissionDenied, UserError
from desktop.domain.workflow import (
    OPEN_STATES,
    TRANSITIONS,
    Action,
    Actors,
    RequestState,
    Role,
    actions_from,
    check_transition,
    transition_for,
)

ALL_ROLES = [Role.WEBMASTER, Role.APPROVER, Role.ADMIN]
NOBODY = Actors(registered_by=1, checked_by=frozenset({2}))
APPROVER_ID = 3

EXPECTED = {
    (Action.SUBMIT, RequestState.DRAFT): RequestState.SUBMITTED,
    (Action.START_REVIEW, RequestState.SUBMITTED): RequestState.IN_REVIEW,
    (Action.RETURN_FOR_CORRECTION, RequestState.IN_REVIEW): RequestState.RETURNED,
    (Action.RESUBMIT, RequestState.RETURNED): RequestState.SUBMITTED,
    (Action.SEND_FOR_APPROVAL, RequestState.IN_REVIEW): RequestState.AWAITING_APPROVAL,
    (Action.APPROVE, RequestState.AWAITING_APPROVAL): RequestState.APPROVED,
    (Action.REJECT, RequestState.AWAITING_APPROVAL): RequestState.REJECTED,
    (Action.REQUEST_CHANGES, RequestState.AWAITING_APPROVAL): RequestState.RETURNED,
    (Action.PUBLISH, RequestState.APPROVED): RequestState.PUBLISHED,
    (Action.TAKE_DOWN, RequestState.PUBLISHED): RequestState.TAKEN_DOWN,
    (Action.ARCHIVE, RequestState.TAKEN_DOWN): RequestState.ARCHIVED,
    **{(Action.WITHDRAW, s): RequestState.WITHDRAWN for s in OPEN_STATES},
    (Action.VOID_SIGNOFF, RequestState.AWAITING_APPROVAL): RequestState.IN_REVIEW,
    (Action.VOID_SIGNOFF, RequestState.APPROVED): RequestState.IN_REVIEW,
}


def test_table_matches_the_design_diagram() -> None:
    table = {(t.action, s): t.target for t in TRANSITIONS for s in t.sources}
    assert table == EXPECTED


@pytest.mark.parametrize(("action", "state", "role"),
                         list(itertools.product(Action, RequestState, [*ALL_ROLES, Role.SYSTEM])))
def test_every_action_in_every_state_for_every_role(action: Action, state: RequestState,
                                                    role: Role) -> None:
    transition = transition_for(action)
    expected_target = EXPECTED.get((action, state))
    reason = "เหตุผล"
    if expected_target is None:
        with pytest.raises(IllegalTransition):
            check_transition(action, state, {role}, APPROVER_ID, NOBODY, reason)
    elif role not in transition.roles:
        with pytest.raises(PermissionDenied):
            check_transition(action, state, {role}, APPROVER_ID, NOBODY, reason)
    else:
        assert check_transition(action, state, {role}, APPROVER_ID, NOBODY, reason).target \
            == expected_target


@pytest.mark.parametrize("action", [Action.APPROVE, Action.REJECT, Action.REQUEST_CHANGES])
@pytest.mark.parametrize("user_id", [1, 2])
def test_registrar_or_checker_may_not_sign_off(action: Action, user_id: int) -> None:
    roles = {Role.WEBMASTER, Role.APPROVER}
    with pytest.raises(PermissionDenied) as caught:
        check_transition(action, RequestState.AWAITING_APPROVAL, roles, user_id, NOBODY, "x")
    assert caught.value.code == "separation_of_duties"
    assert "แบ่งแยกหน้าที่" in caught.value.text("th")


@pytest.mark.parametrize("action", [t.action for t in TRANSITIONS if t.reason_required])
def test_reason_required(action: Action) -> None:
    transition = transition_for(action)
    state = next(iter(transition.sources))
    with pytest.raises(UserError) as caught:
        check_transition(action, state, transition.roles, APPROVER_ID, NOBODY, "   ")
    assert caught.value.code == "reason_required"


def test_illegal_transition_message_speaks_thai_and_english() -> None:
    with pytest.raises(IllegalTransition) as caught:
        check_transition(Action.PUBLISH, RequestState.DRAFT, {Role.WEBMASTER}, 1, None, None)
    assert "ร่าง" in caught.value.text("th") and "เผยแพร่" in caught.value.text("th")
    assert "Draft" in caught.value.text("en")


def test_system_actions_are_not_offered_to_people() -> None:
    for state in RequestState:
        assert Action.VOID_SIGNOFF not in {t.action for t in actions_from(state)}
