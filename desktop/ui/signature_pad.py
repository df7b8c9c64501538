"""A signature pad: draw with the mouse, a pen (tablet) or a finger; export as PNG.

Strokes are kept as a QPainterPath; :meth:`SignaturePad.png` renders them on a transparent
image at twice the widget's size.  The services trim it to the ink (Pillow) before storing.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

INK = QColor(16, 32, 96)


class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.setMinimumSize(360, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.path = QPainterPath()
        self._drawing = False

    # ----- strokes -----
    def begin_stroke(self, point: QPointF) -> None:
        self._drawing = True
        self.path.moveTo(point)
        self.path.lineTo(point + QPointF(0.5, 0.5))  # a dot is ink too
        self.update()

    def extend_stroke(self, point: QPointF) -> None:
        if self._drawing:
            self.path.lineTo(point)
            self.update()

    def end_stroke(self) -> None:
        if self._drawing:
            self._drawing = False
            self.changed.emit()

    def clear(self) -> None:
        self.path = QPainterPath()
        self._drawing = False
        self.update()
        self.changed.emit()

    def is_empty(self) -> bool:
        return self.path.isEmpty()

    # ----- input -----
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.begin_stroke(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.extend_stroke(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.end_stroke()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self.begin_stroke(event.position())
        elif kind == QTabletEvent.Type.TabletMove:
            self.extend_stroke(event.position())
        elif kind == QTabletEvent.Type.TabletRelease:
            self.end_stroke()
        event.accept()

    def event(self, event):  # type: ignore[no-untyped-def]  # noqa: ANN001, ANN201
        if isinstance(event, QTouchEvent) and event.points():
            point = event.points()[0].position()
            if event.type() == QTouchEvent.Type.TouchBegin:
                self.begin_stroke(point)
            elif event.type() == QTouchEvent.Type.TouchUpdate:
                self.extend_stroke(point)
            else:
                self.end_stroke()
            event.accept()
            return True
        return super().event(event)

    # ----- drawing -----
    def _pen(self, scale: float = 1.0) -> QPen:
        pen = QPen(INK, 2.6 * scale)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(QColor("#9ca3af"), 1, Qt.PenStyle.DashLine))
        baseline = int(self.height() * 0.75)
        painter.drawLine(16, baseline, self.width() - 16, baseline)
        painter.setPen(self._pen())
        painter.drawPath(self.path)
        painter.end()

    def png(self) -> bytes | None:
        """The drawing as a transparent PNG (2x resolution), or None when nothing is drawn."""
        if self.is_empty():
            return None
        scale = 2.0
        image = QImage(int(self.width() * scale), int(self.height() * scale),
                       QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        painter.setPen(self._pen())
        painter.drawPath(self.path)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # str works; bytes does not
        buffer.close()
        return bytes(data.data())
