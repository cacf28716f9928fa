"""Choose a person or an organisation by typing part of a name (keyboard first)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.services.context import AppServices
from saypro_desktop.services.outreach import RecordChoice
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.widgets.rows import ROW_ROLE, RowsModel, make_table
from saypro_desktop.ui.widgets.typing import after_typing

KIND_LABELS = {"person": "Person", "organisation": "Organisation"}


class ChooseRecordDialog(QDialog):
    """Type to search; Enter or double-click picks the highlighted line."""

    def __init__(self, app: AppServices, parent: QWidget | None = None, *,
                 kinds: tuple[str, ...] = ("person", "organisation"),
                 title: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title or tr("Choose a person or organisation"))
        self.resize(620, 460)
        self.app = app
        self.kinds = kinds
        self.chosen: RecordChoice | None = None
        self.search = QLineEdit()
        self.search.setObjectName("chooseSearch")
        self.search.setPlaceholderText(tr("Type part of a name…"))
        self.model: RowsModel[RecordChoice] = RowsModel(
            [tr("Name"), tr("Kind"), tr("Organisation / category")],
            lambda r: [r.name, tr(KIND_LABELS[r.kind]), r.detail], self)
        self.table = make_table(self.model, "chooseTable", sortable=False)
        self.table.doubleClicked.connect(lambda _i: self.accept())
        self.table.horizontalHeader().resizeSection(0, 260)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.hint = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        after_typing(self.search, self.run_search, self)
        self.search.returnPressed.connect(self.accept)
        self.run_search()

    def run_search(self) -> None:
        rows = self.app.outreach.find_records(self.search.text(), kinds=self.kinds)
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        self.hint.setText("" if rows else tr("Nothing matches; try fewer letters."))

    def accept(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        self.chosen = index.data(ROW_ROLE)
        super().accept()
