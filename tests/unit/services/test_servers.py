"""desktop.services.servers: server profiles (an admin's, audited), the default profile, the
host key shown and trusted (pinned or confirmed; a changed one replaced with both shown), and
"Test connection" — against the in-process SFTP server."""

from __future__ import annotations

from dataclasses import replace

import paramiko
import pytest

from desktop.domain.errors import NotFound, PermissionDenied, UserError
from desktop.publish.errors import PublishError
from desktop.publish.profiles import AuthKind, PublishMode
from desktop.services import servers
from desktop.services.context import AppContext
from tests.support.embedded_site import EmbeddedSite
from tests.unit.services.support import assert_refusal, audit_actions, serve, sqlite_only


@sqlite_only
def test_profiles_are_saved_by_admins_only_and_checked(ctx: AppContext, people,  # noqa: ANN001
                                                       site: EmbeddedSite) -> None:
    with pytest.raises(PermissionDenied) as caught:
        servers.save_server(ctx, site.profile(), people["web1"])
    assert_refusal(caught.value, "admin_required")
    with pytest.raises(PublishError) as invalid:
        servers.save_server(ctx, site.profile(web_root="www", archive_dir=""), people["admin"])
    assert_refusal(invalid.value, "sftp_profile_invalid")
    with pytest.raises(PublishError) as key:
        servers.save_server(ctx, site.profile(key_path=str(site.root / "no-such-key")),
                            people["admin"])
    assert_refusal(key.value, "key_file_missing")
    assert servers.list_servers(ctx) == []
    saved = servers.save_server(ctx, site.profile(), people["admin"])
    assert servers.list_servers(ctx) == [saved]
    assert audit_actions(ctx)[-1] == "server_saved"


@sqlite_only
def test_which_profile_is_used_when_none_is_named(ctx: AppContext, people,  # noqa: ANN001
                                                  site: EmbeddedSite) -> None:
    with pytest.raises(NotFound) as none:
        servers.get_server(ctx)
    assert_refusal(none.value, "no_server")
    admin = people["admin"]
    first = servers.save_server(ctx, site.profile(name="main"), admin)
    assert servers.get_server(ctx) == first                       # the only one
    servers.save_server(ctx, site.profile(name="backup"), admin)
    with pytest.raises(UserError) as several:
        servers.get_server(ctx)
    assert_refusal(several.value, "server_ambiguous")
    assert "main" in several.value.text("th") and "backup" in several.value.text("th")
    with pytest.raises(PermissionDenied):
        servers.set_default_server(ctx, "backup", people["web1"])
    assert servers.set_default_server(ctx, "backup", admin).name == "backup"
    assert servers.default_server_name(ctx) == "backup"
    assert servers.get_server(ctx).name == "backup"
    assert servers.get_server(ctx, "main") == first
    with pytest.raises(NotFound) as unknown:
        servers.get_server(ctx, "nowhere")
    assert_refusal(unknown.value, "server_not_found")
    assert audit_actions(ctx)[-1] == "server_default"


def test_a_profile_from_plain_values() -> None:
    profile = servers.new_profile(
        name="site", host="www.example.go.th", port=22, user="web", web_root="/var/www/html",
        archive_dir="/var/www/archive", public_base_url="https://www.example.go.th",
        auth="password", key_path=None, category_folders={"news": "ข่าว"}, mode="site",
        parallel_connections=4, full_verify_max_mb=32, verify_sha256=True,
        retry_first_delay=2.0)
    assert profile.auth is AuthKind.PASSWORD and profile.mode is PublishMode.SITE
    assert profile.folder_for("news") == "ข่าว" and profile.folder_for("law") == "law"
    assert profile.retry_max_delay == 30.0 and profile.validate() is profile


@sqlite_only
def test_a_host_key_is_trusted_when_pinned_or_confirmed(ctx: AppContext, people,  # noqa: ANN001
                                                        site: EmbeddedSite) -> None:
    admin = people["admin"]
    profile = servers.save_server(ctx, site.profile(), admin)
    key_type, shown = servers.server_fingerprint(ctx, profile)
    assert shown == site.server.host_key_fingerprint() and key_type == "ssh-ed25519"
    with pytest.raises(UserError) as wrong:
        servers.trust_server(ctx, profile, admin, lambda _p: True, "SHA256:not-this-one")
    assert_refusal(wrong.value, "fingerprint_mismatch")
    prompts: list[servers.KeyPrompt] = []

    def decline(prompt: servers.KeyPrompt) -> bool:
        prompts.append(prompt)
        return False
    with pytest.raises(UserError) as declined:
        servers.trust_server(ctx, profile, admin, decline)
    assert_refusal(declined.value, "trust_declined")
    (prompt,) = prompts
    assert not prompt.changed and shown in prompt.text("th") and "ยังไม่รู้จัก" in prompt.text("th")
    with pytest.raises(PermissionDenied):
        servers.trust_server(ctx, profile, people["web1"], lambda _p: True)
    assert servers.trust_server(ctx, profile, admin, lambda _p: True, shown + "=") == shown
    assert servers.trust_server(ctx, profile, admin, decline) == shown    # already trusted
    assert len(prompts) == 1
    trusted = [a for a in audit_actions(ctx) if a == "host_key_trusted"]
    assert len(trusted) == 1


@sqlite_only
def test_a_changed_key_shows_both_and_needs_an_admin(ctx: AppContext, people,  # noqa: ANN001
                                                     site: EmbeddedSite) -> None:
    admin = people["admin"]
    profile = servers.save_server(ctx, site.profile(), admin)
    old_line = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
    with ctx.paths.known_hosts.open("w", encoding="utf-8") as known:
        known.write(f"[{profile.host}]:{profile.port} {old_line}\n")
    seen: list[servers.KeyPrompt] = []

    def confirm(prompt: servers.KeyPrompt) -> bool:
        seen.append(prompt)
        return True
    servers.trust_server(ctx, profile, admin, confirm)
    (prompt,) = seen
    assert prompt.changed and len(prompt.old_fingerprints) == 1
    assert "CHANGED" in prompt.text("th") and prompt.fingerprint in prompt.text("en")
    another = paramiko.Ed25519Key.from_private_key_file(str(site.key_path))
    with pytest.raises(NotFound):            # a changed key: nobody signed in cannot replace it
        servers.trust_seen_key(ctx, profile, None, another)
    with pytest.raises(PermissionDenied):
        servers.trust_seen_key(ctx, profile, people["web1"], another)
    assert servers.trust_seen_key(ctx, profile, admin, another).startswith("SHA256:")


@sqlite_only
def test_test_connection_finds_the_folders_and_the_staging_place(ctx: AppContext, people,  # noqa: ANN001
                                                                site: EmbeddedSite) -> None:
    profile = serve(ctx, people["admin"], site)
    check = servers.test_connection(ctx, profile, site.credentials())
    assert check.ok_web_root and check.ok_archive and check.posix_rename
    assert check.detail == f"webmaster@{profile.host}:{profile.port}"
    assert check.staging and check.staging_outside and not check.staging_warning
    missing = replace(profile, archive_dir="/no-archive")
    assert not servers.test_connection(ctx, missing, site.credentials()).ok_archive


def test_a_password_goes_to_the_keyring_when_there_is_one(site: EmbeddedSite) -> None:
    store = site.credentials()
    profile = site.profile(auth=AuthKind.PASSWORD)
    from desktop.publish.credentials import SecretKind

    assert servers.store_password(profile, "s3cret-pass", store)
    assert store.secret(profile, SecretKind.PASSWORD) == "s3cret-pass"


@sqlite_only
@pytest.mark.parametrize("data", ['{"name": "broken"}', "not json", "[1, 2]",
                                  '{"name": "broken", "host": "h", "user": "u", '
                                  '"web_root": "/w", "archive_dir": "/a", "port": "x"}',
                                  '{"name": "someone-else", "host": "h", "user": "u", '
                                  '"web_root": "/w", "archive_dir": "/a"}',
                                  "[" * 100_000])
def test_a_damaged_profile_row_is_named_not_a_traceback(ctx: AppContext, people,  # noqa: ANN001
                                                        site: EmbeddedSite, data: str) -> None:
    """A row written behind the app's back: refused by name where it could be the profile
    meant; the readable ones still work, and start-up reconcile reports it as a failure."""
    from desktop.services import reconcile
    from desktop.store.server_profiles import save_profile_data

    good = serve(ctx, people["admin"], site)                # the default
    with ctx.db.write() as session:
        save_profile_data(session, "broken", data, ctx.now())
    assert servers.get_server(ctx) == good == servers.get_server(ctx, good.name)
    assert servers.read_servers(ctx) == servers.StoredServers([good], ["broken"])
    results = dict(reconcile.reconcile_sites(ctx, people["web1"], site.credentials()))
    assert isinstance(results[good.name], reconcile.ReconcileReport)
    damaged = results["broken"]
    assert isinstance(damaged, UserError) and damaged.code == "server_profile_damaged"
    ctx.set_setting(servers.DEFAULT_SETTING, "")            # none marked: it could be meant
    for attempt in (lambda: servers.list_servers(ctx), lambda: servers.get_server(ctx, "broken"),
                    lambda: servers.get_server(ctx)):
        with pytest.raises(UserError) as caught:
            attempt()
        refused = assert_refusal(caught.value, "server_profile_damaged")
        assert "broken" in refused.text("th") and "broken" in refused.text("en")
    servers.save_server(ctx, site.profile(name="broken"), people["admin"])   # the repair
    assert [p.name for p in servers.list_servers(ctx)] == ["broken", good.name]
