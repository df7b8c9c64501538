"""pytest-qt: the PDF viewer's row of controls in the detail pane of a 1366-pixel screen keeps
its worded controls whole; the one-sign buttons (◀ ▶ − +) give up their width first."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.ui.preview.viewers import PdfViewer

PANE_WIDTH = 400      # the viewer's width in the side pane at 1366×768 (screenshot tool)


def test_worded_controls_keep_their_text_in_a_narrow_pane(thai_app: object,
                                                           qtbot: QtBot) -> None:
    viewer = PdfViewer()
    qtbot.addWidget(viewer)
    viewer.fit_button.setText("พอดีความกว้าง")
    viewer.count_label.setText("จาก 12 หน้า")
    viewer.resize(PANE_WIDTH, 500)
    viewer.show()
    qtbot.waitExposed(viewer)
    for worded, padding in ((viewer.fit_button, 8), (viewer.count_label, 0)):
        text = worded.fontMetrics().horizontalAdvance(worded.text())
        assert worded.width() >= text + padding, (worded.text(), worded.width(), text)
    for sign in (viewer.previous_button, viewer.next_button, viewer.zoom_in_button,
                 viewer.zoom_out_button):
        assert sign.width() <= sign.height() + 6, sign.text()
