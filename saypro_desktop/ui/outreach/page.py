"""The "Outreach & follow-ups" page: Today (what is due, our action items, what is coming
up) and every interaction logged, with done / snooze / reassign and the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.outreach import InteractionType, format_day, format_moment
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.outreach import InteractionRow
from saypro_desktop.services.outreach_tasks import TaskRow, TaskState, TodayView, UpcomingRow
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.operations import Operations
from saypro_desktop.ui.outreach.log_dialog import LogInteractionDialog
from saypro_desktop.ui.outreach.models import HighlightRowsModel
from saypro_desktop.ui.outreach.undo import add_undo_actions, push
from saypro_desktop.ui.widgets.page import Page
from saypro_desktop.ui.widgets.rows import ROW_ROLE, RowsModel, make_table


def due_text(due: date | None, today: date) -> str:
    if due is None:
        return tr("No date")
    days = (today - due).days
    if days == 0:
        return tr("Today")
    if days == 1:
        return tr("Yesterday (1 day overdue)")
    if days > 1:
        return tr("{day} ({n} days overdue)").format(day=format_day(due), n=days)
    if days == -1:
        return tr("Tomorrow")
    return format_day(due)


@dataclass(frozen=True)
class _Loaded:
    today: TodayView
    interactions: list[InteractionRow]


class PickDateDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.calendar = QCalendarWidget()
        self.calendar.setMinimumDate(QDate.currentDate())
        self.calendar.setSelectedDate(QDate.currentDate().addDays(3))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.calendar)
        layout.addWidget(buttons)

    def chosen(self) -> date:
        d = self.calendar.selectedDate()
        return date(d.year(), d.month(), d.day())


def _sized(table: QTableView, widths: list[int]) -> QTableView:
    for column, width in enumerate(widths):
        table.horizontalHeader().resizeSection(column, width)
    table.verticalHeader().setDefaultSectionSize(26)
    return table


class OutreachPage(Page):
    shows = ("interactions", "follow_ups", "action_items", "meetings", "meeting_organisations",
             "people", "organisations", "coalition_profile")

    def __init__(self, app: AppServices, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(app, ops, parent)
        self.setObjectName("outreachPage")
        self.loaded: _Loaded | None = None
        self.on = date.today()
        self.log_dialog: LogInteractionDialog | None = None

        self.search = QLineEdit()
        self.search.setObjectName("outreachSearch")
        self.search.setPlaceholderText(tr("Search follow-ups, action items and outreach…  "
                                          "(Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.log_button = QPushButton(tr("&Log interaction…"))
        self.log_button.setObjectName("logInteraction")
        self.log_button.setToolTip(tr("Log a call, letter, visit or message (Ctrl+L)"))
        self.log_button.clicked.connect(lambda: self.open_log())
        self.letters_button = QPushButton(tr("&Write letters…"))
        self.letters_button.setObjectName("writeLetters")
        self.letters_button.setToolTip(tr("Letters of introduction and thank-you notes as "
                                          "email drafts"))
        self.letters_button.clicked.connect(self.open_outbox)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.log_button)
        bar.addWidget(self.letters_button)

        # -- Today -------------------------------------------------------------------------
        self.heading = QLabel()
        self.heading.setObjectName("todayHeading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.summary = QLabel()
        self.summary.setObjectName("todaySummary")
        self.banner = QLabel(tr("Choose your organisation on the Coalition page to see the "
                                "action items assigned to you."))
        self.banner.setObjectName("todayBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff4ce; padding: 6px; border-radius: 4px;")
        self.banner.hide()

        def today_of() -> date:  # the day the rows were read for
            return self.on

        self.follow_model = HighlightRowsModel(
            [tr("Due"), tr("Follow-up"), tr("With"), tr("Assigned to")],
            lambda r: [due_text(r.due_on, today_of()), r.what, r.who, r.assigned_to], self,
            sort_keys=lambda r: [r.due_on or date.max, r.what.casefold(), r.who.casefold(),
                                 r.assigned_to.casefold()],
            urgent=lambda r: r.overdue)
        self.follow_table = _sized(make_table(self.follow_model, "followUpsTable",
                                              sortable=True), [210, 330, 300])
        self.action_model = HighlightRowsModel(
            [tr("Due"), tr("Action item"), tr("Owner"), tr("From meeting")],
            lambda r: [due_text(r.due_on, today_of()), r.what,
                       r.assigned_to or r.organisation or tr("Not assigned yet"), r.meeting],
            self,
            sort_keys=lambda r: [r.due_on or date.max, r.what.casefold(),
                                 r.assigned_to.casefold(), r.meeting.casefold()],
            urgent=lambda r: r.overdue)
        self.action_table = _sized(make_table(self.action_model, "actionItemsTable",
                                              sortable=True), [210, 330, 200])
        self.upcoming_model: RowsModel[UpcomingRow] = RowsModel(
            [tr("When"), tr("What"), tr("With"), tr("Where")],
            lambda r: [format_moment(r.when), r.title, r.with_whom, r.place], self,
            sort_keys=lambda r: [r.when, r.title.casefold(), r.with_whom.casefold(),
                                 r.place.casefold()])
        self.upcoming_table = _sized(make_table(self.upcoming_model, "upcomingTable",
                                                sortable=True), [160, 330, 300])
        for table in (self.follow_table, self.action_table, self.upcoming_table):
            table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._task_table: QTableView = self.follow_table
        for table in (self.follow_table, self.action_table):
            table.selectionModel().currentRowChanged.connect(
                lambda _c, _p, t=table: self._set_task_table(t))
            table.activated.connect(lambda _i: self.log_for_task())  # Enter or double-click

        self.done_button = QPushButton(tr("&Done"))
        self.done_button.setObjectName("taskDone")
        self.done_button.setToolTip(tr("Mark the selected follow-up or action item done "
                                       "(Ctrl+D)"))
        self.done_button.clicked.connect(self.complete_selected)
        self.snooze_button = QPushButton(tr("&Snooze"))
        self.snooze_button.setObjectName("taskSnooze")
        snooze = QMenu(self.snooze_button)
        snooze.addAction(tr("1 day"), lambda: self.snooze_selected(1))
        snooze.addAction(tr("1 week"), lambda: self.snooze_selected(7))
        snooze.addAction(tr("Choose a date…"), self.snooze_to_date)
        self.snooze_button.setMenu(snooze)
        self.reassign_button = QPushButton(tr("&Reassign"))
        self.reassign_button.setObjectName("taskReassign")
        self.reassign_menu = QMenu(self.reassign_button)
        self.reassign_button.setMenu(self.reassign_menu)
        self.follow_call_button = QPushButton(tr("Log the follow-&up…"))
        self.follow_call_button.setObjectName("taskLog")
        self.follow_call_button.setToolTip(tr("Log the call or email that answers this "
                                              "follow-up (Enter)"))
        self.follow_call_button.clicked.connect(self.log_for_task)
        task_bar = QHBoxLayout()
        for button in (self.done_button, self.snooze_button, self.reassign_button,
                       self.follow_call_button):
            task_bar.addWidget(button)
        task_bar.addStretch(1)

        self.follow_box = QGroupBox()
        QVBoxLayout(self.follow_box).addWidget(self.follow_table)
        self.action_box = QGroupBox()
        QVBoxLayout(self.action_box).addWidget(self.action_table)
        self.upcoming_box = QGroupBox()
        QVBoxLayout(self.upcoming_box).addWidget(self.upcoming_table)
        today = QWidget()
        today_layout = QVBoxLayout(today)
        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addStretch(1)
        head.addWidget(self.summary)
        today_layout.addLayout(head)
        today_layout.addWidget(self.banner)
        today_layout.addWidget(self.follow_box, 3)
        today_layout.addLayout(task_bar)
        today_layout.addWidget(self.action_box, 2)
        today_layout.addWidget(self.upcoming_box, 2)

        # -- every interaction ---------------------------------------------------------------
        self.type_filter = QComboBox()
        self.type_filter.setObjectName("interactionTypeFilter")
        self.type_filter.addItem(tr("All types"), None)
        for member in InteractionType:
            self.type_filter.addItem(tr(member.label), member.value)
        self.type_filter.currentIndexChanged.connect(self._show_interactions)
        self.interaction_model: RowsModel[InteractionRow] = RowsModel(
            [tr("When"), tr("Type"), tr("With"), tr("Summary"), tr("Outcome"),
             tr("Follow-up"), tr("By")],
            lambda r: [format_moment(r.occurred_at) + (tr("  (planned)") if r.planned else ""),
                       tr(r.type_label), r.who, r.summary, tr(r.outcome_label),
                       format_day(r.follow_up_due), r.our_person], self,
            sort_keys=lambda r: [r.occurred_at, r.type_label, r.who.casefold(),
                                 r.summary.casefold(), r.outcome_label,
                                 r.follow_up_due or date.min, r.our_person.casefold()])
        self.interaction_table = _sized(make_table(self.interaction_model, "interactionsTable",
                                                   sortable=True),
                                        [170, 120, 280, 330, 130, 110])
        self.interaction_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.interaction_count = QLabel()
        log = QWidget()
        log_layout = QVBoxLayout(log)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Show")))
        top.addWidget(self.type_filter)
        top.addStretch(1)
        top.addWidget(self.interaction_count)
        log_layout.addLayout(top)
        log_layout.addWidget(self.interaction_table, 1)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("outreachTabs")
        self.tabs.addTab(today, tr("&Today"))
        self.tabs.addTab(log, tr("All &outreach"))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self._add_actions()

    def _add_actions(self) -> None:
        for keys, slot in ((QKeySequence.StandardKey.Find, self.search.setFocus),
                           (QKeySequence("Ctrl+L"), lambda: self.open_log()),
                           (QKeySequence("Ctrl+D"), self.complete_selected)):
            action = QAction(self)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        add_undo_actions(self, self.ops)

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        outreach = self.app.outreach
        self.ops.query(lambda: _Loaded(outreach.today(), outreach.interactions()), self.show_loaded,
                       parent=self, title=tr("Today could not be read"))
        self.ops.query(self.app.coalition.our_people, self._fill_reassign)

    def show_loaded(self, loaded: _Loaded) -> None:
        self.loaded = loaded
        view = loaded.today
        self.on = view.on
        self.heading.setText(tr("Today, {day}").format(day=f"{view.on:%A} {format_day(view.on)}"))
        overdue = sum(1 for r in (*view.follow_ups, *view.action_items) if r.overdue)
        due_today = sum(1 for r in (*view.follow_ups, *view.action_items) if r.due_on == view.on)
        self.summary.setText(tr("{overdue} overdue · {today} due today · {upcoming} coming up")
                             .format(overdue=overdue, today=due_today,
                                     upcoming=len(view.upcoming)))
        self.summary.setStyleSheet("color: #b3261e; font-weight: 600;" if overdue else "")
        self.banner.setVisible(not view.knows_us)
        self.follow_model.set_rows(view.follow_ups)
        self.action_model.set_rows(view.action_items)
        self.upcoming_model.set_rows(view.upcoming)
        self.follow_box.setTitle(tr("Follow-ups due today and overdue ({n})")
                                 .format(n=len(view.follow_ups)))
        self.action_box.setTitle(tr("Open action items assigned to us ({n})")
                                 .format(n=len(view.action_items)))
        self.upcoming_box.setTitle(tr("Coming up in the next two weeks ({n})")
                                   .format(n=len(view.upcoming)))
        self._show_interactions()
        self._filter(self.search.text())

    def _show_interactions(self) -> None:
        if self.loaded is None:
            return
        kind = self.type_filter.currentData()
        rows = [r for r in self.loaded.interactions if kind is None or r.type == kind]
        self.interaction_model.set_rows(rows)
        self.interaction_count.setText(tr("{n} interactions").format(n=len(rows)))

    def _filter(self, text: str) -> None:
        for table in (self.follow_table, self.action_table, self.upcoming_table,
                      self.interaction_table):
            proxy = table.model()
            if isinstance(proxy, QSortFilterProxyModel):
                proxy.setFilterFixedString(text)

    def _fill_reassign(self, people: list[Any]) -> None:
        self.reassign_menu.clear()
        if not people:
            action = self.reassign_menu.addAction(tr("Choose your organisation on the "
                                                     "Coalition page first"))
            action.setEnabled(False)
        for person in people:
            action = self.reassign_menu.addAction(person.name)
            action.setData(person.id)
            action.triggered.connect(
                lambda _checked=False, pid=person.id: self.reassign_selected(pid))

    # -- tasks ---------------------------------------------------------------------------
    def _set_task_table(self, table: QTableView) -> None:
        self._task_table = table

    def selected_task(self) -> TaskRow | None:
        for table in (self._task_table, self.follow_table, self.action_table):
            index = table.currentIndex()
            if index.isValid():
                row: TaskRow = index.data(ROW_ROLE)
                return row
        return None

    def _change(self, verb: str, change: Any) -> None:
        task = self.selected_task()
        if task is None:
            return
        outreach = self.app.outreach
        kind, task_id = task.kind, task.id

        def done(before: TaskState) -> None:
            push(self.ops, tr("{verb} “{what}”").format(verb=verb, what=task.what),
                 lambda: change(kind, task_id), lambda: outreach.restore(kind, task_id, before))

        self.ops.write(lambda: change(kind, task_id), done, parent=self,
                       title=tr("The task was not changed"))

    def complete_selected(self) -> None:
        self._change(tr("Done"), self.app.outreach.complete)

    def snooze_selected(self, days: int) -> None:
        until = date.today() + timedelta(days=days)
        self._change(tr("Snooze"), lambda k, i: self.app.outreach.snooze(k, i, until))

    def snooze_to_date(self) -> None:
        dialog = PickDateDialog(self, tr("Snooze until"))
        if dialog.exec():
            until = dialog.chosen()
            self._change(tr("Snooze"), lambda k, i: self.app.outreach.snooze(k, i, until))

    def reassign_selected(self, person_id: str) -> None:
        self._change(tr("Reassign"), lambda k, i: self.app.outreach.reassign(k, i, person_id))

    def log_for_task(self) -> None:
        task = self.selected_task()
        if task is None:
            self.open_log()
            return
        name = task.who or task.organisation
        self.open_log(person_id=task.person_id,
                      organisation_id=None if task.person_id else task.organisation_id,
                      name=name)

    # -- dialogs -------------------------------------------------------------------------
    def open_log(self, *, person_id: str | None = None, organisation_id: str | None = None,
                 name: str = "") -> LogInteractionDialog:
        dialog = LogInteractionDialog(self.app, self.ops, self, person_id=person_id,
                                      organisation_id=organisation_id, name=name)
        self.log_dialog = dialog
        dialog.open()
        if not (person_id or organisation_id):
            dialog.choose_record()
        return dialog

    def open_outbox(self) -> Any:
        from saypro_desktop.ui.outreach.outbox_dialog import OutboxDialog

        dialog = OutboxDialog(self.app, self.ops, self)
        dialog.open()
        return dialog
