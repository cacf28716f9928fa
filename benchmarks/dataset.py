"""The benchmark database: a seeded demo coalition, built once and cached.

The cache file name carries everything that changes its content: the number of
people, the seed, the schema head revision and a fingerprint of the demo data
generator, so a rerun reuses it and a change to any of those builds a new one.
Figures that write work on a throw-away copy, so the cached file stays pristine.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
import sqlite3
import sys
import time
from pathlib import Path

from saypro_desktop.db.migrate import head_revision

RESULTS = Path(__file__).resolve().parent / "results"


def generator_fingerprint() -> str:
    """A short hash of the demo generator's source (its output changes when it does)."""
    import saypro_desktop.services.demo as demo
    from saypro_desktop.resources import resource

    digest = hashlib.sha256()
    sources = sorted(Path(demo.__file__).parent.glob("*.py"))
    for path in [*sources, *sorted(resource("demo").glob("*.json"))]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def cache_path(cache_dir: Path, people: int, seed: int) -> Path:
    key = f"demo-{people}p-seed{seed}-schema{head_revision()}-gen{generator_fingerprint()}"
    return cache_dir / f"{key}.sqlite3"


def _checkpoint(path: Path) -> None:
    """Fold the WAL into the main file so a copy of the one file is complete."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()


def _revision(path: Path) -> str | None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def remove_database(path: Path) -> None:
    """Delete a database file with its WAL and shared-memory files, if there."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _remove_stale(cache_dir: Path, people: int, seed: int, keep: Path) -> None:
    """Drop older builds for the same people and seed (each is hundreds of MB), and the
    backups the app makes if a migration lands while a run has the file open."""
    for old in cache_dir.glob(f"demo-{people}p-seed{seed}-*.sqlite3"):
        if old != keep:
            remove_database(old)
    shutil.rmtree(cache_dir / "backups", ignore_errors=True)


def build_database(cache_dir: Path, people: int, seed: int, *, verbose: bool = True) -> Path:
    """Return the cached demo database for (people, seed), building it if needed."""
    from saypro_desktop.services.demo import fill_demo
    from saypro_desktop.services.workspace import open_workspace

    cache_dir.mkdir(parents=True, exist_ok=True)
    final = cache_path(cache_dir, people, seed)
    if final.exists() and _revision(final) == head_revision():
        return final
    remove_database(final)
    _remove_stale(cache_dir, people, seed, keep=final)
    partial = final.with_suffix(".partial")
    for leftover in cache_dir.glob(partial.name + "*"):
        leftover.unlink()
    started = time.perf_counter()
    last = [-1]

    def progress(done: int, total: int) -> bool:
        percent = done * 100 // max(total, 1)
        if verbose and percent != last[0] and percent % 5 == 0:
            last[0] = percent
            sys.stderr.write(f"\rbuilding demo database ({people:,} people): {percent:3d}%")
            sys.stderr.flush()
        return True

    db = open_workspace(partial)
    try:
        fill_demo(db, people, seed=seed, progress=progress)
    finally:
        db.dispose()
    _checkpoint(partial)
    partial.rename(final)
    if verbose:
        took = time.perf_counter() - started
        sys.stderr.write(f"\rbuilt {final.name} in {took:.0f} s{' ' * 20}\n")
    return final


def working_copy(source: Path, folder: Path, name: str) -> Path:
    """A fresh copy of ``source`` to write to (replacing an older copy of the same name)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    remove_database(target)
    shutil.copyfile(source, target)
    return target


CSV_COLUMNS = ["first_name", "last_name", "email", "phone", "organisation", "city", "province"]


def write_people_csv(db_path: Path, target: Path, rows: int) -> int:
    """Write up to ``rows`` people (cycled if the database has fewer) as a contact-list CSV."""
    conn = sqlite3.connect(db_path)
    try:
        data = conn.execute(
            """SELECT p.first_name, p.last_name, p.email, p.phone, o.name, p.city, p.province
            FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id
            WHERE p.deleted_at IS NULL ORDER BY p.rowid"""
        ).fetchall()
    finally:
        conn.close()
    if not data:
        raise RuntimeError(f"{db_path} has no people to export")
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_COLUMNS)
        for index in range(rows):
            writer.writerow(["" if v is None else v for v in data[index % len(data)]])
    return rows
