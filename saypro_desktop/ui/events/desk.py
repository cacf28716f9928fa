"""The sign-in desk: a full-screen, touch-friendly kiosk at the door of an event.

The attendee types part of their own name, email or phone; from the third character at most
five matches appear, each with a first name, a last initial, an area and a masked contact
(the desk is never given more: see services.events_desk.DeskMatch). One tap or Enter signs
in and shows a large confirmation, which clears itself. Someone new fills a short form with
consent boxes in the exact wording stored with their consent, and is offered the record they
may already have. The desk offers no way to other pages, menus or shortcuts; leaving it needs
the organiser's PIN for this laptop.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.errors import SayProError
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.events_desk import MIN_TYPED, DeskMatch
from saypro_desktop.services.events_signin import (
    CONSENT_CHANNELS,
    CONSENT_FOOTNOTE,
    CONSENT_LABELS,
    CONSENT_WORDING,
    DeskInfo,
    SignInResult,
    WalkIn,
)
from saypro_desktop.ui.errors import error_text
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.operations import Operations

CLEAR_AFTER_MS = 5000  # the confirmation stays this long, then the desk is ready again
IDLE_CLEAR_MS = 45_000  # half-typed names and forms are wiped after this long untouched
MAX_PIN_TRIES = 5  # then the PIN screen waits PIN_WAIT_S before it listens again
PIN_WAIT_S = 60.0

def style(scale: float) -> str:
    """The desk's look; ``scale`` shrinks it to fit a 1366×768 laptop and grows it on a
    large screen, so nothing is ever clipped."""

    def pt(size: float) -> str:
        return f"{max(10, round(size * scale))}pt"

    def px(size: float) -> str:
        return f"{max(8, round(size * scale))}px"

    return f"""
QWidget#signInDesk {{ background: #f4f6fa; }}
QWidget#signInDesk QLabel {{ color: #1c2430; font-size: {pt(18)}; }}
QWidget#signInDesk QLabel#deskTitle {{ font-size: {pt(30)}; font-weight: 700; color: #0b3d6b; }}
QWidget#signInDesk QLabel#deskSubtitle {{ font-size: {pt(17)}; color: #4a5668; }}
QWidget#signInDesk QLabel#deskHint {{ font-size: {pt(16)}; color: #5b6678; }}
QWidget#signInDesk QLabel#bigWelcome {{ font-size: {pt(40)}; font-weight: 700; color: #14632d; }}
QWidget#signInDesk QLabel#bigAlready {{ font-size: {pt(36)}; font-weight: 700; color: #0b3d6b; }}
QWidget#signInDesk QLabel#formError, QWidget#signInDesk QLabel#pinError {{
    font-size: {pt(16)}; color: #a4161a; font-weight: 600; }}
QWidget#signInDesk QLabel#consentWording {{ font-size: {pt(15)}; color: #1c2430; }}
QWidget#signInDesk QLabel#consentFoot {{ font-size: {pt(13)}; color: #5b6678; }}
QLineEdit {{ font-size: {pt(22)}; padding: {px(8)} {px(16)}; border: 2px solid #9aa7b8;
            border-radius: 10px; background: white; color: #1c2430;
            min-height: {px(52)}; }}
QLineEdit:focus {{ border-color: #0b5cad; }}
QPushButton {{ font-size: {pt(19)}; padding: {px(10)} {px(22)}; border-radius: 12px;
              background: white; border: 2px solid #9aa7b8; color: #1c2430;
              min-height: {px(48)}; }}
QPushButton:focus {{ border: 3px solid #0b5cad; }}
QPushButton#matchButton {{ text-align: left; padding: {px(8)} {px(24)}; font-size: {pt(21)};
                           min-height: {px(50)}; }}
QPushButton#matchButton[current="true"] {{ border: 3px solid #0b5cad; background: #e7f0fb; }}
QPushButton#primary {{ background: #0b5cad; color: white; border: none; font-weight: 700; }}
QPushButton#primary:pressed {{ background: #084785; }}
QPushButton#newHere {{ background: #14632d; color: white; border: none; font-weight: 700; }}
QPushButton#organiserButton {{ font-size: {pt(12)}; padding: 4px 14px; color: #5b6678;
                              border: 1px solid #c3ccd8; background: transparent;
                              min-height: {px(28)}; }}
QPushButton#padKey {{ font-size: {pt(24)}; min-width: {px(96)}; min-height: {px(56)}; }}
QCheckBox {{ font-size: {pt(18)}; spacing: 14px; }}
QCheckBox::indicator {{ width: {px(34)}; height: {px(34)}; }}
"""



def _label(text: str, name: str = "", *, wrap: bool = True,
           align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> QLabel:
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setAlignment(align)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


def _button(text: str, name: str = "", *,
            on_click: Callable[[], None] | None = None) -> QPushButton:
    button = QPushButton(text)
    if name:
        button.setObjectName(name)
    button.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    if on_click is not None:
        button.clicked.connect(lambda _checked=False: on_click())
    return button


def _line(placeholder: str, name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # no cut/paste menu
    return edit


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
        self.search = _line(tr("Type your first name, surname, email or phone"), "deskSearch")
        self.search.textChanged.connect(desk.typed)
        self.search.installEventFilter(self)
        self.hint = _label(tr("Type at least 3 letters to find your name."), "deskHint")
        self.match_buttons: list[QPushButton] = []
        matches = QVBoxLayout()
        matches.setSpacing(10)
        for index in range(5):
            button = _button("", "matchButton", on_click=partial(desk.choose_match, index))
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.hide()
            self.match_buttons.append(button)
            matches.addWidget(button)
        self.new_here = _button(tr("I'm new here — add me"), "newHere",
                                on_click=desk.open_walk_in)
        layout = QVBoxLayout(self)
        layout.setSpacing(18)
        layout.addWidget(self.search)
        layout.addWidget(self.hint)
        layout.addLayout(matches)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(_label(tr("Not on the list? Tap the green button."), "deskHint"), 1)
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
        self.first = _line(tr("First name"), "walkInFirst")
        self.last = _line(tr("Last name"), "walkInLast")
        self.phone = _line(tr("Phone (optional)"), "walkInPhone")
        self.email = _line(tr("Email (optional)"), "walkInEmail")
        self.organisation = _line(tr("Organisation (optional)"), "walkInOrganisation")
        self.area = _line(tr("Ward or area (optional)"), "walkInArea")
        self.error = _label("", "formError")
        self.error.hide()
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        for index, edit in enumerate((self.first, self.last, self.phone, self.email,
                                      self.organisation, self.area)):
            grid.addWidget(edit, index // 2, index % 2)
        self.consents: dict[str, QCheckBox] = {}
        consent_box = QVBoxLayout()
        consent_box.addWidget(_label(tr("May we keep in touch? Tick any you agree to:")))
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
        consent_box.addWidget(_label(CONSENT_FOOTNOTE, "consentFoot"))
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
        self.submit = _button(tr("Sign me in"), "primary", on_click=desk.submit_walk_in)
        self.back = _button(tr("Back"), on_click=desk.back_to_search)
        for edit in (self.first, self.last, self.phone, self.email, self.organisation,
                     self.area):
            edit.returnPressed.connect(desk.submit_walk_in)

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setSpacing(16)
        column.addWidget(_label(tr("Welcome! Tell us who you are"), "deskTitle"))
        column.addWidget(_label(tr("Only your first and last name are needed."),
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
        self.title = _label("", "deskTitle")
        self.offers: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.setSpacing(16)
        layout.addWidget(self.title)
        layout.addWidget(_label(tr("You may already be on our list. Tap your name if it is "
                                   "you."), "deskSubtitle"))
        for index in range(3):
            button = _button("", "matchButton", on_click=partial(desk.accept_offer, index))
            button.hide()
            self.offers.append(button)
            layout.addWidget(button)
        self.none = _button(tr("No, I'm new here"), "newHere",
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
        self.big = _label("", "bigWelcome", align=Qt.AlignmentFlag.AlignCenter)
        self.small = _label("", "deskSubtitle", align=Qt.AlignmentFlag.AlignCenter)
        self.petition = _button("", "primary", on_click=desk.sign_petition_now)
        self.petition.hide()
        self.next = _button(tr("Done — next person"), on_click=desk.reset)
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
        self.pin = _line(tr("Organiser PIN"), "pinField")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.returnPressed.connect(desk.try_pin)
        self.error = _label("", "pinError")
        pad = QGridLayout()
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
        for index, key in enumerate(keys):
            button = _button(key, "padKey", on_click=partial(self.press, key))
            pad.addWidget(button, index // 3, index % 3)
        self.back = _button(tr("Back to the desk"), on_click=desk.back_from_pin)
        self.leave = _button(tr("Leave the sign-in desk"), "primary", on_click=desk.leave)
        self.leave.hide()
        self.status = _label("", "deskSubtitle")
        left = QVBoxLayout()
        left.addWidget(_label(tr("Organisers only"), "deskTitle"))
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


class SignInDesk(QWidget):
    """The attendee-facing window. ``left`` fires once the organiser has left with the PIN."""

    left = Signal()

    def __init__(self, app: AppServices, ops: Operations, event_id: str, desk: DeskInfo,
                 *, clear_after_ms: int = CLEAR_AFTER_MS) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("signInDesk")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._scale = 0.0
        self._apply_scale(1.0)
        self.app = app
        self.ops = ops
        self.event_id = event_id
        self.info = desk
        self.signin = app.events.signin
        detail = app.events.get_event(event_id)
        self.event_title = detail.title
        self.petition = self.signin.petition_of(event_id)
        self.setWindowTitle(tr("Sign in — {event}").format(event=self.event_title))
        self._unlocked = False
        self._pin_tries = 0
        self._pin_wait_until = 0.0
        self._query_seq = 0
        self.matches: list[DeskMatch] = []
        self.current = 0
        self.offers: list[DeskMatch] = []
        self.last_result: SignInResult | None = None
        self._busy = False

        self.title = _label(tr("Welcome to {event}").format(event=self.event_title),
                            "deskTitle")
        when = detail.starts_at.strftime("%A %d %B, %H:%M")
        venue = detail.fields.get("venue") or ""
        self.subtitle = _label(" · ".join(p for p in (when, venue) if p)
                               + "\n" + tr("Please sign in here."), "deskSubtitle")
        self.organiser_button = _button(tr("Organiser"), "organiserButton",
                                        on_click=self.open_pin)
        self.organiser_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.stack = QStackedWidget()
        self.search_screen = SearchScreen(self)
        self.walk_in_screen = WalkInScreen(self)
        self.walk_in_screen.set_petition(self.petition)
        self.offer_screen = OfferScreen(self)
        self.done_screen = DoneScreen(self)
        self.pin_screen = PinScreen(self)
        for screen in (self.search_screen, self.walk_in_screen, self.offer_screen,
                       self.done_screen, self.pin_screen):
            self.stack.addWidget(screen)

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 40, 64, 24)
        layout.setSpacing(20)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)
        foot = QHBoxLayout()
        foot.addWidget(_label(tr("Your details stay with the organisers and are never "
                                 "shown on this screen."), "consentFoot"), 1)
        foot.addWidget(self.organiser_button)
        layout.addLayout(foot)

        self.clear_timer = QTimer(self)
        self.clear_timer.setSingleShot(True)
        self.clear_timer.setInterval(clear_after_ms)
        self.clear_timer.timeout.connect(self.reset)
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(IDLE_CLEAR_MS)
        self.idle_timer.timeout.connect(self.reset)
        self.ops.query(self.app.people_matching.warm, lambda _r: None, parent=self)
        self.reset()

    # -- screens ---------------------------------------------------------------------------
    def reset(self) -> None:
        """Ready for the next person: nothing of the last one left on screen, and locked
        again (an organiser who unlocked the desk and walked away leaves no way out)."""
        self._unlocked = False
        self.clear_timer.stop()
        self.idle_timer.stop()
        self.matches = []
        self.offers = []
        self.current = 0
        self.last_result = None
        self.search_screen.search.blockSignals(True)
        self.search_screen.search.clear()
        self.search_screen.search.blockSignals(False)
        self.search_screen.show_matches([], 0, "")
        self.walk_in_screen.clear()
        self.offer_screen.show_offers([])
        self.pin_screen.reset()
        self._show(self.search_screen)
        self.organiser_button.show()
        self.search_screen.search.setFocus()

    def back_to_search(self) -> None:
        self.reset()

    def open_walk_in(self) -> None:
        typed = self.search_screen.search.text().split()
        self.walk_in_screen.clear()
        if typed:  # what they typed is probably their name
            self.walk_in_screen.first.setText(typed[0].capitalize())
            if len(typed) > 1:
                self.walk_in_screen.last.setText(" ".join(typed[1:]).title())
        self.search_screen.show_matches([], 0, "")
        self._show(self.walk_in_screen)
        (self.walk_in_screen.last if typed else self.walk_in_screen.first).setFocus()
        self._touched()

    def open_pin(self) -> None:
        self.pin_screen.reset()
        self._show(self.pin_screen)
        self.organiser_button.hide()
        self.pin_screen.pin.setFocus()
        self._touched()

    def _show(self, screen: QWidget) -> None:
        """Show a screen; the event's header shows only where it helps (search, welcome)."""
        self.stack.setCurrentWidget(screen)
        header = screen in (self.search_screen, self.done_screen)
        self.title.setVisible(header)
        self.subtitle.setVisible(header)

    def _touched(self) -> None:
        self.idle_timer.start()

    # -- searching -------------------------------------------------------------------------
    def typed(self, text: str) -> None:
        self._touched()
        self._query_seq += 1
        seq = self._query_seq
        if len("".join(text.split())) < MIN_TYPED:
            self._show_matches(seq, text, [])
            return
        self.ops.query(lambda: self.signin.desk_matches(self.event_id, text),
                       lambda found: self._show_matches(seq, text, found), parent=self)

    def _show_matches(self, seq: int, text: str, found: list[DeskMatch]) -> None:
        if seq != self._query_seq:  # an older keystroke's answer: ignore it
            return
        self.matches = found[:5]
        self.current = 0
        self.search_screen.show_matches(self.matches, self.current, text)

    def move_current(self, step: int) -> None:
        if self.matches:
            self.current = (self.current + step) % len(self.matches)
            self.search_screen.show_matches(self.matches, self.current,
                                            self.search_screen.search.text())

    def choose_match(self, index: int) -> None:
        if not 0 <= index < len(self.matches) or self._busy:
            return
        person_id = self.matches[index].person_id
        self._write(lambda: self.signin.sign_in(self.event_id, person_id, desk=self.info))

    # -- walk-ins --------------------------------------------------------------------------
    def submit_walk_in(self) -> None:
        person = self.walk_in_screen.person()
        if not person.first_name.strip() or not person.last_name.strip():
            self.walk_in_screen.show_error(tr("Please type your first and your last name."))
            return
        self.walk_in_screen.show_error("")
        self._touched()
        self.ops.query(lambda: self.signin.returning_matches(self.event_id, person),
                       self._offer_or_create, parent=self,
                       on_error=self._form_error)

    def _offer_or_create(self, offers: list[DeskMatch]) -> None:
        if offers:
            self.offers = offers
            self.offer_screen.show_offers(offers)
            self._show(self.offer_screen)
            self.offer_screen.offers[0].setFocus()
            return
        self.decline_offers()

    def accept_offer(self, index: int) -> None:
        if not 0 <= index < len(self.offers) or self._busy:
            return
        person_id = self.offers[index].person_id
        consents = self.walk_in_screen.chosen_consents()
        petition = self.walk_in_screen.petition.isChecked()
        self._write(lambda: self.signin.sign_in(self.event_id, person_id, desk=self.info,
                                                consents=consents, sign_petition=petition))

    def decline_offers(self) -> None:
        if self._busy:
            return
        person = self.walk_in_screen.person()
        consents = self.walk_in_screen.chosen_consents()
        petition = self.walk_in_screen.petition.isChecked()
        self._write(lambda: self.signin.walk_in(self.event_id, person, desk=self.info,
                                                consents=consents, sign_petition=petition),
                    on_error=self._form_error)

    def _form_error(self, error: BaseException) -> None:
        self._busy = False
        self._show(self.walk_in_screen)
        self.walk_in_screen.show_error(error_text(error))

    # -- committing ------------------------------------------------------------------------
    def _write(self, work: Callable[[], SignInResult],
               on_error: Callable[[BaseException], None] | None = None) -> None:
        self._busy = True
        self.ops.write(work, self._confirmed, parent=self,
                       on_error=on_error or self._desk_error)

    def _desk_error(self, error: BaseException) -> None:
        self._busy = False
        self.reset()
        self.search_screen.hint.setText(error_text(error) if isinstance(error, SayProError)
                                        else tr("That did not work; please try again."))

    def _confirmed(self, result: SignInResult) -> None:
        """Called once the sign-in is committed (and on the disk): only now say so."""
        self._busy = False
        self.last_result = result
        self.walk_in_screen.clear()
        self.search_screen.search.blockSignals(True)
        self.search_screen.search.clear()
        self.search_screen.search.blockSignals(False)
        self.matches = []
        self.search_screen.show_matches([], 0, "")
        self.done_screen.show_result(result, self.event_title,
                                     self.petition[0] if self.petition else None)
        self._show(self.done_screen)
        self.done_screen.next.setFocus()
        self.idle_timer.stop()
        self.clear_timer.start()

    def sign_petition_now(self) -> None:
        result = self.last_result
        if result is None or self._busy:
            return
        self._busy = True
        self.clear_timer.stop()

        def done(_signed: Any) -> None:
            self._busy = False
            self.done_screen.petition.hide()
            self.done_screen.small.setText(tr("Thank you for signing the petition!"))
            self.clear_timer.start()

        self.ops.write(lambda: self.signin.sign_petition(self.event_id, result.person_id),
                       done, parent=self, on_error=self._desk_error)

    # -- leaving ---------------------------------------------------------------------------
    def try_pin(self) -> None:
        self._touched()
        if self._pin_tries >= MAX_PIN_TRIES:
            if time.monotonic() < self._pin_wait_until:
                self.pin_screen.pin.clear()
                self.pin_screen.error.setText(tr("Too many tries. Wait a minute, then try "
                                                 "again."))
                return
            self._pin_tries = 0
        if self.signin.check_pin(self.pin_screen.pin.text()):
            self._pin_tries = 0
            self.pin_screen.pin.clear()
            self.pin_screen.pin.hide()
            self.pin_screen.error.setText("")
            self.pin_screen.status.setText(tr("Unlocked. Leave the desk, or go back to it."))
            self.pin_screen.leave.show()
            self.pin_screen.leave.setFocus()
            self._unlocked = True
            return
        self._pin_tries += 1
        self.pin_screen.pin.clear()
        self.pin_screen.error.setText(tr("That PIN is not right."))
        if self._pin_tries >= MAX_PIN_TRIES:
            self._pin_wait_until = time.monotonic() + PIN_WAIT_S

    def leave(self) -> None:
        if not self._unlocked:
            return
        self.close()

    @property
    def unlocked(self) -> bool:
        return self._unlocked

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._unlocked:  # Alt+F4, the window manager, anything: not without the PIN
            event.ignore()
            return
        self.clear_timer.stop()
        self.idle_timer.stop()
        super().closeEvent(event)
        self.left.emit()

    def back_from_pin(self) -> None:
        self._unlocked = False
        self.reset()

    # -- fitting the screen ----------------------------------------------------------------
    def _apply_scale(self, scale: float) -> None:
        if abs(scale - self._scale) < 0.04:
            return
        self._scale = scale
        self.setStyleSheet(style(scale))
        layout = self.layout()
        if layout is not None:
            margin = round(56 * scale)
            layout.setContentsMargins(margin, round(32 * scale), margin, round(16 * scale))

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Sized for a 1080-line screen; a 768-line laptop gets everything a little smaller.
        self._apply_scale(max(0.7, min(1.25, event.size().height() / 1080)))
        super().resizeEvent(event)

    # -- no way out by keyboard ------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if self._is_escape_route(event):
                event.accept()  # claim the key so no shortcut anywhere sees it
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            if self.stack.currentWidget() is not self.search_screen:
                self.back_to_search()
            event.accept()
            return
        if self._is_escape_route(event):
            event.accept()
            return
        super().keyPressEvent(event)

    @staticmethod
    def _is_escape_route(event: QKeyEvent) -> bool:
        mods = event.modifiers()
        chord = mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                        | Qt.KeyboardModifier.MetaModifier)
        return bool(chord) or event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F4,
                                              Qt.Key.Key_F1, Qt.Key.Key_Menu)

    # -- for tests and the privacy check ---------------------------------------------------
    def visible_texts(self) -> list[str]:
        """Every text the attendee-facing window holds (shown or not)."""
        texts = [self.windowTitle()]
        for widget in self.findChildren(QWidget):
            texts.extend([widget.toolTip(), widget.accessibleName(),
                          widget.accessibleDescription(), widget.statusTip(),
                          widget.whatsThis()])
            if isinstance(widget, QLabel | QAbstractButton):
                texts.append(widget.text())
            if isinstance(widget, QLineEdit):
                texts.extend([widget.text(), widget.placeholderText()])
        return [t for t in texts if t]
