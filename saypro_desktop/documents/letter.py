"""Letters (introduction, invitation, thank-you) printed from the same template text as
the e-mail drafts, so paper and e-mail say the same thing."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from saypro_desktop.documents.base import (
    DocumentInfo,
    Issuer,
    Paper,
    Provenance,
    Section,
    day,
    render_sections,
)
from saypro_desktop.documents.blocks import bullets, fixed, gap, para
from saypro_desktop.documents.data import LetterData
from saypro_desktop.documents.text import clean, markup, one_line


def body_blocks(body: str) -> list[Flowable]:
    """Blank lines separate paragraphs; a paragraph's hand-made line breaks flow, but a
    block of short lines (a sign-off) keeps them; lines starting "- " are bullets."""
    story: list[Flowable] = []
    for block in clean(body).split("\n\n"):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.lstrip().startswith("- ") for line in lines):
            story += bullets([line.lstrip()[2:] for line in lines])
        elif max(len(line) for line in lines) < 60:  # a sign-off or address: keep its lines
            story.append(para("\n".join(line.strip() for line in lines), "Letter"))
        else:  # a paragraph the template wrapped by hand: let it flow
            story.append(para(" ".join(line.strip() for line in lines), "Letter"))
    return story


def letter_story(letter: LetterData) -> list[Flowable]:
    story: list[Flowable] = [para(day(letter.letter_date), "Letter"), gap(2 * mm)]
    for line in (letter.recipient_name, *letter.recipient_lines):
        if line:
            story.append(para(line, "Address", multiline=False))
    story += [gap(6 * mm), fixed(f"<b>{markup(letter.subject, multiline=False)}</b>", "Letter")]
    # The template's own sign-off names the sender, as the e-mail draft does.
    story += body_blocks(letter.body)
    return story


def render_letters(letters: Sequence[LetterData], provenance: Provenance, *,
                   paper: Paper | str = Paper.A4, issuer: Issuer | None = None) -> bytes:
    if not letters:
        raise ValueError("no letters to print")
    first = letters[0]
    title = (f"{first.kind}: {one_line(first.recipient_name)}" if len(letters) == 1
             else f"{first.kind} letters ({len(letters)})")
    info = DocumentInfo(title=title, subject=one_line(first.subject), keywords=("letter",))
    sections = [Section(running_title=f"{one_line(letter.subject)} · "
                                      f"{one_line(letter.recipient_name)}",
                        story=letter_story(letter)) for letter in letters]
    return render_sections(info, provenance, sections, paper=paper, issuer=issuer)
