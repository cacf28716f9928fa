"""Per-operation authorship: each device's signed batches, and value seals.

Revision ID: s001
Revises: 0006
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "s001"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "op_batches",
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("first_seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("prev", sa.LargeBinary(length=32), nullable=False),
        sa.Column("root", sa.LargeBinary(length=32), nullable=False),
        sa.Column("signature", sa.LargeBinary(length=64), nullable=False),
        sa.Column("signer", sa.String(length=64), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("device_id", "first_seq", name=op.f("pk_op_batches")),
    )
    op.create_table(
        "op_seals",
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seal", sa.LargeBinary(length=32), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "seq", name=op.f("pk_op_seals")),
    )


def downgrade() -> None:
    op.drop_table("op_seals")
    op.drop_table("op_batches")
