"""Server profiles round-trip through dicts; remote names are checked without a server."""

from __future__ import annotations

import pytest

from desktop.publish.errors import PublishError
from desktop.publish.profiles import AuthKind, PublishMode, ServerProfile
from desktop.publish.remote_paths import safe_relative


def test_profile_round_trips_and_reports_problems() -> None:
    profile = ServerProfile(name="เว็บหลัก", host="www.example.go.th", user="webmaster",
                            web_root="/var/www/html", archive_dir="/var/www/archive",
                            public_base_url="https://www.example.go.th/", port=2222,
                            auth=AuthKind.PASSWORD, category_folders={"news": "news/pr"},
                            mode=PublishMode.FILES)
    data = profile.to_dict()
    assert data["auth"] == "password" and data["mode"] == "files"
    assert ServerProfile.from_dict(data) == profile
    assert profile.problems() == []
    assert profile.folder_for("news") == "news/pr" and profile.folder_for("laws") == "laws"
    assert profile.public_url("news/pr/1/a.pdf") == "https://www.example.go.th/news/pr/1/a.pdf"
    assert profile.known_hosts_name == "[www.example.go.th]:2222"
    inside = ServerProfile(name="x", host="h", user="u", web_root="/var/www",
                           archive_dir="/var/www/archive", key_path=None)
    assert {"archive_dir", "key_path"} <= set(inside.problems())
    with pytest.raises(PublishError) as raised:
        inside.validate()
    assert "โฟลเดอร์เก็บถาวร" in raised.value.text("th")          # named, not "archive_dir"
    assert "archive folder" in raised.value.text("en")


@pytest.mark.parametrize("name", ["ok.pdf", "ข่าว/ภาพ-1.jpg", "a/b/c.docx"])
def test_safe_names_pass(name: str) -> None:
    assert safe_relative(name) == name


@pytest.mark.parametrize("name", ["", "..", "../x", "/abs", "a/./b", "a/../b", ".hidden",
                                  "a/.git/config", "tab\there", "x" * 256, "a\\b"])
def test_unsafe_names_refused(name: str) -> None:
    with pytest.raises(PublishError) as raised:
        safe_relative(name)
    assert raised.value.code == "sftp_unsafe_path"
