"""The Details tab of an organisation: every field, and while a new record is typed, a
warning when it resembles one that exists (offering to open it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.enums import (
    FocusArea,
    GovernmentLevel,
    Priority,
    StakeholderCategory,
)
from saypro_desktop.domain.organisations import focus_area_list
from saypro_desktop.domain.people import format_phone
from saypro_desktop.services.organisations import (
    OrganisationMatch,
)
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.widgets.choices import choice_combo, select_data

if TYPE_CHECKING:
    from saypro_desktop.ui.organisations.editor import OrganisationEditor


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
