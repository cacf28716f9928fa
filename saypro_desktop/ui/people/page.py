"""The People page: a searchable, sortable list of everyone, with a pane to view and edit one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelection, QPoint, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.changes import ChangeSet
from saypro_desktop.domain.enums import PipelineStage, StakeholderCategory
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.people import PeopleFilter
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.labels import choices
from saypro_desktop.ui.operations import Operations
from saypro_desktop.ui.people.editor import PersonEditor, field_label
from saypro_desktop.ui.people.model import ROW_ID_ROLE, Column, PeopleTableModel
from saypro_desktop.ui.widgets.choices import choice_combo, select_data
from saypro_desktop.ui.widgets.page import Page
from saypro_desktop.ui.widgets.records_bar import RecordsBar
from saypro_desktop.ui.widgets.typing import after_typing

# Shown unless the person hides them; Category and City start hidden so that at 1280x800,
# with the detail pane open, name, organisation, email, phone and stage fit without
# sideways scrolling (the header's context menu shows them).
HIDDEN_AT_FIRST = (Column.CATEGORY, Column.CITY)
COLUMN_WIDTHS = {Column.NAME: 150, Column.ORGANISATION: 150, Column.EMAIL: 170,
                 Column.PHONE: 115, Column.CATEGORY: 160, Column.STAGE: 115, Column.CITY: 110}
SETTINGS = "people"
STRETCHED = (Column.NAME, Column.ORGANISATION, Column.EMAIL)


class _EditCommand(QUndoCommand):
    """An applied edit, undoable by writing the old values back (which syncs like any edit)."""

    def __init__(self, page: PeoplePage, person_id: str, diff: dict[str, tuple[Any, Any]],
                 name: str) -> None:
        fields = ", ".join(field_label(field).lower() for field in diff)
        # Edit > Undo shows "Undo edit of Thandeka’s phone".
        super().__init__(tr("edit of {name}’s {fields}").format(name=name, fields=fields))
        self._page = page
        self._person_id = person_id
        self._diff = diff
        self._first = True

    def redo(self) -> None:
        if self._first:  # already applied when it was saved
            self._first = False
            return
        self._page.apply_values(self._person_id, {k: new for k, (_, new) in self._diff.items()})

    def undo(self) -> None:
        self._page.apply_values(self._person_id, {k: old for k, (old, _) in self._diff.items()})


class PeoplePage(Page):
    title = "People"
    shows = ("people", "organisations", "tags", "person_tags", "consents")
    #: The dashboard opens its people figures here (a RecordsRequest for these tables).
    record_tables = ("people",)

    def __init__(self, app: AppServices, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(app, ops, parent)
        self.undo_stack = QUndoStack(self)
        self.model = PeopleTableModel(app.people, self)

        self.search = QLineEdit()
        self.search.setObjectName("peopleSearch")
        self.search.setPlaceholderText(tr("Search names, emails, phones, organisations…  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = after_typing(self.search, self.apply_filter, self)
        self.search.returnPressed.connect(self.apply_filter)

        self.category = choice_combo(choices(StakeholderCategory), tr("All categories"),
                                     shrink=True)
        self.category.setObjectName("categoryFilter")
        self.tag = QComboBox()
        self.tag.setObjectName("tagFilter")
        self.stage = choice_combo(choices(PipelineStage), tr("All stages"), shrink=True)
        self.stage.setObjectName("stageFilter")
        for combo in (self.category, self.tag, self.stage):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.add_button = QPushButton(tr("&Add person"))
        self.add_button.setObjectName("addPerson")
        self.add_button.setToolTip(tr("Add a person (Ctrl+N)"))
        self.add_button.clicked.connect(self.add_person)
        self.import_button = QPushButton(tr("&Import…"))
        self.import_button.setObjectName("importPeople")
        self.import_button.setToolTip(tr("Import a contact list: CSV, Excel, vCard or a calendar"))
        self.import_button.clicked.connect(self.open_import)
        self.export_button = QPushButton(tr("E&xport…"))
        self.export_button.setObjectName("exportPeople")
        self.export_button.setToolTip(tr("Export people, organisations or the calendar"))
        self.export_button.clicked.connect(self.open_export)
        self.import_wizard: Any = None
        self.export_dialog: Any = None
        self.count = QLabel()
        self.count.setObjectName("peopleCount")
        # Shown when a dashboard figure opened the page at the people it counted.
        self._only: frozenset[str] | None = None
        self.records_bar = RecordsBar()
        self.records_bar.cleared.connect(self.clear_records)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(self.category, 1)
        bar.addWidget(self.tag, 1)
        bar.addWidget(self.stage, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.import_button)
        bar.addWidget(self.export_button)

        self.table = QTableView()
        self.table.setObjectName("peopleTable")
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
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        # Name, organisation and email share whatever width there is (they hold the long
        # texts); the short columns keep their width. So the key columns fit at 1280x800 and
        # a wide screen shows long names and addresses whole.
        for column in STRETCHED:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column in HIDDEN_AT_FIRST:
            header.setSectionHidden(column, True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.setToolTip(tr("Right-click to show or hide columns"))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.empty = QLabel()
        self.empty.setObjectName("peopleEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("font-size: 13pt; color: palette(mid); padding: 40px;")
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty)

        self.editor = PersonEditor(self)
        self.editor.saved.connect(self._person_saved)
        self.editor.deleted.connect(self._person_deleted)
        self.no_selection = QLabel(tr("Select a person to see and edit their details."))
        self.no_selection.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_selection.setWordWrap(True)
        self.detail_stack = QStackedWidget()
        self.detail_stack.addWidget(self.no_selection)
        self.detail_stack.addWidget(self.editor)

        self.splitter = splitter = QSplitter()
        splitter.setObjectName("peopleSplitter")
        splitter.addWidget(self.list_stack)
        splitter.addWidget(self.detail_stack)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([740, 340])

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.records_bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count)

        self._add_actions()
        self._update_counts()
        self.restore_layout()
        # Nothing is read until the page is first shown (refresh): start-up stays fast.

    def _add_actions(self) -> None:
        # Window-wide while the page is shown (Qt ignores shortcuts of hidden widgets), so they
        # keep working when focus is on the sidebar or nowhere, e.g. after a dialog closed.
        for keys, text, slot in (
            (QKeySequence.StandardKey.Find, tr("Search people"), self.focus_search),
            (QKeySequence.StandardKey.New, tr("Add a person"), self.add_person),
            (QKeySequence.StandardKey.Save, tr("Save the person"), self.editor.save),
        ):
            action = QAction(text, self)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        # Ctrl+Z / Ctrl+Shift+Z live on the window's Edit menu, which follows this stack
        # while the page is shown; these are the same commands, for the page's own use.
        self.undo_action = self.undo_stack.createUndoAction(self, tr("&Undo"))
        self.redo_action = self.undo_stack.createRedoAction(self, tr("&Redo"))

    # -- columns, splitter: shown as the person left them -------------------------------
    def _column_menu(self, at: QPoint) -> None:
        menu = self.column_menu()
        menu.exec(self.table.horizontalHeader().mapToGlobal(at))

    def column_menu(self) -> QMenu:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column in Column:
            action = menu.addAction(column.title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column is not Column.NAME)  # the name always shows
            action.toggled.connect(lambda on, c=column: self.show_column(c, on))
        return menu

    def show_column(self, column: Column, shown: bool) -> None:
        self.table.horizontalHeader().setSectionHidden(column, not shown)
        self.save_layout()

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue(f"{SETTINGS}/header", self.table.horizontalHeader().saveState())
        settings.setValue(f"{SETTINGS}/splitter", self.splitter.saveState())

    def restore_layout(self) -> None:
        settings = QSettings()
        state = settings.value(f"{SETTINGS}/header")
        if state is not None:
            header = self.table.horizontalHeader()
            header.restoreState(state)
            for column in STRETCHED:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        splitter = settings.value(f"{SETTINGS}/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    # -- filtering -----------------------------------------------------------------------
    def reload_choices(self) -> None:
        self.editor.set_organisations([(o.id, o.name) for o in self.app.organisations.choices()])
        tags = self.app.tags.choices()
        self.editor.set_tag_names([tag.name for tag in tags])
        current = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(tr("All tags"), None)
        for tag in tags:
            self.tag.addItem(tag.name, tag.id)
        select_data(self.tag, current)
        self.tag.blockSignals(False)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def current_filter(self) -> PeopleFilter:
        old = self.model.filter
        return PeopleFilter(
            search=self.search.text(),
            category=self.category.currentData(),
            tag_id=self.tag.currentData(),
            pipeline_stage=self.stage.currentData(),
            sort=old.sort,
            descending=old.descending,
            only=self._only,
        )

    def apply_filter(self) -> None:
        self._search_timer.stop()
        selected = self.selected_person_id()
        self.model.set_filter(self.current_filter())
        self._update_counts()
        if selected:
            self.select_person(selected)

    def _update_counts(self) -> None:
        shown = self.model.rowCount()
        flt = self.model.filter
        filtered = bool(flt.search.strip() or flt.category or flt.tag_id or flt.pipeline_stage
                        or flt.only is not None)
        if shown:
            self.list_stack.setCurrentWidget(self.table)
        elif filtered:
            self.empty.setText(
                tr(
                    "No one matches these filters.\nTry fewer words, or clear "
                    "the category, tag and stage filters."
                )
            )
            self.list_stack.setCurrentWidget(self.empty)
        else:
            self.empty.setText(
                tr(
                    "No people yet.\nAdd someone with “Add person” (Ctrl+N), or "
                    "import a contact list."
                )
            )
            self.list_stack.setCurrentWidget(self.empty)
        self.count.setText(tr("{n:,} people").format(n=shown) if shown != 1 else tr("1 person"))

    def show_records(self, request: object) -> None:
        """Show just the people a dashboard figure counted (``request.table == "people"``,
        ``request.ids``), under its title, until "Show all"."""
        if getattr(request, "table", None) != "people":
            return
        self._only = frozenset(getattr(request, "ids", ()))
        self.records_bar.show_title(str(getattr(request, "title", "")))
        self.apply_filter()

    def clear_records(self) -> None:
        self._only = None
        self.records_bar.hide()
        self.apply_filter()

    # -- selection and editing -----------------------------------------------------------
    def selected_person_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ID_ROLE) if rows else None

    def open_person(self, person_id: str) -> None:
        """Show one person (the existing record a duplicate warning points at)."""
        if not self.select_person(person_id):
            self._only = None
            self.records_bar.hide()
            self.search.clear()
            self.apply_filter()
            self.select_person(person_id)

    def select_person(self, person_id: str) -> bool:
        row = self.model.row_of(person_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        person_id = self.selected_person_id()
        if person_id is None:
            if self.editor.person_id is not None:
                self.detail_stack.setCurrentWidget(self.no_selection)
            return
        self.editor.show_person(person_id)
        self.detail_stack.setCurrentWidget(self.editor)

    def add_person(self) -> None:
        self.table.clearSelection()
        self.editor.show_person(None)
        self.detail_stack.setCurrentWidget(self.editor)
        self.editor.inputs["first_name"].setFocus()

    def apply_values(self, person_id: str, values: dict[str, Any]) -> None:
        """Write values (from undo/redo) and show the result."""
        people = self.app.people
        self.ops.write(lambda: people.update(person_id, values),
                       lambda _diff: self._person_saved(person_id),
                       parent=self, title=tr("Could not undo"))

    def remember_edit(self, person_id: str, diff: dict[str, tuple[Any, Any]],
                      name: str) -> None:
        """A saved edit, so Edit > Undo can write the old values back."""
        self.undo_stack.push(_EditCommand(self, person_id, diff, name))

    def _person_saved(self, person_id: str) -> None:
        self.model.invalidate()  # names may have moved in the order: re-read on next filter
        if self.model.row_of(person_id) >= 0:
            self.model.refresh_person(person_id)
        else:
            self.apply_filter()
            self._update_counts()
        self.select_person(person_id)
        if self.editor.person_id == person_id:
            self.editor.show_person(person_id)

    def _person_deleted(self, _person_id: str) -> None:
        self.detail_stack.setCurrentWidget(self.no_selection)
        self.editor.person_id = None
        self.undo_stack.clear()
        self.model.invalidate()
        self.apply_filter()

    # -- import and export ----------------------------------------------------------------
    # The wizard and dialog load the file readers (openpyxl, icalendar...) on first use only.
    def open_import(self) -> None:
        from saypro_desktop.ui.imports.wizard import ImportWizard

        wizard = ImportWizard(self.app, self.ops, self)
        self.import_wizard = wizard
        wizard.finished.connect(lambda _result: self._forget_import(wizard))
        wizard.open()

    def _forget_import(self, wizard: Any) -> None:
        if self.import_wizard is wizard:
            self.import_wizard = None
        wizard.deleteLater()

    def open_export(self) -> None:
        from saypro_desktop.ui.imports.export_dialog import ExportDialog

        dialog = ExportDialog(self.app, self.ops, self)
        self.export_dialog = dialog
        dialog.finished.connect(lambda _result: self._forget_export(dialog))
        dialog.open()

    def _forget_export(self, dialog: Any) -> None:
        if self.export_dialog is dialog:
            self.export_dialog = None
        dialog.deleteLater()

    def changes_arrived(self, changes: ChangeSet) -> None:
        """A few people edited (here or by another page) refresh their rows in place; anything
        larger, or a person not in the list yet, reloads the list."""
        if changes.tables <= {"people"} and len(changes.ids) <= 50 and all(
            self.model.row_of(person_id) >= 0 for person_id in changes.ids
        ):
            for person_id in changes.ids:
                self.model.refresh_person(person_id)
            return
        super().changes_arrived(changes)

    def refresh(self) -> None:
        """Pick up changes made elsewhere (another page, an import, a sync, the CLI)."""
        self.reload_choices()
        self.model.invalidate()
        self.apply_filter()
