"""The partnership proposal packet: one organisation, everything it needs to say yes.

Cover letter to the primary contact with a clear ask; the campaign's objectives; why
this partner matters; the benefits of joining; the roles on offer; what the coalition
commits to; the members who agreed to be listed; upcoming events; a commitment form.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak

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
    Line,
    ScoreBar,
    bullets,
    data_table,
    facts,
    fixed,
    gap,
    grid,
    heading,
    para,
    tick_list,
)
from saypro_desktop.documents.data import AssessmentScores, PacketData
from saypro_desktop.documents.letter import body_blocks
from saypro_desktop.documents.text import markup, one_line

ROLES: tuple[tuple[str, str], ...] = (
    ("Advocacy support", "Add your name to the coalition's submissions, speak at briefings "
     "with policymakers and help us follow reforms through to implementation."),
    ("Media outreach", "Co-sign press releases and op-eds, share campaign posts with your "
     "networks and put forward a spokesperson for interviews."),
    ("Event hosting", "Host or co-host a town hall, community forum or briefing, or offer "
     "a venue for a working-group meeting."),
    ("Data and evidence", "Share anonymised service data, case studies or research that "
     "show what the reforms would change for the people you serve."),
    ("Volunteers", "Put forward volunteers for sign-in desks, door-to-door outreach and "
     "the petition drive."),
)

BENEFITS = (
    "A stronger voice: policymakers hear one coalition of service providers, advocates "
    "and community leaders instead of separate requests.",
    "Shared evidence: the coalition's data, case studies and policy briefs are yours to "
    "use in your own advocacy and funding proposals.",
    "Visibility: members who agree are listed in coalition materials and invited to speak "
    "at events and briefings.",
    "Early word on reforms: regular updates on where each reform stands and what comes "
    "next, from the people following it through the legislature.",
    "Support in return: introductions to other members, joint events and help with your "
    "own campaigns where they serve the same goals.",
)

COALITION_COMMITS = (
    "Transparency: we share the coalition's plans, decisions, finances for joint work and "
    "progress reports with every member.",
    "Mutual support: we credit members' contributions, back their related campaigns and "
    "never speak for a member without its agreement.",
    "Your say: every member has a voice in the working groups and the steering committee "
    "sets priorities in the open.",
    "Care with people's data: contact details and stories are used only with consent and "
    "never shared outside the coalition.",
)

SCORE_LABELS = (
    ("shared_values", "Shared values"),
    ("mission_alignment", "Mission alignment"),
    ("operational_compatibility", "Working style"),
    ("expected_impact", "Expected impact"),
)


def _cover(data: PacketData, width: float) -> list[Flowable]:
    org = data.organisation
    story: list[Flowable] = [fixed(markup(day(data.letter_date)), "Letter"), gap(2 * mm)]
    address = [data.contact.name if data.contact else None,
               data.contact.job_title if data.contact else None,
               org.name, org.address, ", ".join(p for p in (org.city, org.province) if p)]
    story += [para(line, "Address", multiline=False) for line in address if line]
    story += [gap(6 * mm),
              fixed(f"<b>{markup(data.letter_subject, multiline=False)}</b>", "Letter")]
    # The template's greeting, paragraphs and sign-off, laid out as the letters are.
    story += body_blocks(data.letter_body)
    return story


def _scores(scores: AssessmentScores, width: float) -> Flowable:
    rows = []
    for attr, label in SCORE_LABELS:
        value = getattr(scores, attr)
        rows.append((label, "Not scored" if value is None else ScoreBar(value)))
    return data_table(("Assessment", f"Score (assessed {day(scores.assessed_on)})"), rows,
                      (60 * mm, width - 60 * mm))


def packet_story(data: PacketData, width: float) -> list[Flowable]:
    org = data.organisation
    story = _cover(data, width)
    story.append(PageBreak())

    story += [para(f"Partnership proposal for {org.name}", "Title"),
              para(data.campaign.name if data.campaign else "Coalition for social-service "
                   "reform", "Subtitle")]

    story += heading("1. The campaign and its objectives")
    if data.campaign and data.campaign.description:
        story.append(para(data.campaign.description))
    if data.campaign and (data.campaign.starts_on or data.campaign.ends_on):
        story.append(para(f"Runs from {day(data.campaign.starts_on)} to "
                          f"{day(data.campaign.ends_on)}.", "Small"))
    objectives = data.campaign.objectives if data.campaign else ()
    story.append(data_table(
        ("Objective", "How we measure it", "Target", "By"),
        [(o.title, o.measure or "–", o.target or "–", day(o.due_on)) for o in objectives],
        (width * 0.42, width * 0.30, width * 0.12, width * 0.16), right=(2,),
        empty="The campaign's objectives are being set with the steering committee."))

    story += heading(f"2. Why {one_line(org.name)[:80]} matters to this campaign")
    story.append(facts([
        ("Category", org.category),
        ("Focus areas", ", ".join(org.focus_areas) or None),
        ("Where", ", ".join(p for p in (org.city, org.province) if p) or None),
        ("Strengths", para(org.strengths or "–", "Cell")),
        ("Resources offered", para(org.resources_offered or "–", "Cell")),
        ("Expected impact", para(org.expected_impact or "–", "Cell")),
    ], width))
    if data.assessment is not None:
        story += [gap(), _scores(data.assessment, width)]
        if data.assessment.notes:
            story.append(para(data.assessment.notes, "Caption"))

    story += heading("3. What joining the coalition brings")
    story += bullets(BENEFITS)

    story += heading("4. Roles on offer")
    story.append(para("Choose the roles that suit your organisation; one is enough to "
                      "start. Each is agreed with you before anything is done in your name."))
    story.append(data_table(("Role", "What it involves"), ROLES,
                            (45 * mm, width - 45 * mm)))

    story += heading("5. What the coalition commits to")
    story += bullets(COALITION_COMMITS)

    story += heading("6. Current members")
    if data.members:
        story.append(para("These members agreed to be listed publicly:", "Small"))
        story.append(data_table(("Organisation", "Category", "Where"),
                                [(m.name, m.category or "–", m.city or "–")
                                 for m in data.members],
                                (width * 0.5, width * 0.28, width * 0.22)))
    else:
        story.append(para("You would be among the first members listed.", "Body"))

    story += heading("7. Upcoming events")
    story.append(data_table(
        ("Date", "Event", "Where"),
        [(day(e.starts_at) + f", {e.starts_at:%H:%M}",
          f"{e.title} ({e.kind})" if e.kind else e.title,
          ", ".join(p for p in (e.venue, e.city) if p) or "–") for e in data.events],
        (32 * mm, width * 0.5, width - 32 * mm - width * 0.5),
        empty="Dates for the next events will follow."))

    story.append(PageBreak())
    story += _commitment_form(data, width)
    return story


def _commitment_form(data: PacketData, width: float) -> list[Flowable]:
    org = data.organisation
    half = (width - 10 * mm) / 2
    form: list[Flowable] = [
        para("Commitment form", "Title"),
        para(f"{org.name}: please tick what you can offer and return this page by "
             f"{day(data.reply_by)}.", "Subtitle"),
        fixed("<b>We would like to join the coalition and can offer:</b>", "Body"),
        tick_list(ROLES, width),
        gap(3 * mm),
        tick_list((("Listing", "We agree to be listed publicly as a coalition member."),),
                  width),
        gap(6 * mm),
        fixed("<b>Anything else we can offer, or conditions we ask for:</b>", "Body"),
        Line(width, ""), Line(width, ""), Line(width, ""),
        gap(6 * mm),
    ]
    signature = [
        _pair(Line(half, "Name"), Line(half, "Position"), half),
        _pair(Line(half, "Signature"), Line(half, "Date"), half),
        _pair(Line(half, "E-mail"), Line(half, "Phone"), half),
    ]
    form.append(KeepTogether(signature))
    sender = data.sender
    back = "  ·  ".join(v for v in (sender.name, sender.email, sender.phone) if v)
    form += [gap(4 * mm), para(f"Return to: {back}", "Small")]
    return form


def _pair(left: Flowable, right: Flowable, half: float) -> Flowable:
    return grid([[left, right]], [half + 10 * mm, half],
                [("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 4)])


def packet_section(data: PacketData, paper: Paper | str) -> Section:
    return Section(running_title=f"Partnership proposal · {one_line(data.organisation.name)}",
                   story=packet_story(data, frame_width(paper)))


def packet_info(name: str, campaign: str | None) -> DocumentInfo:
    subject = "Invitation to join the coalition" + (f" for {campaign}" if campaign else "")
    return DocumentInfo(title=f"Partnership proposal: {name}", subject=subject,
                        keywords=("partnership", "coalition", "proposal"))


def render_packet(data: PacketData, provenance: Provenance, *, paper: Paper | str = Paper.A4,
                  issuer: Issuer | None = None) -> bytes:
    """One organisation's packet as PDF bytes."""
    return render_sections(packet_info(data.organisation.name,
                                       data.campaign.name if data.campaign else None),
                           provenance, [packet_section(data, paper)], paper=paper,
                           issuer=issuer)


def render_packets(packets: Sequence[PacketData], provenance: Provenance, *,
                   paper: Paper | str = Paper.A4, issuer: Issuer | None = None) -> bytes:
    """Several packets in one file, each numbering its own pages."""
    if not packets:
        raise ValueError("no packets to combine")
    info = DocumentInfo(title=f"Partnership proposals ({len(packets)} organisations)",
                        subject="Invitations to join the coalition",
                        keywords=("partnership", "coalition", "proposal"))
    return render_sections(info, provenance, [packet_section(p, paper) for p in packets],
                           paper=paper, issuer=issuer)
