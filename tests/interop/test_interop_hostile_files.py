"""Hostile files are refused quickly, in bounded memory, with a message naming the cap.

Each file is read by a child process limited with ``resource.setrlimit`` to 300 MB of
address space and 10 s of CPU (and a 10 s wall-clock timeout), so a reader that tried to
hold or expand the file would die instead of passing. The files are made in a temporary
folder by the test (the 1 GB CSV is sparse on disk), never committed.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.interop.limits import LimitExceededError, ReadLimits
from saypro_desktop.interop.spreadsheet import read_xlsx, write_xlsx

REPO = Path(__file__).resolve().parents[2]
MEMORY_BYTES = 300 * 1024 * 1024
SECONDS = 10

_CHILD = """
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))
resource.setrlimit(resource.RLIMIT_CPU, ({seconds}, {seconds}))
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.interop.limits import ReadLimits
from saypro_desktop.interop import calendar, delimited, spreadsheet, vcard
kind, path = sys.argv[1], Path(sys.argv[2])
limits = ReadLimits(file_bytes=int(sys.argv[3])) if len(sys.argv) > 3 else ReadLimits()
try:
    if kind == "xlsx":
        count = sum(1 for _ in spreadsheet.open_xlsx(path, limits=limits).rows())
    elif kind == "csv":
        count = sum(1 for _ in delimited.open_delimited(path, limits=limits).rows())
    elif kind == "vcard":
        count = sum(1 for _ in vcard.iter_vcards(path, limits=limits))
    else:
        count = len(calendar.read_calendar(path, limits=limits))
except ValidationError as exc:
    print("REFUSED:", exc)
    sys.exit(3)
print("READ", count)
"""


def read_in_child(kind: str, path: Path, *extra: str) -> str:
    """Read ``path`` in a memory- and time-limited child; return the refusal message."""
    code = _CHILD.format(memory=MEMORY_BYTES, seconds=SECONDS)
    done = subprocess.run([sys.executable, "-c", code, kind, str(path), *extra],
                          capture_output=True, text=True, timeout=SECONDS, cwd=REPO,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 3, (done.returncode, done.stdout, done.stderr[-2000:])
    line = done.stdout.strip()
    assert line.startswith("REFUSED: ") and "\n" not in line, line
    return line.removeprefix("REFUSED: ")


def test_the_child_can_read_a_normal_workbook_within_the_budget(tmp_path: Path) -> None:
    # The budget itself is realistic: a real workbook reads fine inside it.
    path = tmp_path / "ok.xlsx"
    path.write_bytes(write_xlsx(["First", "Email"], [["Ann", "ann@example.org"]] * 500))
    code = _CHILD.format(memory=MEMORY_BYTES, seconds=SECONDS)
    done = subprocess.run([sys.executable, "-c", code, "xlsx", str(path)], capture_output=True,
                          text=True, timeout=SECONDS, cwd=REPO)
    assert done.stdout.strip() == "READ 500", done.stderr[-2000:]


def test_sparse_cell_at_xfd1048576_is_refused(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["First", "Email"])
    sheet.append(["Ann", "ann@example.org"])
    sheet["XFD1048576"] = "x"
    path = tmp_path / "sparse.xlsx"
    book.save(path)
    assert path.stat().st_size < 20_000
    message = read_in_child("xlsx", path)
    assert "column XFD" in message and "column limit of 1,000" in message


def _replace_sheet(workbook: bytes, sheet_xml_writer: object, path: Path) -> None:
    """Copy ``workbook`` to ``path`` with sheet1.xml written by ``sheet_xml_writer(fh)``."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with target.open(info.filename, "w", force_zip64=True) as handle:
                    sheet_xml_writer(handle)  # type: ignore[operator]
            else:
                target.writestr(info, source.read(info))


def test_zip_bomb_workbook_is_refused(tmp_path: Path) -> None:
    head = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData>')
    block = b" " * (1024 * 1024)

    def bomb(handle: io.BufferedWriter) -> None:
        handle.write(head)
        for _ in range(600):  # 600 MB of spaces: about 600 kB packed
            handle.write(block)
        handle.write(b"</sheetData></worksheet>")

    path = tmp_path / "bomb.xlsx"
    _replace_sheet(write_xlsx(["First"], [["Ann"]]), bomb, path)
    assert path.stat().st_size < 5 * 1024 * 1024
    message = read_in_child("xlsx", path)
    assert "unpacked size limit of 512 MB" in message


def test_a_part_that_lies_about_its_size_is_refused(tmp_path: Path) -> None:
    """Declared 1 kB, really 20 MB: unpacking stops at what it declared and fails."""
    sheet = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             b"<sheetData>" + b" " * 20_000_000 + b"</sheetData></worksheet>")
    path = tmp_path / "liar.xlsx"
    _replace_sheet(write_xlsx(["First"], [["Ann"]]), lambda h: h.write(sheet), path)
    data = bytearray(path.read_bytes())
    size = len(sheet).to_bytes(4, "little")
    assert data.count(size) >= 2  # local header and central directory
    data = data.replace(size, (1000).to_bytes(4, "little"))
    path.write_bytes(bytes(data))
    with pytest.raises(ValidationError, match=r"not an \.xlsx workbook we can read"):
        read_xlsx(path)


def test_entity_expansion_workbook_is_refused(tmp_path: Path) -> None:
    laughs = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10))
    sheet = (b'<?xml version="1.0"?><!DOCTYPE worksheet [' + laughs + b']>'
             b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
             b"</sheetData></worksheet>")
    path = tmp_path / "laughs.xlsx"
    _replace_sheet(write_xlsx(["First"], [["Ann"]]), lambda h: h.write(sheet), path)
    message = read_in_child("xlsx", path)
    assert "declares XML entities" in message


def _sparse_single_field_csv(path: Path, size: int) -> None:
    with path.open("wb") as handle:
        handle.write(b'notes\n"')
        handle.seek(size - 2)
        handle.write(b'"\n')


def test_one_gigabyte_single_field_csv_is_refused_by_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    _sparse_single_field_csv(path, 1024**3)
    message = read_in_child("csv", path)
    assert "huge.csv is 1,024 MB: more than the file size limit of 256 MB" in message


def test_one_gigabyte_single_field_csv_is_refused_by_cell_length_while_streaming(
    tmp_path: Path,
) -> None:
    path = tmp_path / "huge.csv"
    _sparse_single_field_csv(path, 1024**3)
    # With the file size cap lifted, the streaming reader stops at the cell length cap.
    message = read_in_child("csv", path, str(2 * 1024**3))
    assert "cell length limit of 1,000,000" in message


def test_rows_past_the_cap_are_refused_with_how_to_split() -> None:
    from saypro_desktop.interop.delimited import read_delimited

    data = b"First,Email\n" + b"Ann,ann@example.org\n" * 101
    with pytest.raises(LimitExceededError) as caught:
        read_delimited(data, limits=ReadLimits(rows=100))
    assert caught.value.cap == "rows"
    assert "row limit of 100" in str(caught.value)
    assert "split it into files of at most 100 rows" in str(caught.value)


def test_vcard_file_with_more_cards_than_the_cap_is_refused() -> None:
    from saypro_desktop.interop.vcard import read_vcards

    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n" * 11
    with pytest.raises(LimitExceededError, match="contact limit of 10"):
        read_vcards(data, limits=ReadLimits(cards=10))
