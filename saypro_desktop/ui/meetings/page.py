"""The Meetings page: every meeting with its notes, decisions, action items, commitments
and concerns; and each partner's action plan on one page.

Notes are typed in a large editor that saves itself a moment after typing stops;
Ctrl+Shift+A turns the line under the cursor into an action item.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.enums import MeetingKind, TaskStatus
from saypro_desktop.domain.outreach import format_day, format_moment, label_of
from saypro_desktop.services.commitments import CommitmentRow
from saypro_desktop.services.concerns import ConcernRow
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.meetings import (
    ActionPlan,
    ActionRow,
    MeetingDetail,
    MeetingRow,
    PlanPartner,
)
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.meetings.dialogs import ActionDialog, CommitmentDialog, ConcernDialog
from saypro_desktop.ui.operations import Operations
from saypro_desktop.ui.outreach.choose import ChooseRecordDialog
from saypro_desktop.ui.outreach.log_dialog import from_qdatetime, to_qdatetime
from saypro_desktop.ui.outreach.models import HighlightRowsModel
from saypro_desktop.ui.outreach.undo import add_undo_actions, push
from saypro_desktop.ui.widgets.page import Page
from saypro_desktop.ui.widgets.rows import ROW_ROLE, RowsModel, make_table

AUTOSAVE_MS = 1200
ACTION_MARK = "☐ "


def action_model(parent: Any, *, with_meeting: bool = False) -> HighlightRowsModel:
    today = datetime.now().date()
    headers = [tr("What"), tr("Owner"), tr("Due"), tr("Status")]
    if with_meeting:
        headers.append(tr("From meeting"))
    return HighlightRowsModel(
        headers,
        lambda r: [r.description, r.owner or r.organisation or tr("Us"), format_day(r.due_on),
                   tr(r.status_label)] + ([r.meeting] if with_meeting else []),
        parent,
        sort_keys=lambda r: [r.description.casefold(), (r.owner or r.organisation).casefold(),
                             r.due_on or datetime.max.date(), r.status]
        + ([r.meeting.casefold()] if with_meeting else []),
        urgent=lambda r: r.is_open and r.due_on is not None and r.due_on < today)


def commitment_model(parent: Any) -> RowsModel[CommitmentRow]:
    return RowsModel(
        [tr("Commitment"), tr("Organisation"), tr("Quantity"), tr("Status"), tr("Pledged"),
         tr("Delivered"), tr("Description")],
        lambda r: [tr(r.kind_label), r.organisation or r.person, r.amount_text,
                   tr(r.status_label), format_day(r.pledged_on), format_day(r.delivered_on),
                   r.description], parent,
        sort_keys=lambda r: [r.kind_label, r.organisation.casefold(), r.amount or 0, r.status,
                             r.pledged_on or datetime.min.date(),
                             r.delivered_on or datetime.min.date(), r.description.casefold()])


def concern_model(parent: Any) -> HighlightRowsModel:
    return HighlightRowsModel(
        [tr("Kind"), tr("Category"), tr("Raised by"), tr("Status"), tr("What was said"),
         tr("How it was addressed")],
        lambda r: [tr(r.kind_label), tr(r.category_label),
                   r.raised_by or r.organisation, tr(r.status_label), r.description,
                   r.how_addressed], parent,
        urgent=lambda r: False)


def _table(model: Any, name: str, widths: list[int]) -> QTableView:
    table = make_table(model, name, sortable=True)
    for column, width in enumerate(widths):
        table.horizontalHeader().resizeSection(column, width)
    return table


def selected(table: QTableView) -> Any:
    index = table.currentIndex()
    return index.data(ROW_ROLE) if index.isValid() else None


class NotesEditor(QPlainTextEdit):
    """The big notes editor: Ctrl+Shift+A makes the current line an action item."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("meetingNotes")
        self.setFont(QFont("DejaVu Sans", 11))
        self.setPlaceholderText(tr(
            "Type the meeting notes here; they save themselves.\n"
            "Ctrl+Shift+A turns the line under the cursor into an action item."))
        self.setTabChangesFocus(False)

    def take_current_line(self) -> str:
        """Mark the cursor's line as an action and return its text (without bullets)."""
        cursor = self.textCursor()
        cursor.select(QTextCursor.SelectionType.LineUnderCursor)
        line = cursor.selectedText()
        text = line.strip().lstrip("-*•☐ ").strip()
        if text.lower().startswith("action:"):
            text = text[7:].strip()
        if not text:
            return ""
        cursor.insertText(f"{ACTION_MARK}{text}")
        return text


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
        self.orgs_table = _table(self.orgs_model, "meetingOrganisations", [200])
        self.people_model: RowsModel[Any] = RowsModel([tr("Attendees")], lambda r: [r.name],
                                                       self)
        self.people_table = _table(self.people_model, "meetingAttendees", [200])
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
        self.actions_table = _table(self.actions_model, "meetingActions", [320, 170, 110])
        self.commitments_model = commitment_model(self)
        self.commitments_table = _table(self.commitments_model, "meetingCommitments",
                                        [130, 180, 80, 90, 100, 100])
        self.concerns_model = concern_model(self)
        self.concerns_table = _table(self.concerns_model, "meetingConcerns",
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


class ActionPlanView(QWidget):
    """One partner's action items, commitments, deadlines and next meeting."""

    def __init__(self, page: MeetingsPage) -> None:
        super().__init__()
        self.page = page
        self.organisation_id: str | None = None
        self.heading = QLabel(tr("Choose a partner to see its action plan."))
        self.heading.setObjectName("planHeading")
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.next_meeting = QLabel()
        self.next_meeting.setObjectName("planNextMeeting")
        choose = QPushButton(tr("Choose &partner…"))
        choose.setObjectName("planChoose")
        choose.clicked.connect(self.choose)
        self.deadlines_model: RowsModel[tuple[Any, str]] = RowsModel(
            [tr("Deadline"), tr("What")], lambda r: [format_day(r[0]), r[1]], self,
            sort_keys=lambda r: [r[0], r[1].casefold()])
        self.deadlines = _table(self.deadlines_model, "planDeadlines", [140])
        self.actions_model = action_model(self, with_meeting=True)
        self.actions_view = _table(self.actions_model, "planActions", [300, 160, 110, 90])
        self.commitments_model = commitment_model(self)
        self.commitments = _table(self.commitments_model, "planCommitments",
                                  [130, 180, 80, 90, 100, 100])
        self.concerns_model = concern_model(self)
        self.concerns = _table(self.concerns_model, "planConcerns", [80, 110, 150, 80, 260])
        self.partners_model: RowsModel[PlanPartner] = RowsModel(
            [tr("Partner"), tr("Open actions"), tr("Pledges")],
            lambda r: [r.name, str(r.open_actions), str(r.pledged)], self,
            sort_keys=lambda r: [r.name.casefold(), r.open_actions, r.pledged])
        self.partners = _table(self.partners_model, "planPartners", [230, 90])
        self.partners.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # most open work first
        self.partners.selectionModel().currentRowChanged.connect(self._partner_chosen)
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(choose)
        grid = QSplitter(Qt.Orientation.Vertical)
        for title, table in ((tr("Action items"), self.actions_view),
                             (tr("Deadlines"), self.deadlines),
                             (tr("Commitments"), self.commitments),
                             (tr("Concerns and barriers"), self.concerns)):
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 4, 0, 0)
            label = QLabel(title)
            label.setStyleSheet("font-weight: 600;")
            lay.addWidget(label)
            lay.addWidget(table)
            grid.addWidget(box)
        plan = QWidget()
        layout = QVBoxLayout(plan)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.next_meeting)
        layout.addWidget(grid, 1)
        split = QSplitter()
        split.addWidget(self.partners)
        split.addWidget(plan)
        split.setSizes([380, 900])
        QVBoxLayout(self).addWidget(split)

    def _partner_chosen(self, current: Any, _previous: Any) -> None:
        row = current.data(ROW_ROLE) if current.isValid() else None
        if row is not None and row.id != self.organisation_id:
            self.show_plan_of(row.id)

    def choose(self) -> None:
        dialog = ChooseRecordDialog(self.page.app, self, kinds=("organisation",),
                                    title=tr("Whose action plan?"))
        if dialog.exec() and dialog.chosen is not None:
            self.show_plan_of(dialog.chosen.id)

    def show_plan_of(self, organisation_id: str) -> None:
        self.organisation_id = organisation_id
        self.refresh()

    def refresh(self) -> None:
        meetings = self.page.app.meetings
        self.page.ops.query(meetings.partners_with_plans, self.partners_model.set_rows)
        if self.organisation_id is None:
            return
        org_id = self.organisation_id
        meetings = self.page.app.meetings
        self.page.ops.query(lambda: meetings.action_plan(org_id), self.show_plan,
                            parent=self, title=tr("The action plan could not be read"))

    def show_plan(self, plan: ActionPlan) -> None:
        from saypro_desktop.domain.enums import PipelineStage

        stage = label_of(PipelineStage, plan.stage) if plan.stage else tr("no stage yet")
        self.heading.setText(tr("Action plan: {org} ({stage})").format(org=plan.organisation,
                                                                       stage=tr(stage)))
        nxt = plan.next_meeting
        self.next_meeting.setText(
            tr("Next meeting: {title}, {when}{place}").format(
                title=nxt.title, when=format_moment(nxt.starts_at),
                place=f" — {nxt.place}" if nxt.place else "")
            if nxt else tr("No meeting planned yet."))
        self.actions_model.set_rows(plan.actions)
        self.deadlines_model.set_rows(plan.deadlines)
        self.commitments_model.set_rows(plan.commitments)
        self.concerns_model.set_rows(plan.concerns)


class MeetingsPage(Page):
    #: The dashboard opens its meeting figures here (a RecordsRequest for these tables).
    record_tables = ("meetings",)
    shows = ("meetings", "meeting_attendees", "meeting_organisations", "action_items",
             "commitments", "concerns", "organisations", "people")

    def __init__(self, app: AppServices, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(app, ops, parent)
        self.setObjectName("meetingsPage")
        self.last_dialog: Any = None
        self._select_after: str | None = None
        self._only: set[str] | None = None  # the meetings a dashboard figure counted
        self.records_banner = QLabel()
        self.records_banner.setObjectName("meetingsRecords")
        self.records_banner.setStyleSheet("background: #e8f0fe; padding: 4px;")
        self.show_all = QPushButton(tr("Show all meetings"))
        self.show_all.clicked.connect(self.clear_records)
        banner = QWidget()
        banner_row = QHBoxLayout(banner)
        banner_row.setContentsMargins(0, 0, 0, 0)
        banner_row.addWidget(self.records_banner, 1)
        banner_row.addWidget(self.show_all)
        self.banner = banner
        banner.hide()
        self.search = QLineEdit()
        self.search.setObjectName("meetingsSearch")
        self.search.setPlaceholderText(tr("Search meetings by title, type or organisation…  "
                                          "(Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.setObjectName("meetingKindFilter")
        self.kind.addItem(tr("All types"), None)
        for kind in MeetingKind:
            self.kind.addItem(tr(kind.label), kind.value)
        self.new_button = QPushButton(tr("&New meeting"))
        self.new_button.setObjectName("newMeeting")
        self.new_button.setToolTip(tr("Add a meeting (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_meeting)
        self.rows: list[MeetingRow] = []
        # The type is the filter above and the title says whom; three columns fit the pane.
        self.model: RowsModel[MeetingRow] = RowsModel(
            [tr("When"), tr("Title"), tr("Open actions")],
            lambda r: [format_moment(r.starts_at), r.title,
                       str(r.open_actions) if r.open_actions else ""], self,
            sort_keys=lambda r: [r.starts_at, r.title.casefold(), r.open_actions])
        self.table = _table(self.model, "meetingsTable", [130])
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setToolTip(tr("Type to search above; the type filter narrows the list"))
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self.open_current())
        proxy = self.table.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        self.search.textChanged.connect(proxy.setFilterFixedString)
        self.kind.currentIndexChanged.connect(self._show_rows)

        self.editor = MeetingEditor(self)
        self.empty = QLabel(tr("Choose a meeting on the left, or add one with New meeting."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = QStackedWidget()
        self.detail.addWidget(self.empty)
        self.detail.addWidget(self.editor)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.kind)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.banner)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.new_button)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.detail)
        split.setSizes([610, 670])
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        meetings_tab = QWidget()
        QVBoxLayout(meetings_tab).addWidget(split)

        self.plan = ActionPlanView(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("meetingsTabs")
        self.tabs.addTab(meetings_tab, tr("&Meetings"))
        self.tabs.addTab(self.plan, tr("Action &plans"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        for keys, slot in ((QKeySequence.StandardKey.Find, self.search.setFocus),
                           (QKeySequence.StandardKey.New, self.new_meeting)):
            action = QAction(self)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        add_undo_actions(self, self.ops)

    def refresh(self) -> None:
        meetings = self.app.meetings
        self.ops.query(meetings.meetings, self.show_rows, parent=self,
                       title=tr("The meetings could not be read"))
        self.plan.refresh()

    def show_rows(self, rows: list[MeetingRow]) -> None:
        self.rows = rows
        self._show_rows()

    def _show_rows(self) -> None:
        current = self.editor.meeting.id if self.editor.meeting else None
        wanted = self._select_after or current
        kind = self.kind.currentData()
        self.table.selectionModel().blockSignals(True)
        self.model.set_rows([r for r in self.rows if (kind is None or r.kind == kind)
                             and (self._only is None or r.id in self._only)])
        self.table.selectionModel().blockSignals(False)
        if wanted and self.select_meeting(wanted):
            self._select_after = None
            self.open_current()

    def select_meeting(self, meeting_id: str) -> bool:
        proxy = self.table.model()
        for row in range(proxy.rowCount()):
            index = proxy.index(row, 0)
            if index.data(ROW_ROLE).id == meeting_id:
                self.table.selectionModel().blockSignals(True)
                self.table.setCurrentIndex(index)
                self.table.selectRow(row)
                self.table.selectionModel().blockSignals(False)
                return True
        return False

    def open_current(self) -> None:
        row: MeetingRow | None = selected(self.table)
        if row is None:
            return
        meetings = self.app.meetings
        self.ops.query(lambda: meetings.meeting(row.id), self._opened, parent=self,
                       title=tr("The meeting could not be read"))

    def _opened(self, detail: MeetingDetail) -> None:
        self.editor.show_meeting(detail)
        self.detail.setCurrentWidget(self.editor)

    def new_meeting(self, *, title: str = "", organisation_id: str | None = None) -> None:
        start = datetime.combine(datetime.now().date() + timedelta(days=1),
                                 datetime.min.time()).replace(hour=10)
        values = {"title": title or tr("New meeting"), "kind": MeetingKind.INTRODUCTORY.value,
                  "starts_at": start, "ends_at": start + timedelta(hours=1)}
        orgs = [organisation_id] if organisation_id else []
        meetings = self.app.meetings

        def made(meeting_id: str) -> None:
            self._select_after = meeting_id
            push(self.ops, tr("Add meeting"),
                 lambda: meetings.add_meeting(values, organisation_ids=orgs, row_id=meeting_id),
                 lambda: meetings.delete_meeting(meeting_id))
            self.search.clear()
            self.kind.setCurrentIndex(0)
            self.refresh()
            self.editor.title.setFocus()
            self.editor.title.selectAll()

        self.ops.write(lambda: meetings.add_meeting(values, organisation_ids=orgs), made,
                       parent=self, title=tr("The meeting was not added"))

    def clear_records(self) -> None:
        self._only = None
        self.banner.hide()
        self._show_rows()

    def show_records(self, request: object) -> None:
        """A dashboard figure's meetings (``request.table == "meetings"``, ``request.ids``,
        ``request.title``); ``{"action_plan": organisation_id}`` opens that partner's plan;
        ``{"meeting": id}`` opens a meeting."""
        if getattr(request, "table", None) == "meetings":
            self.tabs.setCurrentIndex(0)
            self._only = set(getattr(request, "ids", ()))
            self.records_banner.setText(str(getattr(request, "title", "")))
            self.banner.show()
            self._show_rows()
            return
        if isinstance(request, dict):
            if request.get("action_plan"):
                self.tabs.setCurrentWidget(self.plan)
                self.plan.show_plan_of(str(request["action_plan"]))
            elif request.get("meeting"):
                self.tabs.setCurrentIndex(0)
                self._select_after = str(request["meeting"])
                self.refresh()

    def hideEvent(self, event: Any) -> None:
        self.editor.flush()
        super().hideEvent(event)
