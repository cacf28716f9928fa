"""A covering index over live people in name order: the People list reads it straight.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_people_live_name", "people", ["last_name", "first_name", "id"],
                    unique=False, sqlite_where=sa.text("deleted_at IS NULL"))


def downgrade() -> None:
    op.drop_index("ix_people_live_name", table_name="people")
