"""Partnerships: organisation level, region and merges; the pipeline's stage moves;
assessment notes and history fields; primary contacts; referrals to organisations with
their outcome; the organisations search index and their possible-duplicates queue.

The search index is an FTS5 table kept in step by triggers, like the people index
(revision 0002), so every path that writes organisations updates it.

Revision ID: p001
Revises: s001
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "p001"
down_revision = "s001"
branch_labels = None
depends_on = None

# Phones indexed as digits, international and national ("27821234567 0821234567").
_ROW = """
    NEW.id,
    coalesce(NEW.name, ''),
    coalesce(NEW.email, '') || ' ' || coalesce(NEW.website, ''),
    coalesce(replace(NEW.phone, '+', ''), '') || ' ' ||
        CASE WHEN NEW.phone LIKE '+27%' THEN '0' || substr(NEW.phone, 4) ELSE '' END,
    coalesce(NEW.city, '') || ' ' || coalesce(NEW.province, '') || ' ' ||
        coalesce(NEW.region, '') || ' ' || replace(coalesce(NEW.focus_areas, ''), '_', ' ')
"""

FTS = [
    """CREATE VIRTUAL TABLE organisations_fts USING fts5(
        organisation_id UNINDEXED, name, contact, phone, place,
        tokenize = "unicode61 remove_diacritics 2", prefix = '2 3'
    )""",
    f"""CREATE TRIGGER organisations_fts_insert AFTER INSERT ON organisations
        WHEN NEW.deleted_at IS NULL BEGIN
        INSERT INTO organisations_fts(rowid, organisation_id, name, contact, phone, place)
        VALUES (NEW.rowid, {_ROW});
    END""",
    f"""CREATE TRIGGER organisations_fts_update AFTER UPDATE ON organisations BEGIN
        DELETE FROM organisations_fts WHERE rowid = OLD.rowid;
        INSERT INTO organisations_fts(rowid, organisation_id, name, contact, phone, place)
        SELECT NEW.rowid, {_ROW} WHERE NEW.deleted_at IS NULL;
    END""",
    """CREATE TRIGGER organisations_fts_delete AFTER DELETE ON organisations BEGIN
        DELETE FROM organisations_fts WHERE rowid = OLD.rowid;
    END""",
]


def upgrade() -> None:
    # organisations: plain ADD COLUMN (no rebuild: the people index triggers name this table)
    op.add_column("organisations", sa.Column("level", sa.String(length=16), nullable=True))
    op.add_column("organisations", sa.Column("region", sa.String(length=100), nullable=True))
    op.add_column("organisations",
                  sa.Column("merged_into_org_id", sa.String(length=36), nullable=True))
    op.create_index(op.f("ix_organisations_level"), "organisations", ["level"], unique=False)
    op.create_index(op.f("ix_organisations_region"), "organisations", ["region"], unique=False)
    op.create_index(op.f("ix_organisations_merged_into_org_id"), "organisations",
                    ["merged_into_org_id"], unique=False)

    op.add_column("memberships", sa.Column("is_primary", sa.Boolean(), server_default="0",
                                           nullable=False))

    with op.batch_alter_table("assessments", schema=None) as batch_op:
        for name in ("shared_values_note", "mission_alignment_note",
                     "operational_compatibility_note", "strengths", "resources_offered"):
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("priority", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("assessed_by", sa.String(length=200), nullable=True))

    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.alter_column("referred_id", existing_type=sa.String(length=36), nullable=True)
        batch_op.add_column(sa.Column("referred_organisation_id", sa.String(length=36),
                                      nullable=True))
        batch_op.add_column(sa.Column("outcome", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("outcome_note", sa.Text(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_referrals_referred_organisation_id_organisations"),
            "organisations", ["referred_organisation_id"], ["id"])
        batch_op.create_index(batch_op.f("ix_referrals_referred_organisation_id"),
                              ["referred_organisation_id"], unique=False)

    op.create_table(
        "stage_moves",
        sa.Column("organisation_id", sa.String(length=36), nullable=False),
        sa.Column("from_stage", sa.String(length=32), nullable=True),
        sa.Column("to_stage", sa.String(length=32), nullable=False),
        sa.Column("moved_at", sa.DateTime(), nullable=False),
        sa.Column("moved_by", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"],
                                name=op.f("fk_stage_moves_organisation_id_organisations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage_moves")),
    )
    op.create_index(op.f("ix_stage_moves_organisation_id"), "stage_moves", ["organisation_id"],
                    unique=False)
    op.create_index(op.f("ix_stage_moves_moved_at"), "stage_moves", ["moved_at"], unique=False)

    op.create_table(
        "organisation_duplicates",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("first_id", sa.String(length=36), nullable=False),
        sa.Column("second_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("found_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_duplicates")),
    )
    op.create_index(op.f("ix_organisation_duplicates_first_id"), "organisation_duplicates",
                    ["first_id"], unique=False)
    op.create_index(op.f("ix_organisation_duplicates_second_id"), "organisation_duplicates",
                    ["second_id"], unique=False)
    op.create_index("uq_organisation_duplicate_pair", "organisation_duplicates",
                    ["first_id", "second_id"], unique=True)

    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS:
            op.execute(statement)
        op.execute(
            """INSERT INTO organisations_fts(rowid, organisation_id, name, contact, phone, place)
            SELECT rowid, id, coalesce(name, ''),
                coalesce(email, '') || ' ' || coalesce(website, ''),
                coalesce(replace(phone, '+', ''), '') || ' ' ||
                    CASE WHEN phone LIKE '+27%' THEN '0' || substr(phone, 4) ELSE '' END,
                coalesce(city, '') || ' ' || coalesce(province, '') || ' ' ||
                    coalesce(region, '') || ' ' || replace(coalesce(focus_areas, ''), '_', ' ')
            FROM organisations WHERE deleted_at IS NULL"""
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("organisations_fts_delete", "organisations_fts_update",
                     "organisations_fts_insert"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS organisations_fts")
    op.drop_table("organisation_duplicates")
    op.drop_table("stage_moves")
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referrals_referred_organisation_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_referrals_referred_organisation_id_organisations"),
            type_="foreignkey")
        batch_op.drop_column("outcome_note")
        batch_op.drop_column("outcome")
        batch_op.drop_column("referred_organisation_id")
        batch_op.alter_column("referred_id", existing_type=sa.String(length=36), nullable=False)
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        for name in ("assessed_by", "priority", "resources_offered", "strengths",
                     "operational_compatibility_note", "mission_alignment_note",
                     "shared_values_note"):
            batch_op.drop_column(name)
    op.execute("ALTER TABLE memberships DROP COLUMN is_primary")
    # Native DROP COLUMN: a rebuild of `organisations` would lose the people index trigger.
    for name in ("merged_into_org_id", "region", "level"):
        op.drop_index(op.f(f"ix_organisations_{name}"), table_name="organisations")
        op.execute(f"ALTER TABLE organisations DROP COLUMN {name}")
