"""Building blocks documents are made of: headings that never orphan, escaped
paragraphs, tables that split across pages, tick boxes and signature lines."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    LongTable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from saypro_desktop.documents.fonts import REGULAR
from saypro_desktop.documents.styles import BRAND, INK, MUTED, RULE, SHADE, stylesheet
from saypro_desktop.documents.text import markup

# Longest text a table cell prints; the rest of a pathological value goes to "…" so one
# pasted 10,000-character "name" cannot make a row taller than a page.
CELL_LIMIT = 600
LONG_TABLE_ROWS = 60


def style(name: str) -> Any:
    return stylesheet()[name]


def para(text: str | None, style_name: str = "Body", *, multiline: bool = True) -> Paragraph:
    """A paragraph of user text, printed literally."""
    return Paragraph(markup(text, multiline=multiline) or "&nbsp;", style(style_name))


def fixed(markup_text: str, style_name: str = "Body") -> Paragraph:
    """A paragraph of the document's own words (may use <b>, <i>); never user text."""
    return Paragraph(markup_text, style(style_name))


def heading(text: str | None, level: int = 1) -> list[Flowable]:
    """A heading that is never left alone at the foot of a page: it starts a new page
    when less than 4 cm (3 cm for a subheading) are left. (Not keepWithNext: that would
    push a long paragraph after it to the next page whole, leaving a gap.)"""
    return [CondPageBreak(40 * mm if level == 1 else 28 * mm),
            para(text, f"H{level}", multiline=False)]


def heading_with(text: str | None, first: Flowable, level: int = 1) -> list[Flowable]:
    """A heading kept on the same page as the chart or table that follows it."""
    return [CondPageBreak(40 * mm if level == 1 else 28 * mm),
            KeepTogether([para(text, f"H{level}", multiline=False), first])]


def cell(text: Any, style_name: str = "Cell") -> Paragraph:
    value = "" if text is None else str(text)
    if len(value) > CELL_LIMIT:
        value = value[: CELL_LIMIT - 1] + "…"
    return para(value, style_name)


class Plain(str):
    """A short one-line cell in the document's own words (a row number, a row code): a table
    draws it as it is, with no paragraph to parse and wrap. Never user text."""


def plain_columns(first: int, last: int, padding: float, size: float = 9) -> tuple[Any, ...]:
    """The command putting ``Plain`` cells of these columns on the same baseline as the
    paragraphs beside them: a table sets a string ``size`` below the cell's top, a
    paragraph its font's ascent below, a little lower."""
    from reportlab.pdfbase import pdfmetrics

    nudge = pdfmetrics.getAscent(REGULAR, size) - size
    return ("TOPPADDING", (first, 1), (last, -1), padding + nudge)


def grid(rows: Sequence[Sequence[Any]], widths: Sequence[float],
         commands: Sequence[tuple[Any, ...]] = (), **options: Any) -> Table:
    """A Table in the house font (ReportLab's cell default is Helvetica, not embedded).

    A long one (a sign-in sheet's hundreds of rows) is a ``LongTable``, which measures only
    the rows that fit when it splits across pages instead of all the rest each time."""
    kind = LongTable if len(rows) > LONG_TABLE_ROWS else Table
    table = kind([list(r) for r in rows], colWidths=list(widths), hAlign="LEFT", **options)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 9), *commands]))
    return table


def data_table(header: Sequence[str], rows: Iterable[Sequence[Any]],
               widths: Sequence[float], *, right: Sequence[int] = (),
               empty: str = "None recorded.", padding: float = 3,
               commands: Sequence[tuple[Any, ...]] = ()) -> Flowable:
    """A striped table with a repeated header row; rows may split across pages.
    ``commands`` are table style commands added after the house ones."""
    head = [cell(h, "CellHeadRight" if i in right else "CellHead")
            for i, h in enumerate(header)]
    # An empty cell stays an empty string: a paragraph there prints nothing but costs a
    # parse, a wrap and a draw (a 40-page sign-in sheet has thousands of them).
    body = [[value if isinstance(value, Flowable | Plain)
             else "" if value is None or value == ""
             else cell(value, "CellRight" if i in right else "Cell")
             for i, value in enumerate(row)] for row in rows]
    if not body:
        return para(empty, "Small")
    house: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), BRAND),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 1), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 1), (-1, -1), padding + 1),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TEXTCOLOR", (0, 1), (-1, -1), INK),  # Plain cells, as paragraphs print
        ("LEADING", (0, 1), (-1, -1), 12),
    ]
    # Stripes in one command (not one per row: a split page re-applies every command).
    house.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, SHADE]))
    return grid([head, *body], widths, [*house, *commands], repeatRows=1, splitInRow=1)


def facts(rows: Sequence[tuple[str, Any]], width: float, *, label_width: float = 42 * mm
          ) -> Flowable:
    """Label / value pairs (label in the document's words, value user text)."""
    data = [[cell(label, "Label"), value if isinstance(value, Flowable) else cell(value or "–")]
            for label, value in rows]
    return grid(data, [label_width, width - label_width], [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ], splitInRow=1)


def bullets(items: Iterable[str | None], style_name: str = "Bullet") -> list[Flowable]:
    return [Paragraph(markup(item) or "&nbsp;", style(style_name), bulletText="•")
            for item in items]


def numbered(items: Sequence[str | None]) -> list[Flowable]:
    return [Paragraph(markup(item) or "&nbsp;", style("Bullet"), bulletText=f"{n}.")
            for n, item in enumerate(items, start=1)]


class TickBox(Flowable):  # type: ignore[misc]
    """An empty square to tick by hand (a form's few boxes; a long sheet uses ``TICK``)."""

    def __init__(self, size: float = 3.6 * mm) -> None:
        super().__init__()
        self.size = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)
        self.canv.restoreState()


# An empty box to tick by hand, as a table cell: the ballot-box character, drawn in the
# symbols face by ``tick_columns`` (a glyph is far cheaper than a flowable per cell on a
# sheet of hundreds of rows).
TICK = Plain("\u2610")


def tick_columns(first: int, last: int = -1) -> list[tuple[Any, ...]]:
    """Table commands setting columns ``first``..``last`` of the body as tick boxes."""
    from saypro_desktop.documents.fonts import SYMBOLS

    return [("FONT", (first, 1), (last, -1), SYMBOLS.name, 13),
            ("LEADING", (first, 1), (last, -1), 13),
            ("TOPPADDING", (first, 1), (last, -1), 2)]


class ScoreBar(Flowable):  # type: ignore[misc]
    """A 1-5 score as five small squares (filled up to the score) and "4 of 5"."""

    def __init__(self, score: int, out_of: int = 5) -> None:
        super().__init__()
        self.score = max(0, min(score, out_of))
        self.out_of = out_of

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 40 * mm, 3.2 * mm

    def draw(self) -> None:
        from saypro_desktop.documents.base import draw_text

        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(BRAND)
        canvas.setLineWidth(0.6)
        for index in range(self.out_of):
            canvas.setFillColor(BRAND if index < self.score else SHADE)
            canvas.rect(index * 4 * mm, 0, 3 * mm, 3 * mm, stroke=1, fill=1)
        canvas.restoreState()
        draw_text(canvas, self.out_of * 4 * mm + 2 * mm, 0.4 * mm,
                  f"{self.score} of {self.out_of}", size=8.5)


class Line(Flowable):  # type: ignore[misc]
    """A rule to write on, with a small caption under it (signature, date, name)."""

    def __init__(self, width: float, caption: str = "", height: float = 11 * mm) -> None:
        super().__init__()
        self.width = width
        self.caption = caption
        self.height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return min(self.width, avail_width), self.height

    def draw(self) -> None:
        from saypro_desktop.documents.base import draw_text

        self.canv.saveState()
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 4 * mm, self.width, 4 * mm)
        self.canv.restoreState()
        if self.caption:
            draw_text(self.canv, 0, 1 * mm, self.caption, size=7.5, colour=MUTED)


def tick_list(options: Sequence[tuple[str, str]], width: float) -> Flowable:
    """Tick boxes with a bold option and its explanation (a form)."""
    rows = [[TickBox(), fixed(f"<b>{markup(name)}</b>", "Cell"), cell(detail, "Small")]
            for name, detail in options]
    return grid(rows, [9 * mm, 48 * mm, width - 57 * mm], [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
    ])


def figure_cards(cards: Sequence[tuple[str, str]], width: float) -> Flowable:
    """Headline figures in a row of boxes: (figure, what it counts)."""
    count = max(len(cards), 1)
    per_row = min(count, 4)
    col = width / per_row
    rows: list[list[Any]] = []
    for start in range(0, len(cards), per_row):
        chunk = cards[start:start + per_row]
        row = [[fixed(markup(value, multiline=False), "Figure"),
                fixed(markup(label), "FigureLabel")] for value, label in chunk]
        row += [[fixed("", "FigureLabel")] for _ in range(per_row - len(row))]
        rows.append(row)
    return grid(rows, [col] * per_row, [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
        ("INNERGRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
    ])


def together(*items: Flowable) -> Flowable:
    return KeepTogether(list(items))


def gap(height: float = 4 * mm) -> Flowable:
    return Spacer(1, height)


__all__ = ["colors"]
