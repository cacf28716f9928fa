"""A dialog listing the records behind a dashboard figure (when no page lists them yet)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QVBoxLayout, QWidget

from saypro_desktop.services.metrics.records import RecordRows
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.widgets.rows import RowsModel, make_table


class RecordsDialog(QDialog):
    def __init__(self, title: str, records: RecordRows, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("records_dialog")
        self.setWindowTitle(title)
        self.resize(820, 520)
        heading = QLabel(title)
        heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        heading.setWordWrap(True)
        count = len(records.rows)
        words = tr("1 record") if count == 1 else tr("{n} records").format(n=f"{count:,}")
        summary = QLabel(words if count else tr("No records."))
        summary.setObjectName("records_count")
        self.model: RowsModel[tuple[str, ...]] = RowsModel(records.headings, lambda r: r, self)
        self.model.set_rows(records.rows)
        self.table = make_table(self.model, "records_table", sortable=True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
