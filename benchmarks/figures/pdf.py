"""PDFs: one partnership packet, and a batch of 200, vs bare ReportLab documents.

The baseline builds the same content (an organisation's details, a few paragraphs, a
table of its people) with plain ReportLab platypus and nothing else. Not built yet:
when documents/ lands, build the real packet for the same organisations here.
"""

from __future__ import annotations

import io
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.harness import NOT_BUILT, Context, Result, figure, median

BATCH = 200
ROWS = [
    ("pdf.packet", "PDF partnership packet (one)", "ms", "–"),
    ("pdf.batch_200", "PDF packets, batch of 200", "s", "–"),
]

PacketData = tuple[tuple[Any, ...], list[tuple[Any, ...]]]


def packet_data(db_path: Path, count: int) -> list[PacketData]:
    """``count`` organisations (cycled if fewer) with up to 40 of their people each."""
    conn = sqlite3.connect(db_path)
    try:
        orgs = conn.execute(
            "SELECT id, name, category, city, province, email, phone, strengths, "
            "resources_offered, notes FROM organisations WHERE deleted_at IS NULL "
            "ORDER BY name LIMIT ?",
            (count,),
        ).fetchall()
        packets = []
        for org in orgs:
            people = conn.execute(
                "SELECT first_name, last_name, job_title, email, phone FROM people "
                "WHERE organisation_id = ? AND deleted_at IS NULL "
                "ORDER BY last_name, first_name LIMIT 40",
                (org[0],),
            ).fetchall()
            packets.append((org, people))
    finally:
        conn.close()
    if not packets:
        raise RuntimeError("the database has no organisations")
    return [packets[i % len(packets)] for i in range(count)]


def bare_packet(data: PacketData) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table

    org, people = data
    styles = getSampleStyleSheet()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, title=f"Partnership proposal: {org[1]}")
    story: list[Any] = [
        Paragraph(f"Partnership proposal for {org[1]}", styles["Title"]),
        Paragraph(f"{org[2] or ''} · {org[3] or ''}, {org[4] or ''}", styles["Normal"]),
        Paragraph(f"{org[5] or ''} · {org[6] or ''}", styles["Normal"]),
        Spacer(1, 12),
        Paragraph("Why we are reaching out", styles["Heading2"]),
    ]
    text = (
        "SayPro is building a coalition for social-service reform. "
        "We would like to work with your organisation on the campaign objectives below. "
    ) * 6
    story += [Paragraph(text, styles["BodyText"]) for _ in range(3)]
    for heading, body in (("Strengths", org[7]), ("Resources offered", org[8]), ("Notes", org[9])):
        story += [Paragraph(heading, styles["Heading3"]), Paragraph(body or "–", styles["Normal"])]
    story += [PageBreak(), Paragraph("People we know there", styles["Heading2"])]
    rows = [["Name", "Role", "Email", "Phone"]] + [
        [f"{p[0] or ''} {p[1] or ''}", p[2] or "", p[3] or "", p[4] or ""] for p in people
    ]
    table = Table(rows, repeatRows=1)
    table.setStyle([
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
    ])
    story.append(table)
    doc.build(story)
    return out.getvalue()


def _time_batch(packets: Sequence[PacketData]) -> float:
    started = time.perf_counter()
    for data in packets:
        bare_packet(data)
    return time.perf_counter() - started


@figure("pdf", ROWS)
def pdf(ctx: Context) -> list[Result]:
    batch = BATCH if not ctx.quick else BATCH // 10
    packets = packet_data(ctx.db_path, batch)
    single: list[float] = []
    for index in range(ctx.warmups + max(ctx.repeats, 5)):
        started = time.perf_counter()
        bare_packet(packets[index % len(packets)])
        if index >= ctx.warmups:
            single.append((time.perf_counter() - started) * 1000)
    batches = [_time_batch(packets) for _ in range(min(ctx.repeats, 3))]
    return [
        Result(
            name=ROWS[0][0],
            label=ROWS[0][1],
            unit="ms",
            value=NOT_BUILT,
            baseline=median(single),
            baseline_label="bare ReportLab doc",
            target=ROWS[0][3],
            baseline_samples=single,
        ),
        Result(
            name=ROWS[1][0],
            label=ROWS[1][1] if batch == BATCH else f"PDF packets, batch of {batch} (quick)",
            unit="s",
            value=NOT_BUILT,
            baseline=median(batches),
            baseline_label="bare ReportLab docs",
            target=ROWS[1][3],
            baseline_samples=batches,
        ),
    ]
