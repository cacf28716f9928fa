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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from saypro_desktop.interop.text_decoding import decode_bytes

__all__ = [
    "CANDIDATE_DELIMITERS",
    "Table",
    "neutralise_formula",
    "parse_records",
    "parse_text",
    "read_delimited",
    "sniff_delimiter",
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

    def records(self) -> Iterator[dict[str, str]]:
        """Each row as ``{header: cell}``; a plain dict keeps callers format-agnostic."""
        for row in self.rows:
            yield dict(zip(self.headers, row, strict=True))


def parse_records(text: str, delimiter: str) -> list[tuple[int, list[str], bool]]:
    """Split ``text`` into records: ``(start line, cells, closed)`` for each.

    ``closed`` is False only for a record whose quoted field ran to the end of the
    file, which is worth a warning (usually a stray quote).
    """
    records: list[tuple[int, list[str], bool]] = []
    i = 0
    n = len(text)
    line = 1
    while i < n:
        start_line = line
        cells: list[str] = []
        closed = True
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
                continue
            # End of record: consume one line end (CRLF, CR or LF).
            if i < n and text[i] == "\r":
                i += 2 if i + 1 < n and text[i + 1] == "\n" else 1
                line += 1
            elif i < n and text[i] == "\n":
                i += 1
                line += 1
            break
        records.append((start_line, cells, closed))
    return records


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
    best_score = 0
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
        score = width * count
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


def parse_text(
    text: str,
    *,
    delimiter: str | None = None,
    encoding: str = "utf-8",
    header_line: int | None = None,
) -> Table:
    """Parse already-decoded text into a :class:`Table`.

    ``header_line`` (1-based physical line) overrides header detection, for when a
    person has told the import screen where the header is.
    """
    text = text.lstrip("\ufeff")
    chosen = delimiter or sniff_delimiter(text)
    records = parse_records(text, chosen)
    warnings = [
        f"line {start}: a quoted field is never closed; read to end of file"
        for start, _, closed in records
        if not closed
    ]
    rows = [(start, cells) for start, cells, _ in records]
    return build_table(rows, encoding=encoding, delimiter=chosen, header_line=header_line,
                       warnings=warnings)


def build_table(
    rows_in: Sequence[tuple[int, list[str]]],
    *,
    encoding: str,
    delimiter: str,
    header_line: int | None = None,
    warnings: list[str] | None = None,
) -> Table:
    """Make a :class:`Table` from ``(line number, cells)`` rows of any source.

    Shared by the CSV and XLSX readers: drops blank rows, finds the header, removes an
    Event Espresso row-type column, and squares ragged rows (with warnings).
    """
    warnings = list(warnings or [])
    chosen = delimiter
    records = [(ln, cells, True) for ln, cells in rows_in if not _is_blank(cells)]
    if not records:
        return Table([], [], [], encoding, chosen, 1, warnings)
    if header_line is not None:
        matches = [i for i, r in enumerate(records) if r[0] == header_line]
        head_index = matches[0] if matches else 0
    else:
        head_index = _detect_header(records)
    if head_index:
        warnings.append(
            f"skipped {head_index} line(s) before the header on line {records[head_index][0]}"
        )
    head_line, head_cells, _ = records[head_index]
    body = records[head_index + 1 :]

    row_type = _is_row_type_column(head_cells, [cells for _, cells, _ in body])
    if row_type:
        warnings.append("removed the Event Espresso row-type column (0 = header, 1 = data)")
        head_cells = head_cells[1:]
        body = [(ln, cells[1:], ok) for ln, cells, ok in body if cells[0].strip() != "0"]

    # A trailing empty header (Thunderbird writes "Notes,Screen Name,") is not a column
    # unless data sits under it.
    while len(head_cells) > 1 and not head_cells[-1].strip() and all(
        len(cells) < len(head_cells) or not cells[len(head_cells) - 1].strip()
        for _, cells, _ in body
    ):
        head_cells = head_cells[:-1]

    headers = _unique_headers(head_cells)
    width = len(headers)
    rows: list[list[str]] = []
    lines: list[int] = []
    ragged = 0
    for start, cells, _ in body:
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
        rows.append(cells)
        lines.append(start)
    if ragged > _MAX_WARNINGS:
        warnings.append(f"... and {ragged - _MAX_WARNINGS} more rows with the wrong cell count")
    return Table(headers, rows, lines, encoding, chosen, head_line, warnings)


def _is_row_type_column(head: Sequence[str], body: Sequence[Sequence[str]]) -> bool:
    if not head or head[0].strip() != "0" or not body:
        return False
    return all(cells and cells[0].strip() in {"0", "1"} for cells in body)


def read_delimited(
    data: bytes, *, delimiter: str | None = None, header_line: int | None = None
) -> Table:
    """Decode ``data`` (any encoding :mod:`text_decoding` knows) and parse it."""
    decoded = decode_bytes(data)
    table = parse_text(
        decoded.text, delimiter=delimiter, encoding=decoded.encoding, header_line=header_line
    )
    if decoded.encoding not in {"utf-8", "utf-8-sig"}:
        table.warnings.insert(0, f"file is not UTF-8; read as {decoded.encoding}")
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
