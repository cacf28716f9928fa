"""The Sync page's Devices tab: the roster, and (at the office) inviting and revoking laptops."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.errors import SayProError
from saypro_desktop.ui.i18n import tr, translate
from saypro_desktop.ui.sync.base import (
    INVITATION_FILTER,
    INVITATION_SUFFIX,
    SyncPageBase,
    empty_label,
)
from saypro_desktop.ui.sync.dialogs import (
    format_when,
)
from saypro_desktop.ui.widgets.rows import RowsModel, make_table

if TYPE_CHECKING:  # the bundle and key code (cryptography) loads when sync is first used
    from saypro_desktop.services.sync_files import (
        DeviceStatus,
    )

log = logging.getLogger(__name__)

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



class DevicesTab(SyncPageBase):
    """Mixed into SyncPage."""

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
        self.devices_empty = empty_label("devicesEmpty")
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
        shortest = self.app.sync_devices.min_passphrase_chars
        if len(passphrase) < shortest:  # say so now, before any file dialog
            QMessageBox.warning(
                self,
                tr("Invite a laptop"),
                tr("The passphrase needs at least {n} characters; this one has {k}. Nothing was "
                   "made; please try again with a longer one.").format(n=shortest,
                                                                      k=len(passphrase)),
            )
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
            translate("SyncPage", str(INVITATION_FILTER)),
        )
        if not out:
            return
        out_path = Path(out)
        self.run_work(
            lambda: self.app.sync_devices.invite(name, passphrase, out_path),
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
            me = self.app.sync_devices.identity()
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
        self.run_work(
            lambda: self.app.sync_devices.revoke(name),
            lambda _id: self.set_up_done(
                tr("{name} is revoked. Export updates for the field so every laptop knows.").format(
                    name=name
                )
            ),
            tr("Revoking…"),
            tr("Could not revoke the laptop"),
        )

