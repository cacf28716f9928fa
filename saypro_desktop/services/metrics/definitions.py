"""Every figure, defined once: its key, its label and a sentence saying what it counts.

The dashboard, the printed reports and ``saypro metrics`` all read these, so a figure means
the same thing wherever it is shown. Two rules hold for every figure:

- a deleted record never counts; records linked to a deleted person do not count either;
- a person whose data was erased still counts in totals (they did sign, attend, reply),
  but is never named in the records behind a figure.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Figure:
    key: str
    label: str
    counts: str  # one sentence: what the figure counts
    unit: str = "count"  # "count", "ratio" (0..1) or "reach"
    kpi: bool = True  # can be an objective's KPI (a single number over a range)


_FIGURES = [
    Figure("contacts_reached", "Contacts reached",
           "People contacted in the range: each person with at least one outbound interaction "
           "(call, letter, email, visit, message) dated in it, counted once."),
    Figure("organisations_contacted", "Organisations contacted",
           "Organisations with an outbound interaction, with them or one of their people, "
           "dated in the range."),
    Figure("response_rate", "Response rate",
           "Organisations contacted in the range that replied within 30 days of the first "
           "contact (an inbound interaction, or an outcome of responded, interested, meeting "
           "agreed, committed or declined), over those contacted.", unit="ratio"),
    Figure("meetings_scheduled", "Meetings scheduled",
           "Meetings whose start falls in the range, whether or not they have happened yet; "
           "cancelled meetings are not counted."),
    Figure("meetings_held", "Meetings held",
           "Meetings whose start falls in the range and has passed; cancelled meetings are "
           "not counted."),
    Figure("commitments_pledged", "Commitments pledged",
           "Commitments pledged in the range (by pledge date), whatever became of them since."),
    Figure("commitments_delivered", "Commitments delivered",
           "Commitments marked delivered whose delivery date falls in the range."),
    Figure("partners_engaged", "Partners engaged",
           "Partner organisations (committed or active partners, or with a commitment) with "
           "at least one interaction, meeting attendance, event sign-in or commitment of "
           "theirs in the range."),
    Figure("concerns_open", "Concerns open",
           "Concerns raised in the range that are not yet resolved."),
    Figure("concerns_addressed", "Concerns addressed",
           "Concerns raised in the range that have been resolved."),
    Figure("events_held", "Events held",
           "Events that started in the range and whose start has passed."),
    Figure("attendance", "Attendance",
           "Sign-ins at the events held in the range: a person at two events counts twice."),
    Figure("unique_attendees", "Unique attendees",
           "People who signed in at any event held in the range, each counted once."),
    Figure("new_people", "New people met",
           "People met for the first time in the range: their earliest interaction, meeting "
           "attendance, event sign-in or petition signature (in any campaign) falls in it."),
    Figure("petition_signatures", "Petition signatures",
           "Signatures dated in the range on the campaign's petitions (on every petition when "
           "no campaign is chosen)."),
    Figure("reforms_advanced", "Reforms advanced",
           "Reforms moved at least one stage further towards implementation in the range."),
    Figure("reforms_by_stage", "Reforms by stage",
           "Reforms by their stage at the end of the range: the last move on or before it, or "
           "the stage recorded when a reform has no moves.", kpi=False),
    Figure("media_items", "Media items",
           "Press releases, op-eds, interviews, coverage and social posts published in the "
           "range."),
    Figure("media_reach", "Media reach",
           "The estimated audience of the media items published in the range, summed "
           "(items without a reach add nothing).", unit="reach"),
    Figure("stories_collected", "Stories collected",
           "Success stories and testimonials collected in the range with the teller's "
           "consent."),
]

FIGURES: dict[str, Figure] = {figure.key: figure for figure in _FIGURES}
# The figures an objective may measure (single numbers over a range).
KPIS: dict[str, Figure] = {key: figure for key, figure in FIGURES.items() if figure.kpi}
