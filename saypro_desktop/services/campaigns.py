"""Campaigns, their phases and their SMART objectives.

An objective names a figure from the metrics (its KPI), a target and a deadline; its
progress is always computed by :class:`~saypro_desktop.services.metrics.Metrics`, never typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Campaign, CampaignPhaseRecord, Objective
from saypro_desktop.domain.enums import CampaignPhase
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.domain.people import clean_required_text, clean_text
from saypro_desktop.services.metrics import KPIS
from saypro_desktop.services.unit_of_work import UnitOfWork


def parse_date(value: object, *, field: str) -> date:
    """A date from a date or YYYY-MM-DD text, or a one-line message saying what to fix."""
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if not text:
        raise ValidationError(f"{field} is missing; give a date like 2026-03-31")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            f"{field} '{text}' is not a real date; write it as YYYY-MM-DD (e.g. 2026-03-31)"
        ) from None


def phase_label(phase: str, name: str | None = None) -> str:
    if name:
        return name
    try:
        return CampaignPhase(phase).label
    except ValueError:
        return phase.replace("_", " ").capitalize()


@dataclass(frozen=True, slots=True)
class PhaseInfo:
    id: str
    phase: str
    label: str
    starts_on: date | None
    ends_on: date | None


@dataclass(frozen=True, slots=True)
class CampaignInfo:
    id: str
    name: str
    description: str | None
    starts_on: date | None
    ends_on: date | None
    phases: tuple[PhaseInfo, ...]
    objectives: int

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id, "name": self.name, "description": self.description,
            "start": _iso(self.starts_on), "end": _iso(self.ends_on),
            "phases": [{"id": p.id, "phase": p.phase, "name": p.label,
                        "start": _iso(p.starts_on), "end": _iso(p.ends_on)}
                       for p in self.phases],
            "objectives": self.objectives,
        }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


class Campaigns:
    def __init__(self, db: Database, today: Callable[[], date] = date.today) -> None:
        self.db = db
        self.today = today

    def add(self, name: str, start: object, end: object, description: str | None = None) -> str:
        starts, ends = parse_date(start, field="start"), parse_date(end, field="end")
        if ends < starts:
            raise ValidationError(f"the campaign ends ({ends}) before it starts ({starts})")
        fields = {"name": clean_required_text(name, field="name"), "starts_on": starts,
                  "ends_on": ends, "description": clean_text(description, field="description")}
        with UnitOfWork(self.db) as uow:
            return uow.create(Campaign, fields)

    def add_phase(self, campaign_id: str, phase: str, start: object, end: object,
                  name: str | None = None) -> str:
        try:
            kind = CampaignPhase(phase)
        except ValueError:
            raise ValidationError(
                f"'{phase}' is not a phase; choose "
                f"{', '.join(p.value for p in CampaignPhase)}") from None
        starts, ends = parse_date(start, field="start"), parse_date(end, field="end")
        if ends < starts:
            raise ValidationError(f"the phase ends ({ends}) before it starts ({starts})")
        label = clean_text(name, field="name")
        if kind is CampaignPhase.CUSTOM and not label:
            raise ValidationError("a custom phase needs a name")
        with UnitOfWork(self.db) as uow:
            campaign = uow.session.get(Campaign, campaign_id)
            if campaign is None or campaign.deleted_at is not None:
                raise NotFoundError(f"no campaign with id {campaign_id}")
            return uow.create(CampaignPhaseRecord, {
                "campaign_id": campaign_id, "phase": kind.value, "name": label,
                "starts_on": starts, "ends_on": ends})

    def add_objective(self, campaign_id: str, kpi: str, target: object, deadline: object,
                      title: str | None = None, phase: str | None = None) -> str:
        if kpi not in KPIS:
            raise ValidationError(f"'{kpi}' is not a measurable figure; choose one of "
                                  f"{', '.join(KPIS)}")
        try:
            value = float(str(target))
        except ValueError:
            raise ValidationError(f"the target '{target}' is not a number") from None
        if not value > 0:
            raise ValidationError("the target must be more than zero")
        if KPIS[kpi].unit == "ratio" and value > 1:
            if value > 100:
                raise ValidationError("a rate target is a percentage up to 100")
            value /= 100  # "40" means 40 %
        due = parse_date(deadline, field="deadline")
        with UnitOfWork(self.db) as uow:
            campaign = uow.session.get(Campaign, campaign_id)
            if campaign is None or campaign.deleted_at is not None:
                raise NotFoundError(f"no campaign with id {campaign_id}")
            if phase is not None and phase not in {p.value for p in CampaignPhase}:
                raise ValidationError(f"'{phase}' is not a phase")
            shown = (f"{value:.0%}" if KPIS[kpi].unit == "ratio" else f"{value:,.0f}")
            name = clean_text(title, field="title") or (
                f"{KPIS[kpi].label}: {shown} by {due:%-d %B %Y}")
            return uow.create(Objective, {
                "campaign_id": campaign_id, "title": name, "metric": kpi,
                "target_value": value, "due_on": due, "phase": phase})

    def delete_objective(self, objective_id: str) -> None:
        with UnitOfWork(self.db) as uow:
            uow.delete(Objective, objective_id)

    def all(self) -> list[CampaignInfo]:
        with self.db.reading() as session:
            campaigns = session.execute(
                select(Campaign).where(Campaign.deleted_at.is_(None))
                .order_by(Campaign.starts_on.desc(), Campaign.name)).scalars().all()
            phases = session.execute(
                select(CampaignPhaseRecord).where(CampaignPhaseRecord.deleted_at.is_(None))
                .order_by(CampaignPhaseRecord.starts_on)).scalars().all()
            objectives = session.execute(
                select(Objective.campaign_id).where(Objective.deleted_at.is_(None))).scalars()
            counts: dict[str, int] = {}
            for cid in objectives:
                counts[cid] = counts.get(cid, 0) + 1
            by_campaign: dict[str, list[PhaseInfo]] = {}
            for p in phases:
                by_campaign.setdefault(p.campaign_id, []).append(
                    PhaseInfo(p.id, p.phase, phase_label(p.phase, p.name), p.starts_on,
                              p.ends_on))
            return [CampaignInfo(c.id, c.name, c.description, c.starts_on, c.ends_on,
                                 tuple(by_campaign.get(c.id, [])), counts.get(c.id, 0))
                    for c in campaigns]

    def get(self, campaign_id: str) -> CampaignInfo:
        for info in self.all():
            if info.id == campaign_id:
                return info
        raise NotFoundError(f"no campaign with id {campaign_id}")

    def current(self) -> CampaignInfo | None:
        """The campaign running today (or the latest one), for the dashboard's first view."""
        campaigns = self.all()
        today = self.today()
        running = [c for c in campaigns
                   if c.starts_on and c.ends_on and c.starts_on <= today <= c.ends_on]
        if running:
            return min(running, key=lambda c: (c.starts_on or today, c.name))
        return campaigns[0] if campaigns else None
