"""Table models of the outreach pages: rows that need attention stand out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QFont

from saypro_desktop.ui.widgets.rows import RowsModel

OVERDUE = QColor("#b3261e")


class HighlightRowsModel(RowsModel[Any]):
    """``RowsModel`` whose rows ``urgent(row)`` says are urgent show bold and red."""

    def __init__(self, headers: Sequence[str], cells: Callable[[Any], Sequence[str]],
                 parent: QObject | None = None, *,
                 sort_keys: Callable[[Any], Sequence[Any]] | None = None,
                 urgent: Callable[[Any], bool] = lambda _row: False) -> None:
        super().__init__(headers, cells, parent, sort_keys=sort_keys)
        self._urgent = urgent

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole) and \
                index.isValid() and 0 <= index.row() < self.rowCount():
            if not self._urgent(self.row_at(index.row())):
                return None
            if role == Qt.ItemDataRole.ForegroundRole:
                return OVERDUE
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)
