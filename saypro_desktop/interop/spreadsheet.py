"""Read and write Excel .xlsx contact lists.

Reading gives the same :class:`~saypro_desktop.interop.delimited.Table` as a CSV, so
mapping and normalisation do not care where a list came from. Every cell becomes text
the way a person would read it, not the way Python holds it:

* formulas give their saved value (the workbook is loaded with ``data_only=True``);
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
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.interop.delimited import Table, build_table

__all__ = ["cell_text", "read_xlsx", "write_xlsx"]

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


def _open(source: bytes | Path, *, data_only: bool) -> Any:
    stream: Any = io.BytesIO(source) if isinstance(source, bytes) else source
    return load_workbook(stream, data_only=data_only, read_only=False)


def read_xlsx(source: bytes | Path, *, sheet: str | None = None,
              header_line: int | None = None) -> Table:
    """Read the first (or the named) sheet of an .xlsx file into a :class:`Table`.

    ``line_numbers`` are spreadsheet row numbers, which is what a person sees.
    """
    try:
        values_book = _open(source, data_only=True)
        formula_book = _open(source, data_only=False)
    except Exception as exc:
        raise ValidationError(
            f"this is not an .xlsx workbook we can read ({exc}); save it again from Excel"
        ) from None
    if sheet is not None and sheet not in values_book.sheetnames:
        raise ValidationError(f"the workbook has no sheet '{sheet}'; it has: "
                              f"{', '.join(values_book.sheetnames)}")
    name = sheet or values_book.sheetnames[0]
    values_sheet = values_book[name]
    formula_sheet = formula_book[name]
    warnings: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    for value_row, formula_row in zip(
        values_sheet.iter_rows(), formula_sheet.iter_rows(), strict=True
    ):
        cells: list[str] = []
        for value_cell, formula_cell in zip(value_row, formula_row, strict=True):
            formula = formula_cell.value
            if isinstance(formula, str) and formula_cell.data_type == "f":
                key = re.sub(r"\s+", "", formula).upper()
                if key in _TRIVIAL_FORMULAS:
                    cells.append(_TRIVIAL_FORMULAS[key])
                    continue
                if value_cell.value is None:
                    warnings.append(
                        f"{value_cell.coordinate}: formula {formula} has no saved value; "
                        "open the file in Excel and save it to fill it in"
                    )
                    cells.append("")
                    continue
            cells.append(cell_text(value_cell.value))
        rows.append((value_row[0].row if value_row else len(rows) + 1, cells))
    values_book.close()
    formula_book.close()
    return build_table(rows, encoding="xlsx", delimiter="", header_line=header_line,
                       warnings=warnings)


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
