"""Move a partner along the pipeline after an outreach outcome (e.g. "committed").

The one place outreach changes a pipeline stage, so the partnership service's own stage
move (which also keeps the stage history) can replace this body without touching callers.
"""

from __future__ import annotations

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Organisation
from saypro_desktop.domain.enums import PipelineStage
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.services.unit_of_work import UnitOfWork


def move_partner_stage(db: Database, organisation_id: str, stage: str) -> str | None:
    """Set the organisation's stage; returns the stage it had (for undo)."""
    if stage not in {s.value for s in PipelineStage}:
        choices = ", ".join(s.value for s in PipelineStage)
        raise ValidationError(f"stage: '{stage}' is not one of {choices}")
    with UnitOfWork(db) as uow:
        org = uow.session.get(Organisation, organisation_id)
        if org is None or org.deleted_at is not None:
            raise NotFoundError(f"no organisation with id {organisation_id}")
        old = org.pipeline_stage
        uow.update(Organisation, organisation_id, {"pipeline_stage": stage})
        return old
