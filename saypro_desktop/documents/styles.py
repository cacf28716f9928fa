"""The named paragraph styles and colours every document shares (one house style)."""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1

from saypro_desktop.documents.fonts import BOLD, ITALIC, REGULAR, register_fonts

INK = colors.HexColor("#1B2430")
BRAND = colors.HexColor("#16476A")  # deep blue: letterhead, headings
ACCENT = colors.HexColor("#2A9D8F")  # teal: rules, chart series
ACCENT_2 = colors.HexColor("#E9A23B")  # amber: second series
ACCENT_3 = colors.HexColor("#C8553D")  # brick: third series / setbacks
MUTED = colors.HexColor("#5B6778")
RULE = colors.HexColor("#C9D1DB")
SHADE = colors.HexColor("#EEF2F6")
SERIES = [BRAND, ACCENT, ACCENT_2, ACCENT_3, colors.HexColor("#7B6D8D"),
          colors.HexColor("#6A994E"), colors.HexColor("#8D99AE"), colors.HexColor("#B56576"),
          colors.HexColor("#355070")]

BODY_SIZE = 10
BODY_LEADING = 14.2


@lru_cache(maxsize=1)
def stylesheet() -> StyleSheet1:
    """Styles by name: Title, Subtitle, H1, H2, H3, Body, Letter, Small, Label, Cell,
    CellBold, CellRight, CellHead, Caption, Figure, FigureLabel, Quote, Footer."""
    register_fonts()
    sheet = StyleSheet1()
    base = ParagraphStyle("Base", fontName=REGULAR, fontSize=BODY_SIZE, leading=BODY_LEADING,
                          textColor=INK, splitLongWords=True, allowWidows=0, allowOrphans=0,
                          bulletFontName=REGULAR)

    def add(name: str, **kw: object) -> None:
        sheet.add(ParagraphStyle(name, parent=base, **kw))

    add("Body", spaceAfter=6)
    add("Address", fontSize=10.5, leading=14)
    add("Letter", fontSize=10.5, leading=15.5, spaceAfter=8)
    add("Title", fontName=BOLD, fontSize=22, leading=27, textColor=BRAND, spaceAfter=4)
    add("Subtitle", fontSize=12, leading=16, textColor=MUTED, spaceAfter=14)
    add("H1", fontName=BOLD, fontSize=15, leading=19, textColor=BRAND, spaceBefore=12,
        spaceAfter=6)
    add("H2", fontName=BOLD, fontSize=12, leading=15.5, textColor=BRAND, spaceBefore=10,
        spaceAfter=4)
    add("H3", fontName=BOLD, fontSize=10.5, leading=14, textColor=INK, spaceBefore=6,
        spaceAfter=2)
    add("Small", fontSize=8.5, leading=11.5, textColor=MUTED)
    add("Label", fontName=BOLD, fontSize=8.5, leading=11, textColor=MUTED)
    add("Cell", fontSize=9, leading=12)
    add("CellBold", fontName=BOLD, fontSize=9, leading=12)
    add("CellRight", fontSize=9, leading=12, alignment=TA_RIGHT)
    add("CellCentre", fontSize=9, leading=12, alignment=TA_CENTER)
    add("CellHead", fontName=BOLD, fontSize=8.5, leading=11, textColor=colors.white)
    add("CellHeadRight", fontName=BOLD, fontSize=8.5, leading=11, textColor=colors.white,
        alignment=TA_RIGHT)
    add("Caption", fontName=ITALIC, fontSize=8.5, leading=11, textColor=MUTED, spaceBefore=2,
        spaceAfter=10)
    add("Figure", fontName=BOLD, fontSize=22, leading=26, textColor=BRAND, alignment=TA_LEFT)
    add("FigureLabel", fontSize=8.5, leading=11, textColor=MUTED)
    add("Quote", fontName=ITALIC, fontSize=10, leading=14.5, leftIndent=12, textColor=INK,
        spaceAfter=4)
    add("Bullet", leftIndent=12, bulletIndent=2, spaceAfter=3)
    add("Footer", fontSize=7.5, leading=9.5, textColor=MUTED)
    return sheet
