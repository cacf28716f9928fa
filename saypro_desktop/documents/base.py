"""The renderer base every document uses (the shape of pretix's invoice renderer).

A document is a story of flowables split into *sections* (one packet, one letter...).
``render`` lays the story out on two page templates, a letterhead first page and plain
later pages, and returns the PDF bytes. "Page X of Y", the running header and the footer
(printed when, the data's "as of" time and the device it came from) are drawn once the
page count of each section is known, so a combined file of 40 packets numbers each
packet from 1. No Qt, no database: the caller hands in plain data.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from saypro_desktop.documents.data import Provenance, when
from saypro_desktop.documents.fonts import BOLD, CHAIN, REGULAR, font_runs, register_fonts
from saypro_desktop.documents.styles import BRAND, MUTED, RULE
from saypro_desktop.documents.text import one_line, plain, visual_order
from saypro_desktop.domain.errors import ValidationError


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"

    @classmethod
    def parse(cls, value: str | Paper) -> Paper:
        try:
            return cls(str(value).lower())
        except ValueError:
            raise ValidationError(
                f"paper size '{value}' is not known; choose a4 or letter"
            ) from None

    @property
    def size(self) -> tuple[float, float]:
        width, height = A4 if self is Paper.A4 else LETTER
        return float(width), float(height)


@dataclass(frozen=True, slots=True)
class Issuer:
    """Who the documents come from: printed in the letterhead."""

    name: str = "SayPro"
    tagline: str = "Coalition for social-service reform"
    contact: str = "info@saypro.online  ·  Call/WhatsApp +27 84 313 7407"


def day(moment: Any) -> str:
    """``2 Mar 2026`` for a date or datetime; an en dash for none."""
    if moment is None:
        return "–"
    return f"{moment.day} {moment:%b %Y}"


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """PDF metadata and what the running header says."""

    title: str
    subject: str
    author: str = "SayPro"
    keywords: tuple[str, ...] = ()


@dataclass(slots=True)
class Section:
    """One part of a document that numbers its own pages (a packet in a combined file)."""

    running_title: str
    story: list[Flowable] = field(default_factory=list)
    landscape: bool = False


class _SectionMark(Flowable):  # type: ignore[misc]
    """Zero-size marker: the page it lands on starts a new section."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.section_index = self.index


def draw_text(canvas: Canvas, x: float, y: float, text: str, *, size: float,
              bold: bool = False, align: str = "left", colour: Any = None) -> float:
    """Draw one line of (already cleaned) text with per-glyph font fallback; its width."""
    runs = font_runs(visual_order(text))
    faces = [CHAIN[i].bold_face if bold else CHAIN[i].name for i, _ in runs]
    widths = [canvas.stringWidth(run, face, size) for face, (_, run) in zip(faces, runs,
                                                                            strict=True)]
    total = float(sum(widths))
    if align == "right":
        x -= total
    elif align == "centre":
        x -= total / 2
    canvas.saveState()
    if colour is not None:
        canvas.setFillColor(colour)
    for face, (_, run), width in zip(faces, runs, widths, strict=True):
        canvas.setFont(face, size)
        canvas.drawString(x, y, run)
        x += width
    canvas.restoreState()
    return total


class _PagedCanvas(Canvas):  # type: ignore[misc]
    """Keeps each page until the end, then draws header and footer knowing the counts."""

    def __init__(self, *args: Any, renderer: Renderer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.renderer = renderer
        self.section_index = 0
        self._pages: list[tuple[int, dict[str, Any]]] = []

    def showPage(self) -> None:
        self._pages.append((self.section_index, dict(self.__dict__)))
        self._startPage()

    def save(self) -> None:
        counts: dict[int, int] = {}
        for index, _ in self._pages:
            counts[index] = counts.get(index, 0) + 1
        seen: dict[int, int] = {}
        for index, state in self._pages:
            seen[index] = seen.get(index, 0) + 1
            self.__dict__.update(state)
            self.renderer.draw_furniture(self, index, seen[index], counts[index])
            Canvas.showPage(self)
        self._pages = []
        Canvas.save(self)


class Renderer:
    """Lays sections out on the house page templates and returns PDF bytes."""

    left_margin = 22 * mm
    right_margin = 20 * mm
    top_margin = 24 * mm
    bottom_margin = 22 * mm
    letterhead_height = 24 * mm

    def __init__(self, info: DocumentInfo, provenance: Provenance, *,
                 paper: Paper | str = Paper.A4, issuer: Issuer | None = None,
                 letterhead: bool = True) -> None:
        register_fonts()
        self.info = info
        self.provenance = provenance
        self.paper = Paper.parse(paper)
        self.issuer = issuer or Issuer()
        self.letterhead = letterhead
        self._sections: list[Section] = []

    # -- page furniture -------------------------------------------------------------
    def _on_first_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """Letterhead band: the issuer's name, tagline and contact line."""
        if not self.letterhead:
            return
        width, height = canvas._pagesize
        top = height - 12 * mm
        canvas.saveState()
        canvas.setFillColor(BRAND)
        canvas.rect(0, height - 5 * mm, width, 5 * mm, stroke=0, fill=1)
        draw_text(canvas, self.left_margin, top - 6 * mm, self.issuer.name, size=18, bold=True,
                  colour=BRAND)
        draw_text(canvas, self.left_margin, top - 11 * mm, self.issuer.tagline, size=9,
                  colour=MUTED)
        draw_text(canvas, width - self.right_margin, top - 6 * mm, self.issuer.contact,
                  size=8, align="right", colour=MUTED)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(self.left_margin, top - 14 * mm, width - self.right_margin, top - 14 * mm)
        canvas.restoreState()

    def _on_later_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """Later pages: a thin rule under the running header (text drawn at save)."""
        width, height = canvas._pagesize
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        y = height - self.top_margin + 6 * mm
        canvas.line(self.left_margin, y, width - self.right_margin, y)
        canvas.restoreState()

    def draw_furniture(self, canvas: Canvas, section: int, page: int, pages: int) -> None:
        """Running header (not on a section's first page) and footer, on every page."""
        width, height = canvas._pagesize
        title = self._sections[section].running_title if self._sections else self.info.title
        if page > 1 or not self.letterhead:
            y = height - self.top_margin + 8 * mm
            draw_text(canvas, self.left_margin, y, one_line(title)[:120], size=8, bold=True,
                      colour=BRAND)
            draw_text(canvas, width - self.right_margin, y, self.issuer.name, size=8,
                      align="right", colour=MUTED)
        y = self.bottom_margin - 10 * mm
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(self.left_margin, y + 9, width - self.right_margin, y + 9)
        canvas.restoreState()
        draw_text(canvas, self.left_margin, y, self.provenance.footer(), size=7.5, colour=MUTED)
        draw_text(canvas, width - self.right_margin, y, f"Page {page} of {pages}", size=7.5,
                  bold=True, align="right", colour=MUTED)

    # -- building ---------------------------------------------------------------------
    def add(self, section: Section) -> None:
        self._sections.append(section)

    def _templates(self, doc: BaseDocTemplate) -> list[PageTemplate]:
        templates = []
        for orientation in ("portrait", "landscape"):
            size = self.paper.size if orientation == "portrait" else landscape(self.paper.size)
            width, height = size
            frame_width = width - self.left_margin - self.right_margin
            first_top = self.letterhead_height + 14 * mm if self.letterhead else self.top_margin
            first = Frame(self.left_margin, self.bottom_margin, frame_width,
                          height - self.bottom_margin - first_top, id="first",
                          leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
            later = Frame(self.left_margin, self.bottom_margin, frame_width,
                          height - self.bottom_margin - self.top_margin, id="later",
                          leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
            suffix = "" if orientation == "portrait" else "-wide"
            templates += [
                PageTemplate(id="first" + suffix, frames=[first], onPage=self._on_first_page,
                             pagesize=size, autoNextPageTemplate="later" + suffix),
                PageTemplate(id="later" + suffix, frames=[later], onPage=self._on_later_page,
                             pagesize=size),
            ]
        return templates

    def _story(self) -> list[Flowable]:
        story: list[Flowable] = []
        for index, section in enumerate(self._sections):
            suffix = "-wide" if section.landscape else ""
            if index == 0:
                if section.landscape:
                    story += [NextPageTemplate("first-wide"), PageBreak()]
            else:
                story += [NextPageTemplate("first" + suffix), PageBreak()]
            story.append(_SectionMark(index))
            story += section.story
        return story

    def render(self) -> bytes:
        if not self._sections:
            raise ValueError("a document needs at least one section")
        out = io.BytesIO()
        self.render_to(out)
        return out.getvalue()

    def render_to(self, stream: Any) -> None:
        doc = BaseDocTemplate(
            stream,
            pagesize=self.paper.size,
            leftMargin=self.left_margin,
            rightMargin=self.right_margin,
            topMargin=self.top_margin,
            bottomMargin=self.bottom_margin,
            title=plain(self.info.title),
            author=plain(self.info.author),
            subject=plain(self.info.subject),
            keywords=[plain(k) for k in self.info.keywords],
            creator="SayPro Desktop",
            producer="SayPro Desktop",
            lang="en",
            initialFontName=REGULAR,
        )
        doc.addPageTemplates(self._templates(doc))
        story = self._story()
        # A landscape first section starts with a page break to switch template; drop the
        # blank portrait page that would leave by starting on the wide template instead.
        if self._sections[0].landscape:
            doc.pageTemplates.insert(0, doc.pageTemplates.pop(2))
            story = story[2:]
        maker: Callable[..., Canvas] = lambda *a, **k: _PagedCanvas(*a, renderer=self, **k)  # noqa: E731
        doc.build(story, canvasmaker=maker)


def render_sections(info: DocumentInfo, provenance: Provenance, sections: Sequence[Section], *,
                    paper: Paper | str = Paper.A4, issuer: Issuer | None = None,
                    letterhead: bool = True) -> bytes:
    renderer = Renderer(info, provenance, paper=paper, issuer=issuer, letterhead=letterhead)
    for section in sections:
        renderer.add(section)
    return renderer.render()


__all__ = [
    "BOLD",
    "DocumentInfo",
    "Issuer",
    "Paper",
    "Provenance",
    "Renderer",
    "Section",
    "day",
    "draw_text",
    "render_sections",
    "when",
]


def frame_width(paper: Paper | str, *, wide: bool = False) -> float:
    """Width of the text frame on ``paper`` (portrait, or landscape when ``wide``)."""
    size = Paper.parse(paper).size
    width = max(size) if wide else min(size)
    return float(width - Renderer.left_margin - Renderer.right_margin)
