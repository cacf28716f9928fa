"""Read vCard 2.1, 3.0 and 4.0 address books; write vCard 3.0.

Why hand-written rather than ``vobject``: vobject decodes the whole file to text
before parsing, and real exports defeat that. Android and Outlook write
quoted-printable values whose soft line breaks (``=`` at line end) split a multibyte
UTF-8 character or an ``=0D=0A`` escape across lines; The Bat! and old Outlook put raw
8-bit bytes in a value and declare (or omit) the charset per property; iOS 5 ends lines
with CR CR LF; Outlook folds with TABs; Gmail and Apple use ``itemN.`` groups with
``X-ABLabel`` labels; Thunderbird leaves blank lines between cards; phones embed
multi-kilobyte base64 photos. So this reader works on *bytes*: structure (names,
parameters, folding) is ASCII and parsed byte-wise, and each value is decoded on its
own by its ENCODING and CHARSET, defaulting to UTF-8 and then cp1252.

Only UTF-16 files (Apple Address Book writes UTF-16BE *without* a BOM) are decoded
as a whole first, because their structure is not ASCII-compatible.
"""

from __future__ import annotations

import binascii
import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from saypro_desktop.domain.text import terminal_safe
from saypro_desktop.interop.limits import (
    DEFAULT_LIMITS,
    LimitExceededError,
    ReadLimits,
    Source,
    byte_chunks,
    head_and_rest,
)
from saypro_desktop.interop.text_decoding import detect_utf16

__all__ = [
    "Card",
    "CardAddress",
    "CardPhone",
    "iter_vcards",
    "read_vcards",
    "write_vcards",
]

_LINE_SPLIT = re.compile(rb"\r*\n|\r")
_ESCAPE_30 = re.compile(r"\\(.)", re.DOTALL)
_ENCODING_WORDS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")


@dataclass
class CardPhone:
    """A telephone number as written in the card, with its lower-cased TYPE labels."""

    number: str
    types: list[str] = field(default_factory=list)


@dataclass
class CardAddress:
    """The seven ADR components (RFC 6350 order) plus TYPE labels."""

    po_box: str = ""
    extended: str = ""
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    types: list[str] = field(default_factory=list)


@dataclass
class Card:
    """One contact from a vCard file, reduced to what SayPro can use.

    Values are decoded text exactly as the card holds them (not trimmed), so a
    write-then-read round trip gives back the same strings.
    """

    formatted_name: str = ""
    family_name: str = ""
    given_name: str = ""
    additional_names: str = ""
    prefix: str = ""
    suffix: str = ""
    nickname: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[CardPhone] = field(default_factory=list)
    org: str = ""
    department: str = ""
    title: str = ""
    addresses: list[CardAddress] = field(default_factory=list)
    note: str = ""
    birthday: str = ""
    uid: str = ""
    urls: list[str] = field(default_factory=list)
    version: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Property:
    group: str
    name: str
    params: dict[str, list[str]]
    raw: bytes
    line: int


# ---------------------------------------------------------------------------- reading


def _physical_lines(chunks: Iterable[bytes], limits: ReadLimits) -> Iterator[tuple[int, bytes]]:
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


def _logical_lines(physical: Iterable[tuple[int, bytes]], limits: ReadLimits
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


def _parse_property(line: int, logical: bytes) -> _Property | None:
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
    return _Property(group.upper(), name.upper(), params, raw_value, line)


def _decode_qp(raw: bytes) -> bytes:
    # binascii decodes =XX in C (a regex callback per escape was 800x slower than quopri);
    # it would drop a lone trailing "=" (a soft break with nothing after), which we keep.
    if raw.endswith(b"="):
        return binascii.a2b_qp(raw[:-1]) + b"="
    return binascii.a2b_qp(raw)


def _decode_value(prop: _Property, warnings: list[str]) -> str | None:
    """Decode a property's bytes to text, or None for binary (photos, keys, sounds)."""
    encoding = {e.upper() for e in prop.params.get("ENCODING", [])}
    if encoding & {"BASE64", "B"}:
        return None
    raw = prop.raw
    if "QUOTED-PRINTABLE" in encoding:
        raw = _decode_qp(raw)
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    charsets = prop.params.get("CHARSET", [])
    if charsets:
        name = charsets[0]
        try:
            text = raw.decode(name, errors="replace")
        except (LookupError, ValueError, TypeError):  # unknown, or not a text encoding
            shown = terminal_safe(name[:40])
            warnings.append(f"line {prop.line}: unknown CHARSET={shown}; guessed instead")
        else:
            if "\ufffd" in text:
                warnings.append(f"line {prop.line}: {prop.name} is not valid {name}")
            return text
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _unescape(text: str, version: str) -> str:
    """Undo backslash escapes: full set for 3.0/4.0, only ``\\;`` and ``\\,`` for 2.1.

    vCard 2.1 has no general escaping, and Outlook 2.1 notes hold Windows paths whose
    backslashes must survive.
    """
    if version == "2.1":
        return text.replace("\\;", ";").replace("\\,", ",")

    def repl(match: re.Match[str]) -> str:
        ch = match.group(1)
        return "\n" if ch in "nN" else ch

    return _ESCAPE_30.sub(repl, text)


def _split_structured(text: str) -> list[str]:
    """Split on ';' not preceded by a backslash escape (escapes are kept for later)."""
    parts: list[str] = []
    buf: list[str] = []
    escaped = False
    for ch in text:
        if escaped:
            buf.append("\\" + ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == ";":
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    if escaped:
        buf.append("\\")
    parts.append("".join(buf))
    return parts


def _types(prop: _Property, labels: dict[str, str]) -> list[str]:
    found = [t.lower() for t in prop.params.get("TYPE", [])]
    if prop.params.get("PREF") and "pref" not in found:
        found.append("pref")
    if prop.group and prop.group in labels:
        found.append(labels[prop.group])
    return found


def _birthday(value: str) -> str:
    value = value.strip()
    if re.fullmatch(r"\d{8}", value):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    if re.fullmatch(r"--\d{4}", value):
        return f"--{value[2:4]}-{value[4:]}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T.*", value):
        return value[:10]
    return value


def _ascii_compatible(chunks: Iterator[bytes], head: bytes) -> Iterator[bytes]:
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


def iter_vcards(source: Source, *, limits: ReadLimits = DEFAULT_LIMITS) -> Iterator[Card]:
    """Yield each card of ``source`` (bytes, a path or a binary stream) as it is read.

    Never raises on malformed content (see ``Card.warnings``); raises
    :class:`LimitExceededError` past a cap. A card that starts inside another one (a
    vCard 2.1 AGENT, or a broken export) is read as a contact of its own and says so, so
    no card is silently lost.
    """
    head, _, chunks = head_and_rest(byte_chunks(source, limits), 4096)
    physical = _physical_lines(_ascii_compatible(chunks, head), limits)
    stack: list[tuple[int, list[_Property]]] = []
    count = 0
    for number, logical in _logical_lines(physical, limits):
        prop = _parse_property(number, logical)
        if prop is None:
            continue
        if prop.name in ("BEGIN", "END") and prop.raw.strip().upper() == b"VCARD":
            if prop.name == "BEGIN":
                stack.append((number, []))
                continue
            if not stack:
                continue
            begun, props = stack.pop()
            count += 1
            if count > limits.cards:
                raise LimitExceededError("cards", f"the file has more than {limits.cards:,} "
                                         "contacts", limits.cards)
            card = _build_card(props)
            if stack:
                card.warnings.append(
                    f"line {begun}: this card starts inside the card on line {stack[-1][0]} "
                    "(END:VCARD missing?); read it as a contact of its own")
            yield card
        elif stack:
            stack[-1][1].append(prop)
    while stack:
        begun, props = stack.pop()
        if not props:
            continue
        card = _build_card(props)
        card.warnings.append(f"line {begun}: the card has no END:VCARD; read what was there")
        yield card


def read_vcards(data: Source, *, limits: ReadLimits = DEFAULT_LIMITS) -> list[Card]:
    """Parse every card in ``data``. Never raises on malformed input; see ``Card.warnings``."""
    return list(iter_vcards(data, limits=limits))


def _build_card(props: list[_Property]) -> Card:
    card = Card()
    version = next(
        (p.raw.decode("latin-1").strip() for p in props if p.name == "VERSION"), "3.0"
    )
    card.version = version
    labels: dict[str, str] = {}
    for prop in props:
        if prop.name == "X-ABLABEL" and prop.group:
            label = (_decode_value(prop, card.warnings) or "").strip()
            match = _APPLE_LABEL.match(label)
            labels[prop.group] = (match.group(1) if match else label).lower()
    for prop in props:
        value = _decode_value(prop, card.warnings)
        if value is None:
            continue
        name = prop.name
        if name == "FN":
            card.formatted_name = _unescape(value, version)
        elif name == "N":
            parts = [_unescape(p, version) for p in _split_structured(value)] + [""] * 5
            (card.family_name, card.given_name, card.additional_names, card.prefix,
             card.suffix) = parts[:5]
        elif name == "NICKNAME" and not card.nickname:
            card.nickname = _unescape(value, version)
        elif name == "EMAIL":
            email = _unescape(value, version)
            if email.strip():
                card.emails.append(email)
        elif name == "TEL":
            number = _unescape(value, version)
            if number.lower().startswith("tel:"):
                number = number[4:]
            if number.strip():
                card.phones.append(CardPhone(number, _types(prop, labels)))
        elif name == "ORG" and not card.org:
            parts = [_unescape(p, version) for p in _split_structured(value)] + [""]
            card.org, card.department = parts[0], parts[1]
        elif name == "TITLE" and not card.title:
            card.title = _unescape(value, version)
        elif name == "ADR":
            parts = [_unescape(p, version) for p in _split_structured(value)] + [""] * 7
            po_box, extended, street, city, region, postal, country = parts[:7]
            card.addresses.append(CardAddress(po_box, extended, street, city, region, postal,
                                              country, _types(prop, labels)))
        elif name == "NOTE":
            note = _unescape(value, version)
            card.note = f"{card.note}\n{note}" if card.note else note
        elif name == "BDAY" and not card.birthday:
            card.birthday = _birthday(_unescape(value, version))
        elif name == "UID" and not card.uid:
            card.uid = _unescape(value, version)
        elif name == "URL":
            card.urls.append(_unescape(value, version))
    return card


# ---------------------------------------------------------------------------- writing


def _escape(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    )


def _fold(line: str) -> bytes:
    """Fold one content line at 75 octets without splitting a UTF-8 character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return encoded + b"\r\n"
    chunks: list[bytes] = []
    limit = 75
    current = bytearray()
    for ch in line:
        piece = ch.encode("utf-8")
        if len(current) + len(piece) > limit:
            chunks.append(bytes(current))
            current = bytearray()
            limit = 74  # continuation lines start with one space
        current.extend(piece)
    chunks.append(bytes(current))
    return b"\r\n ".join(chunks) + b"\r\n"


def _type_param(types: list[str]) -> str:
    clean = [re.sub(r"[^A-Za-z0-9-]", "", t) for t in types]
    clean = [t for t in clean if t]
    return ";TYPE=" + ",".join(t.upper() for t in clean) if clean else ""


def write_vcards(cards: Iterable[Card]) -> bytes:
    """Serialise cards as vCard 3.0 (UTF-8, CRLF, folded at 75 octets, escaped).

    3.0 is what every address book we meet imports, including Outlook and older
    Android; 4.0 is not yet safe to hand to a colleague's phone.
    """
    out: list[bytes] = []
    for card in cards:
        name = card.formatted_name or " ".join(
            p for p in (card.given_name, card.family_name) if p
        )
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_escape(name)}"]
        structured = (card.family_name, card.given_name, card.additional_names, card.prefix,
                      card.suffix)
        lines.append("N:" + ";".join(_escape(p) for p in structured))
        if card.nickname:
            lines.append(f"NICKNAME:{_escape(card.nickname)}")
        lines.extend(f"EMAIL;TYPE=INTERNET:{_escape(e)}" for e in card.emails)
        lines.extend(f"TEL{_type_param(p.types)}:{_escape(p.number)}" for p in card.phones)
        if card.org or card.department:
            org = _escape(card.org) + (f";{_escape(card.department)}" if card.department else "")
            lines.append(f"ORG:{org}")
        if card.title:
            lines.append(f"TITLE:{_escape(card.title)}")
        for adr in card.addresses:
            parts = (adr.po_box, adr.extended, adr.street, adr.city, adr.region,
                     adr.postal_code, adr.country)
            lines.append(f"ADR{_type_param(adr.types)}:" + ";".join(_escape(p) for p in parts))
        if card.note:
            lines.append(f"NOTE:{_escape(card.note)}")
        if card.birthday:
            lines.append(f"BDAY:{_escape(card.birthday)}")
        if card.uid:
            lines.append(f"UID:{_escape(card.uid)}")
        lines.extend(f"URL:{_escape(u)}" for u in card.urls)
        lines.append("END:VCARD")
        out.extend(_fold(line) for line in lines)
    return b"".join(out)
