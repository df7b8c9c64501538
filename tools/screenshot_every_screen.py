"""Screenshots of every window and dialog at 1366x768 (offscreen), in Thai and in English.

    python tools/screenshot_every_screen.py [OUT_DIR] [--size 1366x768] [--scale 1]
                                            [--only main-webmaster,published-elsewhere]

Each screen is opened on a fresh demo profile with its data loaded (tests/ui/screen_walk.py,
the same walk the 1366x768 test makes) and saved as OUT_DIR/NAME-th.png and NAME-en.png
(default OUT_DIR: artifacts/screenshots).  Prints what would fail the test, if anything.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default=str(ROOT / "artifacts" / "screenshots"))
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--scale", default="1")
    parser.add_argument("--only", default="", help="comma-separated screen names (default: all)")
    args = parser.parse_args()
    problems = 0
    for lang in ("th", "en"):
        # the walk's demo profile and page previews go in a temp folder of its own, removed
        # here: the walk ends with os._exit, which skips their clean-up (as in the test)
        with tempfile.TemporaryDirectory(prefix="webdesk-walk-") as folder:
            report = Path(folder) / "report.json"
            subprocess.run([sys.executable, str(ROOT / "tests" / "ui" / "screen_walk.py"),
                            "--lang", lang, "--size", args.size, "--scale", args.scale,
                            "--report", str(report), "--shots", args.out, "--only", args.only],
                           check=True, cwd=ROOT, stderr=subprocess.DEVNULL,
                           env={**os.environ, "TMPDIR": folder})
            found_by_screen = json.loads(report.read_text(encoding="utf-8"))
        for screen, found in found_by_screen.items():
            for kind in ("outside", "untranslated"):
                for item in found[kind]:
                    problems += 1
                    print(f"{lang} {screen}: {kind}: {item}")
            print("saved", Path(args.out) / f"{screen}-{lang}.png")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
