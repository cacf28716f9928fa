"""Small QtCharts helpers: a bar chart whose bars open the records behind them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QSizePolicy

OnClick = Callable[[int], None]
PALETTE = ("#1f6feb", "#2da44e", "#bf8700", "#cf222e", "#8250df", "#0a7ea4")


def _flipped(on_click: OnClick | None, count: int) -> OnClick | None:
    if on_click is None:
        return None
    return lambda index: on_click(count - 1 - index)


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont()
    font.setPointSize(10)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(4)
    return chart


def bar_chart(title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float],
                                                                       OnClick | None]],
              *, stacked: bool = False, percent: bool = False, height: int = 240) -> QChartView:
    """Horizontal bars (labels read without rotation); each set's bars call its ``OnClick``
    with the bar's index."""
    chart = _chart(title)
    # Horizontal bars run bottom to top: reverse, so the first row reads at the top.
    count = len(labels)
    labels = list(reversed(labels))
    series = [(name, list(reversed(values)), _flipped(on_click, count))
              for name, values, on_click in series]
    bars = QHorizontalStackedBarSeries() if stacked else QHorizontalBarSeries()
    bars.setBarWidth(0.7)
    top = 0.0
    for index, (name, values, on_click) in enumerate(series):
        bar_set = QBarSet(name)
        bar_set.setColor(QColor(PALETTE[index % len(PALETTE)]))
        bar_set.append([float(v) for v in values])
        if on_click is not None:
            bar_set.clicked.connect(on_click)
        bars.append(bar_set)
        top = max(top, *values, 0) if not stacked else top
    if stacked and series:
        top = max((sum(vals) for vals in zip(*(s[1] for s in series), strict=True)), default=0)
    bars.setLabelsVisible(True)
    bars.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideEnd
                           if stacked else QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
    bars.setLabelsFormat("@value %" if percent else "@value")
    chart.addSeries(bars)
    axis_y = QBarCategoryAxis()
    axis_y.append(labels)
    axis_y.setTruncateLabels(False)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    bars.attachAxis(axis_y)
    axis_x = QValueAxis()
    axis_x.setRange(0, 100 if percent else max(1.0, top * 1.18))
    axis_x.setLabelFormat("%d")
    axis_x.setTickCount(5)
    if not percent:
        axis_x.applyNiceNumbers()
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    bars.attachAxis(axis_x)
    chart.legend().setVisible(len(series) > 1)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    view.setMinimumHeight(height)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    view.setFixedHeight(max(height, 60 + 26 * len(labels)))
    if any(s[2] for s in series):
        view.setCursor(Qt.CursorShape.PointingHandCursor)
        view.setToolTip("Click a bar to see its records")
    return view
