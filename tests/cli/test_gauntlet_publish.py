"""Gauntlet: ``webdesk server ...``, ``publish``, ``takedown`` and ``reconcile``, every case in
Thai and English.  The template's default server ``site`` is a 127.0.0.1 port that refuses
connections (one attempt), so every network step fails at once and must change nothing."""

from __future__ import annotations

import pytest

from tests.cli.cases import Case, case, check_refused, check_refused_and_verified, params, pw
from tests.cli.places import Places
from tests.cli.profiles import Profile

SERVER = ("server", "add", "www2", "--host", "127.0.0.1", "--user", "web", "--web-root",
          "/srv/www", "--url", "https://www.example.go.th", "--archive", "/srv/archive")
AGENT = (*SERVER, "--agent")
SESSION = ("sftp_session",)      # the traffic log records every session, failed ones too

SERVER_CASES = [
    case("add-key-missing", *SERVER, "--key", "{missing}/id_ed25519", "--as", "admin",
         stdin=pw("admin"), says="{missing}/id_ed25519"),
    case("add-key-not-a-key", *SERVER, "--key", "{out}/fake.pdf", "--as", "admin",
         stdin=pw("admin"), says="fake.pdf"),
    case("add-key-is-folder", *SERVER, "--key", "{folder}", "--as", "admin",
         stdin=pw("admin"), says="a-folder.pdf"),
    case("add-port-too-big", *AGENT, "--port", "70000", "--as", "admin", stdin=pw("admin"),
         th="พอร์ต", en="port"),
    case("add-port-text", *AGENT, "--port", "ssh", "--as", "admin", stdin=pw("admin"),
         says="ssh"),
    case("add-no-channels", *AGENT, "--parallel", "0", "--as", "admin", stdin=pw("admin"),
         th="การเชื่อมต่อพร้อมกัน", en="parallel"),
    case("add-delay-nan", *AGENT, "--retry-delay", "nan", "--as", "admin", stdin=pw("admin"),
         th="ลองใหม่", en="retry"),
    case("add-folder-without-equals", *AGENT, "--folder", "news", "--as", "admin",
         stdin=pw("admin"), says="news"),
    case("add-folder-unknown-category", *AGENT, "--folder", "ghost=/x", "--as", "admin",
         stdin=pw("admin"), says="ghost"),
    case("add-relative-web-root", "server", "add", "www2", "--host", "127.0.0.1", "--user",
         "web", "--agent", "--web-root", "www", "--url", "https://x", "--archive", "/a",
         "--as", "admin", stdin=pw("admin"), th="โฟลเดอร์เว็บไซต์", en="web root"),
    case("add-all-empty", "server", "add", "", "--host", "", "--user", "", "--web-root", "",
         "--url", "", "--archive", "", "--agent", "--as", "admin", stdin=pw("admin"),
         th="ที่อยู่เครื่อง", en="host"),
    case("add-two-ways-to-sign-in", *AGENT, "--password-stdin", "--as", "admin",
         stdin=pw("admin"), says=("--agent", "--password-stdin")),
    case("add-password-missing", *SERVER, "--password-stdin", "--as", "admin",
         stdin=pw("admin"), says="stdin"),
    case("add-by-webmaster", *AGENT, "--as", "somchai", stdin=pw("somchai"),
         th="ผู้ดูแลระบบ", en="admin"),
    case("add-stdin-closed", *AGENT, "--as", "admin", stdin=None, says="stdin"),
    case("default-unknown", "server", "default", "ghost", "--as", "admin", stdin=pw("admin"),
         says="ghost"),
    case("default-by-webmaster", "server", "default", "site", "--as", "somchai",
         stdin=pw("somchai"), th="ผู้ดูแลระบบ", en="admin"),
    case("trust-unknown", "server", "trust", "ghost", "--as", "admin", stdin=pw("admin"),
         says="ghost"),
    case("trust-unreachable", "server", "trust", "site", "--as", "admin",
         stdin=pw("admin") + "y\n", says="127.0.0.1"),
    case("trust-by-approver", "server", "trust", "site", "--as", "director",
         stdin=pw("director"), th="ผู้ดูแลระบบ", en="admin"),
]

PUBLISH_CASES = [
    case("publish-unknown-request", "publish", "999", "--as", "somchai", stdin=pw("somchai"),
         says="999"),
    case("publish-a-draft", "publish", "1", "--as", "somchai", stdin=pw("somchai"),
         th="ร่าง", en="Draft"),
    case("publish-by-approver", "publish", "6", "--as", "director", stdin=pw("director"),
         th="สิทธิ์", en="role"),
    case("publish-unknown-server", "publish", "6", "--server", "ghost", "--as", "somchai",
         stdin=pw("somchai"), says="ghost"),
    case("publish-unreachable-server", "publish", "6", "--as", "somchai", stdin=pw("somchai"),
         says="127.0.0.1", records=SESSION),
    case("publish-wrong-password", "publish", "6", "--as", "somchai", stdin="guess-123\n",
         th="รหัสผ่าน", en="password"),
    case("publish-disabled", "publish", "6", "--as", "retired", stdin=pw("retired"),
         th="ปิดใช้งาน", en="disabled"),
    case("publish-stdin-closed", "publish", "6", "--as", "somchai", stdin=None, says="stdin"),
    case("takedown-unknown-request", "takedown", "999", "--as", "somchai",
         stdin=pw("somchai"), says="999"),
    case("takedown-a-draft", "takedown", "1", "--as", "somchai", stdin=pw("somchai"),
         says="1"),
    case("takedown-unreachable", "takedown", "8", "--as", "somchai", stdin=pw("somchai"),
         says="127.0.0.1", records=SESSION),
    case("takedown-not-due-by-scheduler", "takedown", "8", "--as", "scheduler",
         stdin=pw("scheduler"), th="ครบกำหนด", en="expiry"),
    case("takedown-due-by-approver", "takedown", "--due", "--as", "director",
         stdin=pw("director"), th="สิทธิ์", en="role"),
    case("takedown-due-and-number", "takedown", "--due", "8", "--as", "somchai",
         stdin=pw("somchai"), says="--due"),
    case("takedown-neither", "takedown", "--as", "somchai", stdin=pw("somchai"),
         says="--due"),
    case("reconcile-unreachable", "reconcile", "--as", "somchai", stdin=pw("somchai"),
         says="127.0.0.1", records=SESSION),
    case("reconcile-by-approver", "reconcile", "--as", "director", stdin=pw("director"),
         th="สิทธิ์", en="webmaster"),
    case("reconcile-unknown-server", "reconcile", "--server", "ghost", "--as", "somchai",
         stdin=pw("somchai"), says="ghost"),
]


@pytest.mark.parametrize(("item", "lang"), params(SERVER_CASES))
def test_server_commands_refuse_and_save_nothing(profile: Profile, places: Places,
                                                 item: Case, lang: str) -> None:
    check_refused_and_verified(profile, places, item, lang)


@pytest.mark.parametrize(("item", "lang"), params(PUBLISH_CASES))
def test_publishing_commands_refuse_and_change_nothing(profile: Profile, places: Places,
                                                       item: Case, lang: str) -> None:
    check_refused(profile, places, item, lang)


def test_server_list_shows_no_control_characters(profile: Profile) -> None:
    """A profile saved with hostile text in its fields cannot fake or colour a row."""
    added = profile.run("en", "server", "add", "evil", "--host", "127.0.0.1", "--user", "web",
                        "--agent", "--web-root", "/srv/\x1b[2Jwww\u202e", "--url", "https://x",
                        "--archive", "/srv/archive", "--as", "admin", stdin=pw("admin"))
    if added.code == 0:
        listed = profile.run("th", "server", "list")
        assert "\x1b" not in listed.out and "\u202e" not in listed.out
    else:
        assert added.code == 2 and "Traceback" not in added.err
