"""A lazy table over every person: holds only ids, fetches rows when they are painted.

Sorting and filtering happen in SQL (services.people.list_person_ids), not in a
QSortFilterProxyModel: a proxy would have to read all 100,000 rows to sort them,
which is exactly what a lazy model exists to avoid.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from saypro_desktop.domain.enums import PipelineStage, StakeholderCategory
from saypro_desktop.domain.people import format_phone
from saypro_desktop.services.areas import PeopleArea
from saypro_desktop.services.people import PeopleFilter, PersonRow
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.labels import label_of

PAGE_SIZE = 200
MAX_CACHED_PAGES = 40  # at most 8,000 rows held in memory
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
# The roles data() answers; a paint asks each cell for many more (font, colours,
# alignment...), so those are refused before anything else is looked at.
_SERVED = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ROW_ID_ROLE,
                     ROW_ROLE})


class Column(IntEnum):
    NAME = 0
    ORGANISATION = 1
    EMAIL = 2
    PHONE = 3
    CATEGORY = 4
    STAGE = 5
    CITY = 6

    @property
    def title(self) -> str:
        return {
            Column.NAME: tr("Name"),
            Column.ORGANISATION: tr("Organisation"),
            Column.EMAIL: tr("Email"),
            Column.PHONE: tr("Phone"),
            Column.CATEGORY: tr("Category"),
            Column.STAGE: tr("Pipeline stage"),
            Column.CITY: tr("City"),
        }[self]

    @property
    def sort_key(self) -> str:
        return {
            Column.NAME: "name",
            Column.ORGANISATION: "organisation",
            Column.EMAIL: "email",
            Column.PHONE: "phone",
            Column.CATEGORY: "category",
            Column.STAGE: "pipeline_stage",
            Column.CITY: "city",
        }[self]


def cell_text(row: PersonRow, column: Column) -> str:
    if column is Column.NAME:
        return row.name
    if column is Column.ORGANISATION:
        return row.organisation or ""
    if column is Column.EMAIL:
        return row.email or ""
    if column is Column.PHONE:
        return format_phone(row.phone)
    if column is Column.CATEGORY:
        return label_of(StakeholderCategory, row.category)
    if column is Column.STAGE:
        return label_of(PipelineStage, row.pipeline_stage)
    return row.city or ""


class PeopleTableModel(QAbstractTableModel):
    def __init__(self, people: PeopleArea, parent: Any = None) -> None:
        super().__init__(parent)
        self._people = people
        self._lister = people.lister()
        self._filter = PeopleFilter()
        self._ids: list[str] = []
        self._pages: OrderedDict[int, list[PersonRow]] = OrderedDict()
        # Each shown row's cell texts, made on its first paint (formatting a phone number
        # costs more than painting the row); cleared with the pages.
        self._texts: dict[int, list[str]] = {}
        self._loaded = False  # nothing is read until the first set_filter()
        self.fetched_pages = 0  # how many pages were read from the database (for tests)

    # -- loading -------------------------------------------------------------------------
    @property
    def filter(self) -> PeopleFilter:
        return self._filter

    def set_filter(self, flt: PeopleFilter) -> None:
        self.beginResetModel()
        self._filter = flt
        self._ids = self._lister.ids(flt)
        self._loaded = True
        self._pages.clear()
        self._texts.clear()
        self.endResetModel()

    def invalidate(self) -> None:
        """The data changed: the next filter re-reads the order from the database."""
        self._lister.invalidate()

    def refresh_person(self, person_id: str) -> None:
        """Re-read one person's row after an edit, without losing the scroll position."""
        try:
            row = self._ids.index(person_id)
        except ValueError:
            return
        self._pages.pop(row // PAGE_SIZE, None)
        self._texts.clear()
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def row_of(self, person_id: str) -> int:
        try:
            return self._ids.index(person_id)
        except ValueError:
            return -1

    def person_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def _row(self, row: int) -> PersonRow | None:
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            start = page_no * PAGE_SIZE
            ids = self._ids[start : start + PAGE_SIZE]
            fetched = {r.id: r for r in self._people.rows(ids)}
            page = [fetched.get(i) or _missing(i) for i in ids]
            self._pages[page_no] = page
            self.fetched_pages += 1
            while len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        offset = row - page_no * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    # -- Qt model API --------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role not in _SERVED or not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ROW_ID_ROLE:
            return self._ids[index.row()]
        if role == ROW_ROLE:
            return self._row(index.row())
        texts = self._texts.get(index.row())
        if texts is None:
            row = self._row(index.row())
            if row is None:
                return None
            if len(self._texts) > MAX_CACHED_PAGES * PAGE_SIZE:
                self._texts.clear()
            texts = self._texts[index.row()] = [cell_text(row, column) for column in Column]
        return texts[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            return Column(section).title
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        flt = self._filter
        if not self._loaded:  # remember the order; the first load will use it
            self._filter = replace(flt, sort=Column(column).sort_key, descending=descending)
            return
        if flt.sort == Column(column).sort_key and flt.descending == descending:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept_ids = [self.person_id(index.row()) for index in persistent]
        self._filter = replace(flt, sort=Column(column).sort_key, descending=descending)
        self._ids = self._lister.ids(self._filter)
        self._pages.clear()
        self._texts.clear()
        positions = {pid: row for row, pid in enumerate(self._ids)} if persistent else {}
        moved = [
            self.index(positions[pid], index.column()) if pid in positions else QModelIndex()
            for pid, index in zip(kept_ids, persistent, strict=True)
        ]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()


def _missing(person_id: str) -> PersonRow:
    """A row deleted since the id list was read: shown blank until the next reload."""
    return PersonRow(person_id, None, None, None, None, None, None, None, None)
