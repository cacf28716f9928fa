"""vCard reader quirks on small synthetic cards, and writer -> reader round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saypro_desktop.interop.limits import LimitExceededError, ReadLimits
from saypro_desktop.interop.vcard import iter_vcards, read_vcards
from saypro_desktop.interop.vcard.card import Card, CardAddress, CardPhone
from saypro_desktop.interop.vcard.writing import write_vcards


def test_qp_soft_break_inside_multibyte_char() -> None:
    data = (b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
            b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Jos=C3=\r\n=A9 N=C3=BA=C3=B1ez\r\n"
            b"END:VCARD\r\n")
    (card,) = read_vcards(data)
    assert card.formatted_name == "José Núñez"


def test_per_property_charset_on_raw_bytes() -> None:
    data = (b"BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=ISO-8859-2:Iksi\xf1ski;Piotr\n"
            b"FN;CHARSET=UTF-8:Zo\xc3\xab\nEND:VCARD\n")
    (card,) = read_vcards(data)
    assert card.family_name == "Iksiński"
    assert card.formatted_name == "Zoë"


def test_tab_folding_item_groups_and_escapes() -> None:
    data = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nNOTE:one\\ntwo\\, three\\; fo\r\n\tur\r\n"
            b"item1.TEL:+27 82 123 4567\r\nitem1.X-ABLabel:_$!<Mobile>!$_\r\nEND:VCARD\r\n")
    (card,) = read_vcards(data)
    assert card.note == "one\ntwo, three; four"
    assert card.phones == [CardPhone("+27 82 123 4567", ["mobile"])]


def test_missing_end_is_tolerated() -> None:
    (card,) = read_vcards(b"BEGIN:VCARD\nVERSION:3.0\nFN:Half\n")
    assert card.formatted_name == "Half"
    assert card.warnings


def test_writer_folds_at_75_octets_without_splitting_characters() -> None:
    card = Card(formatted_name="Ñ" * 100, note="word " * 40)
    data = write_vcards([card])
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # never a split character
    (back,) = read_vcards(data)
    assert back.formatted_name == "Ñ" * 100
    assert back.note == "word " * 40


_text = st.text(alphabet=st.characters(codec="utf-8"))
_nonblank = _text.filter(lambda s: bool(s.strip()))


def _lines(text: str) -> str:
    """vCard has one newline escape, so CR and CRLF are written as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=200)
@given(
    fn=_text, given_name=_text, family=_text, org=_text, title=_text, note=_text,
    emails=st.lists(_nonblank, max_size=3),
    phones=st.lists(_nonblank, max_size=3),
    street=_text, city=_text,
)
def test_round_trip_any_unicode(fn: str, given_name: str, family: str, org: str, title: str,
                                note: str, emails: list[str], phones: list[str], street: str,
                                city: str) -> None:
    card = Card(
        formatted_name=fn, given_name=given_name, family_name=family, org=org, title=title,
        note=note, emails=emails, phones=[CardPhone(p, ["cell"]) for p in phones],
        addresses=[CardAddress(street=street, city=city, types=["work"])],
    )
    (back,) = read_vcards(write_vcards([card]))
    expected_fn = fn or " ".join(p for p in (given_name, family) if p)
    assert back.formatted_name == _lines(expected_fn)
    assert (back.given_name, back.family_name) == (_lines(given_name), _lines(family))
    assert back.org == _lines(org)
    assert back.title == _lines(title)
    assert back.note == _lines(note)
    assert back.emails == [_lines(e) for e in emails]
    assert [(p.number, p.types) for p in back.phones] == [(_lines(p), ["cell"]) for p in phones]
    assert back.addresses[0].street == _lines(street)
    assert back.addresses[0].city == _lines(city)
    assert back.addresses[0].types == ["work"]


@given(st.lists(st.builds(Card, formatted_name=_nonblank), min_size=1, max_size=4))
def test_many_cards_round_trip(cards: list[Card]) -> None:
    back = read_vcards(write_vcards(cards))
    assert [c.formatted_name for c in back] == [_lines(c.formatted_name) for c in cards]


def test_nested_cards_are_each_read_and_reported() -> None:
    depth = 1_000
    data = b"".join(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %d\r\n" % i for i in range(depth))
    data += b"END:VCARD\r\n" * depth
    cards = read_vcards(data)
    assert len(cards) == depth
    assert sorted(c.formatted_name for c in cards) == sorted(f"Person {i}" for i in range(depth))
    nested = [c for c in cards if any("starts inside the card" in w for w in c.warnings)]
    assert len(nested) == depth - 1


def test_email_only_and_phone_only_cards_are_kept() -> None:
    data = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:list@example.org\r\nEND:VCARD\r\n"
            b"BEGIN:VCARD\r\nVERSION:2.1\r\nTEL;CELL:082 123 4567\r\nEND:VCARD\r\n")
    cards = read_vcards(data)
    assert [c.emails for c in cards] == [["list@example.org"], []]
    assert [p.number for p in cards[1].phones] == ["082 123 4567"]


def test_long_folded_and_quoted_printable_values_unfold_whole(tmp_path: Path) -> None:
    lines = 60_000
    folded = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nNOTE:x" + b"\r\n abcdefghij" * lines
              + b"\r\nEND:VCARD\r\n")
    qp = (b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:B\r\nNOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:x"
          + b"=\r\n=C3=A9abc" * lines + b"\r\nEND:VCARD\r\n")
    path = tmp_path / "two.vcf"
    path.write_bytes(folded + qp)  # read from a path, in chunks smaller than the file
    first, second = iter_vcards(path)
    assert first.note == "x" + "abcdefghij" * lines
    assert second.note == "x" + "éabc" * lines


def test_a_line_past_the_cap_is_refused_naming_it() -> None:
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:" + b"x" * 5_000 + b"\r\nEND:VCARD\r\n"
    with pytest.raises(LimitExceededError, match="line length limit of 4,000"):
        read_vcards(data, limits=ReadLimits(line_chars=4_000))


def test_a_charset_that_is_not_an_encoding_is_guessed_instead() -> None:
    data = (b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=ut\x00f8:Zo\xc3\xab\r\n"
            b"NOTE;CHARSET=base64:aGk=\r\nEND:VCARD\r\n")
    (card,) = read_vcards(data)
    assert card.formatted_name == "Zoë"
    assert card.note == "aGk="
    assert [w.split(";")[0] for w in card.warnings] == [
        "line 3: unknown CHARSET=ut\\x00f8", "line 4: unknown CHARSET=base64"]
