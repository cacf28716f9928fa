"""Log an interaction: one form for what happened and what is planned (the date decides).

Open it with ``open_log_dialog(app, ops, parent, person_id=..., organisation_id=...)``
from any person, organisation or timeline; type, now and "Log" make it two clicks.
An outcome of "committed" offers to move the partner to Committed in the pipeline.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.enums import PipelineStage
from saypro_desktop.domain.outreach import InteractionOutcome, InteractionType
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.outreach import InteractionInput, LoggedInteraction, local_now
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.operations import Operations
from saypro_desktop.ui.outreach.choose import ChooseRecordDialog
from saypro_desktop.ui.outreach.undo import push


def to_qdatetime(moment: datetime) -> QDateTime:
    return QDateTime(QDate(moment.year, moment.month, moment.day),
                     QTime(moment.hour, moment.minute))


def from_qdatetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def ask_to_move_stage(parent: QWidget | None, organisation: str) -> bool:
    answer = QMessageBox.question(
        parent, tr("Move to Committed?"),
        tr("{name} committed. Move it to Committed in the pipeline?").format(name=organisation))
    return answer == QMessageBox.StandardButton.Yes


class LogInteractionDialog(QDialog):
    #: Asked when the outcome is "committed" (tests replace it).
    confirm_stage: Callable[[QWidget | None, str], bool] = staticmethod(ask_to_move_stage)

    def __init__(self, app: AppServices, ops: Operations, parent: QWidget | None = None, *,
                 person_id: str | None = None, organisation_id: str | None = None,
                 name: str = "", kind: str = InteractionType.PHONE.value) -> None:
        super().__init__(parent)
        self.setObjectName("logInteractionDialog")
        self.setWindowTitle(tr("Log an interaction"))
        self.resize(560, 520)
        self.app, self.ops = app, ops
        self.person_id, self.organisation_id = person_id, organisation_id
        self.logged: LoggedInteraction | None = None

        self.with_label = QLabel(name or tr("Nobody chosen yet"))
        self.with_label.setObjectName("logWith")
        self.with_label.setStyleSheet("font-weight: bold;")
        change = QPushButton(tr("&Change…"))
        change.clicked.connect(self.choose_record)
        with_row = QHBoxLayout()
        with_row.addWidget(self.with_label, 1)
        with_row.addWidget(change)

        self.type = QComboBox()
        self.type.setObjectName("logType")
        for member in InteractionType:
            self.type.addItem(tr(member.label), member.value)
        self.type.setCurrentIndex(max(0, self.type.findData(kind)))
        self.when = QDateTimeEdit(to_qdatetime(local_now()))
        self.when.setObjectName("logWhen")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("d MMM yyyy  HH:mm")
        self.when.dateTimeChanged.connect(self._when_changed)
        self.tense = QLabel()
        self.tense.setObjectName("logTense")
        when_row = QHBoxLayout()
        when_row.addWidget(self.when)
        when_row.addWidget(self.tense, 1)

        self.our_person = QComboBox()
        self.our_person.setObjectName("logOurPerson")
        self.our_person.addItem(tr("— not recorded —"), None)
        coordinator = app.coalition.profile().coordinator_id
        for person in app.coalition.our_people():
            self.our_person.addItem(person.name, person.id)
        self.our_person.setCurrentIndex(max(0, self.our_person.findData(coordinator)))

        self.summary = QLineEdit()
        self.summary.setObjectName("logSummary")
        self.summary.setPlaceholderText(tr("e.g. Introduced the campaign; they asked for data"))
        self.outcome = QComboBox()
        self.outcome.setObjectName("logOutcome")
        self.outcome.addItem(tr("— no outcome yet —"), None)
        for outcome in InteractionOutcome:
            self.outcome.addItem(tr(outcome.label), outcome.value)
        self.follow_up = QCheckBox(tr("Follow up on"))
        self.follow_up.setObjectName("logFollowUpCheck")
        today = QDate.currentDate()
        self.follow_up_on = QDateEdit(today.addDays(7))
        self.follow_up_on.setObjectName("logFollowUpDate")
        self.follow_up_on.setCalendarPopup(True)
        self.follow_up_on.setDisplayFormat("d MMM yyyy")
        self.follow_up_on.setEnabled(False)
        self.follow_up.toggled.connect(self.follow_up_on.setEnabled)
        follow_row = QHBoxLayout()
        follow_row.addWidget(self.follow_up)
        follow_row.addWidget(self.follow_up_on)
        follow_row.addStretch(1)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("logNotes")
        self.notes.setPlaceholderText(tr("Notes (optional)"))

        form = QFormLayout()
        form.addRow(tr("With"), with_row)
        form.addRow(tr("&Type"), self.type)
        form.addRow(tr("When"), when_row)
        form.addRow(tr("&By (our side)"), self.our_person)
        form.addRow(tr("&Summary"), self.summary)
        form.addRow(tr("&Outcome"), self.outcome)
        form.addRow(tr("Follow-up"), follow_row)
        form.addRow(tr("&Notes"), self.notes)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.log_button = self.buttons.addButton(tr("&Log"),
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
        self.log_button.setObjectName("logSave")
        self.log_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._when_changed()
        self.summary.setFocus()

    def choose_record(self) -> None:
        dialog = ChooseRecordDialog(self.app, self)
        if dialog.exec() and dialog.chosen is not None:
            self.set_record(dialog.chosen.kind, dialog.chosen.id, dialog.chosen.name)

    def set_record(self, kind: str, record_id: str, name: str) -> None:
        self.person_id = record_id if kind == "person" else None
        self.organisation_id = record_id if kind == "organisation" else None
        self.with_label.setText(name)

    def _when_changed(self) -> None:
        planned = from_qdatetime(self.when.dateTime()) > local_now()
        self.tense.setText(tr("Planned: it shows under Coming up on Today") if planned
                           else tr("Happened"))
        self.outcome.setEnabled(not planned)
        if planned:
            self.outcome.setCurrentIndex(0)
        self.log_button.setText(tr("&Plan") if planned else tr("&Log"))

    def current_input(self) -> InteractionInput:
        follow = self.follow_up_on.date()
        return InteractionInput(
            type=self.type.currentData(),
            occurred_at=from_qdatetime(self.when.dateTime()),
            person_id=self.person_id,
            organisation_id=self.organisation_id,
            our_person_id=self.our_person.currentData(),
            summary=self.summary.text(),
            outcome=self.outcome.currentData(),
            follow_up_on=(datetime(follow.year(), follow.month(), follow.day()).date()
                          if self.follow_up.isChecked() else None),
            notes=self.notes.toPlainText(),
        )

    def save(self) -> None:
        item = self.current_input()
        outreach = self.app.outreach
        self.ops.write(lambda: outreach.log_interaction(item), self._logged, parent=self,
                       title=tr("The interaction was not logged"))

    def _logged(self, logged: LoggedInteraction) -> None:
        self.logged = logged
        item = self.current_input()
        outreach = self.app.outreach
        push(self.ops, tr("Log {what}").format(what=tr(self.type.currentText()).lower()),
             lambda: outreach.log_interaction(item, row_id=logged.id,
                                              follow_up_id=logged.follow_up_id),
             lambda: outreach.remove_interaction(logged.id))
        if logged.offer_stage and logged.organisation_id:
            name = self.with_label.text()
            if self.confirm_stage(self, name):
                move_stage_with_undo(self.ops, self.app, logged.organisation_id,
                                     logged.offer_stage, logged.stage)
        self.accept()


def move_stage_with_undo(ops: Operations, app: AppServices, organisation_id: str,
                         stage: str, old: str | None) -> None:
    outreach = app.outreach
    label = PipelineStage(stage).label if stage in {s.value for s in PipelineStage} else stage
    ops.write(lambda: outreach.move_stage(organisation_id, stage))
    push(ops, tr("Move to {stage}").format(stage=label),
         lambda: outreach.move_stage(organisation_id, stage),
         lambda: outreach.move_stage(organisation_id, old or PipelineStage.IDENTIFIED.value))


def open_log_dialog(app: AppServices, ops: Operations, parent: QWidget | None = None, *,
                    person_id: str | None = None, organisation_id: str | None = None,
                    name: str = "") -> LogInteractionDialog:
    """Show the form (non-blocking); returns it so a caller or a test can drive it."""
    dialog = LogInteractionDialog(app, ops, parent, person_id=person_id,
                                  organisation_id=organisation_id, name=name)
    dialog.open()
    if not (person_id or organisation_id):
        dialog.choose_record()
    return dialog
