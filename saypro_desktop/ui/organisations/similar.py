"""A warning shown while a new person is typed: "this may already be here", with a button
to open the existing record instead of making a second one.

Asks the people matcher (services/people_matching: fuzzy, accent- and case-insensitive
names, the same email or phone) a moment after the typing stops.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from saypro_desktop.services.context import AppServices
from saypro_desktop.ui.i18n import tr

DELAY_MS = 200




class SimilarPeopleWarning(QWidget):
    def __init__(self, app: AppServices, typed: Callable[[], dict[str, Any]],
                 open_person: Callable[[str], None]) -> None:
        super().__init__()
        self.setObjectName("similarPeople")
        self._app = app
        self._typed = typed
        self._open = open_person
        self._active = False
        self.matches: list[Any] = []
        self.label = QLabel()
        self.label.setObjectName("similarPeopleText")
        self.label.setWordWrap(True)
        self.label.setStyleSheet("background: #fff4ce; border: 1px solid #e0b000;"
                                 " border-radius: 4px; padding: 6px;")
        self.open_button = QPushButton(tr("Open it"))
        self.open_button.setObjectName("openSimilarPerson")
        self.open_button.clicked.connect(self.open_best)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.open_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.check)
        self.hide()

    def set_active(self, active: bool) -> None:
        """Only a new person is compared (an existing one is who they are)."""
        self._active = active
        self.matches = []
        self.hide()

    def schedule(self, *_args: object) -> None:
        if self._active:
            self._timer.start()

    def check(self) -> None:
        self._timer.stop()
        if not self._active:
            return
        typed = self._typed()
        self.matches = self._app.people_matching.similar(
            first_name=typed.get("first_name") or None, last_name=typed.get("last_name") or None,
            email=typed.get("email") or None, phone=typed.get("phone") or None, limit=3)
        if not self.matches:
            self.hide()
            return
        best = self.matches[0]
        person = best.person
        name = " ".join(p for p in (person.given_name, person.last_name) if p)
        where = ", ".join(p for p in (person.organisation, person.area) if p)
        text = tr("This may already be here: {name}{where} — {why}.").format(
            name=name, where=f" ({where})" if where else "", why=", ".join(best.reasons))
        if len(self.matches) > 1:
            text += " " + tr("And {n} more alike.").format(n=len(self.matches) - 1)
        self.label.setText(text)
        self.show()

    def open_best(self) -> None:
        if self.matches:
            self._open(self.matches[0].person.id)
