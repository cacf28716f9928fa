"""Delimited reader/writer: quirks from real files, and write-then-read round trips."""

from __future__ import annotations

import string

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from saypro_desktop.interop.delimited import parse_text, read_delimited
from saypro_desktop.interop.delimited.sniff import sniff_delimiter
from saypro_desktop.interop.delimited.writing import neutralise_formula, write_csv


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2;3\n", ";"),
        ("a\tb\tc\n1\t2\t3\n", "\t"),
        ("a|b|c\n1|2|3\n", "|"),
        ('name;tags\nx;"a,b,c"\ny;"d,e"\n', ";"),
        ('name,tags\nx,"a;b;c;d"\ny,"e;f"\n', ","),
    ],
)
def test_sniffs_delimiter(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_line_endings_and_line_numbers(newline: str) -> None:
    text = newline.join(["first,last", '"Ann","multi' + newline + 'line"', "Bob,Smith", ""])
    table = parse_text(text)
    assert table.rows == [["Ann", "multi" + newline + "line"], ["Bob", "Smith"]]
    assert table.line_numbers == [2, 4]


def test_doubled_quotes_and_space_before_quote() -> None:
    table = parse_text('email, name\nx@y.org, "Said ""hi"", then left"\n')
    assert table.headers == ["email", "name"]
    assert table.rows == [["x@y.org", 'Said "hi", then left']]


def test_preamble_lines_are_skipped() -> None:
    text = "Contacts export\nGenerated 2024-05-01\n\nFirst Name,Last Name,Email\nA,B,a@b.org\n"
    table = parse_text(text)
    assert table.headers == ["First Name", "Last Name", "Email"]
    assert table.header_line == 4
    assert table.rows == [["A", "B", "a@b.org"]]
    assert table.line_numbers == [5]
    assert any("before the header" in w for w in table.warnings)


def test_ragged_rows_are_padded_and_trimmed_with_warnings() -> None:
    table = parse_text("a,b,c\n1,2\n1,2,3,4\n1,2,3,,\n")
    assert table.rows == [["1", "2", ""], ["1", "2", "3"], ["1", "2", "3"]]
    assert len(table.warnings) == 2  # empty trailing cells are not worth a warning
    assert table.warnings[0].startswith("line 2:")


def test_unclosed_quote_is_reported() -> None:
    table = parse_text('a,b\n1,"never closed\n2,3\n')
    assert table.rows == [["1", "never closed\n2,3\n"]]
    assert any("never closed" in w for w in table.warnings)


def test_event_espresso_row_type_column() -> None:
    table = parse_text("0,First,Last\r1,Ann,Lee\r1,Bo,Kim")
    assert table.headers == ["First", "Last"]
    assert table.rows == [["Ann", "Lee"], ["Bo", "Kim"]]


def test_duplicate_and_blank_headers_get_names() -> None:
    table = parse_text("Phone,Phone,,x\n1,2,3,4\n")
    assert table.headers == ["Phone", "Phone (2)", "Column 3", "x"]


def test_writer_uses_bom_crlf_and_quotes() -> None:
    data = write_csv(["a", "b"], [["x,y", 'say "hi"'], ["", None]])
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == 'a,b\r\n"x,y","say ""hi"""\r\n"",""\r\n'


@pytest.mark.parametrize("cell", ["=1+1", "+27821234567+1", "+1-SUM(A1)", "-2", "@SUM(A1)",
                                  "\tx", "\rx",
                                  '=HYPERLINK("http://evil")'])
def test_formula_injection_is_neutralised(cell: str) -> None:
    assert neutralise_formula(cell) == "'" + cell
    table = read_delimited(write_csv(["h", "k"], [[cell, "v"]]), delimiter=",")
    assert table.rows[0][0] == "'" + cell


# A plain E.164 phone number is not a formula (see neutralise_formula).
@pytest.mark.parametrize("cell", ["Ann", "", "a=b", "1+1", "O'Brien", " =x", "+27821234567"])
def test_harmless_cells_are_untouched(cell: str) -> None:
    assert neutralise_formula(cell) == cell


_header = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\ufeff"),
    min_size=1,
).map(str.strip).filter(bool)
_cell = st.text(alphabet=st.characters(codec="utf-8"))


@st.composite
def _tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    headers = draw(st.lists(_header, min_size=2, max_size=5, unique=True))
    row = st.lists(_cell, min_size=len(headers), max_size=len(headers)).filter(
        lambda cells: any(c.strip() for c in cells)
    )
    return headers, draw(st.lists(row, max_size=6))


@settings(max_examples=200)
@given(_tables(), st.sampled_from([",", ";", "\t", "|"]))
def test_round_trip_any_unicode(table: tuple[list[str], list[list[str]]], delimiter: str) -> None:
    headers, rows = table
    data = write_csv(headers, rows, delimiter=delimiter, neutralise=False)
    back = read_delimited(data, delimiter=delimiter, header_line=1)
    assert back.headers == headers
    assert back.rows == rows
    assert back.warnings == []


@settings(max_examples=100)
@given(_tables())
def test_round_trip_with_guard_only_changes_formula_cells(
    table: tuple[list[str], list[list[str]]],
) -> None:
    headers, rows = table
    back = read_delimited(write_csv(headers, rows), delimiter=",", header_line=1)
    expected = [[neutralise_formula(c) for c in row] for row in rows]
    assert back.rows == expected
    for row in back.rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


@given(st.lists(st.lists(st.text(alphabet=string.ascii_letters + ",;\"\n ", max_size=6),
                         min_size=3, max_size=3), min_size=1, max_size=5))
# Each line once became ``"",;;,;;`` / ``;;,;;,;;`` and was sniffed as ``;``.
@example([["", ";;", ";;"], ["", ";;", ";;"]])
@example([[";;", ";;", ";;"], [";;", ";;", ";;"]])
def test_sniffed_comma_file_round_trips(rows: list[list[str]]) -> None:
    rows = [r for r in rows if any(c.strip() for c in r)]
    back = read_delimited(write_csv(["Name", "Email", "Phone"], rows, neutralise=False))
    assert back.delimiter == ","
    assert back.headers == ["Name", "Email", "Phone"]
    assert back.rows == rows


def test_one_stray_byte_keeps_the_file_utf8_and_names_its_row() -> None:
    data = ("First,Last\n" + "Zoë,Ñúñez\n" * 1000).encode() + b"Bad,Byte\xff\n"
    table = read_delimited(data)
    assert table.encoding == "utf-8"
    assert table.rows[0] == ["Zoë", "Ñúñez"]
    assert table.rows[-1] == ["Bad", "Byte\ufffd"]
    assert table.replaced == 1
    assert any(w.startswith("line 1002: some bytes are not valid utf-8") for w in table.warnings)
    assert table.note is not None and "1 byte(s)" in table.note


def test_a_fallback_encoding_is_noted_for_the_preview() -> None:
    table = read_delimited("First,Last\nZoë,Müller\n".encode("cp1252"))
    assert table.encoding == "cp1252"
    assert table.rows == [["Zoë", "Müller"]]
    assert table.note is not None and "Windows-1252" in table.note
    assert table.warnings[0] == table.note


def test_streamed_rows_match_the_whole_table_across_chunk_boundaries() -> None:
    from saypro_desktop.interop.delimited import open_delimited

    body = "".join(f'{i},"multi\r\nline {i}",Zoë {i}\r\n' for i in range(60_000))
    data = ("id,note,name\r\n" + body).encode()
    assert len(data) > 2 * 1024 * 1024  # several chunks, records split between them
    stream = open_delimited(data)
    assert stream.headers == ["id", "note", "name"]
    rows = list(stream.rows())
    assert len(rows) == 60_000
    assert rows[12_345] == (2 + 2 * 12_345, ["12345", "multi\r\nline 12345", "Zoë 12345"])
    assert rows[-1][1] == ["59999", "multi\r\nline 59999", "Zoë 59999"]
    assert stream.warnings == []
