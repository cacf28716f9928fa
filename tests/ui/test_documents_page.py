"""The Documents page as an organiser uses it: pick, preview, save, print, batch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Interaction
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.demo import fill_demo
from saypro_desktop.services.workspace import open_workspace
from saypro_desktop.ui.documents.page import DocumentsPage
from saypro_desktop.ui.operations import Operations
from tests.documents.pdfcheck import text


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Database]:
    db = open_workspace(tmp_path / "demo.sqlite3")
    fill_demo(db, 120, seed=5)
    yield db
    db.dispose()


@pytest.fixture
def page(qtbot: QtBot, demo: Database) -> Iterator[DocumentsPage]:
    ops = Operations(AppServices(demo))
    widget = DocumentsPage(ops.app, ops)
    qtbot.addWidget(widget)
    widget.refresh()
    yield widget
    ops.close()


def _choose(page: DocumentsPage, combo_name: str, data: object) -> None:
    combo = getattr(page, combo_name)
    combo.setCurrentIndex(combo.findData(data))


def _tick(page: DocumentsPage, rows: int) -> list[str]:
    ids = []
    for row in range(rows):
        item = page.partners.item(row)
        item.setCheckState(Qt.CheckState.Checked)
        ids.append(item.data(Qt.ItemDataRole.UserRole + 1))
    return ids


def _wait_ready(qtbot: QtBot, page: DocumentsPage) -> None:
    qtbot.waitUntil(lambda: page.document.status() == QPdfDocument.Status.Ready, timeout=10_000)


def test_preview_save_and_print_a_packet(qtbot: QtBot, page: DocumentsPage, tmp_path: Path,
                                         demo: Database) -> None:
    assert not page.save_button.isEnabled()
    _tick(page, 1)
    name = page.partners.item(0).text().split(" (")[0]
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    _wait_ready(qtbot, page)
    assert page.document.pageCount() >= 3
    assert "pages" in page.status.text()
    target = tmp_path / "packet"
    page.ask_save = lambda suggested: str(target)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    page.ops.wait()
    saved = tmp_path / "packet.pdf"
    assert name in text(saved.read_bytes())
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert page.print_to(printer) == page.document.pageCount()
    assert (tmp_path / "printed.pdf").stat().st_size > 0


def test_fields_follow_the_document(page: DocumentsPage) -> None:
    _choose(page, "kind", "progress")
    assert page.form.isRowVisible(page.start) and not page.form.isRowVisible(page.scope)
    _choose(page, "kind", "letter")
    assert page.form.isRowVisible(page.template) and page.partner_list.isVisibleTo(page)
    _choose(page, "scope", "stage")
    assert page.form.isRowVisible(page.stage) and not page.partner_list.isVisibleTo(page)
    assert not page.batch_button.isVisibleTo(page)
    _choose(page, "kind", "packet")
    assert page.batch_button.isVisibleTo(page)


def test_a_report_and_a_sign_in_sheet_preview(qtbot: QtBot, page: DocumentsPage) -> None:
    _choose(page, "kind", "signin")
    page.preview()
    _wait_ready(qtbot, page)
    assert "Sign-in sheet" in text(page.pdf_bytes)
    _choose(page, "kind", "impact")
    page.start.setDate(page.start.date().addYears(-2))
    page.preview()
    _wait_ready(qtbot, page)
    assert "Impact report" in text(page.pdf_bytes)
    _choose(page, "phase", "campaign")
    assert not page.form.isRowVisible(page.start)
    page.preview()
    _wait_ready(qtbot, page)
    assert "· Campaign" in text(page.pdf_bytes)


def test_nothing_chosen_says_so(qtbot: QtBot, page: DocumentsPage,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr("saypro_desktop.ui.errors.QMessageBox.warning",
                        lambda parent, title, message: shown.append(message))
    page.preview()
    assert shown and "No partners are chosen" in shown[0]


def test_batch_writes_packets_and_logs_them(qtbot: QtBot, page: DocumentsPage,
                                            tmp_path: Path, demo: Database) -> None:
    ids = _tick(page, 3)
    page.combined.setChecked(True)
    _choose(page, "channel", "email")
    page.ask_folder = lambda: str(tmp_path / "out")
    with demo.reading() as s:
        before = s.execute(select(func.count()).select_from(Interaction)).scalar_one()
    qtbot.mouseClick(page.batch_button, Qt.MouseButton.LeftButton)
    page.ops.wait()
    files = sorted((tmp_path / "out").glob("*.pdf"))
    assert len(files) == 4  # three partners and the combined file
    with demo.reading() as s:
        after = s.execute(select(func.count()).select_from(Interaction)).scalar_one()
        channels = set(s.execute(select(Interaction.channel).where(
            Interaction.organisation_id.in_(ids),
            Interaction.subject.like("Partnership proposal packet sent%"))).scalars())
    assert after == before + 3 and channels == {"email"}
    assert "3 packets logged" in page.status.text()


def test_an_edited_cover_letter_is_what_the_packet_prints(
        qtbot: QtBot, page: DocumentsPage, monkeypatch: pytest.MonkeyPatch) -> None:
    from saypro_desktop.ui.outreach.outbox_dialog import TemplateEditor

    _choose(page, "kind", "packet")
    assert page.form.isRowVisible(page.cover_button)
    _tick(page, 1)
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    _wait_ready(qtbot, page)

    def edit_and_save(editor: TemplateEditor) -> int:
        text = editor.text.toPlainText()
        editor.text.setPlainText(text.replace("Yours sincerely,",
                                              "Siyabonga, {{organisation}}.\n\nYours sincerely,"))
        editor.save()
        return editor.result()

    monkeypatch.setattr(TemplateEditor, "exec", edit_and_save)
    page.document.close()
    qtbot.mouseClick(page.cover_button, Qt.MouseButton.LeftButton)
    # The organiser's copy is saved in the data folder and wins from now on.
    assert page.app.templates.get("packet-cover-letter").editable
    monkeypatch.undo()
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    _wait_ready(qtbot, page)
    name = page.partners.item(0).text().split(" (")[0]
    printed = page.app.documents.packet(page.chosen_partners()[0])
    assert f"Siyabonga, {name}." in " ".join(text(printed).split())
