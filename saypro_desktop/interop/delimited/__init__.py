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

Writing (``delimited.writing``) produces what Excel opens correctly everywhere: UTF-8
with a BOM, CRLF, and every cell that a spreadsheet would run as a formula neutralised
with a leading ``'``.

This module holds the readers' entry points (bytes, a path or a stream, or decoded
text). ``records`` splits text into records, ``sniff`` guesses the delimiter and the
header row, and ``table`` turns records of any source into a table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from saypro_desktop.interop.delimited.records import iter_records
from saypro_desktop.interop.delimited.sniff import SNIFF_CHARS, sniff_delimiter
from saypro_desktop.interop.delimited.table import Table, TableStream, stream_table
from saypro_desktop.interop.limits import (
    DEFAULT_LIMITS,
    ReadLimits,
    Source,
    byte_chunks,
    head_and_rest,
)
from saypro_desktop.interop.text_decoding import SAMPLE_BYTES, StreamDecoder, encoding_note

__all__ = [
    "open_delimited",
    "parse_text",
    "read_delimited",
    "stream_text",
]

_TEXT_CHUNK = 1024 * 1024


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
    sample, again = _sample_and_rest(chunks, SNIFF_CHARS)
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
