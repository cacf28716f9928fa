"""SQLAlchemy 2 typed models for everything the organisers keep.

Every synced table uses ``Synced``: a UUID key that never clashes between
laptops, created/updated stamps, the device that last wrote the row, and a
``deleted_at`` tombstone instead of a hard delete. Enumerated values are plain
strings (see domain.enums) so a value from a newer version is kept, not refused.
Rows are written only through services.unit_of_work, which records every change
as an operation in ``changes`` for sync.
"""

from __future__ import annotations

from saypro_desktop.db.models.base import SYNC_COLUMNS, Base, Synced
from saypro_desktop.db.models.campaign import (
    Campaign,
    CampaignPhaseRecord,
    Concern,
    KpiTarget,
    MediaItem,
    Objective,
    Reform,
    ReformConcern,
    ReformMedia,
    ReformMeeting,
    ReformMove,
    ReformObstacle,
    ReformPosition,
    ReformPositionChange,
    Story,
)
from saypro_desktop.db.models.coalition import (
    CoalitionProfile,
    Commitment,
    WorkingGroup,
    WorkingGroupMember,
)
from saypro_desktop.db.models.events import (
    Event,
    EventRsvp,
    Petition,
    Signature,
    SignIn,
)
from saypro_desktop.db.models.figures import PersonFirstSeen
from saypro_desktop.db.models.local import (
    AppliedBundle,
    Change,
    DeviceProgress,
    DuplicateCandidate,
    LocalSetting,
    LogName,
    OpBatch,
    OpenConflict,
    OpSeal,
    PeerAck,
    PendingRow,
    RosterDevice,
    Superseded,
)
from saypro_desktop.db.models.meetings import (
    ActionItem,
    Meeting,
    MeetingAttendee,
    MeetingOrganisation,
)
from saypro_desktop.db.models.outreach import (
    FollowUp,
    Interaction,
)
from saypro_desktop.db.models.partnership import (
    Assessment,
    StageMove,
)
from saypro_desktop.db.models.privacy import (
    Consent,
    ErasureRequest,
)
from saypro_desktop.db.models.stakeholders import (
    Membership,
    Organisation,
    OrganisationDuplicate,
    Person,
    PersonTag,
    Referral,
    Tag,
)

SYNCED_MODELS: dict[str, type[Synced]] = {
    mapper.class_.__tablename__: mapper.class_
    for mapper in Base.registry.mappers
    if issubclass(mapper.class_, Synced)
}

__all__ = [
    "SYNCED_MODELS",
    "SYNC_COLUMNS",
    "ActionItem",
    "AppliedBundle",
    "Assessment",
    "Base",
    "Campaign",
    "CampaignPhaseRecord",
    "Change",
    "CoalitionProfile",
    "Commitment",
    "Concern",
    "Consent",
    "DeviceProgress",
    "DuplicateCandidate",
    "ErasureRequest",
    "Event",
    "EventRsvp",
    "FollowUp",
    "Interaction",
    "KpiTarget",
    "LocalSetting",
    "LogName",
    "MediaItem",
    "Meeting",
    "MeetingAttendee",
    "MeetingOrganisation",
    "Membership",
    "Objective",
    "OpBatch",
    "OpSeal",
    "OpenConflict",
    "Organisation",
    "OrganisationDuplicate",
    "PeerAck",
    "PendingRow",
    "Person",
    "PersonFirstSeen",
    "PersonTag",
    "Petition",
    "Referral",
    "Reform",
    "ReformConcern",
    "ReformMedia",
    "ReformMeeting",
    "ReformMove",
    "ReformObstacle",
    "ReformPosition",
    "ReformPositionChange",
    "RosterDevice",
    "SignIn",
    "Signature",
    "StageMove",
    "Story",
    "Superseded",
    "Synced",
    "Tag",
    "WorkingGroup",
    "WorkingGroupMember",
]
