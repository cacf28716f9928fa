"""A count drawn as a small pill at the right of a sidebar entry (what is due today)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

BADGE_ROLE = Qt.ItemDataRole.UserRole + 20  # an int; 0 or None draws nothing


class BadgeDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        count = index.data(BADGE_ROLE)
        if not count:
            super().paint(painter, option, index)
            return
        text = str(count) if count < 1000 else "999+"
        font = QFont(option.font)
        font.setBold(True)
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        width = painter.fontMetrics().horizontalAdvance(text) + 14
        rect: QRect = option.rect
        pill = QRect(rect.right() - width - 8, rect.center().y() - 9, width, 18)
        super().paint(painter, option, index)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#b3261e"))
        painter.drawRoundedRect(pill, 9, 9)
        painter.setPen(QColor("white"))
        painter.setFont(font)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
