"""Errors a person can act on. Every message says what is wrong and what to do."""

from __future__ import annotations


class SayProError(Exception):
    """Base for every error the app shows to a person instead of a traceback."""


class ValidationError(SayProError):
    """A value a person typed or a file held is not acceptable."""


class CancelledError(SayProError):
    """A person stopped a long task before it finished; nothing of it was saved."""


class NotFoundError(SayProError):
    """A record asked for by id does not exist (or was deleted)."""


class DatabaseTooNewError(SayProError):
    """The database was written by a newer version of the app; we refuse to touch it."""


class DatabaseOpenError(SayProError):
    """The database file cannot be opened (not SQLite, damaged, unreadable)."""


class DatabaseDamagedError(DatabaseOpenError):
    """The database file is damaged; ``backup`` is the newest copy to restore, if any."""

    def __init__(self, message: str, backup: object = None) -> None:
        super().__init__(message)
        self.backup = backup


class DatabaseBusyError(SayProError):
    """Another program kept the database's write lock for longer than we wait."""
