#!/usr/bin/env bash
# Puts WebDesk in the desktop's application menu: `bash installer/linux/install-desktop-entry.sh DIR`
# where DIR is the bundle (dist/WebDesk, or wherever it was unpacked) or a folder whose
# `webdesk` starts the app.  As root: for everyone (/usr/share/...); otherwise: for this user.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bundle="$(cd "${1:?usage: install-desktop-entry.sh BUNDLE_DIR}" && pwd)"
[[ -x "$bundle/webdesk" ]] || { echo "no executable $bundle/webdesk" >&2; exit 2; }
if [[ "$(id -u)" == 0 ]]; then share=/usr/share; else share="${XDG_DATA_HOME:-$HOME/.local/share}"; fi
mkdir -p "$share/applications" "$share/icons/hicolor/scalable/apps"
sed "s|@BUNDLE@|$bundle|" "$here/webdesk.desktop" >"$share/applications/webdesk.desktop"
cp "$here/../../resources/icons/webdesk.svg" "$share/icons/hicolor/scalable/apps/webdesk.svg" 2>/dev/null \
    || cp "$bundle/_internal/resources/icons/webdesk.svg" "$share/icons/hicolor/scalable/apps/webdesk.svg"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$share/applications" || true
echo "WebDesk added to the application menu ($share/applications/webdesk.desktop)"
