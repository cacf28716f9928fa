"""The import wizard: choose a contact list, check how its columns map, preview, import.

Every step calls :mod:`saypro_desktop.services.imports`; the wizard only shows plain
values (the plan, preview rows, the report) and never touches the database itself.
Reading, previewing and importing run through :class:`TaskRunner`, so a big file never
freezes the window; tests run them inline.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from saypro_desktop.db.engine import Database
from saypro_desktop.domain.errors import SayProError
from saypro_desktop.services import imports as imports_service
from saypro_desktop.services.imports import (
    BadRowsError,
    ImportPlan,
    ImportReport,
    PreviewRow,
    RowProblem,
)
from saypro_desktop.ui.sync.dialogs import sentence
from saypro_desktop.ui.tasks import BackgroundProgress, TaskRunner
from saypro_desktop.ui.widgets.rows import RowsModel, make_table

log = logging.getLogger(__name__)

PREVIEW_LIMIT = 10
SAMPLES_PER_COLUMN = 3
BAD_ROWS_SHOWN = 8

OPEN_FILTERS = ";;".join(
    [
        "Contact lists (*.csv *.tsv *.txt *.vcf *.xlsx *.ics)",
        "CSV, TSV or text (*.csv *.tsv *.txt)",
        "vCard (*.vcf)",
        "Excel workbook (*.xlsx)",
        "iCalendar (*.ics)",
        "All files (*)",
    ]
)

# Source ids from services.imports / interop.mapping, as a person would name them.
SOURCE_LABELS = {
    "google_new": "Google Contacts export",
    "google_legacy": "Google Contacts export (older format)",
    "outlook": "Outlook contacts export",
    "thunderbird": "Thunderbird address book",
    "mailchimp": "Mailchimp audience export",
    "ngpvan": "NGP VAN export",
    "actionkit": "ActionKit export",
    "linkedin": "LinkedIn connections export",
    "eventespresso": "Event Espresso registrations",
    "salesforce": "Salesforce export",
    "calendar_csv": "Calendar export (CSV: meetings and events)",
    "generic": "A table of contacts (columns matched by their names)",
    "vcard": "vCard contacts file",
    "ical": "iCalendar file (meetings and events)",
}

# What will happen to each previewed row: the service's action text starts with one of
# these (then a name, a row number or a reason), as a person would say it.
ACTION_PREFIXES = (
    ("possible duplicate of ", "Possible duplicate of {rest}"),
    ("same person as row ", "Same person as row {rest}"),
    ("same organisation as row ", "Same organisation as row {rest}"),
    ("already here: ", "Already here, nothing new: {rest}"),
    ("update ", "Update {rest}"),
    ("skip: ", "Skip"),  # the reason is in the Problems column
)
ACTION_LABELS = {
    "create": "New",
    "already here": "Already here",
    "skip": "Skip",
}


# What the rows of a file become, by the plan's kind.
KIND_LABELS = {
    "people": "Each row becomes a person.",
    "attendees": "Each row becomes a person on the event's RSVP list (an event still to "
                 "come) or signed in to it (an event already held).",
    "organisations": "Each row becomes an organisation.",
    "calendar": "Each row becomes a meeting.",
}


def tr(text: str) -> str:
    return QCoreApplication.translate("ImportWizard", text)


def source_label(source: str) -> str:
    label = SOURCE_LABELS.get(source)
    return tr(label) if label else source.replace("_", " ").capitalize()


def action_label(action: str) -> str:
    for prefix, template in ACTION_PREFIXES:
        if action.startswith(prefix):
            return tr(template).format(rest=action.removeprefix(prefix))
    label = ACTION_LABELS.get(action)
    return tr(label) if label else sentence(action)


def column_samples(plan: ImportPlan, per_column: int) -> dict[str, list[str]]:
    """A few different non-empty values of each column, to recognise what it holds.

    The plan keeps the rows it read (``_records``, or ``_events`` for a calendar); the
    service has no public accessor for them yet, so this reads them without a copy.
    """
    samples: dict[str, list[str]] = {header: [] for header in plan.headers}
    if plan.kind == "calendar" and not plan._records:  # an .ics file: its events
        records: list[dict[str, str]] = [
            {h: str(getattr(event, h, "") or "") for h in plan.headers}
            for event in plan._events[:200]
        ]
    else:
        records = [record for _line, record in plan._records[:200]]
    for record in records:
        for header, found in samples.items():
            value = " ".join(str(record.get(header) or "").split())
            if value and len(found) < per_column and value not in found:
                found.append(value[:60])
    return samples


def problem_lines(problems: Sequence[RowProblem], limit: int) -> list[str]:
    """'Row 4: 'abc' is not a date' for the first ``limit`` problems, then how many more."""
    lines = [
        tr("Row {row}: {message}").format(row=p.row, message=sentence(p.message))
        for p in problems[:limit]
    ]
    if len(problems) > limit:
        lines.append(tr("…and {n} more.").format(n=len(problems) - limit))
    return lines


# --- the column mapping table ----------------------------------------------------------


@dataclasses.dataclass
class MappingRow:
    column: str  # the header, as the plan's mapping names it
    shown: str  # how the table names it (vCards and calendars have field names)
    samples: str
    field: str


class MappingModel(QAbstractTableModel):
    """One line per column of the file; the third column (the target field) is editable."""

    COLUMN, SAMPLES, FIELD = range(3)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[MappingRow] = []
        self._labels: dict[str, str] = {}

    def set_rows(self, rows: Sequence[MappingRow], fields: Sequence[tuple[str, str]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._labels = dict(fields)
        self.endResetModel()

    def mapping(self) -> dict[str, str]:
        return {row.column: row.field for row in self._rows}

    def row_of(self, column: str) -> int:
        for number, row in enumerate(self._rows):
            if row.column == column:
                return number
        return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.FIELD:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.EditRole and index.column() == self.FIELD:
            return row.field
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == self.COLUMN:
                return row.shown
            if index.column() == self.SAMPLES:
                return row.samples
            return tr(self._labels.get(row.field, row.field))
        return None

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != self.FIELD:
            return False
        row = self._rows[index.row()]
        field = str(value or "")
        if field == row.field:
            return False
        row.field = field
        self.dataChanged.emit(index, index)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return [tr("Column in the file"), tr("Examples"), tr("Import as")][section]
        return None


class FieldDelegate(QStyledItemDelegate):
    """A combo box of target fields, kept open on every line so the whole mapping shows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fields: list[tuple[str, str]] = []

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName(f"mappingField{index.row()}")
        combo.setAccessibleName(
            tr("Import column {column} as").format(
                column=index.sibling(index.row(), MappingModel.COLUMN).data()
            )
        )
        for field, label in self.fields:
            combo.addItem(tr(label), field)
        combo.currentIndexChanged.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        field = index.data(Qt.ItemDataRole.EditRole) or ""
        position = editor.findData(field)
        if position < 0:  # a field this version does not offer (a newer saved mapping)
            editor.addItem(str(field), field)
            position = editor.count() - 1
        editor.blockSignals(True)
        editor.setCurrentIndex(position)
        editor.blockSignals(False)

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractTableModel,  # type: ignore[override]
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


# --- pages -----------------------------------------------------------------------------


def _heading_style(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class FilePage(QWizardPage):
    """Step 1: which file, what it holds, and an optional saved mapping."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setObjectName("importFilePage")
        self.setTitle(tr("Choose a contact list"))
        self.setSubTitle(
            tr(
                "CSV, TSV or text files, Excel workbooks (.xlsx), vCard files (.vcf) and "
                "calendars (.ics) from Google, Outlook, Thunderbird, Mailchimp and others."
            )
        )
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.path.setPlaceholderText(tr("No file chosen yet"))
        self.path.setClearButtonEnabled(True)
        self.path.textChanged.connect(lambda _t: self._path_changed())
        self.choose = QPushButton(tr("C&hoose a file…"))
        self.choose.setObjectName("chooseFile")
        self.choose.clicked.connect(lambda _checked=False: self.choose_file())
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.choose)

        self.people = QRadioButton(tr("&People: add them to the contact list"))
        self.people.setObjectName("kindPeople")
        self.people.setChecked(True)
        self.attendees = QRadioButton(
            tr("&Attendees of an event: its RSVP list, or who came to it"))
        self.attendees.setObjectName("kindAttendees")
        self.organisations = QRadioButton(tr("&Organisations: add them to the partners list"))
        self.organisations.setObjectName("kindOrganisations")
        self.kinds = QButtonGroup(self)
        self.kinds.addButton(self.people)
        self.kinds.addButton(self.attendees)
        self.kinds.addButton(self.organisations)
        self.event_picker = QComboBox()
        self.event_picker.setObjectName("eventPicker")
        self.event_picker.setEnabled(False)
        self.attendees.toggled.connect(self._kind_changed)
        self.attendees_note = QLabel()
        self.attendees_note.setObjectName("attendeesNote")
        self.attendees_note.setWordWrap(True)
        self._has_events = False
        event_row = QHBoxLayout()
        event_row.setContentsMargins(24, 0, 0, 0)
        event_row.addWidget(self.event_picker, 1)

        self.saved = QComboBox()
        self.saved.setObjectName("savedMapping")
        self.saved.setToolTip(
            tr("A column mapping you saved for an earlier file from the same tool")
        )

        kind_label = QLabel(tr("This file lists:"))
        form = QFormLayout()
        saved_label = QLabel(tr("&Saved mapping:"))
        saved_label.setBuddy(self.saved)
        file_label = QLabel(tr("&File:"))
        file_label.setBuddy(self.path)
        form.addRow(file_label, file_row)
        form.addRow(saved_label, self.saved)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(12)
        layout.addWidget(kind_label)
        layout.addWidget(self.people)
        layout.addWidget(self.attendees)
        layout.addLayout(event_row)
        layout.addWidget(self.attendees_note)
        layout.addWidget(self.organisations)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self._load_saved_mappings()
        self._load_events()

    def _load_saved_mappings(self) -> None:
        current = self.saved.currentData()
        self.saved.clear()
        self.saved.addItem(tr("None: match the columns by their names"), None)
        try:
            names = imports_service.list_mappings(self._wizard.db)
        except SayProError as exc:
            log.info("saved mappings unavailable: %s", exc)
            names = []
        for name in names:
            self.saved.addItem(name, name)
        self.saved.setCurrentIndex(max(self.saved.findData(current), 0))

    def _load_events(self) -> None:
        events = self._wizard.events()
        self.event_picker.clear()
        for event_id, label in events or []:
            self.event_picker.addItem(label, event_id)
        self._has_events = bool(events)
        self.event_picker.setVisible(bool(events))
        if not events:
            self.attendees.setEnabled(False)
            self.people.setChecked(True)
        if events is None:
            self.attendees_note.setText(
                tr(
                    "Attendee lists cannot be imported from this window yet. Use the command "
                    "line for now: saypro import FILE --kind attendees --event EVENT-ID"
                )
            )
        elif not events:
            self.attendees_note.setText(tr("There are no events yet to import attendees into."))
        else:
            self.attendees_note.setText("")
        self.attendees_note.setVisible(bool(self.attendees_note.text()))

    def _path_changed(self) -> None:
        """A calendar holds meetings and events, not people: the choice does not apply."""
        calendar = self.kind() == "calendar"
        self.people.setEnabled(not calendar)
        self.attendees.setEnabled(not calendar and self._has_events)
        self.organisations.setEnabled(not calendar)
        self.completeChanged.emit()

    def _kind_changed(self, attendees: bool) -> None:
        self.event_picker.setEnabled(attendees)
        self.completeChanged.emit()

    def choose_file(self) -> None:
        start = str(Path(self.path.text()).parent) if self.path.text().strip() else ""
        chosen, _filter = QFileDialog.getOpenFileName(
            self, tr("Choose a contact list to import"), start, tr(OPEN_FILTERS)
        )
        if chosen:
            self.path.setText(chosen)

    def kind(self) -> str:
        if Path(self.path.text().strip()).suffix.lower() == ".ics":
            return "calendar"
        if self.organisations.isChecked():
            return "organisations"
        return "attendees" if self.attendees.isChecked() else "people"

    def isComplete(self) -> bool:
        if not self.path.text().strip():
            return False
        if self.kind() == "attendees":
            return self.event_picker.currentData() is not None
        return True

    def validatePage(self) -> bool:
        wizard = self._wizard
        if wizard.take_pass():
            return True
        path = Path(self.path.text().strip()).expanduser()
        if not path.is_file():
            QMessageBox.warning(
                self,
                tr("Choose a contact list"),
                tr("There is no file at {path}. Choose the file again.").format(path=path),
            )
            return False
        kind = self.kind()
        mapping_name = self.saved.currentData()
        event_id = self.event_picker.currentData() if kind == "attendees" else None
        db = wizard.db

        def work() -> tuple[ImportPlan, dict[str, list[str]]]:
            plan = imports_service.plan_import(
                db, path, kind=kind, mapping_name=mapping_name, event_id=event_id
            )
            return plan, column_samples(plan, SAMPLES_PER_COLUMN)

        def done(result: tuple[ImportPlan, dict[str, list[str]]]) -> None:
            wizard.plan, wizard.samples = result

        return wizard.advance_with(work, done, tr("Reading the file…"), tr("Cannot use this file"))


class MappingPage(QWizardPage):
    """Step 2: where each column goes; the person corrects what was guessed."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setObjectName("importMappingPage")
        self.setTitle(tr("Match the columns"))
        self.setSubTitle(
            tr(
                "Choose what each column holds. Columns set to “Ignore” are not imported. "
                "Nothing is saved yet."
            )
        )
        self.detected = _heading_style(QLabel())
        self.detected.setObjectName("detectedSource")
        self.detected.setStyleSheet("font-weight: 600;")
        self.counts = _heading_style(QLabel())
        self.counts.setObjectName("mappingCounts")
        self.kind = _heading_style(QLabel())
        self.kind.setObjectName("importKind")

        self.model = MappingModel(self)
        self.delegate = FieldDelegate(self)
        self.table = QTableView()
        self.table.setObjectName("mappingTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(MappingModel.FIELD, self.delegate)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(MappingModel.COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MappingModel.SAMPLES, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MappingModel.FIELD, QHeaderView.ResizeMode.Interactive)

        self.save_as = QLineEdit()
        self.save_as.setObjectName("saveMappingAs")
        self.save_as.setPlaceholderText(tr("For example: Google export from the office"))
        self.save_as.setToolTip(
            tr("Give the mapping a name to use it again for next month's file from the same tool")
        )
        save_label = QLabel(tr("Sa&ve this mapping as:"))
        save_label.setBuddy(self.save_as)
        save_row = QHBoxLayout()
        save_row.addWidget(save_label)
        save_row.addWidget(self.save_as, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.detected)
        layout.addWidget(self.counts)
        layout.addWidget(self.kind)
        layout.addWidget(self.table, 1)
        layout.addLayout(save_row)

    def initializePage(self) -> None:
        plan = self._wizard.plan
        assert plan is not None
        self.detected.setText(tr("Detected: {source}").format(source=source_label(plan.source)))
        rows_text = (
            tr("1 row") if plan.row_count == 1 else tr("{n} rows").format(n=f"{plan.row_count:,}")
        )
        columns_text = (
            tr("1 column")
            if len(plan.headers) == 1
            else tr("{n} columns").format(n=len(plan.headers))
        )
        self.counts.setText(
            tr("{rows}, {columns} in {file}").format(
                rows=rows_text, columns=columns_text, file=plan.path.name
            )
        )
        kind_text = tr(KIND_LABELS.get(plan.kind, plan.kind))
        if plan.kind != self._wizard.file_page.kind() and plan.warnings:
            # The file said what it holds (a Salesforce account extract, a calendar).
            kind_text = f"{kind_text} {sentence(plan.warnings[0])}."
        self.kind.setText(kind_text)
        fields = imports_service.target_fields(plan.kind)
        self.delegate.fields = list(fields)
        labels = dict(fields)
        # vCards and calendars have no column names of their own: the plan names the
        # fields it found, so show those as a person would read them.
        named_by_field = plan.source in {"vcard", "ical"}
        samples = self._wizard.samples
        rows = [
            MappingRow(
                column,
                tr(labels.get(column, column)) if named_by_field else column,
                " · ".join(s for s in samples.get(column, []) if s) or "—",
                plan.mapping.get(column, ""),
            )
            for column in plan.headers
        ]
        self.model.set_rows(rows, fields)
        for row in range(self.model.rowCount()):
            self.table.openPersistentEditor(self.model.index(row, MappingModel.FIELD))
        self.table.resizeColumnToContents(MappingModel.COLUMN)
        header = self.table.horizontalHeader()
        header.resizeSection(MappingModel.COLUMN, min(header.sectionSize(0) + 16, 240))
        header.resizeSection(MappingModel.FIELD, 300)
        self.table.verticalHeader().setDefaultSectionSize(
            max(self.table.verticalHeader().defaultSectionSize(), 30)
        )

    def combo_for(self, column: str) -> QComboBox:
        """The field chooser on the line of ``column``."""
        widget = self.table.indexWidget(self.model.index(self.model.row_of(column), 2))
        assert isinstance(widget, QComboBox)
        return widget

    def validatePage(self) -> bool:
        wizard = self._wizard
        if wizard.take_pass():
            return True
        assert wizard.plan is not None
        plan = dataclasses.replace(wizard.plan, mapping=self.model.mapping())
        if not any(plan.mapping.values()):
            QMessageBox.warning(
                self,
                tr("Match the columns"),
                tr("Every column is set to “Ignore”. Choose what at least one column holds."),
            )
            return False
        name = self.save_as.text().strip()
        db = wizard.db

        def work() -> list[PreviewRow]:
            if name:
                imports_service.save_mapping(db, name, plan)
            return imports_service.preview(db, plan, PREVIEW_LIMIT)

        def done(rows: list[PreviewRow]) -> None:
            wizard.plan = plan
            wizard.preview_rows = rows

        return wizard.advance_with(
            work, done, tr("Preparing the preview…"), tr("Cannot preview this file")
        )


class PreviewPage(QWizardPage):
    """Step 3: the first rows exactly as they will be stored, and what happens to each."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setObjectName("importPreviewPage")
        self.setTitle(tr("Check before importing"))
        self.setSubTitle(
            tr(
                "The first rows as they will be stored. A backup is made first, and the "
                "import is applied whole or not at all."
            )
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, tr("&Import"))
        self.summary = _heading_style(QLabel())
        self.summary.setObjectName("previewSummary")
        self.model: RowsModel[PreviewRow] = RowsModel([], lambda _row: [], self)
        self.table = make_table(self.model, "previewTable")
        self.warnings = _heading_style(QLabel())
        self.warnings.setObjectName("previewWarnings")
        self.warnings.setStyleSheet("color: #8a5300;")
        self.message = _heading_style(QLabel())
        self.message.setObjectName("previewMessage")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warnings)
        layout.addWidget(self.message)

    def initializePage(self) -> None:
        wizard = self._wizard
        plan = wizard.plan
        assert plan is not None
        labels = dict(imports_service.target_fields(plan.kind))
        labels["organisation"] = labels.pop("organisation_name", "Organisation")
        rows = wizard.preview_rows
        order = [*labels, *sorted({f for r in rows for f in r.values} - set(labels))]
        fields = [f for f in order if f and any(r.values.get(f) for r in rows)]

        def cells(row: PreviewRow) -> list[str]:
            return [
                str(row.row),
                action_label(row.action),
                "; ".join(sentence(p) for p in row.problems),
                *(row.values.get(field) or "" for field in fields),
            ]

        # Problems come third so they show without scrolling; a cell's tooltip has it all.
        headers = [
            tr("Row"),
            tr("What will happen"),
            tr("Problems"),
            *(tr(labels.get(f, f.replace("_", " ").capitalize())) for f in fields),
        ]
        old, self.model = self.model, RowsModel(headers, cells, self)
        self.model.set_rows(rows)
        self.table.setModel(self.model)
        old.deleteLater()
        self.table.setColumnHidden(2, not any(r.problems for r in rows))
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(header.count()):
            header.resizeSection(column, min(header.sectionSize(column) + 12, 240))

        self.summary.setText(
            tr("Showing the first {shown} of {total} rows.").format(
                shown=len(rows), total=f"{plan.row_count:,}"
            )
            if plan.row_count > len(rows)
            else tr("All rows of the file ({total}).").format(total=f"{plan.row_count:,}")
        )
        warnings = list(plan.warnings)
        if warnings:
            lines = [sentence(w) for w in warnings[:BAD_ROWS_SHOWN]]
            if len(warnings) > BAD_ROWS_SHOWN:
                lines.append(tr("…and {n} more.").format(n=len(warnings) - BAD_ROWS_SHOWN))
            self.warnings.setText(
                "\n".join([tr("Worth checking in the file:"), *(f"  • {w}" for w in lines)])
            )
        else:
            self.warnings.setText("")
        self.warnings.setVisible(bool(warnings))
        self.message.setText("")
        self.message.hide()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def validatePage(self) -> bool:
        wizard = self._wizard
        if wizard.take_pass():
            return True
        self.show_message("")
        return wizard.start_import("cancel")


class ReportPage(QWizardPage):
    """Step 5: what the import did, and every row it left out with the reason."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setObjectName("importReportPage")
        self.setTitle(tr("Import finished"))
        self.summary = _heading_style(QLabel())
        self.summary.setObjectName("reportSummary")
        self.summary.setStyleSheet("font-size: 11pt;")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_label = _heading_style(
            QLabel(tr("Rows left out, and values left out of imported rows:"))
        )
        self.model: RowsModel[tuple[str, RowProblem]] = RowsModel(
            [tr("Row"), tr("Result"), tr("Reason")],
            lambda item: [str(item[1].row), item[0], sentence(item[1].message)],
            self,
        )
        self.table = make_table(self.model, "reportProblems")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.table, 1)
        layout.addStretch(0)  # takes the space when there is no table to show
        self._layout = layout

    def initializePage(self) -> None:
        wizard = self._wizard
        report = wizard.report
        assert report is not None
        calendar = wizard.plan is not None and wizard.plan.kind == "calendar"
        organisations = wizard.plan is not None and wizard.plan.kind == "organisations"
        lines = []
        if report.dry_run:
            lines.append(tr("Trial run: nothing was written."))
        if calendar:
            lines.append(tr("New meetings: {n}").format(n=f"{report.created:,}"))
            lines.append(tr("Already here: {n}").format(n=f"{report.unchanged:,}"))
        elif organisations:
            lines += [
                tr("New organisations: {n}").format(n=f"{report.created:,}"),
                tr("Updated (empty fields filled in): {n}").format(n=f"{report.updated:,}"),
                tr("Already here, nothing new: {n}").format(n=f"{report.unchanged:,}"),
                tr("Rows merged with another row: {n}").format(n=f"{report.merged:,}"),
            ]
        else:
            lines += [
                tr("New people: {n}").format(n=f"{report.created:,}"),
                tr("Updated (empty fields filled in): {n}").format(n=f"{report.updated:,}"),
                tr("Already here, nothing new: {n}").format(n=f"{report.unchanged:,}"),
                tr("Rows merged with another row or person: {n}").format(n=f"{report.merged:,}"),
                tr("Possible duplicates to check: {n}").format(n=f"{report.queued_duplicates:,}"),
            ]
            if report.organisations_created:
                lines.append(
                    tr("New organisations: {n}").format(n=f"{report.organisations_created:,}")
                )
            if report.consents_recorded:
                lines.append(
                    tr("Consent answers recorded: {n}").format(n=f"{report.consents_recorded:,}")
                )
            if report.sign_ins_created:
                lines.append(tr("Signed in to the event: {n}").format(n=report.sign_ins_created))
            if report.rsvps_added:
                lines.append(tr("Added to the RSVP list: {n}").format(n=report.rsvps_added))
        lines.append(tr("Rows skipped: {n}").format(n=f"{len(report.skipped):,}"))
        if report.queued_duplicates:
            lines.append(
                tr("Check the possible duplicates on the Sync page, Possible duplicates tab.")
            )
        self.summary.setText("\n".join(lines))
        items = [(tr("Skipped"), p) for p in report.skipped]
        items += [(tr("Value left out"), p) for p in report.warnings if p.row]
        self.model.set_rows(items)
        self.table.resizeColumnsToContents()
        self.problems_label.setVisible(bool(items))
        self.table.setVisible(bool(items))
        self._layout.setStretch(3, 0 if items else 1)


# --- the wizard ------------------------------------------------------------------------


class ImportWizard(QWizard):
    """Import a contact list: file → mapping → preview → import → report."""

    FILE, MAPPING, PREVIEW, REPORT = range(4)

    imported = Signal(object)  # the ImportReport, so the People page can refresh

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = TaskRunner(self)
        self.plan: ImportPlan | None = None
        self.samples: dict[str, list[str]] = {}
        self.preview_rows: list[PreviewRow] = []
        self.report: ImportReport | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.bad_rows_box: QMessageBox | None = None
        self.busy = False
        self._pass = False
        self._events: list[tuple[str, str]] | None = None

        self.setObjectName("importWizard")
        self.setWindowTitle(tr("Import contacts"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("Cancel"))
        self.resize(920, 620)

        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.report_page = ReportPage(self)
        self.setPage(self.FILE, self.file_page)
        self.setPage(self.MAPPING, self.mapping_page)
        self.setPage(self.PREVIEW, self.preview_page)
        self.setPage(self.REPORT, self.report_page)

    # -- events for attendee imports -----------------------------------------------------
    def events(self) -> list[tuple[str, str]] | None:
        """(event id, label) to import attendees into, newest first."""
        from saypro_desktop.services.events import list_event_choices

        return [(choice.id, choice.label) for choice in list_event_choices(self.db)]

    def reject(self) -> None:
        """Cancel closes the wizard, except while work runs (the progress dialog stops it)."""
        if self.busy:
            return
        super().reject()

    # -- stepping with background work ---------------------------------------------------
    def take_pass(self) -> bool:
        """True once after background work finished: the page may be left without redoing it."""
        passed, self._pass = self._pass, False
        return passed

    def advance_with(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        doing: str,
        failed_title: str,
    ) -> bool:
        """Run ``work`` in the background; on success store its result and go on a page.

        Returns True when the work already finished (tests run it inline), so the wizard
        moves on at once; otherwise the page stays until the result arrives.
        """
        if self.busy:
            return False
        state = {"inline": True, "ok": False}
        self._set_busy(True, doing)

        def on_done(result: Any) -> None:
            self._set_busy(False)
            done(result)
            if state["inline"]:
                state["ok"] = True
            else:
                self._pass = True
                self.next()

        def on_error(error: BaseException) -> None:
            self._set_busy(False)
            self.show_error(failed_title, error)

        self.runner.run(work, on_done, on_error)
        state["inline"] = False
        return state["ok"]

    def _set_busy(self, busy: bool, doing: str = "") -> None:
        if busy and not self.busy:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        elif not busy and self.busy:
            QGuiApplication.restoreOverrideCursor()
        self.busy = busy
        for which in (
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.CommitButton,
        ):
            self.button(which).setEnabled(not busy)
        page = self.currentPage()
        if page is not None:
            page.setEnabled(not busy)
        self.setWindowTitle(f"{tr('Import contacts')} — {doing}" if busy else tr("Import contacts"))

    def show_error(self, title: str, error: BaseException) -> None:
        if isinstance(error, SayProError):
            text = sentence(error)
        elif isinstance(error, OSError):
            text = tr("The file could not be read: {reason}").format(reason=error.strerror or error)
        else:
            log.error("import step failed: %r", error)
            text = tr(
                "Something unexpected went wrong ({error}). Nothing was imported; "
                "the details are in the log."
            ).format(error=type(error).__name__)
        QMessageBox.warning(self, title, text)

    # -- the import itself ---------------------------------------------------------------
    def start_import(self, on_bad_rows: str) -> bool:
        """Import in the background with a cancellable progress dialog.

        Returns True if it already finished (inline in tests) and the report page may show.
        """
        if self.busy or self.plan is None:
            return False
        plan = self.plan
        db = self.db
        bar = BackgroundProgress(
            self, title=tr("Import contacts"), label=tr("Importing…"), cancel=tr("Cancel"),
            stopping=tr("Stopping; nothing will be written…"), object_name="importProgress",
        )
        self.progress_dialog = bar.dialog
        progress = bar.callback
        state = {"inline": True, "ok": False}

        def close_progress() -> None:
            bar.close()
            if self.progress_dialog is bar.dialog:
                self.progress_dialog = None

        def on_done(report: ImportReport) -> None:
            self._set_busy(False)
            close_progress()
            self.report = report
            self.imported.emit(report)
            if state["inline"]:
                state["ok"] = True
            else:
                self._pass = True
                self.next()

        def on_error(error: BaseException) -> None:
            self._set_busy(False)
            close_progress()
            if isinstance(error, BadRowsError) and on_bad_rows == "cancel":
                self.ask_about_bad_rows(error)
            elif bar.cancelled:
                self.preview_page.show_message(tr("You stopped the import. Nothing was written."))
            else:
                self.show_error(tr("Import failed"), error)

        self._set_busy(True, tr("Importing…"))
        self.runner.run(
            lambda: imports_service.run_import(
                db, plan, on_bad_rows=on_bad_rows, progress=progress
            ),
            on_done,
            on_error,
        )
        state["inline"] = False
        return state["ok"]

    def ask_about_bad_rows(self, error: BadRowsError) -> None:
        """Some rows cannot be understood: skip them, or import nothing at all."""
        report = error.report
        problems = report.errors or report.skipped  # the same rows: the ones left out
        count = len(problems) or 1
        text = "\n".join(
            [
                tr(
                    "{n} rows of this file cannot be understood. Nothing has been written yet."
                ).format(n=f"{count:,}")
                if count != 1
                else tr("1 row of this file cannot be understood. Nothing has been written yet."),
                "",
                *(problem_lines(problems, BAD_ROWS_SHOWN) or [sentence(error)]),
                "",
                tr(
                    "Skip these rows and import the rest, or cancel, correct the file and "
                    "import it again."
                ),
            ]
        )
        box = QMessageBox(self)
        box.setObjectName("badRowsBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Some rows cannot be imported"))
        box.setText(text)
        box.setTextFormat(Qt.TextFormat.PlainText)
        if len(problems) > BAD_ROWS_SHOWN:
            box.setDetailedText("\n".join(problem_lines(problems, len(problems))))
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.skip_button = box.addButton(
            tr("&Skip these rows and import the rest"), QMessageBox.ButtonRole.AcceptRole
        )
        self.skip_button.setObjectName("skipBadRows")
        self.cancel_import_button = box.addButton(
            tr("&Cancel the import"), QMessageBox.ButtonRole.RejectRole
        )
        self.cancel_import_button.setObjectName("cancelImport")
        box.setDefaultButton(self.skip_button)
        box.setEscapeButton(self.cancel_import_button)
        self.bad_rows_box = box

        def answered(button: QAbstractButton) -> None:
            skip = button is self.skip_button
            self.bad_rows_box = None
            box.deleteLater()
            if skip:
                if self.start_import("skip"):
                    self._pass = True
                    self.next()
            else:
                self.preview_page.show_message(tr("The import was cancelled. Nothing was written."))

        box.buttonClicked.connect(answered)
        box.open()
