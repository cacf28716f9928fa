"""What the demo remembers while it writes: the records made so far, for later areas to link."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from saypro_desktop.domain.enums import MeetingKind, PipelineStage, Priority, StakeholderCategory
from saypro_desktop.services.demo.base import at_time
from saypro_desktop.services.demo.words import Place


@dataclass(slots=True, eq=False)
class Org:
    id: str
    name: str
    category: StakeholderCategory
    stage: PipelineStage
    priority: Priority
    place: Place
    domain: str
    contacts: list[str]


@dataclass(slots=True, eq=False)
class Partner:
    id: str
    first: str
    org: Org


@dataclass(slots=True, eq=False)
class EventInfo:
    id: str
    campaign_id: str
    starts_at: datetime
    province: str
    petition_id: str | None = None


MeetingInfo = tuple[str, MeetingKind, datetime]  # id, kind, start


class Demo:
    """One demo being written: its random stream, its reference date and what exists so far."""

    def __init__(self, rng: random.Random, people: int, today: date) -> None:
        self.rng = rng
        self.people = people
        self.today = today
        self.n_orgs = max(40, people // 15)
        self.n_partners = min(max(int(people * 0.09), self.n_orgs), people // 2)
        self.orgs: list[Org] = []
        self.partners: list[Partner] = []
        self.person_ids: list[str] = []
        self.community_ids: list[str] = []
        self.tag_ids: list[str] = []
        self.campaigns: list[tuple[str, str, date, date]] = []  # id, name, start, end
        self.petitions: list[tuple[str, str]] = []  # id, campaign id
        self.events: list[EventInfo] = []
        self.past_events: list[EventInfo] = []
        self.events_by_province: dict[str, list[EventInfo]] = {}
        # Events' own stream (RSVPs, desks, sheet rows), so adding to them leaves the
        # main stream, and so every other area's data, as it was.
        self.events_rng = random.Random(f"events-{people}-{today.isoformat()}")
        self.rsvp_positions: dict[str, int] = {}  # event id -> last RSVP position
        self.sheet_rows: dict[str, int] = {}  # event id -> paper rows keyed so far
        self.emails: set[str] = set()
        self.phones: set[str] = set()
        self.org_names: set[str] = set()
        self.primary_contacts: set[str] = set()  # organisations whose contact is chosen
        # The meetings each organisation took part in (for commitments made at them).
        self.meetings_by_org: dict[str, list[MeetingInfo]] = {}

    def day(self, back_from: int, back_to: int = 0) -> date:
        """A day between ``back_from`` and ``back_to`` days before the reference date."""
        return self.today - timedelta(days=self.rng.randint(back_to, back_from))

    def moment(self, day: date) -> datetime:
        return at_time(day, self.rng.randint(8, 17), self.rng.choice((0, 15, 30, 45)))

    def partner_pick(self, count: int,
                     categories: Sequence[StakeholderCategory] | None = None) -> list[Partner]:
        pool = self.partners if categories is None else [
            p for p in self.partners if p.org.category in categories]
        if not pool:
            pool = self.partners
        return self.rng.sample(pool, min(count, len(pool)))

