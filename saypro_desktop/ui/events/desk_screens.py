"""The screens of the sign-in desk: finding your name, the walk-in form, "have we met
before?", the large confirmation, and the organiser's PIN pad. Each screen only lays out
and shows; :class:`~saypro_desktop.ui.events.desk.SignInDesk` decides what happens.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.services.events_desk import MIN_TYPED, DeskMatch
from saypro_desktop.services.events_signin import (
    CONSENT_CHANNELS,
    CONSENT_FOOTNOTE,
    CONSENT_LABELS,
    CONSENT_WORDING,
    SignInResult,
    WalkIn,
)
from saypro_desktop.ui.events.desk_look import desk_button, desk_label, desk_line
from saypro_desktop.ui.i18n import tr

if TYPE_CHECKING:
    from saypro_desktop.ui.events.desk import SignInDesk


def match_text(match: DeskMatch) -> str:
    parts = [match.name, match.area, match.contact]
    return "   ·   ".join(p for p in parts if p)


class TogglingLabel(QLabel):
    """The wording beside a tick box: tapping the words ticks the box too."""

    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self.setObjectName("consentWording")
        self.setWordWrap(True)
        self.box = box

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.box.toggle()
        event.accept()


class SearchScreen(QWidget):
    """Type your name; at most five masked matches; tap one (or Enter)."""

    def __init__(self, desk: SignInDesk) -> None:
        super().__init__()
        self.desk = desk
        self.search = desk_line(tr("Type your first name, surname, email or phone"), "deskSearch")
        self.search.textChanged.connect(desk.typed)
        self.search.installEventFilter(self)
        self.hint = desk_label(tr("Type at least 3 letters to find your name."), "deskHint")
        self.match_buttons: list[QPushButton] = []
        matches = QVBoxLayout()
        matches.setSpacing(10)
        for index in range(5):
            button = desk_button("", "matchButton", on_click=partial(desk.choose_match, index))
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.hide()
            self.match_buttons.append(button)
            matches.addWidget(button)
        self.new_here = desk_button(tr("I'm new here — add me"), "newHere",
                                    on_click=desk.open_walk_in)
        layout = QVBoxLayout(self)
        layout.setSpacing(18)
        layout.addWidget(self.search)
        layout.addWidget(self.hint)
        layout.addLayout(matches)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(desk_label(tr("Not on the list? Tap the green button."), "deskHint"), 1)
        row.addWidget(self.new_here)
        layout.addLayout(row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.desk.choose_match(self.desk.current)
                return True
            if key == Qt.Key.Key_Down:
                self.desk.move_current(1)
                return True
            if key == Qt.Key.Key_Up:
                self.desk.move_current(-1)
                return True
        return False

    def show_matches(self, matches: list[DeskMatch], current: int, typed: str) -> None:
        for index, button in enumerate(self.match_buttons):
            if index < len(matches):
                match = matches[index]
                button.setText(match_text(match))
                button.setAccessibleName(match.name)
                button.setProperty("current", "true" if index == current else "false")
                button.style().unpolish(button)
                button.style().polish(button)
                button.show()
            else:
                button.hide()
                button.setText("")
        letters = len("".join(typed.split()))
        if letters == 0:
            self.hint.setText(tr("Type at least 3 letters to find your name."))
        elif letters < MIN_TYPED:
            self.hint.setText(tr("Keep typing…"))
        elif not matches:
            self.hint.setText(tr("No one found. Check the spelling, or tap \"I'm new here\"."))
        else:
            self.hint.setText(tr("Tap your name (or press Enter) to sign in."))


class WalkInScreen(QWidget):
    """A short form for someone new, with consent boxes in the exact stored wording."""

    def __init__(self, desk: SignInDesk) -> None:
        super().__init__()
        self.desk = desk
        self.first = desk_line(tr("First name"), "walkInFirst")
        self.last = desk_line(tr("Last name"), "walkInLast")
        self.phone = desk_line(tr("Phone (optional)"), "walkInPhone")
        self.email = desk_line(tr("Email (optional)"), "walkInEmail")
        self.organisation = desk_line(tr("Organisation (optional)"), "walkInOrganisation")
        self.area = desk_line(tr("Ward or area (optional)"), "walkInArea")
        self.error = desk_label("", "formError")
        self.error.hide()
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        for index, edit in enumerate((self.first, self.last, self.phone, self.email,
                                      self.organisation, self.area)):
            grid.addWidget(edit, index // 2, index % 2)
        self.consents: dict[str, QCheckBox] = {}
        consent_box = QVBoxLayout()
        consent_box.addWidget(desk_label(tr("May we keep in touch? Tick any you agree to:")))
        consent_grid = QGridLayout()
        consent_grid.setHorizontalSpacing(28)
        for index, channel in enumerate(CONSENT_CHANNELS):
            box = QCheckBox(CONSENT_LABELS[channel])
            box.setObjectName(f"consent_{channel}")
            wording = TogglingLabel(CONSENT_WORDING[channel], box)
            line = QHBoxLayout()
            line.setSpacing(14)
            box.setMinimumWidth(box.sizeHint().width() + 8)
            line.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(wording, 1, Qt.AlignmentFlag.AlignTop)
            consent_grid.addLayout(line, index // 2, index % 2)
            self.consents[channel] = box
        consent_box.addLayout(consent_grid)
        consent_box.addWidget(desk_label(CONSENT_FOOTNOTE, "consentFoot"))
        self.petition = QCheckBox()
        self.petition.setObjectName("petitionBox")
        self.petition_text = TogglingLabel("", self.petition)
        petition_line = QHBoxLayout()
        petition_line.setContentsMargins(0, 0, 0, 0)
        petition_line.setSpacing(14)
        petition_line.addWidget(self.petition, 0, Qt.AlignmentFlag.AlignTop)
        petition_line.addWidget(self.petition_text, 1)
        self.petition_row = QWidget()
        self.petition_row.setLayout(petition_line)
        self.submit = desk_button(tr("Sign me in"), "primary", on_click=desk.submit_walk_in)
        self.back = desk_button(tr("Back"), on_click=desk.back_to_search)
        for edit in (self.first, self.last, self.phone, self.email, self.organisation,
                     self.area):
            edit.returnPressed.connect(desk.submit_walk_in)

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setSpacing(16)
        column.addWidget(desk_label(tr("Welcome! Tell us who you are"), "deskTitle"))
        column.addWidget(desk_label(tr("Only your first and last name are needed."),
                                    "deskSubtitle"))
        column.addLayout(grid)
        column.addWidget(self.error)
        column.addLayout(consent_box)
        column.addWidget(self.petition_row)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget "
                             "{ background: transparent; }")
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        buttons.addWidget(self.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

    def set_petition(self, petition: tuple[str, str] | None) -> None:
        self.petition_row.setVisible(petition is not None)
        if petition is not None:
            title, text = petition
            self.petition.setText(tr("Sign the petition"))
            self.petition_text.setText(f"“{title}”" + (f" — {text}" if text else ""))

    def person(self) -> WalkIn:
        return WalkIn(self.first.text(), self.last.text(), phone=self.phone.text() or None,
                      email=self.email.text() or None,
                      organisation=self.organisation.text() or None,
                      area=self.area.text() or None)

    def chosen_consents(self) -> list[str]:
        return [channel for channel, box in self.consents.items() if box.isChecked()]

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def clear(self) -> None:
        for edit in (self.first, self.last, self.phone, self.email, self.organisation,
                     self.area):
            edit.clear()
        for box in self.consents.values():
            box.setChecked(False)
        self.petition.setChecked(False)
        self.show_error("")


class OfferScreen(QWidget):
    """"Are you Thandiwe M. from Soweto?" — a returning person offered to themselves."""

    def __init__(self, desk: SignInDesk) -> None:
        super().__init__()
        self.desk = desk
        self.title = desk_label("", "deskTitle")
        self.offers: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.setSpacing(16)
        layout.addWidget(self.title)
        layout.addWidget(desk_label(tr("You may already be on our list. Tap your name if it is "
                                       "you."), "deskSubtitle"))
        for index in range(3):
            button = desk_button("", "matchButton", on_click=partial(desk.accept_offer, index))
            button.hide()
            self.offers.append(button)
            layout.addWidget(button)
        self.none = desk_button(tr("No, I'm new here"), "newHere",
                                on_click=desk.decline_offers)
        layout.addWidget(self.none)
        layout.addStretch(1)

    def show_offers(self, matches: list[DeskMatch]) -> None:
        # One likely match asks the question itself: "Are you Thandiwe M. from Soweto?"
        self.title.setText(matches[0].question if len(matches) == 1
                           else tr("Have we met before?"))
        for index, button in enumerate(self.offers):
            if index < len(matches):
                match = matches[index]
                where = ", ".join(p for p in (match.area, match.contact) if p)
                button.setText(tr("Yes, that's me: {name}").format(name=match.name)
                               + (f"   ·   {where}" if where else ""))
                button.show()
            else:
                button.hide()
                button.setText("")


class DoneScreen(QWidget):
    """The large confirmation; any tap (or the timer) makes the desk ready again."""

    def __init__(self, desk: SignInDesk) -> None:
        super().__init__()
        self.desk = desk
        self.big = desk_label("", "bigWelcome", align=Qt.AlignmentFlag.AlignCenter)
        self.small = desk_label("", "deskSubtitle", align=Qt.AlignmentFlag.AlignCenter)
        self.petition = desk_button("", "primary", on_click=desk.sign_petition_now)
        self.petition.hide()
        self.next = desk_button(tr("Done — next person"), on_click=desk.reset)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.big)
        layout.addWidget(self.small)
        layout.addSpacing(30)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.petition)
        row.addWidget(self.next)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def show_result(self, result: SignInResult, event_title: str,
                    petition_title: str | None) -> None:
        if result.already:
            self.big.setObjectName("bigAlready")
            self.big.setText(tr("You signed in at {time}").format(
                time=f"{result.signed_in_at:%H:%M}"))
            self.small.setText(tr("You're already on the list, {name} — no need to sign in "
                                  "again. Enjoy {event}!").format(name=result.name,
                                                                  event=event_title))
        else:
            self.big.setObjectName("bigWelcome")
            self.big.setText(tr("Welcome, {name}!").format(name=result.name))
            self.small.setText(tr("You're signed in to {event}. ✔").format(event=event_title))
        self.big.style().unpolish(self.big)
        self.big.style().polish(self.big)
        offer = petition_title is not None and not result.signed_petition
        self.petition.setVisible(offer)
        if offer:
            self.petition.setText(tr("Also sign the petition “{title}”").format(
                title=petition_title))


class PinScreen(QWidget):
    """The organiser's way out: this laptop's PIN on a touch keypad."""

    def __init__(self, desk: SignInDesk) -> None:
        super().__init__()
        self.desk = desk
        self.pin = desk_line(tr("Organiser PIN"), "pinField")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.returnPressed.connect(desk.try_pin)
        self.error = desk_label("", "pinError")
        pad = QGridLayout()
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
        for index, key in enumerate(keys):
            button = desk_button(key, "padKey", on_click=partial(self.press, key))
            pad.addWidget(button, index // 3, index % 3)
        self.back = desk_button(tr("Back to the desk"), on_click=desk.back_from_pin)
        self.leave = desk_button(tr("Leave the sign-in desk"), "primary", on_click=desk.leave)
        self.leave.hide()
        self.status = desk_label("", "deskSubtitle")
        left = QVBoxLayout()
        left.addWidget(desk_label(tr("Organisers only"), "deskTitle"))
        left.addWidget(self.status)
        left.addWidget(self.pin)
        left.addWidget(self.error)
        left.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.back)
        row.addWidget(self.leave)
        row.addStretch(1)
        left.addLayout(row)
        layout = QHBoxLayout(self)
        layout.setSpacing(40)
        layout.addLayout(left, 1)
        pad_column = QVBoxLayout()
        pad_column.addLayout(pad)
        pad_column.addStretch(1)
        layout.addLayout(pad_column)

    def press(self, key: str) -> None:
        if key == "⌫":
            self.pin.backspace()
        elif key == "OK":
            self.desk.try_pin()
        else:
            self.pin.insert(key)

    def reset(self) -> None:
        self.pin.clear()
        self.pin.show()
        self.error.setText("")
        self.leave.hide()
        self.status.setText(tr("Enter this laptop's organiser PIN to leave the desk."))
