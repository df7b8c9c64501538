"""pytest-qt: the decision dialog shows only the rows of its decision — the quick reasons
(reasons to reject) only when rejecting, no label left without its field."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.services.signoff import Decision
from desktop.ui.decision_dialog import DecisionDialog


@pytest.mark.parametrize(("decision", "quick", "reason"), [
    (Decision.APPROVE, False, False),
    (Decision.REJECT, True, True),
    (Decision.REQUEST_CHANGES, False, True),
])
def test_rows_of_each_decision(qtbot: QtBot, decision: Decision, quick: bool,
                               reason: bool) -> None:
    dialog = DecisionDialog(decision, "ประกาศ", "ab" * 32, "en")
    qtbot.addWidget(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel)
              if label.isVisibleTo(dialog)}
    assert ("Quick reason" in labels) == quick, labels
    assert ("Reason / comments" in labels) == reason, labels
    assert dialog.quick.isVisibleTo(dialog) == quick
