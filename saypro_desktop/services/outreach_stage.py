"""Move a partner along the pipeline after an outreach outcome (e.g. "committed").

The one place outreach changes a pipeline stage: it goes through the partnership
service's stage move, which also keeps the move in the organisation's stage history.
"""

from __future__ import annotations

from saypro_desktop.db.engine import Database


def move_partner_stage(db: Database, organisation_id: str, stage: str) -> str | None:
    """Move the organisation along the pipeline (the move is kept in its stage history);
    returns the stage it had (for undo)."""
    from saypro_desktop.services.organisations.pipeline import move_stage, parse_stage
    from saypro_desktop.services.organisations.records import get_organisation

    before = get_organisation(db, organisation_id).pipeline_stage
    move_stage(db, organisation_id, parse_stage(stage))
    return before
