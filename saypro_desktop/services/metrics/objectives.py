"""Progress against a campaign's goals: the targets set for its figures, each objective's
progress from its phase's (or the campaign's) start to its deadline, and the status
judged from the pace so far."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from saypro_desktop.services.metrics.common import as_date
from saypro_desktop.services.metrics.definitions import FIGURES, KPIS
from saypro_desktop.services.metrics.queries import Range

STATUS_LABELS = {"met": "Met", "on_track": "On track", "at_risk": "At risk", "missed": "Missed",
                 "not_started": "Not started"}


@dataclass(frozen=True, slots=True)
class Target:
    value: float
    deadline: date | None
    source: str  # the objective's title, or "KPI target"


@dataclass(frozen=True, slots=True)
class ObjectiveProgress:
    id: str
    campaign_id: str
    title: str
    kpi: str
    kpi_label: str
    target: float
    actual: float
    expected: float  # what the pace so far calls for today
    starts_on: date | None
    deadline: date | None
    status: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def fraction(self) -> float:
        return 0.0 if self.target <= 0 else min(1.0, self.actual / self.target)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "kpi": self.kpi, "target": self.target,
                "actual": self.actual, "expected_by_now": round(self.expected, 4),
                "deadline": self.deadline.isoformat() if self.deadline else None,
                "status": self.status}


def campaign_targets(session: Session, rng: Range) -> dict[str, Target]:
    rows = session.execute(text("""
        SELECT o.metric, o.target_value, o.due_on, o.title, o.phase FROM objectives o
        WHERE o.campaign_id = :cid AND o.deleted_at IS NULL AND o.metric IS NOT NULL
          AND o.target_value IS NOT NULL
        UNION ALL
        SELECT k.metric, k.target_value, NULL, 'KPI target', k.phase FROM kpi_targets k
        WHERE k.campaign_id = :cid AND k.deleted_at IS NULL AND k.objective_id IS NULL
        """), {"cid": rng.campaign_id}).all()
    targets: dict[str, Target] = {}
    for metric, value, due, source, _phase in rows:
        if metric not in FIGURES:
            continue
        deadline = as_date(due)
        if rng.end and deadline and deadline > rng.end and metric in targets:
            continue
        current = targets.get(metric)
        if current is None or (deadline and (current.deadline is None
                                             or deadline > current.deadline)):
            targets[metric] = Target(float(value), deadline, str(source))
    return targets


def objectives_progress(session: Session, campaign_id: str, today: date,
                        measure: Callable[[Range, str], float]) -> list[ObjectiveProgress]:
    """Each objective of the campaign with its progress, from its phase's (or the
    campaign's) start to its deadline, and a status judged from the pace so far.
    ``measure(range, kpi)`` counts one KPI over a range."""
    rows = session.execute(text("""
        SELECT o.id, o.title, o.metric, o.target_value, o.due_on,
               COALESCE((SELECT p.starts_on FROM campaign_phases p
                         WHERE p.campaign_id = o.campaign_id AND p.phase = o.phase
                           AND p.deleted_at IS NULL ORDER BY p.starts_on LIMIT 1),
                        c.starts_on) AS starts_on
        FROM objectives o JOIN campaigns c ON c.id = o.campaign_id
        WHERE o.campaign_id = :cid AND o.deleted_at IS NULL
        ORDER BY o.due_on IS NULL, o.due_on, o.title"""), {"cid": campaign_id}).all()
    out = []
    for oid, title, metric, target, due, starts in rows:
        if metric not in KPIS or target is None:
            continue
        start, deadline = as_date(starts), as_date(due)
        rng = Range(start, deadline, campaign_id) if not (
            start and deadline and start > deadline) else Range(deadline, deadline,
                                                               campaign_id)
        actual = measure(rng, metric)
        expected, status = judge(float(target), actual, start, deadline, today,
                                 ratio=KPIS[metric].unit == "ratio")
        out.append(ObjectiveProgress(
            oid, campaign_id, title, metric, KPIS[metric].label, float(target),
            actual, expected, start, deadline, status))
    return out


def judge(target: float, actual: float, start: date | None, deadline: date | None,
          today: date, *, ratio: bool = False) -> tuple[float, str]:
    """(what the pace calls for by today, status). A ratio (response rate) is on track while
    it is at its target; a count is on track while it keeps pace with a straight line from
    zero at the start to the target at the deadline."""
    if actual >= target:
        return target, "met"
    if deadline and today > deadline:
        return target, "missed"
    if ratio:
        return target, "on_track" if actual >= target else "at_risk"
    if start and today < start:
        return 0.0, "not_started"
    if start and deadline and deadline > start:
        elapsed = (min(today, deadline) - start).days
        expected = target * elapsed / (deadline - start).days
    else:
        expected = target
    return expected, "on_track" if actual >= expected else "at_risk"
