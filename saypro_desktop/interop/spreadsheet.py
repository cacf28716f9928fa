"""Read and write Excel .xlsx contact lists.

Reading gives the same :class:`~saypro_desktop.interop.delimited.table.Table` as a CSV, so
mapping and normalisation do not care where a list came from. Every cell becomes text
the way a person would read it, not the way Python holds it:

* the sheet is streamed cell by cell (read-only), its declared dimension never trusted,
  every zip part checked against the unpacked-size cap and XML parsed with entities off
  (see :func:`check_zip`, :func:`iter_xlsx_rows`);
* formulas give their saved value;
  trivial formulas such as ``=FALSE()`` are evaluated here because their saved value
  is often the number 0, and a formula with no saved value (a file written by a script
  and never opened in Excel) is reported with its text instead of becoming blank;
* dates become ISO strings (``2018-08-19``; with a time only when there is one);
* whole numbers lose Excel's ``.0`` and never use scientific notation, so a phone
  stored as the number 6175556666 comes back as ``"6175556666"``.

Writing stores every value as text, so an exported phone number or ZIP keeps its
leading zero and no cell can turn into a live formula.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.interop.delimited.table import Table, TableStream, stream_table
from saypro_desktop.interop.limits import (
    CHUNK_BYTES,
    DEFAULT_LIMITS,
    LimitExceededError,
    ReadLimits,
    Source,
    rows_split_advice,
)

__all__ = [
    "cell_text",
    "check_zip",
    "iter_xlsx_rows",
    "open_xlsx",
    "read_xlsx",
    "write_xlsx",
]

_TRIVIAL_FORMULAS = {"=TRUE()": "TRUE", "=TRUE": "TRUE", "=FALSE()": "FALSE", "=FALSE": "FALSE"}


def cell_text(value: Any) -> str:
    """Render one cell value as the text a person sees in Excel."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    return str(value)


_MEMBERS = 10_000
_XML_DANGER = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def check_zip(archive: zipfile.ZipFile, limits: ReadLimits) -> None:
    """Refuse a zip whose members would unpack past the caps, or whose XML declares
    entities (billion laughs, external entities): Excel never writes a DOCTYPE.

    Each member's declared size is checked first (free), then every member is unpacked
    as a stream, counting what it really gives, so a member that lies about its size
    is caught after at most the cap, never after memory is gone.
    """
    split = "save the sheet you need on its own (or as CSV) and import that"
    infos = archive.infolist()
    if len(infos) > _MEMBERS:
        raise LimitExceededError("decompressed_bytes", f"the workbook has {len(infos):,} parts",
                                 _MEMBERS, split=split)
    declared = 0
    for info in infos:
        declared += info.file_size
        if info.file_size > limits.decompressed_bytes or declared > limits.decompressed_bytes:
            raise LimitExceededError(
                "decompressed_bytes", f"the workbook unpacks to {declared / 2**20:,.0f} MB",
                limits.decompressed_bytes, split=split)
    total = 0
    for info in infos:
        seen = 0
        xml = info.filename.endswith((".xml", ".rels", ".vml"))
        tail = b""
        with archive.open(info) as member:
            while piece := member.read(CHUNK_BYTES):
                seen += len(piece)
                total += len(piece)
                if seen > info.file_size or total > limits.decompressed_bytes:
                    raise LimitExceededError(
                        "decompressed_bytes", f"the part {info.filename} unpacks to more than "
                        "it declares", limits.decompressed_bytes, split=split)
                if xml and _XML_DANGER.search(tail + piece):
                    raise ValidationError(
                        f"the workbook's {info.filename} declares XML entities (a DOCTYPE), "
                        "which Excel never writes and which could expand without end; it was "
                        "refused. Save the file again from Excel or as CSV")
                tail = piece[-16:]


def _zip_source(source: Source, limits: ReadLimits) -> BinaryIO:
    if isinstance(source, bytes):
        if len(source) > limits.file_bytes:
            raise LimitExceededError("file_bytes", f"the file is {len(source) / 2**20:,.0f} MB",
                                     limits.file_bytes)
        return io.BytesIO(source)
    if isinstance(source, Path):
        try:
            size = source.stat().st_size
            if size > limits.file_bytes:
                raise LimitExceededError("file_bytes", f"{source.name} is "
                                         f"{size / 2**20:,.0f} MB", limits.file_bytes)
            return source.open("rb")
        except OSError as exc:
            raise ValidationError(f"cannot read {source.name}: {exc.strerror or exc}") from None
    return source


def _column_letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _not_xlsx(exc: Exception) -> ValidationError:
    # The library's own text (a seek offset, a zip header) helps no one; say what to do.
    del exc
    return ValidationError("this is not an .xlsx workbook we can read (it is damaged, or "
                           "another kind of file); save it again from Excel as .xlsx or CSV")


def iter_xlsx_rows(
    source: Source,
    *,
    sheet: str | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
    warnings: list[str] | None = None,
) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(spreadsheet row number, cell texts)`` for each row that has cells.

    The sheet XML is streamed (openpyxl's read-only workbook and its cell parser, with
    ``defusedxml``) one cell at a time, and each cell is dropped once read: the sheet's
    declared dimension is never used, a row is as wide as its last real cell, and a cell
    past the column or row cap stops the read at once. Warnings (formulas without a
    saved value) are appended to ``warnings``.
    """
    from defusedxml.ElementTree import iterparse
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS

    warnings = warnings if warnings is not None else []
    stream = _zip_source(source, limits)
    owned = stream is not source  # ours to close (a caller's stream stays open)
    try:
        try:
            archive = zipfile.ZipFile(stream)
        except Exception as exc:  # BadZipFile, NotImplementedError (zip version), ...
            raise _not_xlsx(exc) from None
        try:
            check_zip(archive, limits)
        except ValidationError:
            raise
        except Exception as exc:  # zipfile raises many kinds for a damaged archive
            raise _not_xlsx(exc) from None
        try:
            book = load_workbook(stream, read_only=True, data_only=True)
        except Exception as exc:
            raise _not_xlsx(exc) from None
        try:
            if sheet is not None and sheet not in book.sheetnames:
                raise ValidationError(f"the workbook has no sheet '{sheet}'; it has: "
                                      f"{', '.join(book.sheetnames)}")
            worksheet = book[sheet or book.sheetnames[0]]
            parser = WorkSheetParser(None, worksheet._shared_strings, data_only=True,
                                     epoch=book.epoch, date_formats=book._date_formats,
                                     timedelta_formats=book._timedelta_formats)
            row_tag, cell_tag = f"{{{SHEET_MAIN_NS}}}row", f"{{{SHEET_MAIN_NS}}}c"
            formula_tag = f"{{{SHEET_MAIN_NS}}}f"
            sheet_data_tag = f"{{{SHEET_MAIN_NS}}}sheetData"
            cells_total = 0
            rows_seen = 0
            with book._archive.open(worksheet._worksheet_path) as xml:
                events = iterparse(xml, events=("start", "end"), forbid_dtd=True)
                parent: Any = None
                row_element: Any = None
                row_cells: dict[int, str] = {}
                try:
                    for event, element in events:
                        tag = element.tag
                        if event == "start":
                            if tag == sheet_data_tag:
                                parent = element
                            elif tag == row_tag:
                                row_element = element
                                number = element.get("r")
                                parser.row_counter = (int(float(number)) if number
                                                      else parser.row_counter + 1)
                                parser.col_counter = 0
                                row_cells = {}
                            continue
                        if tag == cell_tag:
                            cell = parser.parse_cell(element)
                            column, row_number = cell["column"], parser.row_counter
                            if column > limits.columns:
                                raise LimitExceededError(
                                    "columns", f"the sheet has a cell in column "
                                    f"{_column_letter(column)} (column {column:,})",
                                    limits.columns, split="delete the columns and cells you "
                                    "do not need (or save as CSV) and import again")
                            if row_number > limits.rows:
                                raise LimitExceededError(
                                    "rows", f"the sheet has a cell in row {row_number:,}",
                                    limits.rows, split=rows_split_advice(limits.rows))
                            cells_total += 1
                            if cells_total > limits.cells:
                                raise LimitExceededError("cells", "the sheet has more cells",
                                                         limits.cells)
                            text = _cell_value(element, cell, parser, formula_tag,
                                               _column_letter(column), row_number, warnings)
                            if len(text) > limits.field_chars:
                                raise LimitExceededError(
                                    "field_chars", f"cell {_column_letter(column)}{row_number}"
                                    f" has {len(text):,} characters", limits.field_chars)
                            if text:
                                row_cells[column] = text
                            if row_element is not None:
                                row_element.remove(element)
                        elif tag == row_tag:
                            rows_seen += 1
                            if row_cells:
                                width = max(row_cells)
                                yield parser.row_counter, [row_cells.get(c, "")
                                                           for c in range(1, width + 1)]
                            if parent is not None:
                                parent.remove(element)
                            row_element = None
                except ValidationError:
                    raise
                except Exception as exc:  # ParseError, DTDForbidden, a damaged part, ...
                    raise _not_xlsx(exc) from None
        finally:
            book.close()
    finally:
        if owned:
            stream.close()


def _cell_value(element: Any, cell: dict[str, Any], parser: Any, formula_tag: str,
                column: str, row: int, warnings: list[str]) -> str:
    formula_element = element.find(formula_tag)
    if formula_element is not None:
        formula = parser.parse_formula(element)
        if isinstance(formula, str):
            key = re.sub(r"\s+", "", formula).upper()
            if key in _TRIVIAL_FORMULAS:
                return _TRIVIAL_FORMULAS[key]
            if cell["value"] is None:
                warnings.append(
                    f"{column}{row}: formula {formula} has no saved value; "
                    "open the file in Excel and save it to fill it in")
                return ""
    return cell_text(cell["value"])


def open_xlsx(source: Source, *, sheet: str | None = None, header_line: int | None = None,
              limits: ReadLimits = DEFAULT_LIMITS) -> TableStream:
    """Stream the first (or the named) sheet of an .xlsx file as a :class:`TableStream`.

    Line numbers are spreadsheet row numbers, which is what a person sees.
    """
    warnings: list[str] = []
    rows = iter_xlsx_rows(source, sheet=sheet, limits=limits, warnings=warnings)
    return stream_table(((n, cells, True) for n, cells in rows), encoding="xlsx",
                        delimiter="", header_line=header_line, warnings=warnings,
                        limits=limits, short_rows_are_normal=True)


def read_xlsx(source: Source, *, sheet: str | None = None,
              header_line: int | None = None,
              limits: ReadLimits = DEFAULT_LIMITS) -> Table:
    """Read the first (or the named) sheet of an .xlsx file into a :class:`Table`."""
    return open_xlsx(source, sheet=sheet, header_line=header_line, limits=limits).to_table()


_MAX_WIDTH = 50  # characters; longer values wrap in the cell when opened


def write_xlsx(headers: Sequence[str], rows: Iterable[Sequence[object]], *,
               title: str = "Contacts") -> bytes:
    """Write one sheet; every cell is stored as text (see the module docstring).

    Text cells (not numbers with Excel's apostrophe prefix) keep a phone's "+" and a postal
    code's leading zero with nothing extra to see, and can never run as a formula. The
    header row is bold and frozen, with an autofilter, and each column is as wide as its
    longest value (up to a limit), so the sheet reads well the moment it opens.
    """
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31] or "Sheet1"
    all_rows: list[Sequence[object]] = [headers, *rows]
    widths = [len(str(h)) for h in headers]
    for row in all_rows:
        texts = [ILLEGAL_CHARACTERS_RE.sub("", "" if v is None else str(v)) for v in row]
        sheet.append(texts)
        for index, text in enumerate(texts[:len(widths)]):
            widths[index] = max(widths[index], max((len(t) for t in text.split("\n")), default=0))
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"  # never a formula, never a number
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    sheet.freeze_panes = "A2"
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{sheet.max_row}"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, _MAX_WIDTH)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
