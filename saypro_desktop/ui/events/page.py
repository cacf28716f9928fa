"""The Events & sign-in page: upcoming and past events with attendance, and one event's page.

An event's page shows its numbers (from services.events_numbers, as every report counts
them), who came (searchable, with the desk and organiser that took each sign-in, and undo),
the RSVP list with its sheet codes, and opens the sign-in desk or the paper-sheet keying.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.services.context import AppServices
from saypro_desktop.services.events import EventDetail, EventRow, EventsOf, SheetRow
from saypro_desktop.services.events_attendance import AttendanceRow
from saypro_desktop.services.events_numbers import EventNumbers
from saypro_desktop.ui.events.view import EventView
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.operations import Operations
from saypro_desktop.ui.widgets.page import Page
from saypro_desktop.ui.widgets.records_bar import RecordsBar
from saypro_desktop.ui.widgets.rows import ROW_ROLE, RowsModel, make_table


def _event_cells(row: EventRow) -> list[str]:
    return [f"{row.starts_at:%d %b %Y}", row.title, f"{row.attendees:,}", f"{row.rsvps:,}"]


def _event_keys(row: EventRow) -> list[Any]:
    return [row.starts_at, row.title.casefold(), row.attendees, row.rsvps]


def _behind(table: object, title: str, found: EventsOf) -> str:
    """The records bar's words when sign-ins or signatures opened the list of events."""
    if table == "sign_ins":
        note = tr("showing the events these sign-ins were taken at")
    else:
        note = tr("showing the events these signatures were collected at")
        if found.elsewhere == 1:
            note += "; " + tr("1 signature was not collected at an event")
        elif found.elsewhere:
            note += "; " + tr("{n:,} signatures were not collected at an event").format(
                n=found.elsewhere)
    return f"{title} — {note}"


class EventsPage(Page):
    shows = ("events", "sign_ins", "event_rsvps", "signatures", "people", "petitions",
             "campaigns", "working_groups")
    #: The dashboard opens its event, attendance and signature figures here.
    record_tables = ("events", "sign_ins", "signatures")

    def __init__(self, app: AppServices, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(app, ops, parent)
        self.setObjectName("eventsPage")
        self.desk_window: QWidget | None = None
        self._selected_id: str | None = None
        heading = QLabel(tr("Events & sign-in"))
        heading.setStyleSheet("font-size: 20pt; font-weight: 600;")
        self.new_event = QPushButton(tr("&New event…"))
        self.new_event.setObjectName("newEvent")
        self.new_event.clicked.connect(self.add_event)
        self.when = QComboBox()
        self.when.setObjectName("eventsWhen")
        self.when.addItem(tr("Upcoming"), "upcoming")
        self.when.addItem(tr("Past"), "past")
        self.when.addItem(tr("All events"), "all")
        self.when.currentIndexChanged.connect(lambda _i: self.refresh())
        self.model: RowsModel[EventRow] = RowsModel(
            [tr("Date"), tr("Event"), tr("Came"), tr("RSVPs")], _event_cells, self,
            sort_keys=_event_keys)
        self.table: QTableView = make_table(self.model, "eventsTable", sortable=False)
        self.table.setWordWrap(True)  # long titles wrap rather than being cut off
        self.table.horizontalHeader().setStretchLastSection(False)
        # The title takes the width the other columns leave, so a long one reads on a line.
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty_list = QLabel()
        self.empty_list.setObjectName("eventsEmpty")
        self.empty_list.setWordWrap(True)
        self.empty_list.hide()
        # Shown when a dashboard figure opened the page at the events it counted.
        self._only: frozenset[str] | None = None
        self.records_bar = RecordsBar()
        self.records_bar.cleared.connect(self.clear_records)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        top = QHBoxLayout()
        top.addWidget(self.when)
        top.addStretch(1)
        top.addWidget(self.new_event)
        left_layout.addLayout(top)
        left_layout.addWidget(self.records_bar)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty_list)
        left.setMinimumWidth(400)  # date, a readable title and the two counts

        self.view = EventView(self)
        self.placeholder = QLabel(tr("Choose an event on the left, or add one with "
                                     "“New event”."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.right = QStackedWidget()
        self.right.addWidget(self.placeholder)
        self.right.addWidget(self.view)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([520, 760])
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(splitter, 1)

        self.view.open_desk.clicked.connect(self.open_desk)
        self.view.paper.clicked.connect(self.key_paper)
        self.view.add_rsvps.clicked.connect(self.pick_rsvps)
        self.view.import_rsvps.clicked.connect(self.import_rsvps)
        self.view.export.clicked.connect(self.export_attendance)
        self.view.edit.clicked.connect(self.edit_event)
        self.view.undo.clicked.connect(self.undo_sign_in)

    # -- the list --------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ops.query(self.app.events.list_events, self._show_events, parent=self)

    def _show_events(self, rows: list[EventRow]) -> None:
        now = datetime.now()
        which = self.when.currentData()
        if self._only is not None:
            rows = [r for r in rows if r.id in self._only]
        if which == "upcoming":
            shown = sorted((r for r in rows if (r.ends_at or r.starts_at) >= now),
                           key=lambda r: r.starts_at)
        elif which == "past":
            shown = [r for r in rows if (r.ends_at or r.starts_at) < now]
        else:
            shown = rows
        self.model.set_rows(shown)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        if not rows and self._only is not None:
            self.empty_list.setText(tr("None of these events is in the list."))
        elif not rows:
            self.empty_list.setText(tr("No events yet. Add the first with “New event”."))
        elif not shown:
            self.empty_list.setText(tr("None here: see “All events”."))
        self.empty_list.setVisible(not shown)
        if self._selected_id and not self.select_event(self._selected_id):
            if self._selected_id not in {r.id for r in rows}:
                self._selected_id = None
                self.right.setCurrentWidget(self.placeholder)
        elif self._selected_id:
            self.load_event()

    # -- the records behind a dashboard figure ------------------------------------------
    def show_records(self, request: object) -> None:
        """Show just the events a dashboard figure counted (``request.table`` "events"), or
        the events its sign-ins or signatures were taken at ("sign_ins", "signatures")."""
        table = getattr(request, "table", None)
        if table not in self.record_tables:
            return
        title = str(getattr(request, "title", ""))
        ids = tuple(getattr(request, "ids", ()))
        if table == "events":
            self._restrict(frozenset(ids), title)
            return
        events = self.app.events
        self.ops.query(lambda: events.events_of(str(table), ids),
                       lambda found: self._restrict(found.event_ids, _behind(table, title,
                                                                             found)),
                       parent=self, title=tr("Events"))

    def _restrict(self, event_ids: frozenset[str], text: str) -> None:
        self._only = event_ids
        self.records_bar.show_title(text)
        self.when.blockSignals(True)
        self.when.setCurrentIndex(self.when.findData("all"))  # past and upcoming alike
        self.when.blockSignals(False)
        self.refresh()

    def clear_records(self) -> None:
        self._only = None
        self.records_bar.hide()
        self.refresh()

    def select_event(self, event_id: str) -> bool:
        """Choose ``event_id`` in the list (switching to "All events" if needed)."""
        model = self.table.model()
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            item = index.data(ROW_ROLE)
            if isinstance(item, EventRow) and item.id == event_id:
                self.table.selectRow(row)
                return True
        return False

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection
                           ) -> None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return
        item = indexes[0].data(ROW_ROLE)
        if isinstance(item, EventRow):
            self._selected_id = item.id
            self.load_event()

    # -- one event -------------------------------------------------------------------------
    def load_event(self) -> None:
        event_id = self._selected_id
        if event_id is None:
            return

        def read() -> tuple[EventDetail, EventNumbers, list[tuple[SheetRow, bool]]]:
            events = self.app.events
            detail = events.get_event(event_id)
            numbers = events.figures(event_id)
            came = {r.person_id for r in events.signin.attendance(event_id)}
            rsvps = [(r, r.person_id in came) for r in events.sheet_rows(event_id)]
            return detail, numbers, rsvps

        def show(result: tuple[EventDetail, EventNumbers, list[tuple[SheetRow, bool]]]
                 ) -> None:
            detail, numbers, rsvps = result
            if detail.id != self._selected_id:
                return
            self.view.show_event(detail, numbers)
            self.view.rsvp_model.set_rows(rsvps)
            self.view.rsvp_table.resizeColumnsToContents()
            self.right.setCurrentWidget(self.view)
            self.load_attendance()

        self.ops.query(read, show, parent=self)

    def load_attendance(self) -> None:
        event_id = self._selected_id
        if event_id is None:
            return
        text = self.view.search.text()
        def show(rows: list[AttendanceRow]) -> None:
            self.view.attendance_model.set_rows(rows)
            self.view.attendance.resizeColumnsToContents()

        self.ops.query(lambda: self.app.events.signin.attendance(event_id, text), show,
                       parent=self)

    def current_event_id(self) -> str | None:
        return self._selected_id

    def add_event(self) -> None:
        from saypro_desktop.ui.events.dialogs import EventDialog

        dialog = EventDialog(self.app, self.ops, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_id:
            self._selected_id = dialog.saved_id
            self.when.setCurrentIndex(self.when.findData("all"))
            self.refresh()

    def edit_event(self) -> None:
        from saypro_desktop.ui.events.dialogs import EventDialog

        if self.view.detail is None:
            return
        EventDialog(self.app, self.ops, self.view.detail, parent=self).exec()

    def open_desk(self) -> None:
        from saypro_desktop.ui.events.dialogs import DeskSetupDialog

        detail = self.view.detail
        if detail is None:
            return
        setup = DeskSetupDialog(self.app, detail.title, parent=self)
        if setup.exec() != QDialog.DialogCode.Accepted:
            return
        self.start_desk(detail.id, setup.info())

    def start_desk(self, event_id: str, info: Any) -> QWidget:
        from saypro_desktop.ui.events.desk import SignInDesk

        desk = SignInDesk(self.app, self.ops, event_id, info)
        desk.left.connect(self._desk_left)
        self.desk_window = desk
        desk.showFullScreen()
        desk.activateWindow()
        return desk

    def _desk_left(self) -> None:
        if self.desk_window is not None:
            self.desk_window.deleteLater()
        self.desk_window = None
        self.load_event()

    def key_paper(self) -> None:
        from saypro_desktop.ui.events.paper import PaperSheetDialog

        if self._selected_id is None:
            return
        PaperSheetDialog(self.app, self.ops, self._selected_id, parent=self).exec()

    def pick_rsvps(self) -> None:
        from saypro_desktop.ui.events.dialogs import RsvpDialog

        event_id = self._selected_id
        if event_id is None:
            return
        dialog = RsvpDialog(self.app, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.person_ids():
            return
        ids = dialog.person_ids()
        self.ops.write(lambda: self.app.events.add_rsvps(event_id, ids), parent=self,
                       title=tr("Could not add to the RSVP list"))

    def import_rsvps(self) -> None:
        from saypro_desktop.ui.imports.wizard import ImportWizard

        wizard = ImportWizard(self.app, self.ops, self)
        page = wizard.file_page
        index = page.event_picker.findData(self._selected_id)
        if index >= 0 and page.attendees.isEnabled():
            page.attendees.setChecked(True)
            page.event_picker.setCurrentIndex(index)
        wizard.exec()
        self.load_event()

    def export_attendance(self) -> None:
        event_id, detail = self._selected_id, self.view.detail
        if event_id is None or detail is None:
            return
        safe = "".join(ch if ch.isalnum() else "-" for ch in detail.title).strip("-")[:40]
        name, _filter = QFileDialog.getSaveFileName(
            self, tr("Export attendance"), f"{safe or 'attendance'}.csv",
            tr("CSV (*.csv);;Excel workbook (*.xlsx)"))
        if not name:
            return
        path = Path(name)

        def done(count: int) -> None:
            QMessageBox.information(self, tr("Exported"), tr(
                "{n} attendees written to {file}.").format(n=count, file=path.name))

        self.ops.write(lambda: self.app.events.export_attendance(event_id, path), done,
                       parent=self, title=tr("Could not export"))

    def undo_sign_in(self) -> None:
        row = self.view.chosen_attendee()
        event_id = self._selected_id
        if row is None or event_id is None:
            return
        answer = QMessageBox.question(
            self, tr("Undo sign-in"),
            tr("Take back the sign-in of {name}? The consents and the petition signature "
               "given with it are taken back too.").format(name=row.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        person_id = row.person_id
        self.ops.write(lambda: self.app.events.signin.undo_sign_in(event_id, person_id),
                       parent=self, title=tr("Could not undo the sign-in"))

