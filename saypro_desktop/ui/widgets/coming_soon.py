"""A clear "coming soon" state for areas not built yet, instead of a blank or a crash."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from saypro_desktop.ui.i18n import tr


class ComingSoonPage(QWidget):
    def __init__(self, title: str, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        heading = QLabel(title)
        heading.setStyleSheet("font-size: 20pt; font-weight: 600;")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = QLabel(
            purpose
            + "\n\n"
            + tr(
                "This area is coming soon. Your data is safe: "
                "everything you keep elsewhere in the app is "
                "already stored and will appear here."
            )
        )
        body.setObjectName("comingSoon")
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setStyleSheet("font-size: 12pt; color: palette(mid);")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(2)

    def refresh(self) -> None:
        """Nothing to reload yet."""
