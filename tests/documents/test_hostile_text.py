"""Whatever people type (markup, control characters, 10,000 characters, right-to-left
scripts, emoji) every document still comes out as a valid PDF with that text escaped."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.documents import samples
from tests.documents.pdfcheck import check_structure, reader, require_tools

HOSTILE = [
    "<b>O'Brien & Sons</b>", "Nomsa <Zulu>", "</para><font name='Nope'>x", "&amp; &lt;&#0;",
    "<br/><br/>", "\x00\x01\x07\x1b\x7f", "\u202eevil\u202c", "\ufeff\u200b\u2028\u2029",
    "مرحبا بالعالم", "שלום עולם", "👩🏽‍⚕️🇿🇦", "\U000f0000\uffff", "A" * 10_000,
    " ".join(["word"] * 2_500), "x\n" * 500, "Ngcukana-Mgqweto Qwabe", "山田 太郎 김민준",
]

names = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=200))
notes = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=2_000))


@pytest.mark.parametrize("kind", sorted(samples.DOCUMENTS))
@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(name=names, note=notes, paper=st.sampled_from(["a4", "letter"]))
def test_hostile_text_always_gives_a_valid_pdf(kind: str, name: str, note: str,
                                               paper: str) -> None:
    require_tools()
    pdf = samples.DOCUMENTS[kind](name, note, paper)
    assert len(reader(pdf).pages) >= 1
    check_structure(pdf)
