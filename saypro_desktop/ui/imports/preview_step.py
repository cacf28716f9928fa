"""The import wizard's third step: the first rows as they will be stored, then Import."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QLabel,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from saypro_desktop.services.imports import (
    PreviewRow,
)
from saypro_desktop.ui.errors import sentence
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.imports.common import (
    BAD_ROWS_SHOWN,
    action_label,
    field_label,
    heading_style,
)
from saypro_desktop.ui.widgets.rows import RowsModel, make_table

if TYPE_CHECKING:
    from saypro_desktop.ui.imports.wizard import ImportWizard

log = logging.getLogger(__name__)


class PreviewPage(QWizardPage):
    """Step 3: the first rows exactly as they will be stored, and what happens to each."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setObjectName("importPreviewPage")
        self.setTitle(tr("Check before importing"))
        self.setSubTitle(
            tr(
                "The first rows as they will be stored. A backup is made first, and the "
                "import is applied whole or not at all."
            )
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, tr("&Import"))
        self.summary = heading_style(QLabel())
        self.summary.setObjectName("previewSummary")
        self.model: RowsModel[PreviewRow] = RowsModel([], lambda _row: [], self)
        self.table = make_table(self.model, "previewTable")
        self.warnings = heading_style(QLabel())
        self.warnings.setObjectName("previewWarnings")
        self.warnings.setStyleSheet("color: #8a5300;")
        self.message = heading_style(QLabel())
        self.message.setObjectName("previewMessage")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warnings)
        layout.addWidget(self.message)

    def initializePage(self) -> None:
        wizard = self._wizard
        plan = wizard.plan
        assert plan is not None
        labels = dict(wizard.app.imports.target_fields(plan.kind))
        labels["organisation"] = labels.pop("organisation_name", "Organisation")
        rows = wizard.preview_rows
        order = [*labels, *sorted({f for r in rows for f in r.values} - set(labels))]
        fields = [f for f in order if f and any(r.values.get(f) for r in rows)]

        def cells(row: PreviewRow) -> list[str]:
            return [
                str(row.row),
                action_label(row.action),
                "; ".join(sentence(p) for p in row.problems),
                *(row.values.get(field) or "" for field in fields),
            ]

        # Problems come third so they show without scrolling; a cell's tooltip has it all.
        headers = [
            tr("Row"),
            tr("What will happen"),
            tr("Problems"),
            *(field_label(f, labels.get(f, f.replace("_", " ").capitalize())) for f in fields),
        ]
        old, self.model = self.model, RowsModel(headers, cells, self)
        self.model.set_rows(rows)
        self.table.setModel(self.model)
        old.deleteLater()
        self.table.setColumnHidden(2, not any(r.problems for r in rows))
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(header.count()):
            header.resizeSection(column, min(header.sectionSize(column) + 12, 240))

        self.summary.setText(
            tr("Showing the first {shown} of {total} rows.").format(
                shown=len(rows), total=f"{plan.row_count:,}"
            )
            if plan.row_count > len(rows)
            else tr("All rows of the file ({total}).").format(total=f"{plan.row_count:,}")
        )
        warnings = list(plan.warnings)
        if warnings:
            lines = [sentence(w) for w in warnings[:BAD_ROWS_SHOWN]]
            if len(warnings) > BAD_ROWS_SHOWN:
                lines.append(tr("…and {n} more.").format(n=len(warnings) - BAD_ROWS_SHOWN))
            self.warnings.setText(
                "\n".join([tr("Worth checking in the file:"), *(f"  • {w}" for w in lines)])
            )
        else:
            self.warnings.setText("")
        self.warnings.setVisible(bool(warnings))
        self.message.setText("")
        self.message.hide()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def validatePage(self) -> bool:
        wizard = self._wizard
        if wizard.take_pass():
            return True
        self.show_message("")
        return wizard.start_import("cancel")


