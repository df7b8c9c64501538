"""Nothing a database writer or a file name controls can drive the terminal: escape sequences,
carriage returns, C1 controls and bidi overrides are taken out of CLI output, and a value cannot
fake a line of its own; JSON output keeps the data whole with those characters escaped."""

from __future__ import annotations

import io
import json
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from desktop.cli import main
from desktop.domain.request import PublicationRequest, Requester
from desktop.domain.text_safety import one_line, printable, terminal_json
from desktop.services import requests as rq
from desktop.store.models import UserRow
from tests.security.hostile_fixtures import Desk, desk  # noqa: F401
from tests.unit.files import builders as b

ESC = "\x1b"
HOSTILE_TITLE = (f"ประกาศ{ESC}]0;pwned\x07{ESC}[2J{ESC}[31mแดง\r\x9b1mทับ\u202eexe.pdf"
                 "\nWD-2569-99999\tpublished\tปลอม")
THAI = "ประกาศผลการคัดเลือก ตำแหน่งนักวิชาการ\u200bคอมพิวเตอร์ ปีงบประมาณ ๒๕๖๙"


def _has_terminal_controls(text: str) -> bool:
    return any(unicodedata.category(c) in ("Cc", "Zl", "Zp") and c not in "\n\t"
               or c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
               for c in text)


def test_printable_takes_out_controls_and_keeps_thai() -> None:
    assert printable(THAI) == THAI  # vowels, tone marks, Thai digits, zero-width space kept
    cleaned = printable(HOSTILE_TITLE)
    assert not _has_terminal_controls(cleaned)
    assert "แดง" in cleaned and "exe.pdf" in cleaned and "\n" in cleaned


def test_one_line_cannot_fake_a_row() -> None:
    line = one_line(HOSTILE_TITLE + "\u2028x\u0085y")
    assert "\n" not in line and "\t" not in line and not _has_terminal_controls(line)


def test_terminal_json_keeps_the_data_and_escapes_the_controls() -> None:
    data = [{"title": HOSTILE_TITLE, "thai": THAI}]
    text = terminal_json(data, indent=1)
    assert not _has_terminal_controls(text)
    assert json.loads(text) == data
    assert THAI in text  # Thai stays readable, not \\u escaped


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(args), stdin=io.StringIO(""), stdout=out), out.getvalue()


def test_request_list_prints_a_hostile_title_harmlessly(
        desk: Desk, home: Path, database_url: str) -> None:  # noqa: F811
    rq.register_request(desk.ctx, desk.webmaster, PublicationRequest(
        title=HOSTILE_TITLE, category="news", subcategory="general_news",
        requester=Requester(name="ผู้ขอ", unit="หน่วยงาน"),
        received_at=datetime(2026, 11, 23, 8, 30)))
    common = ("--home", str(home), "--database", database_url)
    code, out = _run(*common, "request", "list")
    assert code == 0 and not _has_terminal_controls(out)
    assert len(out.splitlines()) == 2  # the fixture's request and this one: no faked row
    assert "แดง" in out
    code, out = _run(*common, "request", "list", "--json")
    assert code == 0 and not _has_terminal_controls(out)
    assert HOSTILE_TITLE in {row["title"] for row in json.loads(out)}


def test_user_list_prints_a_name_written_straight_into_the_database_harmlessly(
        desk: Desk, home: Path, database_url: str) -> None:  # noqa: F811
    # Anyone who can write to the database (every PC holds its URL) can set a name.
    with desk.ctx.db.write() as session:
        session.execute(update(UserRow).where(UserRow.username == "web1")
                        .values(full_name=HOSTILE_TITLE))
    code, out = _run("--home", str(home), "--database", database_url, "user", "list")
    assert code == 0 and not _has_terminal_controls(out)
    assert len(out.splitlines()) == 2  # admin and web1: the name fakes no row


@pytest.mark.parametrize("as_json", [False, True])
def test_inspect_prints_a_hostile_file_name_harmlessly(tmp_path: Path, as_json: bool) -> None:
    name = f"รายงาน{ESC}[2J{ESC}]0;x\x07\r\u202egpj.exe\nFAKE: OK pdf 1.pdf"
    (tmp_path / name).write_bytes(b.pdf())
    code, out = _run("--home", str(tmp_path / "p"), "--lang", "en", "inspect", str(tmp_path),
                     *(["--json"] if as_json else []))
    assert code == 0 and not _has_terminal_controls(out)
    assert len(out.splitlines()) == (3 if as_json else 1)     # "[", the file, "]"
    if as_json:
        assert [entry["path"] for entry in json.loads(out)] == [str(tmp_path / name)]
    else:
        assert ": OK pdf" in out and "FAKE: OK pdf 1.pdf" in out  # shown, inside one line
