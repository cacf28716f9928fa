"""Source detection and column mapping, including saving a mapping as JSON."""

from __future__ import annotations

import pytest

from saypro_desktop.interop.mapping import (
    TARGET_FIELDS,
    apply_mapping,
    card_to_person,
    detect_source,
    mapping_from_json,
    mapping_to_json,
    normalise_header,
    propose_mapping,
)
from saypro_desktop.interop.vcard.card import Card, CardAddress, CardPhone


@pytest.mark.parametrize(
    ("headers", "source"),
    [
        (["First Name", "Middle Name", "Last Name", "E-mail 1 - Label", "E-mail 1 - Value"],
         "google_new"),
        (["Name", "Given Name", "Family Name", "E-mail 1 - Type", "E-mail 1 - Value"],
         "google_legacy"),
        (["Title", "First Name", "Last Name", "E-mail Address", "Business Phone"], "outlook"),
        (["Anrede", "Vorname", "Nachname", "E-Mail-Adresse", "Mobiltelefon"], "outlook"),
        (["First Name", "Last Name", "Display Name", "Primary Email"], "thunderbird"),
        (["Email Address", "First Name", "MEMBER_RATING", "OPTIN_TIME"], "mailchimp"),
        (["VanID", "FirstName", "LastName"], "ngpvan"),
        (["AK_ID", "first_name", "Email"], "actionkit"),
        (["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"],
         "linkedin"),
        (["Registration ID (optional)", "First", "Last", "Email"], "eventespresso"),
        (["ID", "ISDELETED", "NAME", "SYSTEMMODSTAMP"], "salesforce"),
        (["name", "email"], "generic"),
    ],
)
def test_detect_source(headers: list[str], source: str) -> None:
    assert detect_source(headers) == source


def test_header_matching_ignores_case_spaces_and_underscores() -> None:
    assert normalise_header("Last_Name") == normalise_header("last name") == "lastname"
    mapping = propose_mapping(["FIRST NAME", "last_name", "E-Mail", "zip_Code", "Mystery"])
    assert mapping == {"FIRST NAME": "first_name", "last_name": "last_name",
                       "E-Mail": "email", "zip_Code": "postal_code"}


def test_german_outlook_headers() -> None:
    mapping = propose_mapping(["Vorname", "Nachname", "E-Mail-Adresse", "Mobiltelefon",
                               "Firma", "Position", "Postleitzahl geschäftlich"])
    assert mapping["Vorname"] == "first_name"
    assert mapping["Nachname"] == "last_name"
    assert mapping["E-Mail-Adresse"] == "email"
    assert mapping["Mobiltelefon"] == "phone"
    assert mapping["Firma"] == "organisation_name"
    assert mapping["Position"] == "job_title"
    assert mapping["Postleitzahl geschäftlich"] == "postal_code"


def test_outlook_title_is_not_the_job_title() -> None:
    mapping = propose_mapping(["Title", "First Name", "Job Title", "E-mail Address",
                               "Business Phone"])
    assert "Title" not in mapping
    assert mapping["Job Title"] == "job_title"


def test_priority_first_non_empty_wins() -> None:
    mapping = propose_mapping(["Home Phone", "Mobile Phone", "Notes", "Comments"])
    assert list(mapping) == ["Mobile Phone", "Home Phone", "Notes", "Comments"]
    record = {"Home Phone": "011 555 0000", "Mobile Phone": " ", "Notes": "a", "Comments": "b"}
    assert apply_mapping(mapping, record) == {"phone": "011 555 0000", "notes": "a\nb"}


def test_mapping_json_round_trip_and_validation() -> None:
    mapping = propose_mapping(["Email", "Given Name", "Cellphone"])
    assert mapping_from_json(mapping_to_json(mapping)) == mapping
    assert list(mapping_from_json(mapping_to_json(mapping))) == list(mapping)
    with pytest.raises(ValueError, match="unknown field"):
        mapping_from_json('{"Email": "password"}')
    with pytest.raises(ValueError):
        mapping_from_json("[]")
    assert set(mapping.values()) <= set(TARGET_FIELDS)


def test_card_to_person_prefers_cell_phone_and_pref_address() -> None:
    card = Card(
        formatted_name="Ann Lee", given_name="Ann", family_name="Lee", nickname="Annie",
        emails=["ann@x.org", "ann@y.org"],
        phones=[CardPhone("011 1", ["work", "fax"]), CardPhone("011 2", ["home"]),
                CardPhone("082 3", ["cell"])],
        addresses=[CardAddress(street="1 A St"), CardAddress(street="2 B St\nUnit 4",
                                                             city="Durban", types=["pref"])],
        org="Org", title="Chair",
    )
    person = card_to_person(card)
    assert person["phone"] == "082 3"
    assert person["secondary_phone"] == "011 2"
    assert person["email"] == "ann@x.org"
    assert person["secondary_email"] == "ann@y.org"
    assert person["address"] == "2 B St, Unit 4"
    assert person["city"] == "Durban"
    assert person["preferred_name"] == "Annie"
    assert person["organisation_name"] == "Org"


def test_google_current_export_organisation_columns_are_mapped() -> None:
    from saypro_desktop.interop.mapping import propose_mapping

    headers = ["First Name", "Last Name", "Organization Name", "Organization Title",
               "E-mail 1 - Value", "Phone 1 - Value"]
    mapping = propose_mapping(headers)
    assert mapping["Organization Name"] == "organisation_name"
    assert mapping["Organization Title"] == "job_title"
