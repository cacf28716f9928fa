"""Thin area services for the first areas (people, tags, imports, exports, duplicates, sync,
demo): each method is its service module's function with the database filled in, and
imports that module on first call so start-up stays light. ``AppServices`` (context.py)
makes one of each on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from saypro_desktop.db.engine import Database

if TYPE_CHECKING:
    from saypro_desktop.services.dashboard import CoalitionCounts
    from saypro_desktop.services.demo import DemoSummary
    from saypro_desktop.services.duplicates import DuplicateCandidate
    from saypro_desktop.services.imports import ImportPlan, ImportReport, PreviewRow
    from saypro_desktop.services.people import (
        ConsentState,
        PeopleFilter,
        PeopleLister,
        PersonDetail,
        PersonRow,
    )
    from saypro_desktop.services.privacy import ErasureReport
    from saypro_desktop.services.sync import Conflict
    from saypro_desktop.services.sync_devices import SyncIdentity
    from saypro_desktop.services.sync_files import (
        ExportResult,
        FileReport,
        ImportReceipt,
        SyncStatus,
    )
    from saypro_desktop.services.tags import TagChoice

Progress = Callable[[int, int], bool | None]


class _Area:
    def __init__(self, db: Database) -> None:
        self._db = db


class PeopleArea(_Area):
    def lister(self) -> PeopleLister:
        """Sorted, filtered id lists, cached until ``invalidate()`` (the People table)."""
        from saypro_desktop.services.people import PeopleLister

        return PeopleLister(self._db)

    def ids(self, flt: PeopleFilter | None = None) -> list[str]:
        from saypro_desktop.services.people import PeopleFilter, list_person_ids

        return list_person_ids(self._db, flt or PeopleFilter())

    def search(self, flt: PeopleFilter, *, limit: int | None = None) -> list[PersonRow]:
        from saypro_desktop.services.people import search_people

        return search_people(self._db, flt, limit=limit)

    def rows(self, ids: Sequence[str]) -> list[PersonRow]:
        from saypro_desktop.services.people import fetch_rows

        return fetch_rows(self._db, ids)

    def count(self) -> int:
        from saypro_desktop.services.people import count_people

        return count_people(self._db)

    def get(self, person_id: str) -> PersonDetail:
        from saypro_desktop.services.people import get_person

        return get_person(self._db, person_id)

    def add(self, fields: Mapping[str, Any]) -> str:
        from saypro_desktop.services.people import add_person

        return add_person(self._db, fields)

    def update(self, person_id: str, changes: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
        from saypro_desktop.services.people import update_person

        return update_person(self._db, person_id, changes)

    def delete(self, person_id: str) -> None:
        from saypro_desktop.services.people import delete_person

        delete_person(self._db, person_id)

    def save(self, person_id: str | None, fields: Mapping[str, Any], *,
             tags: Sequence[str] | None = None, consents: Mapping[str, str] | None = None
             ) -> tuple[str, dict[str, tuple[Any, Any]]]:
        """The person form's Save: fields, tags and consent answers in one unit of work."""
        from saypro_desktop.services.people import save_person

        return save_person(self._db, person_id, fields, tags=tags, consents=consents)

    def set_tags(self, person_id: str, names: Sequence[str]) -> bool:
        from saypro_desktop.services.people import set_person_tags

        return set_person_tags(self._db, person_id, names)

    def consents(self, person_id: str) -> dict[str, ConsentState]:
        from saypro_desktop.services.people import person_consents

        return person_consents(self._db, person_id)

    def set_consent(self, person_id: str, channel: str, status: str, source: str) -> None:
        from saypro_desktop.services.people import set_consent

        set_consent(self._db, person_id, channel, status, source)

    def erase(self, person_id: str) -> ErasureReport:
        """Erase a person's personal data here, in backups, and (by sync) everywhere."""
        from saypro_desktop.services.privacy import erase_person

        return erase_person(self._db, person_id)


class TagsArea(_Area):
    def choices(self) -> list[TagChoice]:
        from saypro_desktop.services.tags import list_tags

        return list_tags(self._db)

    def add(self, name: str, colour: str | None = None) -> str:
        from saypro_desktop.services.tags import add_tag

        return add_tag(self._db, name, colour)


class DashboardArea(_Area):
    def counts(self) -> CoalitionCounts:
        from saypro_desktop.services.dashboard import coalition_counts

        return coalition_counts(self._db)


class ImportsArea(_Area):
    def target_fields(self, kind: str) -> list[tuple[str, str]]:
        from saypro_desktop.services.imports import target_fields

        return target_fields(kind)

    def plan(self, path: Path, *, kind: str = "people", mapping_name: str | None = None,
             event_id: str | None = None) -> ImportPlan:
        from saypro_desktop.services.imports import plan_import

        return plan_import(self._db, path, kind=kind, mapping_name=mapping_name,
                           event_id=event_id)

    def mappings(self) -> list[str]:
        from saypro_desktop.services.imports import list_mappings

        return list_mappings(self._db)

    def save_mapping(self, name: str, plan: ImportPlan) -> None:
        from saypro_desktop.services.imports import save_mapping

        save_mapping(self._db, name, plan)

    def preview(self, plan: ImportPlan, limit: int = 10) -> list[PreviewRow]:
        from saypro_desktop.services.imports import preview

        return preview(self._db, plan, limit)

    def run(self, plan: ImportPlan, *, on_bad_rows: str = "cancel", dry_run: bool = False,
            progress: Progress | None = None) -> ImportReport:
        from saypro_desktop.services.imports import run_import

        return run_import(self._db, plan, on_bad_rows=on_bad_rows, dry_run=dry_run,
                          progress=progress)


class ExportsArea(_Area):
    def people(self, out: Path, fmt: str, *, consent_channel: str | None = None,
               include_organisations: bool = False) -> int:
        from saypro_desktop.services.exports import export_people

        return export_people(self._db, out, fmt, consent_channel=consent_channel,
                             include_organisations=include_organisations)

    def organisations(self, out: Path, fmt: str) -> int:
        from saypro_desktop.services.exports import export_organisations

        return export_organisations(self._db, out, fmt)

    def calendar(self, out: Path) -> int:
        from saypro_desktop.services.exports import export_calendar

        return export_calendar(self._db, out)


class DuplicatesArea(_Area):
    def candidates(self) -> list[DuplicateCandidate]:
        from saypro_desktop.services.duplicates import list_candidates

        return list_candidates(self._db)

    def merge(self, first_id: str, second_id: str) -> str:
        from saypro_desktop.services.duplicates import merge_people

        return merge_people(self._db, first_id, second_id)

    def dismiss(self, candidate_id: str) -> None:
        from saypro_desktop.services.duplicates import dismiss_candidate

        dismiss_candidate(self._db, candidate_id)


class SyncArea(_Area):
    """Conflicts left by merging other laptops' changes."""

    @staticmethod
    def is_deletion(conflict: Conflict) -> bool:
        """A row deleted on one device and changed on another (keep it, or delete it)."""
        from saypro_desktop.sync.operations import DELETED_FIELD

        return conflict.field == DELETED_FIELD

    def conflicts(self) -> list[Conflict]:
        from saypro_desktop.services.sync import list_conflicts

        return list_conflicts(self._db)

    def resolve(self, table: str, row_id: str, field_name: str, value: Any) -> None:
        from saypro_desktop.services.sync import resolve_conflict

        resolve_conflict(self._db, table, row_id, field_name, value)


class SyncDevicesArea(_Area):
    """The coalition's laptops: set-up, invitations, revocation."""

    @property
    def min_passphrase_chars(self) -> int:
        """The shortest invitation passphrase accepted (forms check it before anything else)."""
        from saypro_desktop.sync.keys.invitations import MIN_PASSPHRASE_CHARS

        return MIN_PASSPHRASE_CHARS

    def is_set_up(self) -> bool:
        from saypro_desktop.services.sync_devices import is_set_up

        return is_set_up(self._db)

    def identity(self) -> SyncIdentity:
        from saypro_desktop.services.sync_devices import load_identity

        return load_identity(self._db)

    def init_office(self, name: str = "Office") -> str:
        from saypro_desktop.services.sync_devices import init_office

        return init_office(self._db, name)

    def join(self, invitation: bytes, passphrase: str) -> str:
        from saypro_desktop.services.sync_devices import join

        return join(self._db, invitation, passphrase)

    def invite(self, name: str, passphrase: str, out: Path) -> str:
        from saypro_desktop.services.sync_devices import invite

        return invite(self._db, name, passphrase, out)

    def revoke(self, device: str) -> str:
        from saypro_desktop.services.sync_devices import revoke

        return revoke(self._db, device)


class SyncFilesArea(_Area):
    """Sync by file: export a bundle, preview and import others'."""

    def export(self, out: Path, *, full: bool = False) -> ExportResult:
        from saypro_desktop.services.sync_files import export_bundle

        return export_bundle(self._db, out, full=full)

    def bundle_files(self, paths: Sequence[Path]) -> list[Path]:
        from saypro_desktop.services.sync_files import bundle_files

        return bundle_files(paths)

    def describe(self, path: Path) -> FileReport:
        from saypro_desktop.services.sync_files import describe

        return describe(self._db, path)

    def import_files(self, paths: Sequence[Path],
                     progress: Progress | None = None) -> ImportReceipt:
        from saypro_desktop.services.sync_files import import_files

        return import_files(self._db, paths, progress)

    def status(self) -> SyncStatus:
        from saypro_desktop.services.sync_files import sync_status

        return sync_status(self._db)


class DemoArea(_Area):
    def fill(self, people: int = 1500, *, seed: int = 7, progress: Progress | None = None,
             today: date | None = None) -> DemoSummary:
        """Demo data written up to ``today`` (the real date for a person; fixed in tests)."""
        from saypro_desktop.services.demo import fill_demo

        return fill_demo(self._db, people, seed=seed, progress=progress, today=today)


