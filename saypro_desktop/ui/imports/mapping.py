"""The import wizard's second step: match each column of the file to a field."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from saypro_desktop.services.imports import (
    PreviewRow,
)
from saypro_desktop.ui.errors import sentence
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.imports.common import (
    PREVIEW_LIMIT,
    field_label,
    heading_style,
    kind_label,
    source_label,
)

if TYPE_CHECKING:
    from saypro_desktop.ui.imports.wizard import ImportWizard

log = logging.getLogger(__name__)


# --- the column mapping table ----------------------------------------------------------


@dataclasses.dataclass
class MappingRow:
    column: str  # the header, as the plan's mapping names it
    shown: str  # how the table names it (vCards and calendars have field names)
    samples: str
    field: str


class MappingModel(QAbstractTableModel):
    """One line per column of the file; the third column (the target field) is editable."""

    COLUMN, SAMPLES, FIELD = range(3)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[MappingRow] = []
        self._labels: dict[str, str] = {}

    def set_rows(self, rows: Sequence[MappingRow], fields: Sequence[tuple[str, str]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._labels = dict(fields)
        self.endResetModel()

    def mapping(self) -> dict[str, str]:
        return {row.column: row.field for row in self._rows}

    def row_of(self, column: str) -> int:
        for number, row in enumerate(self._rows):
            if row.column == column:
                return number
        return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.FIELD:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.EditRole and index.column() == self.FIELD:
            return row.field
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == self.COLUMN:
                return row.shown
            if index.column() == self.SAMPLES:
                return row.samples
            return field_label(row.field, self._labels.get(row.field, row.field))
        return None

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != self.FIELD:
            return False
        row = self._rows[index.row()]
        field = str(value or "")
        if field == row.field:
            return False
        row.field = field
        self.dataChanged.emit(index, index)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return [tr("Column in the file"), tr("Examples"), tr("Import as")][section]
        return None


class FieldDelegate(QStyledItemDelegate):
    """A combo box of target fields, kept open on every line so the whole mapping shows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fields: list[tuple[str, str]] = []

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName(f"mappingField{index.row()}")
        combo.setAccessibleName(
            tr("Import column {column} as").format(
                column=index.sibling(index.row(), MappingModel.COLUMN).data()
            )
        )
        for field, label in self.fields:
            combo.addItem(field_label(field, label), field)
        combo.currentIndexChanged.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        field = index.data(Qt.ItemDataRole.EditRole) or ""
        position = editor.findData(field)
        if position < 0:  # a field this version does not offer (a newer saved mapping)
            editor.addItem(str(field), field)
            position = editor.count() - 1
        editor.blockSignals(True)
        editor.setCurrentIndex(position)
        editor.blockSignals(False)

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractTableModel,  # type: ignore[override]
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class MappingPage(QWizardPage):
    """Step 2: where each column goes; the person corrects what was guessed."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setObjectName("importMappingPage")
        self.setTitle(tr("Match the columns"))
        self.setSubTitle(
            tr(
                "Choose what each column holds. Columns set to “Ignore” are not imported. "
                "Nothing is saved yet."
            )
        )
        self.detected = heading_style(QLabel())
        self.detected.setObjectName("detectedSource")
        self.detected.setStyleSheet("font-weight: 600;")
        self.counts = heading_style(QLabel())
        self.counts.setObjectName("mappingCounts")
        self.kind = heading_style(QLabel())
        self.kind.setObjectName("importKind")

        self.model = MappingModel(self)
        self.delegate = FieldDelegate(self)
        self.table = QTableView()
        self.table.setObjectName("mappingTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(MappingModel.FIELD, self.delegate)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(MappingModel.COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MappingModel.SAMPLES, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MappingModel.FIELD, QHeaderView.ResizeMode.Interactive)

        self.save_as = QLineEdit()
        self.save_as.setObjectName("saveMappingAs")
        self.save_as.setPlaceholderText(tr("For example: Google export from the office"))
        self.save_as.setToolTip(
            tr("Give the mapping a name to use it again for next month's file from the same tool")
        )
        save_label = QLabel(tr("Sa&ve this mapping as:"))
        save_label.setBuddy(self.save_as)
        save_row = QHBoxLayout()
        save_row.addWidget(save_label)
        save_row.addWidget(self.save_as, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.detected)
        layout.addWidget(self.counts)
        layout.addWidget(self.kind)
        layout.addWidget(self.table, 1)
        layout.addLayout(save_row)

    def initializePage(self) -> None:
        plan = self._wizard.plan
        assert plan is not None
        self.detected.setText(tr("Detected: {source}").format(source=source_label(plan.source)))
        rows_text = (
            tr("1 row") if plan.row_count == 1 else tr("{n} rows").format(n=f"{plan.row_count:,}")
        )
        columns_text = (
            tr("1 column")
            if len(plan.headers) == 1
            else tr("{n} columns").format(n=len(plan.headers))
        )
        self.counts.setText(
            tr("{rows}, {columns} in {file}").format(
                rows=rows_text, columns=columns_text, file=plan.path.name
            )
        )
        kind_text = kind_label(plan.kind)
        if plan.kind != self._wizard.file_page.kind() and plan.warnings:
            # The file said what it holds (a Salesforce account extract, a calendar).
            kind_text = f"{kind_text} {sentence(plan.warnings[0])}."
        self.kind.setText(kind_text)
        fields = self._wizard.app.imports.target_fields(plan.kind)
        self.delegate.fields = list(fields)
        labels = dict(fields)
        # vCards and calendars have no column names of their own: the plan names the
        # fields it found, so show those as a person would read them.
        named_by_field = plan.source in {"vcard", "ical"}
        samples = self._wizard.samples
        rows = [
            MappingRow(
                column,
                field_label(column, labels.get(column, column)) if named_by_field else column,
                " · ".join(s for s in samples.get(column, []) if s) or "—",
                plan.mapping.get(column, ""),
            )
            for column in plan.headers
        ]
        self.model.set_rows(rows, fields)
        for row in range(self.model.rowCount()):
            self.table.openPersistentEditor(self.model.index(row, MappingModel.FIELD))
        self.table.resizeColumnToContents(MappingModel.COLUMN)
        header = self.table.horizontalHeader()
        header.resizeSection(MappingModel.COLUMN, min(header.sectionSize(0) + 16, 240))
        header.resizeSection(MappingModel.FIELD, 300)
        self.table.verticalHeader().setDefaultSectionSize(
            max(self.table.verticalHeader().defaultSectionSize(), 30)
        )

    def combo_for(self, column: str) -> QComboBox:
        """The field chooser on the line of ``column``."""
        widget = self.table.indexWidget(self.model.index(self.model.row_of(column), 2))
        assert isinstance(widget, QComboBox)
        return widget

    def validatePage(self) -> bool:
        wizard = self._wizard
        if wizard.take_pass():
            return True
        assert wizard.plan is not None
        plan = dataclasses.replace(wizard.plan, mapping=self.model.mapping())
        if not any(plan.mapping.values()):
            QMessageBox.warning(
                self,
                tr("Match the columns"),
                tr("Every column is set to “Ignore”. Choose what at least one column holds."),
            )
            return False
        name = self.save_as.text().strip()
        imports = wizard.app.imports

        def work() -> list[PreviewRow]:
            if name:
                imports.save_mapping(name, plan)
            return imports.preview(plan, PREVIEW_LIMIT)

        def done(rows: list[PreviewRow]) -> None:
            wizard.plan = plan
            wizard.preview_rows = rows

        return wizard.advance_with(
            work, done, tr("Preparing the preview…"), tr("Cannot preview this file")
        )


