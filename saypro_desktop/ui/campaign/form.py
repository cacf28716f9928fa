"""A small form dialog: fields in, values out; the write runs when the person presses Save,
and the dialog stays open with the message if the service refuses the values."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.ui.errors import error_text


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"  # text, multiline, date, choice, check
    choices: Sequence[tuple[str, Any]] = field(default=())  # (label, value)
    default: Any = None


class FormDialog(QDialog):
    def __init__(self, title: str, fields: Sequence[Field],
                 submit: Callable[[dict[str, Any]], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("form_dialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self._submit = submit
        self.inputs: dict[str, QWidget] = {}
        form = QFormLayout()
        for spec in fields:
            widget = self._make(spec)
            widget.setObjectName(f"field_{spec.name}")
            self.inputs[spec.name] = widget
            form.addRow(spec.label, widget)
        self.message = QLabel()
        self.message.setObjectName("form_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #cf222e;")
        self.message.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    @staticmethod
    def _make(spec: Field) -> QWidget:
        if spec.kind == "multiline":
            box = QPlainTextEdit(str(spec.default or ""))
            box.setFixedHeight(80)
            return box
        if spec.kind == "date":
            edit = QDateEdit()
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            day: date = spec.default or date.today()
            edit.setDate(QDate(day.year, day.month, day.day))
            return edit
        if spec.kind == "choice":
            combo = QComboBox()
            for label, value in spec.choices:
                combo.addItem(label, value)
            if spec.default is not None:
                combo.setCurrentIndex(max(0, combo.findData(spec.default)))
            return combo
        if spec.kind == "check":
            check = QCheckBox()
            check.setChecked(bool(spec.default))
            return check
        return QLineEdit(str(spec.default or ""))

    def set_value(self, name: str, value: Any) -> None:
        widget = self.inputs[name]
        if isinstance(widget, QLineEdit):
            widget.setText(str(value))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value))
        elif isinstance(widget, QDateEdit):
            widget.setDate(QDate(value.year, value.month, value.day))
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(value))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, widget in self.inputs.items():
            if isinstance(widget, QLineEdit):
                out[name] = widget.text().strip() or None
            elif isinstance(widget, QPlainTextEdit):
                out[name] = widget.toPlainText().strip() or None
            elif isinstance(widget, QDateEdit):
                d = widget.date()
                out[name] = date(d.year(), d.month(), d.day())
            elif isinstance(widget, QComboBox):
                out[name] = widget.currentData()
            elif isinstance(widget, QCheckBox):
                out[name] = widget.isChecked()
        return out

    def accept(self) -> None:
        self._submit(self.values())

    def done_ok(self, _result: object = None) -> None:
        super().accept()

    def refused(self, error: BaseException) -> None:
        self.message.setText(error_text(error))
        self.message.show()
