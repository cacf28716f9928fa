"""Encoding detection on short synthetic inputs, where charset-normalizer alone guesses wrong."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from saypro_desktop.interop.text_decoding import decode_bytes, detect_utf16

SAMPLE = "Email,First,Last\r\nzoe@example.org,Zoë,Ñúñez\r\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("cp1252"), "cp1252"),
    ],
)
def test_detects_encoding(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.encoding == encoding
    assert decoded.text == SAMPLE


def test_shift_jis_names() -> None:
    text = "名前,メール\r\n山田太郎,やまだ@example.jp\r\n"
    decoded = decode_bytes(text.encode("shift_jis"))
    assert decoded.encoding == "shift_jis"
    assert decoded.text == text


def test_cp1252_smart_quotes_and_euro() -> None:
    text = "note\r\n“Quoted” – costs €5\r\n"
    assert decode_bytes(text.encode("cp1252")).text == text


def test_bytes_undefined_in_cp1252_fall_back_to_latin1() -> None:
    data = b"caf\xe9 \x81"
    decoded = decode_bytes(data)
    assert decoded.encoding == "latin-1"
    assert decoded.text == "café \x81"


def test_plain_ascii_is_not_utf16() -> None:
    assert detect_utf16(b"BEGIN:VCARD\r\n") is None


# NUL never occurs in real text exports; runs of it are how UTF-16 is recognised.
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"),
               min_size=1))
def test_utf8_round_trip(text: str) -> None:
    assume(not text.startswith("\ufeff"))
    assert decode_bytes(text.encode("utf-8")).text == text


@given(st.binary())
def test_never_raises(data: bytes) -> None:
    assert isinstance(decode_bytes(data).text, str)
