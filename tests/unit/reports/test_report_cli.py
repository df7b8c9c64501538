"""``webdesk report``, ``webdesk logs`` and ``webdesk survey`` from the command line."""

from __future__ import annotations

import gzip
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.cli import main
from desktop.paths import AppPaths
from desktop.services.context import AppContext
from tests.unit.reports.log_samples import synthetic_log
from tests.unit.reports.report_seed import seed_all
from tests.unit.reports.test_log_parse import T0
from tests.unit.reports.test_thai_text_layer import exact_text


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), stdin=io.StringIO(""), stdout=out)
    return code, out.getvalue()


@pytest.fixture
def seeded_home(tmp_path: Path) -> str:
    home = tmp_path / "profile"
    home.mkdir()
    ctx = AppContext.open(AppPaths.resolve(str(home), None))
    try:
        seed_all(ctx)
    finally:
        ctx.close()
    return str(home)


def test_report_period_and_fiscal_year(seeded_home: str, tmp_path: Path) -> None:
    code, out = run("--home", seeded_home, "--lang", "th", "report", "--period",
                    "2026-10..2026-12", "--out", str(tmp_path / "q1.xlsx"))
    assert code == 0 and "ไตรมาสที่ 1 ปีงบประมาณ พ.ศ. 2570" in out
    assert load_workbook(tmp_path / "q1.xlsx").sheetnames[0] == "สรุปสำหรับผู้บริหาร"
    code, out = run("--home", seeded_home, "--lang", "en", "report", "--fiscal-year", "๒๕๗๐",
                    "--out", str(tmp_path / "fy.xlsx"))
    assert code == 0 and "Fiscal year 2570" in out
    assert "Register" in load_workbook(tmp_path / "fy.xlsx").sheetnames
    code, _ = run("--home", seeded_home, "report", "--fiscal-year", "2570", "--out",
                  str(tmp_path / "monitoring.pdf"), "--approver", "นายปิยะพงษ์ ผู้ใหญ่ยิ่ง",
                  "--on-behalf-of", "ผู้อำนวยการสำนักงาน")
    assert code == 0
    assert "ปฏิบัติราชการแทน ผู้อำนวยการสำนักงาน" in exact_text(tmp_path / "monitoring.pdf")
    code, _ = run("--home", seeded_home, "report", "--fiscal-year", "2570", "--kind",
                  "summary", "--out", str(tmp_path / "summary.pdf"))
    assert code == 0 and (tmp_path / "summary.pdf").read_bytes().startswith(b"%PDF")


def test_bad_period_is_a_message_not_a_traceback(seeded_home: str, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run("--home", seeded_home, "--lang", "th", "report", "--period", "2026-13",
                  "--out", str(tmp_path / "x.xlsx"))
    assert code == 2
    err = capsys.readouterr().err
    assert "ช่วงเวลาของรายงานไม่ถูกต้อง" in err and "Traceback" not in err
    code, _ = run("--home", seeded_home, "report", "--period", "2026-10", "--out",
                  str(tmp_path / "x.docx"))
    assert code == 2 and ".xlsx" in capsys.readouterr().err


def test_logs_import_keep_and_purge(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = str(tmp_path / "p")
    log = tmp_path / "access.log"
    log.write_text(synthetic_log(300, T0, bad_every=50))
    code, out = run("--home", home, "--lang", "en", "logs", "keep", "--days", "90")
    assert code == 0 and "keep_raw=on days=90" in out
    code, out = run("--home", home, "--lang", "en", "logs", "import", "--site", "www", str(log))
    assert code == 0 and "access.log: new, 300 lines, 6 malformed" in out
    code, out = run("--home", home, "--lang", "en", "logs", "import", "--site", "www", str(log))
    assert "access.log: unchanged" in out
    code, _ = run("--home", home, "--lang", "th", "logs", "keep", "--days", "30")
    assert code == 2 and "90" in capsys.readouterr().err
    code, _ = run("--home", home, "--lang", "en", "logs", "purge", "--keep-days", "0")
    assert code == 2 and "younger than 90 days" in capsys.readouterr().err
    code, out = run("--home", home, "--lang", "en", "logs", "purge", "--keep-days", "0",
                    "--yes-delete-younger")
    assert code == 0 and "deleted 1 kept log file(s)" in out


def test_survey_preview_and_import(tmp_path: Path) -> None:
    home = str(tmp_path / "p")
    answers = tmp_path / "answers.csv"
    answers.write_text("ประทับเวลา,ความพึงพอใจต่อเว็บไซต์,ข้อเสนอแนะ\n"
                       "5/11/2569,5,ดีมาก\n6/11/2569,4,\n7/11/2569,9,ช้า\n", encoding="utf-8")
    code, out = run("--home", home, "--lang", "en", "survey", "preview", str(answers))
    assert code == 0 and "question  ความพึงพอใจต่อเว็บไซต์" in out
    code, out = run("--home", home, "--lang", "en", "survey", "import", str(answers))
    assert code == 0
    assert "3 responses, 0 rows skipped, 0 blank answers, 1 outside 1-5, 2 comments" in out
    assert "n=2     mean=4.50" in out


def foreign_words(text: str, lang: str, own: list[str]) -> list[str]:
    """Words of the other language in ``text``, leaving out what the user gave (file and
    column names), paths and URLs: Latin words in Thai output, Thai letters in English."""
    for given in sorted(own, key=len, reverse=True):
        text = text.replace(given, " ")
    text = re.sub(r"\S*/\S*", " ", text)
    if lang == "th":
        return re.findall(r"[A-Za-z]{2,}", text)
    return re.findall(r"[\u0e00-\u0e7f]+", text)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_line_is_in_the_chosen_language(seeded_home: str, tmp_path: Path, lang: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "access.log"
    log.write_text(synthetic_log(120, T0, bad_every=40))
    damaged = tmp_path / "old.log.gz"
    damaged.write_bytes(gzip.compress(log.read_bytes())[:40])
    answers = tmp_path / "answers.csv"
    answers.write_text("ประทับเวลา,ความพึงพอใจต่อเว็บไซต์,ข้อเสนอแนะ\n"
                       "5/11/2569,5,ดีมาก\n6/11/2569,4,\n7/11/2569,9,ช้า\n", encoding="utf-8")
    own = [str(tmp_path), "q1.xlsx", "fy.pdf", "s.pdf", "access.log", "old.log.gz",
           "answers.csv", "missing.log", "ประทับเวลา", "ความพึงพอใจต่อเว็บไซต์", "ข้อเสนอแนะ",
           "ดีมาก", "ช้า"]
    commands = [
        ["report", "--period", "2026-10..2026-12", "--out", str(tmp_path / "q1.xlsx")],
        ["report", "--fiscal-year", "2570", "--out", str(tmp_path / "fy.pdf")],
        ["report", "--fiscal-year", "2570", "--kind", "summary", "--out",
         str(tmp_path / "s.pdf")],
        ["logs", "keep", "--days", "90"],
        ["logs", "import", "--site", "www", str(log), str(damaged)],
        ["logs", "import", "--site", "www", str(log)],
        ["logs", "import", "--site", "www", str(tmp_path / "missing.log")],
        ["logs", "purge", "--keep-days", "0"],
        ["logs", "purge", "--keep-days", "0", "--yes-delete-younger"],
        ["logs", "keep", "--off"],
        ["survey", "preview", str(answers)],
        ["survey", "import", str(answers)],
        ["survey", "import", str(answers)],
        ["survey", "import", str(answers), "--replace", "--question",
         "ความพึงพอใจต่อเว็บไซต์", "--comment", "ข้อเสนอแนะ", "--date", "ประทับเวลา"],
    ]
    wrong: list[tuple[str, str, list[str]]] = []
    printed = 0
    for command in commands:
        _, out = run("--home", seeded_home, "--lang", lang, *command)
        for line in (out + capsys.readouterr().err).splitlines():
            printed += 1
            print(line)
            words = foreign_words(line, lang, own)
            if words:
                wrong.append((command[0] + " " + command[1], line, words))
    assert printed >= 20
    assert wrong == []
