"""Screenshot of the publishing-server dialog in Thai (offscreen).

    python tools/screenshot_server_dialog.py [OUT_DIR]
"""

from __future__ import annotations

from demo_app import demo_app


def main() -> int:
    from PySide6.QtCore import QTimer

    from desktop.services.server_access import ServerProfile
    from desktop.services.user_session import UserSession
    from desktop.ui.server_dialog import ServerDialog

    app, ctx, home, out = demo_app("webdesk-server-")
    dialog = ServerDialog(UserSession.sign_in(ctx, "admin", "admin-demo-1"), "th")
    dialog.set_profile(ServerProfile(
        name="เว็บไซต์สำนักงาน", host="www.example.go.th", user="webmaster",
        web_root="/var/www/html", archive_dir="/srv/archive",
        public_base_url="https://www.example.go.th", key_path="/home/somchai/.ssh/id_ed25519",
        full_verify_max_mb=32))
    dialog.show()
    QTimer.singleShot(600, lambda: (dialog.grab().save(str(out / "server-dialog-th.png")),
                                    app.quit()))
    app.exec()
    print("saved", out / "server-dialog-th.png")
    ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
