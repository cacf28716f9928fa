"""The person form in the People page's detail pane: every field, tags, consent per channel.

Fields scroll inside the pane (never sideways); Save and Revert sit below the scrolling
part so they are always visible. Saving writes fields, tags and changed consent answers in
one unit of work through the operations runner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.enums import (
    ConsentChannel,
    ConsentStatus,
    PipelineStage,
    Priority,
    StakeholderCategory,
)
from saypro_desktop.domain.errors import SayProError
from saypro_desktop.domain.people import format_phone
from saypro_desktop.ui.errors import show_error
from saypro_desktop.ui.i18n import tr, translate
from saypro_desktop.ui.labels import choices, label
from saypro_desktop.ui.widgets.choices import (
    ChoiceListModel,
    choice_combo,
    select_data,
    shrinkable,
)

if TYPE_CHECKING:
    from saypro_desktop.ui.people.page import PeoplePage

FORM = "PersonForm"
TEXT_FIELDS = [
    ("first_name", QT_TRANSLATE_NOOP("PersonForm", "First name")),
    ("last_name", QT_TRANSLATE_NOOP("PersonForm", "Last name")),
    ("preferred_name", QT_TRANSLATE_NOOP("PersonForm", "Preferred name")),
    ("email", QT_TRANSLATE_NOOP("PersonForm", "Email")),
    ("phone", QT_TRANSLATE_NOOP("PersonForm", "Phone")),
    ("job_title", QT_TRANSLATE_NOOP("PersonForm", "Job title")),
    ("address", QT_TRANSLATE_NOOP("PersonForm", "Address")),
    ("city", QT_TRANSLATE_NOOP("PersonForm", "City")),
    ("province", QT_TRANSLATE_NOOP("PersonForm", "Province")),
    ("postal_code", QT_TRANSLATE_NOOP("PersonForm", "Postal code")),
    ("language", QT_TRANSLATE_NOOP("PersonForm", "Language")),
]
CHOICE_FIELDS: list[tuple[str, object, Any]] = [
    ("category", QT_TRANSLATE_NOOP("PersonForm", "Category"), StakeholderCategory),
    ("pipeline_stage", QT_TRANSLATE_NOOP("PersonForm", "Pipeline stage"), PipelineStage),
    ("priority", QT_TRANSLATE_NOOP("PersonForm", "Priority"), Priority),
]


def field_label(name: str) -> str:
    """What the form calls a field ("City" for ``city``), for undo texts and messages."""
    for field, text in TEXT_FIELDS:
        if field == name:
            return translate(FORM, str(text))
    for field, text, _enum in CHOICE_FIELDS:
        if field == name:
            return translate(FORM, str(text))
    known = {"organisation_id": tr("Organisation"), "notes": tr("Notes")}
    return known.get(name) or name.replace("_", " ").capitalize()


def split_tags(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class TagsEdit(QLineEdit):
    """Tags as comma-separated text; the completer offers existing tags for the last one."""

    def __init__(self) -> None:
        super().__init__()
        self._names = QStringListModel(self)
        self.tag_completer = QCompleter(self._names, self)
        self.tag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tag_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tag_completer.setWidget(self)
        self.tag_completer.activated.connect(self._complete)
        self.textEdited.connect(self._offer)
        self.setPlaceholderText(tr("Volunteer, Youth, …"))

    def set_names(self, names: list[str]) -> None:
        self._names.setStringList(names)

    def _offer(self, text: str) -> None:
        last = text.rsplit(",", 1)[-1].strip()
        popup = self.tag_completer.popup()
        self.tag_completer.setCompletionPrefix(last)
        if last and self.tag_completer.completionCount():
            self.tag_completer.complete()
        elif popup is not None:
            popup.hide()

    def _complete(self, name: str) -> None:
        before = self.text().rsplit(",", 1)[0] if "," in self.text() else ""
        kept = [*split_tags(before), name]
        self.setText(", ".join(kept) + ", ")


CONSENT_ANSWERS = [
    (None, QT_TRANSLATE_NOOP("PersonForm", "Not asked")),
    (ConsentStatus.GIVEN.value, QT_TRANSLATE_NOOP("PersonForm", "Agreed")),
    (ConsentStatus.WITHDRAWN.value, QT_TRANSLATE_NOOP("PersonForm", "Said no")),
]


class PersonEditor(QWidget):
    """The detail pane: every field of one person, editable, with Save and Revert."""

    saved = Signal(str)
    deleted = Signal(str)

    def __init__(self, page: PeoplePage) -> None:
        super().__init__()
        self._page = page
        self.person_id: str | None = None
        self._shown_timeline: str | None = None
        self._loaded: dict[str, Any] = {}
        self._loaded_tags: list[str] = []
        self._loaded_consents: dict[str, str | None] = {}

        self.heading = QLabel()
        self.heading.setObjectName("personHeading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        self.meta.setStyleSheet("color: palette(mid);")
        self.error = QLabel()
        self.error.setObjectName("editorError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.inputs: dict[str, QLineEdit] = {}
        for name, text in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"field_{name}")
            self.inputs[name] = edit
            form.addRow(translate(FORM, str(text)), shrinkable(edit))
        self.organisation = QComboBox()
        self.organisation.setObjectName("field_organisation_id")
        self._organisations = ChoiceListModel(self.organisation)
        self.organisation.setModel(self._organisations)
        form.addRow(tr("Organisation"), shrinkable(self.organisation))
        self.choices: dict[str, QComboBox] = {}
        for name, text, enum in CHOICE_FIELDS:
            combo = choice_combo(choices(enum), tr("(none)"), shrink=True)
            combo.setObjectName(f"field_{name}")
            self.choices[name] = combo
            form.addRow(translate(FORM, str(text)), combo)
        self.tags = TagsEdit()
        self.tags.setObjectName("field_tags")
        form.addRow(tr("Tags"), shrinkable(self.tags))
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("field_notes")
        self.notes.setMinimumHeight(80)
        form.addRow(tr("Notes"), shrinkable(self.notes))

        consent_box = QFrame()
        consent_grid = QGridLayout(consent_box)
        consent_grid.setContentsMargins(0, 0, 0, 0)
        self.consents: dict[str, QComboBox] = {}
        for row, channel in enumerate(ConsentChannel):
            combo = QComboBox()
            combo.setObjectName(f"consent_{channel.value}")
            for value, text in CONSENT_ANSWERS:
                combo.addItem(translate(FORM, str(text)), value)
            shrinkable(combo)
            self.consents[channel.value] = combo
            consent_grid.addWidget(QLabel(label(channel)), row, 0)
            consent_grid.addWidget(combo, row, 1)
        consent_grid.setColumnStretch(1, 1)
        consent_heading = QLabel(tr("May we contact them? (consent per channel)"))
        consent_heading.setWordWrap(True)
        consent_heading.setStyleSheet("font-weight: 600; margin-top: 8px;")

        self.save_button = QPushButton(tr("&Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(tr("Save changes (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(tr("&Revert"))
        self.revert_button.setObjectName("revertButton")
        self.revert_button.clicked.connect(self.revert)
        self.delete_button = QPushButton(tr("&Delete…"))
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.clicked.connect(self.confirm_delete)
        self.log_button = QPushButton(tr("&Log contact…"))
        self.log_button.setObjectName("logContactButton")
        self.log_button.setToolTip(tr("Log a call, letter, visit or message with this person"))
        self.log_button.clicked.connect(self.log_interaction)
        self.log_dialog: Any = None
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)

        body = QWidget()
        body.setObjectName("personFormBody")
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.heading)
        body_layout.addWidget(self.meta)
        # While a new person is typed: does someone like them already exist?
        from saypro_desktop.ui.organisations.similar import SimilarPeopleWarning

        self.similar = SimilarPeopleWarning(page.app, self.current_values, page.open_person)
        for name in ("first_name", "last_name", "email", "phone"):
            self.inputs[name].textEdited.connect(self.similar.schedule)
        body_layout.addWidget(self.similar)
        body_layout.addLayout(form)
        body_layout.addWidget(consent_heading)
        body_layout.addWidget(consent_box)
        body_layout.addStretch(1)
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setWidget(body)
        # Everything that happened with this person, newest first: read when the tab shows.
        from saypro_desktop.ui.organisations.timeline import TimelineWidget

        self.timeline = TimelineWidget(page.app, page.ops)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("personTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.form_scroll, tr("Details"))
        self.tabs.addTab(self.timeline, tr("Timeline"))
        self.tabs.setCornerWidget(self.log_button)  # beside the tabs: seen from both
        self.tabs.currentChanged.connect(lambda _i: self._show_timeline())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)  # outside the scroll area: always visible
        self.setMinimumWidth(280)

    # -- loading ---------------------------------------------------------------------------
    def set_organisations(self, pairs: list[tuple[str, str]]) -> None:
        """Thousands of organisations: one list model, not one addItem call each."""
        current = self.organisation.currentData()
        self._organisations.set_choices([(None, tr("(none)")), *pairs])
        select_data(self.organisation, current)

    def set_tag_names(self, names: list[str]) -> None:
        self.tags.set_names(names)

    def show_person(self, person_id: str | None) -> None:
        self.error.hide()
        self.similar.set_active(person_id is None)
        self.person_id = person_id
        people = self._page.app.people
        if person_id is None:  # a new, blank person
            self._loaded, self._loaded_tags, self._loaded_consents = {}, [], {}
            self.heading.setText(tr("New person"))
            self.meta.setText(tr("Fill in at least a name, then Save."))
            self.delete_button.setEnabled(False)
            self.log_button.setEnabled(False)
            self.tabs.setCurrentWidget(self.form_scroll)
        else:
            detail = people.get(person_id)
            self._loaded = dict(detail.fields)
            self._loaded_tags = list(detail.tags)
            self._loaded_consents = {c: s.status for c, s in people.consents(person_id).items()}
            first, last = detail.fields["first_name"], detail.fields["last_name"]
            self.heading.setText(" ".join(p for p in (first, last) if p) or tr("(no name)"))
            self.meta.setText(
                tr("Added {created:%d %b %Y} · last changed {updated:%d %b %Y %H:%M}").format(
                    created=detail.created_at, updated=detail.updated_at
                )
            )
            self.delete_button.setEnabled(True)
            self.log_button.setEnabled(True)
        self.tabs.setTabEnabled(self.tabs.indexOf(self.timeline), person_id is not None)
        self._shown_timeline = None
        self._show_timeline()
        self._fill()

    def _show_timeline(self) -> None:
        """Read the timeline only while its tab is in front (and once per person)."""
        if self.tabs.currentWidget() is self.timeline and self._shown_timeline != self.person_id:
            self._shown_timeline = self.person_id
            self.timeline.show_person(self.person_id)

    def log_interaction(self) -> None:
        """The outreach form, already pointed at this person."""
        if self.person_id is None:
            return
        from saypro_desktop.ui.outreach.log_dialog import open_log_dialog

        self.log_dialog = open_log_dialog(self._page.app, self._page.ops, self,
                                          person_id=self.person_id, name=self.heading.text())

    def _fill(self) -> None:
        values = self._loaded
        for name, edit in self.inputs.items():
            value = values.get(name)
            edit.setText(format_phone(value) if name == "phone" else (value or ""))
            edit.setCursorPosition(0)
        select_data(self.organisation, values.get("organisation_id"))
        for name, combo in self.choices.items():
            select_data(combo, values.get(name))
        self.notes.setPlainText(values.get("notes") or "")
        self.tags.setText(", ".join(self._loaded_tags))
        for channel, combo in self.consents.items():
            select_data(combo, self._loaded_consents.get(channel))

    # -- what changed ----------------------------------------------------------------------
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

    def tag_changes(self) -> list[str] | None:
        """The tags as typed, or None if they are the ones loaded."""
        typed = split_tags(self.tags.text())
        same = [t.lower() for t in typed] == [t.lower() for t in self._loaded_tags]
        return None if same else typed

    def consent_changes(self) -> dict[str, str]:
        """channel -> new answer, for channels whose answer was changed (to an answer)."""
        changed: dict[str, str] = {}
        for channel, combo in self.consents.items():
            value = combo.currentData()
            if value is not None and value != self._loaded_consents.get(channel):
                changed[channel] = value
        return changed

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> None:
        person_id = self.person_id
        fields = self.current_values() if person_id is None else self.changes()
        tags, consents = self.tag_changes(), self.consent_changes()
        if person_id is not None and not (fields or tags is not None or consents):
            return
        people = self._page.app.people
        self._page.ops.write(
            lambda: people.save(person_id, fields, tags=tags, consents=consents),
            self._saved, on_error=self._save_failed,
        )

    def _saved(self, result: tuple[str, dict[str, tuple[Any, Any]]]) -> None:
        person_id, diff = result
        if diff:
            first = self.inputs["preferred_name"].text() or self.inputs["first_name"].text()
            self._page.remember_edit(person_id, diff, first or self.heading.text())
        self.show_person(person_id)
        self.saved.emit(person_id)
        self._page.ops.say(tr("Saved {name}.").format(name=self.heading.text()))

    def _save_failed(self, error: BaseException) -> None:
        if isinstance(error, SayProError):
            self.error.setText(str(error))
            self.error.show()
            return
        show_error(self, tr("Could not save"), error)

    def revert(self) -> None:
        self.error.hide()
        self._fill()

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
            name = self.heading.text()
            people = self._page.app.people

            def done(_result: object) -> None:
                self.deleted.emit(person_id)
                self._page.ops.say(tr("Deleted {name}.").format(name=name))

            self._page.ops.write(lambda: people.delete(person_id), done,
                                 parent=self, title=tr("Could not delete"))
