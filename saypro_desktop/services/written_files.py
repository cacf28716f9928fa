"""The files the app wrote with personal data in them (exports, reports, drafts, PDFs).

Once written, a file is out of the app's hands; remembering where it went lets an erasure
tell the person which files may still hold the erased data (services.privacy).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import LocalSetting
from saypro_desktop.domain.time import utcnow
from saypro_desktop.services.unit_of_work import UnitOfWork

WRITTEN_FILES = "written_files"
MAX_REMEMBERED = 500


@dataclass(frozen=True, slots=True)
class WrittenFile:
    path: Path
    what: str  # "people export", "outbox draft", ...
    written_at: datetime


def note_written_file(db: Database, path: Path, what: str) -> None:
    """Remember that the app wrote ``path`` with personal data in it (local, never synced)."""
    note_written_files(db, [path], what)


def note_written_files(db: Database, paths: Sequence[Path], what: str) -> None:
    """``note_written_file`` for a whole batch (200 packets) in one transaction."""
    if not paths:
        return
    resolved = [str(Path(p).resolve()) for p in paths]
    with UnitOfWork(db) as uow:
        current = uow.session.get(LocalSetting, WRITTEN_FILES)
        entries = json.loads(current.value) if current else []
        entries = [e for e in entries if e["path"] not in set(resolved)]
        at = utcnow().isoformat(timespec="seconds")
        entries += [{"path": p, "what": what, "at": at} for p in resolved]
        uow.session.merge(LocalSetting(key=WRITTEN_FILES,
                                       value=json.dumps(entries[-MAX_REMEMBERED:])))


def written_files(db: Database) -> list[WrittenFile]:
    """Files the app wrote that are still where it wrote them, oldest first."""
    with db.reading() as session:
        current = session.get(LocalSetting, WRITTEN_FILES)
        entries = json.loads(current.value) if current else []
    return [WrittenFile(Path(e["path"]), e["what"], datetime.fromisoformat(e["at"]))
            for e in entries if Path(e["path"]).exists()]
