"""Open conflicts: the inbox's index, kept by the merge engine.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "open_conflicts",
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_id", "field", name=op.f("pk_open_conflicts")),
    )
    # Fill it from what the log already holds (databases synced before this revision).
    op.execute(
        """INSERT INTO open_conflicts (table_name, row_id, field)
        SELECT table_name, row_id, field FROM changes
        WHERE live AND field NOT IN ('_deleted', '_erased', '_merged_into')
        GROUP BY table_name, row_id, field HAVING count(*) > 1"""
    )


def downgrade() -> None:
    op.drop_table("open_conflicts")
