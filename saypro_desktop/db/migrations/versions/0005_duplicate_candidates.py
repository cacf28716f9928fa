"""Possible duplicates queue (local to each database).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "duplicate_candidates",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("first_id", sa.String(length=36), nullable=False),
        sa.Column("second_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("found_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_candidates")),
    )
    op.create_index(op.f("ix_duplicate_candidates_first_id"), "duplicate_candidates",
                    ["first_id"], unique=False)
    op.create_index(op.f("ix_duplicate_candidates_second_id"), "duplicate_candidates",
                    ["second_id"], unique=False)
    op.create_index("uq_duplicate_pair", "duplicate_candidates", ["first_id", "second_id"],
                    unique=True)


def downgrade() -> None:
    op.drop_table("duplicate_candidates")
