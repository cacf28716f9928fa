"""Splitting delimited text into records, quote-aware, with the physical line each
record starts on; from whole text or from chunks as they arrive, with the per-row caps
(cells per row, characters per cell and per row) enforced on the way."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from saypro_desktop.interop.limits import DEFAULT_LIMITS, LimitExceededError, ReadLimits

Record = tuple[int, list[str], bool]


def parse_records(text: str, delimiter: str) -> list[Record]:
    """Split ``text`` into records: ``(start line, cells, closed)`` for each.

    ``closed`` is False only for a record whose quoted field ran to the end of the
    file, which is worth a warning (usually a stray quote).
    """
    records, _, _ = _parse_some(text, delimiter, 1, final=True)
    return records


def _parse_some(text: str, delimiter: str, line: int, *, final: bool
                ) -> tuple[list[Record], int, int]:
    """Parse the complete records at the start of ``text``.

    Returns ``(records, characters consumed, line number after them)``. Unless
    ``final``, a record that might continue in the next chunk (it reaches the end of
    ``text``, or ends on a CR that may be half of a CRLF) is left unconsumed.
    """
    records: list[Record] = []
    i = 0
    n = len(text)
    while i < n:
        record_start, start_line = i, line
        cells: list[str] = []
        closed = True
        complete = True
        while True:
            # Start of a field. Tolerate spaces before an opening quote (non-RFC).
            j = i
            while j < n and text[j] == " ":
                j += 1
            if j < n and text[j] == '"':
                i = j + 1
                buf: list[str] = []
                while True:
                    k = text.find('"', i)
                    if k < 0:
                        chunk = text[i:]
                        line += _count_line_ends(chunk)
                        buf.append(chunk)
                        i = n
                        closed = False
                        break
                    chunk = text[i:k]
                    line += _count_line_ends(chunk)
                    buf.append(chunk)
                    if k + 1 < n and text[k + 1] == '"':
                        buf.append('"')
                        i = k + 2
                        continue
                    i = k + 1
                    break
                # Anything between the closing quote and the delimiter is kept as text.
                tail_start = i
                i = _field_end(text, i, delimiter)
                tail = text[tail_start:i]
                if tail.strip():
                    buf.append(tail)
                cells.append("".join(buf))
            else:
                start = i
                i = _field_end(text, i, delimiter)
                cells.append(text[start:i])
            if i < n and text[i] == delimiter:
                i += 1
                if i >= n:
                    cells.append("")
                    complete = False
                continue
            # End of record: consume one line end (CRLF, CR or LF).
            if i < n and text[i] == "\r":
                if i + 1 >= n:
                    complete = False
                i += 2 if i + 1 < n and text[i + 1] == "\n" else 1
                line += 1
            elif i < n and text[i] == "\n":
                i += 1
                line += 1
            else:
                complete = False
            break
        if not complete and not final:
            return records, record_start, start_line
        records.append((start_line, cells, closed))
    return records, i, line


_FIELD_END: dict[str, re.Pattern[str]] = {}


def _field_end(text: str, start: int, delimiter: str) -> int:
    """Index of the next delimiter or line end at or after ``start`` (regex: fast)."""
    pattern = _FIELD_END.get(delimiter)
    if pattern is None:
        pattern = _FIELD_END[delimiter] = re.compile(f"[^{re.escape(delimiter)}\r\n]*")
    match = pattern.match(text, start)
    return match.end() if match else start


def _count_line_ends(chunk: str) -> int:
    return chunk.count("\r\n") + (chunk.count("\r") - chunk.count("\r\n")) + (
        chunk.count("\n") - chunk.count("\r\n")
    )


def is_blank(cells: Sequence[str]) -> bool:
    return all(not c.strip() for c in cells)


def _check_record(record: Record, limits: ReadLimits) -> None:
    start, cells, _ = record
    if len(cells) > limits.columns:
        raise LimitExceededError("columns", f"line {start} has {len(cells):,} cells",
                            limits.columns,
                            split="remove the columns you do not need and import again")
    for cell in cells:
        if len(cell) > limits.field_chars:
            raise LimitExceededError(
                "field_chars", f"line {start} has a cell of {len(cell):,} characters",
                limits.field_chars,
                split="shorten that cell (or look for a quote that is never closed)")


# Text is parsed this many characters at a time: the records parsed but not yet taken
# are what a streamed read holds, whatever the size of the chunks it is given.
PARSE_CHARS = 64 * 1024


def _slices(texts: Iterable[str]) -> Iterator[str]:
    for text in texts:
        for start in range(0, len(text), PARSE_CHARS):
            yield text[start:start + PARSE_CHARS]


def iter_records(texts: Iterable[str], delimiter: str,
                 limits: ReadLimits = DEFAULT_LIMITS) -> Iterator[Record]:
    """Parse records from text chunks as they arrive, enforcing the per-row caps.

    A record may span chunks; what is held is one unfinished record at most, and that is
    refused once it passes ``limits.field_chars`` in one cell or ``limits.line_chars``.
    """
    rest = ""
    line = 1
    for text in _slices(texts):
        buffer = rest + text if rest else text
        records, used, line = _parse_some(buffer, delimiter, line, final=False)
        for record in records:
            _check_record(record, limits)
            yield record
        rest = buffer[used:]
        if len(rest) > limits.field_chars:
            # One unfinished record: is a single cell of it already too long?
            partial, _, _ = _parse_some(rest, delimiter, line, final=True)
            if partial:
                _check_record(partial[0], limits)
            if len(rest) > limits.line_chars:
                raise LimitExceededError(
                    "line_chars", f"the row starting on line {line} runs past "
                    f"{limits.line_chars:,} characters", limits.line_chars,
                    split="look for a quote that is never closed, or split the row")
    if rest:
        records, _, _ = _parse_some(rest, delimiter, line, final=True)
        for record in records:
            _check_record(record, limits)
            yield record
