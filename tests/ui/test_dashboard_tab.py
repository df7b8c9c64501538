"""The dashboard tab: the chosen period's figures, small painted charts, lists; reports written
and logs imported from its buttons, all through the task runner (never on the GUI thread)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog

from desktop.domain.users import User
from desktop.domain.workflow import Role
from desktop.paths import AppPaths
from desktop.services.context import AppContext
from desktop.ui.dashboard_tab import DashboardTab
from tests.unit.reports.log_samples import synthetic_log
from tests.unit.reports.report_seed import seed_all

WAIT_MS = 120_000


@pytest.fixture
def seeded(tmp_path: Path, qapp) -> Iterator[AppContext]:  # noqa: ANN001
    from desktop.ui.fonts import apply_app_font

    apply_app_font(qapp)
    home = tmp_path / "profile"
    home.mkdir()
    ctx = AppContext.open(AppPaths.resolve(home, f"sqlite:///{tmp_path / 'd.sqlite3'}"))
    ctx.clock = lambda: datetime(2027, 1, 10, 9, 0)
    seed_all(ctx)
    yield ctx
    ctx.close()


@pytest.fixture
def tab(seeded: AppContext, qtbot) -> DashboardTab:  # noqa: ANN001
    user = User(1, "web1", "สมชาย ใจดี", "นักวิชาการคอมพิวเตอร์", frozenset({Role.WEBMASTER}))
    widget = DashboardTab(seeded, user, "th")
    qtbot.addWidget(widget)
    widget.resize(1280, 820)
    return widget


def choose(tab: DashboardTab, qtbot, key: str) -> object:  # noqa: ANN001
    index = next(i for i, (k, _p) in enumerate(tab.choices) if k == key)
    with qtbot.waitSignal(tab.figures_loaded, timeout=WAIT_MS) as blocker:
        tab.period_box.setCurrentIndex(index)
    return blocker.args[0]


def test_last_quarter_figures_tiles_and_charts(tab: DashboardTab, qtbot,  # noqa: ANN001
                                               tmp_path: Path) -> None:
    figures = choose(tab, qtbot, "last_quarter")
    assert tab.title.text() == "ไตรมาสที่ 1 ปีงบประมาณ พ.ศ. 2570 (ต.ค. 2569 – ธ.ค. 2569)"
    values = [value.text() for value, _caption in tab.tile_labels]
    assert values[:4] == ["6", "4", "75%", "3.0"] and values[5] == "650"
    assert tab.tile_labels[0][1].text() == "รับเข้า"
    requests_chart = tab.charts[0].series
    assert requests_chart is not None and requests_chart.labels == ("ต.ค. 69", "พ.ย. 69",
                                                                    "ธ.ค. 69")
    assert requests_chart.values == ((3.0, 2.0, 1.0), (4.0, 0.0, 0.0))
    assert tab.top_pages.item(0).text().startswith("150  WD-2569-00001 ประกาศงดจ่ายน้ำ")
    assert "อยากให้ค้นหาเอกสารง่ายขึ้น" in tab.comments.item(0).text()
    assert "คลังความรู้" in tab.empty_label.text()
    assert figures is tab.figures
    assert not tab.buttons["fetch"].isVisibleTo(tab)      # no signed-in session's secrets
    assert tab.grab().save(str(tmp_path / "dashboard_q1_fy2570.png"))     # it renders


def test_workbook_written_and_logs_imported_from_the_buttons(
        tab: DashboardTab, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    choose(tab, qtbot, "last_quarter")
    target = tmp_path / "q1.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: (str(target), "")))
    with qtbot.waitSignal(tab.report_written, timeout=WAIT_MS) as written:
        tab.buttons["workbook"].click()
    assert written.args[0].path == target and str(target) in tab.status.text()
    assert load_workbook(target).sheetnames[0] == "สรุปสำหรับผู้บริหาร"

    log = tmp_path / "access.log"
    log.write_text(synthetic_log(200, datetime(2026, 12, 20, 8, 0), days=1))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *_a, **_k: ([str(log)], "")))
    with qtbot.waitSignal(tab.imported, timeout=WAIT_MS) as imported:
        tab.buttons["logs"].click()
    assert imported.args[0].lines == 200
    with qtbot.waitSignal(tab.figures_loaded, timeout=WAIT_MS) as reloaded:
        pass
    assert int(reloaded.args[0].tiles[5].value.replace(",", "")) > 650


def test_survey_imported_with_the_columns_the_user_confirms(
        tab: DashboardTab, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    answers = tmp_path / "answers.csv"
    answers.write_text("ประทับเวลา,เพศ,ความพึงพอใจต่อเว็บไซต์,ความรวดเร็ว,ข้อเสนอแนะ\n"
                       "5/11/2569,ชาย,5,4,ดีมาก\n6/11/2569,หญิง,4,2,\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: (str(answers), "")))
    with qtbot.waitSignal(tab.survey_preview_ready, timeout=WAIT_MS) as shown:
        tab.buttons["survey"].click()
    dialog = shown.args[0]
    assert dialog.mapping()["ความรวดเร็ว"] == "question"
    dialog.set_role("ความรวดเร็ว", "ignore")          # the webmaster leaves it out
    assert dialog.grab().save(str(tmp_path / "survey_mapping_dialog.png"))
    with qtbot.waitSignal(tab.imported, timeout=WAIT_MS) as imported:
        dialog.accept()
    result = imported.args[0]
    assert result.responses == 2 and [t for t, _c in result.questions] == [
        "ความพึงพอใจต่อเว็บไซต์"]
    assert "2" in tab.status.text()


def test_installed_as_a_tab_of_a_window(seeded: AppContext, qtbot) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

    from desktop.ui.dashboard_tab import install_dashboard_tab

    window = QMainWindow()
    qtbot.addWidget(window)
    window.ctx, window.lang = seeded, "th"  # type: ignore[attr-defined]
    window.user = User(1, "web1", "สมชาย ใจดี", "",  # type: ignore[attr-defined]
                       frozenset({Role.WEBMASTER}))
    window.tabs = QTabWidget()  # type: ignore[attr-defined]
    window.tabs.addTab(QWidget(), "queue")  # type: ignore[attr-defined]
    window.setCentralWidget(window.tabs)  # type: ignore[attr-defined]
    tab = install_dashboard_tab(window)      # starts loading; delivered by the event loop
    with qtbot.waitSignal(tab.figures_loaded, timeout=WAIT_MS):
        pass
    tabs = window.tabs  # type: ignore[attr-defined]
    assert tabs.count() == 2 and tabs.widget(1) is tab and tabs.tabText(1) == "Dashboard"
    assert not tab.buttons["fetch"].isVisibleTo(tab)          # no session: no server secrets
