"""Privacy erasure that reaches every copy the app keeps, and the files it wrote.

Erasing a person blanks their personal data here and, through sync, on every device
(services.sync.erase_person). This module makes it reach the rest of this laptop: the
backups (scrubbed in place, see db.backup.scrub_backups), and the files the app wrote that
may hold them (exports, import reports, outbox drafts, PDFs), which it cannot know the
contents of once written: those are listed for the person to delete.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, or_

from saypro_desktop.db.backup import scrub_backups
from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import DuplicateCandidate
from saypro_desktop.services.sync import erase_person as erase_everywhere
from saypro_desktop.services.sync import wipe_free_space
from saypro_desktop.services.unit_of_work import UnitOfWork
from saypro_desktop.services.written_files import WrittenFile, written_files
from saypro_desktop.sync.operations import PERSONAL_FIELDS


@dataclass(frozen=True, slots=True)
class ErasureReport:
    backups_scrubbed: int
    files_to_check: list[WrittenFile]  # files the app wrote before the erasure, still there


def erase_person(db: Database, person_id: str) -> ErasureReport:
    """Erase a person here, everywhere it syncs, and in this laptop's backups; say which
    files written earlier may still hold them."""
    erase_everywhere(db, person_id)
    with UnitOfWork(db) as uow:  # the queue's reasons quote emails and phones
        uow.session.execute(delete(DuplicateCandidate).where(or_(
            DuplicateCandidate.first_id == person_id, DuplicateCandidate.second_id == person_id)))
    wipe_free_space(db)
    scrubbed = scrub_backups(db.path, [person_id], sorted(PERSONAL_FIELDS))
    return ErasureReport(scrubbed, written_files(db))
