"""Dashboard: the coalition at a glance (fuller metrics arrive with the reporting work)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from saypro_desktop.services.context import AppServices
from saypro_desktop.ui.i18n import tr, translate
from saypro_desktop.ui.operations import Operations

CARDS = [
    ("people", QT_TRANSLATE_NOOP("DashboardPage", "People")),
    ("organisations", QT_TRANSLATE_NOOP("DashboardPage", "Organisations")),
    ("interactions", QT_TRANSLATE_NOOP("DashboardPage", "Conversations logged")),
    ("open_follow_ups", QT_TRANSLATE_NOOP("DashboardPage", "Open follow-ups")),
    ("meetings", QT_TRANSLATE_NOOP("DashboardPage", "Meetings")),
    ("events", QT_TRANSLATE_NOOP("DashboardPage", "Events")),
    ("sign_ins", QT_TRANSLATE_NOOP("DashboardPage", "Event sign-ins")),
    ("commitments", QT_TRANSLATE_NOOP("DashboardPage", "Commitments")),
]


class DashboardPage(QWidget):
    title = "Dashboard"

    def __init__(self, app: AppServices, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.ops = ops
        heading = QLabel(tr("Your coalition"))
        heading.setStyleSheet("font-size: 20pt; font-weight: 600;")
        grid = QGridLayout()
        self.values: dict[str, QLabel] = {}
        for index, (key, label) in enumerate(CARDS):
            card = QFrame()
            card.setFrameShape(QFrame.Shape.StyledPanel)
            inner = QVBoxLayout(card)
            value = QLabel("–")
            value.setObjectName(f"card_{key}")
            value.setStyleSheet("font-size: 24pt; font-weight: 600;")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel(translate("DashboardPage", str(label)))
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            inner.addWidget(value)
            inner.addWidget(caption)
            self.values[key] = value
            grid.addWidget(card, index // 4, index % 4)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        counts = self.app.dashboard.counts()
        for key, label in self.values.items():
            label.setText(f"{getattr(counts, key):,}")
