"""Reform tracker: stage history, position history, obstacles, links to concerns and media,
the next action on a reform, named custom campaign phases, and an index of the people whose
records no longer count in figures.

Revision ID: c001
Revises: e001
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "c001"
down_revision = "e001"
branch_labels = None
depends_on = None


def _synced() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    ]


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"],
                                   name=op.f(f"fk_{table}_{column}_{target}"))


def _index(table: str, *columns: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def upgrade() -> None:
    op.create_index("ix_people_gone", "people", ["id"], unique=False,
                    sqlite_where=sa.text("deleted_at IS NOT NULL AND erased_at IS NULL"))
    with op.batch_alter_table("reforms", schema=None) as batch_op:
        batch_op.add_column(sa.Column("next_action", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("next_action_due", sa.Date(), nullable=True))
    with op.batch_alter_table("campaign_phases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name", sa.String(length=100), nullable=True))

    op.create_table(
        "reform_moves",
        sa.Column("reform_id", sa.String(length=36), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("moved_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        *_synced(),
        _fk("reform_moves", "reform_id", "reforms"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reform_moves")),
    )
    _index("reform_moves", "reform_id")
    op.create_table(
        "reform_position_changes",
        sa.Column("reform_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.String(length=16), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        *_synced(),
        _fk("reform_position_changes", "person_id", "people"),
        _fk("reform_position_changes", "reform_id", "reforms"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reform_position_changes")),
    )
    _index("reform_position_changes", "person_id", "reform_id")
    op.create_table(
        "reform_obstacles",
        sa.Column("reform_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("response", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=True),
        *_synced(),
        _fk("reform_obstacles", "reform_id", "reforms"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reform_obstacles")),
    )
    _index("reform_obstacles", "reform_id")
    op.create_table(
        "reform_concerns",
        sa.Column("reform_id", sa.String(length=36), nullable=False),
        sa.Column("concern_id", sa.String(length=36), nullable=False),
        *_synced(),
        _fk("reform_concerns", "concern_id", "concerns"),
        _fk("reform_concerns", "reform_id", "reforms"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reform_concerns")),
    )
    _index("reform_concerns", "concern_id", "reform_id")
    op.create_table(
        "reform_media",
        sa.Column("reform_id", sa.String(length=36), nullable=False),
        sa.Column("media_item_id", sa.String(length=36), nullable=False),
        *_synced(),
        _fk("reform_media", "media_item_id", "media_items"),
        _fk("reform_media", "reform_id", "reforms"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reform_media")),
    )
    _index("reform_media", "media_item_id", "reform_id")


def downgrade() -> None:
    op.drop_index("ix_people_gone", table_name="people")
    for table in ("reform_media", "reform_concerns", "reform_obstacles",
                  "reform_position_changes", "reform_moves"):
        op.drop_table(table)
    with op.batch_alter_table("campaign_phases", schema=None) as batch_op:
        batch_op.drop_column("name")
    with op.batch_alter_table("reforms", schema=None) as batch_op:
        batch_op.drop_column("next_action_due")
        batch_op.drop_column("next_action")
