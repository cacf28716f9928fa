"""Tables from records of any source (the CSV and the XLSX readers share it): blank
rows dropped, the header found, an Event Espresso row-type column removed, ragged rows
squared with a warning naming the line, and the row and cell caps enforced."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from saypro_desktop.interop.delimited.records import Record, is_blank
from saypro_desktop.interop.delimited.sniff import detect_header
from saypro_desktop.interop.limits import (
    DEFAULT_LIMITS,
    LimitExceededError,
    ReadLimits,
    rows_split_advice,
)
from saypro_desktop.interop.text_decoding import StreamDecoder

_MAX_WARNINGS = 50


@dataclass
class Table:
    """A delimited file as a rectangle of strings, plus how it was read.

    ``line_numbers[i]`` is the 1-based physical line in the file where ``rows[i]``
    starts, so a problem report can point at the row a person sees in a text editor.
    Every row has exactly ``len(headers)`` cells.
    """

    headers: list[str]
    rows: list[list[str]]
    line_numbers: list[int]
    encoding: str = "utf-8"
    delimiter: str = ","
    header_line: int = 1
    warnings: list[str] = field(default_factory=list)
    # Bytes that were not valid in ``encoding`` (shown as U+FFFD, rows named in warnings).
    replaced: int = 0
    # One line for the preview and the report when the file was not plain UTF-8.
    note: str | None = None

    def records(self) -> Iterator[dict[str, str]]:
        """Each row as ``{header: cell}``; a plain dict keeps callers format-agnostic."""
        for row in self.rows:
            yield dict(zip(self.headers, row, strict=True))


# Decisions that need more than one row (the header, a row-type column, a trailing empty
# header) are taken on this many records; the rest of the file streams past.
LOOKAHEAD_RECORDS = 2_000


def _unique_headers(raw: Sequence[str]) -> list[str]:
    headers: list[str] = []
    seen: Counter[str] = Counter()
    for position, name in enumerate(raw, start=1):
        clean = name.strip().lstrip("\ufeff") or f"Column {position}"
        seen[clean] += 1
        headers.append(clean if seen[clean] == 1 else f"{clean} ({seen[clean]})")
    return headers


class TableStream:
    """A table being read: headers now, rows as they are parsed.

    ``rows()`` yields ``(line number, cells)`` with exactly ``len(headers)`` cells, and can
    be iterated once. ``warnings`` grows while it runs (ragged rows, undecodable bytes);
    read it after the rows. Nothing but the current chunk and the first
    :data:`LOOKAHEAD_RECORDS` records is held, so a file of any allowed size streams in
    bounded memory.
    """

    def __init__(self, headers: list[str], rows: Iterator[tuple[int, list[str]]], *,
                 encoding: str, delimiter: str, header_line: int, warnings: list[str],
                 note: str | None = None) -> None:
        self.headers = headers
        self.encoding = encoding
        self.delimiter = delimiter
        self.header_line = header_line
        self.warnings = warnings
        self.note = note
        self.decoder: StreamDecoder | None = None
        self._rows = rows

    @property
    def replaced(self) -> int:
        """Bytes so far that were not valid in the encoding (they show as U+FFFD)."""
        return self.decoder.replaced if self.decoder is not None else 0

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        return self._rows

    def records(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Each row as ``(line number, {header: cell})``."""
        headers = self.headers
        for number, cells in self._rows:
            yield number, dict(zip(headers, cells, strict=True))

    def chunks(self, size: int = 1_000) -> Iterator[list[tuple[int, list[str]]]]:
        """Rows in lists of at most ``size`` (for batched writes)."""
        batch: list[tuple[int, list[str]]] = []
        for row in self._rows:
            batch.append(row)
            if len(batch) >= size:
                yield batch
                batch = []
        if batch:
            yield batch

    def to_table(self) -> Table:
        """Read every row into a :class:`Table` (small files, previews, tests)."""
        rows: list[list[str]] = []
        lines: list[int] = []
        for number, cells in self._rows:
            lines.append(number)
            rows.append(cells)
        return Table(self.headers, rows, lines, self.encoding, self.delimiter,
                     self.header_line, self.warnings)


def build_table(
    rows_in: Iterable[tuple[int, list[str]]],
    *,
    encoding: str,
    delimiter: str,
    header_line: int | None = None,
    warnings: list[str] | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Table:
    """Make a :class:`Table` from ``(line number, cells)`` rows of any source."""
    return stream_table(((ln, cells, True) for ln, cells in rows_in), encoding=encoding,
                        delimiter=delimiter, header_line=header_line,
                        warnings=list(warnings or []), limits=limits).to_table()


def stream_table(
    records_in: Iterable[Record],
    *,
    encoding: str,
    delimiter: str,
    header_line: int | None = None,
    warnings: list[str] | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
    replaced: Callable[[], int] | None = None,
    note: str | None = None,
    short_rows_are_normal: bool = False,
) -> TableStream:
    """Make a :class:`TableStream` from ``(line, cells, closed)`` records of any source.

    ``short_rows_are_normal`` is for spreadsheets, whose rows simply end at their last
    filled cell: they are padded without a warning (a row *wider* than the header still
    gets one).

    Shared by the CSV and XLSX readers: drops blank rows, finds the header, removes an
    Event Espresso row-type column, and squares ragged rows (with warnings). Those
    decisions are taken on the first :data:`LOOKAHEAD_RECORDS` records.
    """
    warnings = warnings if warnings is not None else []
    source = (r for r in records_in if not is_blank(r[1]))
    ahead: list[Record] = []
    for record in source:
        ahead.append(record)
        if len(ahead) >= LOOKAHEAD_RECORDS:
            break
    for start, _, closed in ahead:
        if not closed:
            warnings.append(f"line {start}: a quoted field is never closed; read to end of file")
    if not ahead:
        return TableStream([], iter(()), encoding=encoding, delimiter=delimiter,
                           header_line=1, warnings=warnings, note=note)
    if header_line is not None:
        matches = [i for i, r in enumerate(ahead) if r[0] == header_line]
        head_index = matches[0] if matches else 0
    else:
        head_index = detect_header(ahead)
    if head_index:
        warnings.append(
            f"skipped {head_index} line(s) before the header on line {ahead[head_index][0]}"
        )
    head_line, head_cells, _ = ahead[head_index]
    body_ahead = ahead[head_index + 1:]

    row_type = _is_row_type_column(head_cells, [cells for _, cells, _ in body_ahead])
    if row_type:
        warnings.append("removed the Event Espresso row-type column (0 = header, 1 = data)")
        head_cells = head_cells[1:]

    # A trailing empty header (Thunderbird writes "Notes,Screen Name,") is not a column
    # unless data sits under it.
    while len(head_cells) > 1 and not head_cells[-1].strip() and all(
        len(cells) - row_type < len(head_cells) or not cells[len(head_cells) - 1 + row_type]
        .strip() for _, cells, _ in body_ahead
    ):
        head_cells = head_cells[:-1]

    headers = _unique_headers(head_cells)
    width = len(headers)

    def rows() -> Iterator[tuple[int, list[str]]]:
        ragged = 0
        count = 0
        cells_total = 0
        bad_bytes = 0
        for start, cells, _closed in _chain(body_ahead, source, warnings):
            if row_type:
                if cells[0].strip() == "0":
                    continue
                cells = cells[1:]
            count += 1
            if count > limits.rows:
                raise LimitExceededError("rows", f"the file has more than {limits.rows:,} rows",
                                    limits.rows, split=rows_split_advice(limits.rows))
            cells_total += len(cells)
            if cells_total > limits.cells:
                raise LimitExceededError("cells", f"line {start}: the file has more cells",
                                    limits.cells, split=rows_split_advice(
                                        max(limits.cells // max(width, 1), 1)))
            if short_rows_are_normal and len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            if len(cells) != width:
                extra = cells[width:]
                if len(cells) < width or any(c.strip() for c in extra):
                    ragged += 1
                    if ragged <= _MAX_WARNINGS:
                        action = "padded" if len(cells) < width else "extra cells dropped"
                        warnings.append(
                            f"line {start}: {len(cells)} cells but {width} columns; {action}"
                        )
                cells = (cells + [""] * width)[:width]
            if replaced is not None and any("\ufffd" in c for c in cells) and replaced():
                bad_bytes += 1
                if bad_bytes <= _MAX_WARNINGS:
                    warnings.append(f"line {start}: some bytes are not valid {encoding} "
                                    "and show as \ufffd; check this row in the original file")
            yield start, cells
        if ragged > _MAX_WARNINGS:
            warnings.append(
                f"... and {ragged - _MAX_WARNINGS} more rows with the wrong cell count")
        if bad_bytes > _MAX_WARNINGS:
            warnings.append(
                f"... and {bad_bytes - _MAX_WARNINGS} more rows with bytes that are not "
                f"{encoding}")

    return TableStream(headers, rows(), encoding=encoding, delimiter=delimiter,
                       header_line=head_line, warnings=warnings, note=note)


def _chain(first: list[Record], rest: Iterator[Record], warnings: list[str]
           ) -> Iterator[Record]:
    yield from first
    for record in rest:
        if not record[2]:
            warnings.append(
                f"line {record[0]}: a quoted field is never closed; read to end of file")
        yield record


def _is_row_type_column(head: Sequence[str], body: Sequence[Sequence[str]]) -> bool:
    if not head or head[0].strip() != "0" or not body:
        return False
    return all(cells and cells[0].strip() in {"0", "1"} for cells in body)
