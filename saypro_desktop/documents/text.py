"""User text made safe to print: cleaned, put in reading order, escaped, font-switched.

Every name, note or title that came from a person goes through ``markup`` before it
reaches a ReportLab Paragraph, so ``<b>O'Brien & Sons</b>`` prints exactly as typed,
control characters vanish, right-to-left names read right to left, and each character
is set in a font that has it (see ``documents.fonts``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from saypro_desktop.documents.fonts import CHAIN, font_runs

# Bidi embedding/override/isolate marks: invisible, and meaningless once text is in
# visual order; dropping them stops an RLO from flipping the rest of a line.
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
_RTL_CLASSES = {"R", "AL"}
_SPACES = re.compile(r"[ \t\u00a0]{2,}")



def clean(text: str | None) -> str:
    """NFC text without control, format or unpaired surrogate characters.

    Line breaks are kept (as ``\\n``); tabs become spaces. Characters from the private
    use area and unassigned code points are left to the font chain (printed as U+FFFD).
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    if text.replace("\n", "").isprintable():  # the usual case: nothing to drop
        return unicodedata.normalize("NFC", text).strip()
    kept: list[str] = []
    for char in text:
        if char == "\n":
            kept.append(char)
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cs") or char in _BIDI_CONTROLS:
            continue
        if category == "Cf" and char not in ("\u200c", "\u200d"):
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).strip()


def one_line(text: str | None) -> str:
    """``clean`` with line breaks folded to spaces: names, titles, table cells."""
    return _SPACES.sub(" ", clean(text).replace("\n", " "))


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in _RTL_CLASSES for char in text)


def visual_order(line: str) -> str:
    """A logical-order line as it must be drawn left to right (Arabic letters joined)."""
    if not _has_rtl(line):
        return line
    from arabic_reshaper import reshape
    from bidi import get_display

    try:
        return str(get_display(reshape(line)))
    except Exception:  # a line the bidi algorithm rejects still prints, in typed order
        return line


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@lru_cache(maxsize=8192)
def _markup(text: str) -> str:
    lines = [visual_order(line) for line in text.split("\n")]
    parts: list[str] = []
    for number, line in enumerate(lines):
        if number:
            parts.append("<br/>")
        for index, run in font_runs(line):
            safe = escape(run)
            if index:
                parts.append(f'<font face="{CHAIN[index].name}">{safe}</font>')
            else:
                parts.append(safe)
    return "".join(parts)


def markup(text: str | None, *, multiline: bool = True) -> str:
    """Paragraph markup that prints ``text`` literally, in fonts that have its glyphs."""
    cleaned = clean(text) if multiline else one_line(text)
    return _markup(cleaned) if cleaned else ""


def plain(text: str | None) -> str:
    """Cleaned, visual-order text for places that are not paragraphs (PDF metadata)."""
    return one_line(text)
