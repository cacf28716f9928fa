"""``AppServices``: the one object the window, every page and the CLI receive.

It is built once at start-up around the open database. Each area of the product is a
service object on it (``app.people``, ``app.organisations``, ``app.sync_files``, ...), so a
screen or a command asks the area for what it needs and never touches the database or
sync code itself. Writes announce what they changed through ``on_commit``; the window's
operations runner turns that into one signal every open page listens to.

The area objects for the first areas are in ``services/areas.py``; newer areas keep their
service class in their own module. They are thin: each method is the area module's function
with the database filled in. They are made on first use (``cached_property``) and import
their module on first call, so start-up loads only what the first screen shows. To add an
area, give it a service class and a ``cached_property`` below.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from saypro_desktop.db.engine import Database
from saypro_desktop.domain.changes import ChangeSet
from saypro_desktop.services.areas import (
    DashboardArea,
    DemoArea,
    DuplicatesArea,
    ExportsArea,
    ImportsArea,
    PeopleArea,
    SyncArea,
    SyncDevicesArea,
    SyncFilesArea,
    TagsArea,
)
from saypro_desktop.services.workspace import data_dir, open_workspace

if TYPE_CHECKING:
    from saypro_desktop.services.coalition import CoalitionService
    from saypro_desktop.services.commitments import CommitmentsService
    from saypro_desktop.services.concerns import ConcernsService
    from saypro_desktop.services.meetings import MeetingsService
    from saypro_desktop.services.outbox import OutboxService
    from saypro_desktop.services.outreach import OutreachService
    from saypro_desktop.services.templates import TemplateLibrary

if TYPE_CHECKING:
    from saypro_desktop.services.consent import ConsentService
    from saypro_desktop.services.events import EventsService
    from saypro_desktop.services.organisations import OrganisationsService
    from saypro_desktop.services.people_matching import PeopleMatcher

if TYPE_CHECKING:
    from saypro_desktop.services.campaigns import Campaigns
    from saypro_desktop.services.media import MediaItems
    from saypro_desktop.services.metrics import Metrics
    from saypro_desktop.services.reforms import Reforms
    from saypro_desktop.services.stories import Stories

if TYPE_CHECKING:
    from saypro_desktop.services.documents import DocumentsService


class AppServices:
    def __init__(self, db: Database, *, templates_dir: Path | None = None) -> None:
        # Area services use this; screens and commands go through the area services.
        self.db = db
        self._templates_dir = templates_dir

    # -- areas, in sidebar order ----------------------------------------------------------
    @cached_property
    def dashboard(self) -> DashboardArea:
        return DashboardArea(self.db)

    @cached_property
    def people(self) -> PeopleArea:
        return PeopleArea(self.db)

    @cached_property
    def tags(self) -> TagsArea:
        return TagsArea(self.db)

    @cached_property
    def imports(self) -> ImportsArea:
        return ImportsArea(self.db)

    @cached_property
    def exports(self) -> ExportsArea:
        return ExportsArea(self.db)

    @cached_property
    def duplicates(self) -> DuplicatesArea:
        return DuplicatesArea(self.db)

    @cached_property
    def sync(self) -> SyncArea:
        return SyncArea(self.db)

    @cached_property
    def sync_devices(self) -> SyncDevicesArea:
        return SyncDevicesArea(self.db)

    @cached_property
    def sync_files(self) -> SyncFilesArea:
        return SyncFilesArea(self.db)

    @cached_property
    def demo(self) -> DemoArea:
        return DemoArea(self.db)

    # Area services cost nothing until first used (each imports its module then).
    @cached_property
    def outreach(self) -> OutreachService:
        from saypro_desktop.services.outreach import OutreachService

        return OutreachService(self.db)

    @cached_property
    def meetings(self) -> MeetingsService:
        from saypro_desktop.services.meetings import MeetingsService

        return MeetingsService(self.db)

    @cached_property
    def commitments(self) -> CommitmentsService:
        from saypro_desktop.services.commitments import CommitmentsService

        return CommitmentsService(self.db)

    @cached_property
    def concerns(self) -> ConcernsService:
        from saypro_desktop.services.concerns import ConcernsService

        return ConcernsService(self.db)

    @cached_property
    def coalition(self) -> CoalitionService:
        from saypro_desktop.services.coalition import CoalitionService

        return CoalitionService(self.db)

    @cached_property
    def templates(self) -> TemplateLibrary:
        """Shipped letter templates plus the organiser's copies (in the user's data folder)."""
        from saypro_desktop.services.templates import TemplateLibrary

        return TemplateLibrary(self._templates_dir or data_dir() / "templates")

    @cached_property
    def outbox(self) -> OutboxService:
        from saypro_desktop.services.outbox import OutboxService

        return OutboxService(self.db, self.templates)

    @cached_property
    def consent(self) -> ConsentService:
        from saypro_desktop.services.consent import ConsentService

        return ConsentService(self.db)

    @cached_property
    def organisations(self) -> OrganisationsService:
        from saypro_desktop.services.organisations import OrganisationsService

        return OrganisationsService(self.db)

    @cached_property
    def people_matching(self) -> PeopleMatcher:
        """Who a typed person may already be (walk-ins, paper rows, forms)."""
        from saypro_desktop.services.people_matching import PeopleMatcher

        return PeopleMatcher(self.db)

    @cached_property
    def events(self) -> EventsService:
        from saypro_desktop.services.events import EventsService

        return EventsService(self.db, self.people_matching)

    @cached_property
    def campaigns(self) -> Campaigns:
        from saypro_desktop.services.campaigns import Campaigns

        return Campaigns(self.db)

    @cached_property
    def reforms(self) -> Reforms:
        from saypro_desktop.services.reforms import Reforms

        return Reforms(self.db)

    @cached_property
    def metrics(self) -> Metrics:
        from saypro_desktop.services.metrics import Metrics

        return Metrics(self.db)

    @cached_property
    def media(self) -> MediaItems:
        from saypro_desktop.services.media import MediaItems

        return MediaItems(self.db)

    @cached_property
    def stories(self) -> Stories:
        from saypro_desktop.services.stories import Stories

        return Stories(self.db)

    @cached_property
    def documents(self) -> DocumentsService:
        from saypro_desktop.services.documents import DocumentsService

        return DocumentsService(self.db, templates=self.templates)

    @classmethod
    def open(cls, path: Path, *, create_folder: bool = False) -> AppServices:
        """Open (creating, backing up and migrating as needed) the database at ``path``;
        ``create_folder`` for the app's own data folder (a typed path's folder must exist)."""
        return cls(open_workspace(path, create_folder=create_folder))

    @property
    def created(self) -> bool:
        """The database file was made just now (the CLI and window say so)."""
        return self.db.created

    @staticmethod
    def upgrade_pending(path: Path) -> bool:
        """Whether opening ``path`` first upgrades it to this version's schema."""
        from saypro_desktop.db.migrate import upgrade_pending

        return upgrade_pending(path)

    @staticmethod
    def restore_latest_backup(path: Path) -> tuple[Path, Path]:
        """Move a damaged database aside and put its newest backup in its place."""
        from saypro_desktop.db.recovery import restore_latest

        return restore_latest(path)

    @property
    def path(self) -> Path:
        return self.db.path

    def take_daily_backup(self) -> Path | None:
        """Today's safety copy of the database, unless one from the last day exists (the
        window takes it in the background after opening, so the day's first small import
        finds it there instead of waiting for a copy of the whole file). A read: the copy
        is consistent while the app writes."""
        from saypro_desktop.db.backup import safety_backup

        return safety_backup(self.db.path, "daily", large=False)

    def on_commit(self, listener: Callable[[ChangeSet], None]) -> Callable[[], None]:
        """Be told what every committed write changed (see domain.changes)."""
        return self.db.on_commit(listener)

    def on_write_wait(self, callback: Callable[[], None] | None) -> None:
        """Be told (from the writing thread) when a write waits for another program's lock."""
        self.db.on_wait = callback

    def close(self, *, discard_if_unused: bool = False) -> None:
        """Close the database; ``discard_if_unused`` removes a file this run created and
        never wrote to (a command that failed on a new path)."""
        if discard_if_unused:
            from saypro_desktop.db.migrate import discard_if_unused as discard

            if discard(self.db):
                return
        self.db.dispose()
