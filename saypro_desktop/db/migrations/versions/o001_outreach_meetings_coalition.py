"""Outreach, meetings and coalition: who from our side, assignees, meeting organisations
and links, commitment deadlines, steering seats, the coalition profile, concern outcomes.

Revision ID: o001
Revises: p001
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "o001"
down_revision = "p001"
branch_labels = None
depends_on = None

_SYNC = (
    ("id", sa.String(length=36), False),
    ("created_at", sa.DateTime(), False),
    ("updated_at", sa.DateTime(), False),
    ("updated_by", sa.String(length=36), False),
    ("deleted_at", sa.DateTime(), True),
)


def _sync_columns() -> list[sa.Column]:
    return [sa.Column(name, type_, nullable=nullable) for name, type_, nullable in _SYNC]


def _fk_column(batch, table: str, column: str, target: str) -> None:
    batch.add_column(sa.Column(column, sa.String(length=36), nullable=True))
    batch.create_foreign_key(f"fk_{table}_{column}_{target}", target, [column], ["id"])
    batch.create_index(f"ix_{table}_{column}", [column], unique=False)


def upgrade() -> None:
    with op.batch_alter_table("interactions") as batch:
        _fk_column(batch, "interactions", "our_person_id", "people")
    with op.batch_alter_table("follow_ups") as batch:
        _fk_column(batch, "follow_ups", "assigned_to_id", "people")
    op.create_index("ix_follow_ups_open_due", "follow_ups", ["due_on"], unique=False,
                    sqlite_where=sa.text("deleted_at IS NULL AND status IN ('open', 'in_progress')"))
    with op.batch_alter_table("meetings") as batch:
        batch.add_column(sa.Column("link", sa.String(length=1000), nullable=True))
    with op.batch_alter_table("commitments") as batch:
        batch.add_column(sa.Column("due_on", sa.Date(), nullable=True))
        _fk_column(batch, "commitments", "meeting_id", "meetings")
    with op.batch_alter_table("working_groups") as batch:
        batch.add_column(sa.Column("seats", sa.Integer(), nullable=True))
    with op.batch_alter_table("concerns") as batch:
        batch.add_column(sa.Column("kind", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("how_addressed", sa.Text(), nullable=True))
        batch.add_column(sa.Column("addressed_on", sa.Date(), nullable=True))

    op.create_table(
        "meeting_organisations",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("organisation_id", sa.String(length=36), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"],
                                name="fk_meeting_organisations_meeting_id_meetings"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"],
                                name="fk_meeting_organisations_organisation_id_organisations"),
        sa.PrimaryKeyConstraint("id", name="pk_meeting_organisations"),
    )
    op.create_index("ix_meeting_organisations_meeting_id", "meeting_organisations",
                    ["meeting_id"], unique=False)
    op.create_index("ix_meeting_organisations_organisation_id", "meeting_organisations",
                    ["organisation_id"], unique=False)
    op.create_table(
        "coalition_profile",
        sa.Column("name", sa.String(length=300), nullable=True),
        sa.Column("our_organisation_id", sa.String(length=36), nullable=True),
        sa.Column("coordinator_id", sa.String(length=36), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(["our_organisation_id"], ["organisations.id"],
                                name="fk_coalition_profile_our_organisation_id_organisations"),
        sa.ForeignKeyConstraint(["coordinator_id"], ["people.id"],
                                name="fk_coalition_profile_coordinator_id_people"),
        sa.PrimaryKeyConstraint("id", name="pk_coalition_profile"),
    )
    op.create_index("ix_coalition_profile_our_organisation_id", "coalition_profile",
                    ["our_organisation_id"], unique=False)
    op.create_index("ix_coalition_profile_coordinator_id", "coalition_profile",
                    ["coordinator_id"], unique=False)


def downgrade() -> None:
    op.drop_table("coalition_profile")
    op.drop_table("meeting_organisations")
    with op.batch_alter_table("concerns") as batch:
        batch.drop_column("addressed_on")
        batch.drop_column("how_addressed")
        batch.drop_column("kind")
    with op.batch_alter_table("working_groups") as batch:
        batch.drop_column("seats")
    with op.batch_alter_table("commitments") as batch:
        batch.drop_index("ix_commitments_meeting_id")
        batch.drop_constraint("fk_commitments_meeting_id_meetings", type_="foreignkey")
        batch.drop_column("meeting_id")
        batch.drop_column("due_on")
    with op.batch_alter_table("meetings") as batch:
        batch.drop_column("link")
    op.drop_index("ix_follow_ups_open_due", table_name="follow_ups")
    with op.batch_alter_table("follow_ups") as batch:
        batch.drop_index("ix_follow_ups_assigned_to_id")
        batch.drop_constraint("fk_follow_ups_assigned_to_id_people", type_="foreignkey")
        batch.drop_column("assigned_to_id")
    with op.batch_alter_table("interactions") as batch:
        batch.drop_index("ix_interactions_our_person_id")
        batch.drop_constraint("fk_interactions_our_person_id_people", type_="foreignkey")
        batch.drop_column("our_person_id")
