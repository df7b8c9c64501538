"""Small pictures for the attachment list: the stored thumbnail, or a badge per file type."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

ICON_SIDE = 56

_COLOURS: dict[str, str] = {
    "pdf": "#b91c1c", "doc": "#1d4ed8", "docx": "#1d4ed8", "xls": "#15803d", "xlsx": "#15803d",
    "jpg": "#7c3aed", "jpeg": "#7c3aed", "png": "#7c3aed", "zip": "#57534e", "rar": "#57534e",
}


def type_label(kind: str) -> str:
    return kind.upper().replace("JPEG", "JPG") or "?"


def type_badge(kind: str, side: int = ICON_SIDE) -> QPixmap:
    """A page-shaped badge in the type's colour with its name (PDF, XLSX, ...)."""
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(_COLOURS.get(kind, "#6b7280"))
    page = QRectF(side * 0.16, side * 0.04, side * 0.68, side * 0.92)
    painter.setPen(colour)
    painter.setBrush(QColor("#ffffff"))
    painter.drawRoundedRect(page, 4, 4)
    band = QRectF(side * 0.06, side * 0.52, side * 0.88, side * 0.30)
    painter.setBrush(colour)
    painter.drawRoundedRect(band, 3, 3)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(8, int(side * 0.2)))
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(band, Qt.AlignmentFlag.AlignCenter, type_label(kind))
    painter.end()
    return pixmap


def file_icon(kind: str, thumbnail: bytes | None, side: int = ICON_SIDE) -> QIcon:
    """The thumbnail scaled into a square when there is one, else the type badge."""
    if thumbnail:
        image = QPixmap()
        if image.loadFromData(thumbnail):
            scaled = image.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)
            return QIcon(scaled)
    return QIcon(type_badge(kind, side))
