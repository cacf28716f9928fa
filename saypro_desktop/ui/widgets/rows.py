"""A read-only table over plain rows (dataclasses from a service), for every list page.

``RowsModel`` shows rows through a ``cells`` function (row -> column texts); ``ROW_ROLE``
gives the row object behind a line and ``SORT_ROLE`` a sort key (numbers and dates sort as
such, not as text). ``make_table`` builds the view every list uses, with a
``QSortFilterProxyModel`` in front when ``sortable``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

T = TypeVar("T")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the plain row object behind a table line
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a key that sorts the column properly


class RowsModel(QAbstractTableModel, Generic[T]):
    """A read-only table over plain rows; ``cells`` turns one row into its column texts."""

    def __init__(
        self,
        headers: Sequence[str],
        cells: Callable[[T], Sequence[str]],
        parent: QObject | None = None,
        *,
        sort_keys: Callable[[T], Sequence[Any]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._cells = cells
        self._sort_keys = sort_keys
        self._rows: list[T] = []
        self._texts: list[Sequence[str]] = []

    def set_cells(self, cells: Callable[[T], Sequence[str]]) -> None:
        """Change how rows are shown (takes effect at the next ``set_rows``)."""
        self._cells = cells

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = [self._cells(row) for row in self._rows]
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def rowCount(self, parent: Any = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Any = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._texts[index.row()][index.column()]
        if role == ROW_ROLE:
            return self._rows[index.row()]
        if role == SORT_ROLE:
            if self._sort_keys is None:
                return self._texts[index.row()][index.column()].casefold()
            return self._sort_keys(self._rows[index.row()])[index.column()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None


def make_table(model: QAbstractTableModel, name: str, *, sortable: bool = False) -> QTableView:
    """The view every list uses; ``sortable`` puts a sort/filter proxy in front (its
    ``setFilterFixedString`` searches every column)."""
    table = QTableView()
    table.setObjectName(name)
    if sortable:
        proxy = QSortFilterProxyModel(table)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        proxy.setFilterKeyColumn(-1)
        proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        table.setModel(proxy)
        table.setSortingEnabled(True)
    else:
        table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table
