"""The Dashboard and ``saypro metrics --json`` on the demo database, each beside the same
figures computed by the very same SQL statements on a raw sqlite3 connection.

The baseline statements are captured from the metrics service itself (one snapshot of the
range the dashboard opens on, the coalition diversity and the campaign list), then replayed
raw, so the ratio is what the service, the window and the charts add on top of SQLite.
"""

from __future__ import annotations

import contextlib
import io
import time
from pathlib import Path
from typing import Any

from benchmarks.figures.qt import probe
from benchmarks.figures.rawdb import connect
from benchmarks.harness import NOT_BUILT, Context, Result, figure, median

TARGET = "≤ 150 ms and ≤ 3× raw SQL"
ROWS = [
    ("dashboard.open", "Dashboard open, every figure and chart painted", "ms", TARGET),
    ("dashboard.metrics_cli", "saypro metrics --json (in process)", "ms", TARGET),
    ("dashboard.metrics_cli_campaign",
     "saypro metrics --campaign ID --json (the dashboard's figures)", "ms", TARGET),
]


def captured_statements(db_path: Path, *, dashboard: bool = True,
                        campaign: bool = False) -> list[tuple[str, Any]]:
    """The SQL the dashboard's figures run (or, with ``dashboard=False``, what
    ``saypro metrics --json`` runs: every figure of the whole history, or with ``campaign``
    of the current campaign), in order."""
    from sqlalchemy import event

    from saypro_desktop.services.context import AppServices

    app = AppServices.open(db_path)
    statements: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_a: Any) -> None:
        statements.append((statement, parameters))

    try:
        current = app.campaigns.current() if dashboard or campaign else None
        rng = app.metrics.range_for(current.id if current else None)
        event.listen(app.db.engine, "before_cursor_execute", capture)
        if dashboard:
            app.campaigns.all()
        app.metrics.snapshot(rng)
        if dashboard:
            app.metrics.diversity()
        event.remove(app.db.engine, "before_cursor_execute", capture)
    finally:
        app.close()
    return [(sql, params) for sql, params in statements
            if not sql.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA"))]


def _raw(ctx: Context, statements: list[tuple[str, Any]], runs: int) -> list[float]:
    conn = connect(ctx.db_path)
    times = []
    try:
        for index in range(ctx.warmups + runs):
            started = time.perf_counter()
            for sql, params in statements:
                conn.execute(sql, params).fetchall()
            if index >= ctx.warmups:
                times.append((time.perf_counter() - started) * 1000)
    finally:
        conn.close()
    return times


def _cli(ctx: Context, runs: int, *options: str) -> list[float]:
    from saypro_desktop.cli import main

    times = []
    for index in range(ctx.warmups + runs):
        out = io.StringIO()
        started = time.perf_counter()
        with contextlib.redirect_stdout(out):
            code = main(["--db", str(ctx.db_path), "metrics", *options, "--json"])
        took = (time.perf_counter() - started) * 1000
        if code != 0:
            raise RuntimeError("saypro metrics --json failed")
        if index >= ctx.warmups:
            times.append(took)
    return times


@figure("dashboard", ROWS)
def dashboard(ctx: Context) -> list[Result]:
    statements = captured_statements(ctx.db_path)
    ctx.log(f"dashboard: {len(statements)} statements per load")
    opens: list[float] = []
    firsts: list[float] = []
    for index in range(ctx.warmups + max(1, ctx.repeats // 2)):
        _child, data = probe(ctx, "dashboard", str(ctx.db_path), "3")
        if index >= ctx.warmups:
            opens += [s * 1000 for s in data["open_s"]]
            firsts.append(data["first_s"] * 1000)
    raw = _raw(ctx, statements, ctx.repeats * 3)
    cli = _cli(ctx, ctx.repeats)
    cli_raw = _raw(ctx, captured_statements(ctx.db_path, dashboard=False), ctx.repeats)
    campaign_id = _current_campaign(ctx.db_path)
    scoped = _cli(ctx, ctx.repeats, "--campaign", campaign_id) if campaign_id else []
    scoped_raw = _raw(ctx, captured_statements(ctx.db_path, dashboard=False, campaign=True),
                      ctx.repeats) if campaign_id else []
    return [
        Result(name=ROWS[0][0], label=ROWS[0][1], unit="ms", value=median(opens),
               baseline=median(raw), baseline_label="the same SQL, raw sqlite3",
               target=ROWS[0][3],
               note="switch to the page; wait until every figure and chart has painted; "
                    f"the first open of a session (it makes the charts) {median(firsts):.0f} ms",
               samples=opens, baseline_samples=raw),
        Result(name=ROWS[1][0], label=ROWS[1][1], unit="ms", value=median(cli),
               baseline=median(cli_raw), baseline_label="the same SQL, raw sqlite3",
               target=ROWS[1][3], note="opens the database, computes, prints JSON; every "
               "figure of the whole history", samples=cli, baseline_samples=cli_raw),
        Result(name=ROWS[2][0], label=ROWS[2][1], unit="ms",
               value=median(scoped) if scoped else NOT_BUILT,
               baseline=median(scoped_raw) if scoped_raw else "no campaign in the demo",
               baseline_label="the same SQL, raw sqlite3", target=ROWS[2][3],
               note="the current campaign's range, as the dashboard opens on",
               samples=scoped, baseline_samples=scoped_raw),
    ]


def _current_campaign(db_path: Path) -> str | None:
    from saypro_desktop.services.context import AppServices

    app = AppServices.open(db_path)
    try:
        current = app.campaigns.current()
        return current.id if current else None
    finally:
        app.close()
