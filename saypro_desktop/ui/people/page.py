"""The People page: a searchable, sortable list of everyone, with a pane to view and edit one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.changes import ChangeSet
from saypro_desktop.domain.enums import PipelineStage, Priority, StakeholderCategory
from saypro_desktop.domain.errors import SayProError
from saypro_desktop.domain.people import format_phone
from saypro_desktop.services import people as people_service
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.organisations import list_organisations
from saypro_desktop.services.people import PeopleFilter
from saypro_desktop.services.tags import list_tags
from saypro_desktop.ui.operations import Operations
from saypro_desktop.ui.people.model import ROW_ID_ROLE, Column, PeopleTableModel
from saypro_desktop.ui.widgets.page import Page

SEARCH_DELAY_MS = 150

TEXT_FIELDS = [
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("preferred_name", "Preferred name"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("job_title", "Job title"),
    ("address", "Address"),
    ("city", "City"),
    ("province", "Province"),
    ("postal_code", "Postal code"),
    ("language", "Language"),
]
CHOICE_FIELDS = [
    ("category", "Category", StakeholderCategory),
    ("pipeline_stage", "Pipeline stage", PipelineStage),
    ("priority", "Priority", Priority),
]


def tr(text: str) -> str:
    return QCoreApplication.translate("PeoplePage", text)


def _choice_combo(choices: list[tuple[str, str]], empty: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(empty, None)
    for value, label in choices:
        combo.addItem(label, value)
    return combo


def _select_data(combo: QComboBox, value: Any) -> None:
    model = combo.model()
    if isinstance(model, ChoiceListModel):
        combo.setCurrentIndex(max(model.row_of(value), 0))
        return
    index = combo.findData(value)
    if index < 0 and value is not None:  # a value from a newer version: show it as-is
        combo.addItem(str(value), value)
        index = combo.count() - 1
    combo.setCurrentIndex(max(index, 0))


class ChoiceListModel(QAbstractListModel):
    """(value, label) pairs for a combo box, set in one go."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._choices: list[tuple[Any, str]] = []
        self._rows: dict[Any, int] = {}

    def set_choices(self, choices: list[tuple[Any, str]]) -> None:
        self.beginResetModel()
        self._choices = choices
        self._rows = {value: row for row, (value, _label) in enumerate(choices)}
        self.endResetModel()

    def row_of(self, value: Any) -> int:
        return self._rows.get(value, -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._choices)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._choices):
            return None
        value, label = self._choices[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.UserRole:
            return value
        return None


class _EditCommand(QUndoCommand):
    """An applied edit, undoable by writing the old values back (which syncs like any edit)."""

    def __init__(self, page: PeoplePage, person_id: str, diff: dict[str, tuple[Any, Any]]) -> None:
        names = ", ".join(diff)
        super().__init__(tr("Edit {fields}").format(fields=names))
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


class PersonEditor(QWidget):
    """The detail pane: every field of one person, editable, with Save and Revert."""

    saved = Signal(str)
    deleted = Signal(str)

    def __init__(self, page: PeoplePage) -> None:
        super().__init__()
        self._page = page
        self.person_id: str | None = None
        self._loaded: dict[str, Any] = {}

        self.heading = QLabel()
        self.heading.setObjectName("personHeading")
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.meta = QLabel()
        self.meta.setStyleSheet("color: palette(mid);")
        self.error = QLabel()
        self.error.setObjectName("editorError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()

        form = QFormLayout()
        self.inputs: dict[str, QLineEdit] = {}
        for name, label in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"field_{name}")
            self.inputs[name] = edit
            form.addRow(tr(label), edit)
        self.organisation = QComboBox()
        self.organisation.setObjectName("field_organisation_id")
        self._organisations = ChoiceListModel(self.organisation)
        self.organisation.setModel(self._organisations)
        form.addRow(tr("Organisation"), self.organisation)
        self.choices: dict[str, QComboBox] = {}
        for name, label, enum in CHOICE_FIELDS:
            combo = _choice_combo(enum.choices(), tr("(none)"))
            combo.setObjectName(f"field_{name}")
            self.choices[name] = combo
            form.addRow(tr(label), combo)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("field_notes")
        self.notes.setMinimumHeight(80)
        form.addRow(tr("Notes"), self.notes)
        self.tags = QLabel()
        self.tags.setWordWrap(True)
        form.addRow(tr("Tags"), self.tags)

        self.save_button = QPushButton(tr("&Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(tr("Save changes (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(tr("&Revert"))
        self.revert_button.clicked.connect(self.revert)
        self.delete_button = QPushButton(tr("&Delete…"))
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.clicked.connect(self.confirm_delete)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.heading)
        body_layout.addWidget(self.meta)
        body_layout.addWidget(self.error)
        # While a new person is typed: does someone like them already exist?
        from saypro_desktop.ui.organisations.similar import SimilarPeopleWarning

        self.similar = SimilarPeopleWarning(page.app, self.current_values, page.open_person)
        for name in ("first_name", "last_name", "email", "phone"):
            self.inputs[name].textEdited.connect(self.similar.schedule)
        body_layout.addWidget(self.similar)
        body_layout.addLayout(form)
        body_layout.addLayout(buttons)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def set_organisations(self, choices: list[tuple[str, str]]) -> None:
        """Thousands of organisations: one list model, not one addItem call each."""
        current = self.organisation.currentData()
        self._organisations.set_choices([(None, tr("(none)")), *choices])
        _select_data(self.organisation, current)

    def show_person(self, person_id: str | None) -> None:
        self.error.hide()
        self.similar.set_active(person_id is None)
        self.person_id = person_id
        if person_id is None:  # a new, blank person
            self._loaded = {}
            self.heading.setText(tr("New person"))
            self.meta.setText(tr("Fill in at least a name, then Save."))
            self.delete_button.setEnabled(False)
            self.tags.setText("")
        else:
            detail = people_service.get_person(self._page.db, person_id)
            self._loaded = dict(detail.fields)
            first, last = detail.fields["first_name"], detail.fields["last_name"]
            self.heading.setText(" ".join(p for p in (first, last) if p) or tr("(no name)"))
            self.meta.setText(
                tr("Added {created:%d %b %Y} · last changed {updated:%d %b %Y %H:%M}").format(
                    created=detail.created_at, updated=detail.updated_at
                )
            )
            self.delete_button.setEnabled(True)
            self.tags.setText(", ".join(detail.tags) or tr("none"))
        self._fill(self._loaded)

    def _fill(self, values: dict[str, Any]) -> None:
        for name, edit in self.inputs.items():
            value = values.get(name)
            edit.setText(format_phone(value) if name == "phone" else (value or ""))
        _select_data(self.organisation, values.get("organisation_id"))
        for name, combo in self.choices.items():
            _select_data(combo, values.get(name))
        self.notes.setPlainText(values.get("notes") or "")

    def current_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {name: edit.text() for name, edit in self.inputs.items()}
        values["organisation_id"] = self.organisation.currentData()
        for name, combo in self.choices.items():
            values[name] = combo.currentData()
        values["notes"] = self.notes.toPlainText()
        return values

    def changes(self) -> dict[str, Any]:
        """Only the fields the person actually changed (phones compared as shown)."""
        changed = {}
        for name, value in self.current_values().items():
            old = self._loaded.get(name)
            shown_old = format_phone(old) if name == "phone" else (old or "")
            if (value or "") != (shown_old or "") and not (value is None and old is None):
                changed[name] = value
        return changed

    def save(self) -> None:
        try:
            if self.person_id is None:
                new_id = people_service.add_person(self._page.db, self.current_values())
                self.show_person(new_id)
                self.saved.emit(new_id)
                return
            changes = self.changes()
            if not changes:
                return
            diff = people_service.update_person(self._page.db, self.person_id, changes)
        except SayProError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        if diff:
            self._page.undo_stack.push(_EditCommand(self._page, self.person_id, diff))
        self.show_person(self.person_id)
        self.saved.emit(self.person_id)

    def revert(self) -> None:
        self.error.hide()
        self._fill(self._loaded)

    def confirm_delete(self) -> None:
        if self.person_id is None:
            return
        answer = QMessageBox.question(
            self,
            tr("Delete person"),
            tr("Delete {name}? The deletion will reach other laptops when you sync.").format(
                name=self.heading.text()
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            person_id = self.person_id
            people_service.delete_person(self._page.db, person_id)
            self.deleted.emit(person_id)


class PeoplePage(Page):
    title = "People"
    shows = ("people", "organisations", "tags", "person_tags", "consents")

    def __init__(self, app: AppServices, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(app, ops, parent)
        self.db = app.db
        db = self.db
        self.undo_stack = QUndoStack(self)
        self.model = PeopleTableModel(db, self)

        self.search = QLineEdit()
        self.search.setObjectName("peopleSearch")
        self.search.setPlaceholderText(tr("Search names, emails, phones, organisations…  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filter)

        self.category = _choice_combo(StakeholderCategory.choices(), tr("All categories"))
        self.category.setObjectName("categoryFilter")
        self.tag = QComboBox()
        self.tag.setObjectName("tagFilter")
        self.stage = _choice_combo(PipelineStage.choices(), tr("All stages"))
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
        header.setStretchLastSection(True)
        for column, width in (
            (Column.NAME, 200),
            (Column.ORGANISATION, 220),
            (Column.EMAIL, 220),
            (Column.PHONE, 130),
            (Column.CATEGORY, 160),
            (Column.STAGE, 130),
        ):
            header.resizeSection(column, width)
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

        splitter = QSplitter()
        splitter.addWidget(self.list_stack)
        splitter.addWidget(self.detail_stack)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 420])

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count)

        self._add_actions()
        self._update_counts()
        # Nothing is read until the page is first shown (refresh): start-up stays fast.

    def _add_actions(self) -> None:
        for keys, slot in (
            (QKeySequence.StandardKey.Find, self.focus_search),
            (QKeySequence.StandardKey.New, self.add_person),
            (QKeySequence.StandardKey.Save, self.editor.save),
        ):
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

    # -- filtering -----------------------------------------------------------------------
    def reload_choices(self) -> None:
        self.editor.set_organisations([(o.id, o.name) for o in list_organisations(self.db)])
        current = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(tr("All tags"), None)
        for tag in list_tags(self.db):
            self.tag.addItem(tag.name, tag.id)
        _select_data(self.tag, current)
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
        filtered = bool(flt.search.strip() or flt.category or flt.tag_id or flt.pipeline_stage)
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

    # -- selection and editing -----------------------------------------------------------
    def selected_person_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ID_ROLE) if rows else None

    def open_person(self, person_id: str) -> None:
        """Show one person (the existing record a duplicate warning points at)."""
        if not self.select_person(person_id):
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
        people_service.update_person(self.db, person_id, values)
        self._person_saved(person_id)

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

        wizard = ImportWizard(self.db, self)
        self.import_wizard = wizard
        wizard.finished.connect(lambda _result: self._forget_import(wizard))
        wizard.open()

    def _forget_import(self, wizard: Any) -> None:
        if self.import_wizard is wizard:
            self.import_wizard = None
        wizard.deleteLater()

    def open_export(self) -> None:
        from saypro_desktop.ui.imports.export_dialog import ExportDialog

        dialog = ExportDialog(self.db, self)
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
