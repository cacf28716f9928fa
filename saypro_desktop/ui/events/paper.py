"""Keying back paper sign-in sheets: one row after another, from the keyboard alone.

Each row is a row code printed on the sheet ("A7": someone on the RSVP list) or a new name
with phone, email, area and consent ticks. A new name is checked against everyone already
here and the likely matches are offered (1, 2, 3 to take one, N for someone new). Every row
is saved the moment Enter is pressed, attributed to the paper sheet with its page and row.
"""

from __future__ import annotations

import re
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.enums import SignInSource
from saypro_desktop.domain.people import format_phone
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.events_signin import (
    CONSENT_CHANNELS,
    CONSENT_LABELS,
    SignInResult,
    WalkIn,
)
from saypro_desktop.services.people_matching import Match
from saypro_desktop.ui.errors import error_text
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.operations import Operations

_CODE = re.compile(r"^[A-Za-z]{1,2}\s*\d{1,3}$")
_MNEMONIC = {"email": "&Email", "sms": "&SMS", "whatsapp": "&WhatsApp", "phone": "P&hone calls"}


class PaperSheetDialog(QDialog):
    def __init__(self, app: AppServices, ops: Operations, event_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.ops = ops
        self.event_id = event_id
        self.events = app.events
        self.setObjectName("paperSheet")
        title = self.events.get_event(event_id).title
        self.setWindowTitle(tr("Key in paper sheets — {event}").format(event=title))
        self.page = QSpinBox()
        self.page.setObjectName("sheetPage")
        self.page.setRange(1, 9999)
        self.row = QSpinBox()
        self.row.setObjectName("sheetRow")
        self.row.setRange(1, 9999)
        self.first = QLineEdit()
        self.first.setObjectName("paperFirst")
        self.first.setPlaceholderText(tr("Row code (e.g. A7), or a new person's first name"))
        self.last = QLineEdit()
        self.last.setObjectName("paperLast")
        self.phone = QLineEdit()
        self.phone.setObjectName("paperPhone")
        self.email = QLineEdit()
        self.email.setObjectName("paperEmail")
        self.area = QLineEdit()
        self.area.setObjectName("paperArea")
        self.consents: dict[str, QCheckBox] = {}
        ticks = QHBoxLayout()
        for channel in CONSENT_CHANNELS:
            box = QCheckBox(_MNEMONIC.get(channel, CONSENT_LABELS[channel]))
            box.setObjectName(f"paperConsent_{channel}")
            self.consents[channel] = box
            ticks.addWidget(box)
        ticks.addStretch(1)
        self.choice = QLabel()
        self.choice.setObjectName("paperChoice")
        self.choice.setWordWrap(True)
        self.choice.setStyleSheet("background: #fff6d5; padding: 8px; border-radius: 6px;")
        self.choice.hide()
        self.message = QLabel(tr("Type a row code or a name, then press Enter. Page Down "
                                 "starts the next page."))
        self.message.setObjectName("paperMessage")
        self.message.setWordWrap(True)
        self.log = QListWidget()
        self.log.setObjectName("paperLog")
        self.log.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close = QPushButton(tr("Done"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)

        where = QHBoxLayout()
        for text, spin in ((tr("Sheet &page"), self.page), (tr("&Row"), self.row)):
            label = QLabel(text)
            label.setBuddy(spin)
            where.addWidget(label)
            where.addWidget(spin)
        where.addStretch(1)
        form = QFormLayout()
        form.addRow(tr("&Code or first name"), self.first)
        form.addRow(tr("&Last name"), self.last)
        form.addRow(tr("Phone"), self.phone)
        form.addRow(tr("Email"), self.email)
        form.addRow(tr("Ward or &area"), self.area)
        form.addRow(tr("Consents ticked"), ticks)
        layout = QVBoxLayout(self)
        layout.addLayout(where)
        layout.addLayout(form)
        layout.addWidget(self.choice)
        layout.addWidget(self.message)
        layout.addWidget(self.log, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        for edit in (self.first, self.last, self.phone, self.email, self.area):
            edit.returnPressed.connect(self.save_row)
        next_page = QShortcut(QKeySequence(Qt.Key.Key_PageDown), self)
        next_page.activated.connect(self.next_page)
        self.pending: list[Match] = []
        self.saved = 0
        self.resize(720, 560)
        self.first.setFocus()

    # -- rows ------------------------------------------------------------------------------
    def next_page(self) -> None:
        self.page.setValue(self.page.value() + 1)
        self.row.setValue(1)
        self._clear()

    def _clear(self) -> None:
        for edit in (self.first, self.last, self.phone, self.email, self.area):
            edit.clear()
        for box in self.consents.values():
            box.setChecked(False)
        self.pending = []
        self.choice.hide()
        self.first.setFocus()

    def _consents(self) -> list[str]:
        return [c for c, box in self.consents.items() if box.isChecked()]

    def _where(self) -> str:
        return tr("Page {page} row {row}").format(page=self.page.value(), row=self.row.value())

    def save_row(self) -> None:
        if self.pending:
            return  # waiting for 1, 2, 3 or N
        first = self.first.text().strip()
        last = self.last.text().strip()
        if not first and not last:
            self.message.setText(tr("{where}: type a row code or a name first.").format(
                where=self._where()))
            return
        if _CODE.match(first) and not last:
            sheet_row = self.events.row_code(self.event_id, first)
            if sheet_row is None:
                self.message.setText(tr("No one has the code {code} on this event's sheet; "
                                        "check it, or type the name.").format(
                                            code=first.upper()))
                return
            self._sign_in(sheet_row.person_id, f"{sheet_row.code} · {sheet_row.name}")
            return
        if not first or not last:
            self.message.setText(tr("{where}: a new person needs a first and a last name.")
                                 .format(where=self._where()))
            return
        matches = self.app.people_matching.similar(
            first_name=first, last_name=last, email=self.email.text() or None,
            phone=self.phone.text() or None, area=self.area.text() or None, limit=3)
        if matches:
            self.pending = matches
            lines = [tr("Is this someone already here? Press a number, or N for someone new.")]
            for index, match in enumerate(matches, start=1):
                p = match.person
                details = ", ".join(x for x in (p.area, p.organisation, p.email,
                                                format_phone(p.phone)) if x)
                name = " ".join(x for x in (p.first_name, p.last_name) if x)
                lines.append(f"{index}: {name}" + (f" — {details}" if details else ""))
            lines.append(tr("N: no, a new person"))
            self.choice.setText("\n".join(lines))
            self.choice.show()
            return
        self._add_new()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.pending:
            text = event.text().lower()
            if text.isdigit() and 1 <= int(text) <= len(self.pending):
                match = self.pending[int(text) - 1]
                self.pending = []
                name = " ".join(x for x in (match.person.first_name, match.person.last_name)
                                if x)
                self._sign_in(match.person.id, name)
                return
            if text == "n":
                self.pending = []
                self._add_new()
                return
            if event.key() == Qt.Key.Key_Escape:
                self.pending = []
                self.choice.hide()
                self.first.setFocus()
                return
            return  # nothing else while a choice is open
        super().keyPressEvent(event)

    def _sign_in(self, person_id: str, label: str) -> None:
        page, row = self.page.value(), self.row.value()
        consents = self._consents()
        self.ops.write(partial(self.events.signin.sign_in, self.event_id, person_id,
                               consents=consents, source=SignInSource.PAPER_SHEET,
                               sheet_page=page, sheet_row=row),
                       lambda result: self._saved(result, label), parent=self,
                       on_error=self._failed)

    def _add_new(self) -> None:
        page, row = self.page.value(), self.row.value()
        person = WalkIn(self.first.text(), self.last.text(), phone=self.phone.text() or None,
                        email=self.email.text() or None, area=self.area.text() or None)
        consents = self._consents()
        label = f"{person.first_name.strip()} {person.last_name.strip()} ({tr('new')})"
        self.ops.write(partial(self.events.signin.walk_in, self.event_id, person,
                               consents=consents, source=SignInSource.PAPER_SHEET,
                               sheet_page=page, sheet_row=row),
                       lambda result: self._saved(result, label), parent=self,
                       on_error=self._failed)

    def _saved(self, result: SignInResult, label: str) -> None:
        where = self._where()
        if result.already:
            text = tr("{where}: {who} was already signed in (at {time}); not counted "
                      "twice").format(where=where, who=label,
                                      time=f"{result.signed_in_at:%H:%M}")
        else:
            self.saved += 1
            text = tr("{where}: {who} — saved").format(where=where, who=label)
        self.log.insertItem(0, text)
        self.message.setText(text)
        self.row.setValue(self.row.value() + 1)
        self._clear()

    def _failed(self, error: BaseException) -> None:
        self.pending = []
        self.choice.hide()
        self.message.setText(tr("{where}: not saved — {why}").format(
            where=self._where(), why=error_text(error)))
