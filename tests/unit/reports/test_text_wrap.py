"""Thai line wrapping: never strands a mark, prefers word boundaries, never overflows."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.reports.text_wrap import dictionary_units, has_dictionary, heuristic_units, wrap_text
from tests.support.components import require

COMBINING = set("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a"
                "\u0e4b\u0e4c\u0e4d\u0e4e\u0e30\u0e32\u0e33\u0e45")
TEXT = ("สำนักงานสาธารณสุขอำเภอบ้านหลวงขอประกาศผลผู้ชนะการเสนอราคาจัดซื้อวัสดุสำนักงาน "
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙ https://www.example.go.th/procurement/2569/a-0012.pdf")


def width_of(text: str) -> float:
    """A stand-in for a font: one unit per base character, marks take no room."""
    return float(sum(0 if ch in COMBINING - set("\u0e30\u0e32\u0e33\u0e45") else 1
                     for ch in text))


@pytest.mark.parametrize("segmenter", [heuristic_units, dictionary_units])
@pytest.mark.parametrize("width", [6, 11, 17, 30, 55])
def test_lines_fit_keep_every_character_and_never_start_with_a_mark(segmenter, width) -> None:
    lines = wrap_text(TEXT, width, width_of, segmenter)
    assert all(width_of(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == TEXT.replace(" ", "")
    assert all(line and line[0] not in COMBINING for line in lines)
    assert all(line[-1] not in "เแโใไ" for line in lines)


def test_dictionary_breaks_keep_words_whole() -> None:
    require(has_dictionary(), "PyThaiNLP (pip: pythainlp, a dependency in pyproject.toml)")
    lines = wrap_text(TEXT, 20, width_of)
    joined = "|".join(lines)
    for word in ("อำเภอ", "สาธารณสุข", "ประกาศ", "เสนอราคา", "วัสดุ", "งบประมาณ"):
        assert word in joined, f"{word} was split: {joined}"
    assert joined.count("สำนักงาน") == 2


def test_newlines_are_paragraph_breaks_and_empty_lines_stay() -> None:
    assert wrap_text("หนึ่ง\n\nสอง", 50, width_of) == ["หนึ่ง", "", "สอง"]


def test_a_cluster_wider_than_the_line_gets_a_line_of_its_own() -> None:
    assert wrap_text("กกก", 0.5, width_of, heuristic_units) == ["ก", "ก", "ก"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("กขคงจนมยรลวสหอะาำิีึืุู่้๊๋็์เแโใไ ab/.")),
               max_size=80),
       st.integers(min_value=3, max_value=25))
def test_heuristic_wrap_never_loses_text_or_overflows(text: str, width: int) -> None:
    lines = wrap_text(text, width, width_of, heuristic_units)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        clusters_too_wide = width_of(line) > width
        if clusters_too_wide:  # only a single unbreakable cluster may overflow
            assert len(heuristic_units(line)) == 1
