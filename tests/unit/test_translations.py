"""Every translatable UI string has Thai, and the compiled .qm is up to date."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _builder():  # noqa: ANN202
    spec = importlib.util.spec_from_file_location(
        "build_translations", ROOT / "installer" / "build_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_ui_string_has_thai() -> None:
    builder = _builder()
    found = builder.scan()
    assert sum(len(v) for v in found.values()) > 100
    assert builder.missing(found, builder.load_thai()) == []


def test_ts_file_matches_the_sources(tmp_path: Path) -> None:
    builder = _builder()
    found = builder.scan()
    fresh = tmp_path / "webdesk_th.ts"
    builder.write_ts(found, builder.load_thai(), fresh)
    shipped = ROOT / "resources" / "i18n" / "webdesk_th.ts"
    assert fresh.read_text("utf-8") == shipped.read_text("utf-8"), \
        "run: python installer/build_translations.py"


# Thai words for one thing: a server is เซิร์ฟเวอร์ (the UI's word, over twice as common as
# เครื่องแม่ข่าย when this was settled) and a user name is ชื่อผู้ใช้.
OTHER_WORDS = ("เครื่องแม่ข่าย", "ชื่อเข้าใช้")


def test_one_thai_word_for_server_and_for_user_name() -> None:
    thai = _builder().load_thai()
    in_translations = sorted(f"[{context}] {source}" for context, texts in thai.items()
                             for source, text in texts.items()
                             if any(word in text for word in OTHER_WORDS))
    assert in_translations == []
    in_code = {str(path.relative_to(ROOT)) for path in (ROOT / "desktop").rglob("*.py")
               if any(word in path.read_text("utf-8") for word in OTHER_WORDS)}
    assert in_code == set(), sorted(in_code)
