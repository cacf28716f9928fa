"""Every real export file in ../shared/realworld, read and checked against facts that
were verified by reading the raw bytes (cat -A / xxd / iconv), not by running our code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from saypro_desktop.interop.calendar import Attendee, read_calendar
from saypro_desktop.interop.delimited import read_delimited
from saypro_desktop.interop.mapping import (
    apply_mapping,
    card_to_person,
    detect_source,
    propose_mapping,
)
from saypro_desktop.interop.normalise import normalise_date, normalise_person
from saypro_desktop.interop.spreadsheet import read_xlsx
from saypro_desktop.interop.vcard import read_vcards

pytestmark = pytest.mark.realworld

Read = Callable[[str], bytes]
F = TypeVar("F", bound=Callable[..., object])
COVERED: set[str] = set()


def covers(path: str) -> Callable[[F], F]:
    """Record which MANIFEST file a test checks, so a new file without a test fails."""
    COVERED.add(path)

    def mark(func: F) -> F:
        return func

    return mark


def people(data: bytes) -> list[dict[str, str]]:
    table = read_delimited(data)
    mapping = propose_mapping(table.headers)
    return [normalise_person(apply_mapping(mapping, r)).person for r in table.records()]


def test_every_manifest_file_has_a_test(realworld_dir: Path) -> None:
    lines = (realworld_dir / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    listed = {line.split("\t")[0] for line in lines[1:] if line.strip()}
    assert len(listed) == 34
    assert listed == COVERED
    for name in listed:
        assert (realworld_dir / name).is_file(), name


# ------------------------------------------------------------------ contacts_csv


@covers("contacts_csv/horde_outlook_export_multiline_notes_0-0-00_dates.csv")
def test_outlook_export_multiline_notes_and_null_dates(realworld: Read) -> None:
    table = read_delimited(
        realworld("contacts_csv/horde_outlook_export_multiline_notes_0-0-00_dates.csv"))
    assert len(table.headers) == 92
    assert len(table.rows) == 1
    assert detect_source(table.headers) == "outlook"
    record = next(table.records())
    assert record["Notes"] == "PHP\nPerl\nPython\n"
    assert record["Birthday"] == "0/0/00"
    assert normalise_date(record["Birthday"]) == (None, [])
    result = normalise_person(apply_mapping(propose_mapping(table.headers), record))
    assert result.person["first_name"] == "John"
    assert result.person["last_name"] == "Smith"
    assert result.person["email"] == "john@example.com"
    assert "birthday" not in result.extras
    assert not [p for p in result.problems if p.field == "birthday"]


@covers("contacts_csv/keila_excel_bom_semicolon_crlf_accents.csv")
def test_excel_eu_semicolon_bom_accents(realworld: Read) -> None:
    table = read_delimited(realworld("contacts_csv/keila_excel_bom_semicolon_crlf_accents.csv"))
    assert table.encoding == "utf-8-sig"
    assert table.delimiter == ";"
    assert table.headers == ["Email", "First name", "Last name"]
    assert len(table.rows) == 201
    assert table.rows[0] == ["foo-1@example.com", "Joël", "Müller-Schultheiß"]
    assert table.rows[1] == ["foo-2@example.com", "Eliška", "Þorláksson"]
    assert table.rows[-1][0] == "foo-201@example.com"
    assert table.line_numbers[:2] == [2, 3]
    person = people(realworld("contacts_csv/keila_excel_bom_semicolon_crlf_accents.csv"))[1]
    assert person == {"email": "foo-2@example.com", "first_name": "Eliška",
                      "last_name": "Þorláksson"}


@covers("contacts_csv/keila_malformed_space_after_comma_quotes.csv")
def test_space_after_comma_before_quote(realworld: Read) -> None:
    data = realworld("contacts_csv/keila_malformed_space_after_comma_quotes.csv")
    table = read_delimited(data)
    assert table.headers == ["Email", "First name", "Last name"]
    assert len(table.rows) == 3
    assert table.rows[2][1] == "Foo 3"  # quoted after ", " — quotes removed
    assert table.rows[2][2] == "Bar3"
    assert table.rows[1] == ["foo2@example.com", "Foo2", "Bar2"]
    assert people(data)[0] == {"email": "foo@example.com", "first_name": "Foo",
                               "last_name": "Bar"}


@covers("contacts_csv/leaguecsv_prenoms_latin1_semicolon_accented_names.csv")
def test_latin1_semicolon_french_names(realworld: Read) -> None:
    table = read_delimited(
        realworld("contacts_csv/leaguecsv_prenoms_latin1_semicolon_accented_names.csv"))
    assert table.encoding == "cp1252"
    assert table.delimiter == ";"
    assert table.headers == ["prenoms", "nombre", "sexe", "annee"]
    assert len(table.rows) == 10121
    index = table.line_numbers.index(14)
    assert table.rows[index] == ["Adèle", "67", "F", "2004"]
    names = {row[0] for row in table.rows}
    assert {"Adèle", "Aïcha", "Benoît"} <= names
    assert table.rows[-1] == ["Zohra", "6", "F", "2012"]


@covers("contacts_csv/roundcube_google_csv_legacy_multiline.csv")
def test_google_legacy_multiline_address(realworld: Read) -> None:
    table = read_delimited(realworld("contacts_csv/roundcube_google_csv_legacy_multiline.csv"))
    assert detect_source(table.headers) == "google_legacy"
    assert len(table.rows) == 1
    record = next(table.records())
    assert record["Address 1 - Formatted"] == (
        "home_street\nhome_pobox\nhome_city, home_state home_zip\nhome_country")
    assert record["Notes"] == 'note"note'
    assert record["Group Membership"] == "* My Contacts ::: Test"
    result = normalise_person(apply_mapping(propose_mapping(table.headers), record))
    assert result.person["first_name"] == "Firstname"
    assert result.person["last_name"] == "Lastname"
    assert result.person["email"] == "home@aaa.pl"
    assert result.extras["birthday"] == "1975-12-12"


@covers("contacts_csv/thunderbird_export_crlf_embedded_cr_lf_tab_quotes.csv")
def test_thunderbird_embedded_cr_lf_tab(realworld: Read) -> None:
    table = read_delimited(
        realworld("contacts_csv/thunderbird_export_crlf_embedded_cr_lf_tab_quotes.csv"))
    assert detect_source(table.headers) == "thunderbird"
    assert len(table.rows) == 2
    assert table.line_numbers == [2, 3]
    record = list(table.records())[1]
    assert record["Job Title"] == '"worker"'
    assert record["Custom 1"] == "custom, 1"
    assert record["Custom 2"] == "custom\t2"
    assert record["Custom 3"] == "custom\r3"
    assert record["Custom 4"] == "custom\n4"
    assert record["Notes"] == "here's some unicode text\u2026"


@covers("contacts_csv/thunderbird_shiftjis_cjk_names.csv")
def test_shift_jis_cjk_names(realworld: Read) -> None:
    data = realworld("contacts_csv/thunderbird_shiftjis_cjk_names.csv")
    table = read_delimited(data)
    assert table.encoding == "shift_jis"
    assert len(table.rows) == 1
    assert people(data) == [{"email": "名無しの権兵衛@host.invalid", "first_name": "権兵衛",
                             "last_name": "名無し"}]


@covers("contacts_csv/thunderbird_utf16le_bom.csv")
def test_utf16le_with_bom(realworld: Read) -> None:
    data = realworld("contacts_csv/thunderbird_utf16le_bom.csv")
    table = read_delimited(data)
    assert table.encoding == "utf-16-le"
    assert table.headers[0] == "First Name"
    assert table.headers[-1] == "Screen Name"  # the trailing empty header is dropped
    assert people(data) == [{"email": "johndoe@host.invalid", "first_name": "John",
                             "last_name": "Doe"}]


# ------------------------------------------------------------------ events


@covers("events/eventespresso_attendee_import_cr_only_rowtype_pipes.csv")
def test_event_espresso_cr_only_row_type(realworld: Read) -> None:
    data = realworld("events/eventespresso_attendee_import_cr_only_rowtype_pipes.csv")
    table = read_delimited(data)
    assert table.delimiter == ","
    assert table.headers[0] == "Registration ID (optional)"  # row-type column removed
    assert detect_source(table.headers) == "eventespresso"
    assert table.line_numbers == [2, 3]
    first, second = table.records()
    assert (first["First"], first["Last"]) == ("John", "Doe")
    assert (second["First"], second["Last"]) == ("Jane", "Doe")
    assert second["Answers (optional)"] == "4| 321 Cool Street || 6 | Large City || 7 | Arizona"
    assert normalise_date(first["Event Date"]) == ("2012-09-28", [])
    assert people(data)[0]["email"] == "noreply@eventespresso.com"


@covers("events/horde_outlook_calendar_export_german_headers.csv")
def test_german_outlook_calendar_csv(realworld: Read) -> None:
    table = read_delimited(realworld("events/horde_outlook_calendar_export_german_headers.csv"))
    assert len(table.headers) == 22
    assert "Ganztägiges Ereignis" in table.headers
    assert len(table.rows) == 1
    record = next(table.records())
    assert record["Besprechungsplanung"] == "Haas, Jörg"
    assert record["Beschreibung"] == "\n"
    assert record["Ort"] == "Burger Upload Station (Burger King)"
    assert normalise_date(record["Beginnt am"]) == ("2006-05-02", [])


# ------------------------------------------------------------------ icalendar


@covers("icalendar/biweekly_google_tzid_leading_slash_rrule_until.ics")
def test_google_tzid_with_leading_slash(realworld: Read) -> None:
    (event,) = read_calendar(
        realworld("icalendar/biweekly_google_tzid_leading_slash_rrule_until.ics"))
    assert event.title == "Daily Until 12/23"
    assert event.uid == "pdhtelaeqstgnbr9f0hrdioij0@google.com"
    assert event.starts_at is not None and event.ends_at is not None
    assert event.starts_at.replace(tzinfo=None) == dt.datetime(2016, 12, 19, 9, 0)
    assert event.starts_at.utcoffset() == dt.timedelta(hours=-5)
    assert event.ends_at - event.starts_at == dt.timedelta(hours=1)
    assert event.rrule == "FREQ=DAILY;UNTIL=20161223T140000Z"
    assert (event.location, event.description) == ("", "")


@covers("icalendar/biweekly_outlook2010_windows_tzid_tab_folding.ics")
def test_outlook_windows_tzid_and_tab_folding(realworld: Read) -> None:
    (event,) = read_calendar(
        realworld("icalendar/biweekly_outlook2010_windows_tzid_tab_folding.ics"))
    assert event.title == "Team Meeting"
    assert event.timezone == "Eastern Standard Time"
    assert event.starts_at is not None
    assert event.starts_at.replace(tzinfo=None) == dt.datetime(2013, 6, 10, 12, 0)
    assert event.starts_at.utcoffset() == dt.timedelta(hours=-4)  # EDT in June
    assert event.attendees == [Attendee("Doe, John", "johndoe@example.com"),
                               Attendee("Doe, Jane", "janedoe@example.com")]
    assert event.organizer == Attendee("Smith, Bob", "bobsmith@example.com")
    assert event.description.endswith("\nWill include a presentation and food.")
    assert event.uid.endswith("0D19E67E1") and "\t" not in event.uid


@covers("icalendar/biweekly_rfc5545_meeting_vtimezone_lf.ics")
def test_rfc5545_meeting_lf_only(realworld: Read) -> None:
    (event,) = read_calendar(realworld("icalendar/biweekly_rfc5545_meeting_vtimezone_lf.ics"))
    assert event.title == "XYZ Project Review"
    assert event.starts_at is not None
    assert event.starts_at.replace(tzinfo=None) == dt.datetime(1998, 3, 12, 8, 30)
    assert event.starts_at.utcoffset() == dt.timedelta(hours=-5)
    assert event.attendees == [Attendee("", "employee-A@example.com")]
    assert event.organizer == Attendee("", "mrbig@example.com")
    assert event.location == "1CP Conference Room 4350"


@covers("icalendar/biweekly_vcalendar10_event_todo.vcs")
def test_vcalendar_10(realworld: Read) -> None:
    events = read_calendar(realworld("icalendar/biweekly_vcalendar10_event_todo.vcs"))
    assert len(events) == 1  # the VTODO is not an event
    (event,) = events
    assert event.title == "Steve's Proposal Review"
    assert event.starts_at == dt.datetime(1996, 4, 1, 7, 30, tzinfo=dt.UTC)
    assert event.ends_at == dt.datetime(1996, 4, 1, 8, 30, tzinfo=dt.UTC)


@covers("icalendar/icalendar_exchange_cdo_recurring_standup_messy_rrule.ics")
def test_exchange_messy_rrule_keeps_first_occurrence(realworld: Read) -> None:
    (event,) = read_calendar(
        realworld("icalendar/icalendar_exchange_cdo_recurring_standup_messy_rrule.ics"))
    assert event.title == "Sprint 25 Daily Standup"
    assert event.starts_at is not None and event.ends_at is not None
    assert event.starts_at.replace(tzinfo=None) == dt.datetime(2015, 7, 3, 10, 0)
    assert event.starts_at.utcoffset() == dt.timedelta(hours=2)
    assert event.ends_at - event.starts_at == dt.timedelta(minutes=30)
    assert event.rrule == (
        "FREQ=DAILY;UNTIL=20150722T080000Z;INTERVAL=1;BYDAY=MO, TU, WE, TH, FR;WKST=SU")
    assert any("RRULE" in w for w in event.warnings)


@covers("icalendar/icalendar_google_calendar_weekly_apple_location_nonascii.ics")
def test_google_weekly_escaped_location(realworld: Read) -> None:
    (event,) = read_calendar(
        realworld("icalendar/icalendar_google_calendar_weekly_apple_location_nonascii.ics"))
    assert event.title == "Daily Sync"
    assert event.location == "Roadstar 16\n12764 Happyville\nDenmark"
    assert event.rrule == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    assert event.starts_at is not None
    assert event.starts_at.utcoffset() == dt.timedelta(hours=2)  # CEST until 30 Oct 2016


# ------------------------------------------------------------------ organizations


@covers("organizations/salesforce_dataloader_account_extract_sample.csv")
def test_salesforce_cp1252_extract(realworld: Read) -> None:
    table = read_delimited(
        realworld("organizations/salesforce_dataloader_account_extract_sample.csv"))
    assert table.encoding == "cp1252"
    assert detect_source(table.headers) == "salesforce"
    assert len(table.headers) == 38
    assert len(table.rows) == 423
    assert table.rows[0][0] == "001x0000002xLCVAA2"
    names = [r["NAME"] for r in table.records()]
    assert "Crédito Inmobiliario Terras" in names
    assert "Pébéo of America" in names
    streets = [r["BILLINGSTREET"] for r in table.records()]
    assert "00045844 c/ San Romualdo, 26 5º" in streets
    assert normalise_date(table.rows[0][table.headers.index("CREATEDDATE")]) == (
        "2006-04-15", [])


# ------------------------------------------------------------------ organizing


@covers("organizing/bostondsa_actionkit_export_zip_dropped_zero.csv")
def test_actionkit_zip_lost_zero(realworld: Read) -> None:
    data = realworld("organizing/bostondsa_actionkit_export_zip_dropped_zero.csv")
    table = read_delimited(data)
    assert detect_source(table.headers) == "actionkit"
    assert next(table.records())["Billing_Zip"] == "2111"
    result = normalise_person(apply_mapping(propose_mapping(table.headers),
                                            next(table.records())))
    assert result.person["postal_code"] == "02111"
    assert result.person["phone"] == "+16176354505"
    assert result.person["email"] == "kmarx@example.com"
    assert any(p.field == "postal_code" and p.severity == "fixed" for p in result.problems)


@covers("organizing/bostondsa_membership_list_bom_crlf_mixed_dates.csv")
def test_membership_list_mixed_dates(realworld: Read) -> None:
    data = realworld("organizing/bostondsa_membership_list_bom_crlf_mixed_dates.csv")
    table = read_delimited(data)
    assert table.encoding == "utf-8-sig"
    assert table.headers[0] == "ak_id"
    first, second = table.records()
    assert normalise_date(first["join_date"]) == ("2018-08-19", [])
    assert normalise_date(second["join_date"]) == ("2018-10-20", [])
    assert (first["do_not_call"], second["do_not_call"]) == ("FALSE", "0")
    jane, jack = people(data)
    assert jane["postal_code"] == "02111-0000"
    assert jane["phone"] == "+16175556666"
    assert jack["phone"] == "+16175557777"  # no city/state: ZIP+4 alone says US
    assert "city" not in jack


@covers("organizing/mailchimp_audience_export_sample_tags_apostrophe_gmtoff.csv")
def test_mailchimp_export(realworld: Read) -> None:
    data = realworld("organizing/mailchimp_audience_export_sample_tags_apostrophe_gmtoff.csv")
    table = read_delimited(data)
    assert detect_source(table.headers) == "mailchimp"
    assert len(table.rows) == 10
    records = list(table.records())
    assert records[0]["GMTOFF"] == "'-6"
    assert records[2]["TAGS"] == '"Newsletter Subscribers";"Discount Seekers"'
    assert records[6]["Last Name"] == "O'Connor"
    assert any(w.startswith("line 11:") for w in table.warnings)  # the short, shifted row
    everyone = people(data)
    assert everyone[8] == {"email": "no.firstname@example.com", "last_name": "Martinez"}
    assert everyone[5]["first_name"] == "Mary Jane"
    assert "email" not in everyone[9]


@covers("organizing/spoke_ngpvan_canvass_export_fake.csv")
def test_ngpvan_canvass_export(realworld: Read) -> None:
    data = realworld("organizing/spoke_ngpvan_canvass_export_fake.csv")
    table = read_delimited(data)
    assert detect_source(table.headers) == "ngpvan"
    assert len(table.rows) == 17
    records = list(table.records())
    assert records[0]["CongressionalDistrict"] == "001"
    everyone = people(data)
    assert everyone[5]["last_name"] == "König"
    larry = everyone[3]
    assert (larry["first_name"], larry["phone"]) == ("Larry", "+13214028326")
    assert larry["address"] == "627 Wizow Way"  # StreetAddress, not the formatted Address


@covers("organizing/spoke_phone_formats_zip_leading_zero_space.csv")
def test_phone_formats_and_zip_with_space(realworld: Read) -> None:
    data = realworld("organizing/spoke_phone_formats_zip_leading_zero_space.csv")
    mapping = propose_mapping(read_delimited(data).headers)
    assert mapping["Last_Name"] == "last_name"
    assert mapping["zip_Code"] == "postal_code"
    larry, kori, sophia, bobby = people(data)
    assert larry["phone"] == kori["phone"] == "+13214028326"
    assert kori["postal_code"] == "00128"
    assert sophia["postal_code"] == "90342"
    assert sophia["phone"] == "+18623457281"
    assert bobby["postal_code"] == "89034"


@covers("organizing/spoke_us500_sample_contacts_excel_zip_dropped_zero.csv")
def test_us500_zip_lost_zero(realworld: Read) -> None:
    data = realworld("organizing/spoke_us500_sample_contacts_excel_zip_dropped_zero.csv")
    table = read_delimited(data)
    assert len(table.rows) == 50
    assert table.rows[0][2] == "Benton, John B Jr"
    everyone = people(data)
    art = everyone[2]
    assert (art["first_name"], art["last_name"]) == ("Art", "Venere")
    assert art["postal_code"] == "08014"
    assert art["phone"] == "+18562644130"  # the "phone" column wins over "phone1"
    assert all("email" in p for p in everyone)


# ------------------------------------------------------------------ vcard


@covers("vcard/ezvcard_android_v21_qp_softbreaks_multi.vcf")
def test_android_qp_soft_breaks(realworld: Read) -> None:
    cards = read_vcards(realworld("vcard/ezvcard_android_v21_qp_softbreaks_multi.vcf"))
    assert len(cards) == 6
    assert cards[0].emails == ["john.doe@company.com"]
    assert cards[2].formatted_name == "Ñ Ñ Ñ Ñ Ñ "
    assert cards[3].formatted_name == " ".join(["Ñ"] * 11)  # soft break after =C3=91=
    assert cards[4].given_name == "Ñ Ñ Ñ "
    assert cards[4].phones[2].types == ["work", "fax"]
    assert cards[5].org == "Ñ" * 44  # four soft-broken lines then a blank line
    assert all("/9j/" not in c.note for c in cards)


@covers("vcard/ezvcard_evolution_v30_folded_escaped.vcf")
def test_evolution_folded_escaped(realworld: Read) -> None:
    (card,) = read_vcards(realworld("vcard/ezvcard_evolution_v30_folded_escaped.vcf"))
    assert card.formatted_name == "Mr. John Richter, James Doe Sr."
    assert card.additional_names == "Richter, James"
    assert card.emails == ["john.doe@ibm.com"]  # folded mid-value
    assert [p.number for p in card.phones] == ["905-666-1234", "905-555-1234"]
    assert card.addresses[0].country == "United States of America"
    assert "SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA" in card.note
    assert (card.org, card.department) == ("IBM", "Accounting")
    assert card.birthday == "1980-03-22"


@covers("vcard/ezvcard_gmail_v30_multi_email_itemgroups.vcf")
def test_gmail_item_groups(realworld: Read) -> None:
    (card,) = read_vcards(realworld("vcard/ezvcard_gmail_v30_multi_email_itemgroups.vcf"))
    assert len(card.emails) == 5
    assert card.emails[-1] == "customcategory@example.com"
    assert len(card.phones) == 11
    labelled = {p.number: p.types for p in card.phones}
    assert labelled["5555551119"] == ["grand_central"]
    assert labelled["5555551117"] == ["home", "fax"]
    assert len(card.addresses) == 5
    assert card.note == "note line 1\nnote line 2\nCustomField: field value"
    assert card.urls[0] == "http://www.example1.com"
    assert card.birthday == "1912-06-23"


@covers("vcard/ezvcard_iphone_v30_crcrlf_photo.vcf")
def test_iphone_cr_cr_lf_and_photo(realworld: Read) -> None:
    (card,) = read_vcards(realworld("vcard/ezvcard_iphone_v30_crcrlf_photo.vcf"))
    assert card.formatted_name == "Mr. John Richter James Doe Sr."
    assert card.emails == ["john.doe@ibm.com"]
    assert len(card.phones) == 7
    assert card.phones[-1].types == ["assistantphone"]
    assert card.addresses[1].street == "Street4\nBuilding 6\nFloor 8"
    assert card.birthday == "2012-06-06"
    person = normalise_person(card_to_person(card)).person
    assert person["phone"] == "+19055551234"  # the CELL/pref number


@covers("vcard/ezvcard_outlook2003_v21_qp_split_escape.vcf")
def test_outlook2003_qp_split_escape(realworld: Read) -> None:
    (card,) = read_vcards(realworld("vcard/ezvcard_outlook2003_v21_qp_split_escape.vcf"))
    assert card.note == "This is the note field!!\nSecond line\n\nThird line is empty\n"
    assert (card.org, card.department) == ("Company, The", "TheDepartment")
    assert card.birthday == "1980-03-21"
    assert card.emails == ["jdoe@hotmail.com"]
    assert card.addresses[0].city == "Austin"


@covers("vcard/ezvcard_rfc6350_v40_lf_only.vcf")
def test_rfc6350_v40(realworld: Read) -> None:
    (card,) = read_vcards(realworld("vcard/ezvcard_rfc6350_v40_lf_only.vcf"))
    assert card.formatted_name == "Simon Perreault"
    assert card.birthday == "--02-03"
    assert card.phones[0].number == "+1-418-656-9254;ext=102"
    assert card.phones[0].types == ["work", "voice", "pref"]
    assert (card.addresses[0].street, card.addresses[0].city) == ("2875 Laurier", "Quebec")
    person = normalise_person(card_to_person(card)).person
    assert person["phone"] == "+14182626501"  # the cell number is preferred for texting


@covers("vcard/roundcube_apple_utf16be_nobom.vcf")
def test_apple_utf16be_without_bom(realworld: Read) -> None:
    (card,) = read_vcards(realworld("vcard/roundcube_apple_utf16be_nobom.vcf"))
    assert card.formatted_name == "Ǽgean ĽdaMonté"
    assert (card.given_name, card.family_name) == ("Ǽgean", "ĽdaMonté")
    address = card.addresses[0]
    assert (address.street, address.region, address.country) == (
        "169 Mária Canal", "Conceptión", "Perú")


@covers("vcard/roundcube_thebat_v21_quoted_printable.vcf")
def test_thebat_qp_without_charset(realworld: Read) -> None:
    (card,) = read_vcards(realworld("vcard/roundcube_thebat_v21_quoted_printable.vcf"))
    # =F1 with no CHARSET is not UTF-8, so cp1252 is assumed: ñ (not Polish ń).
    assert card.family_name == "Iksiñski"
    assert card.emails == ["piotr.iksinski@somedomain.com"]


@covers("vcard/roundcube_v21_charset_windows1252.vcf")
def test_v21_charset_windows1252(realworld: Read) -> None:
    (card,) = read_vcards(realworld("vcard/roundcube_v21_charset_windows1252.vcf"))
    assert card.formatted_name == "John Doë"
    assert card.emails == ["inbox@roundcube.net", "roundcube@gmail.com"]
    assert [p.number for p in card.phones] == ["+123456789", "+987654321"]
    assert card.addresses[0].country == "Cayman Islands"


@covers("vcard/thunderbird_v21_blank_lines_between_cards.vcf")
def test_blank_lines_between_cards(realworld: Read) -> None:
    cards = read_vcards(realworld("vcard/thunderbird_v21_blank_lines_between_cards.vcf"))
    assert [c.formatted_name for c in cards] == ["John Doe", "Jane Doe"]
    assert cards[1].emails == ["jane.doe@genericemail.invalid"]


# ------------------------------------------------------------------ xlsx


@covers("xlsx/bostondsa_membership_list_formula_false_mixed_dateformats.xlsx")
def test_xlsx_formula_dates_and_numeric_phone(realworld: Read) -> None:
    table = read_xlsx(
        realworld("xlsx/bostondsa_membership_list_formula_false_mixed_dateformats.xlsx"))
    assert table.line_numbers == [2, 3]
    jane, jack = table.records()
    assert jane["Do_Not_Call"] == "FALSE"  # the =FALSE() formula, not its cached 0
    assert jack["Do_Not_Call"] == "0"
    assert (jane["Join_Date"], jack["Join_Date"]) == ("2018-08-19", "2018-10-20")
    assert jane["Home_Phone"] == "6175556666"
    assert jane["Zip"] == "02111-0000"
    mapping = propose_mapping(table.headers)
    person = normalise_person(apply_mapping(mapping, jane)).person
    assert person["phone"] == "+16175556666"
