"""The Today view's read (follow-ups due, our action items, what is coming up) and the
sidebar's due count, vs the same rows read with raw SQL in the same run."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta

from benchmarks.figures.rawdb import connect
from benchmarks.harness import Context, Result, figure, median
from saypro_desktop.services.outreach import OutreachService
from saypro_desktop.services.workspace import open_workspace

ROWS = [
    ("today.read", "Today view read", "ms", "≤ 100 ms"),
    ("today.due_count", "Sidebar due count", "ms", "≤ 100 ms"),
]

_FOLLOW_UPS = """
SELECT f.id, f.description, f.due_on, f.status, f.person_id, p.first_name, p.last_name,
       f.organisation_id, o.name, f.assigned_to_id, a.first_name, a.last_name
FROM follow_ups f
LEFT JOIN people p ON p.id = f.person_id
LEFT JOIN organisations o ON o.id = f.organisation_id
LEFT JOIN people a ON a.id = f.assigned_to_id
WHERE f.deleted_at IS NULL AND f.status IN ('open', 'in_progress') AND f.due_on <= ?
ORDER BY f.due_on, f.id"""
_ACTIONS = """
SELECT x.id, x.description, x.due_on, x.status, x.owner_id, p.first_name, p.last_name,
       x.organisation_id, o.name, m.title
FROM action_items x
LEFT JOIN people p ON p.id = x.owner_id
LEFT JOIN organisations o ON o.id = x.organisation_id
LEFT JOIN meetings m ON m.id = x.meeting_id
WHERE x.deleted_at IS NULL AND x.status IN ('open', 'in_progress')
  AND ((x.owner_id IS NULL AND x.organisation_id IS NULL)
       OR x.owner_id IN (SELECT id FROM people WHERE organisation_id = ?)
       OR (x.owner_id IS NULL AND x.organisation_id = ?))
ORDER BY x.due_on IS NULL, x.due_on, x.id"""
_UPCOMING = """
SELECT id, starts_at, title, location FROM meetings
WHERE deleted_at IS NULL AND starts_at >= ? AND starts_at < ? ORDER BY starts_at"""
_PLANNED = """
SELECT i.id, i.occurred_at, i.channel, i.subject, p.first_name, p.last_name, o.name
FROM interactions i
LEFT JOIN people p ON p.id = i.person_id
LEFT JOIN organisations o ON o.id = i.organisation_id
WHERE i.deleted_at IS NULL AND i.occurred_at > ? AND i.occurred_at < ?"""
_COUNT = """
SELECT (SELECT count(*) FROM follow_ups WHERE deleted_at IS NULL
          AND status IN ('open', 'in_progress') AND due_on <= ?)
     + (SELECT count(*) FROM action_items x WHERE x.deleted_at IS NULL
          AND x.status IN ('open', 'in_progress') AND x.due_on <= ?
          AND ((x.owner_id IS NULL AND x.organisation_id IS NULL)
               OR x.owner_id IN (SELECT id FROM people WHERE organisation_id = ?)
               OR (x.owner_id IS NULL AND x.organisation_id = ?)))"""


def _timed(fn: object, runs: int, warmups: int) -> list[float]:
    times = []
    for index in range(warmups + runs):
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        if index >= warmups:
            times.append((time.perf_counter() - started) * 1000)
    return times


@figure("today", ROWS)
def today(ctx: Context) -> list[Result]:
    db = open_workspace(ctx.db_path)
    service = OutreachService(db)
    conn = connect(ctx.db_path)
    runs = ctx.repeats * 3
    now = datetime.now().replace(microsecond=0)
    day = now.date()
    start = datetime.combine(day, datetime.min.time())
    until = start + timedelta(days=14)
    ours = conn.execute("SELECT our_organisation_id FROM coalition_profile").fetchone()
    our_org = ours[0] if ours else None

    def raw_today() -> None:
        conn.execute(_FOLLOW_UPS, (day.isoformat(),)).fetchall()
        conn.execute(_ACTIONS, (our_org, our_org)).fetchall()
        conn.execute(_UPCOMING, (str(start), str(until))).fetchall()
        conn.execute(_PLANNED, (str(now), str(until))).fetchall()

    def raw_count() -> None:
        conn.execute(_COUNT, (day.isoformat(), day.isoformat(), our_org, our_org)).fetchone()

    try:
        view = service.today(now=now)
        ours_today = _timed(lambda: service.today(now=now), runs, ctx.warmups)
        raw_read = _timed(raw_today, runs, ctx.warmups)
        ours_count = _timed(lambda: service.due_count(on=date.today()), runs, ctx.warmups)
        raw_counted = _timed(raw_count, runs, ctx.warmups)
    finally:
        conn.close()
        db.dispose()
    shown = len(view.follow_ups) + len(view.action_items) + len(view.upcoming)
    return [
        Result(name=ROWS[0][0], label=ROWS[0][1], unit="ms", value=median(ours_today),
               baseline=median(raw_read), baseline_label="the same four queries, raw sqlite3",
               target=ROWS[0][3], note=f"{shown} rows shown (follow-ups, ours, coming up)",
               samples=ours_today, baseline_samples=raw_read),
        Result(name=ROWS[1][0], label=ROWS[1][1], unit="ms", value=median(ours_count),
               baseline=median(raw_counted), baseline_label="one raw COUNT query",
               target=ROWS[1][3], note="refreshed after every committed write",
               samples=ours_count, baseline_samples=raw_counted),
    ]
