"""One event's view on the Events & sign-in page: its details, numbers, who came (with the
desk and organiser that took each sign-in) and the RSVP list with its sheet codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.services.events import EventDetail, EventRow, SheetRow
from saypro_desktop.services.events_attendance import AttendanceRow
from saypro_desktop.services.events_numbers import EventNumbers
from saypro_desktop.services.events_signin import CONSENT_LABELS
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.widgets.rows import ROW_ROLE, RowsModel, make_table

if TYPE_CHECKING:
    from saypro_desktop.ui.events.page import EventsPage


def when_text(row: EventRow) -> str:
    text = f"{row.starts_at:%a %d %b %Y, %H:%M}"
    if row.ends_at:
        text += f"–{row.ends_at:%H:%M}" if row.ends_at.date() == row.starts_at.date() \
            else f" – {row.ends_at:%d %b %H:%M}"
    return text


def _consents_text(channels: tuple[str, ...]) -> str:
    return ", ".join(CONSENT_LABELS.get(c, c) for c in channels)


def _attendance_cells(row: AttendanceRow) -> list[str]:
    taken = " · ".join(p for p in (row.desk, row.taken_by) if p)
    return [row.name, row.area or "", row.organisation or "",
            f"{row.signed_in_at:%H:%M}" if row.source == "desk" else "",
            tr("yes") if row.walk_in else "", row.source_label, taken,
            _consents_text(row.consents), tr("yes") if row.signed_petition else ""]


def _rsvp_cells(pair: tuple[SheetRow, bool]) -> list[str]:
    row, came = pair
    return [row.code, row.name, row.area or "", row.organisation or "",
            tr("yes") if came else tr("not yet")]


FIGURES = [("attendees", "Came"), ("new_people", "New people met"),
           ("returning", "Returning"), ("walk_ins", "Walk-ins"),
           ("consents", "Consents given"), ("signatures", "Petition signatures"),
           ("rsvps", "RSVPs"), ("no_shows", "RSVPs who did not come")]


class EventView(QWidget):
    """One event: its details, numbers, who came and the RSVP list."""

    def __init__(self, page: EventsPage) -> None:
        super().__init__()
        self.page = page
        self.detail: EventDetail | None = None
        self.heading = QLabel()
        self.heading.setObjectName("eventHeading")
        self.heading.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.heading.setWordWrap(True)
        self.subheading = QLabel()
        self.subheading.setObjectName("eventSubheading")
        self.subheading.setWordWrap(True)
        self.open_desk = QPushButton(tr("Open the sign-in &desk"))
        self.open_desk.setObjectName("openDesk")
        self.open_desk.setStyleSheet("font-weight: 600;")
        self.paper = QPushButton(tr("Key in &paper sheets…"))
        self.paper.setObjectName("keyPaper")
        self.add_rsvps = QPushButton(tr("Add to the &RSVP list…"))
        self.add_rsvps.setObjectName("addRsvps")
        self.import_rsvps = QPushButton(tr("&Import an RSVP list…"))
        self.import_rsvps.setObjectName("importRsvps")
        self.export = QPushButton(tr("E&xport attendance…"))
        self.export.setObjectName("exportAttendance")
        self.edit = QPushButton(tr("&Edit…"))
        self.edit.setObjectName("editEvent")
        # Two rows of three, so the event view fits beside the list at 1280x800.
        actions = QGridLayout()
        for index, button in enumerate((self.open_desk, self.paper, self.add_rsvps,
                                        self.import_rsvps, self.export, self.edit)):
            actions.addWidget(button, index // 3, index % 3)
        actions.setColumnStretch(3, 1)

        self.figures: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        grid = QGridLayout()
        for index, (key, caption) in enumerate(FIGURES):
            card = QFrame()
            card.setFrameShape(QFrame.Shape.StyledPanel)
            inner = QVBoxLayout(card)
            value = QLabel("–")
            value.setObjectName(f"figure_{key}")
            value.setStyleSheet("font-size: 16pt; font-weight: 600;")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            value.setWordWrap(True)
            label = QLabel(tr(caption))
            label.setObjectName(f"caption_{key}")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            self.captions[key] = label
            inner.addWidget(value)
            inner.addWidget(label)
            self.figures[key] = value
            grid.addWidget(card, index // 4, index % 4)

        self.search = QLineEdit()
        self.search.setObjectName("attendanceSearch")
        self.search.setPlaceholderText(tr("Find someone who came (name, email, phone, area)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: page.load_attendance())
        self.attendance_model: RowsModel[AttendanceRow] = RowsModel(
            [tr("Name"), tr("Area"), tr("Organisation"), tr("Signed in"), tr("Walk-in"),
             tr("How"), tr("Taken by"), tr("Consents"), tr("Petition")],
            _attendance_cells, self)
        self.attendance = make_table(self.attendance_model, "attendanceTable", sortable=True)
        self.attendance.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # sign-in order first
        self.undo = QPushButton(tr("&Undo the chosen sign-in"))
        self.undo.setObjectName("undoSignIn")
        self.undo.setEnabled(False)
        self.attendance.selectionModel().selectionChanged.connect(
            lambda *_a: self.undo.setEnabled(self.chosen_attendee() is not None))
        came = QWidget()
        came_layout = QVBoxLayout(came)
        came_layout.addWidget(self.search)
        came_layout.addWidget(self.attendance, 1)
        undo_row = QHBoxLayout()
        undo_row.addStretch(1)
        undo_row.addWidget(self.undo)
        came_layout.addLayout(undo_row)

        self.rsvp_model: RowsModel[tuple[SheetRow, bool]] = RowsModel(
            [tr("Code"), tr("Name"), tr("Area"), tr("Organisation"), tr("Came")],
            _rsvp_cells, self)
        self.rsvp_table = make_table(self.rsvp_model, "rsvpTable", sortable=True)
        self.rsvp_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # sheet order first
        self.tabs = QTabWidget()
        self.tabs.setObjectName("eventTabs")
        self.tabs.addTab(came, tr("Who came"))
        self.tabs.addTab(self.rsvp_table, tr("RSVP list"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addLayout(actions)
        layout.addLayout(grid)
        layout.addWidget(self.tabs, 1)

    def chosen_attendee(self) -> AttendanceRow | None:
        indexes = self.attendance.selectionModel().selectedRows()
        if not indexes:
            return None
        row = indexes[0].data(ROW_ROLE)
        return row if isinstance(row, AttendanceRow) else None

    def show_event(self, detail: EventDetail, numbers: EventNumbers) -> None:
        self.detail = detail
        f = detail.fields
        self.heading.setText(detail.title)
        when = f"{detail.starts_at:%A %d %B %Y, %H:%M}"
        if f["ends_at"]:
            when += f"–{f['ends_at']:%H:%M}"
        parts = [detail.kind_label, when, f["venue"], f["area"]]
        if f["organisers"]:
            parts.append(tr("organisers: {names}").format(names=f["organisers"]))
        if detail.campaign:
            parts.append(tr("campaign: {name}").format(name=detail.campaign))
        if detail.working_group:
            parts.append(tr("working group: {name}").format(name=detail.working_group))
        if detail.petition:
            parts.append(tr("petition: “{title}”").format(title=detail.petition))
        if f["expected_attendance"]:
            parts.append(tr("{n:,} expected").format(n=f["expected_attendance"]))
        self.subheading.setText(" · ".join(str(p) for p in parts if p))
        self.show_numbers(numbers)

    def show_numbers(self, numbers: EventNumbers) -> None:
        for key, label in self.figures.items():
            if key == "consents":
                label.setText(f"{numbers.consents_total:,}")
                per = " · ".join(f"{CONSENT_LABELS.get(c, c)} {n}"
                                 for c, n in numbers.consents.items())
                self.captions[key].setText(tr("Consents given") + (f"\n{per}" if per else ""))
            else:
                label.setText(f"{getattr(numbers, key):,}")
