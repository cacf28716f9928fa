"""The contact a vCard holds, reduced to what SayPro can use: what the reader gives and
the writer takes."""

from __future__ import annotations

from dataclasses import dataclass, field


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

