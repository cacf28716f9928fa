"""The sign-in desk's look: its style sheet, scaled to the screen, and the label, button and
text field every desk screen is built from (large, touch-friendly, with no context menus).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton


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


def desk_label(text: str, name: str = "", *, wrap: bool = True,
               align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> QLabel:
    """A label the attendee can read but not select."""
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setAlignment(align)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


def desk_button(text: str, name: str = "", *,
                on_click: Callable[[], None] | None = None) -> QPushButton:
    """A button with no context menu that calls ``on_click()``."""
    button = QPushButton(text)
    if name:
        button.setObjectName(name)
    button.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    if on_click is not None:
        button.clicked.connect(lambda _checked=False: on_click())
    return button


def desk_line(placeholder: str, name: str) -> QLineEdit:
    """A text field with no cut/paste menu."""
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # no cut/paste menu
    return edit
