"""The Sync page: set this computer up, export and import sync files (USB sticks), and
review what sync cannot decide alone: conflicts and possible duplicates."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.db.engine import Database
from saypro_desktop.domain.errors import SayProError
from saypro_desktop.domain.people import display_name
from saypro_desktop.domain.time import stamp_moment
from saypro_desktop.services import duplicates as duplicates_service
from saypro_desktop.services import people as people_service
from saypro_desktop.services import sync as sync_service
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.duplicates import DuplicateCandidate
from saypro_desktop.services.sync import Conflict, ConflictValue
from saypro_desktop.sync.operations import DELETED_FIELD
from saypro_desktop.ui.operations import Operations
from saypro_desktop.ui.sync.dialogs import (
    ImportPreviewDialog,
    ImportReceiptDialog,
    format_when,
    sentence,
)
from saypro_desktop.ui.tasks import BackgroundProgress, TaskRunner
from saypro_desktop.ui.widgets.rows import RowsModel, make_table

if TYPE_CHECKING:  # the bundle and key code (cryptography) loads when sync is first used
    from saypro_desktop.services import sync_files
    from saypro_desktop.services.sync_files import DeviceStatus, FileReport, ImportReceipt


def _devices() -> Any:
    """services.sync_devices, imported on first use to keep start-up light."""
    return importlib.import_module("saypro_desktop.services.sync_devices")


def _files() -> Any:
    """services.sync_files, imported on first use to keep start-up light."""
    return importlib.import_module("saypro_desktop.services.sync_files")

log = logging.getLogger(__name__)

BUNDLE_FILTER = "SayPro bundles (*.sayprobundle)"
INVITATION_FILTER = "SayPro invitations (*.sayproinvite);;All files (*)"
INVITATION_SUFFIX = ".sayproinvite"



def tr(text: str) -> str:
    return QCoreApplication.translate("SyncPage", text)


# --- rows the tabs show (plain values, computed when the page refreshes) ---------------


@dataclass(frozen=True)
class ConflictRow:
    conflict: Conflict
    record: str
    field: str
    shown: str
    others: str

    @property
    def is_deletion(self) -> bool:
        return self.conflict.field == DELETED_FIELD


def _value_text(value: Any) -> str:
    if value is None or value == "":
        return tr("(empty)")
    return str(value)


def _field_label(field: str) -> str:
    if field == DELETED_FIELD:
        return tr("Deleted on one device, changed on another")
    return field.replace("_", " ").capitalize()


def _origin(value: ConflictValue, names: dict[str, str]) -> str:
    device = names.get(value.device_id, value.device_id[:8])
    return tr("{device}, {when}").format(device=device, when=format_when(stamp_moment(value.stamp)))


def _record_name(db: Database, table: str, row_id: str) -> str:
    if table == "people":
        try:
            fields = people_service.get_person(db, row_id).fields
        except SayProError:
            return tr("Person {id} (deleted)").format(id=row_id[:8])
        return display_name(fields.get("first_name"), fields.get("last_name"))
    return tr("{table} {id}").format(table=table.replace("_", " ").capitalize(), id=row_id[:8])


def conflict_rows(
    db: Database, conflicts: Sequence[Conflict], names: dict[str, str]
) -> list[ConflictRow]:
    rows = []
    for c in conflicts:
        record = _record_name(db, c.table, c.row_id)
        if c.field == DELETED_FIELD:
            shown = tr("Kept: changed on {origin}").format(origin=_origin(c.shown, names))
            others = "; ".join(
                tr("Deleted on {origin}").format(origin=_origin(o, names)) for o in c.others
            )
        else:
            shown = tr("{value} ({origin})").format(
                value=_value_text(c.shown.value), origin=_origin(c.shown, names)
            )
            others = "; ".join(
                tr("{value} ({origin})").format(
                    value=_value_text(o.value), origin=_origin(o, names)
                )
                for o in c.others
            )
        rows.append(ConflictRow(c, record, _field_label(c.field), shown, others))
    return rows


def _person_line(person: people_service.PersonRow) -> str:
    details = [d for d in (person.email, person.phone, person.organisation, person.city) if d]
    return " · ".join([person.name, *details])


def _device_cells(me: str) -> Callable[[DeviceStatus], list[str]]:
    roles = {"office": tr("Office"), "field": tr("Field laptop")}

    def cells(d: DeviceStatus) -> list[str]:
        name = d.name + (tr(" (this computer)") if d.device_id == me else "")
        return [
            name,
            roles.get(d.role, d.role or "—"),
            f"{d.changes_held:,}",
            format_when(d.last_bundle) if d.device_id != me else "—",
            "; ".join(d.gaps) or tr("none"),
            tr("Revoked: files refused") if d.revoked else tr("Active"),
        ]

    return cells


def _empty_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setStyleSheet("font-size: 12pt; color: palette(mid); padding: 30px;")
    return label


class _ListTab(QStackedWidget):
    """A tab's list, with a line explaining it and its buttons, or one sentence when empty."""

    def __init__(self, explain: str, table: QWidget, buttons: Sequence[QWidget],
                 empty_name: str, empty_text: str) -> None:
        super().__init__()
        explanation = QLabel(explain)
        explanation.setWordWrap(True)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        self.with_rows = QWidget()
        layout = QVBoxLayout(self.with_rows)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(explanation)
        layout.addWidget(table, 1)
        layout.addLayout(row)
        self.empty = _empty_label(empty_name)
        self.empty.setText(empty_text)
        self.addWidget(self.with_rows)
        self.addWidget(self.empty)

    def show_rows(self, any_rows: bool) -> None:
        self.setCurrentWidget(self.with_rows if any_rows else self.empty)


def _button(text: str, name: str, slot: Callable[[], None], tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(lambda _checked=False: slot())
    return button


class SyncPage(QWidget):
    title = "Sync"

    def __init__(self, app: AppServices, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.ops = ops
        self.db = app.db
        self.runner = TaskRunner(self)
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
        self.setup_office_button = _button(
            tr("Set up this computer as the &office…"), "setupOffice", self.set_up_office
        )
        self.join_button = _button(
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

        self.export_button = _button("", "exportButton", self.export_changes)
        self.full_snapshot = QCheckBox(tr("F&ull snapshot (everything)"))
        self.full_snapshot.setObjectName("fullSnapshot")
        self.full_snapshot.setToolTip(
            tr(
                "Write every change this computer holds, not only the ones the others have "
                "not confirmed yet. Use it for a new laptop or when files were lost."
            )
        )
        self.import_button = _button(
            tr("&Import sync files…"),
            "importFiles",
            self.import_chosen_files,
            tr("Choose .sayprobundle files to import"),
        )
        self.import_folder_button = _button(
            tr("Import a &folder…"),
            "importFolder",
            self.import_folder,
            tr("Import every sync file in a folder, such as a USB stick"),
        )
        self.invite_button = _button(tr("In&vite a laptop…"), "inviteLaptop", self.invite_laptop)
        self.revoke_button = _button(
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

    def _build_devices_tab(self) -> QWidget:
        self.devices_model: RowsModel[DeviceStatus] = RowsModel(
            [
                tr("Device"),
                tr("Role"),
                tr("Changes held"),
                tr("Last file imported from it"),
                tr("Missing changes"),
                tr("Status"),
            ],
            _device_cells(""),
            self,
        )
        self.devices_table = make_table(self.devices_model, "devicesTable")
        self.devices_empty = _empty_label("devicesEmpty")
        self.devices_empty.setText(tr("No devices on the roster yet."))
        self.devices_note = QLabel()
        self.devices_note.setObjectName("devicesNote")
        self.devices_note.setWordWrap(True)
        self.devices_stack = QStackedWidget()
        self.devices_stack.addWidget(self.devices_table)
        self.devices_stack.addWidget(self.devices_empty)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.devices_stack, 1)
        layout.addWidget(self.devices_note)
        return tab

    def _build_conflicts_tab(self) -> QWidget:
        self.conflicts_model: RowsModel[ConflictRow] = RowsModel(
            [tr("Record"), tr("Field"), tr("Shown now"), tr("Other value")],
            lambda r: [r.record, r.field, r.shown, r.others],
            self,
        )
        self.conflicts_table = make_table(self.conflicts_model, "conflictsTable")
        self.conflicts_table.selectionModel().selectionChanged.connect(
            lambda *_: self._update_conflict_buttons()
        )
        self.keep_button = _button("", "keepShown", self.keep_shown)
        self.other_button = _button("", "useOther", self.use_other)
        self.type_button = _button(tr("&Type a value…"), "typeValue", self.type_value)
        self.conflicts_stack = _ListTab(
            tr(
                "These were changed on two devices before either saw the other's change. "
                "Both values are kept until you choose; your choice reaches every device "
                "when you sync."
            ),
            self.conflicts_table,
            [self.keep_button, self.other_button, self.type_button],
            "conflictsEmpty",
            tr("No conflicts: every change from every device fits together."),
        )
        self.conflicts_empty = self.conflicts_stack.empty
        return self.conflicts_stack

    def _build_duplicates_tab(self) -> QWidget:
        self.duplicates_model: RowsModel[DuplicateCandidate] = RowsModel(
            [tr("Person"), tr("Looks like"), tr("Why")],
            lambda c: [_person_line(c.first), _person_line(c.second), c.reason],
            self,
        )
        self.duplicates_table = make_table(self.duplicates_model, "duplicatesTable")
        self.duplicates_table.selectionModel().selectionChanged.connect(
            lambda *_: self._update_duplicate_buttons()
        )
        self.merge_button = _button(tr("&Merge…"), "mergePeople", self.merge_selected)
        self.dismiss_button = _button(
            tr("&Not the same person"), "notSamePerson", self.dismiss_selected
        )
        self.duplicates_stack = _ListTab(
            tr(
                "The same person may have been entered on two laptops. Merging keeps the "
                "older record, fills its empty fields from the other and moves their history "
                "over."
            ),
            self.duplicates_table,
            [self.merge_button, self.dismiss_button],
            "duplicatesEmpty",
            tr("No possible duplicates: nobody seems to have been entered twice."),
        )
        self.duplicates_empty = self.duplicates_stack.empty
        return self.duplicates_stack

    # -- showing -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Called when the page is shown again and after every sync action."""
        if not _devices().is_set_up(self.db):
            self.stack.setCurrentWidget(self.setup_panel)
            return
        try:
            me = _devices().load_identity(self.db)
            status = _files().sync_status(self.db)
            conflicts = sync_service.list_conflicts(self.db)
            candidates = duplicates_service.list_candidates(self.db)
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
        self._show_conflicts(conflict_rows(self.db, conflicts, names))
        self._show_duplicates(candidates)
        self._set_busy(self.busy)

    def _show_devices(self, me: str, devices: list[DeviceStatus], office: bool) -> None:
        self.devices_model.set_cells(_device_cells(me))
        self.devices_model.set_rows(devices)
        self.devices_table.resizeColumnsToContents()
        self.devices_stack.setCurrentWidget(self.devices_table if devices else self.devices_empty)
        others = [d for d in devices if d.device_id != me and d.role]
        if not others and office:
            self.devices_note.setText(
                tr("Only this computer so far. Add a laptop with “Invite a laptop…”.")
            )
        else:
            self.devices_note.setText("")
        self.devices_note.setVisible(bool(self.devices_note.text()))
        self.tabs.setTabText(0, tr("&Devices ({n})").format(n=len(devices)))

    def _show_conflicts(self, rows: list[ConflictRow]) -> None:
        selected = self.selected_conflict()
        self.conflicts_model.set_rows(rows)
        self.conflicts_table.resizeColumnsToContents()
        self.conflicts_stack.show_rows(bool(rows))
        if rows:
            keys = [(r.conflict.table, r.conflict.row_id, r.conflict.field) for r in rows]
            key = (
                (selected.conflict.table, selected.conflict.row_id, selected.conflict.field)
                if selected
                else None
            )
            self.conflicts_table.selectRow(keys.index(key) if key in keys else 0)
        self._update_conflict_buttons()
        self.tabs.setTabText(1, tr("&Conflicts ({n})").format(n=len(rows)))

    def _show_duplicates(self, candidates: list[DuplicateCandidate]) -> None:
        self.duplicates_model.set_rows(candidates)
        self.duplicates_table.resizeColumnsToContents()
        self.duplicates_stack.show_rows(bool(candidates))
        if candidates:
            self.duplicates_table.selectRow(0)
        self._update_duplicate_buttons()
        self.tabs.setTabText(2, tr("&Possible duplicates ({n})").format(n=len(candidates)))

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
    def _run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        doing: str,
        failed_title: str,
        after: Callable[[], None] | None = None,
    ) -> None:
        """Run ``work`` off the UI thread; show ``doing`` meanwhile and an error if it fails."""
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

        self.runner.run(work, on_done, on_error)

    def show_error(self, title: str, error: BaseException) -> None:
        if isinstance(error, SayProError):
            text = sentence(error)
        elif isinstance(error, OSError):
            text = tr("The file could not be read or written: {reason}").format(
                reason=error.strerror or error
            )
        else:
            log.error("sync action failed: %r", error)
            text = tr(
                "Something unexpected went wrong ({error}). Nothing was half-written; "
                "the details are in the log."
            ).format(error=type(error).__name__)
        QMessageBox.warning(self, title, text)

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
        self._run(
            lambda: _devices().init_office(self.db, name.strip()),
            lambda _id: self._set_up_done(
                tr("This computer is now the office. Next: invite each laptop.")
            ),
            tr("Setting up the office…"),
            tr("Could not set up the office"),
        )

    def join_coalition(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, tr("Choose the invitation file from the office"), "", tr(INVITATION_FILTER)
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
        self._run(
            lambda: _devices().join(self.db, data, passphrase),
            lambda _id: self._set_up_done(
                tr(
                    "This laptop has joined. Next: export your changes for the office, and "
                    "import the office's update files to receive everyone else's."
                )
            ),
            tr("Opening the invitation…"),
            tr("Could not join"),
        )

    def _set_up_done(self, message: str) -> None:
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
        self._run(
            lambda: _files().export_bundle(self.db, Path(folder), full=full),
            self._exported,
            tr("Writing the sync file…"),
            tr("Export failed"),
        )

    def _exported(self, result: sync_files.ExportResult) -> None:
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
            self, tr("Choose sync files to import"), "", tr(BUNDLE_FILTER)
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
        self._run(
            lambda: [_files().describe(self.db, p) for p in _files().bundle_files(chosen)],
            self._show_preview,
            tr("Reading the sync files…"),
            tr("Could not read the files"),
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
        """Import in the background with a progress dialog; Cancel stops between files."""
        files = list(paths)
        bar = BackgroundProgress(
            self, title=tr("Import sync files"), label=tr("Importing sync files…"),
            cancel=tr("Cancel"), stopping=tr("Stopping after the current file…"),
            object_name="importProgress",
        )
        self.progress_dialog = bar.dialog
        progress = bar.callback  # done/total in hundredths of a file: big files move too

        def work() -> tuple[ImportReceipt, int]:
            receipt = _files().import_files(self.db, files, progress)
            return receipt, len(duplicates_service.list_candidates(self.db))

        def close_progress() -> None:
            bar.close()
            if self.progress_dialog is bar.dialog:
                self.progress_dialog = None

        self._run(
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
            names=self._device_names(),
        )
        self.receipt_dialog = dialog
        dialog.finished.connect(lambda _result: self._forget_receipt(dialog))
        self.message.setText(
            tr("Last import: changes applied {n}; conflicts to review {c}.").format(
                n=f"{receipt.applied:,}", c=receipt.conflicts_open
            )
        )
        dialog.open()

    def _device_names(self) -> dict[str, str]:
        try:
            return {e.device_id: e.name for e in _devices().load_identity(self.db).roster}
        except SayProError:
            return {}

    def _forget_receipt(self, dialog: ImportReceiptDialog) -> None:
        if self.receipt_dialog is dialog:
            self.receipt_dialog = None
        dialog.deleteLater()

    # -- devices (office only) -----------------------------------------------------------
    def invite_laptop(self) -> None:
        name, ok = QInputDialog.getText(
            self,
            tr("Invite a laptop"),
            tr("A name for the new laptop (for example “Laptop 3” or the organiser's name):"),
        )
        name = name.strip()
        if not ok or not name:
            return
        passphrase, ok = QInputDialog.getText(
            self,
            tr("Invite a laptop"),
            tr(
                "Choose a passphrase for the invitation (at least 8 characters).\n"
                "You will tell it to the person; never send it with the file."
            ),
            QLineEdit.EchoMode.Password,
        )
        if not ok or not passphrase:
            return
        again, ok = QInputDialog.getText(
            self,
            tr("Invite a laptop"),
            tr("Type the passphrase again:"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        if again != passphrase:
            QMessageBox.warning(
                self,
                tr("Invite a laptop"),
                tr("The two passphrases are different. Nothing was made; please try again."),
            )
            return
        safe = "".join(ch if ch.isalnum() else "-" for ch in name)[:40] or "laptop"
        out, _filter = QFileDialog.getSaveFileName(
            self,
            tr("Save the invitation file"),
            f"{safe}{INVITATION_SUFFIX}",
            tr(INVITATION_FILTER),
        )
        if not out:
            return
        out_path = Path(out)
        self._run(
            lambda: _devices().invite(self.db, name, passphrase, out_path),
            lambda _id: self._invited(name, out_path),
            tr("Making the invitation…"),
            tr("Could not make the invitation"),
        )

    def _invited(self, name: str, path: Path) -> None:
        self.refresh()
        text = tr("Invitation for {name} written to {file}").format(name=name, file=path)
        self.message.setText(text)
        QMessageBox.information(
            self,
            tr("Invitation ready"),
            text
            + "\n\n"
            + tr(
                "1. Copy the file to the laptop (for example on a USB stick).\n"
                "2. Tell the person the passphrase separately: in person or by phone, "
                "never together with the file.\n"
                "3. On the laptop, open SayPro, go to Sync and choose "
                "“Join with an invitation file…”.\n"
                "4. Then delete the invitation file from the stick."
            ),
        )

    def revoke_laptop(self) -> None:
        try:
            me = _devices().load_identity(self.db)
        except SayProError as exc:
            self.show_error(tr("Revoke a lost laptop"), exc)
            return
        names = [e.name for e in me.roster if not e.revoked and e.device_id != me.device_id]
        if not names:
            QMessageBox.information(
                self, tr("Revoke a lost laptop"), tr("There is no laptop on the roster to revoke.")
            )
            return
        name, ok = QInputDialog.getItem(
            self,
            tr("Revoke a lost laptop"),
            tr("Which laptop was lost or stolen?"),
            names,
            0,
            False,
        )
        if not ok or not name:
            return
        answer = QMessageBox.question(
            self,
            tr("Revoke a lost laptop"),
            tr(
                "Revoke {name}?\n\nFiles made by {name} will be refused from now on, "
                "including any it has not delivered yet. Changes already imported stay. "
                "This cannot be undone; if the laptop turns up, invite it again under a "
                "new name."
            ).format(name=name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._run(
            lambda: _devices().revoke(self.db, name),
            lambda _id: self._set_up_done(
                tr("{name} is revoked. Export updates for the field so every laptop knows.").format(
                    name=name
                )
            ),
            tr("Revoking…"),
            tr("Could not revoke the laptop"),
        )

    # -- conflicts -----------------------------------------------------------------------
    def selected_conflict(self) -> ConflictRow | None:
        rows = self.conflicts_table.selectionModel().selectedRows()
        return self.conflicts_model.row_at(rows[0].row()) if rows else None

    def _update_conflict_buttons(self) -> None:
        row = self.selected_conflict()
        deletion = bool(row and row.is_deletion)
        self.keep_button.setText(tr("&Keep the record") if deletion else tr("&Keep shown value"))
        self.other_button.setText(
            tr("De&lete it after all") if deletion else tr("Use the &other value")
        )
        self.type_button.setVisible(not deletion)
        for button in (self.keep_button, self.other_button, self.type_button):
            button.setEnabled(row is not None and not self.busy)

    def keep_shown(self) -> None:
        row = self.selected_conflict()
        if row is not None:
            self._resolve(row, False if row.is_deletion else row.conflict.shown.value)

    def use_other(self) -> None:
        row = self.selected_conflict()
        if row is None:
            return
        if row.is_deletion:
            self._resolve(row, True)
            return
        others = row.conflict.others
        if len(others) == 1:
            self._resolve(row, others[0].value)
            return
        names = self._device_names()
        labels = [
            tr("{value} ({origin})").format(value=_value_text(o.value), origin=_origin(o, names))
            for o in others
        ]
        choice, ok = QInputDialog.getItem(
            self, tr("Use another value"), tr("Which value is right?"), labels, 0, False
        )
        if ok and choice in labels:
            self._resolve(row, others[labels.index(choice)].value)

    def type_value(self) -> None:
        row = self.selected_conflict()
        if row is None or row.is_deletion:
            return
        current = row.conflict.shown.value
        text, ok = QInputDialog.getText(
            self,
            tr("Type a value"),
            tr("The right value for {field} of {record}:").format(
                field=row.field, record=row.record
            ),
            QLineEdit.EchoMode.Normal,
            "" if current is None else str(current),
        )
        if ok:
            self._resolve(row, text.strip() or None)

    def _resolve(self, row: ConflictRow, value: Any) -> None:
        c = row.conflict
        try:
            sync_service.resolve_conflict(self.db, c.table, c.row_id, c.field, value)
        except SayProError as exc:
            self.show_error(tr("Could not settle the conflict"), exc)
            return
        self.refresh()
        self.message.setText(
            tr(
                "Settled: {field} of {record}. The choice reaches other devices when you sync."
            ).format(field=row.field, record=row.record)
        )

    # -- duplicates ----------------------------------------------------------------------
    def selected_candidate(self) -> DuplicateCandidate | None:
        rows = self.duplicates_table.selectionModel().selectedRows()
        return self.duplicates_model.row_at(rows[0].row()) if rows else None

    def _update_duplicate_buttons(self) -> None:
        enabled = self.selected_candidate() is not None and not self.busy
        self.merge_button.setEnabled(enabled)
        self.dismiss_button.setEnabled(enabled)

    def merge_selected(self) -> None:
        candidate = self.selected_candidate()
        if candidate is None:
            return
        answer = QMessageBox.question(
            self,
            tr("Merge two people"),
            tr(
                "Merge {first} and {second} into one person?\n\nThe older record is kept; "
                "its empty fields are filled from the other. The merge reaches other "
                "laptops when you sync."
            ).format(first=candidate.first.name, second=candidate.second.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            duplicates_service.merge_people(self.db, candidate.first.id, candidate.second.id)
        except SayProError as exc:
            self.show_error(tr("Could not merge"), exc)
            return
        self.refresh()
        self.message.setText(
            tr("Merged {first} and {second}.").format(
                first=candidate.first.name, second=candidate.second.name
            )
        )

    def dismiss_selected(self) -> None:
        candidate = self.selected_candidate()
        if candidate is None:
            return
        try:
            duplicates_service.dismiss_candidate(self.db, candidate.id)
        except SayProError as exc:
            self.show_error(tr("Could not dismiss"), exc)
            return
        self.refresh()
        self.message.setText(
            tr("Noted: {first} and {second} are different people.").format(
                first=candidate.first.name, second=candidate.second.name
            )
        )
