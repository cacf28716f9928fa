"""Click through the import wizard and the export dialog as an organiser would."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWizard
from pytestqt.qtbot import QtBot

from saypro_desktop.db.engine import Database
from saypro_desktop.services import imports as imports_service
from saypro_desktop.services import people
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.people import PeopleFilter
from saypro_desktop.ui.imports.export_dialog import ExportDialog
from saypro_desktop.ui.imports.wizard import ImportWizard
from saypro_desktop.ui.operations import Operations
from saypro_desktop.ui.tasks import TaskRunner

GOOGLE_HEADERS = (
    "First Name,Middle Name,Last Name,Nickname,Labels,E-mail 1 - Label,E-mail 1 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Organization Name,Organization Title,Address 1 - City,"
    "Address 1 - Country,Notes"
)
GOOGLE_ROWS = [
    "Thandiwe,,Nkosi,Thandi,* myContacts,* Home,thandi@example.org,Mobile,082 123 4567,"
    "Ubuntu Care,Coordinator,Johannesburg,South Africa,Met at the clinic forum",
    "Zoë,,Müller-Dlamini,,* myContacts,* Work,zoe@example.org,Mobile,+27 21 555 0100,"
    "Legal Aid Clinic,Paralegal,Cape Town,South Africa,",
]


@dataclass
class Keyboard:
    """Stands in for the person at the keyboard: answers dialogs, remembers messages."""

    monkeypatch: pytest.MonkeyPatch
    messages: list[tuple[str, str]] = field(default_factory=list)

    def install(self) -> None:
        def record(kind: str) -> Any:
            def show(_parent: Any, _title: str, text: str, *a: Any, **k: Any) -> Any:
                self.messages.append((kind, text))
                return QMessageBox.StandardButton.Ok

            return show

        for kind in ("information", "warning", "critical"):
            self.monkeypatch.setattr(QMessageBox, kind, record(kind))

    def open_file(self, path: Path) -> None:
        self.monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))

    def save_file(self, path: Path) -> None:
        self.monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))

    def text_of(self, kind: str) -> list[str]:
        return [text for k, text in self.messages if k == kind]


@pytest.fixture
def keyboard(monkeypatch: pytest.MonkeyPatch) -> Keyboard:
    k = Keyboard(monkeypatch)
    k.install()
    return k


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def google_csv(tmp_path: Path) -> Path:
    return write(tmp_path / "google.csv", [GOOGLE_HEADERS, *GOOGLE_ROWS])


@pytest.fixture
def bad_csv(tmp_path: Path) -> Path:
    """Row 3 has a stray comma (its cells shifted: cannot be understood); row 4 has a
    phone that is no phone and an impossible birthday (imported, those values left out)."""
    return write(
        tmp_path / "sign-up.csv",
        [
            "First name,Last name,Email,Mobile phone,Birthday",
            "Lerato,Mokoena,lerato@example.org,083 555 1234,1990-04-12",
            "Sipho,Dube,sipho@example.org,083 555 0000,1988-02-03,Soweto",
            "Naledi,Khumalo,naledi@example.org,not a phone number,1995-02-31",
        ],
    )


def open_wizard(qtbot: QtBot, db: Database) -> ImportWizard:
    app = AppServices(db)
    wizard = ImportWizard(app, Operations(app))
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def table_rows(model: Any) -> list[list[str]]:
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def find(db: Database, text: str) -> list[people.PersonRow]:
    return people.search_people(db, PeopleFilter(search=text))


def choose(wizard: ImportWizard, keyboard: Keyboard, path: Path) -> None:
    keyboard.open_file(path)
    wizard.file_page.choose.click()
    assert wizard.file_page.path.text() == str(path)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()


def test_import_a_google_export_with_a_corrected_mapping(
    qtbot: QtBot, db: Database, google_csv: Path, keyboard: Keyboard
) -> None:
    wizard = open_wizard(qtbot, db)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no file yet
    # No events yet: nothing to import attendees into, and it says so.
    assert not wizard.file_page.attendees.isEnabled()
    assert "no events yet" in wizard.file_page.attendees_note.text()
    choose(wizard, keyboard, google_csv)

    page = wizard.mapping_page
    assert wizard.currentPage() is page
    assert page.detected.text() == "Detected: Google Contacts export"
    phone = page.combo_for("Phone 1 - Value")
    assert phone.currentData() == "phone"
    first = page.table.model().index(0, 1).data()
    assert "Thandiwe" in first and "Zoë" in first  # examples from the file
    # Google's current "Organization Title" is recognised as the job title.
    title = page.combo_for("Organization Title")
    assert title.currentData() == "job_title"
    assert page.model.mapping()["Organization Title"] == "job_title"
    middle = page.combo_for("Middle Name")
    middle.setCurrentIndex(middle.findData(""))  # the organiser drops one it does not want
    assert page.model.mapping()["Middle Name"] == ""
    wizard.next()

    preview = wizard.preview_page
    assert wizard.currentPage() is preview
    rows = table_rows(preview.model)
    assert len(rows) == 2
    assert any("+27821234567" in cell for cell in rows[0])  # stored as E.164
    assert any("Zoë" in cell for cell in rows[1])
    assert "Coordinator" in rows[0]  # the job title, now mapped
    assert not find(db, "Nkosi")  # nothing written by the preview
    wizard.next()  # Import

    assert wizard.currentPage() is wizard.report_page
    assert wizard.report is not None
    assert (wizard.report.created, wizard.report.updated) == (2, 0)
    summary = wizard.report_page.summary.text()
    assert "New people: 2" in summary
    assert "Rows skipped: 0" in summary
    assert wizard.progress_dialog is None
    [thandi] = find(db, "Nkosi")
    assert thandi.phone == "+27821234567"
    assert thandi.email == "thandi@example.org"
    [zoe] = find(db, "Zoë")
    assert zoe.last_name == "Müller-Dlamini"
    assert people.get_person(db, thandi.id).fields["job_title"] == "Coordinator"
    assert keyboard.messages == []
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert not wizard.isVisible()


def test_a_saved_mapping_is_offered_next_time(
    qtbot: QtBot, db: Database, google_csv: Path, keyboard: Keyboard
) -> None:
    wizard = open_wizard(qtbot, db)
    choose(wizard, keyboard, google_csv)
    title = wizard.mapping_page.combo_for("Organization Title")
    title.setCurrentIndex(title.findData(""))  # this office keeps titles out
    wizard.mapping_page.save_as.setText("Office Google export")
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    wizard.reject()

    again = open_wizard(qtbot, db)
    saved = again.file_page.saved
    assert saved.findData("Office Google export") > 0
    saved.setCurrentIndex(saved.findData("Office Google export"))
    choose(again, keyboard, google_csv)
    assert again.mapping_page.combo_for("Organization Title").currentData() == ""
    again.reject()


def _to_bad_rows_question(
    qtbot: QtBot, db: Database, bad_csv: Path, keyboard: Keyboard
) -> ImportWizard:
    wizard = open_wizard(qtbot, db)
    choose(wizard, keyboard, bad_csv)
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    rows = {row[0]: row for row in table_rows(wizard.preview_page.model)}
    assert rows["3"][1] == "Skip" and "cells but" in rows["3"][2]  # the stray comma
    assert "not a phone number" in rows["4"][2]  # shown beside the row, not hidden
    wizard.next()  # Import: the service refuses because a row cannot be understood
    box = wizard.bad_rows_box
    assert box is not None and box.isVisible()
    assert "Row 3: " in box.text() and "Nothing has been written yet" in box.text()
    assert "Traceback" not in box.text()
    assert wizard.currentPage() is wizard.preview_page
    assert not find(db, "Mokoena")
    return wizard


def test_bad_rows_can_be_skipped(
    qtbot: QtBot, db: Database, bad_csv: Path, keyboard: Keyboard
) -> None:
    wizard = _to_bad_rows_question(qtbot, db, bad_csv, keyboard)
    wizard.skip_button.click()
    assert wizard.bad_rows_box is None
    assert wizard.currentPage() is wizard.report_page
    report = wizard.report
    assert report is not None and report.created == 2
    assert [p.row for p in report.skipped] == [3]
    assert "Rows skipped: 1" in wizard.report_page.summary.text()
    shown = table_rows(wizard.report_page.model)
    assert shown[0][:2] == ["3", "Skipped"] and shown[0][2]  # with its reason
    assert any(row[0] == "4" and "not a phone number" in row[2] for row in shown)
    [lerato] = find(db, "Mokoena")
    assert lerato.phone == "+27835551234"
    [naledi] = find(db, "Khumalo")
    assert naledi.phone is None  # the non-phone was left out, the person imported
    assert not find(db, "Dube")
    wizard.button(QWizard.WizardButton.FinishButton).click()


def test_bad_rows_cancel_writes_nothing(
    qtbot: QtBot, db: Database, bad_csv: Path, keyboard: Keyboard
) -> None:
    wizard = _to_bad_rows_question(qtbot, db, bad_csv, keyboard)
    wizard.cancel_import_button.click()
    assert wizard.bad_rows_box is None
    assert wizard.currentPage() is wizard.preview_page
    assert "Nothing was written" in wizard.preview_page.message.text()
    assert people.count_people(db) == 0
    wizard.reject()


def test_a_refused_file_is_explained_without_a_traceback(
    qtbot: QtBot, db: Database, tmp_path: Path, keyboard: Keyboard
) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    wizard = open_wizard(qtbot, db)
    choose(wizard, keyboard, empty)
    assert wizard.currentPage() is wizard.file_page
    [warning] = keyboard.text_of("warning")
    assert warning and "Traceback" not in warning
    wizard.reject()


def test_export_people_to_csv_for_excel(
    qtbot: QtBot, db: Database, tmp_path: Path, keyboard: Keyboard
) -> None:
    people.add_person(db, {"first_name": "Zoë", "last_name": "Müller", "phone": "082 123 4567"})
    app = AppServices(db)
    dialog = ExportDialog(app, Operations(app))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.format.currentData() == "csv"
    assert [dialog.format.itemData(i) for i in range(dialog.format.count())] == [
        "csv",
        "xlsx",
        "vcf",
    ]
    out = tmp_path / "everyone"  # the suffix is added
    keyboard.save_file(out)
    dialog.export_button.click()
    written = tmp_path / "everyone.csv"
    data = written.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # a UTF-8 BOM, so Excel shows "Zoë"
    assert "Zoë" in data.decode("utf-8-sig") and "Müller" in data.decode("utf-8-sig")
    assert dialog.written == 1
    assert "1 person written to" in dialog.result_label.text()
    assert keyboard.text_of("information")

    dialog.what.setCurrentIndex(dialog.what.findData("calendar"))
    assert not dialog.consent.isEnabled()
    assert [dialog.format.itemData(i) for i in range(dialog.format.count())] == ["ics"]
    dialog.close()


def test_export_only_people_who_agreed_to_be_emailed(
    qtbot: QtBot, db: Database, tmp_path: Path, keyboard: Keyboard
) -> None:
    people.add_person(db, {"first_name": "Sipho", "last_name": "Dube"})
    app = AppServices(db)
    dialog = ExportDialog(app, Operations(app))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.consent.setCurrentIndex(dialog.consent.findData("email"))
    out = tmp_path / "emailable.csv"
    keyboard.save_file(out)
    dialog.export_button.click()
    assert dialog.written == 0  # Sipho never agreed to email
    assert "Dube" not in out.read_text(encoding="utf-8-sig")
    dialog.close()


def test_stopping_the_import_writes_nothing(
    qtbot: QtBot,
    db: Database,
    google_csv: Path,
    keyboard: Keyboard,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wizard = open_wizard(qtbot, db)
    choose(wizard, keyboard, google_csv)
    wizard.next()
    real_run = imports_service.run_import

    def run_and_press_cancel(*args: Any, **kwargs: Any) -> Any:
        dialog = wizard.progress_dialog
        assert dialog is not None
        dialog.findChild(QPushButton).click()  # the organiser presses Cancel while it runs
        return real_run(*args, **kwargs)

    monkeypatch.setattr(imports_service, "run_import", run_and_press_cancel)
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    assert "You stopped the import. Nothing was written." in wizard.preview_page.message.text()
    assert wizard.progress_dialog is None
    assert keyboard.messages == []
    assert people.count_people(db) == 0
    wizard.reject()


def test_the_import_runs_in_the_background(
    qtbot: QtBot,
    db: Database,
    google_csv: Path,
    keyboard: Keyboard,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(TaskRunner, "synchronous", False)
    wizard = open_wizard(qtbot, db)
    keyboard.open_file(google_csv)
    wizard.file_page.choose.click()
    for page in (wizard.mapping_page, wizard.preview_page, wizard.report_page):
        wizard.next()
        qtbot.waitUntil(lambda page=page: wizard.currentPage() is page, timeout=10_000)
        assert not wizard.busy
    assert wizard.ops.wait()
    assert wizard.report is not None and wizard.report.created == 2
    assert len(find(db, "Nkosi")) == 1
    wizard.button(QWizard.WizardButton.FinishButton).click()


@pytest.mark.realworld
def test_a_salesforce_account_extract_imports_as_organisations(
    qtbot: QtBot, db: Database, realworld: Path, keyboard: Keyboard
) -> None:
    from saypro_desktop.services.organisations import list_organisations

    wizard = open_wizard(qtbot, db)
    assert wizard.file_page.organisations.isEnabled()
    extract = realworld / "organizations/salesforce_dataloader_account_extract_sample.csv"
    choose(wizard, keyboard, extract)
    page = wizard.mapping_page
    assert wizard.currentPage() is page
    assert page.detected.text() == "Detected: Salesforce export"
    assert page.kind.text().startswith("Each row becomes an organisation.")
    assert "Salesforce account extract" in page.kind.text()  # it says why, not people
    assert page.combo_for("NAME").currentData() == "name"
    assert page.combo_for("NAME").findData("website") >= 0  # organisation fields offered
    assert page.combo_for("NAME").findData("first_name") < 0
    wizard.next()

    rows = table_rows(wizard.preview_page.model)
    assert rows[0][:2] == ["2", "New"] and "Gravity Investments" in rows[0]
    wizard.next()  # Import
    assert wizard.currentPage() is wizard.report_page
    assert wizard.report is not None and wizard.report.created == 423
    assert "New organisations: 423" in wizard.report_page.summary.text()
    names = {o.name for o in list_organisations(db)}
    assert {"Crédito Inmobiliario Terras", "Pébéo of America"} <= names
    assert people.count_people(db) == 0
    assert keyboard.messages == []
    wizard.button(QWizard.WizardButton.FinishButton).click()
