"""The renderer: what a person holding the printout would check."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from fontTools.ttLib import TTFont

from saypro_desktop.documents import fonts
from saypro_desktop.documents.base import Paper
from saypro_desktop.documents.minutes import render_minutes
from saypro_desktop.documents.packet import render_packet, render_packets
from saypro_desktop.documents.text import clean, markup
from saypro_desktop.resources import resource
from saypro_desktop.services.demo.words import NAME_GROUPS
from tests.documents import samples
from tests.documents.pdfcheck import check_structure, page_texts, reader, text

REAL_WORLD_NAMES = [
    "Joël Müller-Schultheiß", "Eliška Þorláksson", "Adèle Aïcha Benoît",  # accents
    "Nkosinathi Ngcukana", "Xolani Mgqweto", "Tshegofatšo Mothapo",  # Zulu, Xhosa, Sotho
    "Дмитрий Шостакович", "Αλέξανδρος Παπαδόπουλος",  # Cyrillic, Greek
    "山田 太郎", "김민준", "דוד כהן", "محمد علي", "Nguyễn Thị Minh Khai",
]


@pytest.fixture(scope="module")
def cmaps() -> list[set[int]]:
    """What each font of the chain really holds, read with fontTools (not ReportLab)."""
    found = []
    for family in fonts.CHAIN:
        with TTFont(str(resource("fonts", family.regular)), lazy=True) as font:
            found.append(set(font.getBestCmap()))
    return found


def _demo_names() -> list[str]:
    """Every demo first name and surname, and every word of the demo's other lists
    (organisation and place names), as one string per group."""
    import json

    names = [n for g in NAME_GROUPS.values() for n in (*g.first_names, *g.surnames)]

    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return []

    for path in sorted(resource("demo").glob("*.json")):
        found = strings(json.loads(path.read_text(encoding="utf-8")))
        names += [" ".join(found[i:i + 50]) for i in range(0, len(found), 50)]
    return names


@pytest.mark.parametrize("name", [*_demo_names(), *REAL_WORLD_NAMES])
def test_every_name_is_printed_in_a_font_that_has_its_glyphs(
        name: str, cmaps: list[set[int]]) -> None:
    for index, run in fonts.font_runs(name):
        for char in run.replace(" ", ""):
            assert ord(char) in cmaps[index], f"{char!r} of {name!r} would print as a box"
            assert char != fonts.REPLACEMENT, f"{name!r} has a character no font covers"


def test_a_character_no_font_has_prints_as_a_replacement_mark_not_a_box() -> None:
    runs = fonts.font_runs("A\U0001d11eB")  # musical G clef: in none of the fonts
    assert "".join(run for _, run in runs) == "A\ufffdB"


def test_names_print_literally_with_markup_and_ampersands() -> None:
    pdf = samples.DOCUMENTS["packet"]("<b>O'Brien & Sons</b>", "Nomsa <Zulu> & co", "a4")
    body = text(pdf)
    assert "<b>O'Brien & Sons</b>" in body
    assert "Nomsa <Zulu> & co" in body
    check_structure(pdf)


def test_control_characters_are_removed_but_line_breaks_kept() -> None:
    assert clean("Si\x00pho\x07 \u202eDlamini\r\nline two\x1b") == "Sipho Dlamini\nline two"
    assert "<br/>" in markup("one\ntwo")
    assert "\x00" not in markup("a\x00b")


def test_right_to_left_names_read_right_to_left() -> None:
    pdf = samples.DOCUMENTS["letter"]("דוד כהן", "Thank you.", "a4")
    # Visual order: the first letter typed (dalet) is drawn rightmost.
    assert "ןהכ דוד" in text(pdf) or "דוד כהן" in text(pdf)
    check_structure(pdf)


def test_a_long_note_wraps_and_flows_onto_the_next_page() -> None:
    words = [f"w{i:03d}" for i in range(400)]  # 2,000 characters
    note = " ".join(words)
    assert len(note) == 1999
    split = 0
    # Wherever the note starts on the page, no word is lost; starting low, it flows on.
    for attendees in range(16, 40, 3):
        pdf = render_minutes(replace(samples.minutes(attendees=attendees), notes=note),
                             samples.PROV)
        pages = page_texts(pdf)
        printed = " ".join(pages)
        assert all(w in printed for w in words), "no word of the note may be lost"
        first, last = (next(i for i, p in enumerate(pages) if w in p)
                       for w in (words[0], words[-1]))
        split += last > first
    assert split, "the note should start on one page and end on the next"
    check_structure(pdf)


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_paper_sizes(paper: str, size: tuple[int, int]) -> None:
    pdf = samples.DOCUMENTS["packet"]("Ubuntu Community Care", "Note", paper)
    box = reader(pdf).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size
    wide = reader(samples.DOCUMENTS["callsheet"]("Ubuntu", "Note", paper)).pages[0].mediabox
    assert (round(float(wide.width)), round(float(wide.height))) == size[::-1]


def test_unknown_paper_is_a_clear_error() -> None:
    with pytest.raises(Exception, match="choose a4 or letter"):
        Paper.parse("a5")


def test_metadata_names_the_document() -> None:
    pdf = render_packet(samples.packet("Ubuntu Community Care"), samples.PROV)
    meta = reader(pdf).metadata
    assert meta is not None
    assert meta.title == "Partnership proposal: Ubuntu Community Care"
    assert meta.author == "SayPro"
    assert meta.subject == "Invitation to join the coalition for Dignity in Social Services"


def test_every_page_says_page_x_of_y_and_the_footer_says_as_of_and_device() -> None:
    pdf = render_packet(samples.packet(note="clinic " * 600), samples.PROV)
    pages = page_texts(pdf)
    assert len(pages) > 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "data as of 9 Mar 2026, 13:58 on Field laptop 3" in " ".join(page.split())
        assert "Printed 9 Mar 2026, 14:05" in " ".join(page.split())


def test_a_combined_file_numbers_each_packet_from_one() -> None:
    one = len(reader(render_packet(samples.packet("Alpha Trust"), samples.PROV)).pages)
    pdf = render_packets([samples.packet("Alpha Trust"), samples.packet("Beta Forum")],
                         samples.PROV)
    pages = page_texts(pdf)
    assert len(pages) == 2 * one
    assert f"Page 1 of {one}" in pages[one] and "Beta Forum" in pages[one]
    assert f"Page {one} of {one}" in pages[-1]


@pytest.mark.parametrize("kind", sorted(samples.DOCUMENTS))
def test_every_document_is_a_valid_pdf_with_embedded_fonts(kind: str) -> None:
    pdf = samples.DOCUMENTS[kind]("Ubuntu Community Care", "Needs a venue", "a4")
    check_structure(pdf)
    assert re.search(r"Page 1 of \d+", text(pdf))


def test_report_prints_its_figures() -> None:
    body = text(samples.DOCUMENTS["progress"]("Email", "Budget vote delayed", "a4"))
    for figure in ("412", "38%", "17", "45 / 16", "22 / 8", "183"):
        assert figure in body
    impact = text(samples.DOCUMENTS["impact"]("Email", "Budget vote delayed", "a4"))
    assert "A community member" in impact and "12,000" in impact
