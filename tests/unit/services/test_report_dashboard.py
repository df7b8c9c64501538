"""desktop.services.report_dashboard: the periods the dashboard offers and its figures — the
same numbers as the workbook, as tiles and small series, in Thai or English."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from desktop.domain.report_period import ReportPeriod, month_period
from desktop.domain.request import PublicationRequest
from desktop.services.context import AppContext
from desktop.services.report_dashboard import dashboard_figures, period_choices
from tests.unit.services.support import a_month_of_work, sqlite_only

Sample = Callable[..., PublicationRequest]


def test_the_periods_offered_newest_first() -> None:
    choices = dict(period_choices(date(2026, 11, 23)))
    assert list(choices) == ["this_month", "last_month", "this_quarter", "last_quarter",
                             "this_fiscal_year", "last_fiscal_year"]
    assert choices["this_month"] == month_period(2026, 11)
    assert choices["last_month"] == month_period(2026, 10)
    assert choices["this_quarter"] == ReportPeriod(date(2026, 10, 1), date(2026, 12, 31))
    assert choices["last_quarter"] == ReportPeriod(date(2026, 7, 1), date(2026, 9, 30))
    assert choices["this_fiscal_year"] == ReportPeriod(date(2026, 10, 1), date(2027, 9, 30))
    january = dict(period_choices(date(2027, 1, 15)))
    assert january["last_month"] == month_period(2026, 12)
    assert january["this_quarter"] == ReportPeriod(date(2027, 1, 1), date(2027, 3, 31))
    assert january["last_quarter"] == ReportPeriod(date(2026, 10, 1), date(2026, 12, 31))


@sqlite_only
def test_the_tiles_and_series_of_a_month(ctx: AppContext, people,  # noqa: ANN001
                                         sample_request: Sample) -> None:
    a_month_of_work(ctx, people, sample_request)
    thai = dashboard_figures(ctx, month_period(2026, 11))
    tiles = {tile.label: tile for tile in thai.tiles}
    assert tiles["รับเข้า"].value == "3" and tiles["เผยแพร่"].value == "1"
    assert tiles["ส่งกลับ / ไม่อนุมัติ"].value == "0 / 1"
    assert tiles["ความพึงพอใจ (เต็ม 5)"].value == "-"              # no survey yet
    requests_chart = thai.charts[0]
    assert requests_chart.labels == ("พ.ย. 69",) and requests_chart.values == ((3.0,), (1.0,))
    assert "2569" in thai.period_label
    english = dashboard_figures(ctx, month_period(2026, 11), "en")
    assert english.tiles[0].label == "Received" and english.charts[0].labels == ("Nov 26",)


@sqlite_only
def test_an_empty_office_shows_zeros_not_errors(ctx: AppContext) -> None:
    figures = dashboard_figures(ctx, month_period(2026, 11))
    assert [t.value for t in figures.tiles][:2] == ["0", "0"]
    assert figures.top_pages == () and figures.comments == ()
    assert len(figures.empty_categories) == len(ctx.catalogue.categories)   # nothing live
    assert "ข่าวประชาสัมพันธ์" in figures.empty_categories
