"""desktop.services.demo_tour: the narrated headless tour — each step said in Thai and English
and ticked when it worked; the first failing step stops it and says where and why.
(``run_tour`` end to end and its stop at a first failing step: tests/install/
test_demo_and_tour.py.)"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from desktop.domain.errors import UserError
from desktop.services.demo_tour import Tour


def test_a_step_is_said_in_both_languages_and_ticked(tmp_path: Path) -> None:
    out = io.StringIO()
    tour = Tour(out, tmp_path, total=2)
    tour.say("เริ่ม", "Start")
    tour.step("ขั้นแรก", "First step", lambda: "พร้อม")
    assert tour.done == 1
    assert out.getvalue() == "เริ่ม\nStart\n\n[1/2] ขั้นแรก\n      First step\n      ✓ พร้อม\n"


def test_a_failing_step_is_not_ticked(tmp_path: Path) -> None:
    out = io.StringIO()
    tour = Tour(out, tmp_path)

    def broken() -> str:
        raise UserError("tour_page_missing", url="http://127.0.0.1/x", status=404)
    with pytest.raises(UserError):
        tour.step("ขั้นที่พัง", "A broken step", broken)
    assert tour.done == 0 and "✓" not in out.getvalue()
