"""A whole evening at the door, played as the organiser and the attendees would."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from saypro_desktop.db.engine import Database
from saypro_desktop.domain.people import format_phone
from saypro_desktop.services import people
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.events_signin import DeskInfo
from saypro_desktop.ui.events.desk import SignInDesk
from saypro_desktop.ui.events.dialogs import DeskSetupDialog, EventDialog
from saypro_desktop.ui.events.page import EventsPage
from saypro_desktop.ui.events.paper import PaperSheetDialog
from saypro_desktop.ui.main_window import MainWindow

PIN = "4826"


@dataclass
class Evening:
    app: AppServices
    window: MainWindow
    page: EventsPage
    event_id: str
    ids: dict[str, str]


@pytest.fixture(autouse=True)
def _desks_closed(qtbot: QtBot) -> Iterator[None]:
    """A failing test must not leave the locked desk behind."""
    yield
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, SignInDesk) and widget.isVisible():
            widget._unlocked = True
            widget.close()


def _add(db: Database, first: str, last: str, **extra: str) -> str:
    return people.add_person(db, {"first_name": first, "last_name": last, **extra})


@pytest.fixture
def evening(qtbot: QtBot, db: Database) -> Iterator[Evening]:
    app = AppServices(db)
    ids = {
        "sipho": _add(db, "Sipho", "Ndlovu", email="sipho.ndlovu@gmail.com",
                      phone="082 111 2233", city="Orlando East"),
        "lerato": _add(db, "Lerato", "Mokoena", phone="083 444 5566", city="Diepkloof"),
        "zodwa": _add(db, "Zodwa", "Nkosi", email="zodwa@saypro.org.za", city="Meadowlands"),
        "thandiwe": _add(db, "Thandiwe", "Mokoena", phone="072 555 4321", city="Soweto"),
        "ayanda": _add(db, "Ayanda", "Khumalo", city="Soweto"),
        "busi": _add(db, "Busisiwe", "Dlamini", city="Pimville"),
        "lindiwe": _add(db, "Lindiwe", "Khoza", phone="079 888 1212", city="Soweto"),
    }
    earlier = app.events.add_event({"title": "Clinic briefing", "kind": "briefing",
                                    "starts_at": "2026-09-10 10:00"})
    app.events.signin.sign_in(earlier, ids["zodwa"])  # Zodwa has been before
    petition = app.events.add_petition("Keep Soweto's clinics open at night")
    event_id = app.events.add_event({
        "title": "Soweto town hall", "kind": "town_hall", "starts_at": "2026-12-05 18:00",
        "ends_at": "2026-12-05 20:30", "venue": "Orlando Community Hall", "area": "Soweto",
        "expected_attendance": 120, "organisers": "Lerato Mokoena", "petition_id": petition})
    app.events.add_rsvps(event_id, [ids["ayanda"], ids["busi"], ids["sipho"]])
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("Events & sign-in")
    assert isinstance(page, EventsPage)
    page.when.setCurrentIndex(page.when.findData("all"))
    assert page.select_event(event_id)
    yield Evening(app, window, page, event_id, ids)
    window.ops.wait()


def _type(qtbot: QtBot, desk: SignInDesk, text: str) -> None:
    search = desk.search_screen.search
    search.clear()
    qtbot.keyClicks(search, text)


def _shown(desk: SignInDesk) -> list[str]:
    return [b.text() for b in desk.search_screen.match_buttons if b.isVisible()]


def _ready_again(qtbot: QtBot, desk: SignInDesk) -> None:
    qtbot.waitUntil(lambda: desk.stack.currentWidget() is desk.search_screen, timeout=3000)
    assert desk.search_screen.search.text() == ""
    assert _shown(desk) == []


def _set_pin(qtbot: QtBot, app: AppServices) -> DeskInfo:
    setup = DeskSetupDialog(app, "Soweto town hall")
    qtbot.addWidget(setup)
    setup.organiser.setText("Lerato")
    setup.desk.setText("Front door")
    setup.new_pin.setText(PIN)
    setup.again_pin.setText("4862")
    setup.open_desk()
    assert "differ" in setup.error.text() and not app.events.signin.has_pin()
    setup.again_pin.setText(PIN)
    setup.open_desk()
    assert setup.result() == DeskSetupDialog.DialogCode.Accepted
    assert app.events.signin.check_pin(PIN)
    return setup.info()


def test_a_whole_evening_at_the_door(qtbot: QtBot, evening: Evening) -> None:
    app, page, ids = evening.app, evening.page, evening.ids
    info = _set_pin(qtbot, app)
    assert info == DeskInfo("Front door", "Lerato")
    desk = page.start_desk(evening.event_id, info)
    assert isinstance(desk, SignInDesk)  # the page owns it (and deletes it once left)
    desk.clear_timer.setInterval(30)
    assert desk.isVisible() and desk.isFullScreen()

    # Three people find their own names and sign in: by tap, by Enter, by arrow and Enter.
    _type(qtbot, desk, "Sipho Nd")
    assert _shown(desk) == ["Sipho N.   ·   Orlando East   ·   •••• 2233"]
    qtbot.mouseClick(desk.search_screen.match_buttons[0], Qt.MouseButton.LeftButton)
    assert desk.done_screen.big.text() == "Welcome, Sipho N.!"
    assert desk.stack.currentWidget() is desk.done_screen
    _ready_again(qtbot, desk)

    _type(qtbot, desk, "zodwa")
    assert _shown(desk) == ["Zodwa N.   ·   Meadowlands   ·   z•••@s•••.org.za"]
    qtbot.keyClick(desk.search_screen.search, Qt.Key.Key_Return)
    assert desk.done_screen.big.text() == "Welcome, Zodwa N.!"
    _ready_again(qtbot, desk)

    _type(qtbot, desk, "moko")
    assert [t.split()[0] for t in _shown(desk)] == ["Lerato", "Thandiwe"]
    qtbot.keyClick(desk.search_screen.search, Qt.Key.Key_Down)
    qtbot.keyClick(desk.search_screen.search, Qt.Key.Key_Down)  # wraps back to Lerato
    qtbot.keyClick(desk.search_screen.search, Qt.Key.Key_Return)
    assert desk.done_screen.big.text() == "Welcome, Lerato M.!"
    _ready_again(qtbot, desk)

    # A walk-in who is new: the short form, a consent and the petition.
    _type(qtbot, desk, "Bongani Zulu")
    assert _shown(desk) == []
    qtbot.mouseClick(desk.search_screen.new_here, Qt.MouseButton.LeftButton)
    form = desk.walk_in_screen
    assert (form.first.text(), form.last.text()) == ("Bongani", "Zulu")
    assert form.petition_row.isVisibleTo(desk)
    qtbot.keyClicks(form.email, "bongani.zulu@example.org")
    qtbot.keyClicks(form.area, "Zola")
    form.consents["email"].setChecked(True)
    form.petition.setChecked(True)
    qtbot.mouseClick(form.submit, Qt.MouseButton.LeftButton)
    assert desk.done_screen.big.text() == "Welcome, Bongani Z.!"
    _ready_again(qtbot, desk)
    assert form.first.text() == form.email.text() == ""  # nothing left for the next person

    # A walk-in who has been here before, misspelt: offered to herself, and she accepts.
    qtbot.mouseClick(desk.search_screen.new_here, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.first, "Tandiwe")
    qtbot.keyClicks(form.last, "Mokoena")
    qtbot.keyClicks(form.area, "Soweto")
    form.consents["sms"].setChecked(True)
    qtbot.keyClick(form.last, Qt.Key.Key_Return)
    assert desk.stack.currentWidget() is desk.offer_screen
    offer = desk.offer_screen.offers[0]
    assert offer.isVisibleTo(desk)
    assert offer.text() == "Yes — Are you Thandiwe M. from Soweto   ·   •••• 4321"
    qtbot.mouseClick(offer, Qt.MouseButton.LeftButton)
    assert desk.done_screen.big.text() == "Welcome, Thandiwe M.!"
    _ready_again(qtbot, desk)

    # Sipho tries again: told when, not counted twice.
    _type(qtbot, desk, "sipho")
    qtbot.keyClick(desk.search_screen.search, Qt.Key.Key_Return)
    signed_at = app.events.signin.attendance(evening.event_id, "sipho")[0].signed_in_at
    assert desk.done_screen.big.text() == f"You signed in at {signed_at:%H:%M}"
    _ready_again(qtbot, desk)
    assert app.events.figures(evening.event_id).attendees == 5

    # Every way out without the PIN fails.
    window = evening.window
    before = window.stack.currentWidget()
    qtbot.keyClick(desk, Qt.Key.Key_Escape)
    qtbot.keyClick(desk.search_screen.search, Qt.Key.Key_Escape)
    qtbot.keyClick(desk, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    for digit in "1234567890":
        qtbot.keyClick(desk.search_screen.search, digit, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(desk, digit, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(desk.search_screen.search, "q", Qt.KeyboardModifier.ControlModifier)
    assert not desk.close()
    assert desk.isVisible() and window.stack.currentWidget() is before
    assert desk.search_screen.search.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu

    # The organiser leaves with the PIN (after one wrong try).
    qtbot.mouseClick(desk.organiser_button, Qt.MouseButton.LeftButton)
    pin = desk.pin_screen
    for key in "1111":
        qtbot.mouseClick(next(b for b in pin.findChildren(QPushButton) if b.text() == key),
                         Qt.MouseButton.LeftButton)
    qtbot.keyClick(pin.pin, Qt.Key.Key_Return)
    assert pin.error.text() == "That PIN is not right." and not pin.leave.isVisibleTo(desk)
    qtbot.keyClicks(pin.pin, PIN)
    qtbot.keyClick(pin.pin, Qt.Key.Key_Return)
    assert pin.leave.isVisibleTo(desk)
    with qtbot.waitSignal(desk.left, timeout=2000):
        qtbot.mouseClick(pin.leave, Qt.MouseButton.LeftButton)
    assert not desk.isVisible() and page.desk_window is None

    # The organiser's view: who took each sign-in.
    attendance = {r.name: r for r in app.events.signin.attendance(evening.event_id)}
    assert attendance["Sipho Ndlovu"].desk == "Front door"
    assert attendance["Sipho Ndlovu"].taken_by == "Lerato"
    assert attendance["Bongani Zulu"].walk_in and attendance["Bongani Zulu"].signed_petition

    # Back home: key in the paper sheet used when the queue got long (five rows).
    sheet = {r.person_id: r.code for r in app.events.sheet_rows(evening.event_id)}
    paper = PaperSheetDialog(app, evening.window.ops, evening.event_id)
    qtbot.addWidget(paper)
    paper.show()
    paper.page.setValue(2)

    def row(code_or_first: str, last: str = "", ticks: tuple[str, ...] = (),
            **fields: str) -> None:
        qtbot.keyClicks(paper.first, code_or_first)
        if last:
            qtbot.keyClicks(paper.last, last)
        for name, value in fields.items():
            qtbot.keyClicks(getattr(paper, name), value)
        for channel in ticks:
            paper.consents[channel].setChecked(True)
        qtbot.keyClick(paper.first, Qt.Key.Key_Return)

    row(sheet[ids["ayanda"]].lower())  # "a1": one keystroke a person
    row(sheet[ids["busi"]], ticks=("email",))
    assert "saved" in paper.log.item(0).text() and "Busisiwe Dlamini" in paper.log.item(0).text()
    assert not paper.consents["email"].isChecked()  # cleared for the next row
    row("Nomsa", "Dube", phone="084 333 9191")
    row("Lindiwe", "Khosa", area="Soweto")  # a near-duplicate: offered, accepted with 1
    assert paper.choice.isVisible() and "1: Lindiwe Khoza" in paper.choice.text()
    qtbot.keyClick(paper, "1")
    row("Thandiwe", "Mokoena")  # she signed in at the desk already
    qtbot.keyClick(paper, "1")
    assert "already signed in" in paper.log.item(0).text()
    assert paper.saved == 4 and paper.row.value() == 6
    paper.close()
    lindiwe = next(r for r in app.events.signin.attendance(evening.event_id, "lindiwe"))
    assert (lindiwe.person_id, lindiwe.source_label) == (ids["lindiwe"],
                                                         "Paper sheet, page 2 row 4")

    # The numbers.
    numbers = app.events.figures(evening.event_id)
    assert (numbers.attendees, numbers.new_people, numbers.returning, numbers.walk_ins,
            numbers.consents, numbers.signatures, numbers.rsvps, numbers.no_shows) == (
        9, 8, 1, 2, {"email": 2, "sms": 1}, 1, 3, 0)
    page.load_event()
    assert page.view.figures["attendees"].text() == "9"
    assert page.view.figures["new_people"].text() == "8"
    assert page.view.figures["consents"].text() == "3"
    assert page.view.captions["consents"].text() == "Consents given\nEmail 2 · SMS 1"
    assert page.view.attendance_model.rowCount() == 9


def test_the_desk_shows_five_at_most_nothing_before_three_and_no_contact_details(
        qtbot: QtBot, db: Database, ops: object) -> None:
    app = AppServices(db)
    everyone = []
    for i in range(12):
        everyone.append(_add(db, "Thabo", f"Mahlangu{i}", email=f"thabo.m{i}@gmail.com",
                             phone=f"082 700 {1000 + i}", city="Tembisa"))
    everyone.append(_add(db, "Thato", "Sithole", email="thato@webmail.co.za",
                         phone="+44 20 7946 0018"))
    everyone.append(_add(db, "Thandeka", "Zwane", email="thandeka.zwane@gmail.com"))
    event_id = app.events.add_event({"title": "Tembisa forum", "kind": "community_forum",
                                     "starts_at": "2026-12-06 10:00"})
    app.events.signin.set_pin(PIN)
    desk = SignInDesk(app, ops, event_id, DeskInfo("Hall", "Sipho"))  # type: ignore[arg-type]
    qtbot.addWidget(desk)
    desk.show()
    search = desk.search_screen.search
    for typed, expected in (("t", 0), ("th", 0), ("t h", 0), ("tha", 5), ("thab", 5),
                            ("thato", 1), ("mahlangu1", 3), ("082 700", 5), ("zzz", 0)):
        search.clear()
        qtbot.keyClicks(search, typed)
        assert len(_shown(desk)) == expected, typed
    search.clear()
    qtbot.keyClicks(search, "tha")
    texts = "\n".join(desk.visible_texts())
    with db.reading() as session:
        from saypro_desktop.db.models import Person

        for person in session.query(Person):
            if person.email:
                assert person.email not in texts
                assert person.email.split("@")[0] not in texts
            if person.phone:
                assert person.phone not in texts and format_phone(person.phone) not in texts
                assert person.phone[-7:] not in texts
            assert person.last_name not in texts
    assert "•••• " in texts
    search.clear()
    qtbot.keyClicks(search, "thandeka")
    assert _shown(desk) == ["Thandeka Z.   ·   t•••@g•••.com"]
    assert "thandeka.zwane" not in "\n".join(desk.visible_texts())
    # The walk-in offer screen is as careful.
    search.clear()
    qtbot.mouseClick(desk.search_screen.new_here, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(desk.walk_in_screen.first, "Thato")
    qtbot.keyClicks(desk.walk_in_screen.last, "Sitole")
    qtbot.mouseClick(desk.walk_in_screen.submit, Qt.MouseButton.LeftButton)
    assert desk.stack.currentWidget() is desk.offer_screen
    offered = "\n".join(desk.visible_texts())
    assert "Thato S." in offered and "thato@webmail" not in offered and "7946" not in offered
    desk.open_pin()
    qtbot.keyClicks(desk.pin_screen.pin, PIN)
    desk.try_pin()
    desk.leave()
    assert not desk.isVisible()


def test_adding_an_event_from_the_page(qtbot: QtBot, evening: Evening,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    app = evening.app
    dialog = EventDialog(app, evening.window.ops)
    qtbot.addWidget(dialog)
    dialog.save()
    assert "needs a title" in dialog.error.text()
    qtbot.keyClicks(dialog.title, "Youth training")
    dialog.kind.setCurrentIndex(dialog.kind.findData("training"))
    qtbot.keyClicks(dialog.venue, "Kliptown Youth Centre")
    dialog.expected.setValue(40)
    dialog.save()
    assert dialog.saved_id is not None
    detail = app.events.get_event(dialog.saved_id)
    assert (detail.title, detail.fields["kind"], detail.fields["expected_attendance"]) == (
        "Youth training", "training", 40)
    page = evening.page
    page.refresh()
    assert page.select_event(dialog.saved_id)
    assert page.view.heading.text() == "Youth training"
    assert "Training" in page.view.subheading.text()


def test_undo_from_the_organisers_view(qtbot: QtBot, evening: Evening,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    app, page = evening.app, evening.page
    app.events.signin.sign_in(evening.event_id, evening.ids["sipho"],
                              desk=DeskInfo("Side door", "Bheki"))
    qtbot.waitUntil(lambda: page.view.attendance_model.rowCount() == 1, timeout=2000)
    table = page.view.attendance
    assert "Side door · Bheki" in [table.model().index(0, c).data() for c in range(9)]
    table.selectRow(0)
    assert page.view.undo.isEnabled()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.view.undo.click()
    qtbot.waitUntil(lambda: page.view.attendance_model.rowCount() == 0, timeout=2000)
    assert app.events.figures(evening.event_id).attendees == 0
    assert page.view.figures["attendees"].text() == "0"


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_desk_screenshots(qtbot: QtBot, evening: Evening, tmp_path: Path,
                          size: tuple[int, int]) -> None:
    app = evening.app
    app.events.signin.set_pin(PIN)
    desk = SignInDesk(app, evening.window.ops, evening.event_id, DeskInfo("Front", "L"))
    qtbot.addWidget(desk)
    desk.resize(*size)
    desk.show()
    qtbot.keyClicks(desk.search_screen.search, "mok")
    shot = desk.grab()
    assert (shot.width(), shot.height()) == size
    out = tmp_path / f"desk-{size[0]}x{size[1]}.png"
    assert shot.save(str(out))
    desk.open_walk_in()
    assert desk.grab().save(str(tmp_path / f"walk-in-{size[0]}x{size[1]}.png"))
    # Everything on the walk-in form fits without clipping its buttons.
    assert desk.walk_in_screen.submit.geometry().bottom() <= desk.walk_in_screen.height()
    desk.open_pin()
    qtbot.keyClicks(desk.pin_screen.pin, PIN)
    desk.try_pin()
    desk.leave()


def test_an_rsvp_list_imported_through_the_wizard(
        qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from tests.ui.test_import_wizard import GOOGLE_HEADERS, GOOGLE_ROWS, open_wizard

    app = AppServices(db)
    event_id = app.events.add_event({"title": "Soweto town hall", "kind": "town_hall",
                                     "starts_at": "2099-12-05 18:00"})
    path = tmp_path / "registrations.csv"
    path.write_text("\n".join([GOOGLE_HEADERS, *GOOGLE_ROWS]) + "\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    wizard = open_wizard(qtbot, db)
    page = wizard.file_page
    assert page.attendees.isEnabled() and not page.attendees_note.isVisible()
    page.attendees.setChecked(True)
    assert page.event_picker.currentData() == event_id
    assert "Soweto town hall" in page.event_picker.currentText()
    page.choose.click()
    wizard.next()  # mapping
    wizard.next()  # preview
    wizard.next()  # import
    assert wizard.report is not None and wizard.report.rsvps_added == 2
    assert "Added to the RSVP list: 2" in wizard.report_page.summary.text()
    assert [r.name for r in app.events.sheet_rows(event_id)] == ["Thandiwe Nkosi",
                                                                  "Zoë Müller-Dlamini"]
    assert app.events.figures(event_id).attendees == 0  # an event to come: nobody came yet
    wizard.button(wizard.WizardButton.FinishButton).click()


def test_picking_people_for_the_rsvp_list(qtbot: QtBot, evening: Evening,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from saypro_desktop.ui.events.dialogs import RsvpDialog

    picked: list[RsvpDialog] = []

    def pick(dialog: RsvpDialog) -> int:
        picked.append(dialog)
        qtbot.keyClicks(dialog.search, "mokoena")
        assert dialog.results.count() == 2
        for index in range(dialog.results.count()):
            item = dialog.results.item(index)
            if item.text().startswith("Thandiwe"):
                item.setCheckState(Qt.CheckState.Checked)
        dialog.search.clear()  # the tick survives a new search
        assert dialog.count.text() == "1 chosen"
        return RsvpDialog.DialogCode.Accepted.value

    monkeypatch.setattr(RsvpDialog, "exec", pick)
    evening.page.view.add_rsvps.click()
    assert picked
    rows = evening.app.events.sheet_rows(evening.event_id)
    assert [r.name for r in rows][-1] == "Thandiwe Mokoena" and rows[-1].code == "A4"
    qtbot.waitUntil(lambda: evening.page.view.rsvp_model.rowCount() == 4, timeout=2000)


def test_the_pin_locks_again_and_guessing_is_slowed(qtbot: QtBot, evening: Evening,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import saypro_desktop.ui.events.desk as desk_module

    app = evening.app
    app.events.signin.set_pin(PIN)
    desk = SignInDesk(app, evening.window.ops, evening.event_id, DeskInfo("Front", "L"))
    qtbot.addWidget(desk)
    desk.show()
    desk.open_pin()
    qtbot.keyClicks(desk.pin_screen.pin, PIN)
    desk.try_pin()
    assert desk.unlocked
    desk.idle_timer.timeout.emit()  # the organiser walked away
    assert not desk.unlocked and desk.stack.currentWidget() is desk.search_screen
    assert not desk.close() and desk.isVisible()

    clock = [1000.0]
    monkeypatch.setattr(desk_module.time, "monotonic", lambda: clock[0])
    desk.open_pin()
    for _ in range(desk_module.MAX_PIN_TRIES):
        qtbot.keyClicks(desk.pin_screen.pin, "0000")
        desk.try_pin()
    qtbot.keyClicks(desk.pin_screen.pin, PIN)
    desk.try_pin()  # even the right PIN waits
    assert not desk.unlocked and "Wait a minute" in desk.pin_screen.error.text()
    clock[0] += desk_module.PIN_WAIT_S + 1
    qtbot.keyClicks(desk.pin_screen.pin, PIN)
    desk.try_pin()
    assert desk.unlocked
    desk.leave()
    assert not desk.isVisible()
