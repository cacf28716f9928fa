"""Believable demo data: a South African coalition campaign, from outreach to reform.

``fill_demo(db, people)`` writes organisations, people and everything that hangs off
them (outreach, meetings, commitments, events, petitions, concerns, reforms, media,
stories, consents) through the unit of work, so every row is in the change log and
syncs like typed data. Only ``random.Random(seed)`` is used and all dates count back
from a reference date derived from the seed, so one seed always gives the same data
(record ids are fresh UUIDs each time). Nothing here is a real person: names are
common first names and surnames combined at random; personal emails use reserved
``example`` domains.

Rows are built as plain dicts and written in batches. Up to ``PEOPLE_PER_TRANSACTION``
people everything is one transaction; beyond that each slice of people is its own
transaction so memory stays flat (cancelling then keeps the slices already saved).
"""

from __future__ import annotations

import bisect
import itertools
import random
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import (
    ActionItem,
    Assessment,
    Campaign,
    CampaignPhaseRecord,
    Commitment,
    Concern,
    Consent,
    ErasureRequest,
    Event,
    FollowUp,
    Interaction,
    KpiTarget,
    MediaItem,
    Meeting,
    MeetingAttendee,
    Membership,
    Objective,
    Organisation,
    Person,
    PersonTag,
    Petition,
    Referral,
    Reform,
    ReformMeeting,
    ReformPosition,
    Signature,
    SignIn,
    Story,
    Synced,
    Tag,
    WorkingGroup,
    WorkingGroupMember,
)
from saypro_desktop.domain.enums import (
    CampaignPhase,
    Channel,
    CommitmentKind,
    CommitmentStatus,
    ConcernCategory,
    ConcernStatus,
    ConsentChannel,
    ConsentStatus,
    Direction,
    ErasureStatus,
    EventKind,
    FocusArea,
    GovernmentLevel,
    GroupRole,
    MediaKind,
    MeetingKind,
    MembershipRole,
    Outcome,
    PipelineStage,
    PolicymakerPosition,
    Priority,
    ReformStage,
    SignInSource,
    StakeholderCategory,
    TaskStatus,
)
from saypro_desktop.domain.errors import SayProError, ValidationError
from saypro_desktop.domain.ids import link_id, new_id
from saypro_desktop.services.demo_names import (
    EMAIL_DOMAINS,
    NAME_GROUPS,
    NICKNAMES,
    PLACES,
    STREETS,
    UNIVERSITIES,
    Place,
)
from saypro_desktop.services.unit_of_work import UnitOfWork

BATCH_ROWS = 5_000
PEOPLE_PER_TRANSACTION = 20_000
MIN_PEOPLE = 50
MAX_PEOPLE = 1_000_000

Progress = Callable[[int, int], bool | None]
Row = dict[str, Any]
T = TypeVar("T")

SC = StakeholderCategory
PS = PipelineStage


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """How many rows of each table the demo wrote (field names are table names)."""

    organisations: int = 0
    people: int = 0
    memberships: int = 0
    referrals: int = 0
    tags: int = 0
    person_tags: int = 0
    assessments: int = 0
    interactions: int = 0
    follow_ups: int = 0
    meetings: int = 0
    meeting_attendees: int = 0
    action_items: int = 0
    commitments: int = 0
    working_groups: int = 0
    working_group_members: int = 0
    events: int = 0
    sign_ins: int = 0
    petitions: int = 0
    signatures: int = 0
    campaigns: int = 0
    campaign_phases: int = 0
    objectives: int = 0
    kpi_targets: int = 0
    concerns: int = 0
    reforms: int = 0
    reform_positions: int = 0
    reform_meetings: int = 0
    media_items: int = 0
    stories: int = 0
    consents: int = 0
    erasure_requests: int = 0

    @property
    def total(self) -> int:
        return sum(self.as_dict().values())

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def reference_date(seed: int) -> date:
    """The 'today' the demo history is written against (fixed per seed, never the clock)."""
    return date(2026, 3, 2) + timedelta(days=seed % 28)


def fill_demo(
    db: Database,
    people: int = 1500,
    *,
    seed: int = 7,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill ``db`` with a believable campaign around ``people`` people; return row counts.

    ``progress(done, total)`` is called after every batch; returning False cancels and
    the current transaction rolls back (``SayProError("demo data cancelled")``).
    """
    if not MIN_PEOPLE <= people <= MAX_PEOPLE:
        raise ValidationError(
            f"demo data: {people} people is out of range; choose {MIN_PEOPLE} to {MAX_PEOPLE:,}"
        )
    builder = _Builder(random.Random(seed), people, reference_date(seed))
    writer = _Writer(progress, _estimate_rows(people))
    slices = [
        (start, min(start + PEOPLE_PER_TRANSACTION, people))
        for start in range(0, people, PEOPLE_PER_TRANSACTION)
    ]
    for index, (start, stop) in enumerate(slices):
        with UnitOfWork(db) as uow:
            writer.uow = uow
            if index == 0:
                builder.write_foundations(writer)
            builder.write_people(writer, start, stop)
            if index == len(slices) - 1:
                builder.write_coalition(writer)
                writer.finish()
    writer.uow = None
    return DemoSummary(**writer.counts)


def _estimate_rows(people: int) -> int:
    return int(people * 2.1) + 600


# --- writing -----------------------------------------------------------------------------


class _Writer:
    """Writes rows in batches through the unit of work, counting and reporting progress."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.uow: UnitOfWork | None = None
        self._progress = progress
        self.total = max(total, 1)
        self.done = 0
        self.counts: dict[str, int] = {f.name: 0 for f in fields(DemoSummary)}

    def write(self, model: type[Synced], rows: Sequence[Row],
              row_ids: Sequence[str] | None = None) -> list[str]:
        assert self.uow is not None
        ids: list[str] = []
        for start in range(0, len(rows), BATCH_ROWS):
            batch = rows[start:start + BATCH_ROWS]
            # The bulk insert drops None values and starts a new statement whenever the set
            # of filled fields changes; ordering the batch by that set keeps it to a few
            # executemany calls. Returned ids are put back in the caller's order.
            order = sorted(range(len(batch)),
                           key=lambda i: sorted(k for k, v in batch[i].items() if v is not None))
            batch_ids = row_ids[start:start + BATCH_ROWS] if row_ids is not None else None
            made = self.uow.create_many(
                model, [batch[i] for i in order],
                row_ids=[batch_ids[i] for i in order] if batch_ids is not None else None,
            )
            placed = [""] * len(batch)
            for position, index in enumerate(order):
                placed[index] = made[position]
            ids.extend(placed)
            self.counts[model.__tablename__] += len(batch)
            self.done += len(batch)
            self._report(min(self.done, self.total - 1))
        return ids

    def finish(self) -> None:
        self._report(self.total)

    def _report(self, done: int) -> None:
        if self._progress is not None and self._progress(done, self.total) is False:
            raise SayProError("demo data cancelled")


# --- small helpers -----------------------------------------------------------------------


class _Weighted:
    """Fast repeated weighted choice."""

    def __init__(self, pairs: Sequence[tuple[Any, float]]) -> None:
        self.items = [item for item, _ in pairs]
        self.cumulative = list(itertools.accumulate(weight for _, weight in pairs))
        self.sum = self.cumulative[-1]

    def pick(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect_right(self.cumulative, rng.random() * self.sum)]


def _one(rng: random.Random, items: Sequence[T]) -> T:
    return items[int(rng.random() * len(items))]


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_ALNUM.sub("", folded.lower())


def _slug(text: str, words: int = 3) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    parts = [p for p in _NOT_ALNUM.split(folded.lower()) if p not in {"", "the", "of", "and"}]
    return "-".join(parts[:words]) or "org"


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


MOBILE_PREFIXES = ("60", "61", "62", "63", "64", "65", "66", "67", "68", "71", "72", "73",
                   "74", "76", "78", "79", "81", "82", "83", "84")

PLACE_PICK = _Weighted([(p, p.weight) for p in PLACES])
GROUP_PICK = {p.name: _Weighted(list(p.groups)) for p in PLACES}
PROVINCES = sorted({p.province for p in PLACES})

LANGUAGE_EXTRA_ENGLISH = 0.1  # share whose preferred language is English whatever their name


# --- vocabularies of the demo ----------------------------------------------------------

ORG_TEMPLATES: dict[SC, tuple[str, ...]] = {
    SC.SOCIAL_SERVICE_PROVIDER: (
        "Ubuntu Community Care", "{place} Child and Family Welfare Society",
        "{place} Home-Based Care Network", "Siyakhana Social Services {place}",
        "{place} Community Development Centre", "Thusanang Family Support Services",
        "Ithemba Early Childhood Centre, {place}", "{place} Old Age Home and Day Care",
        "Sinethemba Drop-in Centre, {place}",
    ),
    SC.NONPROFIT: (
        "{place} Community Food Garden Trust", "Masakhane Development Trust",
        "Ikhaya Lethemba Shelter, {place}", "Vukuzenzele Skills NPC", "Kgwerano Community Trust",
        "{place} Soup Kitchen Collective", "Lesedi Literacy Project, {place}",
        "{place} Disability Empowerment Centre",
    ),
    SC.ADVOCACY_GROUP: (
        "Social Grants Action Campaign — {province}", "{place} Housing Rights Forum",
        "Equal Care Alliance", "Disability Rights Collective, {place}",
        "Right to Food Coalition — {place}", "Caregivers' Voice {province}",
        "{province} Mental Health Advocacy Network",
    ),
    SC.GRASSROOTS_GROUP: (
        "{place} Residents' Association", "{place} Women's Stokvel Network",
        "{place} Backyard Dwellers' Committee", "{place} Ward {n} Community Safety Forum",
        "Asijiki Mothers' Circle, {place}", "{place} Unemployed Graduates Forum",
    ),
    SC.LEGAL_AID: (
        "{place} Legal Advice Office", "{place} Paralegal Advice Centre",
        "Justice Access Clinic, {place}", "{place} Community Law Office",
        "{univ} Law Clinic — {place} satellite",
    ),
    SC.PUBLIC_HEALTH: (
        "{place} Clinic Committee", "{place} TB/HIV Care Network",
        "{place} Community Health Workers' Forum", "{province} Mental Health Support Network",
        "{place} Primary Health Care Forum", "Bophelo Community Health Trust, {place}",
    ),
    SC.FAITH_BASED: (
        "Dutch Reformed Church Outreach {place}", "St Mary's Anglican Soup Kitchen, {place}",
        "{place} Interfaith Forum", "{place} Methodist Women's Manyano",
        "Masjid Al-Noor Community Relief, {place}", "{place} Council of Churches",
        "Apostolic Faith Mission Care Ministry, {place}",
    ),
    SC.YOUTH_STUDENT: (
        "Masithethe Youth Forum", "{place} Youth Development Forum",
        "{place} TVET College Student Representative Council", "Young Changemakers {place}",
        "{univ} Student Volunteer Network", "{place} Learner Council Network",
    ),
    SC.COMMUNITY_LEADER: (
        "{place} Traditional Council", "Ward {n} Committee, {place}",
        "{place} Council of Elders", "{place} Community Policing Forum",
        "{place} Taxi Association Community Desk",
    ),
    SC.POLICYMAKER_LOCAL: (
        "{place} Ward {n} Councillor's Office",
        "{place} Municipality — Community Services Committee",
        "{place} Municipality — Mayoral Committee for Health and Social Development",
        "{place} Municipality — Indigent Support Unit",
    ),
    SC.POLICYMAKER_PROVINCIAL: (
        "{province} Provincial Legislature — Social Development Portfolio Committee",
        "{province} Provincial Legislature — Health Portfolio Committee",
        "{province} Department of Social Development — {place} District Office",
        "Office of the {province} MEC for Social Development",
    ),
    SC.POLICYMAKER_NATIONAL: (
        "Parliament — Portfolio Committee on Social Development",
        "Parliament — Portfolio Committee on Health",
        "Parliament — Portfolio Committee on Women, Youth and Persons with Disabilities",
        "NCOP — Select Committee on Social Services",
        "Department of Social Development — {province} Regional Liaison",
        "Constituency Office of a Member of Parliament, {place}",
    ),
    SC.REGULATOR: (
        "South African Human Rights Commission — {province} Office",
        "Office of Health Standards Compliance — {province} Inspectorate",
        "Council for Social Service Professions — {province} Desk",
        "Commission for Gender Equality — {province}",
        "Information Regulator — Outreach Unit",
    ),
    SC.ACADEMIC: (
        "Wits School of Public Health", "{univ} Centre for Social Policy Research",
        "{univ} Department of Social Work", "{univ} School of Public Health",
        "{univ} Poverty and Inequality Unit", "Institute for Community Wellbeing, {univ}",
    ),
    SC.CORPORATE: (
        "Sizwe Mining — Corporate Social Investment", "Karoo Retail Group CSI",
        "{place} Business Chamber", "Ubuntu Mutual Insurance CSI", "Highveld Logistics CSI Fund",
        "Ikhwezi Telecoms Foundation", "{province} Agricultural Union Social Fund",
    ),
    SC.PHILANTHROPY: (
        "Amandla Community Foundation", "{province} Community Chest", "Imbewu Trust",
        "Lefa Family Foundation", "Khula Philanthropies", "{place} Community Foundation",
    ),
    SC.MEDIA: (
        "{place} Community Radio", "The {place} Echo", "{place} Gazette",
        "Kasi Voices Online", "Mzansi Voices Podcast", "{province} News Network",
    ),
    SC.COMMUNITY_MEMBER: (
        "{place} Zone {n} Street Committee", "{place} Section {letter} Neighbours' Group",
        "{place} Grant Recipients' Support Circle", "{place} Caregivers' WhatsApp Group",
    ),
}

POLICY_CATEGORIES = (SC.POLICYMAKER_LOCAL, SC.POLICYMAKER_PROVINCIAL, SC.POLICYMAKER_NATIONAL)

CATEGORY_WEIGHTS = _Weighted([
    (SC.SOCIAL_SERVICE_PROVIDER, 12), (SC.NONPROFIT, 12), (SC.ADVOCACY_GROUP, 6),
    (SC.GRASSROOTS_GROUP, 10), (SC.LEGAL_AID, 4), (SC.PUBLIC_HEALTH, 6), (SC.FAITH_BASED, 9),
    (SC.YOUTH_STUDENT, 6), (SC.COMMUNITY_LEADER, 6), (SC.POLICYMAKER_LOCAL, 5),
    (SC.POLICYMAKER_PROVINCIAL, 3), (SC.POLICYMAKER_NATIONAL, 1), (SC.REGULATOR, 1),
    (SC.ACADEMIC, 3), (SC.CORPORATE, 3), (SC.PHILANTHROPY, 2), (SC.MEDIA, 3),
    (SC.COMMUNITY_MEMBER, 2),
])

CATEGORY_FOCUS: dict[SC, tuple[FocusArea, ...]] = {
    SC.SOCIAL_SERVICE_PROVIDER: (FocusArea.CHILD_WELFARE, FocusArea.SOCIAL_GRANTS,
                                 FocusArea.FOOD_SECURITY, FocusArea.DISABILITY),
    SC.LEGAL_AID: (FocusArea.JUSTICE, FocusArea.SOCIAL_GRANTS, FocusArea.HOUSING),
    SC.PUBLIC_HEALTH: (FocusArea.HEALTHCARE, FocusArea.MENTAL_HEALTH),
    SC.YOUTH_STUDENT: (FocusArea.EDUCATION, FocusArea.EMPLOYMENT, FocusArea.MENTAL_HEALTH),
    SC.ACADEMIC: (FocusArea.HEALTHCARE, FocusArea.EDUCATION, FocusArea.SOCIAL_GRANTS),
    SC.FAITH_BASED: (FocusArea.FOOD_SECURITY, FocusArea.CHILD_WELFARE, FocusArea.HOUSING),
}

STAGE_WEIGHTS = _Weighted([
    (PS.IDENTIFIED, 14), (PS.CONTACTED, 18), (PS.RESPONDED, 14), (PS.MEETING_SCHEDULED, 10),
    (PS.COMMITTED, 14), (PS.ACTIVE_PARTNER, 16), (PS.DECLINED, 6), (PS.DORMANT, 8),
])
PRIORITY_WEIGHTS = _Weighted([(Priority.HIGH, 3), (Priority.MEDIUM, 5), (Priority.LOW, 2)])

STRENGTHS = (
    "Deep trust in the community; staff speak {language}",
    "Runs daily services that reach hundreds of households",
    "Strong volunteer base and door-to-door experience",
    "Data on grant appeals and waiting times going back five years",
    "Respected voice with the local council",
    "Media-savvy spokespeople",
    "Legal expertise on the Social Assistance Act and PAJA reviews",
    "Research capacity and published evidence on service gaps",
    "Can mobilise large numbers for marches and hearings",
    "Access to provincial officials and portfolio committee members",
    "Network of caregivers and home-based care workers",
    "Youth leaders active on social media",
)
RESOURCES = (
    "Meeting venue (hall for 150) on weekends", "Volunteers for door-to-door outreach",
    "Case data (anonymised) on grant appeals", "Printing of pamphlets and posters",
    "Transport (two minibuses) for rally days", "Funding for catering at town halls",
    "Radio airtime for public service announcements", "Paralegals for advice desks at events",
    "Interpreters (isiZulu, isiXhosa, Sesotho)", "Research briefs and policy analysis",
    "Sound system and marquee", "Social media reach (20,000 followers)",
)
IMPACT = (
    "Could bring {n} households into the campaign",
    "Direct line to decision-makers on the grants backlog",
    "Evidence base that makes the reform case credible",
    "Moral authority with congregations across the district",
    "Reach into the youth vote and student bodies",
    "Amplifies every action through community media",
)
ORG_NOTES = (
    "Prefers letters on letterhead followed by a phone call.",
    "Board meets on the first Tuesday of the month; send requests a week before.",
    "Director is away in December; deputy handles requests.",
    "Asked for a one-page summary of the reform proposals.",
    "Shared the coalition call with their network on WhatsApp.",
    "Only available for meetings after 15:00.",
)
JOB_TITLES: dict[SC, tuple[str, ...]] = {
    SC.SOCIAL_SERVICE_PROVIDER: ("Social worker", "Programme manager", "Centre manager",
                                 "Community development practitioner"),
    SC.NONPROFIT: ("Director", "Programme coordinator", "Fundraising officer", "Volunteer lead"),
    SC.ADVOCACY_GROUP: ("Campaign coordinator", "Organiser", "Researcher", "Spokesperson"),
    SC.GRASSROOTS_GROUP: ("Chairperson", "Secretary", "Treasurer", "Organiser"),
    SC.LEGAL_AID: ("Paralegal", "Attorney", "Candidate attorney", "Office coordinator"),
    SC.PUBLIC_HEALTH: ("Clinic committee chair", "Community health worker", "Nurse",
                       "Health promoter"),
    SC.FAITH_BASED: ("Pastor", "Reverend", "Outreach coordinator", "Imam", "Deacon"),
    SC.YOUTH_STUDENT: ("SRC president", "Youth organiser", "Secretary general", "Student"),
    SC.COMMUNITY_LEADER: ("Ward committee member", "Induna", "Chairperson", "CPF secretary"),
    SC.POLICYMAKER_LOCAL: ("Ward councillor", "MMC for Health and Social Development",
                           "Municipal manager's office", "Community services director"),
    SC.POLICYMAKER_PROVINCIAL: ("Member of the Provincial Legislature",
                                "Portfolio committee chairperson", "Chief director",
                                "MEC's parliamentary officer"),
    SC.POLICYMAKER_NATIONAL: ("Member of Parliament", "Committee secretary",
                              "Parliamentary researcher", "Director: Social Assistance"),
    SC.REGULATOR: ("Provincial manager", "Inspector", "Commissioner's researcher"),
    SC.ACADEMIC: ("Senior lecturer", "Professor", "Researcher", "PhD candidate"),
    SC.CORPORATE: ("CSI manager", "Sustainability lead", "Community relations officer"),
    SC.PHILANTHROPY: ("Grants manager", "Programme officer", "Trustee"),
    SC.MEDIA: ("Journalist", "Station manager", "Producer", "Editor"),
    SC.COMMUNITY_MEMBER: ("Street committee member", "Volunteer", "Block representative"),
}
PERSON_NOTES = (
    "Prefers WhatsApp voice notes to calls.",
    "Caregiver for her grandmother; SASSA appeal pending for eight months.",
    "Can interpret at meetings (isiZulu, Sesotho and English).",
    "Only available after 17:00 on weekdays.",
    "Runs a soup kitchen from home on Saturdays.",
    "Keen to volunteer at the next town hall.",
    "Has a story about the clinic queue; asked us to call back about consent.",
    "Uses a wheelchair — check venue access before inviting.",
    "Signed the paper petition; wants updates by SMS.",
    "Knows the ward councillor personally; offered an introduction.",
)
TAGS = (
    ("Volunteer", "#2e7d32"), ("Spokesperson", "#6a1b9a"), ("Grant recipient", "#1565c0"),
    ("Needs transport", "#ef6c00"), ("Story to follow up", "#ad1457"),
    ("Steering committee", "#4e342e"), ("Media contact", "#00838f"), ("Youth", "#f9a825"),
    ("Disability", "#5d4037"), ("Caregiver", "#c62828"), ("Women's network", "#8e24aa"),
    ("Door-to-door team", "#37474f"),
)
STAGE_INTERACTIONS: dict[PS, tuple[int, int]] = {
    PS.IDENTIFIED: (0, 0), PS.CONTACTED: (1, 2), PS.RESPONDED: (2, 3),
    PS.MEETING_SCHEDULED: (2, 3), PS.COMMITTED: (3, 4), PS.ACTIVE_PARTNER: (3, 5),
    PS.DECLINED: (1, 2), PS.DORMANT: (1, 2),
}
STAGE_OUTCOME: dict[PS, tuple[Outcome, ...]] = {
    PS.IDENTIFIED: (Outcome.NO_RESPONSE,),
    PS.CONTACTED: (Outcome.NO_RESPONSE, Outcome.FOLLOW_UP_NEEDED),
    PS.RESPONDED: (Outcome.RESPONDED, Outcome.INTERESTED, Outcome.FOLLOW_UP_NEEDED),
    PS.MEETING_SCHEDULED: (Outcome.MEETING_AGREED,),
    PS.COMMITTED: (Outcome.COMMITTED,),
    PS.ACTIVE_PARTNER: (Outcome.COMMITTED, Outcome.RESPONDED),
    PS.DECLINED: (Outcome.DECLINED,),
    PS.DORMANT: (Outcome.NO_RESPONSE,),
}
# (channels, direction, subjects) for the n-th contact with a partner
OUTREACH_STEPS: tuple[tuple[tuple[Channel, ...], Direction, tuple[str, ...]], ...] = (
    ((Channel.LETTER, Channel.EMAIL), Direction.OUTBOUND,
     ("Invitation to join the coalition for dignified social services",
      "Letter: partnering on the {campaign}", "Request to meet about the grants backlog")),
    ((Channel.PHONE, Channel.WHATSAPP, Channel.SMS), Direction.OUTBOUND,
     ("Follow-up call on our letter", "Checking you received the coalition invitation",
      "Reminder: reply about the partnership")),
    ((Channel.EMAIL, Channel.PHONE, Channel.WHATSAPP), Direction.INBOUND,
     ("Reply: interested, please send more detail", "Reply: board will discuss",
      "Reply: happy to meet")),
    ((Channel.MEETING, Channel.BRIEFING, Channel.VISIT), Direction.OUTBOUND,
     ("Introductory meeting at their offices", "Briefing on the reform proposals",
      "Site visit to their service point")),
    ((Channel.THANK_YOU_NOTE, Channel.EMAIL), Direction.OUTBOUND,
     ("Thank you for meeting us", "Thank you for your commitment to the coalition")),
    ((Channel.EMAIL, Channel.WHATSAPP, Channel.PHONE, Channel.MEETING), Direction.OUTBOUND,
     ("Update on the coalition action plan", "Check-in on agreed resources",
      "Invitation to the steering committee")),
)
COMMUNITY_CONTACT = (
    (Channel.SMS, "Invitation to the town hall on social grants"),
    (Channel.WHATSAPP, "Reminder: community forum this Saturday"),
    (Channel.PHONE, "Call about their clinic experience"),
    (Channel.VISIT, "Door-to-door visit — petition and sign-up"),
    (Channel.SMS, "Thank you for signing the petition"),
    (Channel.WHATSAPP, "Voice note: march route and transport"),
)
CHANNEL_SUBJECTS = {
    Channel.EMAIL: "Coalition update by email", Channel.LETTER: "Letter: invitation to partner",
    Channel.PHONE: "Phone call about the coalition", Channel.VISIT: "Visit to their offices",
    Channel.BRIEFING: "Briefing on the reform proposals",
    Channel.MEETING: "Meeting about the action plan", Channel.SMS: "SMS reminder",
    Channel.WHATSAPP: "WhatsApp follow-up", Channel.THANK_YOU_NOTE: "Thank-you note",
}
INTERACTION_NOTES = (
    "Spoke to the personal assistant; director to call back.",
    "Very supportive; wants to bring two volunteers.",
    "Concerned about capacity before year-end.",
    "Asked for the one-page brief and our evidence on waiting times.",
    "Number went to voicemail; left a message.",
    "Agreed in principle; needs board approval.",
)
FOLLOW_UP_TEXT = (
    "Call {name} to confirm attendance",
    "Send {name} the one-page reform brief",
    "Ask {name} for the board's decision",
    "Share meeting minutes with {name}",
    "Confirm volunteers with {name}",
    "Post the thank-you letter to {name}",
)
CONSENT_SOURCES = ("event sign-in sheet", "WhatsApp opt-in", "phone call", "online form",
                   "paper form", "door-to-door visit")
CONSENT_WORDING = {
    "v1": "v1: I agree that SayPro may contact me by {channel} about the campaign.",
    "v2": "v2 (POPIA): I agree that SayPro may keep my details and contact me by {channel} "
          "about the social services campaign. I can withdraw at any time.",
}
CONSENT_CHANNELS = _Weighted([
    (ConsentChannel.SMS, 30), (ConsentChannel.WHATSAPP, 30), (ConsentChannel.EMAIL, 20),
    (ConsentChannel.PHONE, 10), (ConsentChannel.PHOTO, 5), (ConsentChannel.STORY, 3),
    (ConsentChannel.POST, 2),
])
SOURCE_WEIGHTS = _Weighted([(SignInSource.DESK, 5), (SignInSource.PAPER_SHEET, 4),
                            (SignInSource.IMPORT, 1)])


# --- the builder -----------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class _Org:
    id: str
    name: str
    category: SC
    stage: PS
    priority: Priority
    place: Place
    domain: str
    contacts: list[str]


@dataclass(slots=True, eq=False)
class _Partner:
    id: str
    first: str
    org: _Org


@dataclass(slots=True, eq=False)
class _EventInfo:
    id: str
    campaign_id: str
    starts_at: datetime
    province: str


class _Builder:
    def __init__(self, rng: random.Random, people: int, today: date) -> None:
        self.rng = rng
        self.people = people
        self.today = today
        self.n_orgs = max(40, people // 15)
        self.n_partners = min(max(int(people * 0.09), self.n_orgs), people // 2)
        self.orgs: list[_Org] = []
        self.partners: list[_Partner] = []
        self.person_ids: list[str] = []
        self.community_ids: list[str] = []
        self.tag_ids: list[str] = []
        self.campaigns: list[tuple[str, str, date, date]] = []  # id, name, start, end
        self.petitions: list[tuple[str, str]] = []  # id, campaign id
        self.events: list[_EventInfo] = []
        self.past_events: list[_EventInfo] = []
        self.events_by_province: dict[str, list[_EventInfo]] = {}
        self.emails: set[str] = set()
        self.phones: set[str] = set()
        self.org_names: set[str] = set()

    # -- dates -------------------------------------------------------------------------
    def day(self, back_from: int, back_to: int = 0) -> date:
        """A day between ``back_from`` and ``back_to`` days before the reference date."""
        return self.today - timedelta(days=self.rng.randint(back_to, back_from))

    def moment(self, day: date) -> datetime:
        return _at(day, self.rng.randint(8, 17), self.rng.choice((0, 15, 30, 45)))

    # -- foundations: everything that does not need people -----------------------------
    def write_foundations(self, w: _Writer) -> None:
        self.tag_ids = w.write(Tag, [{"name": n, "colour": c} for n, c in TAGS])
        self._write_campaigns(w)
        self._write_organisations(w)
        self._write_events(w)

    def _write_campaigns(self, w: _Writer) -> None:
        rng = self.rng
        specs = [("Dignity in Social Services Campaign 2025/26",
                  "Coalition campaign for faster grant appeals, properly staffed clinics and "
                  "safe shelters. Pre-campaign: build the coalition; campaign: town halls, "
                  "rallies and the petition; post-campaign (to end of March): follow-up with "
                  "policymakers until reforms are implemented.", 240)]
        if self.people >= 1000:
            specs.append(("Eastern Cape Care Workers' Stipend Campaign",
                          "Regional campaign with home-based care networks for fair, on-time "
                          "stipends for community health and care workers.", 150))
        campaigns: list[Row] = []
        for name, description, length in specs:
            campaigns.append({"name": name, "description": description,
                              "starts_on": self.today - timedelta(days=length),
                              "ends_on": self.today + timedelta(days=60)})
        ids = w.write(Campaign, campaigns)
        phases: list[Row] = []
        objectives: list[Row] = []
        objective_ids: list[str] = [new_id() for _ in range(len(ids) * 5)]
        kpis: list[Row] = []
        goal = max(500, round(self.people * 0.2, -2))
        for index, (campaign_id, row) in enumerate(zip(ids, campaigns, strict=True)):
            start: date = row["starts_on"]
            end: date = row["ends_on"]
            span = (end - start).days
            cut1 = start + timedelta(days=span * 3 // 10)
            cut2 = start + timedelta(days=span * 7 // 10)
            self.campaigns.append((campaign_id, row["name"], start, end))
            bounds = {CampaignPhase.PRE_CAMPAIGN: (start, cut1 - timedelta(days=1)),
                      CampaignPhase.CAMPAIGN: (cut1, cut2 - timedelta(days=1)),
                      CampaignPhase.POST_CAMPAIGN: (cut2, end)}
            for phase, (p_start, p_end) in bounds.items():
                phases.append({"campaign_id": campaign_id, "phase": phase.value,
                               "starts_on": p_start, "ends_on": p_end})
            plan = (
                (CampaignPhase.PRE_CAMPAIGN, "Recruit coalition partners",
                 "Sign up {n} organisations across at least 6 stakeholder categories",
                 "commitments_pledged", max(20, self.n_orgs // 4)),
                (CampaignPhase.PRE_CAMPAIGN, "Reach potential partners",
                 "Contact {n} potential partners by letter, email or phone",
                 "contacts_reached", max(60, self.n_orgs * 2 // 3)),
                (CampaignPhase.CAMPAIGN, "Collect petition signatures",
                 "Collect {n} signatures before the public hearing", "petition_signatures",
                 goal),
                (CampaignPhase.CAMPAIGN, "Hold community events",
                 "Hold {n} town halls, forums and rallies in at least 4 provinces",
                 "events_held", max(9, self.people // 400)),
                (CampaignPhase.POST_CAMPAIGN, "Advance the reforms",
                 "Move {n} reforms at least one stage forward by the end of March",
                 "reforms_advanced", 3),
            )
            for number, (phase, title, description, metric, target) in enumerate(plan):
                objective_id = objective_ids[index * 5 + number]
                objectives.append({"campaign_id": campaign_id, "phase": phase.value,
                                   "title": title, "description": description.format(n=target),
                                   "metric": metric, "target_value": float(target),
                                   "due_on": bounds[phase][1]})
                kpis.append({"campaign_id": campaign_id, "objective_id": objective_id,
                             "phase": phase.value, "metric": metric,
                             "target_value": float(target)})
            for phase, metric, target in (
                (CampaignPhase.CAMPAIGN, "meetings_held", 12 + rng.randint(0, 12)),
                (CampaignPhase.CAMPAIGN, "response_rate", 0.4),
                (CampaignPhase.CAMPAIGN, "media_reach", 250_000),
                (CampaignPhase.POST_CAMPAIGN, "commitments_delivered", max(10, self.n_orgs // 8)),
            ):
                kpis.append({"campaign_id": campaign_id, "phase": phase.value,
                             "metric": metric, "target_value": float(target)})
        w.write(CampaignPhaseRecord, phases)
        w.write(Objective, objectives, objective_ids)
        w.write(KpiTarget, kpis)
        petitions = []
        for campaign_id, name, _, _ in self.campaigns:
            petitions.append({
                "campaign_id": campaign_id,
                "title": "Fix the grants backlog and staff our clinics"
                if name.startswith("Dignity") else "Pay care workers on time",
                "text": "We, the undersigned residents, call on government to clear the "
                        "social grant appeal backlog within 30 days, staff every clinic in "
                        "our district, and fund shelters for survivors of violence.",
                "target": "Minister of Social Development and the Provincial MECs",
                "goal": int(goal),
            })
        petition_ids = w.write(Petition, petitions)
        self.petitions = [(pid, str(row["campaign_id"]))
                          for pid, row in zip(petition_ids, petitions, strict=True)]

    def _org_name(self, category: SC, place: Place, index: int) -> str:
        rng = self.rng
        for attempt in range(8):
            template = _one(rng, ORG_TEMPLATES[category])
            name = template.format(place=place.name, province=place.province,
                                   univ=_one(rng, UNIVERSITIES), n=rng.randint(1, 120),
                                   letter=_one(rng, "ABCDEFGHJK"))
            if attempt >= 4:
                name = (f"{name} — {_one(rng, STREETS)} branch" if place.name in name
                        else f"{name} ({place.name})")
            if name not in self.org_names:
                break
        else:
            name = f"{name} #{index}"
        self.org_names.add(name)
        return name

    def _write_organisations(self, w: _Writer) -> None:
        rng = self.rng
        categories = list(SC)
        stages = list(PS)
        rows: list[Row] = []
        ids = [new_id() for _ in range(self.n_orgs)]
        for index in range(self.n_orgs):
            if index == 0:
                category, name = SC.NONPROFIT, "SayPro — Community Engagement Team"
                place, stage, priority = PLACES[1], PS.ACTIVE_PARTNER, Priority.HIGH
                self.org_names.add(name)
            else:
                category = (categories[index - 1] if index <= len(categories)
                            else CATEGORY_WEIGHTS.pick(rng))
                place = PLACE_PICK.pick(rng)
                name = self._org_name(category, place, index)
                stage = (stages[index % len(stages)] if index < 3 * len(stages)
                         else STAGE_WEIGHTS.pick(rng))
                priority = PRIORITY_WEIGHTS.pick(rng)
            domain = _slug(name, 4) + ".example.org"
            focus_pool = CATEGORY_FOCUS.get(category, tuple(FocusArea))
            focus = rng.sample(list(focus_pool), k=min(len(focus_pool), rng.randint(1, 3)))
            language = NAME_GROUPS[GROUP_PICK[place.name].pick(rng)].language
            row: Row = {
                "name": name, "category": category.value,
                "focus_areas": ",".join(f.value for f in focus),
                "city": place.name, "province": place.province,
                "pipeline_stage": stage.value, "priority": priority.value,
                "expected_impact": _one(rng, IMPACT).format(n=rng.randint(2, 60) * 50),
                "strengths": "; ".join(s.format(language=language)
                                       for s in rng.sample(STRENGTHS, rng.randint(1, 3))),
            }
            if rng.random() < 0.75:
                row["resources_offered"] = "; ".join(rng.sample(RESOURCES, rng.randint(1, 3)))
            if rng.random() < 0.6:
                row["website"] = f"https://{domain}"
            if rng.random() < 0.7:
                row["email"] = f"{_one(rng, ('info', 'admin', 'office', 'hello'))}@{domain}"
            if rng.random() < 0.8:
                row["phone"] = f"+27{place.area_code}{rng.randint(0, 10 ** (9 - len(place.area_code)) - 1):0{9 - len(place.area_code)}d}"  # noqa: E501
            if rng.random() < 0.5:
                row["address"] = f"{rng.randint(1, 400)} {_one(rng, STREETS)}, {place.name}"
            if rng.random() < 0.2:
                row["notes"] = _one(rng, ORG_NOTES)
            rows.append(row)
            self.orgs.append(_Org(ids[index], name, category, stage, priority, place, domain, []))
        w.write(Organisation, rows, ids)
        # Scored assessments for organisations that have engaged with us.
        assessments: list[Row] = []
        for org in self.orgs:
            if org.stage in (PS.IDENTIFIED, PS.CONTACTED) or rng.random() < 0.3:
                continue
            base = {Priority.HIGH: 4, Priority.MEDIUM: 3, Priority.LOW: 2}[org.priority]
            scores = [min(5, max(1, base + rng.randint(-1, 1))) for _ in range(4)]
            assessments.append({
                "organisation_id": org.id, "assessed_on": self.day(200, 10),
                "shared_values": scores[0], "mission_alignment": scores[1],
                "operational_compatibility": scores[2], "expected_impact": scores[3],
                "notes": _one(rng, ("Strong alignment on grants access.",
                                    "Good fit, but limited staff capacity.",
                                    "Values match; operations differ (weekday-only).",
                                    None, None)),
            })
        w.write(Assessment, assessments)

    def _write_events(self, w: _Writer) -> None:
        rng = self.rng
        kinds = list(EventKind)
        n_events = max(len(kinds) + 3, self.people // 400)
        titles = {
            EventKind.TOWN_HALL: "Town hall: social grants and clinic queues",
            EventKind.RALLY: "Rally for dignified social services",
            EventKind.MARCH: "March to the Department of Social Development",
            EventKind.KICKOFF: "Coalition kickoff",
            EventKind.BRIEFING: "Partner briefing on the reform proposals",
            EventKind.WEBINAR: "Webinar: how to appeal a grant decision",
            EventKind.PUBLIC_HEARING: "Public hearing on the care workers' stipend",
            EventKind.COMMUNITY_FORUM: "Community forum: safety, shelters and services",
            EventKind.TRAINING: "Training: paralegal advice desk volunteers",
        }
        venues = ("Community Hall", "Civic Centre", "Multi-Purpose Centre", "Library Hall",
                  "Sports Ground", "Methodist Church Hall", "TVET College Auditorium")
        rows: list[Row] = []
        infos: list[_EventInfo] = []
        ids = [new_id() for _ in range(n_events)]
        for index in range(n_events):
            kind = kinds[index] if index < len(kinds) else _one(rng, kinds)
            campaign_id, _, start, _end = _one(rng, self.campaigns)
            place = PLACE_PICK.pick(rng)
            # Most events are behind us; about one in eight is still coming up.
            upcoming = index % 8 == 7
            day = (self.today + timedelta(days=rng.randint(3, 50)) if upcoming
                   else start + timedelta(days=rng.randint(14, max(15, (self.today - start).days
                                                                    - 2))))
            if kind in (EventKind.RALLY, EventKind.MARCH, EventKind.COMMUNITY_FORUM):
                day += timedelta(days=(5 - day.weekday()) % 7)  # Saturdays
            hour = {EventKind.WEBINAR: 18, EventKind.TOWN_HALL: 17}.get(kind, 10)
            starts_at = _at(day, hour)
            online = kind == EventKind.WEBINAR
            row: Row = {
                "campaign_id": campaign_id, "kind": kind.value,
                "title": f"{titles[kind]} — {place.name}" if not online else titles[kind],
                "starts_at": starts_at,
                "ends_at": starts_at + timedelta(hours=rng.choice((2, 3, 4))),
                "venue": "Online (Zoom)" if online else f"{place.name} {_one(rng, venues)}",
                "city": None if online else place.name,
                "capacity": rng.choice((50, 80, 120, 200, 300, 500, 1000)),
            }
            if rng.random() < 0.4:
                row["notes"] = _one(rng, (
                    "Interpreters booked (isiZulu and Sesotho).",
                    "Bring paper sign-in sheets in case the laptop battery dies.",
                    "Transport from the taxi rank arranged with partners.",
                    "Councillor confirmed attendance.",
                ))
            rows.append(row)
            info = _EventInfo(ids[index], campaign_id, starts_at, place.province)
            infos.append(info)
            if not upcoming and day < self.today:
                self.past_events.append(info)
                self.events_by_province.setdefault(place.province, []).append(info)
        w.write(Event, rows, ids)
        self.events = infos

    # -- people ------------------------------------------------------------------------
    def _phone(self) -> str:
        rng = self.rng
        while True:
            number = f"+27{_one(rng, MOBILE_PREFIXES)}{rng.randint(0, 9_999_999):07d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def _email(self, first: str, last: str, domain: str | None) -> str:
        rng = self.rng
        f, surname = _ascii(first) or "info", _ascii(last) or "mail"
        if domain is not None:
            local = f"{f}.{surname}" if rng.random() < 0.6 else f"{f[0]}{surname}"
        else:
            domain = _one(rng, EMAIL_DOMAINS)
            pattern = rng.randint(0, 4)
            local = (f"{f}.{surname}", f"{f}{surname}", f"{f[0]}{surname}",
                     f"{f}.{surname}{rng.randint(1, 99)}", f"{f}_{surname}")[pattern]
        email = f"{local}@{domain}"
        number = 2
        while email in self.emails:
            email = f"{local}{number}@{domain}"
            number += 1
        self.emails.add(email)
        return email

    def _person(self, org: _Org | None) -> tuple[Row, Place, str]:
        rng = self.rng
        place = org.place if org is not None and rng.random() < 0.8 else PLACE_PICK.pick(rng)
        group = NAME_GROUPS[GROUP_PICK[place.name].pick(rng)]
        first = _one(rng, group.first_names)
        surname_group = group if rng.random() < 0.9 else _one(rng, list(NAME_GROUPS.values()))
        last = _one(rng, surname_group.surnames)
        row: Row = {"first_name": first, "last_name": last, "city": place.name,
                    "province": place.province,
                    "language": "English" if rng.random() < LANGUAGE_EXTRA_ENGLISH
                    else group.language}
        if first in NICKNAMES and rng.random() < 0.4:
            row["preferred_name"] = NICKNAMES[first]
        if rng.random() < (0.97 if org else 0.9):
            row["phone"] = self._phone()
        if rng.random() < (0.9 if org else 0.5):
            at_org = org is not None and rng.random() < 0.7
            row["email"] = self._email(first, last, org.domain if at_org and org else None)
        if org is not None:
            row.update({
                "category": org.category.value, "organisation_id": org.id,
                "job_title": _one(rng, JOB_TITLES[org.category]),
                "pipeline_stage": org.stage.value,
                "priority": org.priority.value,
            })
        else:
            row["category"] = SC.COMMUNITY_MEMBER.value
            if rng.random() < 0.4:
                row["postal_code"] = place.postal_code
            if rng.random() < 0.15:
                row["address"] = f"{rng.randint(1, 9999)} {_one(rng, STREETS)}"
        if rng.random() < 0.06:
            row["notes"] = _one(rng, PERSON_NOTES)
        return row, place, first

    def write_people(self, w: _Writer, start: int, stop: int) -> None:
        rng = self.rng
        rows: list[Row] = []
        places: list[Place] = []
        affiliations: list[tuple[_Org, str]] = []
        for index in range(start, stop):
            org: _Org | None = None
            if index < self.n_partners:
                org = (self.orgs[index] if index < len(self.orgs)
                       else self.orgs[int(rng.random() ** 2 * len(self.orgs))])
            row, place, first = self._person(org)
            rows.append(row)
            places.append(place)
            if org is not None:
                affiliations.append((org, first))
        # Fresh rows: let the unit of work mint the ids (no history lookup needed).
        ids = w.write(Person, rows)
        new_partners: list[_Partner] = []
        for (org, first), person_id in zip(affiliations, ids, strict=False):
            org.contacts.append(person_id)
            new_partners.append(_Partner(person_id, first, org))
        self.partners.extend(new_partners)
        earlier = len(self.person_ids)
        self.person_ids.extend(ids)
        community = [pid for pid, row in zip(ids, rows, strict=True)
                     if "organisation_id" not in row]
        self.community_ids.extend(community)

        memberships: list[Row] = []
        referrals: list[Row] = []
        person_tags: list[Row] = []
        tag_link_ids: list[str] = []
        consents: list[Row] = []
        grassroots = [o for o in self.orgs if o.category in (
            SC.GRASSROOTS_GROUP, SC.FAITH_BASED, SC.YOUTH_STUDENT, SC.COMMUNITY_MEMBER,
            SC.NONPROFIT)]
        for offset, person_id in enumerate(ids):
            row = rows[offset]
            org_id = row.get("organisation_id")
            if org_id is not None:
                memberships.append({
                    "person_id": person_id, "organisation_id": org_id,
                    "role": _one(rng, (MembershipRole.STAFF, MembershipRole.DIRECTOR,
                                       MembershipRole.SPOKESPERSON, MembershipRole.STAFF,
                                       MembershipRole.BOARD)).value,
                    "title": row["job_title"], "started_on": self.day(3000, 200),
                })
            elif grassroots and rng.random() < 0.025:
                memberships.append({
                    "person_id": person_id, "organisation_id": _one(rng, grassroots).id,
                    "role": _one(rng, (MembershipRole.MEMBER, MembershipRole.VOLUNTEER)).value,
                    "started_on": self.day(900, 20),
                })
            if earlier + offset > 10 and rng.random() < 0.03:
                referrals.append({
                    "referrer_id": self.person_ids[rng.randrange(earlier + offset)],
                    "referred_id": person_id, "referred_on": self.day(230, 5),
                    "note": _one(rng, ("Neighbour; also waiting on a grant appeal.",
                                       "From the same church.", "Met at the clinic queue.",
                                       None)),
                })
            if rng.random() < 0.12:
                for tag_id in rng.sample(self.tag_ids, 1 if rng.random() < 0.7 else 2):
                    person_tags.append({"person_id": person_id, "tag_id": tag_id})
                    tag_link_ids.append(link_id("person_tag", person_id, tag_id))
            if rng.random() < 0.08:
                version = "v2" if rng.random() < 0.7 else "v1"
                picks = 2 if rng.random() < 0.3 else 1
                for channel in {CONSENT_CHANNELS.pick(rng): None for _ in range(picks)}:
                    consents.append({
                        "person_id": person_id, "channel": channel.value,
                        "status": (ConsentStatus.GIVEN if rng.random() < 0.92
                                   else ConsentStatus.WITHDRAWN).value,
                        "recorded_at": self.moment(self.day(240, 1)),
                        "source": _one(rng, CONSENT_SOURCES),
                        "wording": CONSENT_WORDING[version].format(channel=channel.label.lower()),
                    })
        w.write(Membership, memberships)
        w.write(Referral, referrals)
        w.write(PersonTag, person_tags, tag_link_ids)
        w.write(Consent, consents)
        self._write_outreach(w, new_partners, community, rows, ids)
        self._write_attendance(w, ids, places)

    def _write_outreach(self, w: _Writer, partners: list[_Partner], community: list[str],
                        rows: list[Row], ids: list[str]) -> None:
        rng = self.rng
        interactions: list[Row] = []
        follow_up_of: list[int] = []  # index into interactions of each follow-up
        follow_ups: list[Row] = []
        main_campaign = self.campaigns[0]
        first_by_id = {pid: row["first_name"] for pid, row in zip(ids, rows, strict=True)}

        def follow_up(person_id: str, org_id: str | None, interaction: int, due: date,
                      name: str) -> None:
            if due < self.today - timedelta(days=20):
                status = _one(rng, (TaskStatus.DONE, TaskStatus.DONE, TaskStatus.DONE,
                                    TaskStatus.CANCELLED, TaskStatus.OPEN))
            elif due < self.today:
                status = _one(rng, (TaskStatus.OPEN, TaskStatus.OPEN, TaskStatus.IN_PROGRESS,
                                    TaskStatus.DONE))
            else:
                status = _one(rng, (TaskStatus.OPEN, TaskStatus.OPEN, TaskStatus.IN_PROGRESS))
            follow_ups.append({
                "person_id": person_id, "organisation_id": org_id,
                "description": _one(rng, FOLLOW_UP_TEXT).format(name=name),
                "due_on": due, "status": status.value,
                "done_at": self.moment(due - timedelta(days=rng.randint(0, 3)))
                if status == TaskStatus.DONE else None,
            })
            follow_up_of.append(interaction)

        for partner in partners:
            org = partner.org
            low, high = STAGE_INTERACTIONS[org.stage]
            count = rng.randint(low, high)
            if count == 0:
                continue
            campaign = self.campaigns[0] if rng.random() < 0.8 else _one(rng, self.campaigns)
            day = self.today - timedelta(days=rng.randint(30 + 15 * count, 240))
            for step in range(count):
                channels, direction, subjects = OUTREACH_STEPS[min(step, len(OUTREACH_STEPS) - 1)]
                last = step == count - 1
                outcome = (_one(rng, STAGE_OUTCOME[org.stage]) if last
                           else (Outcome.RESPONDED if direction == Direction.INBOUND
                                 else _one(rng, (Outcome.NO_RESPONSE, Outcome.RESPONDED,
                                                 Outcome.INTERESTED))))
                occurred = self.moment(day)
                row: Row = {
                    "person_id": partner.id, "organisation_id": org.id,
                    "campaign_id": campaign[0], "channel": _one(rng, channels).value,
                    "direction": direction.value, "occurred_at": occurred,
                    "subject": _one(rng, subjects).format(campaign=campaign[1]),
                    "outcome": outcome.value,
                }
                if rng.random() < 0.15:
                    row["notes"] = _one(rng, INTERACTION_NOTES)
                if last and outcome in (Outcome.NO_RESPONSE, Outcome.FOLLOW_UP_NEEDED,
                                        Outcome.INTERESTED, Outcome.MEETING_AGREED):
                    due = day + timedelta(days=rng.randint(5, 21))
                    row["follow_up_due"] = due
                    follow_up(partner.id, org.id, len(interactions), due, partner.first)
                interactions.append(row)
                day = min(self.today, day + timedelta(days=rng.randint(4, 25)))
        for person_id in community:
            if rng.random() >= 0.05:
                continue
            channel, subject = _one(rng, COMMUNITY_CONTACT)
            day = self.day(235, 1)
            inbound = channel in (Channel.SMS, Channel.WHATSAPP) and rng.random() < 0.2
            outcome = _one(rng, (Outcome.RESPONDED, Outcome.NO_RESPONSE, Outcome.INTERESTED,
                                 Outcome.FOLLOW_UP_NEEDED, Outcome.DECLINED))
            row = {
                "person_id": person_id, "campaign_id": main_campaign[0],
                "channel": channel.value,
                "direction": (Direction.INBOUND if inbound else Direction.OUTBOUND).value,
                "occurred_at": self.moment(day), "subject": subject, "outcome": outcome.value,
            }
            if outcome == Outcome.FOLLOW_UP_NEEDED:
                due = day + timedelta(days=rng.randint(3, 14))
                row["follow_up_due"] = due
                follow_up(person_id, None, len(interactions), due, first_by_id[person_id])
            interactions.append(row)
        # Small demos still show every channel at least once.
        used = {row["channel"] for row in interactions}
        spare = [row for row in interactions if row.get("organisation_id")]
        for channel in Channel:
            if channel.value not in used and spare:
                row = spare.pop(int(rng.random() * len(spare)))
                row["channel"] = channel.value
                row["subject"] = CHANNEL_SUBJECTS[channel]
        interaction_ids = w.write(Interaction, interactions)
        for task, interaction in zip(follow_ups, follow_up_of, strict=True):
            task["interaction_id"] = interaction_ids[interaction]
        w.write(FollowUp, follow_ups)

    def _write_attendance(self, w: _Writer, ids: list[str], places: list[Place]) -> None:
        rng = self.rng
        sign_ins: list[Row] = []
        sign_in_ids: list[str] = []
        signatures: list[Row] = []
        signature_ids: list[str] = []
        if not self.past_events:
            return
        for person_id, place in zip(ids, places, strict=True):
            attended: list[tuple[_EventInfo, datetime, str]] = []
            if rng.random() < 0.13:
                local = self.events_by_province.get(place.province)
                picks = 2 if rng.random() < 0.15 else 1
                for _ in range(picks):
                    pool = local if local and rng.random() < 0.75 else self.past_events
                    event = _one(rng, pool)
                    if any(event is seen for seen, _, _ in attended):
                        continue
                    at = event.starts_at + timedelta(minutes=rng.randint(-20, 90))
                    source = SOURCE_WEIGHTS.pick(rng).value
                    consent = rng.random() < 0.75
                    sign_ins.append({
                        "event_id": event.id, "person_id": person_id, "signed_in_at": at,
                        "source": source, "walk_in": rng.random() < 0.35,
                        "consent_given": consent,
                        "consent_wording_version": ("v2" if event.starts_at.date()
                                                    > self.today - timedelta(days=150)
                                                    else "v1") if consent else None,
                    })
                    sign_in_ids.append(link_id("sign_in", event.id, person_id))
                    attended.append((event, at, source))
            if rng.random() < 0.09:
                petition_id, campaign_id = _one(rng, self.petitions)
                at_event = [a for a in attended if a[0].campaign_id == campaign_id]
                if at_event and rng.random() < 0.7:
                    event, at, source = at_event[0]
                    event_id: str | None = event.id
                else:
                    event_id, source = None, SOURCE_WEIGHTS.pick(rng).value
                    at = self.moment(self.day(200, 1))
                signatures.append({"petition_id": petition_id, "person_id": person_id,
                                   "event_id": event_id, "signed_at": at, "source": source})
                signature_ids.append(link_id("signature", petition_id, person_id))
        w.write(SignIn, sign_ins, sign_in_ids)
        w.write(Signature, signatures, signature_ids)

    # -- the coalition: needs people ---------------------------------------------------
    def write_coalition(self, w: _Writer) -> None:
        meetings = self._write_meetings(w)
        self._write_groups_and_commitments(w)
        self._write_reforms(w, meetings)
        self._write_voices(w, meetings)

    def _partner_pick(self, count: int, categories: Sequence[SC] | None = None) -> list[_Partner]:
        pool = self.partners if categories is None else [
            p for p in self.partners if p.org.category in categories]
        if not pool:
            pool = self.partners
        return self.rng.sample(pool, min(count, len(pool)))

    def _write_meetings(self, w: _Writer) -> list[tuple[str, MeetingKind, datetime]]:
        rng = self.rng
        kinds = list(MeetingKind)
        n_meetings = max(3 * len(kinds), self.people // 300)
        agendas = {
            MeetingKind.INTRODUCTORY: ("Introductions", "Who SayPro is and the campaign goals",
                                       "Where our missions overlap", "Next steps"),
            MeetingKind.BRIEFING: ("The evidence: waiting times and appeals",
                                   "The reform proposals", "Questions"),
            MeetingKind.STRATEGY_SESSION: ("Review of outreach so far", "Campaign phase plan",
                                           "Roles and resources per partner", "Risks"),
            MeetingKind.STEERING_COMMITTEE: ("Minutes of the previous meeting",
                                             "Working group reports", "Budget",
                                             "Decisions needed"),
            MeetingKind.WORKING_GROUP: ("Progress on action items", "Event logistics",
                                        "Media plan"),
            MeetingKind.POLICYMAKER_FOLLOW_UP: ("Progress since the last meeting",
                                                "Remaining gaps in the proposal",
                                                "Public support (petition, town halls)",
                                                "Agreed next steps"),
        }
        decisions = (
            "Coalition to hold a joint town hall before the hearing.",
            "Partners will share anonymised case data by the end of the month.",
            "Steering committee approves the petition wording (v2).",
            "Send a joint letter to the portfolio committee chair.",
            "Move the next rally to a Saturday so workers can attend.",
        )
        notes = (
            "Good turnout; partners agreed the action plan with owners and dates.",
            "Officials acknowledged the backlog but cited staffing shortages.",
            "Discussion on transport costs for volunteers; funding partner to advise.",
            "Councillor asked for ward-level numbers before committing.",
        )
        action_texts = (
            "Draft the joint letter to the portfolio committee",
            "Book the hall and confirm interpreters", "Share anonymised appeal data",
            "Prepare the one-page brief for officials", "Recruit marshals for the march",
            "Update the coalition contact list", "Arrange transport from the taxi rank",
            "Send minutes and decisions to all partners",
        )
        rows: list[Row] = []
        ids = [new_id() for _ in range(n_meetings)]
        attendees: list[Row] = []
        attendee_ids: list[str] = []
        actions: list[Row] = []
        result: list[tuple[str, MeetingKind, datetime]] = []
        for index in range(n_meetings):
            kind = kinds[index % len(kinds)] if index < 2 * len(kinds) else _one(rng, kinds)
            upcoming = index % 10 == 9
            day = (self.today + timedelta(days=rng.randint(2, 30)) if upcoming
                   else self.day(230, 1))
            while day.weekday() >= 5:
                day += timedelta(days=1)
            starts_at = _at(day, rng.choice((9, 10, 11, 14, 15)), rng.choice((0, 30)))
            if kind == MeetingKind.POLICYMAKER_FOLLOW_UP:
                people = self._partner_pick(rng.randint(1, 3), POLICY_CATEGORIES)
                title = f"Follow-up with {people[0].org.name}"
            elif kind == MeetingKind.INTRODUCTORY:
                people = self._partner_pick(rng.randint(1, 2))
                title = f"Introductory meeting: {people[0].org.name}"
            else:
                people = self._partner_pick(rng.randint(3, 9))
                title = {MeetingKind.BRIEFING: "Partner briefing on the reform proposals",
                         MeetingKind.STRATEGY_SESSION: "Coalition strategy session",
                         MeetingKind.STEERING_COMMITTEE: "Steering committee",
                         MeetingKind.WORKING_GROUP: "Working group meeting"}[kind]
                title = f"{title} ({starts_at:%d %b})"
            organiser = self.orgs[0].contacts[0] if self.orgs[0].contacts else None
            row: Row = {
                "campaign_id": self.campaigns[0][0], "kind": kind.value, "title": title,
                "starts_at": starts_at,
                "ends_at": starts_at + timedelta(minutes=rng.choice((45, 60, 90, 120))),
                "location": _one(rng, ("Online (Microsoft Teams)",
                                       f"{people[0].org.name} offices, {people[0].org.place.name}",
                                       "SayPro offices, Johannesburg",
                                       f"{people[0].org.place.name} Community Hall")),
                "agenda": "\n".join(f"{n}. {item}"
                                    for n, item in enumerate(agendas[kind], start=1)),
            }
            if not upcoming:
                row["notes"] = _one(rng, notes)
                row["decisions"] = _one(rng, decisions)
            rows.append(row)
            meeting_id = ids[index]
            result.append((meeting_id, kind, starts_at))
            present = [p.id for p in people]
            if organiser is not None and organiser not in present:
                present.append(organiser)
            for person_id in present:
                attendees.append({"meeting_id": meeting_id, "person_id": person_id,
                                  "attended": upcoming or rng.random() < 0.9})
                attendee_ids.append(link_id("meeting_attendee", meeting_id, person_id))
            if upcoming:
                continue
            for _ in range(rng.randint(1, 3)):
                owner = _one(rng, people)
                due = day + timedelta(days=rng.randint(5, 30))
                status = (_one(rng, (TaskStatus.DONE, TaskStatus.DONE, TaskStatus.CANCELLED,
                                     TaskStatus.OPEN))
                          if due < self.today - timedelta(days=14)
                          else _one(rng, (TaskStatus.OPEN, TaskStatus.IN_PROGRESS,
                                          TaskStatus.DONE)))
                actions.append({
                    "meeting_id": meeting_id, "owner_id": owner.id,
                    "organisation_id": owner.org.id, "description": _one(rng, action_texts),
                    "due_on": due, "status": status.value,
                    "resources": _one(rng, RESOURCES) if rng.random() < 0.4 else None,
                })
        w.write(Meeting, rows, ids)
        w.write(MeetingAttendee, attendees, attendee_ids)
        w.write(ActionItem, actions)
        return result

    def _write_groups_and_commitments(self, w: _Writer) -> None:
        rng = self.rng
        groups = (
            ("Steering Committee", "Sets direction, approves statements and the budget.", True),
            ("Policy & Research", "Evidence, briefs and the reform proposals.", False),
            ("Media & Communications", "Press releases, op-eds, radio and social media.", False),
            ("Community Mobilisation", "Door-to-door, town halls, rallies and the petition.",
             False),
            ("Events & Logistics", "Venues, transport, sound, interpreters and marshals.", False),
            ("Legal Strategy", "Grant appeals, PAJA reviews and public-hearing submissions.",
             False),
        )
        committed = [o for o in self.orgs if o.contacts and o.stage in (PS.COMMITTED,
                                                                        PS.ACTIVE_PARTNER)]
        rows: list[Row] = []
        members: list[Row] = []
        ids = [new_id() for _ in groups]
        for group_id, (name, purpose, steering) in zip(ids, groups, strict=True):
            pool = [p for p in self.partners if p.org in committed] or self.partners
            size = min(len(pool), rng.randint(7, 12) if steering else rng.randint(4, 9))
            chosen = rng.sample(pool, size)
            coordinator = chosen[0]
            rows.append({"name": name, "purpose": purpose, "is_steering_committee": steering,
                         "coordinator_id": coordinator.id})
            for position, partner in enumerate(chosen):
                role = (GroupRole.COORDINATOR if position == 0
                        else GroupRole.CHAIR if position == 1 and steering else GroupRole.MEMBER)
                members.append({"working_group_id": group_id, "person_id": partner.id,
                                "organisation_id": partner.org.id, "role": role.value})
        w.write(WorkingGroup, rows, ids)
        w.write(WorkingGroupMember, members)

        forced = [(kind, status) for kind in CommitmentKind
                  for status in (CommitmentStatus.PLEDGED, CommitmentStatus.DELIVERED)]
        commitments: list[Row] = []
        org_pool = committed or [o for o in self.orgs if o.contacts]
        descriptions = {
            CommitmentKind.JOIN_COALITION: "Joins the coalition and signs the charter",
            CommitmentKind.VOLUNTEERS: "Volunteers for door-to-door and marshals",
            CommitmentKind.MEETING_SPACE: "Hall for town halls and steering meetings",
            CommitmentKind.DATA: "Anonymised case data on grant appeals and clinic waits",
            CommitmentKind.FUNDING: "Grant towards transport and catering",
            CommitmentKind.MEDIA: "Airtime and coverage of coalition events",
            CommitmentKind.EVENT_HOSTING: "Hosts a community forum",
            CommitmentKind.ENDORSEMENT: "Public endorsement of the reform proposals",
            CommitmentKind.EXPERTISE: "Legal and research expertise for submissions",
        }
        extra = max(0, len(org_pool) * 3 // 2 - len(forced))
        plan = forced + [(_one(rng, list(CommitmentKind)), None) for _ in range(extra)]
        for index, (kind, status) in enumerate(plan):
            org = org_pool[index % len(org_pool)]
            if status is None:
                status = (CommitmentStatus.DELIVERED if org.stage == PS.ACTIVE_PARTNER
                          and rng.random() < 0.7 else
                          CommitmentStatus.WITHDRAWN if rng.random() < 0.05
                          else CommitmentStatus.PLEDGED)
            pledged = self.day(200, 20)
            amount = (float(rng.randint(1, 50) * 5000) if kind == CommitmentKind.FUNDING
                      else float(rng.randint(2, 40)) if kind == CommitmentKind.VOLUNTEERS
                      else None)
            commitments.append({
                "organisation_id": org.id, "person_id": _one(rng, org.contacts),
                "campaign_id": self.campaigns[0][0], "kind": kind.value,
                "description": descriptions[kind], "status": status.value, "amount": amount,
                "pledged_on": pledged,
                "delivered_on": pledged + timedelta(days=rng.randint(7, 60))
                if status == CommitmentStatus.DELIVERED else None,
            })
        for commitment in commitments:
            delivered = commitment["delivered_on"]
            if delivered is not None and delivered > self.today:
                commitment["delivered_on"] = self.today
        w.write(Commitment, commitments)
        # A few community leaders are assessed as individual partners.
        leaders = self._partner_pick(max(3, len(self.partners) // 40), (SC.COMMUNITY_LEADER,))
        w.write(Assessment, [{
            "person_id": p.id, "assessed_on": self.day(180, 5),
            "shared_values": rng.randint(3, 5), "mission_alignment": rng.randint(2, 5),
            "operational_compatibility": rng.randint(2, 5), "expected_impact": rng.randint(2, 5),
            "notes": "Individual partner: respected community leader.",
        } for p in leaders])

    def _write_reforms(self, w: _Writer,
                       meetings: list[tuple[str, MeetingKind, datetime]]) -> None:
        rng = self.rng
        reforms = (
            ("Grant appeals decided within 30 days",
             "Amend the Social Assistance Act regulations so appeals are decided within 30 "
             "days, with interim relief after 30 days.", GovernmentLevel.NATIONAL,
             ReformStage.IN_COMMITTEE, "Treasury cost concerns; backlog at the appeals tribunal."),
            ("Community health worker stipends paid on time",
             "Provincial norm: stipends paid by the 25th, with a formal employment pathway.",
             GovernmentLevel.PROVINCIAL, ReformStage.DRAFTED,
             "Budget cycle; unions and department disagree on employment status."),
            ("Indigent registration at clinics and SASSA offices",
             "Municipal indigent policy: register for free basic services where people "
             "already queue.", GovernmentLevel.LOCAL, ReformStage.IN_COMMITTEE,
             "Billing system cannot take registrations from outside the municipality."),
            ("Shelters for survivors of gender-based violence fully funded",
             "Ring-fenced provincial funding per bed, paid quarterly in advance.",
             GovernmentLevel.PROVINCIAL, ReformStage.TABLED, None),
            ("Mental health services at every district hospital",
             "A psychologist and a social worker at each district hospital.",
             GovernmentLevel.NATIONAL, ReformStage.IDEA, "Shortage of registered staff."),
            ("Ward-based early childhood subsidy registration",
             "Simplify registration of early childhood centres for the per-child subsidy.",
             GovernmentLevel.LOCAL, ReformStage.PASSED, None),
        )
        count = 4 if self.people < 1000 else len(reforms)
        rows = [{"campaign_id": self.campaigns[0][0], "title": title, "policy": policy,
                 "level": level.value, "stage": stage.value, "obstacles": obstacles}
                for title, policy, level, stage, obstacles in reforms[:count]]
        ids = w.write(Reform, rows)
        level_category = {GovernmentLevel.LOCAL: SC.POLICYMAKER_LOCAL,
                          GovernmentLevel.PROVINCIAL: SC.POLICYMAKER_PROVINCIAL,
                          GovernmentLevel.NATIONAL: SC.POLICYMAKER_NATIONAL}
        positions: list[Row] = []
        position_ids: list[str] = []
        weights = _Weighted([(PolicymakerPosition.CHAMPION, 1), (PolicymakerPosition.SUPPORTIVE,
                                                                   3),
                             (PolicymakerPosition.UNDECIDED, 5), (PolicymakerPosition.OPPOSED, 1)])
        for reform_id, spec in zip(ids, reforms, strict=False):
            for partner in self._partner_pick(rng.randint(4, 25), (level_category[spec[2]],)):
                positions.append({
                    "reform_id": reform_id, "person_id": partner.id,
                    "position": weights.pick(rng).value, "noted_on": self.day(200, 1),
                    "note": _one(rng, ("Said so in committee.", "Private conversation.",
                                       "Quoted in the press.", None)),
                })
                position_ids.append(link_id("reform_position", reform_id, partner.id))
        w.write(ReformPosition, positions, position_ids)
        linked = [m for m in meetings
                  if m[1] in (MeetingKind.POLICYMAKER_FOLLOW_UP, MeetingKind.BRIEFING)]
        links: list[Row] = []
        for meeting_id, _, _ in linked:
            for reform_id in rng.sample(ids, rng.randint(1, min(2, len(ids)))):
                links.append({"reform_id": reform_id, "meeting_id": meeting_id})
        w.write(ReformMeeting, links)

    def _write_voices(self, w: _Writer,
                      meetings: list[tuple[str, MeetingKind, datetime]]) -> None:
        rng = self.rng
        concern_text = {
            ConcernCategory.FUNDING: "Our soup kitchen lost its provincial subsidy in March.",
            ConcernCategory.ACCESS: "The SASSA office is 40 km away and taxis cost R90 return.",
            ConcernCategory.STAFFING: "One nurse for the whole clinic on Fridays.",
            ConcernCategory.POLICY_GAP: "No grant covers caregivers of adults with "
                                        "disabilities.",
            ConcernCategory.BUREAUCRACY: "Appeal forms lost twice; told to start again.",
            ConcernCategory.AWARENESS: "People don't know they can appeal a rejected grant.",
            ConcernCategory.SAFETY: "Women queue in the dark from 04:00 outside the office.",
            ConcernCategory.OTHER: "Meetings clash with church on Sundays.",
        }
        forced = [(c, s) for c in ConcernCategory for s in ConcernStatus]
        n_concerns = max(len(forced), self.people // 250)
        concerns: list[Row] = []
        for index in range(n_concerns):
            category, status = (forced[index] if index < len(forced)
                                else (_one(rng, list(ConcernCategory)),
                                      _one(rng, list(ConcernStatus))))
            row: Row = {"category": category.value, "description": concern_text[category],
                        "status": status.value, "raised_on": self.day(220, 1)}
            if rng.random() < 0.6 and self.community_ids:
                row["raised_by_id"] = _one(rng, self.community_ids)
            else:
                partner = _one(rng, self.partners)
                row["raised_by_id"] = partner.id
                row["organisation_id"] = partner.org.id
            where = rng.random()
            if where < 0.4 and self.past_events:
                event = _one(rng, self.past_events)
                row["event_id"] = event.id
                row["raised_on"] = event.starts_at.date()
            elif where < 0.6:
                meeting_id, _, starts_at = _one(rng, meetings)
                row["meeting_id"] = meeting_id
                row["raised_on"] = starts_at.date()
            concerns.append(row)
        w.write(Concern, concerns)

        outlets = ("Daily Sun", "Sowetan", "City Press", "GroundUp", "Isolezwe",
                   "Volksblad", "SABC News", "Jozi FM", "Umhlobo Wenene FM", "Lesedi FM",
                   "Mail & Guardian", "Daily Maverick", "Kasi Voices Online")
        media_titles = {
            MediaKind.PRESS_RELEASE: "Coalition of {n} organisations demands faster grant appeals",
            MediaKind.OP_ED: "Why a 30-day grant appeal is not too much to ask",
            MediaKind.COVERAGE: "Hundreds march to Social Development offices",
            MediaKind.INTERVIEW: "Morning show: organisers on the clinic queues",
            MediaKind.SOCIAL_POST: "Thread: what the petition asks for, in 6 languages",
        }
        kinds = list(MediaKind)
        media: list[Row] = []
        for index in range(max(2 * len(kinds), self.people // 2500)):
            kind = kinds[index % len(kinds)]
            published = self.day(200, 1)
            media.append({
                "campaign_id": _one(rng, self.campaigns)[0], "kind": kind.value,
                "title": media_titles[kind].format(n=max(12, len(self.orgs) // 10)),
                "outlet": None if kind == MediaKind.PRESS_RELEASE else _one(rng, outlets),
                "published_on": published,
                "url": f"https://news.example.org/{published:%Y/%m}/story-{index + 1}",
                "reach": rng.randint(2, 400) * 500,
            })
        w.write(MediaItem, media)

        story_titles = (
            ("Eight months waiting for a disability grant",
             "I applied in winter. Every visit they said the file was with head office..."),
            ("The clinic queue starts at four",
             "We leave home in the dark so we can be seen before the nurse goes home..."),
            ("How the advice office won my appeal",
             "The paralegal wrote the letter for me and came with me to the office..."),
            ("A grandmother raising five grandchildren",
             "The child support grant is all we have; when it stopped, we had nothing..."),
            ("From volunteer to organiser",
             "I came to the town hall to complain and left with a clipboard..."),
        )
        stories: list[Row] = []
        tellers = self.community_ids or [p.id for p in self.partners]
        for index in range(max(6, self.people // 1500)):
            title, body = story_titles[index % len(story_titles)]
            anonymised = index % 3 == 0
            stories.append({
                "person_id": _one(rng, tellers), "campaign_id": self.campaigns[0][0],
                "title": title, "body": body, "consent_given": index % 5 != 4,
                "anonymised": anonymised, "collected_on": self.day(210, 1),
            })
        w.write(Story, stories)

        askers = self.community_ids or self.person_ids
        erasures = [{"person_id": person_id, "requested_on": self.day(20, 0),
                     "status": ErasureStatus.REQUESTED.value}
                    for person_id in rng.sample(askers, min(len(askers),
                                                            max(1, self.people // 10_000)))]
        w.write(ErasureRequest, erasures)

