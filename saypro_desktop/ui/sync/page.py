"""The Sync page: set this computer up, export and import sync files (USB sticks), and
review what sync cannot decide alone: conflicts and possible duplicates.

The page is one widget made of one part per tab (devices, conflicts, duplicates: each in
its own module); this module holds set-up, export and import, and the shared runner.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.errors import SayProError
from saypro_desktop.services.context import AppServices
from saypro_desktop.ui.errors import sentence, show_error
from saypro_desktop.ui.i18n import tr, translate
from saypro_desktop.ui.operations import Operations
from saypro_desktop.ui.sync.base import (
    INVITATION_FILTER,
    make_button,
)
from saypro_desktop.ui.sync.conflicts import ConflictsTab, conflict_rows
from saypro_desktop.ui.sync.devices import DevicesTab
from saypro_desktop.ui.sync.dialogs import (
    ImportPreviewDialog,
    ImportReceiptDialog,
)
from saypro_desktop.ui.sync.duplicates import DuplicatesTab
from saypro_desktop.ui.tasks import BackgroundProgress

if TYPE_CHECKING:  # the bundle and key code (cryptography) loads when sync is first used
    from saypro_desktop.services.sync_files import (
        ExportResult,
        FileReport,
        ImportReceipt,
    )

log = logging.getLogger(__name__)

BUNDLE_FILTER = QT_TRANSLATE_NOOP("SyncPage", "SayPro bundles (*.sayprobundle)")


class SyncPage(DevicesTab, ConflictsTab, DuplicatesTab):
    title = "Sync"


    def __init__(self, app: AppServices, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.ops = ops
        self.busy = False
        self.role = ""
        self.preview_dialog: ImportPreviewDialog | None = None
        self.receipt_dialog: ImportReceiptDialog | None = None
        self.progress_dialog: QProgressDialog | None = None

        self.stack = QStackedWidget()
        self.setup_panel = self._build_setup_panel()
        self.main_panel = self._build_main_panel()
        self.stack.addWidget(self.setup_panel)
        self.stack.addWidget(self.main_panel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.refresh()

    # -- building ------------------------------------------------------------------------
    def _build_setup_panel(self) -> QWidget:
        panel = QWidget()
        panel.setObjectName("syncSetup")
        heading = QLabel(tr("Sync: share changes with the office, no internet needed"))
        heading.setStyleSheet("font-size: 18pt; font-weight: 600;")
        heading.setWordWrap(True)
        explanation = QLabel(
            tr(
                "This computer is not set up for sync yet.\n\n"
                "Computers share their work through files carried on a USB stick. A field "
                "laptop writes its changes to a file, and the office imports it. The office "
                "writes an update file back, so every laptop gets everyone's changes. Nothing "
                "is overwritten: when two people change the same thing, both versions are kept "
                "until someone chooses.\n\n"
                "• At the office: set this computer up as the office, once. It then makes an "
                "invitation file for each laptop.\n"
                "• On a field laptop: join with the invitation file and the passphrase the "
                "office gives you."
            )
        )
        explanation.setObjectName("syncExplanation")
        explanation.setWordWrap(True)
        explanation.setStyleSheet("font-size: 11pt;")
        explanation.setMaximumWidth(760)
        self.setup_office_button = make_button(
            tr("Set up this computer as the &office…"), "setupOffice", self.set_up_office
        )
        self.join_button = make_button(
            tr("&Join with an invitation file…"), "joinWithInvitation", self.join_coalition
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.setup_office_button)
        buttons.addWidget(self.join_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(30, 30, 30, 30)
        layout.addWidget(heading)
        layout.addSpacing(10)
        layout.addWidget(explanation)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return panel

    def _build_main_panel(self) -> QWidget:
        panel = QWidget()
        panel.setObjectName("syncMain")
        self.identity = QLabel()
        self.identity.setObjectName("syncIdentity")
        self.identity.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.hint = QLabel()
        self.hint.setObjectName("syncHint")
        self.hint.setWordWrap(True)

        self.export_button = make_button("", "exportButton", self.export_changes)
        self.full_snapshot = QCheckBox(tr("F&ull snapshot (everything)"))
        self.full_snapshot.setObjectName("fullSnapshot")
        self.full_snapshot.setToolTip(
            tr(
                "Write every change this computer holds, not only the ones the others have "
                "not confirmed yet. Use it for a new laptop or when files were lost."
            )
        )
        self.import_button = make_button(
            tr("&Import sync files…"),
            "importFiles",
            self.import_chosen_files,
            tr("Choose .sayprobundle files to import"),
        )
        self.import_folder_button = make_button(
            tr("Import a &folder…"),
            "importFolder",
            self.import_folder,
            tr("Import every sync file in a folder, such as a USB stick"),
        )
        self.invite_button = make_button(
            tr("In&vite a laptop…"), "inviteLaptop", self.invite_laptop
        )
        self.revoke_button = make_button(
            tr("&Revoke a lost laptop…"), "revokeLaptop", self.revoke_laptop
        )
        actions = QHBoxLayout()
        for widget in (
            self.export_button,
            self.full_snapshot,
            self.import_button,
            self.import_folder_button,
        ):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.invite_button)
        actions.addWidget(self.revoke_button)

        self.message = QLabel()
        self.message.setObjectName("syncMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("syncTabs")
        self.tabs.addTab(self._build_devices_tab(), "")
        self.tabs.addTab(self._build_conflicts_tab(), "")
        self.tabs.addTab(self._build_duplicates_tab(), "")

        layout = QVBoxLayout(panel)
        layout.addWidget(self.identity)
        layout.addWidget(self.hint)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        return panel

    # -- showing -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Called when the page is shown again and after every sync action."""
        if not self.app.sync_devices.is_set_up():
            self.stack.setCurrentWidget(self.setup_panel)
            return
        try:
            me = self.app.sync_devices.identity()
            status = self.app.sync_files.status()
            conflicts = self.app.sync.conflicts()
            candidates = self.app.duplicates.candidates()
        except SayProError as exc:
            self.stack.setCurrentWidget(self.main_panel)
            self.message.setText(sentence(exc))
            return
        self.stack.setCurrentWidget(self.main_panel)
        self.role = me.role
        office = me.role == "office"
        self.identity.setText(
            tr("This computer: {name} — {role}").format(
                name=me.device_name,
                role=tr("office device") if office else tr("field device"),
            )
        )
        if office:
            self.hint.setText(
                tr(
                    "Import the files laptops bring in, then export updates for the field "
                    "so every laptop receives everyone's changes."
                )
            )
            self.export_button.setText(tr("&Export updates for the field…"))
        else:
            self.hint.setText(
                tr(
                    "Export your changes to a USB stick and import the file at the office. "
                    "Import the office's update files here to receive everyone else's changes."
                )
            )
            self.export_button.setText(tr("&Export changes for the office…"))
        self.invite_button.setVisible(office)
        self.revoke_button.setVisible(office)

        names = {e.device_id: e.name for e in me.roster}
        self._show_devices(me.device_id, status.devices, office)
        self._show_conflicts(conflict_rows(self.app.people, self.app.sync, conflicts, names))
        self._show_duplicates(candidates)
        self._set_busy(self.busy)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (
            self.export_button,
            self.import_button,
            self.import_folder_button,
            self.invite_button,
            self.revoke_button,
            self.setup_office_button,
            self.join_button,
        ):
            button.setEnabled(not busy)
        self._update_conflict_buttons()
        self._update_duplicate_buttons()

    # -- background work -----------------------------------------------------------------
    def run_work(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        doing: str,
        failed_title: str,
        *,
        writes: bool = True,
        after: Callable[[], None] | None = None,
    ) -> None:
        """Run ``work`` off the UI thread (on the one writer when it ``writes``); show
        ``doing`` meanwhile and the error in plain words if it fails."""
        self._set_busy(True)
        self.message.setText(doing)

        def on_done(result: Any) -> None:
            self._set_busy(False)
            if after is not None:
                after()
            self.message.setText("")
            done(result)

        def on_error(error: BaseException) -> None:
            self._set_busy(False)
            if after is not None:
                after()
            self.message.setText("")
            self.show_error(failed_title, error)

        if writes:
            self.ops.write(work, on_done, on_error=on_error)
        else:
            self.ops.query(work, on_done, on_error=on_error)

    def show_error(self, title: str, error: BaseException) -> None:
        show_error(self, title, error)

    # -- set-up --------------------------------------------------------------------------
    def set_up_office(self) -> None:
        name, ok = QInputDialog.getText(
            self,
            tr("Set up the office"),
            tr(
                "A name for this computer, as the laptops will see it.\n"
                "Do this on one computer only: the office's."
            ),
            QLineEdit.EchoMode.Normal,
            tr("Office"),
        )
        if not ok or not name.strip():
            return
        self.run_work(
            lambda: self.app.sync_devices.init_office(name.strip()),
            lambda _id: self.set_up_done(
                tr("This computer is now the office. Next: invite each laptop.")
            ),
            tr("Setting up the office…"),
            tr("Could not set up the office"),
        )

    def join_coalition(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, tr("Choose the invitation file from the office"), "",
            translate("SyncPage", str(INVITATION_FILTER)),
        )
        if not path:
            return
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self.show_error(tr("Could not join"), exc)
            return
        passphrase, ok = QInputDialog.getText(
            self,
            tr("Join with an invitation"),
            tr("The passphrase the office gave you for this invitation:"),
            QLineEdit.EchoMode.Password,
        )
        if not ok or not passphrase:
            return
        self.run_work(
            lambda: self.app.sync_devices.join(data, passphrase),
            lambda _id: self.set_up_done(
                tr(
                    "This laptop has joined. Next: export your changes for the office, and "
                    "import the office's update files to receive everyone else's."
                )
            ),
            tr("Opening the invitation…"),
            tr("Could not join"),
        )

    def set_up_done(self, message: str) -> None:
        self.refresh()
        self.message.setText(message)

    # -- export --------------------------------------------------------------------------
    def export_changes(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, tr("Choose where to save the sync file (for example a USB stick)")
        )
        if not folder:
            return
        full = self.full_snapshot.isChecked()
        self.run_work(
            lambda: self.app.sync_files.export(Path(folder), full=full),
            self._exported,
            tr("Writing the sync file…"),
            tr("Export failed"),
        )

    def _exported(self, result: ExportResult) -> None:
        text = tr("{n} changes written to {file}").format(
            n=f"{result.operations:,}", file=result.path
        )
        self.message.setText(text)
        if self.role == "office":
            advice = tr("Take the file to each laptop and import it there.")
        else:
            advice = tr("Take the file to the office and import it there.")
        QMessageBox.information(self, tr("Export finished"), f"{text}\n\n{advice}")
        self.refresh()
        self.message.setText(text)

    # -- import --------------------------------------------------------------------------
    def import_chosen_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, tr("Choose sync files to import"), "",
            translate("SyncPage", str(BUNDLE_FILTER))
        )
        if paths:
            self.preview([Path(p) for p in paths])

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, tr("Choose a folder of sync files (for example a USB stick)")
        )
        if folder:
            self.preview([Path(folder)])

    def preview(self, paths: Sequence[Path]) -> None:
        """Describe the files (nothing is applied yet) and let the person decide."""
        chosen = list(paths)
        files = self.app.sync_files
        self.run_work(
            lambda: [files.describe(p) for p in files.bundle_files(chosen)],
            self._show_preview,
            tr("Reading the sync files…"),
            tr("Could not read the files"),
            writes=False,
        )

    def _show_preview(self, reports: list[FileReport]) -> None:
        dialog = ImportPreviewDialog(reports, self)
        self.preview_dialog = dialog
        dialog.accepted.connect(lambda: self.import_now([r.path for r in reports]))
        dialog.finished.connect(lambda _result: self._forget_preview(dialog))
        dialog.open()

    def _forget_preview(self, dialog: ImportPreviewDialog) -> None:
        if self.preview_dialog is dialog:
            self.preview_dialog = None
        dialog.deleteLater()

    def import_now(self, paths: Sequence[Path]) -> None:
        """Import in the background with a progress dialog; Cancel stops at once and leaves
        the file being imported out whole."""
        files = list(paths)
        bar = BackgroundProgress(
            self, title=tr("Import sync files"), label=tr("Importing sync files…"),
            cancel=tr("Cancel"), stopping=tr("Stopping; nothing of this file will be kept…"),
            object_name="importProgress",
        )
        self.progress_dialog = bar.dialog
        progress = bar.callback  # done/total in hundredths of a file: big files move too
        app = self.app

        def work() -> tuple[ImportReceipt, int]:
            receipt = app.sync_files.import_files(files, progress)
            return receipt, len(app.duplicates.candidates())

        def close_progress() -> None:
            bar.close()
            if self.progress_dialog is bar.dialog:
                self.progress_dialog = None

        self.run_work(
            work,
            lambda result: self._imported(result[0], result[1], len(files)),
            tr("Importing sync files…"),
            tr("Import failed"),
            after=close_progress,
        )

    def _imported(self, receipt: ImportReceipt, duplicates: int, chosen: int) -> None:
        self.refresh()
        dialog = ImportReceiptDialog(
            receipt,
            duplicates,
            self,
            not_done=chosen - len(receipt.files),
            names=self.device_names(),
        )
        self.receipt_dialog = dialog
        dialog.finished.connect(lambda _result: self._forget_receipt(dialog))
        self.message.setText(
            tr("Last import: changes applied {n}; conflicts to review {c}.").format(
                n=f"{receipt.applied:,}", c=receipt.conflicts_open
            )
        )
        dialog.open()

    def device_names(self) -> dict[str, str]:
        try:
            return {e.device_id: e.name for e in self.app.sync_devices.identity().roster}
        except SayProError:
            return {}

    def _forget_receipt(self, dialog: ImportReceiptDialog) -> None:
        if self.receipt_dialog is dialog:
            self.receipt_dialog = None
        dialog.deleteLater()

