"""The detail pane of the Organisations page: view and edit one organisation.

Tabs: Details (every field; a new record warns while typing when it resembles one that
exists), Members (role, primary contact), Assessment (the latest and the earlier ones,
and a form for a new one), Timeline, and Introductions (referrals).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.enums import (
    FocusArea,
    GovernmentLevel,
    MembershipRole,
    PipelineStage,
    Priority,
    StakeholderCategory,
)
from saypro_desktop.domain.errors import SayProError
from saypro_desktop.domain.organisations import ReferralOutcome, focus_area_list, label_of
from saypro_desktop.domain.people import format_phone
from saypro_desktop.services.organisations import (
    AssessmentRow,
    MemberRow,
    OrganisationMatch,
    ReferralRow,
)
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.organisations.timeline import TimelineWidget
from saypro_desktop.ui.widgets.rows import ROW_ROLE, RowsModel, make_table

if TYPE_CHECKING:
    from saypro_desktop.ui.organisations.page import OrganisationsPage

MATCH_DELAY_MS = 200
TEXT_FIELDS = [
    ("name", "Name"), ("email", "Email"), ("phone", "Phone"), ("website", "Website"),
    ("address", "Address"), ("city", "City"), ("province", "Province"), ("region", "Region"),
]
CHOICES = [
    ("category", "Category", StakeholderCategory),
    ("level", "Level", GovernmentLevel),
    ("priority", "Priority", Priority),
]
LONG_FIELDS = [
    ("strengths", "Strengths"), ("resources_offered", "Resources offered"),
    ("expected_impact", "Expected impact"), ("notes", "Notes"),
]


def choice_combo(choices: list[tuple[str, str]], empty: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(empty, None)
    for value, label in choices:
        combo.addItem(label, value)
    return combo


def select_data(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    if index < 0 and value is not None:  # a value from a newer version: shown as-is
        combo.addItem(label_of(PipelineStage, str(value)), value)
        index = combo.count() - 1
    combo.setCurrentIndex(max(index, 0))


def _long_edit(name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(f"field_{name}")
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(64)
    return edit


class DetailsTab(QWidget):
    """Every field of one organisation, with the duplicate warning above them."""

    def __init__(self, editor: OrganisationEditor) -> None:
        super().__init__()
        self.editor = editor
        self.warning = QLabel()
        self.warning.setObjectName("duplicateWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("background: #fff4ce; border: 1px solid #e0b000;"
                                   " border-radius: 4px; padding: 6px;")
        self.open_existing = QPushButton(tr("Open it"))
        self.open_existing.setObjectName("openExisting")
        self.open_existing.clicked.connect(self._open_match)
        warn_row = QHBoxLayout()
        warn_row.addWidget(self.warning, 1)
        warn_row.addWidget(self.open_existing)
        self.warning_box = QWidget()
        self.warning_box.setLayout(warn_row)
        self.warning_box.hide()
        self.matches: list[OrganisationMatch] = []

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.inputs: dict[str, QLineEdit] = {}
        for name, label in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"field_{name}")
            self.inputs[name] = edit
            form.addRow(tr(label), edit)
            if name == "phone":
                self.phone_flag = QLabel()
                self.phone_flag.setObjectName("phoneFlag")
                self.phone_flag.setWordWrap(True)
                self.phone_flag.setStyleSheet("color: #8a5300;")
                self.phone_flag.hide()
                form.addRow("", self.phone_flag)
        self.choices: dict[str, QComboBox] = {}
        for name, label, enum in CHOICES:
            combo = choice_combo(enum.choices(), tr("(not set)"))
            combo.setObjectName(f"field_{name}")
            self.choices[name] = combo
            form.addRow(tr(label), combo)
        self.focus = QWidget()
        self.focus.setObjectName("field_focus_areas")
        focus_grid = QGridLayout(self.focus)
        focus_grid.setContentsMargins(0, 0, 0, 0)
        focus_grid.setVerticalSpacing(2)
        self.focus_checks: dict[str, QCheckBox] = {}
        for number, area in enumerate(FocusArea):
            check = QCheckBox(area.label)
            check.setObjectName(f"focus_{area.value}")
            self.focus_checks[area.value] = check
            focus_grid.addWidget(check, number // 2, number % 2)
        form.addRow(tr("Focus areas"), self.focus)
        self.long: dict[str, QPlainTextEdit] = {}
        for name, label in LONG_FIELDS:
            self.long[name] = _long_edit(name)
            form.addRow(tr(label), self.long[name])
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning_box)
        layout.addLayout(form)
        layout.addStretch(1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(MATCH_DELAY_MS)
        self._timer.timeout.connect(self.check_similar)
        for name in ("name", "email", "phone"):
            self.inputs[name].textEdited.connect(lambda _t: self._timer.start())

    def fill(self, values: dict[str, Any]) -> None:
        for name, edit in self.inputs.items():
            value = values.get(name)
            edit.setText(format_phone(value) if name == "phone" else (value or ""))
            edit.setCursorPosition(0)  # a long web address shows its beginning
        for name, combo in self.choices.items():
            select_data(combo, values.get(name))
        areas = set(focus_area_list(values.get("focus_areas")))
        for value, check in self.focus_checks.items():
            check.setChecked(value in areas)
        for name, box in self.long.items():
            box.setPlainText(values.get(name) or "")
        self.warning_box.hide()

    def set_phone_problem(self, problem: str | None) -> None:
        self.phone_flag.setText(f"⚠ {problem}" if problem else "")
        self.phone_flag.setVisible(bool(problem))

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {name: edit.text() for name, edit in self.inputs.items()}
        for name, combo in self.choices.items():
            values[name] = combo.currentData()
        values["focus_areas"] = ",".join(
            value for value, check in self.focus_checks.items() if check.isChecked()) or None
        for name, box in self.long.items():
            values[name] = box.toPlainText()
        return values

    def check_similar(self) -> None:
        """While a new record is typed: does it resemble one that exists?"""
        self._timer.stop()
        if self.editor.org_id is not None:
            self.warning_box.hide()
            return
        self.matches = self.editor.page.app.organisations.similar(
            name=self.inputs["name"].text(), email=self.inputs["email"].text(),
            phone=self.inputs["phone"].text())
        if not self.matches:
            self.warning_box.hide()
            return
        best = self.matches[0]
        place = f" ({best.city})" if best.city else ""
        more = len(self.matches) - 1
        text = tr("This may already be here: {name}{place} — {why}.").format(
            name=best.name, place=place, why=best.reason)
        if more:
            text += " " + tr("And {n} more alike.").format(n=more)
        self.warning.setText(text)
        self.warning_box.show()

    def _open_match(self) -> None:
        if self.matches:
            self.editor.page.open_organisation(self.matches[0].id)


class PersonPicker(QWidget):
    """Type a few letters, pick a person from the matches."""

    def __init__(self, editor: OrganisationEditor, name: str) -> None:
        super().__init__()
        self.editor = editor
        self.search = QLineEdit()
        self.search.setObjectName(f"{name}Search")
        self.search.setPlaceholderText(tr("Type a name, email or phone…"))
        self.results = QListWidget()
        self.results.setObjectName(f"{name}Results")
        self.results.setFixedHeight(96)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        self.search.textChanged.connect(self.find_people)

    def find_people(self, text: str) -> None:
        self.results.clear()
        if len(text.strip()) < 2:
            return
        for row in self.editor.page.app.organisations.find_people(text):
            extra = ", ".join(p for p in (row.organisation, row.city) if p)
            item = QListWidgetItem(f"{row.name} — {extra}" if extra else row.name)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def person_id(self) -> str | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None


class ReferralDialog(QDialog):
    """Who introduced this organisation (and whom there), and what came of it."""

    def __init__(self, editor: OrganisationEditor) -> None:
        super().__init__(editor)
        self.setWindowTitle(tr("Record an introduction"))
        self.referrer = PersonPicker(editor, "referrer")
        self.contact = PersonPicker(editor, "introduced")
        self.outcome = choice_combo(ReferralOutcome.choices(), tr("(not yet known)"))
        self.outcome.setObjectName("referralOutcome")
        self.note = QLineEdit()
        self.note.setObjectName("referralNote")
        self.note.setPlaceholderText(tr("How the introduction came about"))
        form = QFormLayout()
        form.addRow(tr("Introduced by"), self.referrer)
        form.addRow(tr("Person introduced (optional)"), self.contact)
        form.addRow(tr("What came of it"), self.outcome)
        form.addRow(tr("Note"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


class MemberDialog(QDialog):
    """Find a person and link them with a role."""

    def __init__(self, editor: OrganisationEditor) -> None:
        super().__init__(editor)
        self.setWindowTitle(tr("Add a member"))
        self.picker = PersonPicker(editor, "member")
        self.role = choice_combo(MembershipRole.choices(), tr("(no role)"))
        self.role.setObjectName("memberRole")
        self.primary = QCheckBox(tr("Primary contact"))
        self.primary.setObjectName("memberPrimary")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Role")))
        row.addWidget(self.role, 1)
        row.addWidget(self.primary)
        layout.addLayout(row)
        layout.addWidget(buttons)

    def person_id(self) -> str | None:
        return self.picker.person_id()


def _member_cells(m: MemberRow) -> list[str]:
    return [m.name + (" ★" if m.is_primary else ""), label_of(MembershipRole, m.role),
            m.title or "", m.email or "", format_phone(m.phone)]


def _assessment_cells(a: AssessmentRow) -> list[str]:
    def score(v: int | None) -> str:
        return f"{v}/5" if v is not None else "–"

    return [f"{a.assessed_on:%d %b %Y}" if a.assessed_on else "", score(a.shared_values),
            score(a.mission_alignment), score(a.operational_compatibility),
            label_of(Priority, a.priority), a.assessed_by or "", a.notes or ""]


def _referral_cells(r: ReferralRow) -> list[str]:
    return [f"{r.referred_on:%d %b %Y}" if r.referred_on else "", r.referrer, r.introduced,
            label_of(ReferralOutcome, r.outcome), r.note or ""]


class AssessmentTab(QWidget):
    def __init__(self, editor: OrganisationEditor) -> None:
        super().__init__()
        self.editor = editor
        self.latest = QLabel(tr("Not assessed yet."))
        self.latest.setObjectName("latestAssessment")
        self.latest.setWordWrap(True)
        self.latest.setTextFormat(Qt.TextFormat.RichText)
        self.history: RowsModel[AssessmentRow] = RowsModel(
            [tr("Date"), tr("Values"), tr("Mission"), tr("Operations"), tr("Priority"),
             tr("By"), tr("Notes")], _assessment_cells, self)
        self.table = make_table(self.history, "assessmentHistory")
        grid = QGridLayout()
        self.scores: dict[str, QSpinBox] = {}
        self.notes: dict[str, QLineEdit] = {}
        for row, (name, label) in enumerate((
            ("shared_values", "Shared values"), ("mission_alignment", "Mission alignment"),
            ("operational_compatibility", "Operational compatibility"),
        )):
            spin = QSpinBox()
            spin.setObjectName(f"score_{name}")
            spin.setRange(0, 5)
            spin.setSpecialValueText(tr("–"))
            note = QLineEdit()
            note.setObjectName(f"note_{name}")
            note.setPlaceholderText(tr("Why this score?"))
            self.scores[name], self.notes[name] = spin, note
            grid.addWidget(QLabel(tr(label)), row, 0)
            grid.addWidget(spin, row, 1)
            grid.addWidget(note, row, 2)
        self.impact = QSpinBox()
        self.impact.setObjectName("score_expected_impact")
        self.impact.setRange(0, 5)
        self.impact.setSpecialValueText(tr("–"))
        self.priority = choice_combo(Priority.choices(), tr("(priority)"))
        self.priority.setObjectName("assessmentPriority")
        grid.addWidget(QLabel(tr("Expected impact")), 3, 0)
        grid.addWidget(self.impact, 3, 1)
        grid.addWidget(self.priority, 3, 2)
        self.strengths = QLineEdit()
        self.strengths.setObjectName("assessmentStrengths")
        self.strengths.setPlaceholderText(tr("Strengths"))
        self.resources = QLineEdit()
        self.resources.setObjectName("assessmentResources")
        self.resources.setPlaceholderText(tr("Resources offered"))
        grid.addWidget(self.strengths, 4, 0, 1, 3)
        grid.addWidget(self.resources, 5, 0, 1, 3)
        self.save = QPushButton(tr("Save assessment"))
        self.save.setObjectName("saveAssessment")
        self.save.clicked.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.latest)
        layout.addWidget(QLabel(tr("<b>New assessment</b> (earlier ones are kept)")))
        layout.addLayout(grid)
        layout.addWidget(self.save, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(QLabel(tr("<b>History</b>")))
        layout.addWidget(self.table, 1)

    def show_history(self, rows: list[AssessmentRow]) -> None:
        self.history.set_rows(rows)
        if not rows:
            self.latest.setText(tr("Not assessed yet."))
            return
        a = rows[0]
        lines = [tr("<b>Latest</b> ({date}{by})").format(
            date=f"{a.assessed_on:%d %b %Y}" if a.assessed_on else "",
            by=f", {a.assessed_by}" if a.assessed_by else "")]
        for name, label in (("shared_values", tr("Shared values")),
                            ("mission_alignment", tr("Mission alignment")),
                            ("operational_compatibility", tr("Operational compatibility"))):
            score = getattr(a, name)
            note = getattr(a, f"{name}_note")
            lines.append(f"{label}: <b>{score if score is not None else '–'}/5</b>"
                         + (f" — {note}" if note else ""))
        if a.priority:
            lines.append(tr("Priority: {p}").format(p=label_of(Priority, a.priority)))
        self.latest.setText("<br>".join(lines))

    def submit(self) -> None:
        values: dict[str, Any] = {name: spin.value() or None for name, spin in self.scores.items()}
        values.update({f"{name}_note": edit.text() for name, edit in self.notes.items()})
        values["expected_impact"] = self.impact.value() or None
        values["priority"] = self.priority.currentData()
        values["strengths"] = self.strengths.text()
        values["resources_offered"] = self.resources.text()
        if self.editor.assess(values):
            for spin in (*self.scores.values(), self.impact):
                spin.setValue(0)
            for edit in (*self.notes.values(), self.strengths, self.resources):
                edit.clear()
            self.priority.setCurrentIndex(0)


class OrganisationEditor(QWidget):
    saved = Signal(str)

    def __init__(self, page: OrganisationsPage) -> None:
        super().__init__()
        self.page = page
        self.org_id: str | None = None
        self._loaded: dict[str, Any] = {}
        self.heading = QLabel()
        self.heading.setObjectName("organisationHeading")
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.heading.setWordWrap(True)
        self.meta = QLabel()
        self.meta.setObjectName("organisationMeta")
        self.meta.setWordWrap(True)
        self.stage = choice_combo(PipelineStage.choices(), tr("(no stage)"))
        self.stage.setObjectName("stageChoice")
        self.stage.setToolTip(tr("Move along the pipeline (the move is kept in the history)"))
        self.stage.activated.connect(self._stage_chosen)
        self.error = QLabel()
        self.error.setObjectName("editorError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()

        self.details = DetailsTab(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.details)
        self.members: RowsModel[MemberRow] = RowsModel(
            [tr("Name"), tr("Role"), tr("Title"), tr("Email"), tr("Phone")], _member_cells, self)
        self.members_table = make_table(self.members, "membersTable", sortable=True)
        self.members_table.horizontalHeader().resizeSection(0, 170)
        add_member = QPushButton(tr("Add member…"))
        add_member.setObjectName("addMember")
        add_member.clicked.connect(self.add_member)
        make_primary = QPushButton(tr("Make primary contact"))
        make_primary.setObjectName("makePrimary")
        make_primary.clicked.connect(self.make_primary)
        members_tab = QWidget()
        members_layout = QVBoxLayout(members_tab)
        members_layout.addWidget(self.members_table, 1)
        member_buttons = QHBoxLayout()
        member_buttons.addWidget(add_member)
        member_buttons.addWidget(make_primary)
        member_buttons.addStretch(1)
        members_layout.addLayout(member_buttons)
        members_layout.addWidget(QLabel(tr("<b>Referrals</b> — who introduced them, and what "
                                           "came of it")))
        self.assessment = AssessmentTab(self)
        self.timeline = TimelineWidget(page.app, page.ops)
        self.referrals: RowsModel[ReferralRow] = RowsModel(
            [tr("Date"), tr("Introduced by"), tr("Introduced"), tr("What came of it"),
             tr("Note")], _referral_cells, self)
        self.referrals_table = make_table(self.referrals, "referralsTable", sortable=True)
        add_referral = QPushButton(tr("Record an introduction…"))
        add_referral.setObjectName("addReferral")
        add_referral.clicked.connect(self.add_referral)
        self.referral_outcome = choice_combo(ReferralOutcome.choices(), tr("Set what came of it…"))
        self.referral_outcome.setObjectName("setReferralOutcome")
        self.referral_outcome.activated.connect(self._set_referral_outcome)
        referrals_layout = members_layout
        referrals_layout.addWidget(self.referrals_table, 1)
        referral_buttons = QHBoxLayout()
        referral_buttons.addWidget(add_referral)
        referral_buttons.addWidget(self.referral_outcome)
        referral_buttons.addStretch(1)
        referrals_layout.addLayout(referral_buttons)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("organisationTabs")
        self.tabs.addTab(scroll, tr("Details"))
        self.tabs.addTab(members_tab, tr("Members"))
        self.tabs.addTab(self.assessment, tr("Assessment"))
        self.tabs.addTab(self.timeline, tr("Timeline"))

        self.save_button = QPushButton(tr("&Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(tr("Save changes (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(tr("&Revert"))
        self.revert_button.clicked.connect(self.revert)
        self.delete_button = QPushButton(tr("&Delete"))
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.setToolTip(tr("Delete this organisation (Ctrl+Z brings it back)"))
        self.delete_button.clicked.connect(self.delete)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        self.log_button = QPushButton(tr("&Log…"))
        self.log_button.setObjectName("logInteraction")
        self.log_button.setToolTip(tr("Log a call, letter, visit or meeting with them"))
        self.log_button.clicked.connect(self.log_interaction)
        self.log_dialog: QDialog | None = None
        self.close_button = QPushButton("✕")
        self.close_button.setObjectName("closePane")
        self.close_button.setFlat(True)
        self.close_button.setFixedWidth(28)
        self.close_button.setToolTip(tr("Close (Esc)"))
        self.close_button.clicked.connect(page.close_pane)
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        actions = QHBoxLayout()
        actions.addWidget(self.stage)
        actions.addWidget(self.log_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.meta)
        layout.addLayout(actions)
        layout.addWidget(self.error)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

    # -- showing -----------------------------------------------------------------------
    def show_organisation(self, org_id: str | None) -> None:
        self.error.hide()
        self.org_id = org_id
        service = self.page.app.organisations
        if org_id is None:
            self._loaded = {}
            self.heading.setText(tr("New organisation"))
            self.meta.setText(tr("Fill in at least the name, then Save."))
            select_data(self.stage, PipelineStage.IDENTIFIED.value)
            self.stage.setEnabled(False)
            self.log_button.setEnabled(False)
            self.delete_button.setEnabled(False)
            self.details.fill({})
            self.details.set_phone_problem(None)
            self.members.set_rows([])
            self.assessment.show_history([])
            self.referrals.set_rows([])
            self.timeline.show_organisation(None)
            for index in range(1, self.tabs.count()):
                self.tabs.setTabEnabled(index, False)
            self.tabs.setTabText(1, tr("Members"))
            self.tabs.setCurrentIndex(0)
            return
        summary = service.summary(org_id)
        detail = summary.detail
        self._loaded = dict(detail.fields)
        self.heading.setText(detail.name)
        bits = [label_of(StakeholderCategory, detail.fields.get("category"))]
        primary = next((m for m in summary.members if m.is_primary), None)
        if primary:
            bits.append(tr("contact: {name}").format(name=primary.name))
        bits.append(tr("last changed {when:%d %b %Y}").format(when=detail.updated_at))
        self.meta.setText(" · ".join(b for b in bits if b))
        select_data(self.stage, detail.pipeline_stage)
        self.stage.setEnabled(True)
        self.log_button.setEnabled(True)
        self.delete_button.setEnabled(True)
        self.details.fill(self._loaded)
        self.details.set_phone_problem(detail.phone_problem)
        self.members.set_rows(summary.members)
        self.assessment.show_history(summary.assessments)
        self.referrals.set_rows(summary.referrals)
        for index in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(index, True)
        self.tabs.setTabText(1, tr("Members ({n})").format(n=len(summary.members)))
        self.timeline.show_organisation(org_id)

    def changes(self) -> dict[str, Any]:
        changed = {}
        for name, value in self.details.values().items():
            old = self._loaded.get(name)
            shown = format_phone(old) if name == "phone" else old
            if (value or None) != (shown or None):
                changed[name] = value
        return changed

    # -- actions -----------------------------------------------------------------------
    def _fail(self, error: SayProError) -> None:
        self.error.setText(str(error))
        self.error.show()

    def save(self) -> None:
        try:
            if self.org_id is None:
                self.page.create_organisation(self.details.values())
                return
            changes = self.changes()
            if changes:
                self.page.edit(self.org_id, changes)
        except SayProError as exc:
            self._fail(exc)

    def revert(self) -> None:
        self.error.hide()
        self.details.fill(self._loaded)

    def delete(self) -> None:
        if self.org_id is not None:
            self.page.delete(self.org_id)

    def _stage_chosen(self, _index: int) -> None:
        stage = self.stage.currentData()
        if self.org_id is not None and stage:
            self.page.move_stage(self.org_id, stage)

    def assess(self, values: dict[str, Any]) -> bool:
        if self.org_id is None:
            return False
        try:
            self.page.app.organisations.assess(self.org_id, values)
        except SayProError as exc:
            self._fail(exc)
            return False
        self.error.hide()
        self.show_organisation(self.org_id)
        return True

    def add_member(self) -> None:
        if self.org_id is None:
            return
        dialog = MemberDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.person_id() is None:
            return
        try:
            self.page.app.organisations.add_member(
                self.org_id, str(dialog.person_id()), role=dialog.role.currentData(),
                primary=dialog.primary.isChecked())
        except SayProError as exc:
            self._fail(exc)
            return
        self.show_organisation(self.org_id)

    def make_primary(self) -> None:
        rows = self.members_table.selectionModel().selectedRows()
        if not rows or self.org_id is None:
            return
        member = rows[0].data(ROW_ROLE)
        if isinstance(member, MemberRow):
            self.page.app.organisations.set_primary_contact(member.id)
            self.show_organisation(self.org_id)

    def add_referral(self) -> None:
        if self.org_id is None:
            return
        dialog = ReferralDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.record_referral(dialog.referrer.person_id(), dialog.contact.person_id(),
                             dialog.outcome.currentData(), dialog.note.text())

    def record_referral(self, referrer_id: str | None, person_id: str | None,
                        outcome: str | None, note: str) -> None:
        if self.org_id is None:
            return
        if referrer_id is None:
            self._fail(SayProError(tr("choose who made the introduction")))
            return
        try:
            self.page.app.organisations.add_referral(
                referrer_id, referred_id=person_id, organisation_id=self.org_id,
                note=note, outcome=outcome)
        except SayProError as exc:
            self._fail(exc)
            return
        self.show_organisation(self.org_id)
        self.tabs.setCurrentIndex(1)

    def _set_referral_outcome(self, _index: int) -> None:
        outcome = self.referral_outcome.currentData()
        self.referral_outcome.setCurrentIndex(0)
        rows = self.referrals_table.selectionModel().selectedRows()
        referral = rows[0].data(ROW_ROLE) if rows else None
        if outcome and isinstance(referral, ReferralRow) and self.org_id is not None:
            self.page.app.organisations.set_referral_outcome(referral.id, outcome)
            self.show_organisation(self.org_id)
            self.tabs.setCurrentIndex(1)

    def log_interaction(self) -> None:
        """The outreach form, already pointed at this organisation."""
        if self.org_id is None:
            return
        from saypro_desktop.ui.outreach.log_dialog import open_log_dialog

        self.log_dialog = open_log_dialog(self.page.app, self.page.ops, self,
                                          organisation_id=self.org_id, name=self.heading.text())
