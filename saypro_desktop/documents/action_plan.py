"""A partner's action plan: what it committed to, what is to be done by whom and when."""

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
from saypro_desktop.documents.blocks import Line, data_table, facts, heading, para
from saypro_desktop.documents.data import ActionLine, ActionPlanData
from saypro_desktop.documents.text import one_line


def _actions(lines: tuple[ActionLine, ...], width: float, empty: str) -> Flowable:
    return data_table(
        ("What", "Who", "By", "Status"),
        [(a.description + (f" (resources: {a.resources})" if a.resources else ""),
          a.owner or "Unassigned", day(a.due_on), a.status) for a in lines],
        (width - 40 * mm - 26 * mm - 24 * mm, 40 * mm, 26 * mm, 24 * mm), empty=empty)


def action_plan_story(p: ActionPlanData, width: float) -> list[Flowable]:
    org = p.organisation
    story: list[Flowable] = [
        para("Action plan", "Title"),
        para(org.name, "Subtitle"),
        facts([("Stage", org.stage), ("Priority", org.priority),
               ("Contact", (f"{p.contact.name}" + (f", {p.contact.job_title}"
                                                     if p.contact.job_title else ""))
                if p.contact else None),
               ("Phone", (p.contact.phone if p.contact else None) or org.phone),
               ("E-mail", (p.contact.email if p.contact else None) or org.email)], width),
    ]
    story += heading("Commitments")
    story.append(data_table(
        ("Commitment", "Details", "Status", "Pledged", "Delivered"),
        [(c.kind, (c.description or "–") + (f" ({c.amount})" if c.amount else ""), c.status,
          day(c.pledged_on), day(c.delivered_on)) for c in p.commitments],
        (34 * mm, width - 34 * mm - 22 * mm - 48 * mm, 22 * mm, 24 * mm, 24 * mm),
        empty="No commitments yet."))
    story += heading("Action items")
    story.append(_actions(p.actions, width, "No action items yet."))
    story += heading("Follow-ups")
    story.append(_actions(p.follow_ups, width, "No open follow-ups."))
    story += heading("Coming up")
    rows = [(day(e.starts_at) + f", {e.starts_at:%H:%M}", e.title, e.kind or "–")
            for e in (*p.meetings, *p.events)]
    story.append(data_table(("When", "What", "Kind"), rows,
                            (34 * mm, width - 34 * mm - 36 * mm, 36 * mm),
                            empty="Nothing scheduled yet."))
    if p.notes:
        story += heading("Notes")
        story.append(para(p.notes))
    story += heading("Agreed by", 2)
    story += [Line(width * 0.6, "For the partner: name, signature and date"),
              Line(width * 0.6, "For the coalition: name, signature and date")]
    return story


def render_action_plan(p: ActionPlanData, provenance: Provenance, *,
                       paper: Paper | str = Paper.A4, issuer: Issuer | None = None) -> bytes:
    info = DocumentInfo(title=f"Action plan: {p.organisation.name}",
                        subject="Commitments, actions and follow-ups agreed with the partner",
                        keywords=("action plan",))
    section = Section(running_title=f"Action plan · {one_line(p.organisation.name)}",
                      story=action_plan_story(p, frame_width(paper)))
    return render_sections(info, provenance, [section], paper=paper, issuer=issuer)
