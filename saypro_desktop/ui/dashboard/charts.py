"""Small QtCharts helpers: a bar chart whose bars open the records behind them.

A :class:`BarChart` is made once and shown new bars on every load: when the bars are the
same as last time nothing is redrawn, and when only their values changed the bar sets are
updated in place. Building a QChartView (its scene, axes and text items, laid out on first
paint) costs far more than painting one, so the dashboard reuses its charts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCharts import (
    QAbstractBarSeries,
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
from PySide6.QtWidgets import QSizePolicy, QWidget

from saypro_desktop.ui.i18n import tr

OnClick = Callable[[int], None]
Series = Sequence[tuple[str, Sequence[float], OnClick | None]]
PALETTE = ("#1f6feb", "#2da44e", "#bf8700", "#cf222e", "#8250df", "#0a7ea4")


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


class BarChart(QChartView):
    """Horizontal bars (labels read without rotation); a click on a bar calls its set's
    ``OnClick`` with the bar's index in the labels as given (first label at the top)."""

    def __init__(self, title: str, *, stacked: bool = False, percent: bool = False,
                 height: int = 240, parent: QWidget | None = None) -> None:
        self._chart_ = _chart(title)
        super().__init__(self._chart_, parent)
        self.stacked = stacked
        self.percent = percent
        self.height_ = height
        self.bars: QAbstractBarSeries = (QHorizontalStackedBarSeries() if stacked
                                         else QHorizontalBarSeries())
        self.bars.setBarWidth(0.7)
        self.bars.setLabelsVisible(True)
        self.bars.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideEnd
                                    if stacked else
                                    QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.bars.setLabelsFormat("@value %" if percent else "@value")
        self._chart_.addSeries(self.bars)
        self.axis_y = QBarCategoryAxis()
        self.axis_y.setTruncateLabels(False)
        self._chart_.addAxis(self.axis_y, Qt.AlignmentFlag.AlignLeft)
        self.bars.attachAxis(self.axis_y)
        self.axis_x = QValueAxis()
        self.axis_x.setLabelFormat("%d")
        self.axis_x.setTickCount(5)
        self._chart_.addAxis(self.axis_x, Qt.AlignmentFlag.AlignBottom)
        self.bars.attachAxis(self.axis_x)
        self._chart_.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._shape: tuple[tuple[str, ...], tuple[str, ...]] | None = None
        self._values: tuple[tuple[float, ...], ...] | None = None
        self._handlers: list[OnClick | None] = []

    def show_bars(self, labels: Sequence[str], series: Series) -> None:
        """Show these bars (one set per series, one bar per label)."""
        count = len(labels)
        self._handlers = [on_click for _name, _values, on_click in series]
        shape = (tuple(labels), tuple(name for name, _values, _click in series))
        values = tuple(tuple(float(v) for v in vals) for _name, vals, _click in series)
        if shape == self._shape and values == self._values:
            return  # the same bars: nothing to redraw
        if shape != self._shape:
            self._rebuild(shape, count)
        sets = self.bars.barSets()
        # Horizontal bars run bottom to top: bar 0 is the last label.
        for bar_set, vals in zip(sets, values, strict=True):
            for position, value in enumerate(reversed(vals)):
                bar_set.replace(position, value)
        self._values = values
        if self.stacked:
            top = max((sum(column) for column in zip(*values, strict=True)), default=0.0)
        else:
            top = max((v for vals in values for v in vals), default=0.0)
        self.axis_x.setRange(0, 100 if self.percent else max(1.0, top * 1.18))
        if not self.percent:
            self.axis_x.applyNiceNumbers()

    def _rebuild(self, shape: tuple[tuple[str, ...], tuple[str, ...]], count: int) -> None:
        labels, names = shape
        self.bars.clear()
        for index, name in enumerate(names):
            bar_set = QBarSet(name)
            bar_set.setColor(QColor(PALETTE[index % len(PALETTE)]))
            # Labels beside the bars are dark (the default white vanished on the white
            # plot); stacked bars keep their white labels inside.
            bar_set.setLabelColor(QColor("#ffffff" if self.stacked else "#24292f"))
            bar_set.append([0.0] * count)
            bar_set.clicked.connect(lambda bar, n=index: self._clicked(n, bar))
            self.bars.append(bar_set)
        self.axis_y.clear()
        self.axis_y.append(list(reversed(labels)))
        self._chart_.legend().setVisible(len(names) > 1)
        self.setMinimumHeight(self.height_)
        self.setFixedHeight(max(self.height_, 60 + 26 * count))
        clickable = any(self._handlers)
        self.setCursor(Qt.CursorShape.PointingHandCursor if clickable
                       else Qt.CursorShape.ArrowCursor)
        self.setToolTip(tr("Click a bar to see its records") if clickable else "")
        self._shape = shape

    def _clicked(self, series: int, bar: int) -> None:
        handler = self._handlers[series] if series < len(self._handlers) else None
        count = len(self._shape[0]) if self._shape else 0
        if handler is not None:
            handler(count - 1 - bar)


def bar_chart(title: str, labels: Sequence[str], series: Series, *, stacked: bool = False,
              percent: bool = False, height: int = 240) -> BarChart:
    """A new :class:`BarChart` showing ``series`` over ``labels``."""
    chart = BarChart(title, stacked=stacked, percent=percent, height=height)
    chart.show_bars(labels, series)
    return chart
