"""Gauntlet: ``webdesk report``, ``logs import|fetch|keep|purge`` and ``survey
preview|import``, every case in Thai and English."""

from __future__ import annotations

import pytest

from tests.cli.cases import Case, case, check_refused, check_refused_and_verified, params, pw
from tests.cli.places import Places
from tests.cli.profiles import Profile

FY = ("report", "--fiscal-year", "2570", "--out")

REPORT_CASES = [
    case("period-month-13", "report", "--period", "2569-13", "--out", "{out}/r.xlsx",
         says="2569-13"),
    case("period-word", "report", "--period", "tomorrow", "--out", "{out}/r.xlsx",
         says="tomorrow"),
    case("period-reversed", "report", "--period", "2026-12..2026-01", "--out", "{out}/r.xlsx",
         says=("2026-12-01", "2026-01-31")),
    case("fiscal-year-text", "report", "--fiscal-year", "next", "--out", "{out}/r.pdf",
         says="next"),
    case("fiscal-year-zero", "report", "--fiscal-year", "0", "--out", "{out}/r.pdf", says="0"),
    case("fiscal-year-huge", "report", "--fiscal-year", "9" * 30, "--out", "{out}/r.pdf",
         says="9" * 30),
    case("period-and-fiscal-year", "report", "--period", "2026-10", "--fiscal-year", "2570",
         "--out", "{out}/r.pdf", says=("--period", "--fiscal-year")),
    case("no-period", "report", "--out", "{out}/r.pdf", says="--period"),
    case("kind-unknown", *FY, "{out}/r.pdf", "--kind", "poster", says="poster"),
    case("out-missing-folder", *FY, "{missing}/r.pdf", says="{missing}/r.pdf"),
    case("out-onto-a-folder", *FY, "{out}/a-folder.xlsx", says="a-folder.xlsx",
         th="โฟลเดอร์", en="folder"),
    case("out-read-only-disk", *FY, "{ro}/r.pdf", says="{ro}/r.pdf", th="อ่านได้อย่างเดียว",
         en="read-only"),
    case("out-full-disk-pdf", *FY, "{full}/r.pdf", says="{full}/r.pdf", th="ดิสก์เต็ม",
         en="full"),
    case("out-full-disk-xlsx", *FY, "{full}/r.xlsx", says="{full}/r.xlsx", th="ดิสก์เต็ม",
         en="full"),
    case("summary-full-disk", *FY, "{full}/s.pdf", "--kind", "summary", says="{full}/s.pdf"),
    case("out-wrong-type", *FY, "{out}/r.doc", says=".doc"),
    case("workbook-as-pdf", *FY, "{out}/r.pdf", "--kind", "workbook", says=".pdf"),
]

LOG_CASES = [
    case("import-missing-file", "logs", "import", "{missing}/access.log",
         says="{missing}/access.log"),
    case("import-a-folder", "logs", "import", "{folder}", says="a-folder.pdf"),
    case("import-nothing", "logs", "import", says="files"),
    case("import-workers-text", "logs", "import", "{out}/binary.csv", "--workers", "two",
         says="two"),
    case("keep-too-short", "logs", "keep", "--days", "10", says=("90", "10")),
    case("keep-negative", "logs", "keep", "--days", "-1", says=("90", "-1")),
    case("purge-without-days", "logs", "purge", says="--keep-days"),
    case("fetch-unknown-server", "logs", "fetch", "--server", "ghost", "--as", "somchai",
         stdin=pw("somchai"), says="ghost"),
    case("fetch-no-log-folder", "logs", "fetch", "--as", "somchai", stdin=pw("somchai"),
         says="site"),
    case("fetch-unreachable", "logs", "fetch", "--folder", "/var/log/nginx", "--as", "somchai",
         stdin=pw("somchai"), says="127.0.0.1", records=("sftp_session",)),
    case("fetch-wrong-password", "logs", "fetch", "--as", "somchai", stdin="guess-123\n",
         th="รหัสผ่าน", en="password"),
    case("fetch-stdin-closed", "logs", "fetch", "--as", "somchai", stdin=None, says="stdin"),
]

SURVEY_CASES = [
    case("preview-missing", "survey", "preview", "{missing}/answers.csv", says="answers.csv"),
    case("preview-a-folder", "survey", "preview", "{folder}", says="a-folder.pdf"),
    case("preview-binary", "survey", "preview", "{out}/binary.csv", says="binary.csv"),
    case("preview-empty", "survey", "preview", "{out}/empty.csv", says="empty.csv"),
    case("import-feb-31", "survey", "import", "{out}/binary.csv", "--day", "31/02/2569",
         says="31"),
    case("import-unknown-column", "survey", "import", "{out}/answers.csv", "--question",
         "nosuchcol", says="nosuchcol"),
    case("import-text-named-xlsx", "survey", "import", "{out}/fake.xlsx", says="fake.xlsx"),
    case("import-empty", "survey", "import", "{out}/empty.csv", says="empty.csv"),
]


@pytest.fixture
def answers(places: Places) -> None:
    (places.out / "answers.csv").write_text("ความพึงพอใจ,ข้อเสนอแนะ\n5,ดี\n4,\n",
                                            encoding="utf-8")


@pytest.mark.parametrize(("item", "lang"), params(REPORT_CASES))
def test_report_refuses_and_leaves_no_file(profile: Profile, places: Places, item: Case,
                                           lang: str) -> None:
    check_refused(profile, places, item, lang)


@pytest.mark.parametrize(("item", "lang"), params(LOG_CASES + SURVEY_CASES))
def test_logs_and_surveys_refuse_and_save_nothing(profile: Profile, places: Places,
                                                  answers: None, item: Case,
                                                  lang: str) -> None:
    check_refused_and_verified(profile, places, item, lang)
