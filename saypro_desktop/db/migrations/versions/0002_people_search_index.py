"""People search index: an FTS5 table kept up to date by triggers.

Triggers (not application code) keep it in step, so every path that writes
people or organisation names -- the window, the CLI, imports, sync merges --
updates search without remembering to. SQLite only; other databases skip it
and search falls back to LIKE (see saypro_desktop/db/search.py).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Phones are indexed as digits in both international (27821234567) and national
# (0821234567) form so "082 123" and "+27 82" both find the person.
_ROW = """
    NEW.id,
    coalesce(NEW.first_name, '') || ' ' || coalesce(NEW.last_name, '') || ' ' ||
        coalesce(NEW.preferred_name, ''),
    coalesce(NEW.email, ''),
    coalesce(replace(NEW.phone, '+', ''), '') || ' ' ||
        CASE WHEN NEW.phone LIKE '+27%' THEN '0' || substr(NEW.phone, 4) ELSE '' END,
    coalesce((SELECT name FROM organisations WHERE id = NEW.organisation_id), '')
"""

STATEMENTS = [
    """CREATE VIRTUAL TABLE people_fts USING fts5(
        person_id UNINDEXED, names, email, phone, organisation,
        tokenize = "unicode61 remove_diacritics 2", prefix = '2 3'
    )""",
    f"""CREATE TRIGGER people_fts_insert AFTER INSERT ON people
        WHEN NEW.deleted_at IS NULL AND NEW.erased_at IS NULL BEGIN
        INSERT INTO people_fts(rowid, person_id, names, email, phone, organisation)
        VALUES (NEW.rowid, {_ROW});
    END""",
    f"""CREATE TRIGGER people_fts_update AFTER UPDATE ON people BEGIN
        DELETE FROM people_fts WHERE rowid = OLD.rowid;
        INSERT INTO people_fts(rowid, person_id, names, email, phone, organisation)
        SELECT NEW.rowid, {_ROW} WHERE NEW.deleted_at IS NULL AND NEW.erased_at IS NULL;
    END""",
    """CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
        DELETE FROM people_fts WHERE rowid = OLD.rowid;
    END""",
    """CREATE TRIGGER people_fts_org_rename AFTER UPDATE OF name ON organisations BEGIN
        UPDATE people_fts SET organisation = coalesce(NEW.name, '')
        WHERE rowid IN (SELECT rowid FROM people WHERE organisation_id = NEW.id);
    END""",
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in STATEMENTS:
        op.execute(statement)
    # Index everyone who was already there.
    op.execute(
        """INSERT INTO people_fts(rowid, person_id, names, email, phone, organisation)
        SELECT p.rowid, p.id,
            coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, '') || ' ' ||
                coalesce(p.preferred_name, ''),
            coalesce(p.email, ''),
            coalesce(replace(p.phone, '+', ''), '') || ' ' ||
                CASE WHEN p.phone LIKE '+27%' THEN '0' || substr(p.phone, 4) ELSE '' END,
            coalesce(o.name, '')
        FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id
        WHERE p.deleted_at IS NULL AND p.erased_at IS NULL"""
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in ("people_fts_org_rename", "people_fts_delete", "people_fts_update",
                 "people_fts_insert"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS people_fts")
