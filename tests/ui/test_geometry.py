"""pytest-qt: a dialog comes back with the size and place it had, if it still fits."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from desktop.paths import AppPaths
from desktop.services.pc_settings import read_pc_settings
from desktop.ui.geometry import KEY, GeometryKeeper


def test_a_dialog_remembers_its_geometry_per_pc(qtbot, tmp_path) -> None:  # noqa: ANN001
    paths = AppPaths.resolve(tmp_path / "profile")
    keeper = GeometryKeeper(paths)
    keeper.install()
    try:
        first = QDialog()
        first.setObjectName("someDialog")
        qtbot.addWidget(first)
        first.show()
        first.setGeometry(40, 50, 420, 260)
        first.hide()
        assert read_pc_settings(paths.settings_file)[KEY]["someDialog"] == [40, 50, 420, 260]
        again = QDialog()
        again.setObjectName("someDialog")
        qtbot.addWidget(again)
        GeometryKeeper(paths).restore(again)             # a new session reads settings.json
        assert (again.width(), again.height()) == (420, 260)
        screen = again.screen().availableGeometry()
        keeper.saved["someDialog"] = [0, 0, screen.width() + 500, 300]   # another screen
        other = QDialog()
        other.setObjectName("someDialog")
        qtbot.addWidget(other)
        assert not keeper.restore(other)                 # does not fit: keeps its own size
    finally:
        from PySide6.QtWidgets import QApplication

        QApplication.instance().removeEventFilter(keeper)
