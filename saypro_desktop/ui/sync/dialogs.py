"""Dialogs of the Sync page: the preview before an import and the receipt after it.

Both are non-blocking (``open()``, window-modal) so the page carries on from their
``accepted`` signal, and tests can look inside them and press their buttons.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.ui.errors import sentence
from saypro_desktop.ui.i18n import tr, translate
from saypro_desktop.ui.widgets.rows import RowsModel, make_table

if TYPE_CHECKING:  # keeps the bundle/crypto code out of start-up
    from saypro_desktop.services.sync_files import FileReport, ImportReceipt


def format_when(moment: datetime | None) -> str:
    """A UTC time (naive or aware) shown in the computer's own time zone."""
    if moment is None:
        return tr("never")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%d %b %Y %H:%M")


def _fit_columns(table: QTableView, widest: int = 220) -> None:
    """Narrow columns fit their text; the last (the explanation) takes the rest and wraps."""
    table.setWordWrap(True)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column in range(header.count() - 1):
        header.resizeSection(column, min(header.sectionSize(column) + 12, widest))


class _TableDialog(QDialog):
    table: QTableView

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()  # now that the wrapping column has its width


STATUS_TEXT = {
    "ready": QT_TRANSLATE_NOOP("SyncPage", "Ready to import"),
    "already imported": QT_TRANSLATE_NOOP("SyncPage", "Already imported"),
    "refused": QT_TRANSLATE_NOOP("SyncPage", "Refused"),
    "applied": QT_TRANSLATE_NOOP("SyncPage", "Imported"),
    "cancelled": QT_TRANSLATE_NOOP("SyncPage", "Stopped, nothing changed"),
}


def status_text(status: str) -> str:
    marked = STATUS_TEXT.get(status)
    return translate("SyncPage", str(marked)) if marked is not None else status


def _preview_cells(report: FileReport) -> list[str]:
    return [
        report.path.name,
        report.sender or "—",
        format_when(report.created_at) if report.created_at else "—",
        f"{report.operations:,}" if report.status != "refused" else "—",
        status_text(report.status),
        sentence(report.message),
    ]


class ImportPreviewDialog(_TableDialog):
    """What each chosen file holds, before anything is changed."""

    def __init__(self, reports: Sequence[FileReport], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPreview")
        self.setWindowTitle(tr("Import sync files"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(860, 360)
        self.reports = list(reports)
        self.model: RowsModel[FileReport] = RowsModel(
            [tr("File"), tr("From"), tr("Made on"), tr("Changes"), tr("Status"), tr("Details")],
            _preview_cells,
            self,
        )
        self.model.set_rows(self.reports)
        self.table = make_table(self.model, "previewTable")
        _fit_columns(self.table)

        ready = sum(r.status == "ready" for r in self.reports)
        self.summary = QLabel(self._summary(ready))
        self.summary.setObjectName("previewSummary")
        self.summary.setWordWrap(True)

        buttons = QDialogButtonBox()
        self.import_button = QPushButton(tr("&Import"))
        self.import_button.setObjectName("previewImport")
        self.import_button.setDefault(True)
        self.import_button.setEnabled(ready > 0)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _summary(self, ready: int) -> str:
        total = len(self.reports)
        if not total:
            return tr("There are no SayPro sync files (.sayprobundle) there.")
        if not ready:
            return tr(
                "Nothing to import: every file was imported already or cannot be used. "
                "Nothing will change."
            )
        return tr(
            "{ready} of {total} files can be imported. Each file is applied whole or not "
            "at all, and a backup is made first."
        ).format(ready=ready, total=total)


def _receipt_cells(report: FileReport, names: dict[str, str]) -> list[str]:
    return [
        report.path.name,
        names.get(report.sender, report.sender) if report.sender else "—",
        status_text(report.status),
        f"{report.applied:,}",
        sentence(report.message),
    ]


class ImportReceiptDialog(_TableDialog):
    """What an import did: per file, in total, and what still needs a person."""

    def __init__(
        self,
        receipt: ImportReceipt,
        duplicates: int,
        parent: QWidget | None = None,
        *,
        not_done: int = 0,
        names: dict[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importReceipt")
        self.setWindowTitle(tr("Import finished"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(860, 400)
        self.receipt = receipt
        self.duplicates = duplicates
        self.not_done = not_done

        self.summary = QLabel(self._summary())
        self.summary.setObjectName("receiptSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        self.model: RowsModel[FileReport] = RowsModel(
            [tr("File"), tr("From"), tr("Result"), tr("Changes applied"), tr("Details")],
            lambda report: _receipt_cells(report, names or {}),
            self,
        )
        self.model.set_rows(receipt.files)
        self.table = make_table(self.model, "receiptTable")
        _fit_columns(self.table)

        self.missing = QLabel(self._missing())
        self.missing.setObjectName("receiptMissing")
        self.missing.setWordWrap(True)
        self.missing.setTextFormat(Qt.TextFormat.PlainText)
        self.missing.setVisible(bool(receipt.missing))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("receiptClose")

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.missing)
        layout.addWidget(buttons)

    def _summary(self) -> str:
        r = self.receipt
        counts = {status: sum(f.status == status for f in r.files) for status in STATUS_TEXT}
        lines = [
            tr("Changes applied: {n}").format(n=f"{r.applied:,}"),
            tr("Files: {applied} imported, {already} already imported, {refused} refused").format(
                applied=counts["applied"], already=counts["already imported"], refused=r.refused
            ),
        ]
        if self.not_done > 0 or counts["cancelled"]:
            lines.append(
                tr("You stopped the import; files not touched: {n}. Import them later.").format(
                    n=self.not_done + counts["cancelled"]
                )
            )
        if r.refused:
            lines.append(tr("A refused file changes nothing; the Details column says why."))
        lines.append(tr("Conflicts to review: {n}").format(n=r.conflicts_open))
        lines.append(tr("Possible duplicates to check: {n}").format(n=self.duplicates))
        if r.conflicts_open or self.duplicates:
            lines.append(
                tr("Review them in the Conflicts and Possible duplicates tabs of the Sync page.")
            )
        return "\n".join(lines)

    def _missing(self) -> str:
        if not self.receipt.missing:
            return ""
        return "\n".join(
            [
                tr(
                    "Some changes have not arrived yet. They come with a later file from "
                    "that device; nothing is lost:"
                ),
                *(f"  • {line}" for line in self.receipt.missing),
            ]
        )
