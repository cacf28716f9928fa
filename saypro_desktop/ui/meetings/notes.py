"""The meeting notes editor: a large plain-text editor in which Ctrl+Shift+A turns the line
under the cursor into an action item (marked with :data:`ACTION_MARK`).
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from saypro_desktop.ui.i18n import tr

ACTION_MARK = "☐ "


class NotesEditor(QPlainTextEdit):
    """The big notes editor: Ctrl+Shift+A makes the current line an action item."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("meetingNotes")
        self.setFont(QFont("DejaVu Sans", 11))
        self.setPlaceholderText(tr(
            "Type the meeting notes here; they save themselves.\n"
            "Ctrl+Shift+A turns the line under the cursor into an action item."))
        self.setTabChangesFocus(False)

    def take_current_line(self) -> str:
        """Mark the cursor's line as an action and return its text (without bullets)."""
        cursor = self.textCursor()
        cursor.select(QTextCursor.SelectionType.LineUnderCursor)
        line = cursor.selectedText()
        text = line.strip().lstrip("-*•☐ ").strip()
        if text.lower().startswith("action:"):
            text = text[7:].strip()
        if not text:
            return ""
        cursor.insertText(f"{ACTION_MARK}{text}")
        return text
