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

One stray byte must not garble a whole file: a file that is UTF-8 except for a few bytes
(more valid multi-byte UTF-8 characters than invalid bytes) stays UTF-8, the bad bytes
show as U+FFFD and ``DecodedText.replaced`` counts them, so a reader can name the rows.
Any other choice than UTF-8 is described by :func:`encoding_note` for the preview and
the report. :class:`StreamDecoder` makes the same choice from the first part of a file
and decodes the rest chunk by chunk, so a large file is never held whole.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from charset_normalizer import from_bytes

__all__ = [
    "DecodedText",
    "StreamDecoder",
    "decode_bytes",
    "detect_utf16",
    "encoding_note",
]

# How much of a file the encoding is decided on when it is streamed.
SAMPLE_BYTES = 1024 * 1024
_LEGACY_SAMPLE = 256 * 1024

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
    # Bytes that were not valid in ``encoding`` and became U+FFFD.
    replaced: int = 0

    @property
    def note(self) -> str | None:
        return encoding_note(self.encoding, self.replaced)


_ENCODING_NAMES = {
    "cp1252": "Windows-1252 (Western European)",
    "latin-1": "Latin-1 (Western European)",
    "shift_jis": "Shift_JIS (Japanese)",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "utf-32-le": "UTF-32",
    "utf-32-be": "UTF-32",
}


def encoding_note(encoding: str, replaced: int = 0) -> str | None:
    """One line for the preview and the report when the file was not plain UTF-8."""
    if encoding in {"utf-8", "utf-8-sig"}:
        if not replaced:
            return None
        return (f"the file is UTF-8 but {replaced:,} byte(s) in it are not; they show as "
                "\ufffd in the rows named in the warnings")
    if encoding.startswith(("utf-16", "utf-32")):
        return None
    name = _ENCODING_NAMES.get(encoding, encoding)
    return (f"the file is not UTF-8; read it as {name}: check that accented names look "
            "right, or save the file again as UTF-8")


_SURROGATE = re.compile("[\udc80-\udcff]")


def _utf8_evidence(data: bytes, final: bool) -> tuple[int, int]:
    """(valid non-ASCII characters, invalid bytes) when ``data`` is read as UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    text = decoder.decode(data, final)
    if text.isascii():
        return 0, 0
    invalid = len(_SURROGATE.findall(text))
    non_ascii = len(text) - len(text.encode("ascii", "ignore").decode("ascii"))
    return non_ascii - invalid, invalid


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


def _choose(data: bytes, *, complete: bool) -> tuple[str, int]:
    """(codec name, BOM length) for ``data`` (all of a file, or its first part)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    utf16 = detect_utf16(data)
    if utf16 is not None:
        try:
            codecs.getincrementaldecoder(utf16)().decode(data[:SAMPLE_BYTES], complete)
        except UnicodeDecodeError:
            pass
        else:
            return utf16, 0
    valid, invalid = _utf8_evidence(data, complete)
    if invalid == 0 or valid > invalid:
        return "utf-8", 0
    sample = data[:_LEGACY_SAMPLE]
    western = sample.decode("cp1252", errors="replace")
    if _looks_western(western):
        return _cp1252_or_latin1_name(data), 0
    japanese = codecs.getincrementaldecoder("cp932")(errors="strict")
    try:
        text = japanese.decode(sample, len(sample) == len(data) and complete)
    except UnicodeDecodeError:
        pass
    else:
        if _looks_japanese(text):
            return "shift_jis", 0
    best = from_bytes(sample).best()
    if best is not None:
        guess = best.encoding.lower()
        if guess in _TRUSTED_GUESSES:
            try:
                codecs.getincrementaldecoder(guess)().decode(sample, False)
            except (UnicodeDecodeError, LookupError):
                pass
            else:
                return guess, 0
    return _cp1252_or_latin1_name(data), 0


_CODECS = {"utf-8-sig": "utf-8", "shift_jis": "cp932"}


class StreamDecoder:
    """Decode a file chunk by chunk in the encoding chosen from its first part.

    ``replaced`` counts the bytes that were not valid in that encoding (they become
    U+FFFD); it grows as later chunks are decoded.
    """

    def __init__(self, head: bytes, *, complete: bool) -> None:
        self.encoding, self._skip = _choose(head, complete=complete)
        self.had_bom = self._skip > 0
        codec = _CODECS.get(self.encoding, self.encoding)
        self._surrogates = codec == "utf-8"
        errors = "surrogateescape" if self._surrogates else "replace"
        self._decoder = codecs.getincrementaldecoder(codec)(errors=errors)
        self.replaced = 0

    def decode(self, chunk: bytes, final: bool = False) -> str:
        if self._skip:
            chunk, self._skip = chunk[self._skip:], 0
        text = self._decoder.decode(chunk, final)
        if self._surrogates:
            if not text.isascii():
                text, count = _SURROGATE.subn("\ufffd", text)
                self.replaced += count
        elif "\ufffd" in text:
            self.replaced += text.count("\ufffd")
        return text

    def decode_all(self, chunks: Iterable[bytes]) -> Iterator[str]:
        """Decode ``chunks`` (the first one being the head given to the constructor)."""
        for chunk in chunks:
            text = self.decode(chunk)
            if text:
                yield text
        tail = self.decode(b"", final=True)
        if tail:
            yield tail


def decode_bytes(data: bytes) -> DecodedText:
    """Decode ``data`` to text, choosing the encoding as described in the module docstring.

    Never raises for any input: the last resort, Latin-1, maps every byte to a
    character, so a person sees something (and a warning) instead of a crash.
    """
    decoder = StreamDecoder(data, complete=True)
    text = decoder.decode(data, final=True)
    return DecodedText(text, decoder.encoding, decoder.had_bom, decoder.replaced)


def _cp1252_or_latin1_name(data: bytes) -> str:
    # cp1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined; such files are Latin-1.
    return "latin-1" if re.search(b"[\x81\x8d\x8f\x90\x9d]", data) else "cp1252"
