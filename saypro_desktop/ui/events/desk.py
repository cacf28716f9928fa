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
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.errors import SayProError
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.events_desk import MIN_TYPED, DeskMatch
from saypro_desktop.services.events_signin import DeskInfo, SignInResult
from saypro_desktop.ui.errors import error_text
from saypro_desktop.ui.events.desk_look import desk_button, desk_label, style
from saypro_desktop.ui.events.desk_screens import (
    DoneScreen,
    OfferScreen,
    PinScreen,
    SearchScreen,
    WalkInScreen,
)
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.operations import Operations

CLEAR_AFTER_MS = 5000  # the confirmation stays this long, then the desk is ready again
IDLE_CLEAR_MS = 45_000  # half-typed names and forms are wiped after this long untouched
MAX_PIN_TRIES = 5  # then the PIN screen waits PIN_WAIT_S before it listens again
PIN_WAIT_S = 60.0


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

        self.title = desk_label(tr("Welcome to {event}").format(event=self.event_title),
                                "deskTitle")
        when = detail.starts_at.strftime("%A %d %B, %H:%M")
        venue = detail.fields.get("venue") or ""
        self.subtitle = desk_label(" · ".join(p for p in (when, venue) if p)
                                   + "\n" + tr("Please sign in here."), "deskSubtitle")
        self.organiser_button = desk_button(tr("Organiser"), "organiserButton",
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
        foot.addWidget(desk_label(tr("Your details stay with the organisers and are never "
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
