"""The meeting editor on the Meetings page: a meeting's details, who takes part, its notes,
agenda and decisions (saved a moment after typing stops), and its action items,
commitments and concerns.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.enums import MeetingKind, TaskStatus
from saypro_desktop.services.commitments import CommitmentRow
from saypro_desktop.services.concerns import ConcernRow
from saypro_desktop.services.meetings import ActionRow, MeetingDetail
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.meetings.dialogs import ActionDialog, CommitmentDialog, ConcernDialog
from saypro_desktop.ui.meetings.notes import NotesEditor
from saypro_desktop.ui.meetings.tables import (
    action_model,
    commitment_model,
    concern_model,
    selected,
    sized_table,
)
from saypro_desktop.ui.outreach.choose import ChooseRecordDialog
from saypro_desktop.ui.outreach.log_dialog import from_qdatetime, to_qdatetime
from saypro_desktop.ui.outreach.undo import push
from saypro_desktop.ui.widgets.rows import RowsModel

if TYPE_CHECKING:
    from saypro_desktop.ui.meetings.page import MeetingsPage

AUTOSAVE_MS = 1200


class MeetingEditor(QWidget):
    def __init__(self, page: MeetingsPage) -> None:
        super().__init__()
        self.page = page
        self.app, self.ops = page.app, page.ops
        self.meeting: MeetingDetail | None = None

        self.title = QLineEdit()
        self.title.setObjectName("meetingTitle")
        self.title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.kind = QComboBox()
        self.kind.setObjectName("meetingKind")
        for kind in MeetingKind:
            self.kind.addItem(tr(kind.label), kind.value)
        self.starts = QDateTimeEdit()
        self.starts.setObjectName("meetingStarts")
        self.starts.setCalendarPopup(True)
        self.starts.setDisplayFormat("d MMM yyyy  HH:mm")
        self.ends = QDateTimeEdit()
        self.ends.setCalendarPopup(True)
        self.ends.setDisplayFormat("d MMM yyyy  HH:mm")
        self.location = QLineEdit()
        self.location.setPlaceholderText(tr("Place"))
        self.link = QLineEdit()
        self.link.setPlaceholderText(tr("Online link (optional)"))
        self.save_button = QPushButton(tr("&Save details"))
        self.save_button.setObjectName("meetingSave")
        self.save_button.clicked.connect(self.save_details)
        self.ics_button = QPushButton(tr("Calendar file (.ics)…"))
        self.ics_button.setObjectName("meetingIcs")
        self.ics_button.clicked.connect(self.export_ics)
        when_row = QHBoxLayout()
        when_row.addWidget(self.starts)
        when_row.addWidget(QLabel(tr("to")))
        when_row.addWidget(self.ends)
        when_row.addStretch(1)
        where_row = QHBoxLayout()
        where_row.addWidget(self.location, 2)
        where_row.addWidget(self.link, 1)
        head = QFormLayout()
        head.addRow(tr("&Title"), self.title)
        head.addRow(tr("T&ype"), self.kind)
        head.addRow(tr("When"), when_row)
        head.addRow(tr("Where"), where_row)

        self.orgs_model: RowsModel[Any] = RowsModel([tr("Organisations")], lambda r: [r.name],
                                                     self)
        self.orgs_table = sized_table(self.orgs_model, "meetingOrganisations", [200])
        self.people_model: RowsModel[Any] = RowsModel([tr("Attendees")], lambda r: [r.name],
                                                       self)
        self.people_table = sized_table(self.people_model, "meetingAttendees", [200])
        who = QHBoxLayout()
        for table, part, label in ((self.orgs_table, "organisation", tr("Add organisation…")),
                                   (self.people_table, "person", tr("Add attendee…"))):
            box = QVBoxLayout()
            table.setMaximumHeight(120)
            box.addWidget(table)
            buttons = QHBoxLayout()
            add = QPushButton(label)
            add.clicked.connect(lambda _c=False, k=part: self.add_participant(k))
            remove = QPushButton(tr("Remove"))
            remove.clicked.connect(
                lambda _c=False, t=table, k=part: self.remove_participant(t, k))
            buttons.addWidget(add)
            buttons.addWidget(remove)
            box.addLayout(buttons)
            who.addLayout(box)

        self.notes = NotesEditor()
        self.agenda = QPlainTextEdit()
        self.agenda.setObjectName("meetingAgenda")
        self.agenda.setPlaceholderText(tr("One agenda item a line"))
        self.decisions = QPlainTextEdit()
        self.decisions.setObjectName("meetingDecisions")
        self.decisions.setPlaceholderText(tr("What the meeting decided, one a line"))
        self.saved_label = QLabel()
        self.saved_label.setObjectName("notesSaved")
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_texts)
        for editor in (self.notes, self.agenda, self.decisions):
            editor.textChanged.connect(self._typed)

        self.actions_model = action_model(self)
        self.actions_table = sized_table(self.actions_model, "meetingActions", [320, 170, 110])
        self.commitments_model = commitment_model(self)
        self.commitments_table = sized_table(self.commitments_model, "meetingCommitments",
                                             [130, 180, 80, 90, 100, 100])
        self.concerns_model = concern_model(self)
        self.concerns_table = sized_table(self.concerns_model, "meetingConcerns",
                                          [80, 110, 150, 80, 260])

        def bar(*buttons: tuple[str, str, Any]) -> QHBoxLayout:
            row = QHBoxLayout()
            for name, text, slot in buttons:
                button = QPushButton(text)
                button.setObjectName(name)
                button.clicked.connect(slot)
                row.addWidget(button)
            row.addStretch(1)
            return row

        actions_tab = QWidget()
        lay = QVBoxLayout(actions_tab)
        lay.addWidget(self.actions_table)
        lay.addLayout(bar(("addAction", tr("&Add action item…"), self.add_action),
                          ("actionDone", tr("Mark &done"), self.action_done),
                          ("deleteAction", tr("Delete"), self.delete_action)))
        pledges_tab = QWidget()
        lay = QVBoxLayout(pledges_tab)
        lay.addWidget(QLabel(tr("Commitments")))
        lay.addWidget(self.commitments_table)
        lay.addLayout(bar(("addCommitment", tr("Add &commitment…"), self.add_commitment),
                          ("commitmentDelivered", tr("Mark delivered"), self.mark_delivered),
                          ("thankYou", tr("&Thank-you note…"), self.thank_you)))
        lay.addWidget(QLabel(tr("Concerns, barriers and feedback")))
        lay.addWidget(self.concerns_table)
        lay.addLayout(bar(("addConcern", tr("Add co&ncern…"), self.add_concern),
                          ("addressConcern", tr("Addressed…"), self.address_concern)))
        notes_tab = QWidget()
        lay = QVBoxLayout(notes_tab)
        lay.addWidget(self.notes, 1)
        note_bar = QHBoxLayout()
        make_action = QPushButton(tr("Line → action item (Ctrl+Shift+A)"))
        make_action.setObjectName("lineToAction")
        make_action.clicked.connect(self.line_to_action)
        note_bar.addWidget(make_action)
        note_bar.addStretch(1)
        note_bar.addWidget(self.saved_label)
        lay.addLayout(note_bar)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("meetingTabs")
        self.tabs.addTab(notes_tab, tr("&Notes"))
        self.tabs.addTab(self.agenda, tr("A&genda"))
        self.tabs.addTab(self.decisions, tr("Dec&isions"))
        self.tabs.addTab(actions_tab, tr("Action &items"))
        self.tabs.addTab(pledges_tab, tr("Commitments && concerns"))

        top = QHBoxLayout()
        top.addLayout(head, 3)
        side = QVBoxLayout()
        side.addWidget(self.save_button)
        side.addWidget(self.ics_button)
        side.addStretch(1)
        top.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(who)
        layout.addWidget(self.tabs, 1)

        shortcut = QAction(self)
        shortcut.setShortcut(QKeySequence("Ctrl+Shift+A"))
        shortcut.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.triggered.connect(self.line_to_action)
        self.addAction(shortcut)
        save = QAction(self)
        save.setShortcut(QKeySequence.StandardKey.Save)
        save.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.triggered.connect(self.save_details)
        self.addAction(save)

    # -- showing ---------------------------------------------------------------------------
    def show_meeting(self, detail: MeetingDetail) -> None:
        same = self.meeting is not None and self.meeting.id == detail.id
        if not same:
            self.flush()
        self.meeting = detail
        if not same or not self.title.hasFocus():
            self.title.setText(detail.title)
        self.kind.setCurrentIndex(max(0, self.kind.findData(detail.kind)))
        self.starts.setDateTime(to_qdatetime(detail.starts_at))
        self.ends.setDateTime(to_qdatetime(detail.ends_at or detail.starts_at +
                                           timedelta(hours=1)))
        for line, text in ((self.location, detail.location), (self.link, detail.link)):
            if not (same and line.hasFocus()):
                line.setText(text)
                line.setCursorPosition(0)  # show the start of a long place, not its end
        if not self.title.hasFocus():
            self.title.setCursorPosition(0)
        for editor, text in ((self.notes, detail.notes), (self.agenda, detail.agenda),
                             (self.decisions, detail.decisions)):
            # Never replace what is being typed: only text saved elsewhere comes in.
            if editor.toPlainText() != text and not (same and (editor.hasFocus()
                                                               or self._autosave.isActive())):
                editor.blockSignals(True)
                editor.setPlainText(text)
                editor.blockSignals(False)
        if not same:
            self.saved_label.setText("")
        self.orgs_model.set_rows(detail.organisations)
        self.people_model.set_rows(detail.attendees)
        self.actions_model.set_rows(detail.actions)
        self.commitments_model.set_rows(detail.commitments)
        self.concerns_model.set_rows(detail.concerns)
        self.tabs.setTabText(3, tr("Action &items ({n})").format(n=len(detail.actions)))

    # -- autosave --------------------------------------------------------------------------
    def _typed(self) -> None:
        self.saved_label.setText(tr("Editing…"))
        self._autosave.start()

    def flush(self) -> None:
        """Save typed text now (switching meetings, leaving the page, closing)."""
        if self._autosave.isActive():
            self._autosave.stop()
            self.save_texts()

    def save_texts(self) -> None:
        if self.meeting is None:
            return
        meeting_id = self.meeting.id
        values = {"notes": self.notes.toPlainText(), "agenda": self.agenda.toPlainText(),
                  "decisions": self.decisions.toPlainText()}
        meetings = self.app.meetings
        self.ops.write(lambda: meetings.update_meeting(meeting_id, values),
                       lambda _diff: self.saved_label.setText(
                           tr("Saved {time}").format(time=datetime.now().strftime("%H:%M"))),
                       parent=self, title=tr("The notes were not saved"))

    # -- details ---------------------------------------------------------------------------
    def save_details(self) -> None:
        if self.meeting is None:
            return
        m = self.meeting
        values = {"title": self.title.text(), "kind": self.kind.currentData(),
                  "starts_at": from_qdatetime(self.starts.dateTime()),
                  "ends_at": from_qdatetime(self.ends.dateTime()),
                  "location": self.location.text() or None, "link": self.link.text() or None}
        meetings = self.app.meetings

        def saved(diff: dict[str, tuple[Any, Any]]) -> None:
            if diff:
                push(self.ops, tr("Edit meeting"),
                     lambda: meetings.update_meeting(m.id, {k: n for k, (_, n) in diff.items()}),
                     lambda: meetings.update_meeting(m.id, {k: o for k, (o, _) in diff.items()}))

        self.ops.write(lambda: meetings.update_meeting(m.id, values), saved, parent=self,
                       title=tr("The meeting was not saved"))

    def add_participant(self, kind: str) -> None:
        if self.meeting is None:
            return
        dialog = ChooseRecordDialog(self.app, self, kinds=(kind,))
        if not dialog.exec() or dialog.chosen is None:
            return
        self._set_participants(kind, add=dialog.chosen.id)

    def remove_participant(self, table: QTableView, kind: str) -> None:
        row = selected(table)
        if row is not None:
            self._set_participants(kind, remove=row.id)

    def _set_participants(self, kind: str, *, add: str | None = None,
                          remove: str | None = None) -> None:
        assert self.meeting is not None
        m = self.meeting
        orgs = [o.id for o in m.organisations]
        people = [p.id for p in m.attendees]
        target = orgs if kind == "organisation" else people
        if add and add not in target:
            target.append(add)
        if remove in target:
            target.remove(remove)
        before = ([o.id for o in m.organisations], [p.id for p in m.attendees])
        meetings = self.app.meetings

        def apply(o: list[str], p: list[str]) -> Any:
            return lambda: meetings.set_participants(m.id, organisation_ids=o, attendee_ids=p)

        self.ops.write(apply(orgs, people), lambda _r: push(
            self.ops, tr("Change who takes part"), apply(orgs, people), apply(*before)),
            parent=self, title=tr("The meeting was not changed"))

    def export_ics(self) -> None:
        if self.meeting is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, tr("Save calendar file"),
                                              f"{self.meeting.title}.ics",
                                              tr("Calendar files (*.ics)"))
        if name:
            meeting_id = self.meeting.id
            meetings = self.app.meetings
            self.ops.write(lambda: meetings.write_ics(meeting_id, Path(name)), parent=self,
                           title=tr("The calendar file was not written"))

    # -- action items, commitments, concerns -------------------------------------------------
    def _owners(self) -> list[tuple[str, str, str]]:
        if self.meeting is None:
            return []
        return ([("person", p.id, p.name) for p in self.meeting.attendees]
                + [("organisation", o.id, o.name) for o in self.meeting.organisations])

    def _create(self, text: str, create: Any, delete: Any) -> None:
        row_id: dict[str, str] = {}

        def made(new_id: str) -> None:
            row_id["id"] = new_id
            push(self.ops, text, lambda: create(new_id), lambda: delete(new_id))

        self.ops.write(lambda: create(None), made, parent=self,
                       title=tr("It was not saved"))

    def add_action(self, what: str = "") -> ActionDialog | None:
        if self.meeting is None:
            return None
        dialog = ActionDialog(self.app, self, meeting_id=self.meeting.id,
                              owners=self._owners(), what=what)
        self.page.last_dialog = dialog
        if dialog.exec():
            values = dialog.values()
            meetings = self.app.meetings
            self._create(tr("Add action item"),
                         lambda rid: meetings.add_action(values, row_id=rid),
                         meetings.delete_action)
        return dialog

    def line_to_action(self) -> None:
        if self.meeting is None:
            return
        text = self.notes.take_current_line()
        if not text:
            return
        values = {"meeting_id": self.meeting.id, "description": text,
                  "status": TaskStatus.OPEN.value}
        meetings = self.app.meetings
        self.save_texts()
        self._create(tr("Make an action item"),
                     lambda rid: meetings.add_action(values, row_id=rid), meetings.delete_action)

    def action_done(self) -> None:
        row: ActionRow | None = selected(self.actions_table)
        if row is None:
            return
        meetings = self.app.meetings
        status = TaskStatus.DONE.value if row.is_open else TaskStatus.OPEN.value
        self.ops.write(lambda: meetings.update_action(row.id, {"status": status}),
                       lambda _d: push(self.ops, tr("Change action item"),
                                       lambda: meetings.update_action(row.id,
                                                                      {"status": status}),
                                       lambda: meetings.update_action(row.id,
                                                                      {"status": row.status})))

    def delete_action(self) -> None:
        row: ActionRow | None = selected(self.actions_table)
        if row is None:
            return
        meetings = self.app.meetings
        values = {"meeting_id": row.meeting_id, "description": row.description,
                  "owner_id": row.owner_id, "organisation_id": row.organisation_id,
                  "due_on": row.due_on, "status": row.status, "resources": row.resources or None}
        self.ops.write(lambda: meetings.delete_action(row.id),
                       lambda _r: push(self.ops, tr("Delete action item"),
                                       lambda: meetings.delete_action(row.id),
                                       lambda: meetings.add_action(values, row_id=row.id)))

    def add_commitment(self) -> CommitmentDialog | None:
        if self.meeting is None:
            return None
        dialog = CommitmentDialog(self, organisations=[(o.id, o.name)
                                                       for o in self.meeting.organisations],
                                  meeting_id=self.meeting.id)
        self.page.last_dialog = dialog
        if dialog.exec():
            values = dialog.values()
            commitments = self.app.commitments
            self._create(tr("Add commitment"),
                         lambda rid: commitments.add(values, row_id=rid), commitments.delete)
        return dialog

    def mark_delivered(self) -> None:
        row: CommitmentRow | None = selected(self.commitments_table)
        if row is None or row.status == "delivered":
            return
        commitments = self.app.commitments
        self.ops.write(lambda: commitments.mark_delivered(row.id), lambda diff: push(
            self.ops, tr("Mark delivered"), lambda: commitments.mark_delivered(row.id),
            lambda: commitments.update(row.id, {k: o for k, (o, _) in diff.items()})))

    def thank_you(self) -> Any:
        """A thank-you note to the organisation behind the selected commitment."""
        from saypro_desktop.ui.outreach.outbox_dialog import OutboxDialog

        row: CommitmentRow | None = selected(self.commitments_table)
        if row is None or row.organisation_id is None:
            return None
        dialog = OutboxDialog(self.app, self.ops, self, organisation_ids=[row.organisation_id],
                              template="thank-you-commitment")
        self.page.last_dialog = dialog
        dialog.open()
        return dialog

    def add_concern(self) -> None:
        if self.meeting is None:
            return
        dialog = ConcernDialog(self, people=[(p.id, p.name) for p in self.meeting.attendees],
                               organisations=[(o.id, o.name) for o in self.meeting.organisations],
                               meeting_id=self.meeting.id)
        if dialog.exec():
            values = dialog.values()
            concerns = self.app.concerns
            self._create(tr("Add concern"), lambda rid: concerns.add(values, row_id=rid),
                         concerns.delete)

    def address_concern(self) -> None:
        row: ConcernRow | None = selected(self.concerns_table)
        if row is None:
            return
        how, ok = QInputDialog.getText(self, tr("Addressed"), tr("How was it addressed?"))
        if ok and how.strip():
            concerns = self.app.concerns
            self.ops.write(lambda: concerns.address(row.id, how), lambda diff: push(
                self.ops, tr("Address concern"), lambda: concerns.address(row.id, how),
                lambda: concerns.reopen(row.id, {k: o for k, (o, _) in diff.items()})),
                parent=self, title=tr("The concern was not changed"))
