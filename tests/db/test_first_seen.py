"""``person_first_seen`` (kept by triggers, migration f001) always equals each person's
first encounter computed from scratch, whatever is inserted, edited or deleted, and by whom
(the app's services, raw SQL as a sync import writes, a deleted event or meeting)."""

from __future__ import annotations

import random
from pathlib import Path

from sqlalchemy import text

from saypro_desktop.db.engine import Database
from saypro_desktop.services.demo import fill_demo
from saypro_desktop.services.workspace import open_workspace

FROM_SCRATCH = """
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
    ) WHERE person_id IS NOT NULL GROUP BY person_id"""


def _kept(db: Database) -> dict[str, str]:
    with db.engine.connect() as conn:
        return dict(conn.exec_driver_sql(
            "SELECT person_id, first_at FROM person_first_seen").all())


def _truth(db: Database) -> dict[str, str]:
    with db.engine.connect() as conn:
        return dict(conn.exec_driver_sql(FROM_SCRATCH).all())


def first_seen_is_right(db: Database) -> bool:
    """The kept first encounters equal the ones computed from scratch (and there are some)."""
    kept = _kept(db)
    return bool(kept) and kept == _truth(db)


def _ids(conn: object, table: str) -> list[str]:
    return [r[0] for r in conn.exec_driver_sql(f"SELECT id FROM {table}")]  # type: ignore[attr-defined]


MUTATIONS = [
    "UPDATE interactions SET occurred_at = datetime(occurred_at, '-{days} days') WHERE id = :id",
    "UPDATE interactions SET deleted_at = '2026-01-01 00:00:00' WHERE id = :id",
    "UPDATE interactions SET person_id = :person WHERE id = :id",
    "DELETE FROM sign_ins WHERE id = :signin",
    "UPDATE events SET starts_at = datetime(starts_at, '-{days} days') WHERE id = :event",
    "UPDATE events SET deleted_at = '2026-01-01 00:00:00' WHERE id = :event",
    "UPDATE events SET deleted_at = NULL WHERE id = :event",
    "UPDATE sign_ins SET deleted_at = '2026-01-01 00:00:00' WHERE id = :signin",
    "UPDATE sign_ins SET event_id = :event WHERE id = :signin",
    "UPDATE meeting_attendees SET attended = 0 WHERE id = :attendee",
    "UPDATE meeting_attendees SET attended = 1 WHERE id = :attendee",
    "UPDATE meetings SET starts_at = datetime(starts_at, '+{days} days') WHERE id = :meeting",
    "UPDATE signatures SET signed_at = datetime(signed_at, '-{days} days') WHERE id = :signature",
    "DELETE FROM meeting_attendees WHERE id = :attendee",
    "UPDATE signatures SET deleted_at = '2026-01-01 00:00:00' WHERE id = :signature",
]


def test_first_seen_follows_every_kind_of_write(tmp_path: Path) -> None:
    db = open_workspace(tmp_path / "demo.sqlite3")
    try:
        fill_demo(db, 200, seed=3)
        assert _kept(db) == _truth(db) and _kept(db)  # the demo's bulk writes kept it
        rng = random.Random(11)
        with db.engine.connect() as conn:
            people = _ids(conn, "people")
            pools = {"id": _ids(conn, "interactions"), "event": _ids(conn, "events"),
                     "signin": _ids(conn, "sign_ins"), "attendee": _ids(conn, "meeting_attendees"),
                     "meeting": _ids(conn, "meetings"), "signature": _ids(conn, "signatures")}
            for _ in range(300):
                sql = rng.choice(MUTATIONS).format(days=rng.randint(1, 400))
                params = {name: rng.choice(pool) for name, pool in pools.items() if pool}
                params["person"] = rng.choice(people)
                conn.execute(text(sql), {k: v for k, v in params.items() if f":{k}" in sql})
            conn.commit()
        assert _kept(db) == _truth(db)
    finally:
        db.dispose()


def test_new_people_through_the_services(tmp_path: Path) -> None:
    """A sign-in through the desk, then the event moved earlier: the person's first
    encounter moves with it; undoing the sign-in forgets them."""
    from saypro_desktop.services import people
    from saypro_desktop.services.context import AppServices

    app = AppServices(open_workspace(tmp_path / "saypro.sqlite3"))
    try:
        thandi = people.add_person(app.db, {"first_name": "Thandi", "last_name": "Nkosi"})
        event = app.events.add_event({"title": "Town hall", "kind": "town_hall",
                                      "starts_at": "2026-05-02 18:00"})
        app.events.signin.sign_in(event, thandi)
        assert _kept(app.db) == _truth(app.db) == {thandi: "2026-05-02 18:00:00"}
        app.events.update_event(event, {"starts_at": "2026-04-30 18:00"})
        assert _kept(app.db) == _truth(app.db) == {thandi: "2026-04-30 18:00:00"}
        app.events.signin.undo_sign_in(event, thandi)
        assert _kept(app.db) == _truth(app.db) == {}
    finally:
        app.close()
