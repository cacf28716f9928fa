"""Writing vCard 3.0 (UTF-8, CRLF, folded at 75 octets, escaped): what every address
book we meet imports, including Outlook and older Android."""

from __future__ import annotations

import re
from collections.abc import Iterable

from saypro_desktop.interop.vcard.card import Card


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
