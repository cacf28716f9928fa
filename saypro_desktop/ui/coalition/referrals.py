"""The Coalition page's map of who introduced whom: the layout that places each person
(introducers left, their introductions to the right), the drawn map, and one line of the
referrals table beside it.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from saypro_desktop.services.coalition import ReferralGraph
from saypro_desktop.ui.i18n import tr


@dataclass(frozen=True)
class ReferralLine:
    """One row of the referrals table: who introduced whom, and what came of it."""

    referrer: str
    referred: str
    note: str


def layered_layout(graph: ReferralGraph) -> dict[str, tuple[int, int]]:
    """(column, row) per person: who introduced first on the left, their introductions
    to the right, one column per step; people in a cycle join the earliest column."""
    children: dict[str, list[str]] = defaultdict(list)
    referred = set()
    for edge in graph.edges:
        children[edge.referrer_id].append(edge.referred_id)
        referred.add(edge.referred_id)
    order = [n.id for n in graph.nodes]
    level: dict[str, int] = {}
    roots = [n for n in order if n not in referred] or order[:1]
    for root in roots + order:
        if root in level:
            continue
        level[root] = 0
        queue = deque([root])
        while queue:
            current = queue.popleft()
            for child in children[current]:
                if child not in level:
                    level[child] = level[current] + 1
                    queue.append(child)
    # Rows in depth-first order, a child never above its introducer: families stay together.
    next_row: dict[int, int] = defaultdict(int)
    place: dict[str, tuple[int, int]] = {}

    def visit(node_id: str, floor: int) -> None:
        column = level.get(node_id, 0)
        row = max(next_row[column], floor)
        place[node_id] = (column, row)
        next_row[column] = row + 1
        for child in children[node_id]:
            if child not in place and level.get(child, 0) == column + 1:
                visit(child, row)

    for node_id in roots + order:
        if node_id not in place:  # each family starts below the ones drawn before
            visit(node_id, max(next_row.values(), default=0))
    return place


class ReferralMap(QGraphicsView):
    """Who introduced whom, drawn left to right (wheel zooms, drag pans)."""

    NODE_W, NODE_H, GAP_X, GAP_Y = 190, 34, 70, 14

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("referralMap")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setBackgroundBrush(QBrush(QColor("#fafafa")))

    def show_graph(self, graph: ReferralGraph) -> None:
        scene = self.scene()
        scene.clear()
        if not graph.nodes:
            text = scene.addText(tr("No referrals yet: record who introduced whom on a "
                                    "person's page."))
            text.setDefaultTextColor(QColor("#666"))
            return
        place = layered_layout(graph)
        centre: dict[str, QPointF] = {}
        for node_id, (column, row) in place.items():
            x = column * (self.NODE_W + self.GAP_X)
            y = row * (self.NODE_H + self.GAP_Y)
            centre[node_id] = QPointF(x + self.NODE_W / 2, y + self.NODE_H / 2)
        pen = QPen(QColor("#8a8a8a"), 1.2)
        for edge in graph.edges:
            a, b = centre.get(edge.referrer_id), centre.get(edge.referred_id)
            if a is None or b is None:
                continue
            start = QPointF(a.x() + self.NODE_W / 2, a.y())
            end = QPointF(b.x() - self.NODE_W / 2, b.y())
            scene.addLine(start.x(), start.y(), end.x(), end.y(), pen)
            scene.addEllipse(end.x() - 3, end.y() - 3, 6, 6, pen, QBrush(QColor("#8a8a8a")))
        font = QFont()
        font.setPointSize(9)
        for node in graph.nodes:
            c = centre[node.id]
            introducer = node.introduced > 0
            rect = scene.addRect(c.x() - self.NODE_W / 2, c.y() - self.NODE_H / 2,
                                 self.NODE_W, self.NODE_H,
                                 QPen(QColor("#1f5f8b" if introducer else "#9aa7b1")),
                                 QBrush(QColor("#dcecf7" if introducer else "#ffffff")))
            tip = node.name + (f" — {node.organisation}" if node.organisation else "")
            if introducer:
                tip += tr(" (introduced {n})").format(n=node.introduced)
            rect.setToolTip(tip)
            label = scene.addSimpleText(self._elide(node.name), font)
            label.setToolTip(tip)
            label.setPos(c.x() - self.NODE_W / 2 + 8, c.y() - 14)
            if node.organisation:
                small = QFont(font)
                small.setPointSize(7)
                org = scene.addSimpleText(self._elide(node.organisation, 30), small)
                org.setBrush(QBrush(QColor("#555")))
                org.setPos(c.x() - self.NODE_W / 2 + 8, c.y() + 1)
        self.setSceneRect(scene.itemsBoundingRect().adjusted(-20, -20, 20, 20))

    @staticmethod
    def _elide(text: str, limit: int = 26) -> str:
        return text if len(text) <= limit else text[: limit - 1] + "…"

    def wheelEvent(self, event: Any) -> None:
        factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
        self.scale(factor, factor)
