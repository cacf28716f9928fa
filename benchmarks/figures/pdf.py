"""PDFs: a 10-page partnership packet, a batch of 200, and the batch's peak memory.

The baseline builds the same content from the same data (the cover letter, objectives,
the partner's profile, benefits, roles, members, events and the commitment form) with
bare ReportLab platypus in the same embedded fonts, and nothing else: no per-glyph font
fallback, no escaping of odd characters, no running header, footer or "Page X of Y".

- pdf.packet: ``render_packet`` of one packet padded to 10 pages (a long members list).
- pdf.batch_200: ``DocumentsService.write_packets`` of 200 partners into a folder (reading
  each partner from the database, rendering, writing each file atomically; timeline
  logging off) vs the bare documents for the same 200 partners written to files.
- pdf.batch_memory: the batch's peak memory in a fresh process at 200 partners, against
  the same at 50 (flat means the batch never holds more than one packet at a time).
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from benchmarks.harness import Context, Result, figure, median, run_child

BATCH = 200
SMALL_BATCH = 50
PAGES = 10
ROWS = [
    ("pdf.packet", "PDF partnership packet (10 pages)", "ms", "within 1.5x of bare ReportLab"),
    ("pdf.batch_200", "PDF packets, batch of 200", "s", "within 1.5x of bare ReportLab"),
    ("pdf.batch_memory", "PDF batch peak memory (200 vs 50)", "MB", "flat as the batch grows"),
]


def _service(db_path: Path) -> Any:
    from saypro_desktop.db.migrate import open_database
    from saypro_desktop.services.demo import reference_date
    from saypro_desktop.services.documents import DocumentsService

    db = open_database(db_path)
    return DocumentsService(db, today=lambda: reference_date(1))


def org_ids(db_path: Path, count: int) -> list[str]:
    import sqlite3

    conn = sqlite3.connect(db_path)
    try:
        ids = [row[0] for row in conn.execute(
            "SELECT id FROM organisations WHERE deleted_at IS NULL ORDER BY name LIMIT ?",
            (count,))]
    finally:
        conn.close()
    if not ids:
        raise RuntimeError("the database has no organisations")
    return [ids[i % len(ids)] for i in range(count)]


def gather_packet(service: Any, org_id: str) -> Any:
    from saypro_desktop.services.documents import gather

    with service.db.reading() as s:
        return (gather.packet_data(s, org_id, service.today(), service.cover)[0],
                gather.provenance(s))


def ten_pages(data: Any, prov: Any) -> Any:
    """The packet with a members list long enough to make it 10 pages."""
    from pypdf import PdfReader

    from saypro_desktop.documents.data import MemberLine
    from saypro_desktop.documents.packet import render_packet

    base = list(data.members) or [MemberLine("Ubuntu Community Care", "Nonprofit", "Soweto")]
    members = 40
    while True:
        padded = replace(data, members=tuple(base[i % len(base)] for i in range(members)))
        pages = len(PdfReader(io.BytesIO(render_packet(padded, prov))).pages)
        if pages >= PAGES:
            return padded
        members += 80


def bare_packet(data: Any) -> bytes:
    """The same content with plain platypus (same fonts, embedded; nothing else)."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table

    from saypro_desktop.documents.fonts import BOLD, REGULAR, register_fonts
    from saypro_desktop.documents.packet import (
        BENEFITS,
        COALITION_COMMITS,
        ROLES,
    )

    register_fonts()
    body = ParagraphStyle("b", fontName=REGULAR, fontSize=10, leading=14)
    head = ParagraphStyle("h", fontName=BOLD, fontSize=13, leading=17, spaceBefore=8)
    cell = ParagraphStyle("c", fontName=REGULAR, fontSize=9, leading=12)

    def p(text: Any, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(str(text or "–")), style)

    def table(rows: list[list[Any]]) -> Table:
        t = Table([[p(c, cell) for c in r] for r in rows], repeatRows=1)
        t.setStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("FONT", (0, 0), (-1, -1), REGULAR, 9)])
        return t

    org = data.organisation
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, title=f"Partnership proposal: {org.name}")
    story: list[Any] = [p(data.letter_date), p(data.contact.name if data.contact else ""),
                        p(org.name), Spacer(1, 12)]
    story += [p(data.letter_subject)] + [p(text) for text in data.letter_body.split("\n\n")]
    story += [PageBreak(), p(f"Partnership proposal for {org.name}", head)]
    objectives = data.campaign.objectives if data.campaign else ()
    story += [p("1. The campaign and its objectives", head),
              p(data.campaign.description if data.campaign else ""),
              table([["Objective", "Measure", "Target", "By"]] +
                    [[o.title, o.measure, o.target, o.due_on] for o in objectives])]
    story += [p("2. Why this partner matters", head)]
    story += [p(v) for v in (org.category, ", ".join(org.focus_areas), org.strengths,
                             org.resources_offered, org.expected_impact)]
    story += [p("3. Benefits", head), *[p(b) for b in BENEFITS]]
    story += [p("4. Roles", head), table([["Role", "What it involves"], *map(list, ROLES)])]
    story += [p("5. Commitments", head), *[p(c) for c in COALITION_COMMITS]]
    story += [p("6. Members", head),
              table([["Organisation", "Category", "Where"]] +
                    [[m.name, m.category, m.city] for m in data.members])]
    story += [p("7. Events", head),
              table([["Date", "Event", "Where"]] +
                    [[e.starts_at, e.title, e.city] for e in data.events])]
    story += [PageBreak(), p("Commitment form", head),
              table([["", "Role", "Detail"]] + [["☐", n, d] for n, d in ROLES]),
              p("Name ______  Signature ______  Date ______")]
    doc.build(story)
    return out.getvalue()


_CHILD = r"""
import json, sys, tempfile
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from benchmarks.figures.pdf import _service, org_ids
db, count = Path(sys.argv[2]), int(sys.argv[3])
service = _service(db)
ids = org_ids(db, count)
with tempfile.TemporaryDirectory() as folder:
    print(json.dumps({"written": len(service.write_packets(ids, Path(folder), log=False).written)}))
"""


def _batch_peak(ctx: Context, db: Path, count: int) -> float:
    env = dict(os.environ)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(ctx.work_dir / "xdg" / var.lower())
    child = run_child([ctx.python, "-c", _CHILD, str(Path(__file__).resolve().parents[2]),
                       str(db), str(count)], env=env)
    if child.returncode != 0:
        raise RuntimeError(child.stderr.strip().splitlines()[-1] if child.stderr else "failed")
    assert json.loads(child.stdout.strip().splitlines()[-1])["written"] == count
    return child.peak_rss_mb


@figure("pdf", ROWS)
def pdf(ctx: Context) -> list[Result]:
    from saypro_desktop.documents.packet import render_packet

    batch = BATCH if not ctx.quick else BATCH // 10
    db = ctx.writable_db()  # the batch remembers the files it wrote
    service = _service(db)
    ids = org_ids(db, batch)
    data, prov = gather_packet(service, ids[0])
    data = ten_pages(data, prov)

    ours: list[float] = []
    bare: list[float] = []
    for index in range(ctx.warmups + max(ctx.repeats, 3 if ctx.quick else 5)):
        started = time.perf_counter()
        render_packet(data, prov)
        mid = time.perf_counter()
        bare_packet(data)
        if index >= ctx.warmups:
            ours.append((mid - started) * 1000)
            bare.append((time.perf_counter() - mid) * 1000)

    datas = [gather_packet(service, org_id)[0] for org_id in ids]
    batch_ours: list[float] = []
    batch_bare: list[float] = []
    for _ in range(min(ctx.repeats, 3)):
        with tempfile.TemporaryDirectory(dir=ctx.work_dir) as folder:
            started = time.perf_counter()
            service.write_packets(ids, Path(folder), log=False)
            batch_ours.append(time.perf_counter() - started)
        with tempfile.TemporaryDirectory(dir=ctx.work_dir) as folder:
            started = time.perf_counter()
            for number, one in enumerate(datas):
                Path(folder, f"{number}.pdf").write_bytes(bare_packet(one))
            batch_bare.append(time.perf_counter() - started)
    service.db.dispose()

    small = SMALL_BATCH if not ctx.quick else SMALL_BATCH // 10
    peak_small = _batch_peak(ctx, db, small)
    peak_large = _batch_peak(ctx, db, batch)
    return [
        Result(name=ROWS[0][0], label=ROWS[0][1], unit="ms", value=median(ours),
               baseline=median(bare), baseline_label="bare ReportLab doc", target=ROWS[0][3],
               samples=ours, baseline_samples=bare),
        Result(name=ROWS[1][0],
               label=ROWS[1][1] if batch == BATCH else f"PDF packets, batch of {batch} (quick)",
               unit="s", value=median(batch_ours), baseline=median(batch_bare),
               baseline_label="bare ReportLab docs", target=ROWS[1][3], samples=batch_ours,
               baseline_samples=batch_bare),
        Result(name=ROWS[2][0], label=f"PDF batch peak memory ({batch} vs {small})",
               unit="MB", value=peak_large, baseline=peak_small,
               baseline_label=f"batch of {small}", target=ROWS[2][3],
               samples=[peak_large], baseline_samples=[peak_small],
               note=f"{sys.platform}: VmHWM of a fresh process"),
    ]
