"""Dialogs of the events area: an event's details, opening the desk, picking RSVPs."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.enums import EventKind
from saypro_desktop.domain.people import format_phone
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.events import EventDetail
from saypro_desktop.services.events_signin import DeskInfo
from saypro_desktop.ui.errors import error_text
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.operations import Operations


def _qdt(moment: datetime) -> QDateTime:
    return QDateTime(moment.year, moment.month, moment.day, moment.hour, moment.minute, 0)


def _py(value: QDateTime) -> datetime:
    return datetime(value.date().year(), value.date().month(), value.date().day(),
                    value.time().hour(), value.time().minute())


class EventDialog(QDialog):
    """Add an event, or edit one (``detail`` given)."""

    def __init__(self, app: AppServices, ops: Operations, detail: EventDetail | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.ops = ops
        self.detail = detail
        self.saved_id: str | None = None
        self.setObjectName("eventDialog")
        self.setWindowTitle(tr("Edit event") if detail else tr("New event"))
        self.title = QLineEdit()
        self.title.setObjectName("eventTitle")
        self.kind = QComboBox()
        self.kind.setObjectName("eventKind")
        for value, label in EventKind.choices():
            self.kind.addItem(label, value)
        start = datetime.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=7)
        self.starts = QDateTimeEdit(_qdt(start.replace(hour=18)))
        self.starts.setObjectName("eventStarts")
        self.starts.setCalendarPopup(True)
        self.starts.setDisplayFormat("ddd d MMM yyyy, HH:mm")
        self.has_end = QCheckBox(tr("Ends at"))
        self.has_end.setObjectName("eventHasEnd")
        self.ends = QDateTimeEdit(_qdt(start.replace(hour=20)))
        self.ends.setObjectName("eventEnds")
        self.ends.setCalendarPopup(True)
        self.ends.setDisplayFormat("ddd d MMM yyyy, HH:mm")
        self.ends.setEnabled(False)
        self.has_end.toggled.connect(self.ends.setEnabled)
        self.starts.dateTimeChanged.connect(self._keep_end_after_start)
        self.venue = QLineEdit()
        self.venue.setObjectName("eventVenue")
        self.area = QLineEdit()
        self.area.setObjectName("eventArea")
        self.expected = QSpinBox()
        self.expected.setObjectName("eventExpected")
        self.expected.setRange(0, 1_000_000)
        self.expected.setSpecialValueText(tr("not set"))
        self.organisers = QLineEdit()
        self.organisers.setObjectName("eventOrganisers")
        self.organisers.setPlaceholderText(tr("e.g. Lerato Mokoena, Sipho Ndlovu"))
        self.campaign = self._combo(app.events.campaign_choices(), "eventCampaign")
        self.group = self._combo(app.events.working_group_choices(), "eventGroup")
        self.petition = self._combo(app.events.petition_choices(), "eventPetition")
        new_petition = QPushButton(tr("New petition…"))
        new_petition.clicked.connect(self._new_petition)
        petition_row = QHBoxLayout()
        petition_row.addWidget(self.petition, 1)
        petition_row.addWidget(new_petition)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("eventNotes")
        self.notes.setFixedHeight(80)
        self.error = QLabel()
        self.error.setObjectName("eventError")
        self.error.setStyleSheet("color: #a4161a;")
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        form.addRow(tr("&Title"), self.title)
        form.addRow(tr("T&ype"), self.kind)
        form.addRow(tr("&Starts"), self.starts)
        ends = QHBoxLayout()
        ends.addWidget(self.has_end)
        ends.addWidget(self.ends, 1)
        form.addRow("", ends)
        form.addRow(tr("&Venue"), self.venue)
        form.addRow(tr("Ward or &area"), self.area)
        form.addRow(tr("E&xpected attendance"), self.expected)
        form.addRow(tr("&Organisers"), self.organisers)
        form.addRow(tr("&Campaign"), self.campaign)
        form.addRow(tr("&Working group"), self.group)
        form.addRow(tr("&Petition to sign"), petition_row)
        form.addRow(tr("&Notes"), self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if detail is not None:
            self._fill(detail)
        self.resize(560, 600)

    @staticmethod
    def _combo(choices: list[Any], name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(tr("(none)"), None)
        for choice in choices:
            combo.addItem(choice.label, choice.id)
        return combo

    def _keep_end_after_start(self, value: QDateTime) -> None:
        if self.ends.dateTime() < value:
            self.ends.setDateTime(value.addSecs(2 * 3600))

    def _fill(self, detail: EventDetail) -> None:
        f = detail.fields
        self.title.setText(f["title"])
        index = self.kind.findData(f["kind"])
        if index < 0:
            self.kind.addItem(str(f["kind"]).replace("_", " ").capitalize(), f["kind"])
            index = self.kind.count() - 1
        self.kind.setCurrentIndex(index)
        self.starts.setDateTime(_qdt(f["starts_at"]))
        if f["ends_at"]:
            self.has_end.setChecked(True)
            self.ends.setDateTime(_qdt(f["ends_at"]))
        self.venue.setText(f["venue"] or "")
        self.area.setText(f["area"] or "")
        self.expected.setValue(f["expected_attendance"] or 0)
        self.organisers.setText(f["organisers"] or "")
        for combo, key in ((self.campaign, "campaign_id"), (self.group, "working_group_id"),
                           (self.petition, "petition_id")):
            combo.setCurrentIndex(max(combo.findData(f[key]), 0))
        self.notes.setPlainText(f["notes"] or "")

    def _new_petition(self) -> None:
        title, ok = QInputDialog.getText(self, tr("New petition"),
                                         tr("What does the petition ask for?"))
        if not ok or not title.strip():
            return

        def added(petition_id: str) -> None:
            self.petition.addItem(title.strip(), petition_id)
            self.petition.setCurrentIndex(self.petition.count() - 1)

        self.ops.write(lambda: self.app.events.add_petition(title), added, parent=self,
                       title=tr("Could not add the petition"))

    def fields(self) -> dict[str, Any]:
        return {
            "title": self.title.text(), "kind": self.kind.currentData(),
            "starts_at": _py(self.starts.dateTime()),
            "ends_at": _py(self.ends.dateTime()) if self.has_end.isChecked() else None,
            "venue": self.venue.text(), "area": self.area.text(),
            "expected_attendance": self.expected.value() or None,
            "organisers": self.organisers.text(), "campaign_id": self.campaign.currentData(),
            "working_group_id": self.group.currentData(),
            "petition_id": self.petition.currentData(), "notes": self.notes.toPlainText(),
        }

    def save(self) -> None:
        fields = self.fields()
        detail = self.detail

        def work() -> str:
            if detail is None:
                return self.app.events.add_event(fields)
            self.app.events.update_event(detail.id, fields)
            return detail.id

        def done(event_id: str) -> None:
            self.saved_id = event_id
            self.accept()

        def failed(error: BaseException) -> None:
            self.error.setText(error_text(error))
            self.error.show()

        self.ops.write(work, done, parent=self, on_error=failed)


class DeskSetupDialog(QDialog):
    """Before the desk opens: which desk this is, who runs it, and this laptop's PIN."""

    def __init__(self, app: AppServices, event_title: str, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.app = app
        self.setObjectName("deskSetup")
        self.setWindowTitle(tr("Open the sign-in desk"))
        signin = app.events.signin
        self.has_pin = signin.has_pin()
        self.desk = QLineEdit(signin.this_device())
        self.desk.setObjectName("deskName")
        self.organiser = QLineEdit()
        self.organiser.setObjectName("deskOrganiser")
        self.organiser.setPlaceholderText(tr("Your name"))
        self.current_pin = QLineEdit()
        self.current_pin.setObjectName("currentPin")
        self.new_pin = QLineEdit()
        self.new_pin.setObjectName("newPin")
        self.again_pin = QLineEdit()
        self.again_pin.setObjectName("againPin")
        for edit in (self.current_pin, self.new_pin, self.again_pin):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(12)
        self.change_pin = QCheckBox(tr("Change this laptop's PIN"))
        self.change_pin.setObjectName("changePin")
        self.error = QLabel()
        self.error.setObjectName("deskSetupError")
        self.error.setStyleSheet("color: #a4161a;")
        self.error.setWordWrap(True)
        intro = QLabel(tr("The desk fills the screen for “{event}”. People find their own "
                          "name and sign in; nothing else of the app can be reached. Leaving "
                          "the desk needs the organiser PIN of this laptop.").format(
                              event=event_title))
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("&Desk"), self.desk)
        form.addRow(tr("&Organiser"), self.organiser)
        if self.has_pin:
            form.addRow("", self.change_pin)
        form.addRow(tr("&Current PIN"), self.current_pin)
        form.addRow(tr("&New PIN (4–12 digits)") if not self.has_pin
                    else tr("New PIN"), self.new_pin)
        form.addRow(tr("New PIN &again"), self.again_pin)
        self._form = form
        self.change_pin.toggled.connect(self._show_pin_fields)
        self._show_pin_fields(not self.has_pin)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Open the desk"))
        buttons.accepted.connect(self.open_desk)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(480, 320)

    def _show_pin_fields(self, shown: bool) -> None:
        self._form.setRowVisible(self.new_pin, shown)
        self._form.setRowVisible(self.again_pin, shown)
        self._form.setRowVisible(self.current_pin, shown and self.has_pin)

    def info(self) -> DeskInfo:
        return DeskInfo(self.desk.text().strip(), self.organiser.text().strip())

    def open_desk(self) -> None:
        signin = self.app.events.signin
        setting = not self.has_pin or self.change_pin.isChecked()
        if not self.desk.text().strip():
            self.error.setText(tr("Give the desk a name (e.g. “Front door”)."))
            return
        if setting:
            if self.has_pin and not signin.check_pin(self.current_pin.text()):
                self.error.setText(tr("The current PIN is not right."))
                return
            if self.new_pin.text() != self.again_pin.text():
                self.error.setText(tr("The two new PINs differ; type them again."))
                return
            try:
                signin.set_pin(self.new_pin.text())
            except Exception as error:
                self.error.setText(error_text(error))
                return
        self.accept()


class RsvpDialog(QDialog):
    """Pick people for an event's RSVP list: search, tick, add."""

    def __init__(self, app: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setObjectName("rsvpDialog")
        self.setWindowTitle(tr("Add people to the RSVP list"))
        self.search = QLineEdit()
        self.search.setObjectName("rsvpSearch")
        self.search.setPlaceholderText(tr("Search people by name, email, phone or organisation"))
        self.search.textChanged.connect(self._search)
        self.results = QListWidget()
        self.results.setObjectName("rsvpResults")
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.chosen: dict[str, str] = {}
        self.count = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Add to the list"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.results.itemChanged.connect(self._ticked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self.resize(560, 520)
        self._search("")

    def _search(self, text: str) -> None:
        rows = self.app.events.rsvp_candidates(text)
        self.results.blockSignals(True)
        self.results.clear()
        for row in rows:
            details = ", ".join(p for p in (row.city, row.organisation, row.email,
                                            format_phone(row.phone)) if p)
            item = QListWidgetItem(row.name + (f" — {details}" if details else ""))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if row.id in self.chosen
                               else Qt.CheckState.Unchecked)
            self.results.addItem(item)
        self.results.blockSignals(False)
        self._update_count()

    def _ticked(self, item: QListWidgetItem) -> None:
        person_id = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            self.chosen[person_id] = item.text()
        else:
            self.chosen.pop(person_id, None)
        self._update_count()

    def _update_count(self) -> None:
        self.count.setText(tr("{n} chosen").format(n=len(self.chosen)))

    def person_ids(self) -> list[str]:
        return list(self.chosen)

