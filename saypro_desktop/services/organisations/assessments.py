"""Partnership assessments: history, never overwritten.

Each assessment scores shared values, mission alignment and operational compatibility
(1–5, each with a note), records strengths and resources offered, and sets a priority
(expected impact). The latest one shows; it also updates the organisation's priority,
strengths and resources, which order and filter the outreach list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Assessment, LocalSetting, Organisation
from saypro_desktop.domain.enums import Priority
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.domain.organisations import parse_choice
from saypro_desktop.domain.people import clean_text
from saypro_desktop.services.unit_of_work import DEVICE_NAME, UnitOfWork

SCORES = ("shared_values", "mission_alignment", "operational_compatibility")
SCORE_LABELS = {
    "shared_values": "Shared values",
    "mission_alignment": "Mission alignment",
    "operational_compatibility": "Operational compatibility",
}


@dataclass(frozen=True, slots=True)
class AssessmentRow:
    id: str
    organisation_id: str
    assessed_on: date | None
    shared_values: int | None
    shared_values_note: str | None
    mission_alignment: int | None
    mission_alignment_note: str | None
    operational_compatibility: int | None
    operational_compatibility_note: str | None
    expected_impact: int | None
    priority: str | None
    strengths: str | None
    resources_offered: str | None
    notes: str | None
    assessed_by: str | None

    @property
    def average(self) -> float | None:
        scores = [s for s in (self.shared_values, self.mission_alignment,
                              self.operational_compatibility) if s is not None]
        return sum(scores) / len(scores) if scores else None

    def as_dict(self) -> dict[str, Any]:
        values = asdict(self)
        values["assessed_on"] = self.assessed_on.isoformat() if self.assessed_on else None
        return values


_COLUMNS = (
    Assessment.id, Assessment.organisation_id, Assessment.assessed_on,
    Assessment.shared_values, Assessment.shared_values_note,
    Assessment.mission_alignment, Assessment.mission_alignment_note,
    Assessment.operational_compatibility, Assessment.operational_compatibility_note,
    Assessment.expected_impact, Assessment.priority, Assessment.strengths,
    Assessment.resources_offered, Assessment.notes, Assessment.assessed_by,
)


def _score(value: Any, field: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        score = int(value)
    except (TypeError, ValueError):
        raise ValidationError(f"{field}: '{value}' is not a score; give a whole number 1–5"
                              ) from None
    if not 1 <= score <= 5:
        raise ValidationError(f"{field}: {score} is out of range; give a score from 1 to 5")
    return score


def clean_assessment(values: Mapping[str, Any]) -> dict[str, Any]:
    known = {*SCORES, *(f"{s}_note" for s in SCORES), "expected_impact", "priority",
             "strengths", "resources_offered", "notes", "assessed_on", "assessed_by"}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ValidationError(f"unknown assessment field {', '.join(unknown)}")
    cleaned: dict[str, Any] = {}
    for name in SCORES:
        cleaned[name] = _score(values.get(name), name)
        cleaned[f"{name}_note"] = clean_text(values.get(f"{name}_note"), field=f"{name}_note")
    cleaned["expected_impact"] = _score(values.get("expected_impact"), "expected_impact")
    cleaned["priority"] = parse_choice(Priority, values.get("priority"), field="priority")
    for name in ("strengths", "resources_offered", "notes"):
        cleaned[name] = clean_text(values.get(name), field=name)
    cleaned["assessed_by"] = clean_text(values.get("assessed_by"), field="assessed_by",
                                        limit=200)
    when = values.get("assessed_on")
    if isinstance(when, str) and when.strip():
        try:
            when = date.fromisoformat(when.strip())
        except ValueError:
            raise ValidationError(f"assessed_on: '{when}' is not a date; expected YYYY-MM-DD"
                                  ) from None
    cleaned["assessed_on"] = when if isinstance(when, date) else None
    if all(cleaned[s] is None for s in SCORES) and cleaned["priority"] is None:
        raise ValidationError("an assessment needs at least one score or a priority")
    return cleaned


def add_assessment(db: Database, org_id: str, values: Mapping[str, Any]) -> str:
    """Add an assessment (earlier ones stay); the organisation takes its priority,
    strengths and resources."""
    cleaned = clean_assessment(values)
    with UnitOfWork(db) as uow:
        org = uow.session.get(Organisation, org_id)
        if org is None or org.deleted_at is not None:
            raise NotFoundError(f"no organisation with id {org_id}")
        if cleaned["assessed_on"] is None:
            cleaned["assessed_on"] = uow.now.date()
        if cleaned["assessed_by"] is None:
            setting = uow.session.get(LocalSetting, DEVICE_NAME)
            cleaned["assessed_by"] = setting.value if setting else None
        assessment_id = uow.create(Assessment, {"organisation_id": org_id, **cleaned})
        carried = {name: cleaned[name] for name in ("priority", "strengths", "resources_offered")
                   if cleaned[name] is not None}
        if carried:
            uow.update(Organisation, org_id, carried)
        return assessment_id


def assessment_history(db: Database, org_id: str) -> list[AssessmentRow]:
    """Every assessment of one organisation, newest first (the first is the one that shows)."""
    with db.reading() as session:
        rows = session.execute(
            select(*_COLUMNS)
            .where(Assessment.organisation_id == org_id, Assessment.deleted_at.is_(None))
            .order_by(Assessment.assessed_on.desc(), Assessment.created_at.desc(),
                      Assessment.id.desc())
        ).all()
    return [AssessmentRow(*tuple(row)) for row in rows]


def latest_assessment(db: Database, org_id: str) -> AssessmentRow | None:
    history = assessment_history(db, org_id)
    return history[0] if history else None
