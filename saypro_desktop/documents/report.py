"""Progress report (for the office and the coalition) and impact report (for funders and
the public), both printed from one ``ReportFigures`` so they never disagree."""

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
from saypro_desktop.documents.blocks import (
    bullets,
    data_table,
    figure_cards,
    gap,
    heading,
    heading_with,
    para,
    together,
)
from saypro_desktop.documents.charts import bar_chart, line_chart, pie_chart
from saypro_desktop.documents.data import ReportFigures


def nothing(text: str) -> Flowable:
    return para(text, "Small") if text else gap(0)


def _pct(value: float) -> str:
    return f"{value:.0%}"


def _period(f: ReportFigures) -> str:
    phase = f" · {f.phase}" if f.phase else ""
    return f"{day(f.starts_on)} to {day(f.ends_on)}{phase}"


def progress_story(f: ReportFigures, width: float) -> list[Flowable]:
    story: list[Flowable] = [
        para("Progress report", "Title"),
        para(f"{f.campaign} · {_period(f)}", "Subtitle"),
        figure_cards([
            (f"{f.contacts_reached:,}", "contacts reached"),
            (_pct(f.response_rate), f"response rate ({f.responses:,} of "
                                    f"{f.messages_sent:,} messages)"),
            (f"{f.meetings_held:,}", "meetings held"),
            (f"{f.commitments_pledged:,} / {f.commitments_delivered:,}",
             "commitments pledged / delivered"),
            (f"{f.concerns_raised:,} / {f.concerns_addressed:,}",
             "concerns raised / addressed"),
            (f"{len(f.events):,}", "events held"),
            (f"{f.attendance:,}", "people signed in at events"),
            (f"{sum(1 for r in f.reforms if r.stage in ('Passed', 'Implemented')):,}",
             "reforms passed or implemented"),
        ], width),
    ]

    if f.contacts_over_time and any(p.count for p in f.contacts_over_time):
        story += heading_with("Outreach", line_chart(
            "Contacts reached per week", [p.label for p in f.contacts_over_time],
            [p.count for p in f.contacts_over_time], width=width,
            value_axis="Contacts", category_axis="Week starting"))
    else:
        story += heading("Outreach")
        story.append(para("No one was contacted in this period.", "Small"))
    story.append(gap())
    story.append(nothing("No messages were sent in this period.") if not f.by_channel
                 else together(
        bar_chart("Response rate by channel", [r.label for r in f.by_channel],
                  [[r.rate for r in f.by_channel]], ["Response rate"], width=width,
                  value_axis="Responded", category_axis="Channel", percent=True),
        data_table(("Channel", "Sent", "Responded", "Rate"),
                   [(r.label, f"{r.sent:,}", f"{r.responded:,}", _pct(r.rate))
                    for r in f.by_channel],
                   (width * 0.4, width * 0.2, width * 0.2, width * 0.2), right=(1, 2, 3))))
    story.append(gap())
    story.append(nothing("") if not f.by_category else together(
        bar_chart("Response rate by stakeholder category", [r.label for r in f.by_category],
                  [[r.rate for r in f.by_category]], ["Response rate"], width=width,
                  value_axis="Share who responded", category_axis="Category", percent=True,
                  horizontal=True),
        data_table(("Category", "Sent", "Responded", "Rate"),
                   [(r.label, f"{r.sent:,}", f"{r.responded:,}", _pct(r.rate))
                    for r in f.by_category],
                   (width * 0.4, width * 0.2, width * 0.2, width * 0.2), right=(1, 2, 3))))

    story += heading("Meetings")
    story.append(data_table(("Kind of meeting", "Held"),
                            [(c.label, f"{c.count:,}") for c in f.meetings_by_kind],
                            (width * 0.7, width * 0.3), right=(1,),
                            empty="No meetings were held in this period."))

    story += heading("Commitments")
    story.append(nothing("No commitments were pledged or delivered in this period.")
                 if not f.commitments_by_kind else together(
        bar_chart("Commitments by kind", [k for k, _, _ in f.commitments_by_kind],
                  [[p for _, p, _ in f.commitments_by_kind],
                   [d for _, _, d in f.commitments_by_kind]], ["Pledged", "Delivered"],
                  width=width, value_axis="Commitments", category_axis="Kind"),
        data_table(("Kind", "Pledged", "Delivered"),
                   [(k, f"{p:,}", f"{d:,}") for k, p, d in f.commitments_by_kind],
                   (width * 0.5, width * 0.25, width * 0.25), right=(1, 2))))

    story += heading("Concerns raised and addressed")
    story.append(data_table(("Category", "Raised", "Addressed"),
                            [(k, f"{r:,}", f"{a:,}") for k, r, a in f.concerns_by_category],
                            (width * 0.5, width * 0.25, width * 0.25), right=(1, 2),
                            empty="No concerns were raised in this period."))

    story += heading("Events and attendance")
    story.append(data_table(
        ("Date", "Event", "Where", "Signed in", "Capacity"),
        [(day(e.starts_at), e.title, e.city or "–", f"{e.attendance:,}",
          f"{e.capacity:,}" if e.capacity else "–") for e in f.events],
        (26 * mm, width - 26 * mm - 30 * mm - 40 * mm, 30 * mm, 20 * mm, 20 * mm),
        right=(3, 4), empty="No events were held in this period."))

    stages: dict[str, int] = {}
    for reform in f.reforms:
        stages[reform.stage] = stages.get(reform.stage, 0) + 1
    if stages:
        story += heading_with("Reforms", pie_chart("Reforms by stage", list(stages),
                                                   list(stages.values()), width=width))
    else:
        story += heading("Reforms")
    story.append(data_table(("Reform", "Level", "Stage"),
                            [(r.title, r.level, r.stage) for r in f.reforms],
                            (width * 0.6, width * 0.18, width * 0.22),
                            empty="No reforms are being followed yet."))

    story += heading("Setbacks")
    story += bullets(f.setbacks) if f.setbacks else [para("None recorded in this period.")]
    story += heading("Next steps")
    story += bullets(f.next_steps) if f.next_steps else [para("None planned yet.")]
    return story


def impact_story(f: ReportFigures, width: float) -> list[Flowable]:
    story: list[Flowable] = [
        para("Impact report", "Title"),
        para(f"{f.campaign} · {_period(f)}", "Subtitle"),
        para("What the coalition achieved together, in figures taken from the campaign's "
             "own records."),
        figure_cards([
            (f"{f.contacts_reached:,}", "people and organisations reached"),
            (f"{f.commitments_pledged:,}", "commitments pledged"),
            (f"{f.commitments_delivered:,}", "commitments delivered"),
            (f"{f.attendance:,}", f"people at {len(f.events):,} events"),
            (f"{f.meetings_held:,}", "meetings held"),
            (f"{f.concerns_addressed:,}", "community concerns addressed"),
            (f"{sum(1 for r in f.reforms if r.stage in ('Passed', 'Implemented')):,}",
             "reforms passed or implemented"),
            (f"{sum(m.reach or 0 for m in f.media):,}", "estimated media reach"),
        ], width),
    ]
    stages: dict[str, int] = {}
    for reform in f.reforms:
        stages[reform.stage] = stages.get(reform.stage, 0) + 1
    if stages:
        story += heading_with("Where the reforms stand", pie_chart(
            "Reforms by stage", list(stages), list(stages.values()), width=width))
    else:
        story += heading("Where the reforms stand")
    story.append(data_table(("Reform", "Level", "Stage"),
                            [(r.title, r.level, r.stage) for r in f.reforms],
                            (width * 0.6, width * 0.18, width * 0.22),
                            empty="No reforms are being followed yet."))
    story += heading("Stories from the community")
    if f.stories:
        for s in f.stories:
            story.append(together(para(s.title, "H3"), para(s.body or "", "Quote"),
                                  para(f"— {s.teller}, {day(s.collected_on)}", "Small"),
                                  gap(3 * mm)))
    else:
        story.append(para("No stories with consent to publish were collected in this "
                          "period."))
    story += heading("Media coverage")
    story.append(data_table(
        ("Date", "Title", "Outlet", "Kind", "Reach"),
        [(day(m.published_on), m.title, m.outlet or "–", m.kind,
          f"{m.reach:,}" if m.reach else "–") for m in f.media],
        (24 * mm, width - 24 * mm - 36 * mm - 26 * mm - 20 * mm, 36 * mm, 26 * mm, 20 * mm),
        right=(4,), empty="No media coverage was recorded in this period."))
    story += heading("What comes next")
    story += bullets(f.next_steps[:6]) if f.next_steps else [para("Plans are being set.")]
    return story


def render_report(kind: str, figures: ReportFigures, provenance: Provenance, *,
                  paper: Paper | str = Paper.A4, issuer: Issuer | None = None) -> bytes:
    """``kind`` is "progress" or "impact"."""
    width = frame_width(paper)
    if kind == "progress":
        story, title = progress_story(figures, width), "Progress report"
    elif kind == "impact":
        story, title = impact_story(figures, width), "Impact report"
    else:
        raise ValueError(f"unknown report {kind!r}")
    info = DocumentInfo(title=f"{title}: {figures.campaign}",
                        subject=f"{figures.campaign}, {_period(figures)}",
                        keywords=("report", kind))
    section = Section(running_title=f"{title} · {figures.campaign} · {_period(figures)}",
                      story=story)
    return render_sections(info, provenance, [section], paper=paper, issuer=issuer)
