"""The pipeline board: one column per stage, cards moved by dragging or by keyboard
(Ctrl+Left / Ctrl+Right), and the same stages as a grouped list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.enums import (
    PipelineStage,
)
from saypro_desktop.domain.organisations import label_of
from saypro_desktop.ui.organisations.model import (
    ID_ROLE,
    BoardColumnModel,
)

if TYPE_CHECKING:
    from saypro_desktop.ui.organisations.page import OrganisationsPage

STAGES = [s.value for s in PipelineStage]


# Each card's padding and border in the column's style sheet, on every side.
CARD_PADDING = 4 + 1


class CardDelegate(QStyledItemDelegate):
    """A card as tall as its wrapped text needs at the column's width (the default size
    leaves out the style sheet's padding, so long names were cut off with "…")."""

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QListView) else option.rect.width()
        inner = max(40, width - 2 * CARD_PADDING - 14)  # and the text margins inside
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, inner, 10_000),
                                                 int(Qt.TextFlag.TextWordWrap), text)
        return QSize(inner + 2 * CARD_PADDING, bounds.height() + 2 * CARD_PADDING + 4)


class BoardList(QListView):
    """One board column; Ctrl+Right / Ctrl+Left moves the selected card a stage along."""

    move_requested = Signal(str, int)
    chosen = Signal(str)

    def __init__(self, model: BoardColumnModel) -> None:
        super().__init__()
        self.setObjectName(f"board_{model.stage}")
        self.setModel(model)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        # Lay the cards out again when the column's width changes (a scroll bar appearing
        # narrows it), so each card's height fits its wrapped text instead of eliding it.
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setItemDelegate(CardDelegate(self))
        self.setSpacing(2)
        self.setMinimumWidth(190)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setStyleSheet("QListView::item { border: 1px solid palette(mid); border-radius: 4px;"
                           " padding: 4px; }")
        self.clicked.connect(lambda index: self.chosen.emit(index.data(ID_ROLE)))
        self.activated.connect(lambda index: self.chosen.emit(index.data(ID_ROLE)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Right: 1, Qt.Key.Key_Left: -1}.get(Qt.Key(event.key()))
        if step and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            index = self.currentIndex()
            if index.isValid():
                self.move_requested.emit(index.data(ID_ROLE), step)
            event.accept()
            return
        super().keyPressEvent(event)


class BoardView(QScrollArea):
    """One column per pipeline stage; drag a card, or Ctrl+Right / Ctrl+Left."""

    def __init__(self, page: OrganisationsPage) -> None:
        super().__init__()
        self.setObjectName("board")
        self.page = page
        self.setWidgetResizable(True)
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        self.columns: dict[str, BoardColumnModel] = {}
        self.lists: dict[str, BoardList] = {}
        self.titles: dict[str, QLabel] = {}
        for stage in STAGES:
            model = BoardColumnModel(stage, page.move_stage, self)
            view = BoardList(model)
            view.move_requested.connect(self._step)
            view.chosen.connect(page.show_in_editor)
            title = QLabel()
            title.setStyleSheet("font-weight: 600; padding: 2px;")
            column = QVBoxLayout()
            column.addWidget(title)
            column.addWidget(view, 1)
            row.addLayout(column)
            self.columns[stage], self.lists[stage], self.titles[stage] = model, view, title
        self.setWidget(body)

    def load(self, board: dict[str, list[Any]]) -> None:
        for stage, model in self.columns.items():
            cards = board.get(stage, [])
            model.set_cards(cards)
            self.titles[stage].setText(f"{label_of(PipelineStage, stage)} ({len(cards):,})")

    def _step(self, org_id: str, step: int) -> None:
        current = next((s for s, m in self.columns.items() if m.row_of(org_id) >= 0), None)
        if current is None:
            return
        target = STAGES.index(current) + step
        if 0 <= target < len(STAGES):
            self.page.move_stage(org_id, STAGES[target])
            self.select(org_id)

    def select(self, org_id: str) -> None:
        for stage, model in self.columns.items():
            row = model.row_of(org_id)
            if row >= 0:
                view = self.lists[stage]
                view.setFocus()
                view.setCurrentIndex(model.index(row, 0))
                view.scrollTo(model.index(row, 0))
