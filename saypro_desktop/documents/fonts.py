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
        """Face name -> file; a file used for several styles is one face (loaded once)."""
        found: dict[str, str] = {}
        for face, filename in ((self.name, self.regular), (f"{self.name}-Bold", self.bold),
                               (f"{self.name}-Italic", self.italic),
                               (f"{self.name}-BoldItalic", self.bold_italic)):
            if filename not in found.values():
                found[face] = filename
        return found

    def face(self, filename: str) -> str:
        return next(face for face, name in self.faces.items() if name == filename)

    @property
    def bold_face(self) -> str:
        return self.face(self.bold)


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
_COVERAGE: list[frozenset[int]] = []  # per family of CHAIN, in order, as they are loaded
# The Latin/Greek/Cyrillic and symbol faces load at once; the CJK and Korean ones (4 MB
# each) only when a character needs them.
EAGER = 2


def _load(family: FontFamily) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    loaded = {}
    for face, filename in family.faces.items():
        font = TTFont(face, str(resource("fonts", filename)))
        pdfmetrics.registerFont(font)
        loaded[filename] = font
    pdfmetrics.registerFontFamily(
        family.name, normal=family.face(family.regular), bold=family.face(family.bold),
        italic=family.face(family.italic), boldItalic=family.face(family.bold_italic))
    _COVERAGE.append(frozenset(loaded[family.regular].face.charToGlyph))


def register_fonts(upto: int = EAGER) -> None:
    """Register the first ``upto`` families of the chain with ReportLab (once per process;
    safe from any thread)."""
    if len(_COVERAGE) >= upto:
        return
    with _lock:
        while len(_COVERAGE) < min(upto, len(CHAIN)):
            _load(CHAIN[len(_COVERAGE)])


@lru_cache(maxsize=65_536)
def family_for(char: str) -> int:
    """Index in ``CHAIN`` of the first family with a glyph for ``char``; -1 if none has."""
    register_fonts()
    code = ord(char)
    for index in range(len(CHAIN)):
        if index >= len(_COVERAGE):
            register_fonts(index + 1)
        if code in _COVERAGE[index]:
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
