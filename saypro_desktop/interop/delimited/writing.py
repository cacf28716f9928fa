"""Writing delimited files that Excel opens correctly everywhere: UTF-8 with a BOM,
CRLF, and every cell that a spreadsheet would run as a formula neutralised with a
leading ``'``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
