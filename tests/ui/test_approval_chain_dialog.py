"""pytest-qt: an admin sets a category's approval steps in the GUI (no more CLI only)."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidgetItem

from desktop.services import auth
from desktop.services.approval_chain import chain_for
from desktop.ui.approval_chain_dialog import ApprovalChainDialog


def _dialog(qtbot, ctx) -> ApprovalChainDialog:  # noqa: ANN001
    admin = auth.sign_in(ctx, "admin", "admin-demo-1")
    dialog = ApprovalChainDialog(ctx, admin, "th")
    qtbot.addWidget(dialog)
    dialog.show()
    index = dialog.category.findData("news")
    dialog.category.setCurrentIndex(index)
    qtbot.waitUntil(lambda: dialog.table.rowCount() >= 1, timeout=10000)
    return dialog


def _set_row(dialog: ApprovalChainDialog, row: int, th: str, en: str, users: str) -> None:
    for column, text in enumerate((th, en, users)):
        dialog.table.setItem(row, column, QTableWidgetItem(text))


def test_admin_sets_two_steps_then_goes_back_to_the_default(qtbot, demo_ctx) -> None:  # noqa: ANN001
    before = chain_for(demo_ctx, "news")
    dialog = _dialog(qtbot, demo_ctx)
    assert dialog.table.rowCount() == len(before)
    dialog.table.setRowCount(0)
    dialog.add_step()
    dialog.add_step()
    dialog.add_step()                                    # an empty row is ignored
    _set_row(dialog, 0, "ผู้อำนวยการ", "Director", "director")
    _set_row(dialog, 1, "หัวหน้ากลุ่มงาน", "Head of group", "head")
    dialog.table.selectRow(1)
    dialog.table.setCurrentCell(1, 0)
    dialog.buttons["up"].click()                         # the head signs first
    dialog.buttons["save"].click()
    qtbot.waitUntil(lambda: len(chain_for(demo_ctx, "news")) == 2, timeout=10000)
    steps = chain_for(demo_ctx, "news")
    assert [(s.title.th, s.usernames) for s in steps] == [
        ("หัวหน้ากลุ่มงาน", ("head",)), ("ผู้อำนวยการ", ("director",))]
    qtbot.waitUntil(lambda: "บันทึก" in dialog.message.text() or "Saved" in dialog.message.text())
    dialog.buttons["default"].click()
    qtbot.waitUntil(lambda: chain_for(demo_ctx, "news") == before, timeout=10000)


def test_a_name_that_is_not_an_approver_is_refused_and_nothing_changes(qtbot, demo_ctx) -> None:  # noqa: ANN001
    before = chain_for(demo_ctx, "news")
    dialog = _dialog(qtbot, demo_ctx)
    _set_row(dialog, 0, "ผู้อำนวยการ", "Director", "director, nobody, somchai")
    dialog.buttons["save"].click()
    qtbot.waitUntil(lambda: "nobody" in dialog.message.text(), timeout=10000)
    assert "somchai" in dialog.message.text()              # a webmaster, not an approver
    assert chain_for(demo_ctx, "news") == before


def test_a_subcategory_gets_its_own_chain(qtbot, demo_ctx) -> None:  # noqa: ANN001
    dialog = _dialog(qtbot, demo_ctx)
    index = dialog.category.findData("jobs")               # ข่าวรับสมัครงาน, under news
    assert index > dialog.category.findData("news")
    dialog.category.setCurrentIndex(index)
    qtbot.waitUntil(lambda: dialog.table.rowCount() >= 1, timeout=10000)
    dialog.table.setRowCount(0)
    dialog.add_step()
    _set_row(dialog, 0, "ผู้อำนวยการ", "Director", "director")
    dialog.buttons["save"].click()
    qtbot.waitUntil(lambda: chain_for(demo_ctx, "news", "jobs")[0].usernames == ("director",),
                    timeout=10000)
    assert chain_for(demo_ctx, "news", "general_news")[0].usernames == ()   # others unchanged
