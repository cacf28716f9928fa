"""The outreach call sheet: the partners to call, most urgent first, with the number, the
last conversation and room to write what was said."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from saypro_desktop.documents.base import (
    DocumentInfo,
    Issuer,
    Paper,
    Provenance,
    Section,
    day,
    frame_width,
    render_sections,
)
from saypro_desktop.documents.blocks import data_table, gap, para
from saypro_desktop.documents.data import CallLine, CallSheetData


def _last(line: CallLine) -> str:
    if line.last is None:
        return "Not contacted yet"
    parts = [f"{day(line.last.on)}, {line.last.channel}"]
    if line.last.outcome:
        parts.append(line.last.outcome)
    if line.last.subject:
        parts.append(line.last.subject)
    return " · ".join(parts)


def callsheet_story(sheet: CallSheetData, width: float) -> list[Flowable]:
    rest = width - 8 * mm
    widths = (8 * mm, rest * 0.21, rest * 0.15, rest * 0.12, rest * 0.27, rest * 0.25)
    rows = []
    for number, line in enumerate(sheet.lines, start=1):
        standing = " · ".join(v for v in (line.priority, line.stage) if v)
        why = f"\nWhy now: {line.reason}" if line.reason else ""
        rows.append((str(number), f"{line.organisation}\n{standing}", line.contact or "–",
                     line.phone or "No number", _last(line) + why, gap(16 * mm)))
    return [
        para(sheet.title, "Title"),
        para(f"For {day(sheet.for_day)} · {len(sheet.lines)} partners, most urgent first",
             "Subtitle"),
        data_table(("#", "Partner", "Contact", "Phone", "Last conversation", "Notes"), rows,
                   widths, empty="Nobody to call: no partners match."),
    ]


def render_callsheet(sheet: CallSheetData, provenance: Provenance, *,
                     paper: Paper | str = Paper.A4, issuer: Issuer | None = None) -> bytes:
    info = DocumentInfo(title=f"{sheet.title}, {day(sheet.for_day)}",
                        subject="Partners to call, with numbers and last conversations",
                        keywords=("call sheet", "outreach"))
    section = Section(running_title=f"{sheet.title} · {day(sheet.for_day)}",
                      story=callsheet_story(sheet, frame_width(paper, wide=True)),
                      landscape=True)
    return render_sections(info, provenance, [section], paper=paper, issuer=issuer)
