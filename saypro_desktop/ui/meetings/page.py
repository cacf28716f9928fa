"""The Meetings page: every meeting with its notes, decisions, action items, commitments
and concerns; and each partner's action plan on one page.

Notes are typed in a large editor that saves itself a moment after typing stops;
Ctrl+Shift+A turns the line under the cursor into an action item.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.enums import MeetingKind
from saypro_desktop.domain.outreach import format_moment
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.meetings import MeetingDetail, MeetingRow
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.meetings.editor import MeetingEditor
from saypro_desktop.ui.meetings.plan import ActionPlanView
from saypro_desktop.ui.meetings.tables import selected, sized_table
from saypro_desktop.ui.operations import Operations
from saypro_desktop.ui.outreach.undo import add_undo_actions, push
from saypro_desktop.ui.widgets.page import Page
from saypro_desktop.ui.widgets.rows import ROW_ROLE, RowsModel


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
        self.table = sized_table(self.model, "meetingsTable", [130])
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
