"""Events and the sign-in desk: event details, RSVP lists, who took each sign-in.

Events gain ward/area, expected attendance, organisers, a working group and a petition;
RSVP lists are a new link table; a sign-in records its desk, organiser, the consent channels
given and its paper sheet page and row; a consent stores the version of its wording.

Revision ID: e001
Revises: o001
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "e001"
down_revision = "o001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("area", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("expected_attendance", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("organisers", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("working_group_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("petition_id", sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f("ix_events_working_group_id"), ["working_group_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_events_petition_id"), ["petition_id"],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_events_working_group_id_working_groups"),
                                    "working_groups", ["working_group_id"], ["id"])
        batch_op.create_foreign_key(batch_op.f("fk_events_petition_id_petitions"),
                                    "petitions", ["petition_id"], ["id"])

    op.create_table(
        "event_rsvps",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"],
                                name=op.f("fk_event_rsvps_event_id_events")),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"],
                                name=op.f("fk_event_rsvps_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_rsvps")),
    )
    with op.batch_alter_table("event_rsvps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_rsvps_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_rsvps_person_id"), ["person_id"],
                              unique=False)

    with op.batch_alter_table("sign_ins", schema=None) as batch_op:
        batch_op.add_column(sa.Column("consent_channels", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("desk", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("taken_by", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("sheet_page", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("sheet_row", sa.Integer(), nullable=True))

    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("wording_version", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_column("wording_version")
    with op.batch_alter_table("sign_ins", schema=None) as batch_op:
        batch_op.drop_column("sheet_row")
        batch_op.drop_column("sheet_page")
        batch_op.drop_column("taken_by")
        batch_op.drop_column("desk")
        batch_op.drop_column("consent_channels")
    with op.batch_alter_table("event_rsvps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_rsvps_person_id"))
        batch_op.drop_index(batch_op.f("ix_event_rsvps_event_id"))
    op.drop_table("event_rsvps")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_events_petition_id_petitions"),
                                 type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_events_working_group_id_working_groups"),
                                 type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_events_petition_id"))
        batch_op.drop_index(batch_op.f("ix_events_working_group_id"))
        batch_op.drop_column("petition_id")
        batch_op.drop_column("working_group_id")
        batch_op.drop_column("organisers")
        batch_op.drop_column("expected_attendance")
        batch_op.drop_column("area")
