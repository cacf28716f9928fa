"""Charts drawn into the PDF with reportlab.graphics: bars for comparisons, a line for a
trend, a pie for shares of a whole. Every chart has a title and labelled axes."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import STATE_DEFAULTS, Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from saypro_desktop.documents.fonts import BOLD, REGULAR
from saypro_desktop.documents.styles import INK, MUTED, RULE, SERIES
from saypro_desktop.documents.text import one_line, visual_order

LABEL_LIMIT = 28

# Drawings start in ReportLab's default font (Helvetica, never embedded); every chart
# here sets its own fonts, so start them in the house font instead.
STATE_DEFAULTS["fontName"] = REGULAR


def _label(text: str) -> str:
    text = visual_order(one_line(text))
    return text if len(text) <= LABEL_LIMIT else text[: LABEL_LIMIT - 1] + "…"


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000):
        if value <= step * 5:
            return float(step * 5 if value > step * 4 else step * (int(value // step) + 1))
    return float(value * 1.1)


def _axis_title(drawing: Drawing, x: float, y: float, text: str, *, angle: int = 0) -> None:
    label = String(x, y, text, fontName=REGULAR, fontSize=7.5, fillColor=MUTED,
                   textAnchor="middle")
    if angle:
        from reportlab.graphics.shapes import Group

        group = Group(label)
        group.rotate(angle)
        label.x, label.y = y, -x
        drawing.add(group)
    else:
        drawing.add(label)


def _title(drawing: Drawing, text: str) -> None:
    drawing.add(String(0, drawing.height - 10, text, fontName=BOLD, fontSize=9.5, fillColor=INK))


def bar_chart(title: str, labels: Sequence[str], series: Sequence[Sequence[float]],
              names: Sequence[str], *, width: float, value_axis: str,
              category_axis: str, percent: bool = False, horizontal: bool = False) -> Drawing:
    """Grouped bars: ``series[i][j]`` is series ``i`` (named ``names[i]``) for ``labels[j]``."""
    rows = max(len(labels), 1)
    height = (max(60 * mm, rows * 7 * mm + 30 * mm) if horizontal else 72 * mm)
    drawing = Drawing(width, height)
    _title(drawing, title)
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    left = 48 * mm if horizontal else 16 * mm
    chart.x, chart.y = left, 16 * mm if not horizontal else 14 * mm
    chart.width = width - left - 6 * mm
    chart.height = height - chart.y - 20 * mm
    data = [list(s) for s in series] or [[0]]
    chart.data = [row or [0] for row in data]
    top = max((v for row in chart.data for v in row), default=0)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 1.0 if percent else _nice_max(top)
    chart.valueAxis.valueStep = 0.25 if percent else chart.valueAxis.valueMax / 5
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = (lambda v: f"{v:.0%}") if percent else (
        lambda v: f"{v:,.0f}")
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.categoryAxis.categoryNames = [_label(x) for x in labels] or [""]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7
    if horizontal:
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.dx = -3
        chart.categoryAxis.reverseDirection = 1
    elif len(labels) > 5:
        chart.categoryAxis.labels.angle = 25
        chart.categoryAxis.labels.boxAnchor = "ne"
    chart.barSpacing = 1
    chart.groupSpacing = 6
    for index in range(len(chart.data)):
        chart.bars[index].fillColor = SERIES[(index + 1) % len(SERIES)]
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    if horizontal:
        _axis_title(drawing, chart.x + chart.width / 2, 3 * mm, value_axis)
        _axis_title(drawing, 3 * mm, chart.y + chart.height / 2, category_axis, angle=90)
    else:
        _axis_title(drawing, 4 * mm, chart.y + chart.height / 2, value_axis, angle=90)
        _axis_title(drawing, chart.x + chart.width / 2, 1.5 * mm, category_axis)
    if len(names) > 1:
        legend = Legend()
        legend.x, legend.y = width - 60 * mm, height - 6 * mm
        legend.fontName = REGULAR
        legend.fontSize = 7.5
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.dx = legend.dy = 6
        legend.deltax = 45 * mm
        legend.colorNamePairs = [(SERIES[(i + 1) % len(SERIES)], n) for i, n in
                                 enumerate(names)]
        drawing.add(legend)
    return drawing


def line_chart(title: str, labels: Sequence[str], values: Sequence[float], *, width: float,
               value_axis: str, category_axis: str) -> Drawing:
    height = 68 * mm
    drawing = Drawing(width, height)
    _title(drawing, title)
    chart = HorizontalLineChart()
    chart.x, chart.y = 16 * mm, 16 * mm
    chart.width, chart.height = width - 22 * mm, height - 36 * mm
    chart.data = [list(values) or [0]]
    chart.joinedLines = 1
    chart.lines[0].strokeColor = SERIES[1]
    chart.lines[0].strokeWidth = 1.6
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_max(max(values, default=0))
    chart.valueAxis.valueStep = chart.valueAxis.valueMax / 5
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = lambda v: f"{v:,.0f}"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = RULE
    step = max(1, len(labels) // 10)
    chart.categoryAxis.categoryNames = [_label(x) if i % step == 0 else ""
                                        for i, x in enumerate(labels)] or [""]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 25
    chart.categoryAxis.labels.boxAnchor = "ne"
    drawing.add(chart)
    _axis_title(drawing, 4 * mm, chart.y + chart.height / 2, value_axis, angle=90)
    _axis_title(drawing, chart.x + chart.width / 2, 1.5 * mm, category_axis)
    return drawing


def pie_chart(title: str, labels: Sequence[str], values: Sequence[float], *,
              width: float) -> Drawing:
    height = 64 * mm
    drawing = Drawing(width, height)
    _title(drawing, title)
    pairs = [(label, value) for label, value in zip(labels, values, strict=True) if value > 0]
    if not pairs:
        drawing.add(String(0, height / 2, "Nothing recorded in this period.", fontName=REGULAR,
                           fontSize=8.5, fillColor=MUTED))
        return drawing
    total = sum(v for _, v in pairs)
    pie = Pie()
    pie.x, pie.y = 6 * mm, 6 * mm
    pie.width = pie.height = height - 22 * mm
    pie.data = [v for _, v in pairs]
    pie.labels = None
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 0.8
    for index in range(len(pairs)):
        pie.slices[index].fillColor = SERIES[index % len(SERIES)]
    drawing.add(pie)
    legend = Legend()
    legend.x, legend.y = pie.x + pie.width + 12 * mm, pie.y + pie.height
    legend.fontName = REGULAR
    legend.fontSize = 7.5
    legend.alignment = "right"
    legend.columnMaximum = 12
    legend.dy = legend.dx = 6
    legend.colorNamePairs = [
        (SERIES[i % len(SERIES)], f"{_label(label)}: {value:,.0f} ({value / total:.0%})")
        for i, (label, value) in enumerate(pairs)]
    drawing.add(legend)
    return drawing
