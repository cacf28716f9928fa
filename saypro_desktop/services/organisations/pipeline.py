"""The partnership pipeline: identified → contacted → responded → meeting scheduled →
committed → active partner (or declined / dormant).

Every move is a ``stage_moves`` row (from, to, when, who) written with the new stage in
one unit of work, so the history syncs with the stage and nothing is overwritten.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import LocalSetting, Organisation, StageMove
from saypro_desktop.domain.enums import PipelineStage
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.domain.organisations import label_of, parse_choice
from saypro_desktop.services.unit_of_work import DEVICE_NAME, UnitOfWork


@dataclass(frozen=True, slots=True)
class StageMoveRow:
    id: str
    organisation_id: str
    from_stage: str | None
    to_stage: str
    moved_at: datetime
    moved_by: str | None
    note: str | None

    @property
    def summary(self) -> str:
        if self.from_stage is None:
            return f"Added as {label_of(PipelineStage, self.to_stage).lower()}"
        return (f"{label_of(PipelineStage, self.from_stage)} → "
                f"{label_of(PipelineStage, self.to_stage)}")


def parse_stage(stage: str) -> str:
    """A stored stage from a value or label; an unknown one lists the valid stages."""
    value = parse_choice(PipelineStage, stage, field="stage")
    if value is None:
        options = ", ".join(f"{s.label} ({s.value})" for s in PipelineStage)
        raise ValidationError(f"stage: must not be empty; choose one of: {options}")
    return value


def _who(uow: UnitOfWork) -> str | None:
    setting = uow.session.get(LocalSetting, DEVICE_NAME)
    return setting.value if setting is not None else None


def record_move(uow: UnitOfWork, org_id: str, from_stage: str | None, to_stage: str,
                *, moved_by: str | None = None, note: str | None = None,
                when: datetime | None = None) -> str:
    return uow.create(StageMove, {
        "organisation_id": org_id, "from_stage": from_stage, "to_stage": to_stage,
        "moved_at": when or uow.now, "moved_by": moved_by or _who(uow), "note": note,
    })


def move_in(uow: UnitOfWork, org_id: str, stage: str, *, moved_by: str | None = None,
            note: str | None = None, when: datetime | None = None
            ) -> tuple[str | None, str] | None:
    """Move inside an open unit of work; returns (old, new), or None if already there."""
    new = parse_stage(stage)
    org = uow.session.get(Organisation, org_id)
    if org is None or org.deleted_at is not None:
        raise NotFoundError(f"no organisation with id {org_id}")
    old = org.pipeline_stage
    if old == new:
        return None
    uow.update(Organisation, org_id, {"pipeline_stage": new})
    record_move(uow, org_id, old, new, moved_by=moved_by, note=note, when=when)
    return (old, new)


def move_stage(db: Database, org_id: str, stage: str, *, moved_by: str | None = None,
               note: str | None = None) -> tuple[str | None, str] | None:
    """Move an organisation to ``stage`` (value or label), keeping the move in its history.

    Returns (old stage, new stage), or None when it was already there (nothing written).
    """
    with UnitOfWork(db) as uow:
        return move_in(uow, org_id, stage, moved_by=moved_by, note=note)


def stage_history(db: Database, org_id: str) -> list[StageMoveRow]:
    """Every move of one organisation, newest first."""
    with db.reading() as session:
        rows = session.execute(
            select(StageMove.id, StageMove.organisation_id, StageMove.from_stage,
                   StageMove.to_stage, StageMove.moved_at, StageMove.moved_by, StageMove.note)
            .where(StageMove.organisation_id == org_id, StageMove.deleted_at.is_(None))
            .order_by(StageMove.moved_at.desc(), StageMove.id.desc())
        ).all()
    return [StageMoveRow(*row) for row in rows]


@dataclass(frozen=True, slots=True)
class BoardCard:
    id: str
    name: str
    category: str | None
    priority: str | None
    stage: str


def board(db: Database, *, category: str | None = None, focus_area: str | None = None,
          search: str = "") -> dict[str, list[BoardCard]]:
    """Organisations by stage (every stage present, in pipeline order), each column by
    priority then name: what the board view shows."""
    from saypro_desktop.services.organisations.records import (
        OrganisationFilter,
        OrganisationLister,
        fetch_organisation_rows,
    )

    flt = OrganisationFilter(search=search, category=category, focus_area=focus_area,
                             sort="priority")
    rows = fetch_organisation_rows(db, OrganisationLister(db).ids(flt))
    columns: dict[str, list[BoardCard]] = defaultdict(list)
    for row in rows:
        stage = row.pipeline_stage or PipelineStage.IDENTIFIED.value
        columns[stage].append(BoardCard(row.id, row.name, row.category, row.priority, stage))
    ordered = {s.value: columns.pop(s.value, []) for s in PipelineStage}
    ordered.update(columns)  # stages from a newer version, at the end
    return ordered
