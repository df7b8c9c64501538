"""Gauntlet: ``webdesk user ...``, ``webdesk keys ...`` and ``webdesk signoff ...``, every case
in Thai and English."""

from __future__ import annotations

import pytest

from tests.cli.cases import Case, case, check_refused, check_refused_and_verified, params, pw
from tests.cli.places import Places
from tests.cli.profiles import Profile

NEW = ("user", "add", "malee", "--role", "webmaster", "--full-name", "นางสาวมาลี ตั้งใจ")
NEW_PASSWORD = "malee-pass-123\n"
ADMIN_THEN_NEW = pw("admin") + NEW_PASSWORD

USER_CASES = [
    case("add-by-webmaster", *NEW, "--as", "somchai", stdin=pw("somchai") + NEW_PASSWORD,
         th="ผู้ดูแลระบบ", en="admin"),
    case("add-without-admin", *NEW, stdin=NEW_PASSWORD, th="ผู้ดูแลระบบ", en="admin"),
    case("add-wrong-admin-password", *NEW, "--as", "admin", stdin="guess-123\n" + NEW_PASSWORD,
         th="รหัสผ่าน", en="password"),
    case("add-no-new-password", *NEW, "--as", "admin", stdin=pw("admin"), says="stdin"),
    case("add-blank-new-password", *NEW, "--as", "admin", stdin=pw("admin") + "\n",
         says="stdin"),
    case("add-short-password", *NEW, "--as", "admin", stdin=pw("admin") + "short\n",
         says="8"),
    case("add-stdin-closed", *NEW, "--as", "admin", stdin=None, says="stdin"),
    case("add-existing-name", "user", "add", "somchai", "--role", "webmaster", "--as", "admin",
         stdin=ADMIN_THEN_NEW, says="somchai"),
    case("add-unknown-role", "user", "add", "malee", "--role", "root", "--as", "admin",
         stdin=ADMIN_THEN_NEW, says="root"),
    case("add-empty-name", "user", "add", "", "--role", "webmaster", "--as", "admin",
         stdin=ADMIN_THEN_NEW, th="ชื่อผู้ใช้", en="user"),
    case("add-huge-name", "user", "add", "m" * 5000, "--role", "webmaster", "--as", "admin",
         stdin=ADMIN_THEN_NEW, says="5,000"),
    case("add-huge-full-name", *NEW[:-1], "ก" * 5000, "--as", "admin", stdin=ADMIN_THEN_NEW,
         says="5,000"),
    case("add-name-with-escape", "user", "add", "adm\x1b[8min\u202e", "--role", "webmaster",
         "--as", "admin", stdin=ADMIN_THEN_NEW, th="ชื่อผู้ใช้", en="user name"),
    case("add-name-with-zero-width-space", "user", "add", "adm\u200bin", "--role", "webmaster",
         "--as", "admin", stdin=ADMIN_THEN_NEW, th="ชื่อผู้ใช้", en="user name"),
    case("add-by-disabled-admin", *NEW, "--as", "retired", stdin=pw("retired") + NEW_PASSWORD,
         th="ปิดใช้งาน", en="disabled"),
    case("disable-unknown", "user", "disable", "ghost", "--as", "admin", stdin=pw("admin"),
         says="ghost"),
    case("disable-by-webmaster", "user", "disable", "somsri", "--as", "somchai",
         stdin=pw("somchai"), th="ผู้ดูแลระบบ", en="admin"),
    case("disable-oneself", "user", "disable", "admin", "--as", "admin", stdin=pw("admin"),
         th="ตนเอง", en="own"),
    case("enable-unknown", "user", "enable", "ghost", "--as", "admin", stdin=pw("admin"),
         says="ghost"),
    case("unlock-unknown", "user", "unlock", "ghost", "--as", "admin", stdin=pw("admin"),
         says="ghost"),
    case("certify-unknown", "user", "certify", "ghost", "--as", "admin", stdin=pw("admin"),
         says="ghost"),
    case("certify-certified", "user", "certify", "somchai", "--as", "admin", stdin=pw("admin"),
         says="somchai"),
    case("reset-no-new-password", "user", "reset-password", "somchai", "--as", "admin",
         stdin=pw("admin"), says="stdin"),
    case("reset-short-password", "user", "reset-password", "somchai", "--as", "admin",
         stdin=pw("admin") + "short\n", says="8"),
    case("reset-unknown", "user", "reset-password", "ghost", "--as", "admin",
         stdin=pw("admin") + NEW_PASSWORD, says="ghost"),
    case("set-roles-unknown", "user", "set-roles", "ghost", "--role", "admin", "--as", "admin",
         stdin=pw("admin"), says="ghost"),
    case("set-roles-last-admin", "user", "set-roles", "admin", "--role", "webmaster", "--as",
         "admin", stdin=pw("admin"), th="ผู้ดูแลระบบ", en="admin"),
    case("set-roles-none", "user", "set-roles", "somchai", "--as", "admin", stdin=pw("admin"),
         says="--role"),
    case("passwd-no-new", "user", "passwd", "--as", "somchai", stdin=pw("somchai"),
         says="stdin"),
    case("passwd-short", "user", "passwd", "--as", "somchai", stdin=pw("somchai") + "short\n",
         says="8"),
    case("passwd-wrong-old", "user", "passwd", "--as", "somchai",
         stdin="guess-123\n" + NEW_PASSWORD, th="รหัสผ่าน", en="password"),
    case("passwd-unknown-user", "user", "passwd", "--as", "ghost",
         stdin="guess-123\n" + NEW_PASSWORD, th="รหัสผ่าน", en="password"),
    case("passwd-disabled", "user", "passwd", "--as", "retired",
         stdin=pw("retired") + NEW_PASSWORD, th="ปิดใช้งาน", en="disabled"),
    case("passwd-stdin-closed", "user", "passwd", "--as", "somchai", stdin=None,
         says="stdin"),
]

KEY_CASES = [
    case("trust-wrong-fingerprint", "keys", "trust-agency", "--fingerprint", "SHA256:bogus",
         says="SHA256:bogus"),
    case("trust-empty-fingerprint", "keys", "trust-agency", "--fingerprint", "",
         th="ลายนิ้วมือ", en="fingerprint"),
    case("keys-unknown-subcommand", "keys", "forget", says="forget"),
    case("verify-unknown-request", "signoff", "verify", "999", says="999"),
    case("verify-unknown-reference", "signoff", "verify", "WD-2569-99999",
         says="WD-2569-99999"),
    case("resign-unknown-request", "signoff", "resign", "999", "--as", "director",
         stdin=pw("director"), says="999"),
    case("resign-nothing-to-sign", "signoff", "resign", "6", "--as", "director",
         stdin=pw("director"), th="ลงนาม", en="sign"),
    case("resign-by-webmaster", "signoff", "resign", "6", "--as", "somchai",
         stdin=pw("somchai"), th="ลงนาม", en="sign"),
    case("resign-wrong-password", "signoff", "resign", "6", "--as", "director",
         stdin="guess-123\n", th="รหัสผ่าน", en="password"),
    case("resign-stdin-closed", "signoff", "resign", "6", "--as", "director", stdin=None,
         says="stdin"),
]


@pytest.mark.parametrize(("item", "lang"), params(USER_CASES))
def test_user_commands_refuse_and_save_nothing(profile: Profile, places: Places, item: Case,
                                               lang: str) -> None:
    check_refused_and_verified(profile, places, item, lang)


@pytest.mark.parametrize(("item", "lang"), params(KEY_CASES))
def test_key_and_signoff_commands_refuse(profile: Profile, places: Places, item: Case,
                                         lang: str) -> None:
    check_refused(profile, places, item, lang)


def test_an_unsigned_request_fails_verification_with_exit_1(profile: Profile) -> None:
    """``signoff verify`` of a draft is a finding, not an error: exit 1, said on stdout."""
    outcome = profile.run("th", "signoff", "verify", "1")
    assert outcome.code == 1 and "NOT VERIFIED" in outcome.out
    assert "Traceback" not in outcome.err
