"""The import wizard: choose a contact list, check how its columns map, preview, import.

Every step asks ``app.imports`` (services.imports); the wizard only shows plain values
(the plan, preview rows, the report) and never touches the database itself. Reading and
previewing run through the operations runner's readers, importing on its one writer, so
a big file never freezes the window; tests run them inline. One module per step:
file_step, mapping, preview_step, report_step; common holds what they share.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QMessageBox,
    QProgressDialog,
    QWidget,
    QWizard,
)

from saypro_desktop.services.context import AppServices
from saypro_desktop.services.imports import (
    BadRowsError,
    ImportPlan,
    ImportReport,
    PreviewRow,
)
from saypro_desktop.ui.errors import sentence, show_error
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.imports.common import BAD_ROWS_SHOWN, problem_lines
from saypro_desktop.ui.imports.file_step import FilePage
from saypro_desktop.ui.imports.mapping import MappingPage
from saypro_desktop.ui.imports.preview_step import PreviewPage
from saypro_desktop.ui.imports.report_step import ReportPage
from saypro_desktop.ui.operations import Operations
from saypro_desktop.ui.tasks import BackgroundProgress

log = logging.getLogger(__name__)


class ImportWizard(QWizard):
    """Import a contact list: file → mapping → preview → import → report."""

    FILE, MAPPING, PREVIEW, REPORT = range(4)

    def __init__(self, app: AppServices, ops: Operations, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.app = app
        self.ops = ops
        self.plan: ImportPlan | None = None
        self.samples: dict[str, list[str]] = {}
        self.preview_rows: list[PreviewRow] = []
        self.report: ImportReport | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.bad_rows_box: QMessageBox | None = None
        self.busy = False
        self._pass = False
        self._events: list[tuple[str, str]] | None = None

        self.setObjectName("importWizard")
        self.setWindowTitle(tr("Import contacts"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("Cancel"))
        self.resize(920, 620)

        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.report_page = ReportPage(self)
        self.setPage(self.FILE, self.file_page)
        self.setPage(self.MAPPING, self.mapping_page)
        self.setPage(self.PREVIEW, self.preview_page)
        self.setPage(self.REPORT, self.report_page)

    # -- events for attendee imports -----------------------------------------------------
    def events(self) -> list[tuple[str, str]] | None:
        """(event id, label) to import attendees into, newest first."""
        return [(choice.id, choice.label) for choice in self.app.events.event_choices()]

    def reject(self) -> None:
        """Cancel closes the wizard, except while work runs (the progress dialog stops it)."""
        if self.busy:
            return
        super().reject()

    # -- stepping with background work ---------------------------------------------------
    def take_pass(self) -> bool:
        """True once after background work finished: the page may be left without redoing it."""
        passed, self._pass = self._pass, False
        return passed

    def advance_with(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        doing: str,
        failed_title: str,
        *,
        writes: bool = False,
    ) -> bool:
        """Run ``work`` in the background; on success store its result and go on a page.

        Returns True when the work already finished (tests run it inline), so the wizard
        moves on at once; otherwise the page stays until the result arrives.
        """
        if self.busy:
            return False
        state = {"inline": True, "ok": False}
        self._set_busy(True, doing)

        def on_done(result: Any) -> None:
            self._set_busy(False)
            done(result)
            if state["inline"]:
                state["ok"] = True
            else:
                self._pass = True
                self.next()

        def on_error(error: BaseException) -> None:
            self._set_busy(False)
            self.show_error(failed_title, error)

        if writes:
            self.ops.write(work, on_done, on_error=on_error)
        else:
            self.ops.query(work, on_done, on_error=on_error)
        state["inline"] = False
        return state["ok"]

    def _set_busy(self, busy: bool, doing: str = "") -> None:
        if busy and not self.busy:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        elif not busy and self.busy:
            QGuiApplication.restoreOverrideCursor()
        self.busy = busy
        for which in (
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.CommitButton,
        ):
            self.button(which).setEnabled(not busy)
        page = self.currentPage()
        if page is not None:
            page.setEnabled(not busy)
        self.setWindowTitle(f"{tr('Import contacts')} — {doing}" if busy else tr("Import contacts"))

    def show_error(self, title: str, error: BaseException) -> None:
        show_error(self, title, error)

    # -- the import itself ---------------------------------------------------------------
    def start_import(self, on_bad_rows: str) -> bool:
        """Import in the background with a cancellable progress dialog.

        Returns True if it already finished (inline in tests) and the report page may show.
        """
        if self.busy or self.plan is None:
            return False
        plan = self.plan
        imports = self.app.imports
        bar = BackgroundProgress(
            self, title=tr("Import contacts"), label=tr("Importing…"), cancel=tr("Cancel"),
            stopping=tr("Stopping; nothing will be written…"), object_name="importProgress",
        )
        self.progress_dialog = bar.dialog
        progress = bar.callback
        state = {"inline": True, "ok": False}

        def close_progress() -> None:
            bar.close()
            if self.progress_dialog is bar.dialog:
                self.progress_dialog = None

        def on_done(report: ImportReport) -> None:
            self._set_busy(False)
            close_progress()
            self.report = report
            if state["inline"]:
                state["ok"] = True
            else:
                self._pass = True
                self.next()

        def on_error(error: BaseException) -> None:
            self._set_busy(False)
            close_progress()
            if isinstance(error, BadRowsError) and on_bad_rows == "cancel":
                self.ask_about_bad_rows(error)
            elif bar.cancelled:
                self.preview_page.show_message(tr("You stopped the import. Nothing was written."))
            else:
                self.show_error(tr("Import failed"), error)

        self._set_busy(True, tr("Importing…"))
        self.ops.write(
            lambda: imports.run(plan, on_bad_rows=on_bad_rows, progress=progress),
            on_done,
            on_error=on_error,
        )
        state["inline"] = False
        return state["ok"]

    def ask_about_bad_rows(self, error: BadRowsError) -> None:
        """Some rows cannot be understood: skip them, or import nothing at all."""
        report = error.report
        problems = report.errors or report.skipped  # the same rows: the ones left out
        count = len(problems) or 1
        text = "\n".join(
            [
                tr(
                    "{n} rows of this file cannot be understood. Nothing has been written yet."
                ).format(n=f"{count:,}")
                if count != 1
                else tr("1 row of this file cannot be understood. Nothing has been written yet."),
                "",
                *(problem_lines(problems, BAD_ROWS_SHOWN) or [sentence(error)]),
                "",
                tr(
                    "Skip these rows and import the rest, or cancel, correct the file and "
                    "import it again."
                ),
            ]
        )
        box = QMessageBox(self)
        box.setObjectName("badRowsBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Some rows cannot be imported"))
        box.setText(text)
        box.setTextFormat(Qt.TextFormat.PlainText)
        if len(problems) > BAD_ROWS_SHOWN:
            box.setDetailedText("\n".join(problem_lines(problems, len(problems))))
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.skip_button = box.addButton(
            tr("&Skip these rows and import the rest"), QMessageBox.ButtonRole.AcceptRole
        )
        self.skip_button.setObjectName("skipBadRows")
        self.cancel_import_button = box.addButton(
            tr("&Cancel the import"), QMessageBox.ButtonRole.RejectRole
        )
        self.cancel_import_button.setObjectName("cancelImport")
        box.setDefaultButton(self.skip_button)
        box.setEscapeButton(self.cancel_import_button)
        self.bad_rows_box = box

        def answered(button: QAbstractButton) -> None:
            skip = button is self.skip_button
            self.bad_rows_box = None
            box.deleteLater()
            if skip:
                if self.start_import("skip"):
                    self._pass = True
                    self.next()
            else:
                self.preview_page.show_message(tr("The import was cancelled. Nothing was written."))

        box.buttonClicked.connect(answered)
        box.open()
