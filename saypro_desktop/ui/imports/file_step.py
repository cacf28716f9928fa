"""The import wizard's first step: choose the file, what it holds, a saved mapping."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWizardPage,
)

from saypro_desktop.domain.errors import SayProError
from saypro_desktop.services.imports import (
    ImportPlan,
)
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.imports.common import (
    OPEN_FILTERS,
    SAMPLES_PER_COLUMN,
    column_samples,
    t,
)

if TYPE_CHECKING:
    from saypro_desktop.ui.imports.wizard import ImportWizard

log = logging.getLogger(__name__)


class FilePage(QWizardPage):
    """Step 1: which file, what it holds, and an optional saved mapping."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setObjectName("importFilePage")
        self.setTitle(tr("Choose a contact list"))
        self.setSubTitle(
            tr(
                "CSV, TSV or text files, Excel workbooks (.xlsx), vCard files (.vcf) and "
                "calendars (.ics) from Google, Outlook, Thunderbird, Mailchimp and others."
            )
        )
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.path.setPlaceholderText(tr("No file chosen yet"))
        self.path.setClearButtonEnabled(True)
        self.path.textChanged.connect(lambda _t: self._path_changed())
        self.choose = QPushButton(tr("C&hoose a file…"))
        self.choose.setObjectName("chooseFile")
        self.choose.clicked.connect(lambda _checked=False: self.choose_file())
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.choose)

        self.people = QRadioButton(tr("&People: add them to the contact list"))
        self.people.setObjectName("kindPeople")
        self.people.setChecked(True)
        self.attendees = QRadioButton(
            tr("&Attendees of an event: its RSVP list, or who came to it"))
        self.attendees.setObjectName("kindAttendees")
        self.organisations = QRadioButton(tr("&Organisations: add them to the partners list"))
        self.organisations.setObjectName("kindOrganisations")
        self.kinds = QButtonGroup(self)
        self.kinds.addButton(self.people)
        self.kinds.addButton(self.attendees)
        self.kinds.addButton(self.organisations)
        self.event_picker = QComboBox()
        self.event_picker.setObjectName("eventPicker")
        self.event_picker.setEnabled(False)
        self.attendees.toggled.connect(self._kind_changed)
        self.attendees_note = QLabel()
        self.attendees_note.setObjectName("attendeesNote")
        self.attendees_note.setWordWrap(True)
        self._has_events = False
        event_row = QHBoxLayout()
        event_row.setContentsMargins(24, 0, 0, 0)
        event_row.addWidget(self.event_picker, 1)

        self.saved = QComboBox()
        self.saved.setObjectName("savedMapping")
        self.saved.setToolTip(
            tr("A column mapping you saved for an earlier file from the same tool")
        )

        kind_label = QLabel(tr("This file lists:"))
        form = QFormLayout()
        saved_label = QLabel(tr("&Saved mapping:"))
        saved_label.setBuddy(self.saved)
        file_label = QLabel(tr("&File:"))
        file_label.setBuddy(self.path)
        form.addRow(file_label, file_row)
        form.addRow(saved_label, self.saved)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(12)
        layout.addWidget(kind_label)
        layout.addWidget(self.people)
        layout.addWidget(self.attendees)
        layout.addLayout(event_row)
        layout.addWidget(self.attendees_note)
        layout.addWidget(self.organisations)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self._load_saved_mappings()
        self._load_events()

    def _load_saved_mappings(self) -> None:
        current = self.saved.currentData()
        self.saved.clear()
        self.saved.addItem(tr("None: match the columns by their names"), None)
        try:
            names = self._wizard.app.imports.mappings()
        except SayProError as exc:
            log.info("saved mappings unavailable: %s", exc)
            names = []
        for name in names:
            self.saved.addItem(name, name)
        self.saved.setCurrentIndex(max(self.saved.findData(current), 0))

    def _load_events(self) -> None:
        events = self._wizard.events()
        self.event_picker.clear()
        for event_id, label in events or []:
            self.event_picker.addItem(label, event_id)
        self._has_events = bool(events)
        self.event_picker.setVisible(bool(events))
        if not events:
            self.attendees.setEnabled(False)
            self.people.setChecked(True)
        if events is None:
            self.attendees_note.setText(
                tr(
                    "Attendee lists cannot be imported from this window yet. Use the command "
                    "line for now: saypro import FILE --kind attendees --event EVENT-ID"
                )
            )
        elif not events:
            self.attendees_note.setText(tr("There are no events yet to import attendees into."))
        else:
            self.attendees_note.setText("")
        self.attendees_note.setVisible(bool(self.attendees_note.text()))

    def _path_changed(self) -> None:
        """A calendar holds meetings and events, not people: the choice does not apply."""
        calendar = self.kind() == "calendar"
        self.people.setEnabled(not calendar)
        self.attendees.setEnabled(not calendar and self._has_events)
        self.organisations.setEnabled(not calendar)
        self.completeChanged.emit()

    def _kind_changed(self, attendees: bool) -> None:
        self.event_picker.setEnabled(attendees)
        self.completeChanged.emit()

    def choose_file(self) -> None:
        start = str(Path(self.path.text()).parent) if self.path.text().strip() else ""
        chosen, _filter = QFileDialog.getOpenFileName(
            self, tr("Choose a contact list to import"), start,
            ";;".join(t(f) for f in OPEN_FILTERS)
        )
        if chosen:
            self.path.setText(chosen)

    def kind(self) -> str:
        if Path(self.path.text().strip()).suffix.lower() == ".ics":
            return "calendar"
        if self.organisations.isChecked():
            return "organisations"
        return "attendees" if self.attendees.isChecked() else "people"

    def isComplete(self) -> bool:
        if not self.path.text().strip():
            return False
        if self.kind() == "attendees":
            return self.event_picker.currentData() is not None
        return True

    def validatePage(self) -> bool:
        wizard = self._wizard
        if wizard.take_pass():
            return True
        path = Path(self.path.text().strip()).expanduser()
        if not path.is_file():
            QMessageBox.warning(
                self,
                tr("Choose a contact list"),
                tr("There is no file at {path}. Choose the file again.").format(path=path),
            )
            return False
        kind = self.kind()
        mapping_name = self.saved.currentData()
        event_id = self.event_picker.currentData() if kind == "attendees" else None
        imports = wizard.app.imports

        def work() -> tuple[ImportPlan, dict[str, list[str]]]:
            plan = imports.plan(path, kind=kind, mapping_name=mapping_name, event_id=event_id)
            return plan, column_samples(plan, SAMPLES_PER_COLUMN)

        def done(result: tuple[ImportPlan, dict[str, list[str]]]) -> None:
            wizard.plan, wizard.samples = result

        return wizard.advance_with(work, done, tr("Reading the file…"), tr("Cannot use this file"))


