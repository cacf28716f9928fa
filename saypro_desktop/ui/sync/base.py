"""What the Sync page's parts share: the page's common members, list tabs, buttons."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.services.context import AppServices
from saypro_desktop.ui.operations import Operations

__all__ = ["INVITATION_FILTER", "INVITATION_SUFFIX", "ListTab", "SyncPageBase", "empty_label",
           "make_button"]

INVITATION_FILTER = QT_TRANSLATE_NOOP(
    "SyncPage", "SayPro invitations (*.sayproinvite);;All files (*)")
INVITATION_SUFFIX = ".sayproinvite"


class SyncPageBase(QWidget):
    """The members every part of the Sync page uses (SyncPage defines them)."""

    app: AppServices
    ops: Operations
    busy: bool
    role: str
    message: QLabel
    tabs: QTabWidget
    progress_dialog: QProgressDialog | None

    def refresh(self) -> None:
        raise NotImplementedError

    def run_work(self, work: Callable[[], Any], done: Callable[[Any], None], doing: str,
                 failed_title: str, *, writes: bool = True,
                 after: Callable[[], None] | None = None) -> None:
        raise NotImplementedError

    def show_error(self, title: str, error: BaseException) -> None:
        raise NotImplementedError

    def device_names(self) -> dict[str, str]:
        raise NotImplementedError

    def set_up_done(self, message: str) -> None:
        raise NotImplementedError


def empty_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setStyleSheet("font-size: 12pt; color: palette(mid); padding: 30px;")
    return label


class ListTab(QStackedWidget):
    """A tab's list, with a line explaining it and its buttons, or one sentence when empty."""

    def __init__(self, explain: str, table: QWidget, buttons: Sequence[QWidget],
                 empty_name: str, empty_text: str) -> None:
        super().__init__()
        explanation = QLabel(explain)
        explanation.setWordWrap(True)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        self.with_rows = QWidget()
        layout = QVBoxLayout(self.with_rows)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(explanation)
        layout.addWidget(table, 1)
        layout.addLayout(row)
        self.empty = empty_label(empty_name)
        self.empty.setText(empty_text)
        self.addWidget(self.with_rows)
        self.addWidget(self.empty)

    def show_rows(self, any_rows: bool) -> None:
        self.setCurrentWidget(self.with_rows if any_rows else self.empty)


def make_button(text: str, name: str, slot: Callable[[], None], tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(lambda _checked=False: slot())
    return button

