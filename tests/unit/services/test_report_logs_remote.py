"""desktop.services.report_logs_remote: access logs fetched over SFTP from the server
profile's log folder (only the files that look like access logs), and which site local logs
belong to."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop.domain.errors import UserError
from desktop.services.context import AppContext
from desktop.services.report_logs import FileStatus
from desktop.services.report_logs_remote import (
    default_site,
    fetch_default_server_logs,
    import_server_logs,
    log_folder_of,
)
from desktop.services.servers import save_server, set_default_server
from tests.support.embedded_site import EmbeddedSite
from tests.unit.reports.log_samples import line
from tests.unit.services.support import assert_refusal, serve, sqlite_only


def _logs(site: EmbeddedSite) -> None:
    folder = site.root / "logs"
    folder.mkdir()
    (folder / "access.log").write_text("".join(
        line("10.0.0.1", datetime(2026, 11, 20, 9, i), f"/news/{i}.html") for i in range(4)),
        encoding="utf-8")
    (folder / "error.log").write_text("[error] not an access log\n", encoding="utf-8")


@sqlite_only
def test_the_profiles_log_folder_is_read_over_sftp(ctx: AppContext, people,  # noqa: ANN001
                                                   site: EmbeddedSite) -> None:
    _logs(site)
    profile = serve(ctx, people["admin"], site, log_folder="/logs")
    assert log_folder_of(profile) == "/logs"
    result = fetch_default_server_logs(ctx, site.credentials(), actor=people["web1"])
    assert result.site == profile.name
    assert [(f.name, f.status, f.lines) for f in result.files] == [
        ("access.log", FileStatus.NEW, 4)]
    again = import_server_logs(ctx, profile, site.credentials())
    assert [f.status for f in again.files] == [FileStatus.UNCHANGED]


@sqlite_only
def test_a_profile_without_a_log_folder_is_refused(ctx: AppContext, people,  # noqa: ANN001
                                                   site: EmbeddedSite) -> None:
    profile = serve(ctx, people["admin"], site)
    assert log_folder_of(profile) == ""
    with pytest.raises(UserError) as caught:
        import_server_logs(ctx, profile, site.credentials())
    assert_refusal(caught.value, "access_log_no_folder")
    _logs(site)
    named = import_server_logs(ctx, profile, site.credentials(), folder="/logs",
                               pattern="error*")
    assert [f.name for f in named.files] == ["error.log"] and named.malformed == 1


@sqlite_only
def test_which_site_local_logs_belong_to(ctx: AppContext, people,  # noqa: ANN001
                                         site: EmbeddedSite) -> None:
    assert default_site(ctx) == "www"
    save_server(ctx, site.profile(name="main"), people["admin"])
    assert default_site(ctx) == "main"                              # the only one
    save_server(ctx, site.profile(name="backup"), people["admin"])
    assert default_site(ctx) == "www"                               # several, none default
    set_default_server(ctx, "backup", people["admin"])
    assert default_site(ctx) == "backup"
