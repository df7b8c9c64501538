"""pytest-qt: pick a request of the demo data; every one of its stored files previews."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.files.render_cache import RenderCache
from desktop.services.attachments import list_files, read_blob
from desktop.services.context import AppContext
from desktop.services.requests import RequestQuery, list_requests
from desktop.ui.preview.loaders import PreviewFile, UnreadablePreview
from desktop.ui.preview.preview_pane import PreviewPane


def test_every_file_of_a_demo_request_previews(demo_ctx: AppContext, qtbot: QtBot,
                                               tmp_path: Path) -> None:
    summaries = [s for s in list_requests(demo_ctx, RequestQuery()) if s.attachment_count]
    assert summaries, "the demo data has requests with files"
    chosen = max(summaries, key=lambda s: s.attachment_count)
    files = list_files(demo_ctx, chosen.id)
    assert len(files) == chosen.attachment_count
    pane = PreviewPane(cache=RenderCache(tmp_path / "cache"))
    qtbot.addWidget(pane)
    pane.show()
    for stored in files:
        data = read_blob(demo_ctx, stored.info.sha256)
        with qtbot.waitSignal(pane.preview_shown, timeout=30_000) as blocker:
            pane.show_file(PreviewFile(stored.info.display_name, data=data,
                                       sha256=stored.info.sha256))
        preview = blocker.args[0]
        assert not isinstance(preview, UnreadablePreview), preview
        assert preview.sha256 == stored.info.sha256
        assert pane.current_viewer() is not pane.message_viewer
