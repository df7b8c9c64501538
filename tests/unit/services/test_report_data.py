"""desktop.services.report_data: what an executive report says about a period, gathered from
the database — received, published (first publication in the period), refused, open now,
turnaround in working days, per category and unit — and the register streamed row by row."""

from __future__ import annotations

from collections.abc import Callable

from desktop.domain.report_period import month_period
from desktop.domain.request import PublicationRequest
from desktop.services.context import AppContext
from desktop.services.report_data import bounds, gathered
from tests.unit.services.support import a_month_of_work

Sample = Callable[..., PublicationRequest]
NOVEMBER = month_period(2026, 11)


def test_a_month_of_work_in_figures(ctx: AppContext, people, sample_request: Sample) -> None:  # noqa: ANN001
    ctx.set_setting("agency_name", "สำนักงานสาธารณสุขอำเภอบ้านหลวง")
    ids = a_month_of_work(ctx, people, sample_request)
    with gathered(ctx, NOVEMBER) as data:
        flow = data.workflow
        assert (flow.received, flow.published, flow.rejected, flow.returned) == (3, 1, 1, 0)
        assert flow.open_now == 1 and flow.turnaround == (0,)
        assert data.agency == "สำนักงานสาธารณสุขอำเภอบ้านหลวง" and data.lang == "th"
        news = next(c for c in data.categories if c.code == "news")
        assert (news.received, news.published) == (3, 1)
        assert news.current == 0          # live on a site: none (published without a server)
        assert [(u.unit, u.received) for u in data.units] == [("กลุ่มงานบริหารทั่วไป", 3)]
        assert [line.title for line in data.published] == ["ประกาศรับสมัครงาน ตำแหน่งนักวิชาการ"]
        assert [line.reason for line in data.refused] == ["ไม่เกี่ยวข้อง"]
        assert data.audit.chain_ok and data.audit.rows > 0
        register = list(data.register())
        assert data.register_count == len(register) == 3
        by_title = {row.title: row for row in register}
        assert by_title["ประกาศรับสมัครงาน ตำแหน่งนักวิชาการ"].public_url.endswith("/")
        assert len(ids) == 3


def test_an_empty_period_is_all_zeros(ctx: AppContext) -> None:
    with gathered(ctx, month_period(2020, 1), audit=False) as data:
        assert data.workflow.received == data.workflow.published == 0
        assert data.published == data.refused == data.takedowns == ()
        assert list(data.register()) == [] and data.audit.rows == 0


def test_the_period_bounds_are_midnight_to_midnight() -> None:
    start, until = bounds(NOVEMBER)
    assert (start.isoformat(), until.isoformat()) == ("2026-11-01T00:00:00",
                                                      "2026-12-01T00:00:00")
