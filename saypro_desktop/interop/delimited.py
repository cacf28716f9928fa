"""Read and write delimited text files (CSV, TSV, semicolon and pipe separated).

Why a hand-written parser instead of :mod:`csv`: real exports break the RFC in ways
the standard module either rejects or silently mangles, and we need to know the
physical line each record started on so an organiser can find a bad row in the
original file. The quirks handled here all come from files people really export:

* the delimiter is sniffed (Excel in a European locale writes ``;``);
* line ends may be CRLF, LF or CR alone (Mac Excel), and quoted fields may hold bare
  CR or LF (Thunderbird notes, Outlook multi-line addresses);
* ``""`` inside quotes is a quote; a space after the delimiter before an opening
  quote (``a, "b"``) still opens a quoted field (hand-edited files);
* preamble lines before the real header are skipped by detecting the header row;
* ragged rows are padded or trimmed, with a warning naming the line;
* Event Espresso's attendee import puts a row-type column first (``0`` header,
  ``1`` data); it is recognised and removed.

Writing produces what Excel opens correctly everywhere: UTF-8 with a BOM, CRLF, and
every cell that a spreadsheet would run as a formula neutralised with a leading ``'``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from saypro_desktop.interop.limits import (
    DEFAULT_LIMITS,
    LimitExceededError,
    ReadLimits,
    Source,
    byte_chunks,
    head_and_rest,
    rows_split_advice,
)
from saypro_desktop.interop.text_decoding import SAMPLE_BYTES, StreamDecoder, encoding_note

__all__ = [
    "CANDIDATE_DELIMITERS",
    "LOOKAHEAD_RECORDS",
    "Table",
    "TableStream",
    "build_table",
    "iter_records",
    "neutralise_formula",
    "open_delimited",
    "parse_records",
    "parse_text",
    "read_delimited",
    "sniff_delimiter",
    "stream_table",
    "stream_text",
    "write_csv",
]

CANDIDATE_DELIMITERS: tuple[str, ...] = (",", ";", "\t", "|")
_SNIFF_CHARS = 64_000
_SNIFF_RECORDS = 60
_HEADER_SCAN = 20
_MAX_WARNINGS = 50
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_HEADER_WORDS = re.compile(
    r"e-?mail|first|last|name|phone|mobile|address|city|zip|postal|company|"
    r"organi[sz]ation|title|vorname|nachname|betreff",
    re.IGNORECASE,
)


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


def _is_blank(cells: Sequence[str]) -> bool:
    return all(not c.strip() for c in cells)


def sniff_delimiter(text: str) -> str:
    """Pick the candidate delimiter that gives the most rows of one consistent width.

    Parsing is quote-aware, so a ``;`` inside a quoted Mailchimp TAGS cell or a ``|``
    inside an Event Espresso answer does not count. Ties go to the earlier candidate
    (comma first), which is right for the common case of a one-column file.
    """
    sample = text[:_SNIFF_CHARS]
    best = ","
    best_score: tuple[bool, float] = (False, 0.0)
    for delimiter in CANDIDATE_DELIMITERS:
        if delimiter not in sample:
            continue
        widths = [
            len(cells)
            for _, cells, _ in parse_records(sample, delimiter)[:_SNIFF_RECORDS]
            if not _is_blank(cells)
        ]
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        if width < 2:
            continue
        # The first row is usually the header, and the header has the table's width: a
        # delimiter that gives ``Name,Email,Phone`` one cell and the rows below it five
        # (``"",;;,;;``) loses to one that gives every row three. After that, more rows
        # of one width win, weighted by how consistent the widths are.
        score = (widths[0] == width, width * count * count / len(widths))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _detect_header(records: list[tuple[int, list[str], bool]]) -> int:
    """Index of the header record among ``records`` (blank records already removed).

    Preamble lines ("Exported by ... on ...") are narrower than the table or mostly
    empty, so the header is the first row at least half as wide as the table with two
    filled cells. If that row names no familiar contact column but a later row names
    three, the later row is the header (a preamble written as a wide key/value row).
    """
    scan = records[:_HEADER_SCAN]
    if not scan:
        return 0
    widths = Counter(len(cells) for _, cells, _ in records[: _SNIFF_RECORDS * 2])
    modal = widths.most_common(1)[0][0]

    def hits(cells: Sequence[str]) -> int:
        return sum(1 for c in cells if c.strip() and _HEADER_WORDS.search(c))

    candidate = 0
    for index, (_, cells, _) in enumerate(scan):
        filled = sum(1 for c in cells if c.strip())
        if modal < 2 or (filled >= 2 and len(cells) >= modal * 0.5):
            candidate = index
            break
    if hits(scan[candidate][1]) == 0:
        for index in range(candidate + 1, len(scan)):
            cells = scan[index][1]
            if hits(cells) >= 3 and len(cells) >= modal * 0.8:
                return index
    return candidate


def _unique_headers(raw: Sequence[str]) -> list[str]:
    headers: list[str] = []
    seen: Counter[str] = Counter()
    for position, name in enumerate(raw, start=1):
        clean = name.strip().lstrip("\ufeff") or f"Column {position}"
        seen[clean] += 1
        headers.append(clean if seen[clean] == 1 else f"{clean} ({seen[clean]})")
    return headers


# Decisions that need more than one row (the header, a row-type column, a trailing empty
# header) are taken on this many records; the rest of the file streams past.
LOOKAHEAD_RECORDS = 2_000
_TEXT_CHUNK = 1024 * 1024


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


def iter_records(texts: Iterable[str], delimiter: str,
                 limits: ReadLimits = DEFAULT_LIMITS) -> Iterator[Record]:
    """Parse records from text chunks as they arrive, enforcing the per-row caps.

    A record may span chunks; what is held is one unfinished record at most, and that is
    refused once it passes ``limits.field_chars`` in one cell or ``limits.line_chars``.
    """
    rest = ""
    line = 1
    for text in texts:
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


def _text_chunks(text: str) -> Iterator[str]:
    for start in range(0, len(text), _TEXT_CHUNK):
        yield text[start:start + _TEXT_CHUNK]


def _sample_and_rest(texts: Iterator[str], want: int) -> tuple[str, Iterator[str]]:
    parts: list[str] = []
    size = 0
    while size < want:
        piece = next(texts, None)
        if piece is None:
            break
        parts.append(piece)
        size += len(piece)
    sample = "".join(parts)

    def again() -> Iterator[str]:
        if sample:
            yield sample
        yield from texts

    return sample, again()


def stream_text(
    texts: Iterable[str],
    *,
    delimiter: str | None = None,
    encoding: str = "utf-8",
    header_line: int | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
    replaced: Callable[[], int] | None = None,
    note: str | None = None,
) -> TableStream:
    """Parse decoded text chunks into a :class:`TableStream` (delimiter sniffed if None)."""
    chunks = iter(texts)
    sample, again = _sample_and_rest(chunks, _SNIFF_CHARS)
    if sample.startswith("\ufeff"):
        sample = sample.lstrip("\ufeff")
        again = _strip_bom(again)
    chosen = delimiter or sniff_delimiter(sample)
    warnings: list[str] = [note] if note else []
    records = iter_records(again, chosen, limits)
    return stream_table(
        ((start, cells, closed) for start, cells, closed in records),
        encoding=encoding, delimiter=chosen, header_line=header_line, warnings=warnings,
        limits=limits, replaced=replaced, note=note)


def _strip_bom(texts: Iterator[str]) -> Iterator[str]:
    first = True
    for text in texts:
        if first:
            text = text.lstrip("\ufeff")
            first = False
        if text:
            yield text


def parse_text(
    text: str,
    *,
    delimiter: str | None = None,
    encoding: str = "utf-8",
    header_line: int | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Table:
    """Parse already-decoded text into a :class:`Table`.

    ``header_line`` (1-based physical line) overrides header detection, for when a
    person has told the import screen where the header is.
    """
    return stream_text(_text_chunks(text), delimiter=delimiter, encoding=encoding,
                       header_line=header_line, limits=limits).to_table()


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
    source = (r for r in records_in if not _is_blank(r[1]))
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
        head_index = _detect_header(ahead)
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


def open_delimited(
    source: Source,
    *,
    delimiter: str | None = None,
    header_line: int | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> TableStream:
    """Stream a delimited file (bytes, a path or a binary stream) in any encoding.

    The encoding is chosen from the first megabyte (see :mod:`text_decoding`); when it
    is not plain UTF-8, ``TableStream.note`` says so in one line (also the first
    warning), for the preview and the report.
    """
    head, complete, chunks = head_and_rest(byte_chunks(source, limits), SAMPLE_BYTES)
    decoder = StreamDecoder(head, complete=complete)
    note = encoding_note(decoder.encoding)
    stream = stream_text(decoder.decode_all(chunks), delimiter=delimiter,
                         encoding=decoder.encoding, header_line=header_line,
                         limits=limits, replaced=lambda: decoder.replaced, note=note)
    stream.decoder = decoder
    return stream


def read_delimited(
    data: Source, *, delimiter: str | None = None, header_line: int | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Table:
    """Decode ``data`` (any encoding :mod:`text_decoding` knows) and parse it whole."""
    stream = open_delimited(data, delimiter=delimiter, header_line=header_line,
                            limits=limits)
    table = stream.to_table()
    table.replaced = stream.replaced
    note = encoding_note(table.encoding, table.replaced)
    if table.replaced and note:
        table.warnings.insert(0, note)
    table.note = note
    return table


def neutralise_formula(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would treat as a formula (CSV injection).

    A contact named ``=HYPERLINK(...)`` must not become a live link or command when a
    colleague opens our export in Excel or LibreOffice.
    """
    if cell.startswith(_FORMULA_STARTS) and not _E164.fullmatch(cell):
        return "'" + cell
    return cell


# A plain international phone number ("+27825551234") is not a formula: a spreadsheet that
# reads it as a number runs nothing, and guarding it would put a visible apostrophe in
# every phone cell of every export. Anything else starting with + - = @ is guarded.
_E164 = re.compile(r"\+[1-9]\d{6,14}")


def _quote(cell: str, delimiter: str) -> str:
    needs = (
        not cell
        or delimiter in cell
        or any(ch in cell for ch in '"\r\n')
        or cell != cell.strip(" \t")
    )
    if needs:
        return '"' + cell.replace('"', '""') + '"'
    return cell


def write_csv(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    delimiter: str = ",",
    neutralise: bool = True,
) -> bytes:
    """Serialise a table for Excel and friends: UTF-8 with BOM, CRLF line ends.

    Empty cells are written as ``""`` so a row of empties still has its full width for
    readers that count fields. ``None`` becomes an empty cell.
    """
    out: list[str] = []
    all_rows: list[Sequence[object]] = [headers, *rows]
    for row in all_rows:
        cells = ["" if value is None else str(value) for value in row]
        if neutralise:
            cells = [neutralise_formula(c) for c in cells]
        out.append(delimiter.join(_quote(c, delimiter) for c in cells))
    return ("\ufeff" + "\r\n".join(out) + "\r\n").encode("utf-8")
