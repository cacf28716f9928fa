"""The Organisations page: every partner as a table, a pipeline board or a list by stage,
the possible-duplicates queue, and a pane to view and edit one.

Every change made here can be undone with Ctrl+Z until the window closes: an edit writes
the old values back, a delete is restored, a stage move goes back (both moves stay in
the history), a merge is put back as it was. Each of those is itself a synced write.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.enums import (
    FocusArea,
    GovernmentLevel,
    PipelineStage,
    Priority,
    StakeholderCategory,
)
from saypro_desktop.domain.errors import SayProError
from saypro_desktop.domain.organisations import label_of
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.organisations import OrganisationFilter
from saypro_desktop.ui.errors import show_error
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.operations import Operations
from saypro_desktop.ui.organisations.board import BoardView
from saypro_desktop.ui.organisations.duplicates import DuplicatesView
from saypro_desktop.ui.organisations.editor import OrganisationEditor
from saypro_desktop.ui.organisations.model import (
    ID_ROLE,
    Column,
    OrganisationsTableModel,
    StageGroupsModel,
)
from saypro_desktop.ui.widgets.choices import choice_combo, select_data
from saypro_desktop.ui.widgets.page import Page
from saypro_desktop.ui.widgets.typing import after_typing


class _Command(QUndoCommand):
    """A change already made; undo runs ``back``, redo runs ``again``."""

    def __init__(self, text: str, back: Callable[[], None], again: Callable[[], None]) -> None:
        super().__init__(text)
        self._back = back
        self._again = again
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._again()

    def undo(self) -> None:
        self._back()


class OrganisationsPage(Page):
    title = "Organisations"
    shows = ("organisations", "stage_moves", "assessments", "memberships", "referrals")
    #: The dashboard opens its organisation figures here (a RecordsRequest for these tables).
    record_tables = ("organisations",)

    VIEWS = ("table", "board", "stages", "duplicates")

    def __init__(self, app: AppServices, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(app, ops, parent)
        self.undo_stack = QUndoStack(self)
        self.model = OrganisationsTableModel(app.organisations, self)

        self.search = QLineEdit()
        self.search.setObjectName("organisationSearch")
        self.search.setPlaceholderText(tr("Search names, emails, phones, places…  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = after_typing(self.search, self.apply_filter, self)
        self.category = choice_combo(StakeholderCategory.choices(), tr("All categories"))
        self.category.setObjectName("categoryFilter")
        self.focus_area = choice_combo(FocusArea.choices(), tr("All focus areas"))
        self.focus_area.setObjectName("focusFilter")
        self.level = choice_combo(GovernmentLevel.choices(), tr("All levels"))
        self.level.setObjectName("levelFilter")
        self.region = QComboBox()
        self.region.setObjectName("regionFilter")
        self.region.addItem(tr("All regions"), None)
        self.stage = choice_combo(PipelineStage.choices(), tr("All stages"))
        self.stage.setObjectName("stageFilter")
        self.priority = choice_combo(Priority.choices(), tr("All priorities"))
        self.priority.setObjectName("priorityFilter")
        self.filters = (self.category, self.focus_area, self.level, self.region, self.stage,
                        self.priority)
        for combo in self.filters:
            combo.currentIndexChanged.connect(self.apply_filter)
        self.add_button = QPushButton(tr("&Add organisation"))
        self.add_button.setObjectName("addOrganisation")
        self.add_button.setToolTip(tr("Add an organisation (Ctrl+N)"))
        self.add_button.clicked.connect(self.add_organisation)

        self.view_buttons = QButtonGroup(self)
        switch = QHBoxLayout()
        for index, label in enumerate((tr("Table"), tr("Board"), tr("By stage"),
                                       tr("Duplicates"))):
            button = QPushButton(label)
            button.setObjectName(f"view_{self.VIEWS[index]}")
            button.setCheckable(True)
            button.setChecked(index == 0)
            self.view_buttons.addButton(button, index)
            switch.addWidget(button)
        self.view_buttons.idClicked.connect(self.show_view)
        switch.addStretch(1)
        self.count = QLabel()
        self.count.setObjectName("organisationCount")
        switch.addWidget(self.count)
        # Shown when a dashboard figure opened the page at the records it counted.
        self.records_title = QLabel()
        self.records_title.setObjectName("recordsTitle")
        self.records_title.setStyleSheet("font-weight: 600;")
        self.show_all = QPushButton(tr("Show all"))
        self.show_all.setObjectName("showAll")
        self.show_all.clicked.connect(self.clear_records)
        self._only: frozenset[str] | None = None
        records_row = QHBoxLayout()
        records_row.addWidget(self.records_title, 1)
        records_row.addWidget(self.show_all)
        self.records_bar = QWidget()
        self.records_bar.setLayout(records_row)
        self.records_bar.hide()

        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.add_button)
        filters = QHBoxLayout()
        for combo in self.filters:
            filters.addWidget(combo, 1)

        self.table = QTableView()
        self.table.setObjectName("organisationsTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setStretchLastSection(False)
        for column, width in ((Column.NAME, 330), (Column.STAGE, 125), (Column.PRIORITY, 65),
                              (Column.CATEGORY, 185), (Column.PLACE, 165), (Column.LEVEL, 75),
                              (Column.FOCUS, 160)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(Column.FOCUS, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty = QLabel()
        self.empty.setObjectName("organisationsEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("font-size: 13pt; color: palette(mid); padding: 40px;")
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.empty)

        self.board = BoardView(self)
        self.groups = StageGroupsModel(self)
        self.groups_view = QTreeView()
        self.groups_view.setObjectName("stageGroups")
        self.groups_view.setModel(self.groups)
        self.groups_view.setUniformRowHeights(True)
        self.groups_view.header().resizeSection(0, 330)
        self.groups_view.header().resizeSection(1, 180)
        self.groups_view.clicked.connect(self._group_clicked)
        self.groups_view.activated.connect(self._group_clicked)
        self.duplicates = DuplicatesView(self)
        self.views = QStackedWidget()
        for widget in (self.table_stack, self.board, self.groups_view, self.duplicates):
            self.views.addWidget(widget)

        self.editor = OrganisationEditor(self)
        self.no_selection = QLabel(tr("Select an organisation to see its details, members, "
                                      "assessment and timeline."))
        self.no_selection.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_selection.setWordWrap(True)
        self.detail_stack = QStackedWidget()
        self.detail_stack.addWidget(self.no_selection)
        self.detail_stack.addWidget(self.editor)

        # The pane opens when a record is chosen and closes (Esc, or its Close button) to give
        # the list the whole width; while it is open the list shows the columns that matter.
        self.splitter = splitter = QSplitter()
        splitter.addWidget(self.views)
        splitter.addWidget(self.detail_stack)
        splitter.setStretchFactor(0, 62)
        splitter.setStretchFactor(1, 38)
        splitter.setChildrenCollapsible(False)
        self.detail_stack.setMinimumWidth(380)
        self.detail_stack.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addLayout(switch)
        layout.addWidget(self.records_bar)
        layout.addWidget(splitter, 1)
        self._add_actions()

    def _add_actions(self) -> None:
        for keys, slot in ((QKeySequence(Qt.Key.Key_Escape), self.close_pane),
                           (QKeySequence.StandardKey.Find, self.focus_search),
                           (QKeySequence.StandardKey.New, self.add_organisation),
                           (QKeySequence.StandardKey.Save, self.editor.save)):
            action = QAction(self)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        self.undo_action = self.undo_stack.createUndoAction(self, tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

    # -- filters and views -------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def current_filter(self) -> OrganisationFilter:
        old = self.model.filter
        return OrganisationFilter(
            search=self.search.text(), category=self.category.currentData(),
            focus_area=self.focus_area.currentData(), level=self.level.currentData(),
            region=self.region.currentData(), pipeline_stage=self.stage.currentData(),
            priority=self.priority.currentData(), sort=old.sort, descending=old.descending,
            only=self._only)

    def apply_filter(self) -> None:
        self._search_timer.stop()
        selected = self.selected_id()
        self.model.set_filter(self.current_filter())
        if selected:
            self.select(selected)
        self._update_count()
        view = self.views.currentIndex()
        if view in (1, 2):
            self._load_board()

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        flt = self.model.filter
        filtered = bool(flt.search.strip() or any(c.currentData() for c in self.filters))
        if shown:
            self.table_stack.setCurrentWidget(self.table)
        elif filtered:
            self.empty.setText(tr("No organisation matches these filters.\nTry fewer words, "
                                  "or clear some filters."))
            self.table_stack.setCurrentWidget(self.empty)
        else:
            self.empty.setText(tr("No organisations yet.\nAdd one with “Add organisation” "
                                  "(Ctrl+N)."))
            self.table_stack.setCurrentWidget(self.empty)
        self.count.setText(tr("1 organisation") if shown == 1
                           else tr("{n:,} organisations").format(n=shown))

    def show_view(self, index: int) -> None:
        self.view_buttons.button(index).setChecked(True)
        self.views.setCurrentIndex(index)
        if index in (1, 2):
            self._load_board()
        elif index == 3:
            self.reload_duplicates()

    def _load_board(self) -> None:
        flt = self.current_filter()
        board = self.app.organisations.board(category=flt.category, focus_area=flt.focus_area,
                                             search=flt.search)
        self.board.load(board)
        self.groups.set_groups(board)
        self.groups_view.expandAll()

    def reload_duplicates(self) -> None:
        pairs = self.app.organisations.duplicates()
        self.duplicates.load(pairs)
        self._show_duplicate_count(len(pairs))

    def _show_duplicate_count(self, count: int) -> None:
        button = self.view_buttons.button(3)
        button.setText(tr("Duplicates ({n})").format(n=count) if count else tr("Duplicates"))

    def find_duplicates(self) -> None:
        self.app.organisations.find_duplicates()
        self.reload_duplicates()

    def _read_extras(self) -> None:
        self.reload_regions()
        if self.views.currentIndex() != 3:
            self.ops.query(self.app.organisations.duplicate_count, self._show_duplicate_count,
                           parent=self, title=tr("Possible duplicates"))

    def reload_regions(self) -> None:
        """The region filter's choices, read off the UI thread: the list paints first."""
        self.ops.query(self.app.organisations.regions, self._fill_regions, parent=self,
                       title=tr("Regions"))

    def _fill_regions(self, regions: list[str]) -> None:
        current = self.region.currentData()
        self.region.blockSignals(True)
        self.region.clear()
        self.region.addItem(tr("All regions"), None)
        for region in regions:
            self.region.addItem(region, region)
        select_data(self.region, current)
        self.region.blockSignals(False)

    def show_records(self, request: Any) -> None:
        """Show just the organisations a dashboard figure counted, under its title."""
        table = getattr(request, "table", None)
        ids = getattr(request, "ids", None)
        if table != "organisations" or ids is None:
            return
        self._only = frozenset(ids)
        self.records_title.setText(str(getattr(request, "title", "")))
        self.records_bar.show()
        self.show_view(0)
        self.apply_filter()

    def clear_records(self) -> None:
        self._only = None
        self.records_bar.hide()
        self.apply_filter()

    # -- selection ---------------------------------------------------------------------
    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def select(self, org_id: str) -> bool:
        row = self.model.row_of(org_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _selection_changed(self, _s: QItemSelection, _d: QItemSelection) -> None:
        org_id = self.selected_id()
        if org_id is not None and org_id != self.editor.org_id:
            self.show_in_editor(org_id)

    def _group_clicked(self, index: Any) -> None:
        org_id = index.data(ID_ROLE)
        if org_id:
            self.show_in_editor(org_id)

    def show_in_editor(self, org_id: str | None) -> None:
        self.editor.show_organisation(org_id)
        self.detail_stack.setCurrentWidget(self.editor)
        self._set_pane(True)

    def close_pane(self) -> None:
        self.detail_stack.setCurrentWidget(self.no_selection)
        self.editor.org_id = None
        self._set_pane(False)

    def _set_pane(self, shown: bool) -> None:
        if shown == self.detail_stack.isVisibleTo(self):
            return
        self.detail_stack.setVisible(shown)
        for column in (Column.PLACE, Column.LEVEL, Column.FOCUS):
            self.table.setColumnHidden(column, shown)
        # The widest useful column takes the spare room: the name beside the pane, the
        # focus areas when the list has the whole width.
        header = self.table.horizontalHeader()
        stretch, fixed = (Column.NAME, Column.FOCUS) if shown else (Column.FOCUS, Column.NAME)
        header.setSectionResizeMode(fixed, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(fixed, 330 if fixed is Column.NAME else 160)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        total = max(self.splitter.width(), 1000)
        if shown:
            self.splitter.setSizes([int(total * 0.62), int(total * 0.38)])

    def open_organisation(self, org_id: str) -> None:
        """Show one organisation (e.g. the existing record a duplicate warning points at)."""
        if not self.select(org_id):
            self.search.clear()
            for combo in self.filters:
                combo.setCurrentIndex(0)
            self.apply_filter()
            self.select(org_id)
        self.show_in_editor(org_id)

    def add_organisation(self) -> None:
        self.table.clearSelection()
        self.show_in_editor(None)
        self.editor.details.inputs["name"].setFocus()

    # -- changes (each undoable) -------------------------------------------------------
    def _after_write(self, org_id: str | None) -> None:
        self.model.invalidate()
        self.apply_filter()
        if org_id is not None and self.model.row_of(org_id) >= 0:
            self.select(org_id)
            self.show_in_editor(org_id)
        elif org_id is None or self.editor.org_id == org_id:
            self.close_pane()
        if self.views.currentIndex() == 3:
            self.reload_duplicates()

    def _push(self, text: str, back: Callable[[], object], back_shows: str | None,
              again: Callable[[], object], again_shows: str | None,
              after: Callable[[str | None], None] | None = None) -> None:
        """Put a change already made on the undo stack (``back`` undoes, ``again`` redoes)."""
        after = after or self._after_write

        def run(fn: Callable[[], object], shows: str | None) -> Callable[[], None]:
            def go() -> None:
                try:
                    fn()
                except SayProError as exc:
                    show_error(self, text, exc)
                    return
                after(shows)

            return go

        self.undo_stack.push(_Command(text, run(back, back_shows), run(again, again_shows)))

    def create_organisation(self, values: dict[str, Any]) -> str:
        service = self.app.organisations
        org_id = service.add({k: v for k, v in values.items() if v not in (None, "")})
        self._push(tr("Add {name}").format(name=values.get("name")),
                   lambda: service.delete(org_id), None,
                   lambda: service.restore(org_id), org_id)
        self._after_write(org_id)
        return org_id

    def edit(self, org_id: str, changes: dict[str, Any]) -> None:
        service = self.app.organisations
        diff = service.update(org_id, changes)
        if diff:
            old = {k: o for k, (o, _n) in diff.items()}
            new = {k: n for k, (_o, n) in diff.items()}
            self._push(tr("Edit {fields}").format(fields=", ".join(diff)),
                       lambda: service.update(org_id, old), org_id,
                       lambda: service.update(org_id, new), org_id)
        self._after_write(org_id)

    def delete(self, org_id: str) -> None:
        service = self.app.organisations
        name = service.get(org_id).name
        service.delete(org_id)
        self._push(tr("Delete {name}").format(name=name),
                   lambda: service.restore(org_id), org_id,
                   lambda: service.delete(org_id), None)
        self._after_write(None)

    def move_stage(self, org_id: str, stage: str) -> None:
        service = self.app.organisations
        try:
            moved = service.move_stage(org_id, stage)
        except SayProError as exc:
            show_error(self, tr("Move"), exc)
            return
        if moved is not None:
            old, new = moved
            back = old or PipelineStage.IDENTIFIED.value
            self._push(tr("Move to {stage}").format(stage=label_of(PipelineStage, new)),
                       lambda: service.move_stage(org_id, back), org_id,
                       lambda: service.move_stage(org_id, new), org_id,
                       after=self._after_move)
        self._after_move(org_id)

    def _after_move(self, org_id: str | None) -> None:
        self.model.invalidate()
        self.apply_filter()
        if org_id is None:
            return
        if self.views.currentIndex() == 1:
            self.board.select(org_id)
        if self.editor.org_id == org_id:
            self.editor.show_organisation(org_id)

    def merge(self, first_id: str, second_id: str) -> None:
        service = self.app.organisations
        try:
            receipt = service.merge(first_id, second_id)
        except SayProError as exc:
            show_error(self, tr("Merge"), exc)
            return
        name = service.get(receipt.survivor_id).name
        holder = {"receipt": receipt}

        def again() -> None:
            holder["receipt"] = service.merge(receipt.survivor_id, receipt.merged_id)

        self._push(tr("Merge into {name}").format(name=name),
                   lambda: service.undo_merge(holder["receipt"]), receipt.survivor_id,
                   again, receipt.survivor_id)
        self._after_write(receipt.survivor_id)

    # -- refresh -----------------------------------------------------------------------
    def refresh(self) -> None:
        self.model.invalidate()
        self.apply_filter()
        if self.views.currentIndex() == 3:
            self.reload_duplicates()
        # The region choices and the duplicates count are read off the UI thread once the
        # list has painted (a zero timer fires after the paint the switch posted).
        QTimer.singleShot(0, self, self._read_extras)
        if self.editor.org_id is not None and self.detail_stack.currentWidget() is self.editor:
            try:
                self.editor.show_organisation(self.editor.org_id)
            except SayProError:
                self.close_pane()
