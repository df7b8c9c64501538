"""desktop.services.remote_folders: the site manager's folder picker — one folder's sub-folders
on the publishing server (sorted, links to folders counted as folders), its parent, how many
files; a missing path or a file is said; nothing is written on the server."""

from __future__ import annotations

import os

import pytest

from desktop.domain.errors import UserError
from desktop.services.context import AppContext
from desktop.services.remote_folders import list_remote_folder
from tests.support.embedded_site import EmbeddedSite
from tests.unit.services.support import assert_refusal, serve, sqlite_only


@sqlite_only
def test_a_folders_sub_folders_parent_and_files(ctx: AppContext, people,  # noqa: ANN001
                                                site: EmbeddedSite) -> None:
    profile = serve(ctx, people["admin"], site)
    for name in ("ข่าว", "Beta", "alpha"):
        (site.web_root / name).mkdir()
    (site.web_root / "index.html").write_text("<p>หน้าแรก</p>", encoding="utf-8")
    os.symlink(site.web_root / "ข่าว", site.web_root / "news-link")
    before = sorted(str(p) for p in site.root.rglob("*"))
    top = list_remote_folder(ctx, profile, site.credentials())
    assert top.path == "/" and top.parent is None
    assert {"www", "archive"} <= set(top.folders)
    www = list_remote_folder(ctx, profile, site.credentials(), " /www ")
    assert www.path == "/www" and www.parent == "/"
    assert www.folders == ("alpha", "Beta", "news-link", "ข่าว")    # the link leads to one
    assert www.files == 1 and not www.more
    assert sorted(str(p) for p in site.root.rglob("*")) == before    # nothing written


@sqlite_only
def test_a_missing_path_or_a_file_is_said(ctx: AppContext, people,  # noqa: ANN001
                                          site: EmbeddedSite) -> None:
    profile = serve(ctx, people["admin"], site)
    (site.web_root / "index.html").write_text("x", encoding="utf-8")
    with pytest.raises(UserError) as missing:
        list_remote_folder(ctx, profile, site.credentials(), "/www/ไม่มี")
    assert_refusal(missing.value, "remote_folder_missing")
    with pytest.raises(UserError) as a_file:
        list_remote_folder(ctx, profile, site.credentials(), "/www/index.html")
    assert_refusal(a_file.value, "remote_not_a_folder")
