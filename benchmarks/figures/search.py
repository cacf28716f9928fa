"""Search as you type: what the People page runs per keystroke, vs a raw FTS5 MATCH."""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path

from benchmarks.figures.rawdb import connect
from benchmarks.harness import Context, Result, figure, median, percentile
from saypro_desktop.db.engine import Database
from saypro_desktop.db.search import fts_query
from saypro_desktop.services.people import PeopleFilter, PeopleLister, fetch_rows
from saypro_desktop.services.workspace import open_workspace

PAGE = 200  # rows the table paints first (ui.people.model.PAGE_SIZE)
TARGET = "p95 < 20 ms"
WINDOW_TARGET = "p95 ≤ 33 ms (two frames) at every prefix length"
ROWS = [
    ("search.p50", "Search as you type, p50 per keystroke", "ms", "–"),
    ("search.p95", "Search as you type, p95 per keystroke", "ms", TARGET),
    ("search.window_p50", "Search in the window, keystroke to repainted table, p50", "ms",
     "–"),
    ("search.window_p95", "Search in the window, keystroke to repainted table, p95", "ms",
     WINDOW_TARGET),
]


def _prefixes(word: str, longest: int = 8) -> list[str]:
    return [word[:n] for n in range(1, min(len(word), longest) + 1)]


def keystrokes(db_path: Path, seed: int) -> list[str]:
    """What someone types, keystroke by keystroke: real names, a full name, an email, a phone."""
    conn = sqlite3.connect(db_path)
    try:
        (count,) = conn.execute("SELECT count(*) FROM people").fetchone()
        rng = random.Random(seed)
        picks = [
            conn.execute(
                "SELECT first_name, last_name, email, phone FROM people "
                "WHERE first_name IS NOT NULL AND last_name IS NOT NULL "
                "AND email IS NOT NULL AND phone IS NOT NULL AND deleted_at IS NULL "
                "LIMIT 1 OFFSET ?",
                (rng.randrange(max(count // 2, 1)),),
            ).fetchone()
            for _ in range(3)
        ]
        (common,) = conn.execute(
            "SELECT first_name FROM people WHERE first_name IS NOT NULL "
            "GROUP BY first_name ORDER BY count(*) DESC, first_name LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    terms: list[str] = []
    terms += _prefixes(common.lower())  # "t", "th", "tha", "than", ...
    for first, last, email, phone in [p for p in picks if p is not None]:
        terms += _prefixes(last.lower(), 6)
        terms += [f"{first.lower()} {last.lower()[:n]}" for n in (1, 3)]
        terms += [email.split("@")[0][:n] for n in (3, 6)]
        national = "0" + phone[3:] if phone.startswith("+27") else phone.lstrip("+")
        terms += [national[:3], f"{national[:3]} {national[3:6]}", national[:8]]
    return terms


def _app_keystroke(db: Database, lister: PeopleLister, term: str) -> float:
    """What the People page does per keystroke: the ordered ids of matches (PeopleLister,
    its sort order read once beforehand, as the page does when shown) and the first rows."""
    started = time.perf_counter()
    ids = lister.ids(PeopleFilter(search=term))
    fetch_rows(db, ids[:PAGE])
    return time.perf_counter() - started


def _raw_keystroke(conn: sqlite3.Connection, term: str) -> float:
    query = fts_query(term)
    started = time.perf_counter()
    conn.execute(
        "SELECT rowid FROM people_fts WHERE people_fts MATCH ? LIMIT ?", (query, PAGE)
    ).fetchall()
    return time.perf_counter() - started


@figure("search", ROWS)
def search(ctx: Context) -> list[Result]:
    terms = keystrokes(ctx.db_path, ctx.seed)
    db = open_workspace(ctx.db_path)
    lister = PeopleLister(db)
    lister.ids(PeopleFilter())  # the page reads the order when it is shown, not per keystroke
    conn = connect(ctx.db_path)
    ours: list[list[float]] = []
    raw: list[list[float]] = []
    slowest: dict[str, float] = {}
    try:
        for index in range(ctx.warmups + ctx.repeats):
            run_ours = [_app_keystroke(db, lister, t) * 1000 for t in terms]
            run_raw = [_raw_keystroke(conn, t) * 1000 for t in terms]
            if index < ctx.warmups:
                continue
            ours.append(run_ours)
            raw.append(run_raw)
            for term, ms in zip(terms, run_ours, strict=True):
                slowest[term] = max(slowest.get(term, 0.0), ms)
    finally:
        conn.close()
        db.dispose()
    worst = sorted(slowest.items(), key=lambda kv: -kv[1])[:5]
    note = f"{len(terms)} keystrokes per run; slowest: " + ", ".join(
        f"{t!r} {ms:.0f} ms" for t, ms in worst
    )
    results = []
    for (name, label, unit, target), pct in zip(ROWS[:2], (50, 95), strict=True):
        per_run = [percentile(r, pct) for r in ours]
        per_run_raw = [percentile(r, pct) for r in raw]
        results.append(
            Result(
                name=name,
                label=label,
                unit=unit,
                value=median(per_run),
                baseline=median(per_run_raw),
                baseline_label="raw FTS5 MATCH LIMIT 200",
                target=target,
                note=note,
                samples=per_run,
                baseline_samples=per_run_raw,
            )
        )
    return results + _in_the_window(ctx, terms)


def _in_the_window(ctx: Context, terms: list[str]) -> list[Result]:
    """The People page in a real (offscreen) window: from the search running to the table
    repainted, every term typed letter by letter (one-letter prefixes included), against a
    bare QTableView filled from a raw FTS5 MATCH in the same probe."""
    import json

    from benchmarks.figures.qt import probe

    terms_path = ctx.work_dir / "search-terms.json"
    terms_path.write_text(json.dumps(terms), encoding="utf-8")
    _child, data = probe(ctx, "typing", str(ctx.db_path), str(terms_path),
                         str(ctx.warmups + ctx.repeats))
    skip = ctx.warmups
    ours = [s * 1000 for runs in data["ours"].values() for s in runs[skip:]]
    bare = [s * 1000 for runs in data["bare"].values() for s in runs[skip:]]
    by_length: dict[int, list[float]] = {}
    for term, runs in data["ours"].items():
        by_length.setdefault(len(term), []).extend(s * 1000 for s in runs[skip:])
    worst = ", ".join(f"{n} letters {percentile(v, 95):.0f}"
                      for n, v in sorted(by_length.items()) if n <= 4)
    note = f"{len(terms)} keystrokes; p95 by prefix length: {worst} ms"
    results = []
    for (name, label, unit, target), pct in zip(ROWS[2:], (50, 95), strict=True):
        results.append(Result(
            name=name, label=label, unit=unit, value=percentile(ours, pct),
            baseline=percentile(bare, pct),
            baseline_label="bare QTableView from a raw FTS5 MATCH, repainted",
            target=target, note=note, samples=ours, baseline_samples=bare))
    return results
