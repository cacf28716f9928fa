"""The import wizard's last step: what the import created, updated and left out."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtWidgets import (
    QLabel,
    QVBoxLayout,
    QWizardPage,
)

from saypro_desktop.services.imports import (
    RowProblem,
)
from saypro_desktop.ui.errors import sentence
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.imports.common import (
    heading_style,
)
from saypro_desktop.ui.widgets.rows import RowsModel, make_table

if TYPE_CHECKING:
    from saypro_desktop.ui.imports.wizard import ImportWizard

log = logging.getLogger(__name__)


class ReportPage(QWizardPage):
    """Step 5: what the import did, and every row it left out with the reason."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setObjectName("importReportPage")
        self.setTitle(tr("Import finished"))
        self.summary = heading_style(QLabel())
        self.summary.setObjectName("reportSummary")
        self.summary.setStyleSheet("font-size: 11pt;")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_label = heading_style(
            QLabel(tr("Rows left out, and values left out of imported rows:"))
        )
        self.model: RowsModel[tuple[str, RowProblem]] = RowsModel(
            [tr("Row"), tr("Result"), tr("Reason")],
            lambda item: [str(item[1].row), item[0], sentence(item[1].message)],
            self,
        )
        self.table = make_table(self.model, "reportProblems")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.table, 1)
        layout.addStretch(0)  # takes the space when there is no table to show
        self._layout = layout

    def initializePage(self) -> None:
        wizard = self._wizard
        report = wizard.report
        assert report is not None
        calendar = wizard.plan is not None and wizard.plan.kind == "calendar"
        organisations = wizard.plan is not None and wizard.plan.kind == "organisations"
        lines = []
        if report.dry_run:
            lines.append(tr("Trial run: nothing was written."))
        if calendar:
            lines.append(tr("New meetings: {n}").format(n=f"{report.created:,}"))
            lines.append(tr("Already here: {n}").format(n=f"{report.unchanged:,}"))
        elif organisations:
            lines += [
                tr("New organisations: {n}").format(n=f"{report.created:,}"),
                tr("Updated (empty fields filled in): {n}").format(n=f"{report.updated:,}"),
                tr("Already here, nothing new: {n}").format(n=f"{report.unchanged:,}"),
                tr("Rows merged with another row: {n}").format(n=f"{report.merged:,}"),
            ]
        else:
            lines += [
                tr("New people: {n}").format(n=f"{report.created:,}"),
                tr("Updated (empty fields filled in): {n}").format(n=f"{report.updated:,}"),
                tr("Already here, nothing new: {n}").format(n=f"{report.unchanged:,}"),
                tr("Rows merged with another row or person: {n}").format(n=f"{report.merged:,}"),
                tr("Possible duplicates to check: {n}").format(n=f"{report.queued_duplicates:,}"),
            ]
            if report.organisations_created:
                lines.append(
                    tr("New organisations: {n}").format(n=f"{report.organisations_created:,}")
                )
            if report.consents_recorded:
                lines.append(
                    tr("Consent answers recorded: {n}").format(n=f"{report.consents_recorded:,}")
                )
            if report.sign_ins_created:
                lines.append(tr("Signed in to the event: {n}").format(n=report.sign_ins_created))
            if report.rsvps_added:
                lines.append(tr("Added to the RSVP list: {n}").format(n=report.rsvps_added))
        lines.append(tr("Rows skipped: {n}").format(n=f"{len(report.skipped):,}"))
        if report.queued_duplicates:
            lines.append(
                tr("Check the possible duplicates on the Sync page, Possible duplicates tab.")
            )
        self.summary.setText("\n".join(lines))
        items = [(tr("Skipped"), p) for p in report.skipped]
        items += [(tr("Value left out"), p) for p in report.warnings if p.row]
        self.model.set_rows(items)
        self.table.resizeColumnsToContents()
        self.problems_label.setVisible(bool(items))
        self.table.setVisible(bool(items))
        self._layout.setStretch(3, 0 if items else 1)


