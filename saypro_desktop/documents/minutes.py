"""Meeting minutes: attendees, agenda, decisions and action items with owners and dates."""

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
from saypro_desktop.documents.blocks import bullets, data_table, facts, heading, para
from saypro_desktop.documents.data import MinutesData
from saypro_desktop.documents.text import one_line


def minutes_story(m: MinutesData, width: float) -> list[Flowable]:
    time = f"{day(m.starts_at)}, {m.starts_at:%H:%M}"
    if m.ends_at is not None:
        time += f" to {m.ends_at:%H:%M}"
    present = [a for a in m.attendees if a.attended]
    apologies = [a for a in m.attendees if not a.attended]
    story: list[Flowable] = [
        para("Minutes", "Title"),
        para(m.title, "Subtitle"),
        facts([("Meeting", m.kind), ("When", time), ("Where", m.location),
               ("Campaign", m.campaign)], width),
    ]
    story += heading(f"Present ({len(present)})")
    story.append(data_table(("Name", "Organisation"),
                            [(a.name, a.organisation or "–") for a in present],
                            (width * 0.45, width * 0.55), empty="No attendance recorded."))
    if apologies:
        story += heading(f"Apologies ({len(apologies)})", 2)
        story.append(para(", ".join(a.name for a in apologies)))
    story += heading("Agenda")
    story += bullets(m.agenda) if m.agenda else [para("No agenda was recorded.", "Small")]
    if m.notes:
        story += heading("Discussion")
        story.append(para(m.notes))
    story += heading("Decisions")
    story += bullets(m.decisions) if m.decisions else [para("No decisions recorded.", "Small")]
    story += heading("Action items")
    story.append(data_table(
        ("Action", "Owner", "Due", "Status"),
        [(a.description, a.owner or "Unassigned", day(a.due_on), a.status) for a in m.actions],
        (width - 40 * mm - 26 * mm - 24 * mm, 40 * mm, 26 * mm, 24 * mm),
        empty="No action items."))
    return story


def render_minutes(m: MinutesData, provenance: Provenance, *, paper: Paper | str = Paper.A4,
                   issuer: Issuer | None = None) -> bytes:
    info = DocumentInfo(title=f"Minutes: {m.title}",
                        subject=f"{m.kind} on {day(m.starts_at)}", keywords=("minutes",))
    section = Section(running_title=f"Minutes · {one_line(m.title)} · {day(m.starts_at)}",
                      story=minutes_story(m, frame_width(paper)))
    return render_sections(info, provenance, [section], paper=paper, issuer=issuer)
