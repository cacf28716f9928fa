"""Raw sqlite3 connections opened the way the app opens its own (same pragmas), for baselines."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from saypro_desktop.db.engine import BUSY_TIMEOUT_MS


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in (
        "PRAGMA journal_mode=WAL",
        "PRAGMA foreign_keys=ON",
        f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
        "PRAGMA synchronous=NORMAL",
        "PRAGMA secure_delete=ON",
        "PRAGMA cache_size=-32000",
    ):
        conn.execute(pragma)
    return conn
