"""The Organisations page and a partner's timeline, each against raw SQL in the same run.

First paint: a fresh app process switches to the Organisations page, after the page it
comes from has settled as it would between two clicks (its list query included; the region
choices and the duplicates count load just after the paint), until painted; the baseline reads the
same ids in display order with one raw query. Timeline: the busiest partner's timeline
through the service (every kind, labels and all) against the same rows read raw.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

from benchmarks.figures.qt import probe
from benchmarks.figures.rawdb import connect
from benchmarks.harness import Context, Result, figure, median, runs

ROWS = [
    ("organisations.first_paint", "Open Organisations page: time to first paint", "ms",
     "≤ 100 ms"),
    ("organisations.timeline", "A partner's timeline", "ms", "≤ 100 ms"),
    ("organisations.search", "Search organisations as you type (per keystroke)", "ms", "–"),
]

RAW_LIST = ("SELECT rowid, id, name FROM organisations WHERE deleted_at IS NULL "
            "AND merged_into_org_id IS NULL ORDER BY lower(name), id")
RAW_TIMELINE = [
    "SELECT id, occurred_at, channel, subject, notes, outcome FROM interactions "
    "WHERE organisation_id = ? AND deleted_at IS NULL",
    "SELECT id, moved_at, from_stage, to_stage FROM stage_moves "
    "WHERE organisation_id = ? AND deleted_at IS NULL",
    "SELECT id, assessed_on, shared_values FROM assessments "
    "WHERE organisation_id = ? AND deleted_at IS NULL",
    "SELECT id, kind, status FROM commitments WHERE organisation_id = ? AND deleted_at IS NULL",
    "SELECT id, category, status FROM concerns WHERE organisation_id = ? AND deleted_at IS NULL",
    "SELECT id, description FROM action_items WHERE organisation_id = ? AND deleted_at IS NULL",
    "SELECT m.id, m.starts_at, m.title FROM meetings m WHERE m.id IN (SELECT a.meeting_id "
    "FROM meeting_attendees a JOIN memberships s ON s.person_id = a.person_id "
    "WHERE s.organisation_id = ? AND s.deleted_at IS NULL) AND m.deleted_at IS NULL",
    "SELECT s.id, s.signed_in_at, e.title FROM sign_ins s JOIN events e ON e.id = s.event_id "
    "WHERE s.person_id IN (SELECT person_id FROM memberships WHERE organisation_id = ? "
    "AND deleted_at IS NULL) AND s.deleted_at IS NULL",
]
BUSIEST = ("SELECT organisation_id FROM interactions WHERE organisation_id IS NOT NULL "
           "GROUP BY organisation_id ORDER BY count(*) DESC LIMIT 1")


def _raw(ctx: Context, fn: Callable[[sqlite3.Connection], object]) -> list[float]:
    """Milliseconds per call of ``fn`` on a raw connection (after the warm-ups)."""
    conn = connect(ctx.db_path)
    try:
        for _ in range(ctx.warmups):
            fn(conn)
        return [_ms(lambda: fn(conn)) for _ in range(ctx.repeats * 3)]
    finally:
        conn.close()


@figure("organisations", ROWS)
def organisations(ctx: Context) -> list[Result]:
    from saypro_desktop.services.context import AppServices
    from saypro_desktop.services.organisations import OrganisationFilter
    from saypro_desktop.services.workspace import open_workspace

    opens: list[float] = []
    rows = 0
    for index in range(ctx.warmups + max(1, ctx.repeats // 2)):
        _child, data = probe(ctx, "organisations", str(ctx.db_path), "3")
        rows = data["rows"]
        if index >= ctx.warmups:
            opens += [s * 1000 for s in data["open_s"]]
    raw_list = _raw(ctx, lambda conn: conn.execute(RAW_LIST).fetchall())

    db = open_workspace(ctx.db_path)
    try:
        app = AppServices(db)
        with db.reading() as session:
            busiest = session.connection().exec_driver_sql(BUSIEST).scalar()
        org_id = str(busiest)
        entries = len(app.organisations.timeline(org_id))
        timeline = runs(ctx, lambda: _ms(lambda: app.organisations.timeline(org_id)))
        lister = app.organisations.lister()
        lister.ids(OrganisationFilter())  # the order is read once when the page opens
        words = ["s", "so", "sow", "sowe", "sowet", "soweto"]
        typing = runs(ctx, lambda: sum(
            _ms(lambda w=w: lister.ids(OrganisationFilter(search=w))) for w in words
        ) / len(words))
    finally:
        db.dispose()
    raw_timeline = _raw(ctx, lambda conn: [conn.execute(sql, (org_id,)).fetchall()
                                           for sql in RAW_TIMELINE])
    return [
        Result(name=ROWS[0][0], label=ROWS[0][1], unit="ms", value=median(opens),
               baseline=median(raw_list), baseline_label="raw ordered id query",
               target=ROWS[0][3], samples=opens, baseline_samples=raw_list,
               note=f"{rows:,} organisations; switch to the page until painted"),
        Result(name=ROWS[1][0], label=ROWS[1][1], unit="ms", value=median(timeline),
               baseline=median(raw_timeline), baseline_label="raw SELECTs of the same rows",
               target=ROWS[1][3], samples=timeline, baseline_samples=raw_timeline,
               note=f"the busiest partner: {entries} entries of every kind"),
        Result(name=ROWS[2][0], label=ROWS[2][1], unit="ms", value=median(typing),
               baseline=median(raw_list), baseline_label="raw ordered id query",
               target=ROWS[2][3], samples=typing, baseline_samples=raw_list,
               note="FTS5 match kept in list order, 'soweto' typed letter by letter"),
    ]


def _ms(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000
