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

Writing (``vcard.writing``) produces vCard 3.0. This module holds the reader's entry
points; ``lines`` parses the structure, ``values`` decodes the values into a ``Card``
(``card``).
"""

from __future__ import annotations

from collections.abc import Iterator

from saypro_desktop.interop.limits import (
    DEFAULT_LIMITS,
    LimitExceededError,
    ReadLimits,
    Source,
    byte_chunks,
    head_and_rest,
)
from saypro_desktop.interop.vcard.card import Card
from saypro_desktop.interop.vcard.lines import (
    Property,
    ascii_compatible,
    logical_lines,
    parse_property,
    physical_lines,
)
from saypro_desktop.interop.vcard.values import build_card

__all__ = [
    "iter_vcards",
    "read_vcards",
]


def iter_vcards(source: Source, *, limits: ReadLimits = DEFAULT_LIMITS) -> Iterator[Card]:
    """Yield each card of ``source`` (bytes, a path or a binary stream) as it is read.

    Never raises on malformed content (see ``Card.warnings``); raises
    :class:`LimitExceededError` past a cap. A card that starts inside another one (a
    vCard 2.1 AGENT, or a broken export) is read as a contact of its own and says so, so
    no card is silently lost.
    """
    head, _, chunks = head_and_rest(byte_chunks(source, limits), 4096)
    physical = physical_lines(ascii_compatible(chunks, head), limits)
    stack: list[tuple[int, list[Property]]] = []
    count = 0
    for number, logical in logical_lines(physical, limits):
        prop = parse_property(number, logical)
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
            card = build_card(props)
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
        card = build_card(props)
        card.warnings.append(f"line {begun}: the card has no END:VCARD; read what was there")
        yield card


def read_vcards(data: Source, *, limits: ReadLimits = DEFAULT_LIMITS) -> list[Card]:
    """Parse every card in ``data``. Never raises on malformed input; see ``Card.warnings``."""
    return list(iter_vcards(data, limits=limits))
