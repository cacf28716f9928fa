"""Click through the Sync page as an organiser would: set up, export, import, review."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from saypro_desktop.db.engine import Database
from saypro_desktop.services import people
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.duplicates import list_candidates
from saypro_desktop.services.sync import list_conflicts
from saypro_desktop.services.sync_devices import init_office, invite, is_set_up, join
from saypro_desktop.services.sync_files import export_bundle, import_files
from saypro_desktop.services.workspace import open_workspace
from saypro_desktop.ui.operations import Operations
from saypro_desktop.ui.sync.page import SyncPage
from saypro_desktop.ui.tasks import BackgroundProgress

PASS = "a long enough passphrase"


@dataclass
class Pair:
    office: Database
    laptop: Database
    invitation: Path
    folder: Path


def _make_pair(tmp_path: Path, *, joined: bool = True) -> Pair:
    office = open_workspace(tmp_path / "office.sqlite3")
    laptop = open_workspace(tmp_path / "laptop.sqlite3")
    init_office(office, "Office")
    invitation = tmp_path / "Laptop-1.sayproinvite"
    invite(office, "Laptop 1", PASS, invitation)
    if joined:
        join(laptop, invitation.read_bytes(), PASS)
    usb = tmp_path / "usb"
    usb.mkdir()
    return Pair(office, laptop, invitation, usb)


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    p = _make_pair(tmp_path)
    yield p
    p.office.dispose()
    p.laptop.dispose()


@pytest.fixture
def unjoined(tmp_path: Path) -> Iterator[Pair]:
    p = _make_pair(tmp_path, joined=False)
    yield p
    p.office.dispose()
    p.laptop.dispose()


@dataclass
class Dialogs:
    """Stands in for the person at the keyboard: answers dialogs, remembers messages."""

    monkeypatch: pytest.MonkeyPatch
    messages: list[tuple[str, str]] = field(default_factory=list)
    texts: list[tuple[str, bool]] = field(default_factory=list)  # answers to getText
    echo_modes: list[QLineEdit.EchoMode] = field(default_factory=list)
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes

    def install(self) -> None:
        def record(kind: str) -> Any:
            def show(_parent: Any, _title: str, text: str, *a: Any, **k: Any) -> Any:
                self.messages.append((kind, text))
                return QMessageBox.StandardButton.Ok

            return show

        def question(_parent: Any, _title: str, text: str, *a: Any, **k: Any) -> Any:
            self.messages.append(("question", text))
            return self.answer

        def get_text(_parent: Any, _title: str, _label: str, *args: Any, **k: Any) -> Any:
            self.echo_modes.append(args[0] if args else QLineEdit.EchoMode.Normal)
            return self.texts.pop(0)

        for kind in ("information", "warning", "critical"):
            self.monkeypatch.setattr(QMessageBox, kind, record(kind))
        self.monkeypatch.setattr(QMessageBox, "question", question)
        self.monkeypatch.setattr(QInputDialog, "getText", get_text)

    def folder(self, path: Path) -> None:
        self.monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(path))

    def open_files(self, *paths: Path) -> None:
        self.monkeypatch.setattr(
            QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in paths], "")
        )

    def open_file(self, path: Path) -> None:
        self.monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))

    def text_of(self, kind: str) -> list[str]:
        return [text for k, text in self.messages if k == kind]


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    d = Dialogs(monkeypatch)
    d.install()
    return d


def open_page(qtbot: QtBot, db: Database) -> SyncPage:
    page = SyncPage(AppServices(db), Operations(AppServices(db)))
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def plain(text: str) -> str:
    return text.replace("&", "")


def fingerprint(db: Database) -> str:
    con = sqlite3.connect(db.path)
    try:
        return hashlib.sha256("\n".join(con.iterdump()).encode()).hexdigest()
    finally:
        con.close()


def preview_rows(page: SyncPage) -> list[list[str]]:
    dialog = page.preview_dialog
    assert dialog is not None and dialog.isVisible()
    model = dialog.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def import_through_page(page: SyncPage, dialogs: Dialogs, *paths: Path) -> list[list[str]]:
    """Choose files, read the preview, press Import; returns the preview rows."""
    dialogs.open_files(*paths)
    page.import_button.click()
    rows = preview_rows(page)
    assert page.preview_dialog is not None
    page.preview_dialog.import_button.click()
    return rows


def close_receipt(page: SyncPage) -> str:
    receipt = page.receipt_dialog
    assert receipt is not None and receipt.isVisible()
    summary = receipt.summary.text()
    receipt.close_button.click()
    return summary


# --- set-up ---------------------------------------------------------------------------


def test_a_new_laptop_explains_sync_and_joins(
    qtbot: QtBot, unjoined: Pair, dialogs: Dialogs
) -> None:
    page = open_page(qtbot, unjoined.laptop)
    assert page.stack.currentWidget() is page.setup_panel
    assert (
        "not set up for sync yet"
        in page.setup_panel.findChild(type(page.identity), "syncExplanation").text()
    )
    dialogs.open_file(unjoined.invitation)

    dialogs.texts = [("not the passphrase", True)]
    page.join_button.click()
    assert page.stack.currentWidget() is page.setup_panel
    assert not is_set_up(unjoined.laptop)
    [warning] = dialogs.text_of("warning")
    assert "passphrase" in warning and "Traceback" not in warning

    dialogs.texts = [(PASS, True)]
    page.join_button.click()
    assert dialogs.echo_modes == [QLineEdit.EchoMode.Password] * 2
    assert page.stack.currentWidget() is page.main_panel
    assert page.identity.text() == "This computer: Laptop 1 — field device"
    assert plain(page.export_button.text()) == "Export changes for the office…"
    assert not page.invite_button.isVisibleTo(page)
    assert "has joined" in page.message.text()


def test_the_office_sets_up_invites_and_revokes_from_the_page(
    qtbot: QtBot, tmp_path: Path, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_workspace(tmp_path / "office.sqlite3")
    try:
        page = open_page(qtbot, db)
        dialogs.texts = [("Head office", True)]
        page.setup_office_button.click()
        assert page.identity.text() == "This computer: Head office — office device"
        assert plain(page.export_button.text()) == "Export updates for the field…"
        assert page.invite_button.isVisibleTo(page) and page.revoke_button.isVisibleTo(page)
        assert "Only this computer" in page.devices_note.text()

        dialogs.folder(tmp_path)  # nobody to send to yet: the service says so, plainly
        page.export_button.click()
        [warning] = dialogs.text_of("warning")
        assert warning.startswith("No other device is on the roster yet")

        def no_file_dialog_yet(*_a: Any, **_k: Any) -> Any:
            raise AssertionError("the passphrase is checked before the file dialog opens")

        monkeypatch.setattr(QFileDialog, "getSaveFileName", no_file_dialog_yet)
        dialogs.texts = [("Laptop 7", True), ("short", True)]
        page.invite_button.click()  # too short: said at once, nothing else is asked
        assert "at least 8 characters; this one has 5" in dialogs.text_of("warning")[-1]
        assert dialogs.texts == []

        out = tmp_path / "Laptop-7.sayproinvite"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
        dialogs.texts = [("Laptop 7", True), (PASS, True), (PASS + "!", True)]
        page.invite_button.click()  # the two passphrases differ: nothing is made
        assert not out.exists()
        assert "different" in dialogs.text_of("warning")[-1]
        dialogs.texts = [("Laptop 7", True), (PASS, True), (PASS, True)]
        page.invite_button.click()
        assert out.exists()
        assert "never together with the file" in dialogs.text_of("information")[-1]
        assert plain(page.tabs.tabText(0)) == "Devices (2)"
        assert page.devices_model.index(1, 0).data() == "Laptop 7"

        monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Laptop 7", True))
        page.revoke_button.click()
        assert "Revoke Laptop 7?" in dialogs.text_of("question")[-1]
        assert page.devices_model.index(1, 5).data().startswith("Revoked")
    finally:
        db.dispose()


# --- export and import ----------------------------------------------------------------


def test_export_writes_a_sync_file_into_the_chosen_folder(
    qtbot: QtBot, pair: Pair, dialogs: Dialogs
) -> None:
    people.add_person(pair.laptop, {"first_name": "Thandeka", "last_name": "Nkosi"})
    page = open_page(qtbot, pair.laptop)
    dialogs.folder(pair.folder)
    page.export_button.click()
    [written] = list(pair.folder.glob("*.sayprobundle"))
    [info] = dialogs.text_of("information")
    count, _, rest = info.partition(" changes written to ")
    assert int(count) >= 2 and rest.startswith(str(written))  # at least the two names
    assert "Take the file to the office" in info
    assert str(written) in page.message.text()
    receipt = import_files(pair.office, [written])
    assert receipt.refused == 0
    assert [p.name for p in people.search_people(pair.office)] == ["Thandeka Nkosi"]


def test_import_shows_a_preview_then_a_receipt_and_a_second_time_already_imported(
    qtbot: QtBot, pair: Pair, dialogs: Dialogs
) -> None:
    for first in ("Sipho", "Lerato"):
        people.add_person(pair.laptop, {"first_name": first, "last_name": "Dlamini"})
    bundle = export_bundle(pair.laptop, pair.folder).path
    page = open_page(qtbot, pair.office)

    rows = import_through_page(page, dialogs, bundle)
    [[name, sender, _made, changes, status, _details]] = rows
    assert (name, sender, status) == (bundle.name, "Laptop 1", "Ready to import")
    assert int(changes) > 0
    summary = close_receipt(page)
    assert f"Changes applied: {changes}" in summary
    assert "1 imported, 0 already imported, 0 refused" in summary
    assert "Conflicts to review: 0" in summary
    assert page.progress_dialog is None
    assert sorted(p.first_name for p in people.search_people(pair.office)) == ["Lerato", "Sipho"]
    assert plain(page.tabs.tabText(0)) == "Devices (2)"

    dialogs.open_files(bundle)
    page.import_button.click()
    [[*_, status, details]] = preview_rows(page)
    assert status == "Already imported"
    assert details.startswith("Already imported on ")
    assert page.preview_dialog is not None
    assert not page.preview_dialog.import_button.isEnabled()
    page.preview_dialog.cancel_button.click()
    assert page.preview_dialog is None


def test_cancel_while_a_file_imports_keeps_nothing_of_it(
    qtbot: QtBot, pair: Pair, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    for first in ("Sipho", "Lerato", "Ayanda"):
        people.add_person(pair.laptop, {"first_name": first, "last_name": "Dlamini"})
    bundle = export_bundle(pair.laptop, pair.folder).path
    page = open_page(qtbot, pair.office)
    before = fingerprint(pair.office)
    calls: list[int] = []
    report = BackgroundProgress.callback

    def press_cancel_midway(self: BackgroundProgress, done: int, total: int) -> bool:
        calls.append(done)
        if len(calls) == 4:  # the file is being applied: its rows are being derived
            self.dialog.canceled.emit()  # what the dialog's Cancel button sends
        return report(self, done, total)

    monkeypatch.setattr(BackgroundProgress, "callback", press_cancel_midway)
    import_through_page(page, dialogs, bundle)
    receipt = page.receipt_dialog
    assert receipt is not None
    status = receipt.model.index(0, 2).data()
    summary = close_receipt(page)
    assert status == "Stopped, nothing changed"
    assert "You stopped the import; files not touched: 1. Import them later." in summary
    assert fingerprint(pair.office) == before
    assert people.count_people(pair.office) == 0

    monkeypatch.setattr(BackgroundProgress, "callback", report)
    import_through_page(page, dialogs, bundle)
    assert "1 imported, 0 already imported, 0 refused" in close_receipt(page)
    assert people.count_people(pair.office) == 3


def test_damaged_files_are_refused_with_the_reason_and_change_nothing(
    qtbot: QtBot, pair: Pair, dialogs: Dialogs
) -> None:
    people.add_person(pair.laptop, {"first_name": "Ayanda", "last_name": "Zulu"})
    good = export_bundle(pair.laptop, pair.folder / "good.sayprobundle").path
    data = good.read_bytes()
    (pair.folder / "cut.sayprobundle").write_bytes(data[: len(data) // 3])
    flipped = bytearray(data)
    flipped[-10] ^= 0xFF  # inside the encrypted body: only the full check finds it
    (pair.folder / "flipped.sayprobundle").write_bytes(bytes(flipped))
    good.unlink()
    before = fingerprint(pair.office)

    page = open_page(qtbot, pair.office)
    dialogs.folder(pair.folder)
    page.import_folder_button.click()
    rows = {row[0]: row for row in preview_rows(page)}
    assert set(rows) == {"cut.sayprobundle", "flipped.sayprobundle"}
    assert rows["cut.sayprobundle"][4] == "Refused"
    assert rows["cut.sayprobundle"][5].startswith("This sync bundle is incomplete")
    # The preview verifies and decrypts each file, so even damage deep in the encrypted
    # body is refused before anything could be applied.
    assert rows["flipped.sayprobundle"][4] == "Refused"
    assert rows["flipped.sayprobundle"][5]  # the reason, in words
    assert page.preview_dialog is not None
    assert not page.preview_dialog.import_button.isEnabled()
    page.preview_dialog.reject()
    assert people.count_people(pair.office) == 0
    assert fingerprint(pair.office) == before


# --- review ---------------------------------------------------------------------------


def _conflict_on_city(pair: Pair) -> str:
    pid = people.add_person(pair.laptop, {"first_name": "Thandeka", "last_name": "Nkosi"})
    import_files(pair.office, [export_bundle(pair.laptop, pair.folder / "1.sayprobundle").path])
    people.update_person(pair.laptop, pid, {"city": "Soweto"})
    people.update_person(pair.office, pid, {"city": "Umlazi"})
    import_files(pair.office, [export_bundle(pair.laptop, pair.folder / "2.sayprobundle").path])
    return pid


def test_a_conflict_is_listed_and_the_other_value_settles_it(
    qtbot: QtBot, pair: Pair, dialogs: Dialogs
) -> None:
    pid = _conflict_on_city(pair)
    [conflict] = list_conflicts(pair.office)
    other = conflict.others[0].value
    page = open_page(qtbot, pair.office)
    assert plain(page.tabs.tabText(1)) == "Conflicts (1)"
    model = page.conflicts_model
    record, field_name, shown, others = (model.index(0, c).data() for c in range(4))
    assert (record, field_name) == ("Thandeka Nkosi", "City")
    assert {shown.split(" (")[0], others.split(" (")[0]} == {"Soweto", "Umlazi"}
    assert "Laptop 1" in shown + others and "Office" in shown + others
    assert plain(page.other_button.text()) == "Use the other value"

    page.other_button.click()
    assert list_conflicts(pair.office) == []
    assert people.get_person(pair.office, pid).fields["city"] == other
    assert page.conflicts_stack.currentWidget() is page.conflicts_empty
    assert page.conflicts_empty.text().startswith("No conflicts")
    assert plain(page.tabs.tabText(1)) == "Conflicts (0)"


def test_a_typed_value_settles_a_conflict(qtbot: QtBot, pair: Pair, dialogs: Dialogs) -> None:
    pid = _conflict_on_city(pair)
    page = open_page(qtbot, pair.office)
    dialogs.texts = [("Soweto, Orlando East", True)]
    page.type_button.click()
    assert list_conflicts(pair.office) == []
    assert people.get_person(pair.office, pid).fields["city"] == "Soweto, Orlando East"


def test_delete_against_edit_offers_keep_or_delete(
    qtbot: QtBot, pair: Pair, dialogs: Dialogs
) -> None:
    pid = people.add_person(pair.laptop, {"first_name": "Bongani", "last_name": "Mthembu"})
    import_files(pair.office, [export_bundle(pair.laptop, pair.folder / "1.sayprobundle").path])
    people.update_person(pair.laptop, pid, {"city": "Durban"})
    people.delete_person(pair.office, pid)
    import_files(pair.office, [export_bundle(pair.laptop, pair.folder / "2.sayprobundle").path])
    page = open_page(qtbot, pair.office)
    assert page.conflicts_model.rowCount() == 1
    assert plain(page.keep_button.text()) == "Keep the record"
    assert plain(page.other_button.text()) == "Delete it after all"
    assert not page.type_button.isVisibleTo(page)
    page.other_button.click()
    assert list_conflicts(pair.office) == []
    assert people.count_people(pair.office) == 0


def test_devices_tab_shows_both_devices(qtbot: QtBot, pair: Pair, dialogs: Dialogs) -> None:
    people.add_person(pair.laptop, {"first_name": "Nomsa"})
    import_files(pair.office, [export_bundle(pair.laptop, pair.folder).path])
    page = open_page(qtbot, pair.office)
    model = page.devices_model
    rows = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}
    assert rows == {"Office (this computer)": "Office", "Laptop 1": "Field laptop"}
    laptop_row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Laptop 1")
    assert int(model.index(laptop_row, 2).data()) > 0
    assert model.index(laptop_row, 3).data() != "never"
    assert page.devices_stack.currentWidget() is page.devices_table


def test_possible_duplicates_are_found_on_import_and_can_be_merged_or_dismissed(
    qtbot: QtBot, pair: Pair, dialogs: Dialogs
) -> None:
    for db in (pair.office, pair.laptop):
        people.add_person(
            db, {"first_name": "Zanele", "last_name": "Khumalo", "email": "zanele@example.org"}
        )
        people.add_person(db, {"first_name": "Musa", "last_name": "Ndlovu", "city": "Tembisa"})
    bundle = export_bundle(pair.laptop, pair.folder).path
    page = open_page(qtbot, pair.office)
    assert page.duplicates_stack.currentWidget() is page.duplicates_empty
    import_through_page(page, dialogs, bundle)
    assert "Possible duplicates to check: 2" in close_receipt(page)
    assert plain(page.tabs.tabText(2)) == "Possible duplicates (2)"
    reasons = {
        page.duplicates_model.index(r, 2).data() for r in range(page.duplicates_model.rowCount())
    }
    assert reasons == {"same email (zanele@example.org)", "same name and place"}

    page.duplicates_table.selectRow(0)
    first = page.duplicates_model.row_at(0)
    dialogs.answer = QMessageBox.StandardButton.No
    page.merge_button.click()
    assert people.count_people(pair.office) == 4
    dialogs.answer = QMessageBox.StandardButton.Yes
    page.merge_button.click()
    assert people.count_people(pair.office) == 3
    assert first.first.name in page.message.text()
    assert len(list_candidates(pair.office)) == 1
    page.dismiss_button.click()
    assert list_candidates(pair.office) == []
    assert people.count_people(pair.office) == 3
    assert page.duplicates_stack.currentWidget() is page.duplicates_empty
