"""The vocabularies of the campaign playbooks, stored as plain strings.

Values are stored as their ``value`` so a database written by a newer version
with an extra choice still opens: unknown values are kept, only shown as-is.
"""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    """A string enum whose members carry a human label."""

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]

    @classmethod
    def label_for(cls, value: str) -> str:
        """The label of a stored value, or the value in words if no member has it (written
        by a newer version of the app)."""
        try:
            return cls(value).label
        except ValueError:
            return value.replace("_", " ").capitalize()


class StakeholderCategory(Labelled):
    SOCIAL_SERVICE_PROVIDER = "social_service_provider"
    NONPROFIT = "nonprofit"
    ADVOCACY_GROUP = "advocacy_group"
    GRASSROOTS_GROUP = "grassroots_group"
    LEGAL_AID = "legal_aid"
    PUBLIC_HEALTH = "public_health"
    FAITH_BASED = "faith_based"
    YOUTH_STUDENT = "youth_student"
    COMMUNITY_LEADER = "community_leader"
    POLICYMAKER_LOCAL = "policymaker_local"
    POLICYMAKER_PROVINCIAL = "policymaker_provincial"
    POLICYMAKER_NATIONAL = "policymaker_national"
    REGULATOR = "regulator"
    ACADEMIC = "academic"
    CORPORATE = "corporate"
    PHILANTHROPY = "philanthropy"
    MEDIA = "media"
    COMMUNITY_MEMBER = "community_member"

    @property
    def label(self) -> str:
        return _CATEGORY_LABELS.get(self, super().label)


_CATEGORY_LABELS = {
    StakeholderCategory.SOCIAL_SERVICE_PROVIDER: "Social service provider",
    StakeholderCategory.YOUTH_STUDENT: "Youth / student group",
    StakeholderCategory.POLICYMAKER_LOCAL: "Policymaker (local)",
    StakeholderCategory.POLICYMAKER_PROVINCIAL: "Policymaker (provincial)",
    StakeholderCategory.POLICYMAKER_NATIONAL: "Policymaker (national)",
    StakeholderCategory.ACADEMIC: "Academic / think tank",
    StakeholderCategory.CORPORATE: "Corporate / CSR",
    StakeholderCategory.PHILANTHROPY: "Philanthropy / foundation",
}


class FocusArea(Labelled):
    HEALTHCARE = "healthcare"
    MENTAL_HEALTH = "mental_health"
    HOUSING = "housing"
    EDUCATION = "education"
    FOOD_SECURITY = "food_security"
    JUSTICE = "justice"
    CHILD_WELFARE = "child_welfare"
    DISABILITY = "disability"
    EMPLOYMENT = "employment"
    SOCIAL_GRANTS = "social_grants"


class PipelineStage(Labelled):
    IDENTIFIED = "identified"
    CONTACTED = "contacted"
    RESPONDED = "responded"
    MEETING_SCHEDULED = "meeting_scheduled"
    COMMITTED = "committed"
    ACTIVE_PARTNER = "active_partner"
    DECLINED = "declined"
    DORMANT = "dormant"


class Priority(Labelled):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Channel(Labelled):
    EMAIL = "email"
    LETTER = "letter"
    PHONE = "phone"
    VISIT = "visit"
    BRIEFING = "briefing"
    MEETING = "meeting"
    SMS = "sms"
    WHATSAPP = "whatsapp"
    THANK_YOU_NOTE = "thank_you_note"

    @property
    def label(self) -> str:
        return {"sms": "SMS", "whatsapp": "WhatsApp"}.get(self.value, super().label)


class Direction(Labelled):
    OUTBOUND = "outbound"
    INBOUND = "inbound"


class Outcome(Labelled):
    NO_RESPONSE = "no_response"
    RESPONDED = "responded"
    INTERESTED = "interested"
    MEETING_AGREED = "meeting_agreed"
    COMMITTED = "committed"
    DECLINED = "declined"
    FOLLOW_UP_NEEDED = "follow_up_needed"


class TaskStatus(Labelled):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class MeetingKind(Labelled):
    INTRODUCTORY = "introductory"
    BRIEFING = "briefing"
    STRATEGY_SESSION = "strategy_session"
    STEERING_COMMITTEE = "steering_committee"
    WORKING_GROUP = "working_group"
    POLICYMAKER_FOLLOW_UP = "policymaker_follow_up"


class CommitmentKind(Labelled):
    JOIN_COALITION = "join_coalition"
    VOLUNTEERS = "volunteers"
    MEETING_SPACE = "meeting_space"
    DATA = "data"
    FUNDING = "funding"
    MEDIA = "media"
    EVENT_HOSTING = "event_hosting"
    ENDORSEMENT = "endorsement"
    EXPERTISE = "expertise"


class CommitmentStatus(Labelled):
    PLEDGED = "pledged"
    DELIVERED = "delivered"
    WITHDRAWN = "withdrawn"


class EventKind(Labelled):
    TOWN_HALL = "town_hall"
    RALLY = "rally"
    MARCH = "march"
    KICKOFF = "kickoff"
    BRIEFING = "briefing"
    WEBINAR = "webinar"
    PUBLIC_HEARING = "public_hearing"
    COMMUNITY_FORUM = "community_forum"
    TRAINING = "training"


class SignInSource(Labelled):
    DESK = "desk"
    PAPER_SHEET = "paper_sheet"
    IMPORT = "import"


class CampaignPhase(Labelled):
    PRE_CAMPAIGN = "pre_campaign"
    CAMPAIGN = "campaign"
    POST_CAMPAIGN = "post_campaign"
    CUSTOM = "custom"

    @property
    def label(self) -> str:
        return {"pre_campaign": "Pre-campaign", "post_campaign": "Post-campaign"}.get(
            self.value, super().label)


class ConcernCategory(Labelled):
    FUNDING = "funding"
    ACCESS = "access"
    STAFFING = "staffing"
    POLICY_GAP = "policy_gap"
    BUREAUCRACY = "bureaucracy"
    AWARENESS = "awareness"
    SAFETY = "safety"
    OTHER = "other"


class ConcernStatus(Labelled):
    RAISED = "raised"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"


class GovernmentLevel(Labelled):
    LOCAL = "local"
    PROVINCIAL = "provincial"
    NATIONAL = "national"


class ReformStage(Labelled):
    IDEA = "idea"
    DRAFTED = "drafted"
    TABLED = "tabled"
    IN_COMMITTEE = "in_committee"
    PASSED = "passed"
    IMPLEMENTED = "implemented"
    STALLED = "stalled"
    WITHDRAWN = "withdrawn"

    @classmethod
    def read(cls, value: str) -> ReformStage | None:
        """The stage a stored value means, including values written by older versions."""
        value = LEGACY_STAGES.get(value, value)
        try:
            return cls(value)
        except ValueError:
            return None

    @property
    def is_forward(self) -> bool:
        """Stages on the way to implementation (stalled and withdrawn are not)."""
        return self not in (ReformStage.STALLED, ReformStage.WITHDRAWN)


# Stages older versions stored, read as the stage they meant.
LEGACY_STAGES = {
    "proposed": "idea",
    "drafting": "drafted",
    "committee": "in_committee",
    "public_comment": "in_committee",
    "rejected": "withdrawn",
}
# Order on the way to implementation (a move "forward" goes up this list).
REFORM_PROGRESS = {stage: index for index, stage in enumerate(
    (ReformStage.IDEA, ReformStage.DRAFTED, ReformStage.TABLED, ReformStage.IN_COMMITTEE,
     ReformStage.PASSED, ReformStage.IMPLEMENTED))}


class PolicymakerPosition(Labelled):
    CHAMPION = "champion"
    SUPPORTIVE = "supportive"
    UNDECIDED = "undecided"
    OPPOSED = "opposed"

    @classmethod
    def read(cls, value: str) -> PolicymakerPosition | None:
        """The position a stored value means; older versions also stored "unknown"."""
        value = {"unknown": "undecided"}.get(value, value)
        try:
            return cls(value)
        except ValueError:
            return None


class ObstacleKind(Labelled):
    POLITICAL_RESISTANCE = "political_resistance"
    FUNDING = "funding"
    LEGAL_CONSTRAINTS = "legal_constraints"
    OTHER = "other"


class ObstacleStatus(Labelled):
    OPEN = "open"
    BEING_ADDRESSED = "being_addressed"
    OVERCOME = "overcome"


class MediaKind(Labelled):
    PRESS_RELEASE = "press_release"
    OP_ED = "op_ed"
    COVERAGE = "coverage"
    INTERVIEW = "interview"
    SOCIAL_POST = "social_post"

    @property
    def label(self) -> str:
        return {"op_ed": "Op-ed"}.get(self.value, super().label)


class ConsentChannel(Labelled):
    EMAIL = "email"
    PHONE = "phone"
    SMS = "sms"
    WHATSAPP = "whatsapp"
    POST = "post"
    PHOTO = "photo"
    STORY = "story"


class ConsentStatus(Labelled):
    GIVEN = "given"
    WITHDRAWN = "withdrawn"


class ErasureStatus(Labelled):
    REQUESTED = "requested"
    DONE = "done"


class MembershipRole(Labelled):
    STAFF = "staff"
    DIRECTOR = "director"
    BOARD = "board"
    MEMBER = "member"
    VOLUNTEER = "volunteer"
    SPOKESPERSON = "spokesperson"


class GroupRole(Labelled):
    COORDINATOR = "coordinator"
    CHAIR = "chair"
    MEMBER = "member"
