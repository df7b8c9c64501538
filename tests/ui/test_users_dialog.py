"""pytest-qt: the admin manages people in the app (the users services, signed and audited)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from desktop.domain.workflow import Role
from desktop.services import auth
from desktop.ui.users_dialog import PersonDialog, UsersDialog
from tests.ui.conftest import session_for


def test_admin_adds_disables_and_enables_a_person(qtbot, demo_ctx, monkeypatch) -> None:  # noqa: ANN001
    dialog = UsersDialog(session_for(demo_ctx, "admin"), "th")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.users_loaded, timeout=10000) as loaded:
        dialog.show()
    before = loaded.args[0]

    def fill(person: PersonDialog) -> int:
        person.username.setText("malee")
        person.full_name.setText("นางสาวมาลี ตั้งใจ")
        person.position.setText("นักวิชาการคอมพิวเตอร์")
        person.password.setText("malee-demo-1234")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PersonDialog, "exec", fill)
    dialog.add()                                     # no admin password typed: refused
    assert dialog.message.text()
    dialog.admin_password.setText("admin-demo-1")
    with qtbot.waitSignal(dialog.users_loaded, timeout=20000) as after:
        dialog.add()
    assert after.args[0] == before + 1 and dialog.admin_password.text() == ""
    added = next(u for u in auth.list_users(demo_ctx) if u.username == "malee")
    assert added.roles == frozenset({Role.WEBMASTER}) and added.active
    dialog.table.selectRow(next(i for i, item in enumerate(dialog.listing)
                                if item.user.username == "malee"))
    dialog.admin_password.setText("admin-demo-1")
    with qtbot.waitSignal(dialog.changed, timeout=20000):
        dialog.disable()
    assert not next(u for u in auth.list_users(demo_ctx) if u.username == "malee").active


def test_only_what_applies_to_the_selected_person_is_enabled(qtbot, demo_ctx) -> None:  # noqa: ANN001
    dialog = UsersDialog(session_for(demo_ctx, "admin"), "th")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.users_loaded, timeout=10000):
        dialog.show()
    enabled = {key: button.isEnabled() for key, button in dialog.buttons.items()}
    assert enabled == {"add": True, "roles": False, "disable": False, "enable": False,
                       "unlock": False, "reset": False}           # nobody selected

    def select(name: str) -> dict[str, bool]:
        dialog.table.selectRow(next(i for i, item in enumerate(dialog.listing)
                                    if item.user.username == name))
        return {key: button.isEnabled() for key, button in dialog.buttons.items()}

    assert select("somchai") == {"add": True, "roles": True, "disable": True, "enable": False,
                                 "unlock": False, "reset": True}    # active, not locked
    assert not select("admin")["disable"]                             # not yourself
