"""People search behind a small interface, so FTS5 stays an SQLite detail.

``people_matching(dialect, text)`` returns a WHERE clause over the ``people``
table. On SQLite it asks the FTS5 index kept by triggers (migration 0002); on
any other database it falls back to LIKE, slower but correct.
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, and_, bindparam, literal_column, or_, text
from sqlalchemy.orm import Session

from saypro_desktop.db.models import Person

_WORD = re.compile(r"\w+", re.UNICODE)
_PHONE_LIKE = re.compile(r"^[\d\s+()./-]+$")


def fts_query(typed: str) -> str | None:
    """Turn what a person typed into an FTS5 query: every word, as a prefix, all must match.

    Digits typed like a phone number ("082 123 45") are joined into one prefix and
    looked up in the phone column, where numbers are indexed without spaces.
    """
    typed = typed.strip()
    if not typed:
        return None
    if _PHONE_LIKE.match(typed) and sum(ch.isdigit() for ch in typed) >= 3:
        digits = re.sub(r"\D", "", typed)
        return f'phone : "{digits}"*'
    words = _WORD.findall(typed)
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def people_matching(dialect: str, typed: str) -> ColumnElement[bool] | None:
    """A condition selecting people whose name, email, phone or organisation match ``typed``."""
    if dialect == "sqlite":
        query = fts_query(typed)
        if query is None:
            return None
        return literal_column("people.rowid").in_(
            text("SELECT rowid FROM people_fts WHERE people_fts MATCH :fts").bindparams(
                bindparam("fts", query)
            )
        )
    words = _WORD.findall(typed)
    if not words:
        return None
    columns = (
        Person.first_name,
        Person.last_name,
        Person.preferred_name,
        Person.email,
        Person.phone,
    )
    return and_(*(or_(*(col.ilike(f"%{w}%") for col in columns)) for w in words))


def matching_rowids(session: Session, typed: str) -> set[int] | None:
    """Rowids of people matching ``typed`` (FTS5, SQLite only); None if search is unavailable
    or ``typed`` has nothing to search for."""
    if session.get_bind().dialect.name != "sqlite":
        return None
    query = fts_query(typed)
    if query is None:
        return None
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:  # the raw cursor: tens of thousands of rowids per keystroke, no per-row overhead
        cursor.execute("SELECT rowid FROM people_fts WHERE people_fts MATCH ?", (query,))
        return {row[0] for row in cursor.fetchall()}
    finally:
        cursor.close()


def organisation_rowids(session: Session, typed: str) -> set[int] | None:
    """Rowids of organisations matching ``typed`` (name, email, website, phone, place, focus
    areas) from their FTS5 index (migration p001); None where search is unavailable or
    ``typed`` has nothing to search for (the caller falls back to LIKE)."""
    if session.get_bind().dialect.name != "sqlite":
        return None
    query = fts_query(typed)
    if query is None:
        return None
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(
            "SELECT rowid FROM organisations_fts WHERE organisations_fts MATCH ?", (query,)
        )
        return {row[0] for row in cursor.fetchall()}
    finally:
        cursor.close()
