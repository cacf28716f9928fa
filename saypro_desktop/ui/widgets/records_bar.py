"""The bar a page shows above its list when a dashboard figure opened it at the records the
figure counted: what the list is ("New people met, 1 Feb 2026 – 31 Mar 2026") and a
"Show all" button that brings the whole list back."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from saypro_desktop.ui.i18n import tr


class RecordsBar(QWidget):
    """Hidden until ``show_title``; "Show all" hides it again and emits ``cleared``."""

    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordsBar")
        self.title = QLabel()
        self.title.setObjectName("recordsTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: 600;")
        self.show_all = QPushButton(tr("Show all"))
        self.show_all.setObjectName("showAll")
        self.show_all.clicked.connect(self.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.title, 1)
        row.addWidget(self.show_all)
        self.hide()

    def show_title(self, text: str) -> None:
        self.title.setText(text)
        self.show()

    def clear(self) -> None:
        self.hide()
        self.cleared.emit()
