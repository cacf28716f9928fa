"""The bundled TrueType fonts every document prints with, and which one covers what.

ReportLab draws a character only if the font in use has a glyph for it; otherwise the
page shows an empty box. So text is split into runs, each set in the first font of the
chain below that has every glyph of the run (``font_runs``):

=================  ===================================  ====================================
family             files (resources/fonts/)             covers
=================  ===================================  ====================================
``SayProSans``     NotoSans-{Regular,Bold,Italic,       Latin with every accent (Afrikaans,
                   BoldItalic}.ttf                      French, German, Czech, Icelandic,
                                                        Vietnamese; Zulu, Xhosa, Sotho and
                                                        Tswana names), Greek, Cyrillic
``SayProSymbols``  DejaVuSans{,-Bold,-Oblique}.ttf      Hebrew, Arabic (presentation
                                                        forms), Armenian, Georgian, IPA,
                                                        arrows, ticks and box symbols
``SayProCJK``      DroidSansFallbackFull.ttf            Chinese, Japanese kana and kanji,
                                                        some Korean Hangul
``SayProKorean``   NanumGothic.ttf                      every Korean Hangul syllable
=================  ===================================  ====================================

A character none of them has is printed as U+FFFD (a visible replacement mark), never
as an empty box. Fonts are registered once per process and embedded (subset) in every
PDF. Licences: NOTO-LICENSE.txt (OFL 1.1), DEJAVU-LICENSE.txt, DROID-LICENSE.txt
(Apache 2.0), NANUM-LICENSE.txt (OFL 1.1) beside the fonts.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

from saypro_desktop.resources import resource

REPLACEMENT = "\ufffd"


@dataclass(frozen=True, slots=True)
class FontFamily:
    name: str
    regular: str
    bold: str
    italic: str
    bold_italic: str

    @property
    def faces(self) -> dict[str, str]:
        return {
            self.name: self.regular,
            f"{self.name}-Bold": self.bold,
            f"{self.name}-Italic": self.italic,
            f"{self.name}-BoldItalic": self.bold_italic,
        }


PRIMARY = FontFamily(
    "SayProSans",
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSans-Italic.ttf",
    "NotoSans-BoldItalic.ttf",
)
SYMBOLS = FontFamily(
    "SayProSymbols",
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique.ttf",
    "DejaVuSans-Bold.ttf",
)
CJK = FontFamily(
    "SayProCJK",
    "DroidSansFallbackFull.ttf",
    "DroidSansFallbackFull.ttf",
    "DroidSansFallbackFull.ttf",
    "DroidSansFallbackFull.ttf",
)
KOREAN = FontFamily(
    "SayProKorean",
    "NanumGothic.ttf",
    "NanumGothic.ttf",
    "NanumGothic.ttf",
    "NanumGothic.ttf",
)
CHAIN: tuple[FontFamily, ...] = (PRIMARY, SYMBOLS, CJK, KOREAN)

REGULAR = PRIMARY.name
BOLD = f"{PRIMARY.name}-Bold"
ITALIC = f"{PRIMARY.name}-Italic"

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register every family with ReportLab (once per process; safe from any thread)."""
    global _registered
    if _registered:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    with _lock:
        if _registered:
            return
        loaded: dict[str, TTFont] = {}
        for family in CHAIN:
            for face, filename in family.faces.items():
                font = TTFont(face, str(resource("fonts", filename)))
                pdfmetrics.registerFont(font)
                loaded[face] = font
            pdfmetrics.registerFontFamily(
                family.name,
                normal=family.name,
                bold=f"{family.name}-Bold",
                italic=f"{family.name}-Italic",
                boldItalic=f"{family.name}-BoldItalic",
            )
        _COVERAGE.extend(
            frozenset(loaded[family.name].face.charToGlyph) for family in CHAIN
        )
        _registered = True


_COVERAGE: list[frozenset[int]] = []


@lru_cache(maxsize=65_536)
def family_for(char: str) -> int:
    """Index in ``CHAIN`` of the first family with a glyph for ``char``; -1 if none has."""
    register_fonts()
    code = ord(char)
    for index, covered in enumerate(_COVERAGE):
        if code in covered:
            return index
    return -1


def covered(char: str) -> bool:
    return family_for(char) >= 0


def font_runs(text: str) -> list[tuple[int, str]]:
    """Split ``text`` into (family index, run) pieces, each printable in that family.

    Spaces and line breaks stay in the run around them; a character no family has
    becomes U+FFFD in the symbols family.
    """
    runs: list[tuple[int, str]] = []
    current = 0
    buffer: list[str] = []
    for char in text:
        if char in " \n\t":
            buffer.append(char)
            continue
        index = family_for(char)
        if index < 0:
            index, char = 1, REPLACEMENT
        if index != current and buffer:
            runs.append((current, "".join(buffer)))
            buffer = []
        current = index
        buffer.append(char)
    if buffer:
        runs.append((current, "".join(buffer)))
    return runs
