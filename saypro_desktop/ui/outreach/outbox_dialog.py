"""Write letters of introduction or thank-you notes as email drafts (mail merge), with a
preview, the list of who is skipped and why, and an editor for the organiser's templates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.enums import FocusArea, PipelineStage, StakeholderCategory
from saypro_desktop.domain.errors import SayProError
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.outbox import OutboxResult, Recipient, Skipped
from saypro_desktop.services.templates import PLACEHOLDERS, Template
from saypro_desktop.services.workspace import data_dir
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.operations import Operations


class TemplateEditor(QDialog):
    """Edit an organiser's copy of a template; saving checks every placeholder."""

    def __init__(self, app: AppServices, template: Template, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Edit template: {title}").format(title=template.title))
        self.resize(900, 620)
        self.app = app
        self.template = template
        self.text = QPlainTextEdit(template.text())
        self.text.setObjectName("templateText")
        self.text.setFont(QFont("DejaVu Sans Mono", 10))
        self.placeholders = QListWidget()
        for name, meaning in PLACEHOLDERS.items():
            self.placeholders.addItem(f"{{{{{name}}}}} — {meaning}")
        self.placeholders.itemDoubleClicked.connect(
            lambda item: self.text.insertPlainText(item.text().split(" — ")[0]))
        self.error = QLabel()
        self.error.setObjectName("templateError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(QLabel(tr("Placeholders (double-click to insert)")))
        side_layout.addWidget(self.placeholders)
        split = QSplitter()
        split.addWidget(self.text)
        split.addWidget(side)
        split.setSizes([560, 320])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("The first lines are Title:, Ask: and Subject:; then an "
                                   "empty line; then the letter.")))
        layout.addWidget(split, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            self.template = self.app.templates.save(self.template.name,
                                                    self.text.toPlainText())
        except SayProError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


class OutboxDialog(QDialog):
    def __init__(self, app: AppServices, ops: Operations, parent: QWidget | None = None, *,
                 organisation_ids: list[str] | None = None, template: str | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("outboxDialog")
        self.setWindowTitle(tr("Write letters as email drafts"))
        self.resize(1000, 680)
        self.app, self.ops = app, ops
        self.fixed_ids = organisation_ids
        self.outcome: OutboxResult | None = None
        self.recipients: list[Recipient] = []
        self.skipped: list[Skipped] = []

        self.template = QComboBox()
        self.template.setObjectName("outboxTemplate")
        self.edit_button = QPushButton(tr("Edit a &copy…"))
        self.edit_button.setObjectName("outboxEditTemplate")
        self.edit_button.clicked.connect(self.edit_template)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template, 1)
        template_row.addWidget(self.edit_button)

        self.stage = QComboBox()
        self.stage.setObjectName("outboxStage")
        for stage in PipelineStage:
            self.stage.addItem(tr(stage.label), stage.value)
        self.focus = QComboBox()
        self.focus.setObjectName("outboxFocus")
        self.focus.addItem(tr("Any focus area"), None)
        for area in FocusArea:
            self.focus.addItem(tr(area.label), area.value)
        self.category = QComboBox()
        self.category.setObjectName("outboxCategory")
        self.category.addItem(tr("Any category"), None)
        for category in StakeholderCategory:
            self.category.addItem(tr(category.label), category.value)
        selection = QHBoxLayout()
        if organisation_ids is None:
            for widget in (self.stage, self.focus, self.category):
                selection.addWidget(widget)
        else:
            selection.addWidget(QLabel(tr("{n} chosen organisations")
                                       .format(n=len(organisation_ids))))

        self.folder = QLineEdit(str(data_dir() / "Outbox"))
        self.folder.setObjectName("outboxFolder")
        browse = QPushButton(tr("&Browse…"))
        browse.clicked.connect(self.browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)

        self.preview = QPlainTextEdit()
        self.preview.setObjectName("outboxPreview")
        self.preview.setReadOnly(True)
        self.who = QListWidget()
        self.who.setObjectName("outboxRecipients")
        self.who.setWordWrap(True)
        self.who.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.counts = QLabel()
        self.counts.setObjectName("outboxCounts")
        self.counts.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.counts)
        right_layout.addWidget(self.who, 1)
        split = QSplitter()
        split.addWidget(self.preview)
        split.addWidget(right)
        split.setSizes([620, 360])

        form = QFormLayout()
        form.addRow(tr("Template"), template_row)
        form.addRow(tr("Recipients"), selection)
        form.addRow(tr("Outbox folder"), folder_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.write_button = self.buttons.addButton(tr("&Write drafts"),
                                                   QDialogButtonBox.ButtonRole.ApplyRole)
        self.write_button.setObjectName("outboxWrite")
        self.write_button.clicked.connect(self.write)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)

        self._load_templates(template)
        for combo in (self.template, self.stage, self.focus, self.category):
            combo.currentIndexChanged.connect(self.update_preview)
        self.update_preview()

    def _load_templates(self, wanted: str | None = None) -> None:
        current = wanted or self.template.currentData()
        self.template.blockSignals(True)
        self.template.clear()
        for template in self.app.templates.list():
            title = template.title + (tr("  (my copy)") if template.editable and
                                      "(my copy)" not in template.title else "")
            self.template.addItem(title, template.name)
        index = self.template.findData(current)
        self.template.setCurrentIndex(max(0, index))
        self.template.blockSignals(False)

    def selection(self) -> Any:
        """A function (safe off the UI thread) giving the organisations chosen now."""
        if self.fixed_ids is not None:
            fixed = list(self.fixed_ids)
            return lambda: fixed
        outbox = self.app.outbox
        stage, focus, category = (self.stage.currentData(), self.focus.currentData(),
                                  self.category.currentData())
        return lambda: outbox.organisations_at(stage, focus_area=focus, category=category)

    def update_preview(self) -> None:
        name = self.template.currentData()
        if not name:
            return
        outbox = self.app.outbox
        selection = self.selection()

        def read() -> tuple[list[Recipient], list[Skipped], Any]:
            ids = selection()
            chosen, skipped = outbox.recipients(organisation_ids=ids)
            first = chosen[0] if chosen else None
            # Nobody to write to: still show the letter, as the first organisation gets it.
            preview = outbox.preview(
                name, organisation_id=first.organisation_id if first else
                (ids[0] if ids else None), person_id=first.person_id if first else None)
            return chosen, skipped, preview

        self.ops.query(read, self._show_preview, parent=self,
                       title=tr("The letter could not be previewed"))

    def _show_preview(self, result: tuple[list[Recipient], list[Skipped], Any]) -> None:
        self.recipients, self.skipped, preview = result
        to = (f"{self.recipients[0].name} <{self.recipients[0].address}>"
              if self.recipients else tr("nobody can be written to yet (see the list)"))
        self.preview.setPlainText(tr("To: {to}\nSubject: {subject}\n\n{body}").format(
            to=to, subject=preview.letter.subject, body=preview.letter.body))
        self.counts.setText(tr("{n} drafts will be written; {k} skipped (listed with the "
                               "reason).").format(n=len(self.recipients), k=len(self.skipped)))
        self.who.clear()
        for r in self.recipients:
            self.who.addItem(f"✓ {r.name} <{r.address}>")
        for s in self.skipped:
            self.who.addItem(tr("✗ {name}: {reason}").format(name=s.name, reason=s.reason))
        self.write_button.setEnabled(bool(self.recipients))

    def browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Outbox folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def edit_template(self) -> None:
        name = self.template.currentData()
        try:
            template = self.app.templates.get(name)
            if not template.editable:
                template = self.app.templates.copy(name)
        except SayProError as exc:
            QMessageBox.warning(self, tr("Template"), str(exc))
            return
        editor = TemplateEditor(self.app, template, self)
        editor.exec()
        self._load_templates(editor.template.name)
        self.update_preview()

    def write(self) -> None:
        name = self.template.currentData()
        folder = Path(self.folder.text()).expanduser()
        selection = self.selection()
        outbox = self.app.outbox
        self.ops.write(lambda: outbox.write(name, folder, organisation_ids=selection()),
                       self._written,
                       parent=self, title=tr("The drafts were not written"))

    def _written(self, result: OutboxResult) -> None:
        self.outcome = result
        self.counts.setText(tr("{n} drafts written to {folder}; each is logged as an "
                               "interaction. {k} skipped.").format(
            n=len(result.written), folder=self.folder.text(), k=len(result.skipped)))
        self.who.clear()
        for w in result.written:
            self.who.addItem(f"✓ {w.name}: {w.path.name}")
        for s in result.skipped:
            self.who.addItem(tr("✗ {name}: {reason}").format(name=s.name, reason=s.reason))
