"""Row normalisation: Excel damage undone, dates read, names left exactly as written."""

from __future__ import annotations

import pytest

from saypro_desktop.interop.normalise import (
    excel_number_candidates,
    infer_country,
    normalise_date,
    normalise_person,
    normalise_phone,
    normalise_postal_code,
    normalise_yes_no,
)


@pytest.mark.parametrize(
    ("raw", "region", "expected"),
    [
        ("082 123 4567", "ZA", "+27821234567"),
        ("+27 82 123 4567", "ZA", "+27821234567"),
        ("27821234567", "ZA", "+27821234567"),
        ("821234567.0", "ZA", "+27821234567"),
        ("2.7821234567E+10", "ZA", "+27821234567"),
        ("2.7821234567E+11", "ZA", "+27821234567"),  # exponent off by one: mantissa digits
        ("'0821234567", "ZA", "+27821234567"),
        ("6176354505", "US", "+16176354505"),
        ("(321)4028326", "US", "+13214028326"),
        ("6175556666.0", "US", "+16175556666"),
        ("tel:+1-418-262-6501", "ZA", "+14182626501"),
    ],
)
def test_phone_recovered(raw: str, region: str, expected: str) -> None:
    value, _ = normalise_phone(raw, region=region)
    assert value == expected


def test_excel_recovery_is_reported() -> None:
    _, problems = normalise_phone("821234567.0")
    assert [p.severity for p in problems] == ["fixed"]


@pytest.mark.parametrize("raw", ["not a phone", "12"])
def test_bad_phone_is_left_out_with_the_original(raw: str) -> None:
    value, problems = normalise_phone(raw, region="US")
    assert value is None
    assert problems and problems[-1].severity == "error"
    assert raw in problems[-1].message


@pytest.mark.parametrize(("raw", "region", "why"), [
    ("(123) 555-3333", "ZA", "is not a valid number in ZA and has no country code"),
    ("555-0123", "US", "has no area code"),
])
def test_a_number_we_cannot_place_is_kept_as_typed_and_flagged(
    raw: str, region: str, why: str,
) -> None:
    value, problems = normalise_phone(raw, region=region)
    assert value == raw  # never an invented +271235553333
    assert [(p.severity, why in p.message, raw in p.message) for p in problems] == [
        ("error", True, True)]


def test_phone_extension_survives_import() -> None:
    value, problems = normalise_phone("+27 83 555 1234 ext 99999999999999")
    assert (value, problems) == ("+27835551234;ext=99999999999999", [])


def test_excel_candidates() -> None:
    assert excel_number_candidates("2.7821234567E+10") == ["27821234567"]
    assert excel_number_candidates("2.7821234567E+11") == ["278212345670", "27821234567"]
    assert excel_number_candidates("082 123") == ["082 123"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1975-12-12", "1975-12-12"),
        ("2024-01-15 10:30:00", "2024-01-15"),
        ("2006-04-15T03:23:15.000Z", "2006-04-15"),
        ("19800321", "1980-03-21"),
        ("8/19/2018", "2018-08-19"),
        ("10/20/18", "2018-10-20"),
        ("9/28/12", "2012-09-28"),
        ("1/2/75", "1975-01-02"),
        ("19/8/2018", "2018-08-19"),  # first part over 12 must be the day
        ("2.5.2006", "2006-05-02"),
        ("--0203", "--02-03"),
        ("0/0/00", None),
        ("   ", None),
    ],
)
def test_dates(raw: str, expected: str | None) -> None:
    assert normalise_date(raw) == (expected, [])


def test_day_first_dates() -> None:
    assert normalise_date("3/4/2020", day_first=True) == ("2020-04-03", [])


@pytest.mark.parametrize("raw", ["31/31/2020", "2/30/2020", "next tuesday"])
def test_bad_dates_are_problems(raw: str) -> None:
    value, problems = normalise_date(raw)
    assert value is None
    assert problems and raw in problems[0].message


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        ("2111", "US", "02111"),
        ("8014", "US", "08014"),
        ("2111-0000", "US", "02111-0000"),
        ("00128", "US", "00128"),
        (" 90342", "US", "90342"),
        ("8014", None, "8014"),  # not known to be US: left alone
        ("8014", "ZA", "8014"),
        ("1", "ZA", "0001"),
        ("2111.0", "US", "02111"),
        ("G1V 2M2", "CA", "G1V 2M2"),
    ],
)
def test_postal_codes(raw: str, country: str | None, expected: str) -> None:
    assert normalise_postal_code(raw, country=country)[0] == expected


@pytest.mark.parametrize(
    ("country", "state", "postal", "expected"),
    [
        ("United States", None, None, "US"),
        ("USA", None, None, "US"),
        ("South Africa", None, None, "ZA"),
        (None, "MA", "2111", "US"),
        (None, None, "02111-0000", "US"),
        (None, "NC", "7100", None),  # Northern Cape, with a South African code
        (None, "NC", "27601", "US"),
        (None, "Gauteng", "2000", None),
        ("Perú", None, None, "PE"),
    ],
)
def test_infer_country(country: str | None, state: str | None, postal: str | None,
                       expected: str | None) -> None:
    assert infer_country(country, state, postal) == expected


def test_names_kept_exactly_and_whitespace_only_dropped() -> None:
    result = normalise_person({
        "first_name": "  Seán ", "last_name": "O'Connor-Ñúñez", "preferred_name": "   ",
        "email": " Someone@EXAMPLE.Org ", "city": "\t",
    })
    assert result.person == {"first_name": "Seán", "last_name": "O'Connor-Ñúñez",
                             "email": "Someone@example.org"}
    assert result.problems == []


def test_cjk_names_and_full_name_split() -> None:
    cjk = normalise_person({"full_name": "名無しの権兵衛"})
    assert cjk.person == {"first_name": "名無しの権兵衛"}
    split = normalise_person({"full_name": "Mary Jane Watson"})
    assert split.person == {"first_name": "Mary Jane", "last_name": "Watson"}
    assert split.problems[0].severity == "fixed"


def test_us_row_keeps_us_phone_and_restores_zip() -> None:
    result = normalise_person({"first_name": "Art", "phone": "856-264-4130",
                               "province": "NJ", "postal_code": "8014"})
    assert result.person["phone"] == "+18562644130"
    assert result.person["postal_code"] == "08014"
    assert result.extras["country"] == "US"


def test_default_region_is_south_africa() -> None:
    result = normalise_person({"first_name": "Thandi", "phone": "821234567.0",
                               "postal_code": "0002"})
    assert result.person["phone"] == "+27821234567"
    assert result.person["postal_code"] == "0002"


def test_invalid_email_is_reported_not_saved() -> None:
    result = normalise_person({"first_name": "X", "email": "invalid.email.com",
                               "birthday": "0/0/00"})
    assert "email" not in result.person
    assert [p.field for p in result.problems] == ["email"]
    assert "invalid.email.com" in result.problems[0].message


@pytest.mark.parametrize(("raw", "answer"), [
    ("FALSE", False), ("false", False), ("0", False), ("no", False), ("N", False),
    ("n", False), ("TRUE", True), ("True", True), ("1", True), ("YES", True), ("Y", True),
    ("y", True), (" Yes ", True), ("", None),
])
def test_yes_no_answers(raw: str, answer: bool | None) -> None:
    assert normalise_yes_no(raw, field_name="do_not_call") == (answer, [])


def test_an_unreadable_yes_no_answer_is_reported() -> None:
    value, problems = normalise_yes_no("perhaps", field_name="do_not_call")
    assert value is None
    assert [(p.field, "'perhaps' is not a yes/no answer" in p.message) for p in problems] == [
        ("do_not_call", True)]


def test_email_only_and_phone_only_rows_are_kept() -> None:
    from saypro_desktop.interop.delimited import read_delimited

    table = read_delimited(b"Email\nlist@example.org\nsecond@example.org\n")
    assert table.headers == ["Email"]
    assert [r for r in table.rows] == [["list@example.org"], ["second@example.org"]]
    assert normalise_person({"email": "list@example.org"}).person == {
        "email": "list@example.org"}
    assert normalise_person({"phone": "082 123 4567"}).person == {"phone": "+27821234567"}
