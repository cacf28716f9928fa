"""Small forms of the Meetings page: an action item, a commitment, a concern."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.enums import (
    CommitmentKind,
    CommitmentStatus,
    ConcernCategory,
    TaskStatus,
)
from saypro_desktop.services.concerns import KINDS
from saypro_desktop.services.context import AppServices
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.outreach.choose import ChooseRecordDialog


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class _OptionalDate(QWidget):
    def __init__(self, label: str, days_ahead: int = 7) -> None:
        super().__init__()
        self.check = QCheckBox(label)
        self.edit = QDateEdit(QDate.currentDate().addDays(days_ahead))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("d MMM yyyy")
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit)
        row.addStretch(1)

    def value(self) -> date | None:
        return to_date(self.edit.date()) if self.check.isChecked() else None


class _Form(QDialog):
    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(520, 360)
        self.form = QFormLayout()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(buttons)


class OwnerPicker(QWidget):
    """Who owns something: a person or an organisation, chosen by name."""

    def __init__(self, app: AppServices, choices: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.app = app
        self.combo = QComboBox()
        self.combo.setObjectName("ownerCombo")
        self.combo.addItem(tr("— us (not assigned yet) —"), None)
        for kind, record_id, name in choices:
            self.combo.addItem(name, (kind, record_id))
        more = QPushButton(tr("Someone else…"))
        more.clicked.connect(self.choose)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(more)

    def choose(self) -> None:
        dialog = ChooseRecordDialog(self.app, self, title=tr("Who owns it?"))
        if dialog.exec() and dialog.chosen is not None:
            c = dialog.chosen
            self.combo.addItem(c.name, (c.kind, c.id))
            self.combo.setCurrentIndex(self.combo.count() - 1)

    def value(self) -> dict[str, Any]:
        data = self.combo.currentData()
        if data is None:
            return {"owner_id": None, "organisation_id": None}
        kind, record_id = data
        return self.app.meetings.owner_fields(record_id) if kind == "person" else {
            "owner_id": None, "organisation_id": record_id}


class ActionDialog(_Form):
    def __init__(self, app: AppServices, parent: QWidget | None, *, meeting_id: str | None,
                 owners: list[tuple[str, str, str]], what: str = "") -> None:
        super().__init__(parent, tr("Action item"))
        self.setObjectName("actionDialog")
        self.meeting_id = meeting_id
        self.what = QLineEdit(what)
        self.what.setObjectName("actionWhat")
        self.owner = OwnerPicker(app, owners)
        self.due = _OptionalDate(tr("Due by"))
        self.due.setObjectName("actionDue")
        self.resources = QLineEdit()
        self.resources.setPlaceholderText(tr("e.g. R2 000 for transport; the church hall"))
        self.form.addRow(tr("&What"), self.what)
        self.form.addRow(tr("Owner"), self.owner)
        self.form.addRow(tr("Due"), self.due)
        self.form.addRow(tr("&Resources"), self.resources)

    def values(self) -> dict[str, Any]:
        return {"meeting_id": self.meeting_id, "description": self.what.text(),
                "due_on": self.due.value(), "resources": self.resources.text() or None,
                "status": TaskStatus.OPEN.value, **self.owner.value()}


class CommitmentDialog(_Form):
    def __init__(self, parent: QWidget | None, *, organisations: list[tuple[str, str]],
                 meeting_id: str | None) -> None:
        super().__init__(parent, tr("Commitment"))
        self.setObjectName("commitmentDialog")
        self.meeting_id = meeting_id
        self.organisation = QComboBox()
        self.organisation.setObjectName("commitmentOrganisation")
        for org_id, name in organisations:
            self.organisation.addItem(name, org_id)
        self.kind = QComboBox()
        self.kind.setObjectName("commitmentKind")
        for kind in CommitmentKind:
            self.kind.addItem(tr(kind.label), kind.value)
        self.amount = QDoubleSpinBox()
        self.amount.setObjectName("commitmentAmount")
        self.amount.setRange(0, 100_000_000)
        self.amount.setDecimals(0)
        self.amount.setSpecialValueText(tr("—"))
        self.status = QComboBox()
        for status in (CommitmentStatus.PLEDGED, CommitmentStatus.DELIVERED):
            self.status.addItem(tr(status.label), status.value)
        self.description = QLineEdit()
        self.description.setPlaceholderText(tr("e.g. Hall for 150 on Saturday mornings"))
        self.due = _OptionalDate(tr("Deliver by"), 30)
        self.form.addRow(tr("&Organisation"), self.organisation)
        self.form.addRow(tr("&Kind"), self.kind)
        self.form.addRow(tr("&Quantity / amount"), self.amount)
        self.form.addRow(tr("&Status"), self.status)
        self.form.addRow(tr("&Description"), self.description)
        self.form.addRow(tr("Deadline"), self.due)
        if not organisations:
            self.form.addRow(QLabel(tr("Add the organisation to the meeting first.")))

    def values(self) -> dict[str, Any]:
        return {"organisation_id": self.organisation.currentData(),
                "kind": self.kind.currentData(),
                "amount": self.amount.value() or None, "status": self.status.currentData(),
                "description": self.description.text() or None, "due_on": self.due.value(),
                "meeting_id": self.meeting_id}


class ConcernDialog(_Form):
    def __init__(self, parent: QWidget | None, *, people: list[tuple[str, str]],
                 organisations: list[tuple[str, str]], meeting_id: str | None) -> None:
        super().__init__(parent, tr("Concern, barrier or feedback"))
        self.setObjectName("concernDialog")
        self.meeting_id = meeting_id
        self.kind = QComboBox()
        for value, label in KINDS.items():
            self.kind.addItem(tr(label), value)
        self.by = QComboBox()
        for person_id, name in people:
            self.by.addItem(name, ("person", person_id))
        for org_id, name in organisations:
            self.by.addItem(name, ("organisation", org_id))
        self.category = QComboBox()
        for category in ConcernCategory:
            self.category.addItem(tr(category.label), category.value)
        self.text = QPlainTextEdit()
        self.text.setObjectName("concernText")
        self.form.addRow(tr("&Kind"), self.kind)
        self.form.addRow(tr("Raised &by"), self.by)
        self.form.addRow(tr("&Category"), self.category)
        self.form.addRow(tr("&What was said"), self.text)

    def values(self) -> dict[str, Any]:
        by = self.by.currentData()
        values: dict[str, Any] = {"kind": self.kind.currentData(),
                                  "category": self.category.currentData(),
                                  "description": self.text.toPlainText(),
                                  "meeting_id": self.meeting_id}
        if by is not None:
            values["raised_by_id" if by[0] == "person" else "organisation_id"] = by[1]
        return values
