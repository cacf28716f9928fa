"""How every enum value is shown: one table of labels, translated in one place.

Stored values (``meeting_scheduled``) never reach the screen; ``label(PipelineStage.X)`` or
``label_of(PipelineStage, "meeting_scheduled")`` gives "Meeting scheduled" in the person's
language, and ``choices(PipelineStage)`` the (value, label) pairs for a combo box. A new
member of a ``Labelled`` enum gets its line here (a test checks every member has one).
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

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
    ObstacleKind,
    ObstacleStatus,
    Outcome,
    PipelineStage,
    PolicymakerPosition,
    Priority,
    ReformStage,
    SignInSource,
    StakeholderCategory,
    TaskStatus,
)
from saypro_desktop.ui.i18n import translate

CONTEXT = "Labels"
SC = StakeholderCategory

# QT_TRANSLATE_NOOP returns its text unchanged; it only marks it for lupdate.
LABELS: dict[type[Enum], dict[Any, object]] = {
    CampaignPhase: {
        CampaignPhase.PRE_CAMPAIGN: QT_TRANSLATE_NOOP("Labels", "Pre-campaign"),
        CampaignPhase.CAMPAIGN: QT_TRANSLATE_NOOP("Labels", "Campaign"),
        CampaignPhase.POST_CAMPAIGN: QT_TRANSLATE_NOOP("Labels", "Post-campaign"),
        CampaignPhase.CUSTOM: QT_TRANSLATE_NOOP("Labels", "Custom"),
    },
    Channel: {
        Channel.EMAIL: QT_TRANSLATE_NOOP("Labels", "Email"),
        Channel.LETTER: QT_TRANSLATE_NOOP("Labels", "Letter"),
        Channel.PHONE: QT_TRANSLATE_NOOP("Labels", "Phone"),
        Channel.VISIT: QT_TRANSLATE_NOOP("Labels", "Visit"),
        Channel.BRIEFING: QT_TRANSLATE_NOOP("Labels", "Briefing"),
        Channel.MEETING: QT_TRANSLATE_NOOP("Labels", "Meeting"),
        Channel.SMS: QT_TRANSLATE_NOOP("Labels", "SMS"),
        Channel.WHATSAPP: QT_TRANSLATE_NOOP("Labels", "WhatsApp"),
        Channel.THANK_YOU_NOTE: QT_TRANSLATE_NOOP("Labels", "Thank-you note"),
    },
    CommitmentKind: {
        CommitmentKind.JOIN_COALITION: QT_TRANSLATE_NOOP("Labels", "Join coalition"),
        CommitmentKind.VOLUNTEERS: QT_TRANSLATE_NOOP("Labels", "Volunteers"),
        CommitmentKind.MEETING_SPACE: QT_TRANSLATE_NOOP("Labels", "Meeting space"),
        CommitmentKind.DATA: QT_TRANSLATE_NOOP("Labels", "Data"),
        CommitmentKind.FUNDING: QT_TRANSLATE_NOOP("Labels", "Funding"),
        CommitmentKind.MEDIA: QT_TRANSLATE_NOOP("Labels", "Media"),
        CommitmentKind.EVENT_HOSTING: QT_TRANSLATE_NOOP("Labels", "Event hosting"),
        CommitmentKind.ENDORSEMENT: QT_TRANSLATE_NOOP("Labels", "Endorsement"),
        CommitmentKind.EXPERTISE: QT_TRANSLATE_NOOP("Labels", "Expertise"),
    },
    CommitmentStatus: {
        CommitmentStatus.PLEDGED: QT_TRANSLATE_NOOP("Labels", "Pledged"),
        CommitmentStatus.DELIVERED: QT_TRANSLATE_NOOP("Labels", "Delivered"),
        CommitmentStatus.WITHDRAWN: QT_TRANSLATE_NOOP("Labels", "Withdrawn"),
    },
    ConcernCategory: {
        ConcernCategory.FUNDING: QT_TRANSLATE_NOOP("Labels", "Funding"),
        ConcernCategory.ACCESS: QT_TRANSLATE_NOOP("Labels", "Access"),
        ConcernCategory.STAFFING: QT_TRANSLATE_NOOP("Labels", "Staffing"),
        ConcernCategory.POLICY_GAP: QT_TRANSLATE_NOOP("Labels", "Policy gap"),
        ConcernCategory.BUREAUCRACY: QT_TRANSLATE_NOOP("Labels", "Bureaucracy"),
        ConcernCategory.AWARENESS: QT_TRANSLATE_NOOP("Labels", "Awareness"),
        ConcernCategory.SAFETY: QT_TRANSLATE_NOOP("Labels", "Safety"),
        ConcernCategory.OTHER: QT_TRANSLATE_NOOP("Labels", "Other"),
    },
    ConcernStatus: {
        ConcernStatus.RAISED: QT_TRANSLATE_NOOP("Labels", "Raised"),
        ConcernStatus.ACKNOWLEDGED: QT_TRANSLATE_NOOP("Labels", "Acknowledged"),
        ConcernStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("Labels", "In progress"),
        ConcernStatus.RESOLVED: QT_TRANSLATE_NOOP("Labels", "Resolved"),
    },
    ConsentChannel: {
        ConsentChannel.EMAIL: QT_TRANSLATE_NOOP("Labels", "Email"),
        ConsentChannel.PHONE: QT_TRANSLATE_NOOP("Labels", "Phone"),
        ConsentChannel.SMS: QT_TRANSLATE_NOOP("Labels", "SMS"),
        ConsentChannel.WHATSAPP: QT_TRANSLATE_NOOP("Labels", "WhatsApp"),
        ConsentChannel.POST: QT_TRANSLATE_NOOP("Labels", "Post"),
        ConsentChannel.PHOTO: QT_TRANSLATE_NOOP("Labels", "Photo"),
        ConsentChannel.STORY: QT_TRANSLATE_NOOP("Labels", "Story"),
    },
    ConsentStatus: {
        ConsentStatus.GIVEN: QT_TRANSLATE_NOOP("Labels", "Given"),
        ConsentStatus.WITHDRAWN: QT_TRANSLATE_NOOP("Labels", "Withdrawn"),
    },
    Direction: {
        Direction.OUTBOUND: QT_TRANSLATE_NOOP("Labels", "Outbound"),
        Direction.INBOUND: QT_TRANSLATE_NOOP("Labels", "Inbound"),
    },
    ErasureStatus: {
        ErasureStatus.REQUESTED: QT_TRANSLATE_NOOP("Labels", "Requested"),
        ErasureStatus.DONE: QT_TRANSLATE_NOOP("Labels", "Done"),
    },
    EventKind: {
        EventKind.TOWN_HALL: QT_TRANSLATE_NOOP("Labels", "Town hall"),
        EventKind.RALLY: QT_TRANSLATE_NOOP("Labels", "Rally"),
        EventKind.MARCH: QT_TRANSLATE_NOOP("Labels", "March"),
        EventKind.KICKOFF: QT_TRANSLATE_NOOP("Labels", "Kick-off"),
        EventKind.BRIEFING: QT_TRANSLATE_NOOP("Labels", "Briefing"),
        EventKind.WEBINAR: QT_TRANSLATE_NOOP("Labels", "Webinar"),
        EventKind.PUBLIC_HEARING: QT_TRANSLATE_NOOP("Labels", "Public hearing"),
        EventKind.COMMUNITY_FORUM: QT_TRANSLATE_NOOP("Labels", "Community forum"),
        EventKind.TRAINING: QT_TRANSLATE_NOOP("Labels", "Training"),
    },
    FocusArea: {
        FocusArea.HEALTHCARE: QT_TRANSLATE_NOOP("Labels", "Healthcare"),
        FocusArea.MENTAL_HEALTH: QT_TRANSLATE_NOOP("Labels", "Mental health"),
        FocusArea.HOUSING: QT_TRANSLATE_NOOP("Labels", "Housing"),
        FocusArea.EDUCATION: QT_TRANSLATE_NOOP("Labels", "Education"),
        FocusArea.FOOD_SECURITY: QT_TRANSLATE_NOOP("Labels", "Food security"),
        FocusArea.JUSTICE: QT_TRANSLATE_NOOP("Labels", "Justice"),
        FocusArea.CHILD_WELFARE: QT_TRANSLATE_NOOP("Labels", "Child welfare"),
        FocusArea.DISABILITY: QT_TRANSLATE_NOOP("Labels", "Disability"),
        FocusArea.EMPLOYMENT: QT_TRANSLATE_NOOP("Labels", "Employment"),
        FocusArea.SOCIAL_GRANTS: QT_TRANSLATE_NOOP("Labels", "Social grants"),
    },
    GovernmentLevel: {
        GovernmentLevel.LOCAL: QT_TRANSLATE_NOOP("Labels", "Local"),
        GovernmentLevel.PROVINCIAL: QT_TRANSLATE_NOOP("Labels", "Provincial"),
        GovernmentLevel.NATIONAL: QT_TRANSLATE_NOOP("Labels", "National"),
    },
    GroupRole: {
        GroupRole.COORDINATOR: QT_TRANSLATE_NOOP("Labels", "Coordinator"),
        GroupRole.CHAIR: QT_TRANSLATE_NOOP("Labels", "Chair"),
        GroupRole.MEMBER: QT_TRANSLATE_NOOP("Labels", "Member"),
    },
    MediaKind: {
        MediaKind.PRESS_RELEASE: QT_TRANSLATE_NOOP("Labels", "Press release"),
        MediaKind.OP_ED: QT_TRANSLATE_NOOP("Labels", "Op-ed"),
        MediaKind.COVERAGE: QT_TRANSLATE_NOOP("Labels", "Coverage"),
        MediaKind.INTERVIEW: QT_TRANSLATE_NOOP("Labels", "Interview"),
        MediaKind.SOCIAL_POST: QT_TRANSLATE_NOOP("Labels", "Social post"),
    },
    MeetingKind: {
        MeetingKind.INTRODUCTORY: QT_TRANSLATE_NOOP("Labels", "Introductory"),
        MeetingKind.BRIEFING: QT_TRANSLATE_NOOP("Labels", "Briefing"),
        MeetingKind.STRATEGY_SESSION: QT_TRANSLATE_NOOP("Labels", "Strategy session"),
        MeetingKind.STEERING_COMMITTEE: QT_TRANSLATE_NOOP("Labels", "Steering committee"),
        MeetingKind.WORKING_GROUP: QT_TRANSLATE_NOOP("Labels", "Working group"),
        MeetingKind.POLICYMAKER_FOLLOW_UP: QT_TRANSLATE_NOOP("Labels", "Policymaker follow-up"),
    },
    MembershipRole: {
        MembershipRole.STAFF: QT_TRANSLATE_NOOP("Labels", "Staff"),
        MembershipRole.DIRECTOR: QT_TRANSLATE_NOOP("Labels", "Director"),
        MembershipRole.BOARD: QT_TRANSLATE_NOOP("Labels", "Board"),
        MembershipRole.MEMBER: QT_TRANSLATE_NOOP("Labels", "Member"),
        MembershipRole.VOLUNTEER: QT_TRANSLATE_NOOP("Labels", "Volunteer"),
        MembershipRole.SPOKESPERSON: QT_TRANSLATE_NOOP("Labels", "Spokesperson"),
    },
    ObstacleKind: {
        ObstacleKind.POLITICAL_RESISTANCE: QT_TRANSLATE_NOOP("Labels", "Political resistance"),
        ObstacleKind.FUNDING: QT_TRANSLATE_NOOP("Labels", "Funding"),
        ObstacleKind.LEGAL_CONSTRAINTS: QT_TRANSLATE_NOOP("Labels", "Legal constraints"),
        ObstacleKind.OTHER: QT_TRANSLATE_NOOP("Labels", "Other"),
    },
    ObstacleStatus: {
        ObstacleStatus.OPEN: QT_TRANSLATE_NOOP("Labels", "Open"),
        ObstacleStatus.BEING_ADDRESSED: QT_TRANSLATE_NOOP("Labels", "Being addressed"),
        ObstacleStatus.OVERCOME: QT_TRANSLATE_NOOP("Labels", "Overcome"),
    },
    Outcome: {
        Outcome.NO_RESPONSE: QT_TRANSLATE_NOOP("Labels", "No response"),
        Outcome.RESPONDED: QT_TRANSLATE_NOOP("Labels", "Responded"),
        Outcome.INTERESTED: QT_TRANSLATE_NOOP("Labels", "Interested"),
        Outcome.MEETING_AGREED: QT_TRANSLATE_NOOP("Labels", "Meeting agreed"),
        Outcome.COMMITTED: QT_TRANSLATE_NOOP("Labels", "Committed"),
        Outcome.DECLINED: QT_TRANSLATE_NOOP("Labels", "Declined"),
        Outcome.FOLLOW_UP_NEEDED: QT_TRANSLATE_NOOP("Labels", "Follow-up needed"),
    },
    PipelineStage: {
        PipelineStage.IDENTIFIED: QT_TRANSLATE_NOOP("Labels", "Identified"),
        PipelineStage.CONTACTED: QT_TRANSLATE_NOOP("Labels", "Contacted"),
        PipelineStage.RESPONDED: QT_TRANSLATE_NOOP("Labels", "Responded"),
        PipelineStage.MEETING_SCHEDULED: QT_TRANSLATE_NOOP("Labels", "Meeting scheduled"),
        PipelineStage.COMMITTED: QT_TRANSLATE_NOOP("Labels", "Committed"),
        PipelineStage.ACTIVE_PARTNER: QT_TRANSLATE_NOOP("Labels", "Active partner"),
        PipelineStage.DECLINED: QT_TRANSLATE_NOOP("Labels", "Declined"),
        PipelineStage.DORMANT: QT_TRANSLATE_NOOP("Labels", "Dormant"),
    },
    PolicymakerPosition: {
        PolicymakerPosition.CHAMPION: QT_TRANSLATE_NOOP("Labels", "Champion"),
        PolicymakerPosition.SUPPORTIVE: QT_TRANSLATE_NOOP("Labels", "Supportive"),
        PolicymakerPosition.UNDECIDED: QT_TRANSLATE_NOOP("Labels", "Undecided"),
        PolicymakerPosition.OPPOSED: QT_TRANSLATE_NOOP("Labels", "Opposed"),
    },
    Priority: {
        Priority.HIGH: QT_TRANSLATE_NOOP("Labels", "High"),
        Priority.MEDIUM: QT_TRANSLATE_NOOP("Labels", "Medium"),
        Priority.LOW: QT_TRANSLATE_NOOP("Labels", "Low"),
    },
    ReformStage: {
        ReformStage.IDEA: QT_TRANSLATE_NOOP("Labels", "Idea"),
        ReformStage.DRAFTED: QT_TRANSLATE_NOOP("Labels", "Drafted"),
        ReformStage.TABLED: QT_TRANSLATE_NOOP("Labels", "Tabled"),
        ReformStage.IN_COMMITTEE: QT_TRANSLATE_NOOP("Labels", "In committee"),
        ReformStage.PASSED: QT_TRANSLATE_NOOP("Labels", "Passed"),
        ReformStage.IMPLEMENTED: QT_TRANSLATE_NOOP("Labels", "Implemented"),
        ReformStage.STALLED: QT_TRANSLATE_NOOP("Labels", "Stalled"),
        ReformStage.WITHDRAWN: QT_TRANSLATE_NOOP("Labels", "Withdrawn"),
    },
    SignInSource: {
        SignInSource.DESK: QT_TRANSLATE_NOOP("Labels", "Desk"),
        SignInSource.PAPER_SHEET: QT_TRANSLATE_NOOP("Labels", "Paper sheet"),
        SignInSource.IMPORT: QT_TRANSLATE_NOOP("Labels", "Import"),
    },
    StakeholderCategory: {
        SC.SOCIAL_SERVICE_PROVIDER: QT_TRANSLATE_NOOP("Labels", "Social service provider"),
        SC.NONPROFIT: QT_TRANSLATE_NOOP("Labels", "Nonprofit"),
        SC.ADVOCACY_GROUP: QT_TRANSLATE_NOOP("Labels", "Advocacy group"),
        SC.GRASSROOTS_GROUP: QT_TRANSLATE_NOOP("Labels", "Grassroots group"),
        SC.LEGAL_AID: QT_TRANSLATE_NOOP("Labels", "Legal aid"),
        SC.PUBLIC_HEALTH: QT_TRANSLATE_NOOP("Labels", "Public health"),
        SC.FAITH_BASED: QT_TRANSLATE_NOOP("Labels", "Faith-based"),
        SC.YOUTH_STUDENT: QT_TRANSLATE_NOOP("Labels", "Youth / student group"),
        SC.COMMUNITY_LEADER: QT_TRANSLATE_NOOP("Labels", "Community leader"),
        SC.POLICYMAKER_LOCAL: QT_TRANSLATE_NOOP("Labels", "Policymaker (local)"),
        SC.POLICYMAKER_PROVINCIAL: QT_TRANSLATE_NOOP("Labels", "Policymaker (provincial)"),
        SC.POLICYMAKER_NATIONAL: QT_TRANSLATE_NOOP("Labels", "Policymaker (national)"),
        SC.REGULATOR: QT_TRANSLATE_NOOP("Labels", "Regulator"),
        SC.ACADEMIC: QT_TRANSLATE_NOOP("Labels", "Academic / think tank"),
        SC.CORPORATE: QT_TRANSLATE_NOOP("Labels", "Corporate / CSR"),
        SC.PHILANTHROPY: QT_TRANSLATE_NOOP("Labels", "Philanthropy / foundation"),
        SC.MEDIA: QT_TRANSLATE_NOOP("Labels", "Media"),
        SC.COMMUNITY_MEMBER: QT_TRANSLATE_NOOP("Labels", "Community member"),
    },
    TaskStatus: {
        TaskStatus.OPEN: QT_TRANSLATE_NOOP("Labels", "Open"),
        TaskStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("Labels", "In progress"),
        TaskStatus.DONE: QT_TRANSLATE_NOOP("Labels", "Done"),
        TaskStatus.CANCELLED: QT_TRANSLATE_NOOP("Labels", "Cancelled"),
    },
}


def label(member: Enum) -> str:
    """The translated label of one enum member."""
    text = LABELS.get(type(member), {}).get(member)
    if text is None:  # not in the table yet: the domain's English label, untranslated
        return str(getattr(member, "label", member.name.replace("_", " ").capitalize()))
    return translate(CONTEXT, str(text))


def label_of(enum: type[Enum], value: str | None) -> str:
    """The label of a stored value; "" for none, the value itself only if no member has it
    (a value written by a newer version of the app)."""
    if not value:
        return ""
    try:
        return label(enum(value))
    except ValueError:
        return value


def choices(enum: type[Enum]) -> list[tuple[str, str]]:
    """(stored value, translated label) for every member, in declaration order."""
    return [(str(member.value), label(member)) for member in enum]
