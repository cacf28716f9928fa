"""A timeline of an organisation or a person, newest first, filterable by kind.

Embeddable anywhere: ``TimelineWidget(app, ops)``, then ``show_organisation(id)`` or
``show_person(id)``. It reads off the UI thread through the operations runner and
refreshes itself when a write touches one of the tables it reads.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QVBoxLayout, QWidget

from saypro_desktop.domain.changes import ChangeSet
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.timeline import ALL_KINDS, EntryKind, TimelineEntry
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.operations import Operations
from saypro_desktop.ui.widgets.rows import ROW_ROLE, RowsModel, make_table

TABLES = ("interactions", "meetings", "meeting_attendees", "meeting_organisations",
          "action_items", "commitments", "concerns", "stage_moves", "assessments",
          "referrals", "sign_ins", "consents", "memberships", "organisations")


def _cells(entry: TimelineEntry) -> list[str]:
    when = f"{entry.when:%d %b %Y}" if entry.when.hour == entry.when.minute == 0 \
        else f"{entry.when:%d %b %Y %H:%M}"
    if entry.planned:
        when = tr("{when} (planned)").format(when=when)
    what = entry.kind.label.rstrip("s") if entry.kind is not EntryKind.CONSENT \
        else entry.kind.label
    # The details under the summary: the pane is narrow, and nothing should be cut off.
    return [f"{when}\n{what}", f"{entry.title}\n{entry.detail}" if entry.detail else entry.title]


class TimelineWidget(QWidget):
    #: (table, record id) of the entry a person activated (double-click / Enter).
    activated = Signal(str, str)

    def __init__(self, app: AppServices, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.ops = ops
        self._subject: tuple[str, str] | None = None
        self.kind = QComboBox()
        self.kind.setObjectName("timelineKind")
        self.kind.addItem(tr("Everything"), None)
        for kind in EntryKind:
            self.kind.addItem(tr(kind.label), kind.value)
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        self.count = QLabel()
        self.count.setObjectName("timelineCount")
        self.model: RowsModel[TimelineEntry] = RowsModel(
            [tr("When"), tr("What happened")], _cells, self,
            sort_keys=lambda e: [e.when, e.title.casefold()])
        self.table = make_table(self.model, "timelineTable")
        self.table.setSortingEnabled(False)  # newest first is the order that matters
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.resizeSection(0, 135)
        self.table.doubleClicked.connect(self._activate)
        self.table.activated.connect(self._activate)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Show")))
        bar.addWidget(self.kind)
        bar.addStretch(1)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        ops.changed.connect(self._changed)

    def show_organisation(self, org_id: str | None) -> None:
        self._subject = ("organisation", org_id) if org_id else None
        self.reload()

    def show_person(self, person_id: str | None) -> None:
        self._subject = ("person", person_id) if person_id else None
        self.reload()

    def kinds(self) -> frozenset[EntryKind]:
        value = self.kind.currentData()
        return ALL_KINDS if value is None else frozenset({EntryKind(value)})

    def reload(self) -> None:
        subject = self._subject
        if subject is None:
            self.model.set_rows([])
            self.count.setText("")
            return
        kinds = self.kinds()
        service = self.app.organisations
        what, record_id = subject

        def read() -> list[TimelineEntry]:
            if what == "organisation":
                return service.timeline(record_id, kinds)
            return service.person_timeline(record_id, kinds)

        def done(entries: Any) -> None:
            if self._subject == subject:
                self.model.set_rows(entries)
                self.count.setText(tr("{n:,} entries").format(n=len(entries))
                                   if len(entries) != 1 else tr("1 entry"))

        self.ops.query(read, done, parent=self, title=tr("Timeline"))

    def entries(self) -> list[TimelineEntry]:
        return self.model.rows()

    def _activate(self, index: Any) -> None:
        entry = index.data(ROW_ROLE)
        if isinstance(entry, TimelineEntry):
            self.activated.emit(entry.table, entry.record_id)

    def _changed(self, changes: ChangeSet) -> None:
        if self._subject is not None and self.isVisible() and changes.touches(*TABLES):
            self.reload()
