"""Move a partner along the pipeline after an outreach outcome (e.g. "committed").

The one place outreach changes a pipeline stage: it goes through the partnership
service's stage move, which also keeps the move in the organisation's stage history.
"""

from __future__ import annotations

from saypro_desktop.db.engine import Database
from saypro_desktop.services.organisations.pipeline import move_stage


def move_partner_stage(db: Database, organisation_id: str, stage: str) -> str | None:
    """Set the organisation's stage; returns the stage it had (for undo)."""
    moved = move_stage(db, organisation_id, stage)
    return stage if moved is None else moved[0]
