"""Each person's first recorded encounter, kept by SQLite triggers, so "new people met" in
a range is an index range read instead of a pass over every encounter ever recorded.

An encounter is an interaction naming the person, a sign-in at an event (at the event's
start), attending a meeting (at its start) or a petition signature, each live (not
deleted). The table is derived and local: never synced, rebuilt from the encounters by
this migration; the triggers keep it in step with every insert, change and delete,
whoever makes it (the app, a sync import, the demo). An insert only lowers the date (one
upsert); a change or delete of a date, a person, a link or a deletion mark re-reads that
person's encounters through the person indexes.

Revision ID: f001
Revises: l001
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "f001"
down_revision = "l001"
branch_labels = None
depends_on = None

# The first encounter of the person named by the SQL expression {p} (NULL when none).
FIRST = """(SELECT min(at) FROM (
    SELECT i.occurred_at AS at FROM interactions i
    WHERE i.person_id = {p} AND i.deleted_at IS NULL
    UNION ALL
    SELECT e.starts_at FROM sign_ins s JOIN events e ON e.id = s.event_id
    WHERE s.person_id = {p} AND s.deleted_at IS NULL AND e.deleted_at IS NULL
    UNION ALL
    SELECT m.starts_at FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id
    WHERE a.person_id = {p} AND a.deleted_at IS NULL AND a.attended AND m.deleted_at IS NULL
    UNION ALL
    SELECT g.signed_at FROM signatures g WHERE g.person_id = {p} AND g.deleted_at IS NULL))"""


def refresh(person: str) -> str:
    """Statements re-reading one person's first encounter ({person}: OLD.x or NEW.x)."""
    return f"""
    DELETE FROM person_first_seen WHERE person_id = {person};
    INSERT INTO person_first_seen (person_id, first_at)
        SELECT {person}, first FROM (SELECT {FIRST.format(p=person)} AS first)
        WHERE {person} IS NOT NULL AND first IS NOT NULL;"""


def refresh_linked(table: str, column: str, key: str) -> str:
    """Statements re-reading everyone in ``table`` whose ``column`` is ``key`` (the people
    signed in to an event, or at a meeting, whose date or deletion changed)."""
    return f"""
    DELETE FROM person_first_seen
        WHERE person_id IN (SELECT person_id FROM {table} WHERE {column} = {key});
    INSERT INTO person_first_seen (person_id, first_at)
        SELECT pid, first FROM (
            SELECT pid, {FIRST.format(p='pid')} AS first
            FROM (SELECT DISTINCT person_id AS pid FROM {table}
                  WHERE {column} = {key} AND person_id IS NOT NULL))
        WHERE first IS NOT NULL;"""


def lower(person: str, at: str) -> str:
    """One upsert: the person was met at ``at`` (only ever moves the date earlier)."""
    return f"""
    INSERT INTO person_first_seen (person_id, first_at)
        SELECT {person}, at FROM (SELECT {at} AS at) WHERE {person} IS NOT NULL
            AND at IS NOT NULL
        ON CONFLICT (person_id) DO UPDATE SET first_at = min(first_at, excluded.first_at);"""


def _changed(*columns: str) -> str:
    return " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)


# (table, the insert's date, the insert's WHEN, columns whose change re-reads)
SOURCES = [
    ("interactions", "NEW.occurred_at", "NEW.deleted_at IS NULL",
     ("person_id", "occurred_at", "deleted_at")),
    ("sign_ins", "(SELECT starts_at FROM events WHERE id = NEW.event_id AND deleted_at IS NULL)",
     "NEW.deleted_at IS NULL", ("person_id", "event_id", "deleted_at")),
    ("meeting_attendees",
     "(SELECT starts_at FROM meetings WHERE id = NEW.meeting_id AND deleted_at IS NULL)",
     "NEW.deleted_at IS NULL AND NEW.attended", ("person_id", "meeting_id", "attended",
                                                 "deleted_at")),
    ("signatures", "NEW.signed_at", "NEW.deleted_at IS NULL",
     ("person_id", "signed_at", "deleted_at")),
]
# (table, the table linking people to it, its key column there)
OCCASIONS = [("events", "sign_ins", "event_id"), ("meetings", "meeting_attendees", "meeting_id")]


def triggers() -> list[tuple[str, str]]:
    made = []
    for table, at, when, columns in SOURCES:
        made.append((f"trg_first_seen_{table}_insert",
                     f"AFTER INSERT ON {table} WHEN {when} BEGIN {lower('NEW.person_id', at)} END"))
        made.append((f"trg_first_seen_{table}_update",
                     f"AFTER UPDATE OF {', '.join(columns)} ON {table} "
                     f"WHEN {_changed(*columns)} BEGIN {refresh('OLD.person_id')} "
                     f"{refresh('NEW.person_id')} END"))
        made.append((f"trg_first_seen_{table}_delete",
                     f"AFTER DELETE ON {table} BEGIN {refresh('OLD.person_id')} END"))
    for table, link, column in OCCASIONS:
        made.append((f"trg_first_seen_{table}_insert",
                     f"AFTER INSERT ON {table} BEGIN {refresh_linked(link, column, 'NEW.id')} END"))
        made.append((f"trg_first_seen_{table}_update",
                     f"AFTER UPDATE OF starts_at, deleted_at ON {table} "
                     f"WHEN {_changed('starts_at', 'deleted_at')} "
                     f"BEGIN {refresh_linked(link, column, 'NEW.id')} END"))
        made.append((f"trg_first_seen_{table}_delete",
                     f"AFTER DELETE ON {table} BEGIN {refresh_linked(link, column, 'OLD.id')} END"))
    return made


def upgrade() -> None:
    op.create_table(
        "person_first_seen",
        sa.Column("person_id", sa.String(36), primary_key=True),
        sa.Column("first_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_person_first_seen_first_at", "person_first_seen",
                    ["first_at", "person_id"])
    op.execute("""
        INSERT INTO person_first_seen (person_id, first_at)
        SELECT person_id, min(at) FROM (
            SELECT i.person_id, i.occurred_at AS at FROM interactions i
            WHERE i.deleted_at IS NULL AND i.person_id IS NOT NULL
            UNION ALL
            SELECT s.person_id, e.starts_at FROM sign_ins s JOIN events e ON e.id = s.event_id
            WHERE s.deleted_at IS NULL AND e.deleted_at IS NULL
            UNION ALL
            SELECT a.person_id, m.starts_at FROM meeting_attendees a
            JOIN meetings m ON m.id = a.meeting_id
            WHERE a.deleted_at IS NULL AND a.attended AND m.deleted_at IS NULL
            UNION ALL
            SELECT g.person_id, g.signed_at FROM signatures g WHERE g.deleted_at IS NULL
        ) WHERE person_id IS NOT NULL AND at IS NOT NULL GROUP BY person_id""")
    for name, body in triggers():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name, _body in triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_person_first_seen_first_at", table_name="person_first_seen")
    op.drop_table("person_first_seen")
