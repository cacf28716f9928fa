"""Turn the bytes of an exported file into text, whatever tool wrote it.

Contact lists arrive as UTF-8 (with and without a BOM), as Windows "Unicode text"
(UTF-16 LE with a BOM), from Apple Address Book (UTF-16 BE with *no* BOM), from Excel in
a European locale (Windows-1252) and from Japanese Thunderbird (Shift_JIS).
charset-normalizer alone guesses wrong on short files, so the cheap certain checks run
first: BOMs, the zero-byte pattern of UTF-16, then strict UTF-8. Then a plausibility
test for Western European text (on real files charset-normalizer calls French Latin-1
"cp1257" and Salesforce's cp1252 "cp1250"), then Shift_JIS when it yields kana or kanji
only, and only after those fail do we ask charset-normalizer. The last resorts are
cp1252, which decodes every byte except five, and Latin-1, which decodes everything.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

__all__ = ["DecodedText", "decode_bytes", "detect_utf16"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 BOMs start with the UTF-16 ones, so they must be checked first.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Legacy encodings we accept from charset-normalizer; anything else it proposes for a
# contact list (e.g. a Cyrillic code page for French names) is more likely a misguess
# than the truth, so those fall through to cp1252.
_TRUSTED_GUESSES = {
    "shift_jis", "cp932", "euc_jp", "iso2022_jp", "gb18030", "gb2312", "gbk", "big5",
    "euc_kr", "cp949", "cp1250", "cp1251", "iso8859_2", "iso8859_5", "koi8_r",
    "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "iso8859_7", "iso8859_9",
}


@dataclass(frozen=True)
class DecodedText:
    """Decoded text plus the encoding name that produced it (for warnings and reports)."""

    text: str
    encoding: str
    had_bom: bool = False


def detect_utf16(data: bytes) -> str | None:
    """Guess UTF-16 without a BOM from where the zero bytes sit.

    Text in Latin script encoded as UTF-16 has a zero in every other byte: at odd
    offsets for little-endian, even offsets for big-endian. Real 8-bit text almost
    never contains zero bytes at all, so a strong one-sided pattern is decisive.
    """
    sample = data[:4096]
    if len(sample) < 4:
        return None
    sample = sample[: len(sample) - len(sample) % 2]
    pairs = len(sample) // 2
    even_zero = sum(1 for i in range(0, len(sample), 2) if sample[i] == 0)
    odd_zero = sum(1 for i in range(1, len(sample), 2) if sample[i] == 0)
    if even_zero >= pairs * 0.3 and odd_zero <= pairs * 0.05:
        return "utf-16-be"
    if odd_zero >= pairs * 0.3 and even_zero <= pairs * 0.05:
        return "utf-16-le"
    return None


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{3,}")


def _looks_western(text: str) -> bool:
    """True when cp1252-decoded text reads like accented Latin-script words.

    Accented letters in Western names stand alone or in pairs between ASCII letters
    ("Adèle", "Müßig"); a multibyte encoding read as cp1252 gives long runs of
    symbols and odd letters ("Œ\xa0•º‰q"). Both signals must agree.
    """
    non_ascii = [c for c in text if ord(c) > 0x7F]
    if not non_ascii:
        return True
    letters = sum(1 for c in non_ascii if c.isalpha())
    in_runs = sum(len(m.group()) for m in _NON_ASCII_RUN.finditer(text))
    return letters / len(non_ascii) >= 0.8 and in_runs / len(non_ascii) < 0.2


def _looks_japanese(text: str) -> bool:
    """True when every non-ASCII character is kana, kanji or full-width punctuation.

    Half-width katakana (U+FF61..FF9F) is what Latin-1 bytes 0xA1..0xDF become when
    read as Shift_JIS, so its presence argues against Japanese, not for it.
    """
    non_ascii = [c for c in text if ord(c) > 0x7F]
    if not non_ascii:
        return False
    for c in non_ascii:
        code = ord(c)
        if 0xFF61 <= code <= 0xFF9F or 0xE000 <= code <= 0xF8FF:
            return False
        if not (0x3000 <= code <= 0x30FF or 0x4E00 <= code <= 0x9FFF or 0xFF01 <= code <= 0xFF5E):
            return False
    return True


def decode_bytes(data: bytes) -> DecodedText:
    """Decode ``data`` to text, choosing the encoding as described in the module docstring.

    Never raises for any input: the last resort, Latin-1, maps every byte to a
    character, so a person sees something (and a warning) instead of a crash.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            codec = "utf-8" if name == "utf-8-sig" else name
            text = data[len(bom):].decode(codec, errors="replace")
            return DecodedText(text, name, had_bom=True)
    utf16 = detect_utf16(data)
    if utf16 is not None:
        try:
            return DecodedText(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    western = data.decode("cp1252", errors="replace")
    if _looks_western(western):
        return _cp1252_or_latin1(data)
    try:
        japanese = data.decode("cp932")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_japanese(japanese):
            return DecodedText(japanese, "shift_jis")
    best = from_bytes(data).best()
    if best is not None:
        guess = best.encoding.lower()
        if guess in _TRUSTED_GUESSES:
            try:
                return DecodedText(data.decode(guess), guess)
            except (UnicodeDecodeError, LookupError):
                pass
    return _cp1252_or_latin1(data)


def _cp1252_or_latin1(data: bytes) -> DecodedText:
    # cp1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined; such files are Latin-1.
    try:
        return DecodedText(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return DecodedText(data.decode("latin-1"), "latin-1")
