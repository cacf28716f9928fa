"""Documents: choose a document and what it covers, look at it, then save, print, or write
a batch of packets (off the UI thread, with progress and cancel)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QDate,
    QIODevice,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QPainter, QStandardItem, QStandardItemModel
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.enums import CampaignPhase, PipelineStage
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.services.context import AppServices
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.operations import Operations
from saypro_desktop.ui.tasks import BackgroundProgress
from saypro_desktop.ui.widgets.page import Page

ID_ROLE = Qt.ItemDataRole.UserRole + 1

KINDS = [
    ("packet", "Partnership proposal packet"),
    ("letter", "Letter"),
    ("action_plan", "Partner's action plan"),
    ("progress", "Progress report"),
    ("impact", "Impact report"),
    ("minutes", "Meeting minutes"),
    ("callsheet", "Outreach call sheet"),
    ("signin", "Event sign-in sheet"),
]
PER_PARTNER = {"packet", "letter", "action_plan"}
SCOPES = [("chosen", "The partners ticked below"), ("stage", "Every partner at a stage"),
          ("tomorrow", "Partners on tomorrow's meetings")]


def named(widget: Any, name: str) -> Any:
    widget.setObjectName(name)
    return widget


class DocumentsPage(Page):
    shows = ("organisations", "meetings", "events", "campaigns", "people")

    def __init__(self, app: AppServices, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(app, ops, parent)
        self.documents = app.documents
        self.pdf_bytes = b""
        self._buffer: QBuffer | None = None
        # Dialogs a test (or a later wizard) can replace.
        self.ask_folder: Callable[[], str] = lambda: QFileDialog.getExistingDirectory(
            self, tr("Write the packets to which folder?"))
        self.ask_save: Callable[[str], str] = lambda name: QFileDialog.getSaveFileName(
            self, tr("Save PDF"), name, tr("PDF files (*.pdf)"))[0]

        heading = QLabel(tr("Documents"))
        heading.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.kind = named(QComboBox(), "kind")
        for key, label in KINDS:
            self.kind.addItem(tr(label), key)
        self.scope = named(QComboBox(), "scope")
        for key, label in SCOPES:
            self.scope.addItem(tr(label), key)
        self.stage = named(QComboBox(), "stage")
        for value, label in PipelineStage.choices():
            self.stage.addItem(tr(label), value)
        self.filter = named(QLineEdit(), "partner_filter")
        self.filter.setPlaceholderText(tr("Find a partner"))
        self.partners = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.partners)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.partner_list = named(QListView(), "partners")
        self.partner_list.setModel(self.proxy)
        self.partner_list.setWordWrap(True)  # long partner names wrap, never clipped
        self.partner_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.template = named(QComboBox(), "template")
        self.meeting = named(QComboBox(), "meeting")
        self.event_box = named(QComboBox(), "event")
        self.campaign = named(QComboBox(), "campaign")
        self.phase = named(QComboBox(), "phase")
        self.phase.addItem(tr("The dates below"), None)
        for value, label in CampaignPhase.choices():
            self.phase.addItem(tr(label), value)
        self.start = named(QDateEdit(), "start")
        self.end = named(QDateEdit(), "end")
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
        today = QDate.currentDate()
        self.start.setDate(today.addMonths(-3))
        self.end.setDate(today)
        self.paper = named(QComboBox(), "paper")
        self.paper.addItem(tr("A4"), "a4")
        self.paper.addItem(tr("Letter"), "letter")
        self.per_partner = named(QCheckBox(tr("One PDF per partner")), "per_partner")
        self.per_partner.setChecked(True)
        self.combined = named(QCheckBox(tr("Also one combined PDF")), "combined")
        self.channel = named(QComboBox(), "channel")
        self.channel.addItem(tr("Sent by post (letter)"), "letter")
        self.channel.addItem(tr("Sent by e-mail"), "email")

        self.form = QFormLayout()
        self.form.addRow(tr("Document"), self.kind)
        self.form.addRow(tr("Covers"), self.scope)
        self.form.addRow(tr("Stage"), self.stage)
        self.form.addRow(tr("Template"), self.template)
        # The packet's cover letter is a template too: the organiser's copy wins.
        self.cover_button = named(QPushButton(tr("Edit the cover letter…")), "edit_cover")
        self.cover_button.clicked.connect(self.edit_cover_letter)
        self.form.addRow(tr("Cover letter"), self.cover_button)
        self.form.addRow(tr("Meeting"), self.meeting)
        self.form.addRow(tr("Event"), self.event_box)
        self.form.addRow(tr("Campaign"), self.campaign)
        self.form.addRow(tr("Phase"), self.phase)
        self.form.addRow(tr("From"), self.start)
        self.form.addRow(tr("To"), self.end)
        self.form.addRow(tr("Paper"), self.paper)

        self.preview_button = named(QPushButton(tr("Preview")), "preview")
        self.save_button = named(QPushButton(tr("Save PDF…")), "save")
        self.print_button = named(QPushButton(tr("Print…")), "print")
        self.batch_button = named(QPushButton(tr("Write packets…")), "batch")
        self.status = named(QLabel(), "status")
        self.status.setWordWrap(True)
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_document)
        self.batch_button.clicked.connect(self.write_batch)

        controls = QWidget()
        side = QVBoxLayout(controls)
        side.addWidget(heading)
        side.addLayout(self.form)
        side.addWidget(self.filter)
        side.addWidget(self.partner_list, 1)
        batch = QHBoxLayout()
        batch.addWidget(self.per_partner)
        batch.addWidget(self.combined)
        side.addLayout(batch)
        side.addWidget(self.channel)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.save_button, self.print_button):
            buttons.addWidget(button)
        side.addLayout(buttons)
        side.addWidget(self.batch_button)
        side.addWidget(self.status)
        controls.setMinimumWidth(380)

        self.document = QPdfDocument(self)
        self.view = named(QPdfView(self), "pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        splitter = QSplitter()
        splitter.addWidget(controls)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.document.statusChanged.connect(self._loaded)
        self.save_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self.kind.currentIndexChanged.connect(self._update_fields)
        self.scope.currentIndexChanged.connect(self._update_fields)
        self.phase.currentIndexChanged.connect(self._update_fields)
        self._update_fields()

    # -- choices -------------------------------------------------------------------------
    def refresh(self) -> None:
        docs = self.documents

        def load() -> dict[str, Any]:
            return {"partners": docs.organisations(), "meetings": docs.meetings(),
                    "events": docs.events(), "campaigns": docs.campaigns(),
                    "templates": docs.templates()}

        self.ops.query(load, self._fill, parent=self, title=tr("Could not load the choices"))

    def _fill(self, choices: dict[str, Any]) -> None:
        ticked = set(self.chosen_partners())
        self.partners.clear()
        for choice in choices["partners"]:
            item = QStandardItem(choice.label)
            item.setData(choice.id, ID_ROLE)
            item.setCheckable(True)
            item.setToolTip(choice.label)
            item.setEditable(False)
            item.setCheckState(Qt.CheckState.Checked if choice.id in ticked
                               else Qt.CheckState.Unchecked)
            self.partners.appendRow(item)
        for combo, key in ((self.meeting, "meetings"), (self.event_box, "events"),
                           (self.campaign, "campaigns")):
            current = combo.currentData()
            combo.clear()
            if key == "campaigns":
                combo.addItem(tr("The current campaign"), None)
            for choice in choices[key]:
                combo.addItem(choice.label, choice.id)
            if current is not None and combo.findData(current) >= 0:
                combo.setCurrentIndex(combo.findData(current))
        current = self.template.currentData()
        self.template.clear()
        for choice in choices["templates"]:
            self.template.addItem(choice.label, choice.id)
        if current and self.template.findData(current) >= 0:
            self.template.setCurrentIndex(self.template.findData(current))

    def chosen_partners(self) -> list[str]:
        return [self.partners.item(row).data(ID_ROLE) for row in range(self.partners.rowCount())
                if self.partners.item(row).checkState() == Qt.CheckState.Checked]

    def _update_fields(self) -> None:
        kind = self.kind.currentData()
        per_partner = kind in PER_PARTNER
        scope = self.scope.currentData()
        visible = {
            self.scope: per_partner,
            self.stage: (per_partner and scope == "stage") or kind == "callsheet",
            self.template: kind == "letter",
            self.cover_button: kind == "packet",
            self.meeting: kind == "minutes",
            self.event_box: kind == "signin",
            self.campaign: kind in ("progress", "impact"),
            self.phase: kind in ("progress", "impact"),
            self.start: kind in ("progress", "impact") and not self.phase.currentData(),
            self.end: kind in ("progress", "impact") and not self.phase.currentData(),
        }
        for widget, shown in visible.items():
            self.form.setRowVisible(widget, shown)
        chosen = per_partner and scope == "chosen"
        self.filter.setVisible(chosen)
        self.partner_list.setVisible(chosen)
        batch = kind == "packet"
        for widget in (self.per_partner, self.combined, self.channel, self.batch_button):
            widget.setVisible(batch)

    # -- building ------------------------------------------------------------------------
    def _partner_ids(self) -> list[str]:
        scope = self.scope.currentData()
        if scope == "stage":
            return self.documents.partner_ids(stage=self.stage.currentData())
        if scope == "tomorrow":
            return self.documents.partner_ids(tomorrow=True)
        return self.documents.partner_ids(chosen=self.chosen_partners())

    def build_job(self) -> Callable[[], bytes]:
        """What to render, read from the form now; runs off the UI thread."""
        docs = self.documents
        kind = self.kind.currentData()
        paper = self.paper.currentData()
        template = self.template.currentData()
        meeting = self.meeting.currentData()
        event = self.event_box.currentData()
        campaign = self.campaign.currentData()
        phase = self.phase.currentData()
        start = None if phase else _to_date(self.start.date())
        end = None if phase else _to_date(self.end.date())
        stage = self.stage.currentData()
        ids: Callable[[], list[str]] = self._partner_ids

        def need(value: Any, what: str) -> Any:
            if not value:
                raise ValidationError(what)
            return value

        def partners() -> list[str]:
            found = ids()
            if not found:
                raise ValidationError(tr("No partners are chosen: tick one or more, or "
                                         "choose a stage that has partners."))
            return found

        def job() -> bytes:
            if kind == "packet":
                chosen = partners()
                return (docs.packet(chosen[0], paper=paper) if len(chosen) == 1
                        else docs.packets(chosen, paper=paper))
            if kind == "letter":
                return docs.letter(need(template, tr("Choose a template.")), partners(),
                                   paper=paper)
            if kind == "action_plan":
                chosen = partners()
                if len(chosen) > 1:
                    raise ValidationError(tr("An action plan is for one partner: tick just "
                                             "one."))
                return docs.action_plan(chosen[0], paper=paper)
            if kind in ("progress", "impact"):
                return docs.report(kind, campaign_id=campaign, start=start, end=end,
                                   phase=phase, paper=paper)
            if kind == "minutes":
                return docs.minutes(need(meeting, tr("Choose a meeting.")), paper=paper)
            if kind == "callsheet":
                return docs.callsheet(stage=stage, paper=paper)
            return docs.signin_sheet(need(event, tr("Choose an event.")), paper=paper)

        return job

    def edit_cover_letter(self) -> None:
        """Edit the packet's cover letter; saved in the data folder, it is what every
        packet prints from then on (the preview shows it at once)."""
        from saypro_desktop.services.templates import PACKET_TEMPLATE
        from saypro_desktop.ui.outreach.outbox_dialog import TemplateEditor

        editor = TemplateEditor(self.app, self.app.templates.get(PACKET_TEMPLATE), self)
        if editor.exec() and self.document.pageCount():
            self.preview()

    def preview(self) -> None:
        self.status.setText(tr("Preparing the preview…"))
        self.ops.query(self.build_job(), self.show_pdf, parent=self,
                       title=tr("Could not prepare the document"),
                       on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        from saypro_desktop.ui.errors import show_error

        self.status.setText("")
        show_error(self, tr("Could not prepare the document"), error)

    def show_pdf(self, data: bytes) -> None:
        self.pdf_bytes = data
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.save_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self._loaded()

    def _loaded(self) -> None:
        if self.document.status() != QPdfDocument.Status.Ready:
            return
        self.status.setText(tr("{pages} pages. Save or print it, or change the choices and "
                               "preview again.").format(pages=self.document.pageCount()))

    def _suggested_name(self) -> str:
        return f"{self.kind.currentText()}.pdf"

    def save(self) -> None:
        if not self.pdf_bytes:
            return
        target = self.ask_save(self._suggested_name())
        if not target:
            return
        path = Path(target if target.lower().endswith(".pdf") else f"{target}.pdf")
        data, what = self.pdf_bytes, self.kind.currentText()
        self.ops.write(lambda: self.documents.save(data, path, what),
                       lambda saved: self.status.setText(tr("Saved {file}.").format(
                           file=saved.name)), parent=self, title=tr("Could not save the PDF"))

    def print_document(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if not self.pdf_bytes:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: Any) -> int:
        """Paint every page of the previewed PDF on ``printer``; the pages printed."""
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        try:
            area = printer.pageRect(printer.Unit.DevicePixel).toRect()
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                size = self.document.pagePointSize(page)
                scale = min(area.width() / size.width(), area.height() / size.height())
                image = self.document.render(page, QSize(int(size.width() * scale),
                                                         int(size.height() * scale)))
                painter.drawImage(0, 0, image)
        finally:
            painter.end()
        return self.document.pageCount()

    # -- batches -------------------------------------------------------------------------
    def write_batch(self) -> None:
        per_partner = self.per_partner.isChecked()
        combined = self.combined.isChecked()
        if not (per_partner or combined):
            self._failed(ValidationError(tr("Tick one PDF per partner, a combined PDF, or "
                                            "both.")))
            return
        folder = self.ask_folder()
        if not folder:
            return
        out = Path(folder)
        paper = self.paper.currentData()
        channel = self.channel.currentData()
        ids = self._partner_ids
        progress = BackgroundProgress(
            self, title=tr("Writing packets"), label=tr("Writing partnership packets…"),
            cancel=tr("Cancel"), stopping=tr("Stopping after this packet…"),
            object_name="batch_progress")
        docs = self.documents

        def work() -> Any:
            chosen = ids()
            if not chosen:
                raise ValidationError(tr("No partners are chosen: tick one or more, or "
                                         "choose a stage that has partners."))
            return docs.write_packets(
                chosen, out if per_partner else None,
                combined=out / f"{tr('Partnership proposals')} {date.today():%Y-%m-%d}.pdf"
                if combined else None, paper=paper, channel=channel,
                progress=progress.callback)

        def done(result: Any) -> None:
            progress.close()
            files = len(result.written) + (1 if result.combined else 0)
            text = tr("Wrote {files} files to {folder}; {logged} packets logged on the "
                      "partners' timelines.").format(files=files, folder=out,
                                                     logged=result.logged)
            if result.cancelled:
                text = tr("Stopped. ") + text
            self.status.setText(text)

        def failed(error: BaseException) -> None:
            progress.close()
            self._failed(error)

        self.ops.write(work, done, parent=self, title=tr("Could not write the packets"),
                       on_error=failed)


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
