"""Undo for outreach, meetings and coalition edits: one stack for the window's lifetime.

Every undoable change is a pair of service calls (do, undo) run through the operations
runner, so an undo is itself an ordinary write that syncs. The stack lives on the
operations runner, so an interaction logged from a dialog is undone from any page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from saypro_desktop.ui.operations import Operations

STACK_NAME = "outreachUndoStack"


def undo_stack(ops: Operations) -> QUndoStack:
    stack = ops.findChild(QUndoStack, STACK_NAME)
    if stack is None:
        stack = QUndoStack(ops)
        stack.setObjectName(STACK_NAME)
    return stack


class WriteCommand(QUndoCommand):
    """A change already made (``applied``) or to make now, and how to take it back."""

    def __init__(self, ops: Operations, text: str, redo: Callable[[], Any],
                 undo: Callable[[], Any], *, applied: bool = True) -> None:
        super().__init__(text)
        self._ops = ops
        self._redo = redo
        self._undo = undo
        self._skip = applied

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._ops.write(self._redo)

    def undo(self) -> None:
        self._ops.write(self._undo)


def push(ops: Operations, text: str, redo: Callable[[], Any], undo: Callable[[], Any],
         *, applied: bool = True) -> None:
    undo_stack(ops).push(WriteCommand(ops, text, redo, undo, applied=applied))


def add_undo_actions(widget: QWidget, ops: Operations) -> None:
    """Ctrl+Z / Ctrl+Shift+Z on this page undo and redo the shared stack."""
    stack = undo_stack(ops)
    for action, keys in ((stack.createUndoAction(widget, "&Undo"), QKeySequence.StandardKey.Undo),
                         (stack.createRedoAction(widget, "&Redo"), QKeySequence.StandardKey.Redo)):
        action.setShortcuts(keys)  # every binding: Ctrl+Y and Ctrl+Shift+Z both redo
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        widget.addAction(action)
