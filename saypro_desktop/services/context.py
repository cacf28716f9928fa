"""``AppServices``: the one object the window, every page and the CLI receive.

It is built once at start-up around the open database. Each area of the product is a
service object on it (``app.people``, ``app.organisations``, ...), so a screen or a command
asks the area for what it needs and never touches the database or sync code itself.
Writes announce what they changed through ``on_commit``; the window's operations runner
turns that into one signal every open page listens to.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from saypro_desktop.db.engine import Database
from saypro_desktop.domain.changes import ChangeSet
from saypro_desktop.services.workspace import open_workspace

if TYPE_CHECKING:
    from saypro_desktop.services.documents import DocumentsService


class AppServices:
    def __init__(self, db: Database) -> None:
        # Area services use this; screens and commands go through the area services.
        self.db = db

    @cached_property
    def documents(self) -> DocumentsService:
        from saypro_desktop.services.documents import DocumentsService

        return DocumentsService(self.db)

    @classmethod
    def open(cls, path: Path) -> AppServices:
        """Open (creating, backing up and migrating as needed) the database at ``path``."""
        return cls(open_workspace(path))

    @property
    def path(self) -> Path:
        return self.db.path

    def on_commit(self, listener: Callable[[ChangeSet], None]) -> Callable[[], None]:
        """Be told what every committed write changed (see domain.changes)."""
        return self.db.on_commit(listener)

    def close(self) -> None:
        self.db.dispose()
