"""Hard caps on what a file may make a reader do, and the error that names the cap.

A contact list is at most a few hundred thousand rows of short text; a file far beyond
that is a mistake or an attack (a 4 kB .xlsx that claims a cell at XFD1048576, a zip
bomb, a billion-laughs entity, a 1 GB "cell"). Every reader checks these caps while it
streams, so it stops as soon as one is passed instead of after memory is gone, and says
which cap and how to split the file.

The defaults fit the largest real exports we know (Outlook's ~90-column CSV of a whole
organisation, phone vCards with photos) with room to spare.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from saypro_desktop.domain.errors import ValidationError

__all__ = [
    "DEFAULT_LIMITS",
    "LimitExceededError",
    "ReadLimits",
    "Source",
    "byte_chunks",
    "head_and_rest",
    "rows_split_advice",
]

_MB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """The caps every reader enforces. Counts are inclusive maxima."""

    file_bytes: int = 256 * _MB
    # Zipped formats (.xlsx): all members together, and each member on its own.
    decompressed_bytes: int = 512 * _MB
    rows: int = 1_000_000
    columns: int = 1_000
    cells: int = 60_000_000
    field_chars: int = 1_000_000
    # One physical line (CSV), one unfolded property (vCard/iCalendar).
    line_chars: int = 8_000_000
    cards: int = 1_000_000
    events: int = 200_000
    # Recurrence: we never expand a rule, but RDATE/EXDATE lists are read, so are capped.
    recurrences: int = 10_000
    # iCalendar is parsed whole by the icalendar library, so its own, smaller cap.
    calendar_bytes: int = 64 * _MB


DEFAULT_LIMITS = ReadLimits()


def _size(n: int) -> str:
    if n >= _MB:
        return f"{n / _MB:,.0f} MB"
    return f"{n:,} bytes"


class LimitExceededError(ValidationError):
    """A file passed one of the :class:`ReadLimits`; ``cap`` names it (e.g. ``rows``)."""

    def __init__(self, cap: str, what: str, limit: int, *, split: str | None = None) -> None:
        self.cap = cap
        self.limit = limit
        shown = _size(limit) if cap.endswith("bytes") else f"{limit:,}"
        advice = split or "split the file into smaller files and import each one"
        super().__init__(f"{what}: more than the {_CAP_NAMES.get(cap, cap)} limit of "
                         f"{shown}; {advice}")


_CAP_NAMES = {
    "file_bytes": "file size",
    "decompressed_bytes": "unpacked size",
    "rows": "row",
    "columns": "column",
    "cells": "cell",
    "field_chars": "cell length",
    "line_chars": "line length",
    "cards": "contact",
    "events": "event",
    "recurrences": "repeat dates",
    "calendar_bytes": "calendar file size",
}


def rows_split_advice(limit: int) -> str:
    """How to split a table that passed a cap: by rows, keeping the header."""
    return (f"split it into files of at most {limit:,} rows (copy the header row into "
            "each) and import them one by one")


Source = bytes | Path | BinaryIO
CHUNK_BYTES = 1024 * 1024


def byte_chunks(source: Source, limits: ReadLimits = DEFAULT_LIMITS, *,
                cap: str = "file_bytes", chunk: int = CHUNK_BYTES) -> Iterator[bytes]:
    """The bytes of ``source`` in chunks, refusing it once it passes ``limits.<cap>``.

    A path is checked by its size before anything is read; a stream is counted as it is
    read, so a pipe or a lying size never gets past the cap either.
    """
    limit: int = getattr(limits, cap)
    if isinstance(source, bytes):
        if len(source) > limit:
            raise LimitExceededError(cap, f"the file is {len(source) / 1024 / 1024:,.0f} MB", limit)
        for start in range(0, len(source), chunk):
            yield source[start:start + chunk]
        return
    if isinstance(source, Path):
        try:
            size = source.stat().st_size
        except OSError as exc:
            raise ValidationError(f"cannot read {source.name}: {exc.strerror or exc}") from None
        if size > limit:
            raise LimitExceededError(cap, f"{source.name} is {size / 1024 / 1024:,.0f} MB", limit)
        try:
            with source.open("rb") as stream:
                yield from byte_chunks(stream, limits, cap=cap, chunk=chunk)
        except OSError as exc:
            raise ValidationError(f"cannot read {source.name}: {exc.strerror or exc}") from None
        return
    total = 0
    while True:
        piece = source.read(chunk)
        if not piece:
            return
        total += len(piece)
        if total > limit:
            raise LimitExceededError(cap, "the file is larger", limit)
        yield piece


def head_and_rest(chunks: Iterator[bytes], want: int) -> tuple[bytes, bool, Iterator[bytes]]:
    """Read at least ``want`` bytes (or all) from ``chunks``: (head, whole file?, all chunks).

    The returned iterator yields the head first, then the rest, so nothing is read twice.
    """
    parts: list[bytes] = []
    size = 0
    complete = False
    while size < want:
        piece = next(chunks, None)
        if piece is None:
            complete = True
            break
        parts.append(piece)
        size += len(piece)
    head = b"".join(parts)

    def again() -> Iterator[bytes]:
        if head:
            yield head
        yield from chunks

    return head, complete, again()
