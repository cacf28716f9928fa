"""Control, bidi and invisible characters: cleaned on the way in, escaped on the way out."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.domain.people import (
    PERSON_FIELDS,
    clean_email,
    clean_phone,
    display_name,
    format_phone,
)
from saypro_desktop.domain.text import MAX_COMBINING, terminal_safe
from saypro_desktop.interop.normalise import normalise_person


def test_names_lose_controls_escape_sequences_and_bidi_overrides() -> None:
    cleaned = PERSON_FIELDS["first_name"]("Zo\x01ë\x1b]0;owned\x07 \u202eNaidoo\x9b")
    assert cleaned == "Zoë]0;owned Naidoo"


def test_notes_keep_newlines_and_tabs_but_not_controls() -> None:
    assert PERSON_FIELDS["notes"]("line one\r\n\tline\x00 two\x1b[31m") == \
        "line one\r\n\tline two[31m"
    assert PERSON_FIELDS["address"]("12 Long St\nCape Town") == "12 Long St\nCape Town"
    assert PERSON_FIELDS["city"]("Cape\nTown") == "Cape Town"


def test_combining_marks_are_capped_but_real_accents_stay() -> None:
    zalgo = "Z" + "\u0301" * 500 + "oe"
    assert PERSON_FIELDS["last_name"](zalgo) == "Z" + "\u0301" * MAX_COMBINING + "oe"
    # Vietnamese in decomposed form: two marks on one letter.
    assert PERSON_FIELDS["last_name"]("Nguye\u0302\u0303n") == "Nguye\u0302\u0303n"
    # Persian needs the zero-width non-joiner inside a name.
    assert PERSON_FIELDS["first_name"]("می\u200cخواهم") == "می\u200cخواهم"


@pytest.mark.parametrize("bad", ["eve\u202e@example.org", "ev\u200be@example.org",
                                 "eve@exam\x07ple.org", "\u2066eve@example.org"])
def test_emails_with_invisible_characters_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError, match="email: contains an invisible character"):
        clean_email(bad)


@pytest.mark.parametrize("bad", ["082\u200b123 4567", "\u202e0821234567", "082\x1b1234567"])
def test_phones_with_invisible_characters_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError, match="phone: contains an invisible character"):
        clean_phone(bad)


def test_import_reports_a_refused_email_and_keeps_the_rest() -> None:
    result = normalise_person({"first_name": "Eve", "email": "eve\u202e@example.org"})
    assert result.person == {"first_name": "Eve"}
    assert [p.field for p in result.problems] == ["email"]


def test_phone_extension_is_kept() -> None:
    stored = clean_phone("+27 83 555 1234 ext 99999999999999")
    assert stored == "+27835551234;ext=99999999999999"
    assert format_phone(stored) == "083 555 1234 ext. 99999999999999"


def test_terminal_safe_escapes_what_a_terminal_would_run() -> None:
    shown = terminal_safe("\x1b]0;owned\x07Ann \u202eSmith\u200b\x9b")
    assert shown == "\\x1b]0;owned\\x07Ann \\u202eSmith\\u200b\\x9b"
    assert terminal_safe("Zoë Ñúñez 山田") == "Zoë Ñúñez 山田"
    assert terminal_safe("a\nb") == "a\\x0ab"
    assert terminal_safe("a\nb\tc", keep_newlines=True) == "a\nb\tc"


@given(st.text())
def test_terminal_safe_output_has_nothing_unprintable(text: str) -> None:
    shown = terminal_safe(text)
    assert shown.isprintable()


def test_people_without_a_name_are_shown_by_email_then_phone() -> None:
    assert display_name(None, None, email="lists@example.org") == "lists@example.org"
    assert display_name(None, None, phone="+27821234567") == "+27821234567"
    assert display_name("Ann", None, email="a@example.org") == "Ann"
