"""Make the frozen database of one released schema revision (run once per release).

    python tests/db/make_fixtures.py 0006

writes tests/db/fixtures/schema-0006.sqlite3.gz: an empty database migrated to exactly that
revision, with one organisation, one person and one tag written with plain SQL the way that
revision stored them. The files are committed and never regenerated: a later change to an
old migration then shows up as a failing upgrade in test_fixture_databases.py.
"""

from __future__ import annotations

import gzip
import sqlite3
import sys
from pathlib import Path

from saypro_desktop.db.engine import Database
from saypro_desktop.db.migrate import upgrade

FIXTURES = Path(__file__).with_name("fixtures")
PERSON_ID = "01a1fd6d-d4da-7000-98c5-35a71c7f34dd"
ORG_ID = "01a1fd6d-d4da-7000-98c5-35a71c7f0001"
TAG_ID = "01a1fd6d-d4da-7000-98c5-35a71c7f0002"
STAMP = "2026-01-01 10:00:00"
ROWS = {
    "organisations": {"id": ORG_ID, "name": "Masithethe Youth Forum", "category": "youth_student",
                      "pipeline_stage": "committed", "priority": "high"},
    "people": {"id": PERSON_ID, "first_name": "Nomvula", "last_name": "Mahlangu",
               "email": "nomvula@example.org", "phone": "+27821234567",
               "organisation_id": ORG_ID, "category": "youth_student",
               "pipeline_stage": "committed", "city": "Mamelodi"},
    "tags": {"id": TAG_ID, "name": "Volunteer", "colour": "#2e7d32"},
}


def make(revision: str) -> Path:
    FIXTURES.mkdir(exist_ok=True)
    path = FIXTURES / f"schema-{revision}.sqlite3"
    path.unlink(missing_ok=True)
    db = Database(path)
    upgrade(db, revision, backup=False)
    db.dispose()
    con = sqlite3.connect(path)
    for table, values in ROWS.items():
        columns = {row[1]: row for row in con.execute(f"PRAGMA table_info({table})")}
        row = {k: v for k, v in values.items() if k in columns}
        for name, (_cid, _name, _type, notnull, default, _pk) in columns.items():
            if notnull and default is None and name not in row:
                row[name] = STAMP if name.endswith("_at") else "fixture"
        con.execute(
            f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
            list(row.values()),
        )
    con.commit()
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("PRAGMA page_size=512")  # ~150 tables and indexes: small pages keep it small
    con.execute("VACUUM")
    con.close()
    for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        extra.unlink(missing_ok=True)
    packed = path.with_name(path.name + ".gz")
    packed.write_bytes(gzip.compress(path.read_bytes(), mtime=0))
    path.unlink()
    return packed


if __name__ == "__main__":  # pragma: no cover
    for revision in sys.argv[1:]:
        print(make(revision))
