"""Table models of the Organisations page.

``OrganisationsTableModel`` is lazy like the People list: it holds the ids in display
order (sorted and filtered by the service) and fetches rows a page at a time as they are
painted. ``StageGroupsModel`` is the list grouped by pipeline stage; ``BoardColumnModel``
is one column of the board, whose cards can be dragged to another column.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from saypro_desktop.domain.enums import (
    FocusArea,
    GovernmentLevel,
    PipelineStage,
    Priority,
    StakeholderCategory,
)
from saypro_desktop.domain.organisations import focus_area_list, label_of
from saypro_desktop.services.organisations import (
    BoardCard,
    OrganisationFilter,
    OrganisationRow,
    OrganisationsService,
)
from saypro_desktop.ui.i18n import tr

PAGE_SIZE = 200
MAX_CACHED_PAGES = 40
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
MIME = "application/x-saypro-organisation"
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    STAGE = 1
    PRIORITY = 2
    CATEGORY = 3
    PLACE = 4
    LEVEL = 5
    FOCUS = 6

    @property
    def title(self) -> str:
        return {
            Column.NAME: tr("Name"), Column.CATEGORY: tr("Category"),
            Column.FOCUS: tr("Focus areas"), Column.LEVEL: tr("Level"),
            Column.PLACE: tr("Place"), Column.STAGE: tr("Pipeline stage"),
            Column.PRIORITY: tr("Priority"),
        }[self]

    @property
    def sort_key(self) -> str:
        return ("name", "pipeline_stage", "priority", "category", "place", "level",
                "focus_areas")[self]


def focus_text(stored: str | None) -> str:
    return ", ".join(label_of(FocusArea, a) for a in focus_area_list(stored))


def cell_text(row: OrganisationRow, column: Column) -> str:
    if column is Column.NAME:
        return row.name
    if column is Column.CATEGORY:
        return label_of(StakeholderCategory, row.category)
    if column is Column.FOCUS:
        return focus_text(row.focus_areas)
    if column is Column.LEVEL:
        return label_of(GovernmentLevel, row.level)
    if column is Column.PLACE:
        return row.place
    if column is Column.STAGE:
        return label_of(PipelineStage, row.pipeline_stage)
    return label_of(Priority, row.priority)


PRIORITY_COLOURS = {"high": "#b3261e", "medium": "#7a5900", "low": "#4a6572"}


_ANSWERED = frozenset({int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole),
                       int(Qt.ItemDataRole.ForegroundRole), int(ROW_ROLE), int(ID_ROLE)})


class OrganisationsTableModel(QAbstractTableModel):
    def __init__(self, service: OrganisationsService, parent: Any = None) -> None:
        super().__init__(parent)
        self._service = service
        self._lister = service.lister()
        self._filter = OrganisationFilter()
        self._ids: list[str] = []
        self._positions: dict[str, int] = {}
        self._pages: OrderedDict[int, list[OrganisationRow | None]] = OrderedDict()
        self._loaded = False
        self.fetched_pages = 0

    @property
    def filter(self) -> OrganisationFilter:
        return self._filter

    def set_filter(self, flt: OrganisationFilter) -> None:
        self.beginResetModel()
        self._filter = flt
        self._ids = self._lister.ids(flt)
        self._positions = {org_id: row for row, org_id in enumerate(self._ids)}
        self._pages.clear()
        self._loaded = True
        self.endResetModel()

    def invalidate(self) -> None:
        self._lister.invalidate()

    def row_of(self, org_id: str) -> int:
        return self._positions.get(org_id, -1)

    def org_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def refresh_row(self, org_id: str) -> None:
        row = self.row_of(org_id)
        if row >= 0:
            self._pages.pop(row // PAGE_SIZE, None)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def _row(self, row: int) -> OrganisationRow | None:
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            ids = self._ids[number * PAGE_SIZE:(number + 1) * PAGE_SIZE]
            found = {r.id: r for r in self._service.rows(ids)}
            page = [found.get(i) for i in ids]
            self._pages[number] = page
            self.fetched_pages += 1
            while len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = row - number * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks a dozen roles per painted cell: the ones we never answer go first,
        # before any call into the index.
        if role not in _ANSWERED:
            return None
        number = index.row()
        if not 0 <= number < len(self._ids) or not index.isValid():
            return None
        if role == ID_ROLE:
            return self._ids[number]
        row = self._row(number)
        if row is None:
            return None
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = PRIORITY_COLOURS.get(row.priority or "")
            if index.column() == Column.PRIORITY and colour:
                return QBrush(QColor(colour))
            return None
        return cell_text(row, Column(index.column()))

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(Column)):
            return Column(section).title
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        flt = replace(self._filter, sort=Column(column).sort_key,
                      descending=order == Qt.SortOrder.DescendingOrder)
        if not self._loaded:
            self._filter = flt
            return
        if flt == self._filter:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [self.org_id(i.row()) for i in persistent]
        self._filter = flt
        self._ids = self._lister.ids(flt)
        self._positions = {org_id: row for row, org_id in enumerate(self._ids)}
        self._pages.clear()
        self.changePersistentIndexList(persistent, [
            self.index(self._positions[k], i.column()) if k in self._positions else QModelIndex()
            for k, i in zip(kept, persistent, strict=True)
        ])
        self.layoutChanged.emit()


class BoardColumnModel(QAbstractListModel):
    """The cards of one pipeline stage; a card dropped here asks ``on_drop(org_id, stage)``."""

    def __init__(self, stage: str, on_drop: Callable[[str, str], None], parent: Any = None
                 ) -> None:
        super().__init__(parent)
        self.stage = stage
        self._on_drop = on_drop
        self._cards: list[BoardCard] = []

    def set_cards(self, cards: Sequence[BoardCard]) -> None:
        self.beginResetModel()
        self._cards = list(cards)
        self.endResetModel()

    def cards(self) -> list[BoardCard]:
        return list(self._cards)

    def row_of(self, org_id: str) -> int:
        return next((i for i, c in enumerate(self._cards) if c.id == org_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cards):
            return None
        card = self._cards[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            second = [label_of(StakeholderCategory, card.category)]
            if card.priority == "high":
                second.append(tr("high priority"))
            return "\n".join([card.name, " · ".join(p for p in second if p)])
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [card.name, label_of(StakeholderCategory, card.category)]
            if card.priority:
                parts.append(tr("{p} priority").format(p=label_of(Priority, card.priority)))
            return "\n".join(p for p in parts if p)
        if role == ID_ROLE:
            return card.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        ids = [self._cards[i.row()].id for i in indexes if i.isValid()]
        data.setData(MIME, QByteArray("\n".join(ids).encode()))
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        return data.hasFormat(MIME)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        if not data.hasFormat(MIME):
            return False
        for org_id in bytes(data.data(MIME).data()).decode().split("\n"):
            if org_id and self.row_of(org_id) < 0:
                self._on_drop(org_id, self.stage)
        return False  # the board reloads from the database; Qt must not remove the source


class StageGroupsModel(QAbstractItemModel):
    """Organisations grouped by stage: a stage row (with its count) above its members."""

    HEADERS = (tr("Organisation"), tr("Category"), tr("Priority"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._groups: list[tuple[str, list[BoardCard]]] = []

    def set_groups(self, groups: dict[str, list[BoardCard]]) -> None:
        self.beginResetModel()
        self._groups = list(groups.items())
        self.endResetModel()

    # internalId: 0 for a stage row, group number + 1 for an organisation under it.
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            stage, cards = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return f"{label_of(PipelineStage, stage)} ({len(cards):,})"
            return None
        card = self._groups[index.internalId() - 1][1][index.row()]
        if role == ID_ROLE:
            return card.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (card.name, label_of(StakeholderCategory, card.category),
                label_of(Priority, card.priority))[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None
