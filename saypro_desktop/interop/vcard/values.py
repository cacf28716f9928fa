"""A vCard's values: each property decoded on its own by its ENCODING and CHARSET
(defaulting to UTF-8 and then cp1252), escapes undone as its version says, and the
properties of one card gathered into a :class:`~saypro_desktop.interop.vcard.card.Card`."""

from __future__ import annotations

import binascii
import re

from saypro_desktop.domain.text import terminal_safe
from saypro_desktop.interop.vcard.card import Card, CardAddress, CardPhone
from saypro_desktop.interop.vcard.lines import Property

_ESCAPE_30 = re.compile(r"\\(.)", re.DOTALL)
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")


def _decode_qp(raw: bytes) -> bytes:
    # binascii decodes =XX in C (a regex callback per escape was 800x slower than quopri);
    # it would drop a lone trailing "=" (a soft break with nothing after), which we keep.
    if raw.endswith(b"="):
        return binascii.a2b_qp(raw[:-1]) + b"="
    return binascii.a2b_qp(raw)


def _decode_value(prop: Property, warnings: list[str]) -> str | None:
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


def _types(prop: Property, labels: dict[str, str]) -> list[str]:
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


def build_card(props: list[Property]) -> Card:
    """The card these properties describe (Apple's ``X-ABLabel`` labels join the TYPEs)."""
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
