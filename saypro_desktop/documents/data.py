"""The plain data each document is printed from (services gather it; no ORM objects).

Values are already in words a person reads (labels, not enum values); text fields are
exactly what people typed and are escaped when printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from saypro_desktop.documents.text import one_line


@dataclass(frozen=True, slots=True)
class Provenance:
    """What the footer says about the data: when printed, as of when, from which device."""

    printed_at: datetime
    as_of: datetime | None
    device: str

    def footer(self) -> str:
        text = f"Printed {when(self.printed_at)}"
        if self.as_of is not None:
            text += f"  ·  data as of {when(self.as_of)}"
        if self.device:
            text += f" on {one_line(self.device)}"
        return text


def when(moment: datetime) -> str:
    return f"{moment.day} {moment:%b %Y, %H:%M}"


@dataclass(frozen=True, slots=True)
class Contact:
    name: str
    job_title: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class Sender:
    name: str
    role: str
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class OrgProfile:
    name: str
    category: str | None = None  # label
    focus_areas: tuple[str, ...] = ()  # labels
    city: str | None = None
    province: str | None = None
    address: str | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    stage: str | None = None  # label
    priority: str | None = None  # label
    strengths: str | None = None
    resources_offered: str | None = None
    expected_impact: str | None = None


@dataclass(frozen=True, slots=True)
class AssessmentScores:
    assessed_on: date | None
    shared_values: int | None
    mission_alignment: int | None
    operational_compatibility: int | None
    expected_impact: int | None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class ObjectiveLine:
    title: str
    measure: str | None = None
    target: str | None = None
    due_on: date | None = None
    phase: str | None = None


@dataclass(frozen=True, slots=True)
class CampaignSummary:
    name: str
    description: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    objectives: tuple[ObjectiveLine, ...] = ()


@dataclass(frozen=True, slots=True)
class MemberLine:
    name: str
    category: str | None = None
    city: str | None = None


@dataclass(frozen=True, slots=True)
class EventLine:
    title: str
    kind: str | None
    starts_at: datetime
    venue: str | None = None
    city: str | None = None


@dataclass(frozen=True, slots=True)
class PacketData:
    organisation: OrgProfile
    contact: Contact | None
    sender: Sender
    campaign: CampaignSummary | None
    assessment: AssessmentScores | None
    members: tuple[MemberLine, ...]
    events: tuple[EventLine, ...]
    reply_by: date
    letter_date: date
    # The cover letter, filled in from the packet's template (as the letters are): its
    # subject, and its body with paragraphs separated by blank lines, greeting to sign-off.
    letter_subject: str
    letter_body: str


@dataclass(frozen=True, slots=True)
class LetterData:
    """A letter rendered from a template: the same words as the e-mail draft."""

    subject: str
    body: str  # paragraphs separated by blank lines; "- " starts a bullet
    recipient_name: str
    recipient_lines: tuple[str, ...]  # organisation, address...
    sender: Sender
    letter_date: date
    kind: str = "Letter"  # "Introduction", "Invitation", "Thank you"


# -- reports -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RateLine:
    label: str
    sent: int
    responded: int

    @property
    def rate(self) -> float:
        return self.responded / self.sent if self.sent else 0.0


@dataclass(frozen=True, slots=True)
class CountLine:
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class PeriodCount:
    """A count for one period of the range (a week or a month), for trend lines."""

    label: str
    count: int


@dataclass(frozen=True, slots=True)
class EventAttendance:
    title: str
    starts_at: datetime
    city: str | None
    attendance: int
    capacity: int | None


@dataclass(frozen=True, slots=True)
class ReformLine:
    title: str
    level: str
    stage: str
    obstacles: str | None = None


@dataclass(frozen=True, slots=True)
class StoryLine:
    title: str
    body: str | None
    teller: str  # the person's name, or "A community member" when anonymised
    collected_on: date | None


@dataclass(frozen=True, slots=True)
class MediaLine:
    title: str
    kind: str
    outlet: str | None
    published_on: date | None
    reach: int | None


@dataclass(frozen=True, slots=True)
class ReportFigures:
    """Every figure a progress or impact report prints, for one campaign and range."""

    campaign: str
    phase: str | None
    starts_on: date
    ends_on: date
    contacts_reached: int
    messages_sent: int
    responses: int
    by_channel: tuple[RateLine, ...]
    by_category: tuple[RateLine, ...]
    contacts_over_time: tuple[PeriodCount, ...]
    meetings_held: int
    meetings_by_kind: tuple[CountLine, ...]
    commitments_pledged: int
    commitments_delivered: int
    commitments_by_kind: tuple[tuple[str, int, int], ...]  # label, pledged, delivered
    concerns_raised: int
    concerns_addressed: int
    concerns_by_category: tuple[tuple[str, int, int], ...]  # label, raised, addressed
    events: tuple[EventAttendance, ...]
    reforms: tuple[ReformLine, ...]
    setbacks: tuple[str, ...]
    next_steps: tuple[str, ...]
    stories: tuple[StoryLine, ...] = ()
    media: tuple[MediaLine, ...] = ()
    attendance: int = 0  # sign-ins at the range's events
    events_held: int = 0
    media_reach: int = 0
    reforms_advanced: int = 0
    reforms_by_stage: tuple[CountLine, ...] = ()  # stage each reform had at the range's end

    @property
    def response_rate(self) -> float:
        return self.responses / self.messages_sent if self.messages_sent else 0.0


# -- meetings, plans, sheets -------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Attendee:
    name: str
    organisation: str | None
    attended: bool


@dataclass(frozen=True, slots=True)
class ActionLine:
    description: str
    owner: str | None
    due_on: date | None
    status: str
    organisation: str | None = None
    resources: str | None = None


@dataclass(frozen=True, slots=True)
class MinutesData:
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime | None
    location: str | None
    campaign: str | None
    attendees: tuple[Attendee, ...]
    agenda: tuple[str, ...]
    notes: str | None
    decisions: tuple[str, ...]
    actions: tuple[ActionLine, ...]


@dataclass(frozen=True, slots=True)
class CommitmentLine:
    kind: str
    description: str | None
    status: str
    pledged_on: date | None
    delivered_on: date | None
    amount: str | None = None


@dataclass(frozen=True, slots=True)
class ActionPlanData:
    organisation: OrgProfile
    contact: Contact | None
    commitments: tuple[CommitmentLine, ...]
    actions: tuple[ActionLine, ...]
    follow_ups: tuple[ActionLine, ...]
    meetings: tuple[EventLine, ...]
    events: tuple[EventLine, ...]
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class LastContact:
    on: date
    channel: str
    outcome: str | None
    subject: str | None


@dataclass(frozen=True, slots=True)
class CallLine:
    organisation: str
    priority: str | None
    stage: str | None
    contact: str | None
    phone: str | None
    last: LastContact | None
    reason: str | None = None  # why call now: follow-up due, meeting tomorrow...


@dataclass(frozen=True, slots=True)
class CallSheetData:
    title: str
    for_day: date
    lines: tuple[CallLine, ...]


@dataclass(frozen=True, slots=True)
class SheetRow:
    code: str
    name: str
    organisation: str | None = None


@dataclass(frozen=True, slots=True)
class SignInSheetData:
    title: str
    kind: str | None
    starts_at: datetime
    venue: str | None
    city: str | None
    rows: tuple[SheetRow, ...]
    blank_rows: int = 20
    consent_wording: str = ""
    consent_version: str | None = None
    campaign: str | None = None
    consent_columns: tuple[str, ...] = field(default=("E-mail", "SMS / WhatsApp", "Photos"))
