"""The possible-duplicates queue of organisations: each pair side by side, merge (with
undo) or dismiss.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.services.organisations import DuplicatePair
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.widgets.rows import ROW_ROLE, RowsModel, make_table

if TYPE_CHECKING:
    from saypro_desktop.ui.organisations.page import OrganisationsPage


def _pair_cells(pair: DuplicatePair) -> list[str]:
    def who(row: Any) -> str:
        return f"{row.name}\n{row.place}" if row.place else row.name

    return [who(pair.first), who(pair.second), pair.reason.capitalize()]


class DuplicatesView(QWidget):
    def __init__(self, page: OrganisationsPage) -> None:
        super().__init__()
        self.page = page
        self.model: RowsModel[DuplicatePair] = RowsModel(
            [tr("Organisation"), tr("May be the same as"), tr("Why")], _pair_cells, self)
        self.table = make_table(self.model, "duplicatesTable", sortable=True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().resizeSection(0, 240)
        self.table.horizontalHeader().resizeSection(1, 240)
        self.table.clicked.connect(self._show_first)
        self.merge_button = QPushButton(tr("&Merge the two"))
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setToolTip(tr("Keep the older record and move all history to it "
                                        "(Ctrl+Z undoes)"))
        self.merge_button.clicked.connect(self.merge_selected)
        dismiss = QPushButton(tr("Not the same"))
        dismiss.setObjectName("dismissButton")
        dismiss.clicked.connect(self.dismiss_selected)
        find = QPushButton(tr("Look for duplicates"))
        find.setObjectName("findDuplicates")
        find.clicked.connect(page.find_duplicates)
        self.empty = QLabel(tr("No possible duplicates waiting."))
        self.empty.setObjectName("duplicatesEmpty")
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addWidget(dismiss)
        buttons.addStretch(1)
        buttons.addWidget(find)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _show_first(self, index: Any) -> None:
        pair = index.data(ROW_ROLE)
        if isinstance(pair, DuplicatePair):
            self.page.show_in_editor(pair.second.id if index.column() == 1 else pair.first.id)

    def load(self, pairs: list[DuplicatePair]) -> None:
        self.model.set_rows(pairs)
        self.empty.setVisible(not pairs)
        if pairs:
            self.table.selectRow(0)

    def selected(self) -> DuplicatePair | None:
        rows = self.table.selectionModel().selectedRows()
        pair = rows[0].data(ROW_ROLE) if rows else None
        return pair if isinstance(pair, DuplicatePair) else None

    def merge_selected(self) -> None:
        pair = self.selected()
        if pair is not None:
            self.page.merge(pair.first.id, pair.second.id)

    def dismiss_selected(self) -> None:
        pair = self.selected()
        if pair is not None:
            self.page.app.organisations.dismiss_duplicate(pair.id)
            self.page.reload_duplicates()
