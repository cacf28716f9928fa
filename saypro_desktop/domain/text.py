"""Text safety: what may come in (cleaning), and what may go out to a terminal (escaping).

Contact files and typed input can hold characters a person cannot see: C0/C1 control
codes (``\\x01``, the ESC that starts an ANSI sequence, ``\\x9b``), bidirectional
overrides that make ``moc.elpmaxe@eve`` display as ``eve@example.com``, zero-width
characters that make two identical-looking emails different, and hundreds of stacked
combining marks that draw over neighbouring rows. On the way in:

* names and free text lose C0/C1 controls (notes and addresses keep newline and TAB),
  bidi embedding/override/isolate controls, and combining marks beyond
  :data:`MAX_COMBINING` in a row; zero-width joiners stay, because Persian names need
  ZWNJ and emoji sequences need ZWJ;
* emails and phone numbers refuse any invisible or control character outright (a clean
  copy would silently be a different address), naming the character.

On the way out, :func:`terminal_safe` renders anything unprintable as a visible escape
(``\\x1b``, ``\\u202e``), so no stored value can retitle a terminal or reorder a line.
"""

from __future__ import annotations

import re
import unicodedata

from saypro_desktop.domain.errors import ValidationError

__all__ = [
    "MAX_COMBINING",
    "clean_free_text",
    "refuse_invisible",
    "terminal_safe",
]

# Vietnamese stacks two marks on one letter and Indic scripts up to four; "Zalgo" text
# uses hundreds.
MAX_COMBINING = 4

_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u180e\u00ad"
# C0 (except TAB, LF, CR), DEL and C1.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROLS_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\t\r\n]+")
_BIDI = re.compile(f"[{_BIDI_CONTROLS}\u2028\u2029]")
_INVISIBLE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI_CONTROLS}{_ZERO_WIDTH}\u2028\u2029]")
_COMBINING_RUN = re.compile(r"[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a"
                            r"\u064b-\u065f\u0900-\u0903\u093a-\u094f\u0951-\u0957"
                            r"\u0e31-\u0e3a\u0e47-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff"
                            r"\u20d0-\u20ff\ufe20-\ufe2f]" + f"{{{MAX_COMBINING + 1},}}")


def _cap_combining(text: str) -> str:
    if not any(unicodedata.combining(ch) for ch in text):
        return text
    # The fast regex covers the common blocks; the general pass catches the rest.
    text = _COMBINING_RUN.sub(lambda m: m.group()[:MAX_COMBINING], text)
    out: list[str] = []
    run = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) == "Me":
            run += 1
            if run > MAX_COMBINING:
                continue
        else:
            run = 0
        out.append(ch)
    return "".join(out)


def clean_free_text(text: str, *, multiline: bool = False) -> str:
    """Remove control and bidi characters and cap combining marks (see module docstring).

    ``multiline`` keeps newline, carriage return and TAB (notes, addresses); otherwise a
    TAB or line break becomes a space, as in a one-line form field.
    """
    if text.isascii() and text.isprintable():
        return text
    if multiline:
        text = _CONTROLS.sub("", text.replace("\u2028", "\n").replace("\u2029", "\n"))
    else:
        text = _CONTROLS_SINGLE_LINE.sub("", _LINE_BREAKS.sub(" ", text))
    text = _BIDI.sub("", text)
    return _cap_combining(text)


def refuse_invisible(text: str, *, field: str) -> str:
    """Return ``text`` unchanged, or raise if it holds an invisible or control character.

    For emails and phone numbers, where a hidden character makes a different value that
    looks the same (and a cleaned copy would be a silent change).
    """
    match = _INVISIBLE.search(text)
    if match is None:
        return text
    ch = match.group()
    name = unicodedata.name(ch, "control character")
    raise ValidationError(
        f"{field}: contains an invisible character (U+{ord(ch):04X} {name}); "
        "type the value again without it"
    )


def _escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _printable(ch: str, keep_newlines: bool) -> bool:
    # str.isprintable is False for controls (Cc), format characters (Cf: bidi, zero
    # width), surrogates, private use, unassigned code points and every separator but
    # the space (so a no-break space is shown as \xa0 too).
    return ch.isprintable() or (keep_newlines and ch in "\n\t")


def terminal_safe(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every unprintable character shown as a visible escape.

    For anything written to a terminal: ESC, BEL, other controls, bidi and zero-width
    characters become ``\\x1b``, ``\\u202e`` and so on, and combining marks beyond
    :data:`MAX_COMBINING` in a row are dropped. A backslash is left alone (names and paths
    hold them). ``keep_newlines`` passes newline and TAB through for multi-line output.
    """
    if text.isascii() and text.isprintable():
        return text
    out = "".join(ch if _printable(ch, keep_newlines) else _escape(ch) for ch in text)
    return _cap_combining(out)
