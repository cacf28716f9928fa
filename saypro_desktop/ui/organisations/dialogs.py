"""Small dialogs of the organisation pane: choosing a person, adding a member, recording
an introduction (referral).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.enums import (
    MembershipRole,
)
from saypro_desktop.domain.organisations import ReferralOutcome
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.widgets.choices import choice_combo

if TYPE_CHECKING:
    from saypro_desktop.ui.organisations.editor import OrganisationEditor


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
