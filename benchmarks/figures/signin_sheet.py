"""PDF sign-in sheet: 40 pages of an RSVP list, against bare ReportLab with the same rows.

Ours is ``render_signin_sheet`` (letterless page template, running header, "Page X of Y",
consent wording in the foot, tick boxes drawn per row, per-glyph font fallback). The
baseline is a bare platypus table of the same header and rows in the same embedded fonts,
landscape A4, with empty boxes drawn as a character: nothing else.
"""

from __future__ import annotations

import io
import sqlite3
import time
from datetime import datetime
from typing import Any

from benchmarks.harness import Context, Result, figure, median

PAGES = 40
ROWS = [
    ("pdf.signin_sheet", "PDF sign-in sheet (40 pages)", "ms", "within 1.5x of bare ReportLab"),
]


def _names(ctx: Context, count: int) -> list[tuple[str, str | None]]:
    conn = sqlite3.connect(ctx.db_path)
    try:
        return [(f"{first or ''} {last or ''}".strip(), org) for first, last, org in conn.execute(
            "SELECT p.first_name, p.last_name, o.name FROM people p LEFT JOIN organisations o "
            "ON o.id = p.organisation_id WHERE p.deleted_at IS NULL ORDER BY p.last_name, "
            "p.first_name LIMIT ?", (count,))]
    finally:
        conn.close()


def _sheet(ctx: Context) -> Any:
    """An RSVP list long enough for 40 pages (the demo's real names and organisations)."""
    from pypdf import PdfReader

    from saypro_desktop.documents.base import Provenance
    from saypro_desktop.documents.data import SheetRow, SignInSheetData
    from saypro_desktop.documents.signin import render_signin_sheet

    prov = Provenance(datetime(2026, 3, 9, 14, 5), datetime(2026, 3, 9, 13, 58), "Desk 1")
    rows = 400
    while True:
        names = _names(ctx, rows)
        sheet = SignInSheetData(
            title="Soweto town hall", kind="Town hall", starts_at=datetime(2026, 3, 20, 18),
            venue="Orlando Community Hall", city="Soweto",
            rows=tuple(SheetRow(f"A{i}", n, o) for i, (n, o) in enumerate(names, start=1)),
            blank_rows=0, consent_columns=("Email", "SMS", "WhatsApp", "Phone calls"))
        pages = len(PdfReader(io.BytesIO(render_signin_sheet(sheet, prov))).pages)
        if pages >= PAGES or len(names) < rows:
            return sheet, prov, pages
        rows += max(20, (PAGES - pages) * rows // max(pages, 1))


def bare_sheet(sheet: Any) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    from saypro_desktop.documents.fonts import REGULAR, register_fonts

    register_fonts()
    cell = ParagraphStyle("c", fontName=REGULAR, fontSize=9, leading=12)
    header = ["#", "Code", "Name", "Phone", "E-mail", "Area", *sheet.consent_columns]
    body = [[str(n), r.code, Paragraph(escape(r.name + (f" ({r.organisation})"
                                                       if r.organisation else "")), cell),
             "", "", "", *["☐"] * len(sheet.consent_columns)]
            for n, r in enumerate(sheet.rows, start=1)]
    table = Table([header, *body], repeatRows=1)
    table.setStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("FONT", (0, 0), (-1, -1), REGULAR, 9),
                    ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)])
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=landscape(A4), title=f"Sign-in sheet: {sheet.title}"
                      ).build([Paragraph(escape(sheet.title), cell), table])
    return out.getvalue()


@figure("signin_sheet", ROWS)
def signin_sheet(ctx: Context) -> list[Result]:
    from saypro_desktop.documents.signin import render_signin_sheet

    sheet, prov, pages = _sheet(ctx)
    ours: list[float] = []
    bare: list[float] = []
    for index in range(ctx.warmups + max(ctx.repeats, 3)):
        started = time.perf_counter()
        render_signin_sheet(sheet, prov)
        mid = time.perf_counter()
        bare_sheet(sheet)
        if index >= ctx.warmups:
            ours.append((mid - started) * 1000)
            bare.append((time.perf_counter() - mid) * 1000)
    return [Result(name=ROWS[0][0], label=f"PDF sign-in sheet ({pages} pages, "
                                          f"{len(sheet.rows)} rows)",
                   unit="ms", value=median(ours), baseline=median(bare),
                   baseline_label="bare ReportLab table", target=ROWS[0][3], samples=ours,
                   baseline_samples=bare)]
