"""The change log in compact form (db.changelog): device, table and field names interned as
small numbers in ``log_names``, row ids as 16 bytes, stamps as their numbers (the stamp's
device only when it is not the operation's own), no ``pred`` text for operations that
replace nothing, and no rowid (the table is keyed by device and sequence). The same
operations, the same order; only their storage changes. ``change_log`` is a view of the
log in its text form.

Revision ID: h001
Revises: f001
Create Date: 2026-12-04
"""
import re

from alembic import op

revision = "h001"
down_revision = "f001"
branch_labels = None
depends_on = None

VIEW_SQL = """
CREATE VIEW change_log AS
SELECT d.name AS device_id, c.seq AS seq,
       printf('%013d.%06d.%s', c.wall, c.counter, coalesce(k.name, d.name)) AS stamp,
       t.name AS table_name,
       CASE WHEN typeof(c.row_key) = 'blob' THEN lower(
           substr(hex(c.row_key), 1, 8) || '-' || substr(hex(c.row_key), 9, 4) || '-' ||
           substr(hex(c.row_key), 13, 4) || '-' || substr(hex(c.row_key), 17, 4) || '-' ||
           substr(hex(c.row_key), 21)) ELSE c.row_key END AS row_id,
       f.name AS field, c.value AS value, coalesce(c.pred, '[]') AS pred, c.live AS live
FROM changes c
JOIN log_names d ON d.no = c.device_no
JOIN log_names t ON t.no = c.table_no
JOIN log_names f ON f.no = c.field_no
LEFT JOIN log_names k ON k.no = c.clock_no
"""

_UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                        re.ASCII)


def row_key(row_id: str) -> bytes | str:
    """16 bytes for a canonical UUID, else the text (as db.changelog stores it)."""
    if len(row_id) == 36 and _UUID_TEXT.fullmatch(row_id):
        return bytes.fromhex(row_id.replace("-", ""))
    return row_id


NEW_TABLE = """
CREATE TABLE changes_compact (
    device_no INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    wall INTEGER NOT NULL,
    counter INTEGER NOT NULL,
    clock_no INTEGER,
    table_no INTEGER NOT NULL,
    row_key BLOB NOT NULL,
    field_no INTEGER NOT NULL,
    value TEXT NOT NULL,
    pred TEXT,
    live BOOLEAN DEFAULT '1' NOT NULL,
    CONSTRAINT pk_changes PRIMARY KEY (device_no, seq)
) WITHOUT ROWID
"""

OLD_TABLE = """
CREATE TABLE changes_text (
    device_id VARCHAR(36) NOT NULL,
    seq INTEGER NOT NULL,
    stamp VARCHAR(64) NOT NULL,
    table_name VARCHAR(64) NOT NULL,
    row_id VARCHAR(36) NOT NULL,
    field VARCHAR(64) NOT NULL,
    value TEXT NOT NULL,
    pred TEXT DEFAULT '[]' NOT NULL,
    live BOOLEAN DEFAULT '1' NOT NULL,
    CONSTRAINT pk_changes PRIMARY KEY (device_id, seq)
)
"""


def _count(sql: str) -> int:
    return int(op.get_bind().exec_driver_sql(sql).scalar() or 0)


def upgrade() -> None:
    # Every stamp the clock writes is fixed-width text (sync.clock); the conversion below
    # relies on it, so a log that holds anything else is left as it is, with a reason.
    odd = _count("SELECT count(*) FROM changes WHERE length(stamp) < 22"
                 " OR substr(stamp, 14, 1) != '.' OR substr(stamp, 21, 1) != '.'"
                 " OR substr(stamp, 1, 13) GLOB '*[^0-9]*'"
                 " OR substr(stamp, 15, 6) GLOB '*[^0-9]*'")
    if odd:
        raise RuntimeError(f"the change log holds {odd} changes whose clock stamp is not in "
                           "the clock's own form; the database was not upgraded")
    op.execute(
        "CREATE TABLE log_names (no INTEGER NOT NULL, name TEXT NOT NULL,"
        " CONSTRAINT pk_log_names PRIMARY KEY (no),"
        " CONSTRAINT uq_log_names_name UNIQUE (name))"
    )
    op.execute(
        "INSERT INTO log_names (name) SELECT name FROM ("
        " SELECT DISTINCT device_id AS name FROM changes"
        " UNION SELECT DISTINCT substr(stamp, 22) FROM changes"
        " UNION SELECT DISTINCT table_name FROM changes"
        " UNION SELECT DISTINCT field FROM changes) ORDER BY name"
    )
    op.execute(NEW_TABLE)
    # SQLite 3.40 has no unhex(): the row ids become bytes through a Python function.
    raw = op.get_bind().connection.dbapi_connection
    raw.create_function("saypro_row_key", 1, row_key, deterministic=True)
    op.execute(
        "INSERT INTO changes_compact SELECT d.no, c.seq,"
        " CAST(substr(c.stamp, 1, 13) AS INTEGER), CAST(substr(c.stamp, 15, 6) AS INTEGER),"
        " CASE WHEN substr(c.stamp, 22) = c.device_id THEN NULL ELSE k.no END,"
        " t.no, saypro_row_key(c.row_id), f.no, c.value, nullif(c.pred, '[]'), c.live"
        " FROM changes c"
        " JOIN log_names d ON d.name = c.device_id"
        " JOIN log_names k ON k.name = substr(c.stamp, 22)"
        " JOIN log_names t ON t.name = c.table_name"
        " JOIN log_names f ON f.name = c.field"
        " ORDER BY d.no, c.seq"
    )
    held, copied = _count("SELECT count(*) FROM changes"), _count(
        "SELECT count(*) FROM changes_compact")
    if held != copied:  # nothing is dropped on the way, or nothing is upgraded
        raise RuntimeError(f"the compact change log would hold {copied} of {held} changes; "
                           "the database was not upgraded")
    op.execute("DROP TABLE changes")
    op.execute("ALTER TABLE changes_compact RENAME TO changes")
    op.execute("CREATE INDEX ix_changes_row_field ON changes (table_no, row_key, field_no)")
    op.execute(VIEW_SQL)


def downgrade() -> None:
    op.execute(OLD_TABLE)
    op.execute("INSERT INTO changes_text SELECT device_id, seq, stamp, table_name, row_id,"
               " field, value, pred, live FROM change_log ORDER BY device_id, seq")
    op.execute("DROP VIEW change_log")
    op.execute("DROP TABLE changes")
    op.execute("DROP TABLE log_names")
    op.execute("ALTER TABLE changes_text RENAME TO changes")
    op.execute("CREATE INDEX ix_changes_row_field ON changes (table_name, row_id, field)")
