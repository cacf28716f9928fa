"""The export dialog: people, organisations or the calendar, to a file another tool opens.

Writing runs through the operations runner and ``app.exports``;
the dialog only collects the choices and reports how many records were written.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.enums import ConsentChannel
from saypro_desktop.services.context import AppServices
from saypro_desktop.ui.errors import show_error
from saypro_desktop.ui.i18n import tr, translate
from saypro_desktop.ui.operations import Operations

log = logging.getLogger(__name__)

# What can be exported, and in which formats: (format id, label, file filter, suffix).
FORMATS: dict[str, list[tuple[str, object, object, str]]] = {
    "people": [
        ("csv", QT_TRANSLATE_NOOP("ExportDialog", "CSV (Excel, Google Sheets, Mailchimp)"),
         QT_TRANSLATE_NOOP("ExportDialog", "CSV files (*.csv)"), ".csv"),
        ("xlsx", QT_TRANSLATE_NOOP("ExportDialog", "Excel workbook"),
         QT_TRANSLATE_NOOP("ExportDialog", "Excel workbooks (*.xlsx)"), ".xlsx"),
        ("vcf", QT_TRANSLATE_NOOP("ExportDialog", "vCard (phones, Outlook, Google Contacts)"),
         QT_TRANSLATE_NOOP("ExportDialog", "vCard files (*.vcf)"), ".vcf"),
    ],
    "organisations": [
        ("csv", QT_TRANSLATE_NOOP("ExportDialog", "CSV (Excel, Google Sheets)"),
         QT_TRANSLATE_NOOP("ExportDialog", "CSV files (*.csv)"), ".csv"),
        ("xlsx", QT_TRANSLATE_NOOP("ExportDialog", "Excel workbook"),
         QT_TRANSLATE_NOOP("ExportDialog", "Excel workbooks (*.xlsx)"), ".xlsx"),
    ],
    "calendar": [
        ("ics", QT_TRANSLATE_NOOP("ExportDialog", "Calendar (.ics: Outlook, Google Calendar)"),
         QT_TRANSLATE_NOOP("ExportDialog", "Calendar files (*.ics)"), ".ics"),
    ],
}
WHAT_LABELS = {
    "people": QT_TRANSLATE_NOOP("ExportDialog", "People"),
    "organisations": QT_TRANSLATE_NOOP("ExportDialog", "Organisations"),
    "calendar": QT_TRANSLATE_NOOP("ExportDialog", "Meetings and events"),
}
FILE_STEMS = {"people": "people", "organisations": "organisations", "calendar": "calendar"}
# Consent channels that are a way of contacting someone (photo and story are not).
CONTACT_CHANNELS = (
    ConsentChannel.EMAIL,
    ConsentChannel.PHONE,
    ConsentChannel.SMS,
    ConsentChannel.WHATSAPP,
    ConsentChannel.POST,
)
CHANNEL_LABELS = {
    ConsentChannel.EMAIL: QT_TRANSLATE_NOOP("ExportDialog", "email"),
    ConsentChannel.PHONE: QT_TRANSLATE_NOOP("ExportDialog", "phone"),
    ConsentChannel.SMS: QT_TRANSLATE_NOOP("ExportDialog", "SMS"),
    ConsentChannel.WHATSAPP: QT_TRANSLATE_NOOP("ExportDialog", "WhatsApp"),
    ConsentChannel.POST: QT_TRANSLATE_NOOP("ExportDialog", "post"),
}


def _t(marked: object) -> str:
    return translate("ExportDialog", str(marked))


def written_text(what: str, count: int, path: Path) -> str:
    if what == "people":
        text = (
            tr("1 person written to {file}") if count == 1 else tr("{n} people written to {file}")
        )
    elif what == "organisations":
        text = (
            tr("1 organisation written to {file}")
            if count == 1
            else tr("{n} organisations written to {file}")
        )
    else:
        text = (
            tr("1 meeting or event written to {file}")
            if count == 1
            else tr("{n} meetings and events written to {file}")
        )
    return text.format(n=f"{count:,}", file=path)


def organisations_file(people_file: Path, fmt: str) -> Path:
    """Where ``export_people(include_organisations=True)`` puts the organisations."""
    suffix = "xlsx" if fmt == "xlsx" else "csv"
    return people_file.with_name(f"{people_file.stem}-organisations.{suffix}")


class ExportDialog(QDialog):
    """Choose what, which format and whom; then a file name; then see how many were written."""

    def __init__(
        self, app: AppServices, ops: Operations, parent: QWidget | None = None, *,
        what: str = "people"
    ) -> None:
        super().__init__(parent)
        self.app = app
        self.ops = ops
        self.busy = False
        self.written: int | None = None
        self.setObjectName("exportDialog")
        self.setWindowTitle(tr("Export"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(520)

        self.what = QComboBox()
        self.what.setObjectName("exportWhat")
        for key, label in WHAT_LABELS.items():
            self.what.addItem(_t(label), key)
        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        self.consent = QComboBox()
        self.consent.setObjectName("consentFilter")
        self.consent.addItem(tr("Everyone"), None)
        for channel in CONTACT_CHANNELS:
            self.consent.addItem(
                tr("Only people who agreed to be contacted by {channel}").format(
                    channel=_t(CHANNEL_LABELS[channel])
                ),
                channel.value,
            )
        self.consent.setToolTip(
            tr(
                "Leave out everyone who has not agreed, or has withdrawn their agreement, "
                "to be contacted this way."
            )
        )
        self.include_organisations = QCheckBox(
            tr("Also write the &organisations to a second file beside it")
        )
        self.include_organisations.setObjectName("includeOrganisations")
        self.include_organisations.setToolTip(
            tr(
                "The people file already names each person's organisation; this adds "
                "“…-organisations” with every organisation's details."
            )
        )

        form = QFormLayout()
        for text, widget in (
            (tr("&Export:"), self.what),
            (tr("&Format:"), self.format),
            (tr("&Who:"), self.consent),
        ):
            caption = QLabel(text)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        form.addRow("", self.include_organisations)

        self.note = QLabel(
            tr(
                "The file holds personal data. Keep it somewhere safe, share it only with "
                "people who need it, and delete it when you are done."
            )
        )
        self.note.setObjectName("exportNote")
        self.note.setWordWrap(True)
        self.result_label = QLabel()
        self.result_label.setObjectName("exportResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()

        buttons = QDialogButtonBox()
        self.export_button = QPushButton(tr("E&xport…"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("exportClose")
        self.export_button.clicked.connect(lambda _checked=False: self.export())
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self.what.currentIndexChanged.connect(lambda _i: self._what_changed())
        for changed in (
            self.format.currentIndexChanged,
            self.consent.currentIndexChanged,
            self.include_organisations.toggled,
        ):
            changed.connect(lambda *_: self.result_label.hide())
        self.what.setCurrentIndex(max(self.what.findData(what), 0))
        self._what_changed()

    def _what_changed(self) -> None:
        self.result_label.clear()
        self.result_label.hide()
        what = self.current_what()
        self.format.clear()
        for key, label, _filter, _suffix in FORMATS[what]:
            self.format.addItem(_t(label), key)
        people = what == "people"
        self.consent.setEnabled(people)
        self.include_organisations.setEnabled(people)
        if not people:
            self.consent.setCurrentIndex(0)
            self.include_organisations.setChecked(False)

    def current_what(self) -> str:
        return str(self.what.currentData() or "people")

    def current_format(self) -> tuple[str, object, object, str]:
        key = self.format.currentData()
        for entry in FORMATS[self.current_what()]:
            if entry[0] == key:
                return entry
        return FORMATS[self.current_what()][0]

    def export(self) -> None:
        if self.busy:
            return
        what = self.current_what()
        fmt, _label, file_filter, suffix = self.current_format()
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            tr("Export to"),
            FILE_STEMS[what] + suffix,
            _t(file_filter),
        )
        if not chosen:
            return
        out = Path(chosen)
        if out.suffix.lower() != suffix:
            out = out.with_name(out.name + suffix)
        channel = self.consent.currentData() if what == "people" else None
        organisations = what == "people" and self.include_organisations.isChecked()
        exports = self.app.exports
        work: Callable[[], int]
        if what == "people":

            def work() -> int:
                return exports.people(
                    out, fmt, consent_channel=channel, include_organisations=organisations
                )

        elif what == "organisations":

            def work() -> int:
                return exports.organisations(out, fmt)

        else:

            def work() -> int:
                return exports.calendar(out)

        self._set_busy(True)
        # Reads the database and writes a file: a query, not a database write.
        self.ops.query(work, lambda n: self._exported(what, n, out, organisations),
                       on_error=self._failed)

    def reject(self) -> None:
        if not self.busy:  # a file is being written: close when it is done
            super().reject()

    def _set_busy(self, busy: bool) -> None:
        if busy and not self.busy:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        elif not busy and self.busy:
            QGuiApplication.restoreOverrideCursor()
        self.busy = busy
        for widget in (self.export_button, self.what, self.format):
            widget.setEnabled(not busy)
        people = self.current_what() == "people"
        self.consent.setEnabled(people and not busy)
        self.include_organisations.setEnabled(people and not busy)

    def _exported(self, what: str, count: Any, path: Path, organisations: bool) -> None:
        self._set_busy(False)
        self.written = int(count)
        text = written_text(what, self.written, path)
        if what == "people" and organisations:
            text += "\n" + tr("The organisations are in {file}").format(
                file=organisations_file(path, self.current_format()[0])
            )
        self.result_label.setText(text)
        self.result_label.show()
        if self.written == 0:
            text += "\n\n" + tr("Nothing matched these choices.")
        QMessageBox.information(self, tr("Export finished"), text)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        show_error(self, tr("Export failed"), error)
