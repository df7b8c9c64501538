"""Gauntlet: ``webdesk db``, ``audit``, ``cache``, ``inspect``, ``workstation`` and
``approval``, every case in Thai and English."""

from __future__ import annotations

import json

import pytest

from tests.cli.cases import Case, case, check_refused, check_refused_and_verified, params, pw
from tests.cli.harness import THAI
from tests.cli.places import Places
from tests.cli.profiles import Profile

EXPORT = ("audit", "export", "--from", "2000-01-01", "--to", "2100-12-31", "--out")

READING_CASES = [
    case("db-unknown-subcommand", "db", "drop", says="drop"),
    case("db-grant-role-on-sqlite", "db", "upgrade", "--grant-app-role", "webdesk_app",
         says="PostgreSQL"),
    case("export-feb-31", "audit", "export", "--from", "31/02/2569", "--to", "2569-12-01",
         "--out", "{out}/audit.xlsx", says="31"),
    case("export-month-13", "audit", "export", "--from", "2569-13-01", "--to", "2569-12-01",
         "--out", "{out}/audit.xlsx", says="13"),
    case("export-date-word", "audit", "export", "--from", "2569-01-01", "--to", "tomorrow",
         "--out", "{out}/audit.xlsx", says="tomorrow"),
    case("export-reversed-range", "audit", "export", "--from", "2569-12-01", "--to",
         "2569-01-01", "--out", "{out}/audit.xlsx", says=("2569-12-01", "2569-01-01")),
    case("export-missing-folder", *EXPORT, "{missing}/audit.xlsx",
         says="{missing}/audit.xlsx", th="ไม่มีไฟล์หรือโฟลเดอร์", en="no such"),
    case("export-onto-a-folder", *EXPORT, "{out}/a-folder.xlsx", says="a-folder.xlsx",
         th="โฟลเดอร์", en="folder"),
    case("export-read-only-disk", *EXPORT, "{ro}/audit.csv", says="{ro}/audit.csv",
         th="อ่านได้อย่างเดียว", en="read-only"),
    case("export-full-disk-xlsx", *EXPORT, "{full}/audit.xlsx", says="{full}/audit.xlsx",
         th="ดิสก์เต็ม", en="full"),
    case("export-full-disk-csv", *EXPORT, "{full}/audit.csv", says="{full}/audit.csv",
         th="ดิสก์เต็ม", en="full"),
    case("export-wrong-type", *EXPORT, "{out}/audit.doc", says=".doc"),
    case("verify-unknown-server", "audit", "verify", "--server", "ghost", says="ghost"),
    case("verify-unreachable-server", "audit", "verify", "--server", "site",
         says="127.0.0.1"),
    case("cache-limit-negative", "cache", "set", "--max-mb", "-3", says="-3"),
    case("cache-limit-text", "cache", "set", "--max-mb", "lots", says="lots"),
    case("cache-on-and-off", "cache", "set", "--on", "--off", says=("--on", "--off")),
    case("inspect-nothing", "inspect", th="ต้องระบุ", en="required"),
    case("workstation-idle-nan", "workstation", "--idle-minutes", "nan", says="nan"),
    case("workstation-idle-inf", "workstation", "--idle-minutes", "inf", says="inf"),
    case("workstation-idle-negative", "workstation", "--idle-minutes", "-5", says="-5"),
    case("workstation-idle-huge", "workstation", "--idle-minutes", "1e308", says="1e308"),
    case("workstation-shared-maybe", "workstation", "--shared-pc", "maybe", says="maybe"),
    case("approval-show-unknown-category", "approval", "show", "--category", "ghost",
         says="ghost"),
]

# Subcommands with nothing to mistype get a stray argument; their broken environments are
# in test_gauntlet_environment.py.
STRAY_CASES = [
    case("db-current-stray", "db", "current", "now", says="now"),
    case("db-check-role-missing", "db", "check", "--app-role", says="--app-role"),
    case("cache-clear-stray", "cache", "clear", "--all", says="--all"),
    case("cache-info-stray", "cache", "info", "now", says="now"),
    case("user-list-stray", "user", "list", "--everyone", says="--everyone"),
    case("keys-show-stray", "keys", "show", "--fingerprint", "SHA256:x", says="--fingerprint"),
    case("server-list-stray", "server", "list", "--verbose", says="--verbose"),
    case("seed-demo-stray", "seed-demo", "--force", says="--force"),
]

WRITING_CASES = [
    case("purge-month-13", "audit", "purge", "--before", "2569-13-01", "--admin", "admin",
         stdin=pw("admin"), says="13"),
    case("purge-by-webmaster", "audit", "purge", "--before", "2020-01-01", "--admin",
         "somchai", stdin=pw("somchai"), th="ผู้ดูแลระบบ", en="admin"),
    case("purge-wrong-password", "audit", "purge", "--before", "2020-01-01", "--admin",
         "admin", stdin="guess-123\n", th="รหัสผ่าน", en="password"),
    case("purge-younger-than-90-days", "audit", "purge", "--before", "2099-01-01", "--admin",
         "admin", stdin=pw("admin"), says="90"),
    case("purge-stdin-closed", "audit", "purge", "--before", "2020-01-01", "--admin", "admin",
         stdin=None, says="stdin"),
    case("purge-disabled-admin", "audit", "purge", "--before", "2020-01-01", "--admin",
         "retired", stdin=pw("retired"), th="ปิดใช้งาน", en="disabled"),
    case("chain-unknown-category", "approval", "set-chain", "ghost", "--admin", "admin",
         stdin=pw("admin"), says="ghost"),
    case("chain-unknown-signer", "approval", "set-chain", "news", "--step",
         "หัวหน้า|Head|ghostuser", "--admin", "admin", stdin=pw("admin"), says="ghostuser"),
    case("chain-webmaster-as-signer", "approval", "set-chain", "news", "--step",
         "หัวหน้า|Head|somchai", "--admin", "admin", stdin=pw("admin"), says="somchai"),
    case("chain-huge-title", "approval", "set-chain", "news", "--step", "ก" * 100_000,
         "--admin", "admin", stdin=pw("admin"), says="100,000"),
    case("chain-by-webmaster", "approval", "set-chain", "news", "--admin", "somchai",
         stdin=pw("somchai"), th="ผู้ดูแลระบบ", en="admin"),
    case("signature-by-webmaster", "approval", "signature", "on", "--admin", "somchai",
         stdin=pw("somchai"), th="ผู้ดูแลระบบ", en="admin"),
    case("signature-maybe", "approval", "signature", "maybe", "--admin", "admin",
         stdin=pw("admin"), says="maybe"),
    case("signature-stdin-closed", "approval", "signature", "on", "--admin", "admin",
         stdin=None, says="stdin"),
]


@pytest.mark.parametrize(("item", "lang"), params(READING_CASES + STRAY_CASES))
def test_maintenance_commands_refuse(profile: Profile, places: Places, item: Case,
                                     lang: str) -> None:
    check_refused(profile, places, item, lang)


@pytest.mark.parametrize(("item", "lang"), params(WRITING_CASES))
def test_admin_commands_refuse_and_save_nothing(profile: Profile, places: Places, item: Case,
                                                lang: str) -> None:
    check_refused_and_verified(profile, places, item, lang)


def test_refused_settings_leave_the_pc_settings_alone(profile: Profile) -> None:
    """A refused ``cache set``/``workstation`` value never reaches settings.json."""
    before = (profile.home / "settings.json").read_text(encoding="utf-8")
    for args in (("cache", "set", "--max-mb", "-3"), ("workstation", "--idle-minutes", "nan")):
        assert profile.run("th", *args).code == 2
    assert (profile.home / "settings.json").read_text(encoding="utf-8") == before


@pytest.mark.parametrize("lang", ["th", "en"])
def test_inspect_reports_refused_files_with_exit_1(profile: Profile, places: Places,
                                                   lang: str) -> None:
    """``inspect`` is a report: a file the policy refuses (missing, a folder of nothing, the
    wrong type) is a finding on stdout with exit 1, each with its reason in the language."""
    missing, fake = places.fill("{missing}/scan.pdf"), places.fill("{out}/fake.pdf")
    outcome = profile.run(lang, "inspect", missing, fake)
    assert outcome.code == 1 and "Traceback" not in outcome.err + outcome.out
    lines = outcome.out.splitlines()
    assert [line.split(": ")[0] for line in lines] == [missing, fake]
    assert all("REFUSED" in line for line in lines)
    assert all(bool(THAI.search(line)) == (lang == "th") for line in lines)
    as_json = json.loads(profile.run(lang, "inspect", "--json", missing).out)
    assert isinstance(as_json, list) and len(as_json) == 1          # one document
    entry = as_json[0]
    assert entry["reason_code"] == "file_not_found" and not entry["accepted"]
