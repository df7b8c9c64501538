"""Gauntlet: ``webdesk request list|add|submit|review|return|send|withdraw|decide|extend`` and
``webdesk form``, every case in Thai and English.

The demo's requests: 1 and 12 drafts, 2 submitted, 3 in review, 4 returned, 5 awaiting
approval, 6 approved, 7 rejected, 8 published, 9 taken down, 10 archived, 11 withdrawn.
"""

from __future__ import annotations

import pytest

from tests.cli.cases import Case, case, check_refused, check_refused_and_verified, params, pw
from tests.cli.places import Places
from tests.cli.profiles import Profile

ADD = ("request", "add", "--title", "ข่าวทดสอบ")

LIST_CASES = [
    case("list-state-unknown", "request", "list", "--state", "bogus", says="bogus"),
    case("list-limit-text", "request", "list", "--limit", "ten", says="ten"),
    case("list-limit-negative", "request", "list", "--limit", "-5", says="-5"),
    case("list-stray-escape", "request", "list", "\x1b[2J\u202eevil", says="[2Jevil"),
    case("request-unknown-subcommand", "request", "publish-now", says="publish-now"),
]

ADD_CASES = [
    case("add-feb-31", *ADD, "--expiry", "31/02/2569", "--as", "somchai", stdin=pw("somchai"),
         says="31", th="กุมภาพันธ์", en="February"),
    case("add-month-13", *ADD, "--publish-date", "2569-13-01", "--as", "somchai",
         stdin=pw("somchai"), says="13"),
    case("add-date-word", *ADD, "--received", "tomorrow", "--as", "somchai",
         stdin=pw("somchai"), says="tomorrow"),
    case("add-expiry-before-publish", *ADD, "--publish-date", "2569-02-01", "--expiry",
         "2569-01-01", "--as", "somchai", stdin=pw("somchai"), th="วันที่นำลง", en="Expiry"),
    case("add-no-title", "request", "add", "--title", "", "--as", "somchai",
         stdin=pw("somchai"), th="หัวข้อ", en="Title"),
    case("add-huge-title", "request", "add", "--title", "ก" * 100_000, "--as", "somchai",
         stdin=pw("somchai"), says="100,000"),
    case("add-script-link", *ADD, "--link", "javascript:alert(1)", "--as", "somchai",
         stdin=pw("somchai"), th="ลิงก์ภายนอก", en="link"),
    case("add-file-missing", *ADD, "--file", "{missing}/scan.pdf", "--as", "somchai",
         stdin=pw("somchai"), says="scan.pdf"),
    case("add-file-is-folder", *ADD, "--file", "{folder}", "--as", "somchai",
         stdin=pw("somchai"), says="a-folder.pdf"),
    case("add-file-wrong-type", *ADD, "--file", "{out}/fake.pdf", "--as", "somchai",
         stdin=pw("somchai"), says="fake.pdf"),
    case("add-file-reversed-name", *ADD, "--file", "{out}/scan\u202efdp.exe", "--as",
         "somchai", stdin=pw("somchai"), says="scanfdp.exe"),
    case("add-caption-without-file", *ADD, "--caption", "ภาพ", "--as", "somchai",
         stdin=pw("somchai"), says="--caption"),
    case("add-channel-unknown", *ADD, "--channel", "fax", "--as", "somchai",
         stdin=pw("somchai"), says="fax"),
    case("add-wrong-password", *ADD, "--as", "somchai", stdin="not-her-password\n",
         th="รหัสผ่าน", en="password"),
    case("add-empty-password", *ADD, "--as", "somchai", stdin="\n", says="stdin"),
    case("add-stdin-closed", *ADD, "--as", "somchai", stdin=None, says="stdin"),
    case("add-unknown-user", *ADD, "--as", "ghost", stdin="whatever-1\n",
         th="รหัสผ่าน", en="password"),
    case("add-disabled-user", *ADD, "--as", "retired", stdin=pw("retired"),
         th="ปิดใช้งาน", en="disabled"),
    case("add-by-approver", *ADD, "--as", "director", stdin=pw("director"),
         th="สิทธิ์", en="role"),
    case("add-without-as", *ADD, says="--as"),
]

ACTION_CASES = [
    case("submit-unknown-number", "request", "submit", "999", "--as", "somchai",
         stdin=pw("somchai"), says="999"),
    case("submit-unknown-reference", "request", "submit", "WD-2569-99999", "--as", "somchai",
         stdin=pw("somchai"), says="WD-2569-99999"),
    case("submit-huge-number", "request", "submit", "9" * 40, "--as", "somchai",
         stdin=pw("somchai"), says="9" * 40),
    case("submit-superscript-digit", "request", "submit", "²", "--as", "somchai",
         stdin=pw("somchai"), says="²"),
    case("submit-escape-reference", "request", "submit", "WD-\x1b[2J\u202e1", "--as", "somchai",
         stdin=pw("somchai"), says="WD-[2J1"),
    case("submit-awaiting-approval", "request", "submit", "5", "--as", "somchai",
         stdin=pw("somchai"), th="รออนุมัติ", en="Awaiting approval"),
    case("review-by-approver", "request", "review", "2", "--as", "director",
         stdin=pw("director"), th="สิทธิ์", en="role"),
    case("return-without-reason", "request", "return", "3", "--as", "somchai",
         stdin=pw("somchai"), says="--reason"),
    case("return-blank-reason", "request", "return", "3", "--reason", "   ", "--as", "somchai",
         stdin=pw("somchai"), th="เหตุผล", en="reason"),
    case("send-draft", "request", "send", "1", "--as", "somchai", stdin=pw("somchai"),
         th="ร่าง", en="Draft"),
    case("withdraw-by-disabled", "request", "withdraw", "1", "--reason", "ขอยกเลิก", "--as",
         "retired", stdin=pw("retired"), th="ปิดใช้งาน", en="disabled"),
    case("withdraw-published", "request", "withdraw", "8", "--reason", "ขอยกเลิก", "--as",
         "somchai", stdin=pw("somchai"), th="เผยแพร่แล้ว", en="Published"),
    case("review-stdin-closed", "request", "review", "2", "--as", "somchai", stdin=None,
         says="stdin"),
]

DECIDE_CASES = [
    case("decide-by-webmaster", "request", "decide", "5", "--approve", "--as", "somchai",
         stdin=pw("somchai"), th="สิทธิ์", en="role"),
    case("decide-for-unknown-user", "request", "decide", "5", "--approve", "--on-behalf-of",
         "ghost", "--as", "director", stdin=pw("director"), says="ghost"),
    case("decide-draft", "request", "decide", "1", "--approve", "--as", "director",
         stdin=pw("director"), th="ร่าง", en="Draft"),
    case("decide-two-ways", "request", "decide", "5", "--approve", "--reject", "--as",
         "director", stdin=pw("director"), says=("--approve", "--reject")),
    case("decide-reject-no-reason", "request", "decide", "5", "--reject", "--as", "director",
         stdin=pw("director"), th="เหตุผล", en="reason"),
    case("decide-wrong-password", "request", "decide", "5", "--approve", "--as", "director",
         stdin="guess-123\n", th="รหัสผ่าน", en="password"),
    case("decide-no-decision", "request", "decide", "5", "--as", "director",
         stdin=pw("director"), says="--approve"),
    case("extend-feb-31", "request", "extend", "8", "--until", "31/02/2569", "--as", "somchai",
         stdin=pw("somchai"), says="31"),
    case("extend-into-the-past", "request", "extend", "8", "--until", "2000-01-01", "--as",
         "somchai", stdin=pw("somchai"), says="2000-01-01"),
    case("extend-a-draft", "request", "extend", "1", "--until", "2600-01-01", "--as", "somchai",
         stdin=pw("somchai"), th="ร่าง", en="Draft"),
    case("extend-by-approver", "request", "extend", "8", "--until", "2600-01-01", "--as",
         "director", stdin=pw("director"), th="สิทธิ์", en="role"),
]

ELSEWHERE = ("request", "published-elsewhere")
ELSEWHERE_CASES = [
    case("elsewhere-by-webmaster", *ELSEWHERE, "6", "--url", "https://www.example.go.th/a",
         "--reason", "ขึ้นเว็บโดยหน่วยงาน", "--as", "somchai", stdin=pw("somchai"),
         th="ผู้ดูแลระบบ", en="admin"),
    case("elsewhere-a-draft", *ELSEWHERE, "1", "--url", "https://www.example.go.th/a",
         "--reason", "ขึ้นเว็บโดยหน่วยงาน", "--as", "admin", stdin=pw("admin"),
         th="ร่าง", en="Draft"),
    case("elsewhere-unknown-request", *ELSEWHERE, "999", "--url", "https://x.go.th/a",
         "--reason", "r", "--as", "admin", stdin=pw("admin"), says="999"),
    case("elsewhere-script-url", *ELSEWHERE, "6", "--url", "javascript:alert(1)", "--reason",
         "r", "--as", "admin", stdin=pw("admin"), says="javascript:alert(1)"),
    case("elsewhere-url-with-escape", *ELSEWHERE, "6", "--url", "https://x.go.th/\x1b[2J",
         "--reason", "r", "--as", "admin", stdin=pw("admin"), says="https://x.go.th/[2J"),
    case("elsewhere-huge-url", *ELSEWHERE, "6", "--url", "https://" + "u" * 100_000,
         "--reason", "r", "--as", "admin", stdin=pw("admin"), says="https://uuu"),
    case("elsewhere-blank-reason", *ELSEWHERE, "6", "--url", "https://x.go.th/a", "--reason",
         "   ", "--as", "admin", stdin=pw("admin"), th="เหตุผล", en="reason"),
    case("elsewhere-no-reason", *ELSEWHERE, "6", "--url", "https://x.go.th/a", "--as",
         "admin", stdin=pw("admin"), says="--reason"),
    case("elsewhere-wrong-password", *ELSEWHERE, "6", "--url", "https://x.go.th/a",
         "--reason", "r", "--as", "admin", stdin="guess-123\n", th="รหัสผ่าน",
         en="password"),
]

FORM_CASES = [
    case("form-unknown-request", "form", "999", "--out", "{out}/form.pdf", says="999"),
    case("form-missing-folder", "form", "1", "--out", "{missing}/form.pdf",
         says="{missing}/form.pdf"),
    case("form-onto-a-folder", "form", "1", "--out", "{folder}", says="a-folder.pdf"),
    case("form-read-only-disk", "form", "1", "--out", "{ro}/form.pdf", says="{ro}/form.pdf"),
    case("form-full-disk", "form", "1", "--out", "{full}/form.pdf", says="{full}/form.pdf",
         th="ดิสก์เต็ม", en="full"),
    case("form-not-pdf", "form", "1", "--out", "{out}/form.xlsx", says="form.xlsx"),
    case("form-no-out", "form", "1", says="--out"),
]


@pytest.mark.parametrize(("item", "lang"), params(LIST_CASES + FORM_CASES))
def test_reading_commands_refuse(profile: Profile, places: Places, item: Case,
                                 lang: str) -> None:
    check_refused(profile, places, item, lang)


@pytest.mark.parametrize(("item", "lang"),
                         params(ADD_CASES + ACTION_CASES + DECIDE_CASES + ELSEWHERE_CASES))
def test_workflow_commands_refuse_and_save_nothing(profile: Profile, places: Places,
                                                   item: Case, lang: str) -> None:
    check_refused_and_verified(profile, places, item, lang)


def test_a_title_with_control_characters_never_reaches_the_terminal(profile: Profile) -> None:
    """Control characters and bidi overrides in a title are kept in the record but never
    printed: a title cannot clear the screen or reverse the line it is shown in."""
    added = profile.run("en", "request", "add", "--title", "ข่าว\x1b[2J\u202eevil\x07",
                        "--as", "somchai", stdin=pw("somchai"))
    assert added.code == 0, added.err
    listed = profile.run("th", "request", "list")
    line = next(row for row in listed.out.splitlines() if "evil" in row)
    assert line.endswith("ข่าว[2Jevil")
