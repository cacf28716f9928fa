"""The sign-in desk: the match list per keystroke, and one sign-in committed and confirmed.

Both are measured beside raw sqlite3 baselines in the same run: the desk's list against a
bare FTS5 MATCH of the same text (five rows), and a sign-in against a raw INSERT + COMMIT of
a sign-in-sized row followed by the same fsync of the write-ahead log the desk makes so a
confirmed sign-in survives a power cut.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from pathlib import Path

from benchmarks.figures.rawdb import connect
from benchmarks.figures.search import keystrokes
from benchmarks.harness import Context, Result, figure, median, percentile
from saypro_desktop.db.search import fts_query
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.events_desk import MIN_TYPED
from saypro_desktop.services.events_signin import DeskInfo
from saypro_desktop.services.workspace import open_workspace

SIGN_INS_PER_RUN = 40
ROWS = [
    ("signin.match_p95", "Sign-in desk match list per keystroke, p95", "ms", "p95 ≤ 15 ms"),
    ("signin.commit_p95", "Sign-in desk commit and confirm, p95", "ms", "p95 ≤ 20 ms"),
]


def _fsync_wal(path: Path) -> None:
    wal = Path(f"{path}-wal")
    with (wal if wal.exists() else path).open("rb+") as handle:
        os.fsync(handle.fileno())


def raw_insert_p95(ctx: Context, conn: sqlite3.Connection, path: Path) -> list[float]:
    """Per run, p95 of a raw INSERT of a sign-in-sized row, COMMIT and WAL fsync."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS bench_sign_ins (id TEXT PRIMARY KEY, event_id TEXT, "
        "person_id TEXT, signed_in_at TEXT, source TEXT, walk_in INTEGER, consent INTEGER)"
    )
    per_run: list[float] = []
    counter = 0
    for index in range(ctx.warmups + ctx.repeats):
        times = []
        for _ in range(SIGN_INS_PER_RUN):
            counter += 1
            started = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                "INSERT INTO bench_sign_ins VALUES (?, ?, ?, datetime('now'), 'desk', 0, 1)",
                (f"bench-{counter}", "event", f"person-{counter}"),
            )
            conn.execute("COMMIT")
            _fsync_wal(path)
            times.append((time.perf_counter() - started) * 1000)
        if index >= ctx.warmups:
            per_run.append(percentile(times, 95))
    return per_run


def _desk_terms(db_path: Path, seed: int) -> list[str]:
    """What attendees type at the desk: the search keystrokes from the third character."""
    return [t for t in keystrokes(db_path, seed) if len("".join(t.split())) >= MIN_TYPED]


RAW_MATCH = ("SELECT p.id, p.first_name, p.last_name, p.city, p.phone FROM people_fts f "
             "JOIN people p ON p.rowid = f.rowid WHERE people_fts MATCH ? LIMIT 5")


@figure("signin", ROWS)
def signin(ctx: Context) -> list[Result]:
    path = ctx.writable_db()
    db = open_workspace(path)
    app = AppServices(db)
    conn = connect(path)
    try:
        event = app.events.add_event({"title": "Benchmark town hall", "kind": "town_hall",
                                      "starts_at": "2026-12-05 18:00"})
        ids = [r[0] for r in conn.execute(
            "SELECT id FROM people WHERE deleted_at IS NULL AND merged_into_id IS NULL")]
        rng = random.Random(ctx.seed)
        rng.shuffle(ids)
        terms = _desk_terms(ctx.db_path, ctx.seed)
        desk = app.events.signin
        info = DeskInfo("Front door", "Benchmark")
        per = SIGN_INS_PER_RUN if not ctx.quick else SIGN_INS_PER_RUN // 2
        match_ours: list[float] = []
        match_raw: list[float] = []
        commit_ours: list[float] = []
        for index in range(ctx.warmups + ctx.repeats):
            run_ours, run_raw = [], []
            for term in terms:
                started = time.perf_counter()
                desk.desk_matches(event, term)
                run_ours.append((time.perf_counter() - started) * 1000)
                query = fts_query(term)
                started = time.perf_counter()
                conn.execute(RAW_MATCH, (query,)).fetchall()
                run_raw.append((time.perf_counter() - started) * 1000)
            run_commit = []
            for _ in range(per):
                person_id = ids.pop()
                started = time.perf_counter()
                result = desk.sign_in(event, person_id, desk=info)
                run_commit.append((time.perf_counter() - started) * 1000)
                assert not result.already
            if index >= ctx.warmups:
                match_ours.append(percentile(run_ours, 95))
                match_raw.append(percentile(run_raw, 95))
                commit_ours.append(percentile(run_commit, 95))
        commit_raw = raw_insert_p95(ctx, conn, path)
    finally:
        conn.close()
        db.dispose()
    return [
        Result(
            name=ROWS[0][0], label=ROWS[0][1], unit="ms", value=median(match_ours),
            baseline=median(match_raw), baseline_label="raw FTS5 MATCH, 5 rows",
            target=ROWS[0][3],
            note=f"{len(terms)} keystrokes per run (names, an email, phones; from the 3rd "
                 "character), RSVPs first, at most 5 masked rows",
            samples=match_ours, baseline_samples=match_raw,
        ),
        Result(
            name=ROWS[1][0], label=ROWS[1][1], unit="ms", value=median(commit_ours),
            baseline=median(commit_raw), baseline_label="raw INSERT + COMMIT + WAL fsync",
            target=ROWS[1][3],
            note=f"{per} sign-ins per run through the unit of work (change log, sync stamps),"
                 " each flushed to the disk before it is confirmed",
            samples=commit_ours, baseline_samples=commit_raw,
        ),
    ]
