"""Combo boxes of (value, label) choices, shared by every form: an empty first choice, a
list model set in one go for thousands of choices, and selecting by value."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget


def choice_combo(pairs: list[tuple[str, str]], empty: str, *, shrink: bool = False
                 ) -> QComboBox:
    """A combo of (value, label) pairs after an empty choice (value None) named ``empty``;
    ``shrink`` lets it be narrower than its longest label (a narrow pane or bar)."""
    combo = QComboBox()
    combo.addItem(empty, None)
    for value, text in pairs:
        combo.addItem(text, value)
    if shrink:
        shrinkable(combo)
    return combo


def shrinkable(widget: QWidget) -> QWidget:
    """Let a field get narrower than its longest item, so the form never runs off the pane."""
    if isinstance(widget, QComboBox):
        widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        widget.setMinimumContentsLength(8)
    widget.setSizePolicy(QSizePolicy.Policy.Ignored, widget.sizePolicy().verticalPolicy())
    widget.setMinimumWidth(80)
    return widget


def select_data(combo: QComboBox, value: Any) -> None:
    """Select ``value``; one this version does not know (a choice added by a newer version,
    arrived by sync) is added and shown in words rather than lost or shown raw."""
    model = combo.model()
    if isinstance(model, ChoiceListModel):
        combo.setCurrentIndex(max(model.row_of(value), 0))
        return
    index = combo.findData(value)
    if index < 0 and value is not None:
        combo.addItem(str(value).replace("_", " ").capitalize(), value)
        index = combo.count() - 1
    combo.setCurrentIndex(max(index, 0))


class ChoiceListModel(QAbstractListModel):
    """(value, label) pairs for a combo box, set in one go."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._choices: list[tuple[Any, str]] = []
        self._rows: dict[Any, int] = {}

    def set_choices(self, pairs: list[tuple[Any, str]]) -> None:
        self.beginResetModel()
        self._choices = pairs
        self._rows = {value: row for row, (value, _label) in enumerate(pairs)}
        self.endResetModel()

    def row_of(self, value: Any) -> int:
        return self._rows.get(value, -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._choices)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._choices):
            return None
        value, text = self._choices[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.UserRole:
            return value
        return None
