"""A covering index over live organisations in name order: the Organisations list reads
its ids and names from the index alone instead of visiting every wide row.

Revision ID: l001
Revises: c001
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "l001"
down_revision = "c001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_organisations_live_name", "organisations", ["name", "id"],
                    unique=False,
                    sqlite_where=sa.text("deleted_at IS NULL AND merged_into_org_id IS NULL"))


def downgrade() -> None:
    op.drop_index("ix_organisations_live_name", table_name="organisations")
