"""A vCard file's structure, on bytes: UTF-16 re-encoded so the structure is ASCII, the
physical lines (CRLF, LF, CR, or iOS's CR CR LF), unfolding into properties (folding and
quoted-printable soft breaks), and each property's group, name and parameters."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from saypro_desktop.interop.limits import LimitExceededError, ReadLimits
from saypro_desktop.interop.text_decoding import detect_utf16

_LINE_SPLIT = re.compile(rb"\r*\n|\r")
_ENCODING_WORDS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}


@dataclass
class Property:
    """One content line: its group, name and parameters, the value still as bytes, and the
    line it starts on."""

    group: str
    name: str
    params: dict[str, list[str]]
    raw: bytes
    line: int


def ascii_compatible(chunks: Iterator[bytes], head: bytes) -> Iterator[bytes]:
    """Chunks whose structure is ASCII-compatible: UTF-16 is re-encoded to UTF-8."""
    name: str | None = None
    skip = 0
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
                       (codecs.BOM_UTF8, None)):
        if head.startswith(bom):
            name, skip = codec, len(bom)
            break
    else:
        name = detect_utf16(head)
    if name is None:
        for chunk in chunks:
            if skip:
                chunk, skip = chunk[skip:], 0
            yield chunk
        return
    decoder = codecs.getincrementaldecoder(name)(errors="replace")
    for chunk in chunks:
        if skip:
            chunk, skip = chunk[skip:], 0
        yield decoder.decode(chunk).encode("utf-8")
    yield decoder.decode(b"", True).encode("utf-8")


def physical_lines(chunks: Iterable[bytes], limits: ReadLimits) -> Iterator[tuple[int, bytes]]:
    """Split byte chunks into numbered physical lines (CRLF, LF, CR, or iOS's CR CR LF).

    A chunk ending in CR may be half of a CRLF, so trailing CRs wait for the next chunk.
    """
    rest = b""
    number = 0
    for chunk in chunks:
        buffer = rest + chunk if rest else chunk
        safe = len(buffer.rstrip(b"\r"))
        pieces = _LINE_SPLIT.split(buffer[:safe])
        rest = pieces.pop() + buffer[safe:]
        for piece in pieces:
            number += 1
            yield number, piece
        if len(rest) > limits.line_chars:
            raise LimitExceededError("line_chars", f"line {number + 1} runs past "
                                     f"{limits.line_chars:,} characters", limits.line_chars,
                                     split="the file may not be a vCard; export it again")
    if rest:
        for piece in _LINE_SPLIT.split(rest):
            number += 1
            yield number, piece


def logical_lines(physical: Iterable[tuple[int, bytes]], limits: ReadLimits
                   ) -> Iterator[tuple[int, bytes]]:
    """Unfold physical lines into properties, keeping each one's first line number.

    Folding: a line starting with a space or TAB continues the previous one (one
    whitespace character is removed). Quoted-printable: a value ending in ``=`` is a
    soft break and the next physical line, whatever it looks like, continues it.
    Blank lines are ignored (they separate cards in some exports and end base64 data
    in vCard 2.1). Pieces are collected and joined once, so unfolding is linear in the
    size of the property however many lines it spans.
    """
    start = 0
    parts: list[bytes] = []
    size = 0
    soft_break = False
    for number, raw in physical:
        if parts and soft_break:
            parts[-1] = parts[-1][:-1]
            parts.append(raw)
            soft_break = raw.endswith(b"=")
        else:
            folded = raw[:1] in (b" ", b"\t")
            if not folded and not raw.strip():
                continue
            if folded and parts:
                parts.append(raw[1:])
            else:
                if parts:
                    yield start, b"".join(parts)
                start, parts, size = number, [raw], 0
                soft_break = raw.endswith(b"=") and b"QUOTED-PRINTABLE" in _head(raw).upper()
        size += len(raw)
        if size > limits.line_chars:
            raise LimitExceededError(
                "line_chars", f"the property starting on line {start} runs past "
                f"{limits.line_chars:,} characters", limits.line_chars,
                split="remove the photo or attachment from that contact, or split the file")
    if parts:
        yield start, b"".join(parts)


def _head(line: bytes) -> bytes:
    """The name-and-parameters part of a property line (before the first unquoted ':')."""
    in_quotes = False
    for position, byte in enumerate(line):
        if byte == 0x22:
            in_quotes = not in_quotes
        elif byte == 0x3A and not in_quotes:
            return line[:position]
    return line


def _split_unquoted(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    buf: list[str] = []
    in_quotes = False
    for ch in text:
        if ch == '"':
            in_quotes = not in_quotes
            buf.append(ch)
        elif ch == separator and not in_quotes:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return parts


def parse_property(line: int, logical: bytes) -> Property | None:
    head = _head(logical)
    if len(head) == len(logical):
        return None  # no colon: not a property (garbage or a broken fold)
    raw_value = logical[len(head) + 1 :]
    pieces = _split_unquoted(head.decode("latin-1"), ";")
    group, _, name = pieces[0].strip().rpartition(".")
    params: dict[str, list[str]] = {}
    for piece in pieces[1:]:
        piece = piece.strip()
        if not piece:
            continue
        key, eq, value = piece.partition("=")
        if not eq:
            # vCard 2.1 bare parameter: "TEL;CELL;PREF" or "NOTE;QUOTED-PRINTABLE".
            word = key.upper()
            target = "ENCODING" if word in _ENCODING_WORDS else "TYPE"
            params.setdefault(target, []).append(key)
            continue
        values = [v.strip().strip('"') for v in _split_unquoted(value, ",")]
        key = key.strip().upper()
        if key == "TYPE":
            # TYPE="work,voice" (4.0) is a quoted list, not one value.
            values = [t.strip() for v in values for t in v.split(",")]
        params.setdefault(key, []).extend(v for v in values if v)
    return Property(group.upper(), name.upper(), params, raw_value, line)
