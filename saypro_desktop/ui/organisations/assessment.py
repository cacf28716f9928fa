"""The Assessment tab: the latest partnership assessment, the earlier ones (history, never
overwritten), and a form for a new one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.enums import (
    Priority,
)
from saypro_desktop.domain.organisations import label_of
from saypro_desktop.services.organisations import (
    AssessmentRow,
)
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.widgets.choices import choice_combo
from saypro_desktop.ui.widgets.rows import RowsModel, make_table

if TYPE_CHECKING:
    from saypro_desktop.ui.organisations.editor import OrganisationEditor


def _assessment_cells(a: AssessmentRow) -> list[str]:
    def score(v: int | None) -> str:
        return f"{v}/5" if v is not None else "–"

    return [f"{a.assessed_on:%d %b %Y}" if a.assessed_on else "", score(a.shared_values),
            score(a.mission_alignment), score(a.operational_compatibility),
            label_of(Priority, a.priority), a.assessed_by or "", a.notes or ""]


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
