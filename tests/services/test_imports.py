"""Importing real export files: who ends up in the database, and that nothing is doubled.

Expected people and counts were read off the files themselves (and the facts checked in
tests/interop/test_interop_realworld.py), not copied from what the code produced.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import (
    Change,
    Consent,
    DuplicateCandidate,
    Event,
    Organisation,
    Person,
    SignIn,
)
from saypro_desktop.domain.errors import SayProError, ValidationError
from saypro_desktop.domain.ids import link_id
from saypro_desktop.services.imports import (
    BadRowsError,
    ImportReport,
    list_mappings,
    plan_import,
    preview,
    run_import,
    save_mapping,
    target_fields,
)
from saypro_desktop.services.people import add_person
from saypro_desktop.services.unit_of_work import UnitOfWork

pytestmark = pytest.mark.realworld


def people(db: Database) -> dict[tuple[str | None, str | None], Person]:
    with db.reading() as session:
        rows = session.execute(select(Person).where(Person.deleted_at.is_(None))).scalars()
        return {(p.first_name, p.last_name): p for p in rows}


def count(db: Database, model: type) -> int:
    with db.reading() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def import_file(db: Database, path: Path, **kwargs: object) -> ImportReport:
    plan = plan_import(db, path)
    return run_import(db, plan, on_bad_rows="skip", **kwargs)  # type: ignore[arg-type]


# (file, people created, rows skipped as not understood, rows merged into another row)
REALWORLD_COUNTS = [
    ("contacts_csv/horde_outlook_export_multiline_notes_0-0-00_dates.csv", 1, 0, 0),
    ("contacts_csv/keila_excel_bom_semicolon_crlf_accents.csv", 201, 0, 0),
    ("contacts_csv/keila_malformed_space_after_comma_quotes.csv", 3, 0, 0),
    ("contacts_csv/roundcube_google_csv_legacy_multiline.csv", 1, 0, 0),
    ("contacts_csv/thunderbird_export_crlf_embedded_cr_lf_tab_quotes.csv", 2, 0, 0),
    ("contacts_csv/thunderbird_shiftjis_cjk_names.csv", 1, 0, 0),
    ("contacts_csv/thunderbird_utf16le_bom.csv", 1, 0, 0),
    ("events/eventespresso_attendee_import_cr_only_rowtype_pipes.csv", 2, 0, 0),
    ("organizing/bostondsa_actionkit_export_zip_dropped_zero.csv", 1, 0, 0),
    ("organizing/bostondsa_membership_list_bom_crlf_mixed_dates.csv", 2, 0, 0),
    # row 11 is the short row whose columns shifted
    ("organizing/mailchimp_audience_export_sample_tags_apostrophe_gmtoff.csv", 9, 1, 0),
    ("organizing/spoke_ngpvan_canvass_export_fake.csv", 17, 0, 0),
    ("organizing/spoke_phone_formats_zip_leading_zero_space.csv", 4, 0, 0),
    ("organizing/spoke_us500_sample_contacts_excel_zip_dropped_zero.csv", 50, 0, 0),
    # cards 1 and 2 have an email and no name: people all the same, shown by their email;
    # card 6 has card 5's phone and a longer name
    ("vcard/ezvcard_android_v21_qp_softbreaks_multi.vcf", 5, 0, 1),
    ("vcard/ezvcard_evolution_v30_folded_escaped.vcf", 1, 0, 0),
    ("vcard/ezvcard_gmail_v30_multi_email_itemgroups.vcf", 1, 0, 0),
    ("vcard/ezvcard_iphone_v30_crcrlf_photo.vcf", 1, 0, 0),
    ("vcard/ezvcard_outlook2003_v21_qp_split_escape.vcf", 1, 0, 0),
    ("vcard/ezvcard_rfc6350_v40_lf_only.vcf", 1, 0, 0),
    ("vcard/roundcube_apple_utf16be_nobom.vcf", 1, 0, 0),
    ("vcard/roundcube_thebat_v21_quoted_printable.vcf", 1, 0, 0),
    ("vcard/roundcube_v21_charset_windows1252.vcf", 1, 0, 0),
    ("vcard/thunderbird_v21_blank_lines_between_cards.vcf", 2, 0, 0),
    ("xlsx/bostondsa_membership_list_formula_false_mixed_dateformats.xlsx", 2, 0, 0),
]


@pytest.mark.parametrize(("name", "created", "skipped", "merged"), REALWORLD_COUNTS,
                         ids=[c[0].split("/")[1] for c in REALWORLD_COUNTS])
def test_every_real_file_imports_once_and_twice_adds_nothing(
    db: Database, realworld: Path, name: str, created: int, skipped: int, merged: int
) -> None:
    report = import_file(db, realworld / name)
    assert (report.created, len(report.skipped), report.merged) == (created, skipped, merged)
    assert report.updated == 0 and report.errors == []
    assert count(db, Person) == created
    changes = count(db, Change)

    again = import_file(db, realworld / name)
    assert (again.created, again.updated, again.queued_duplicates) == (0, 0, 0)
    assert again.unchanged == created
    assert count(db, Person) == created
    assert count(db, Change) == changes  # not even a no-op write


def test_names_emails_and_phones_exactly_as_the_files_say(db: Database, realworld: Path) -> None:
    for name in ("contacts_csv/keila_excel_bom_semicolon_crlf_accents.csv",
                 "contacts_csv/thunderbird_shiftjis_cjk_names.csv",
                 "organizing/bostondsa_actionkit_export_zip_dropped_zero.csv",
                 "organizing/spoke_ngpvan_canvass_export_fake.csv",
                 "organizing/spoke_us500_sample_contacts_excel_zip_dropped_zero.csv",
                 "vcard/roundcube_apple_utf16be_nobom.vcf",
                 "vcard/roundcube_v21_charset_windows1252.vcf",
                 "vcard/ezvcard_iphone_v30_crcrlf_photo.vcf",
                 "xlsx/bostondsa_membership_list_formula_false_mixed_dateformats.xlsx"):
        import_file(db, realworld / name)
    found = people(db)
    eliska = found[("Eliška", "Þorláksson")]
    assert eliska.email == "foo-2@example.com"
    assert found[("Joël", "Müller-Schultheiß")].email == "foo-1@example.com"
    assert found[("権兵衛", "名無し")].email == "名無しの権兵衛@host.invalid"
    karl = found[("Karl", "Marx")]
    assert (karl.email, karl.phone, karl.postal_code) == (
        "kmarx@example.com", "+16176354505", "02111")
    assert found[("Phoebe", "König")].phone == "+17659277705"
    art = found[("Art", "Venere")]
    assert (art.phone, art.postal_code) == ("+18562644130", "08014")
    assert found[("Ǽgean", "ĽdaMonté")].province == "Conceptión"
    assert found[("John", "Doë")].email == "inbox@roundcube.net"
    john = found[("John", "Doe")]  # iPhone card: the CELL number, the company linked
    assert (john.email, john.phone) == ("john.doe@ibm.com", "+19055551234")
    assert "Second phone: +19057771234" in (john.notes or "")
    jane = found[("Jane", "Doe")]  # from the xlsx: phone stored as a number
    assert (jane.phone, jane.postal_code) == ("+16175556666", "02111-0000")
    with db.reading() as session:
        ibm = session.get(Organisation, john.organisation_id)
        assert ibm is not None and ibm.name == "IBM"


def test_shared_phone_under_different_names_keeps_both_and_queues_them(
    db: Database, realworld: Path
) -> None:
    # Larry Foster and Kori Ranbelsi share 3214028326: two people, one queued pair.
    spoke = "organizing/spoke_phone_formats_zip_leading_zero_space.csv"
    report = import_file(db, realworld / spoke)
    assert report.created == 4 and report.queued_duplicates == 1
    found = people(db)
    larry, kori = found[("Larry", "Foster")], found[("Kori", "Ranbelsi")]
    with db.reading() as session:
        pair = session.execute(select(DuplicateCandidate)).scalar_one()
    assert {pair.first_id, pair.second_id} == {larry.id, kori.id}
    assert "same phone" in pair.reason


def test_mailchimp_opt_in_becomes_email_consent(db: Database, realworld: Path) -> None:
    report = import_file(
        db, realworld / "organizing/mailchimp_audience_export_sample_tags_apostrophe_gmtoff.csv")
    assert report.consents_recorded == 9
    assert report.skipped[0].row == 11
    assert any(w.row == 3 and "555-0123" in w.message for w in report.warnings)
    john = people(db)[("John", "Doe")]
    with db.reading() as session:
        consent = session.execute(select(Consent).where(Consent.person_id == john.id)).scalar_one()
    assert (consent.channel, consent.status) == ("email", "given")
    assert consent.recorded_at.isoformat() == "2024-01-15T10:30:00"


def test_existing_people_get_only_their_empty_fields_filled(
    db: Database, realworld: Path
) -> None:
    karl = add_person(db, {"first_name": "Karl", "last_name": "Marx",
                           "email": "KMarx@Example.com", "city": "Trier"})
    actionkit = "organizing/bostondsa_actionkit_export_zip_dropped_zero.csv"
    report = import_file(db, realworld / actionkit)
    assert (report.created, report.updated) == (0, 1)
    stored = people(db)[("Karl", "Marx")]
    assert stored.id == karl
    assert stored.city == "Trier"  # typed by an organiser: kept
    assert stored.phone == "+16176354505"  # was empty: filled from the file
    assert stored.email == "KMarx@example.com"


def test_a_close_name_at_the_same_organisation_is_queued_not_merged(
    db: Database, tmp_path: Path
) -> None:
    with UnitOfWork(db) as uow:
        org = uow.create(Organisation, {"name": "Soweto Youth Forum"})
        thandi = uow.create(Person, {"first_name": "Thandiwe", "last_name": "Mokoena",
                                     "organisation_id": org})
    path = tmp_path / "list.csv"
    path.write_text("First name,Last name,Organisation\nThandiwe,Mokoenа,soweto youth forum\n"
                    .replace("Mokoenа", "Mokoeena"), encoding="utf-8")
    report = import_file(db, path)
    assert (report.created, report.queued_duplicates, report.organisations_created) == (1, 1, 0)
    with db.reading() as session:
        pair = session.execute(select(DuplicateCandidate)).scalar_one()
        new = session.execute(select(Person).where(Person.id != thandi)).scalar_one()
    assert pair.reason == "similar name at the same organisation"
    assert {pair.first_id, pair.second_id} == {thandi, new.id}
    assert new.organisation_id == org


def test_duplicate_rows_within_a_file_become_one_person(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "dupes.csv"
    path.write_text(
        "First name,Last name,Email,Mobile,City\n"
        "Sipho,Dlamini,sipho@example.org,,\n"
        "Sipho,Dlamini,SIPHO@example.org,082 123 4567,\n"
        "Sipho,Dlamini,,+27821234567,Soweto\n"
        "Lerato,Khumalo,,,\n"
        "Lerato,Khumalo,,,\n", encoding="utf-8")
    report = import_file(db, path)
    assert (report.created, report.merged) == (2, 3)
    sipho = people(db)[("Sipho", "Dlamini")]
    assert (sipho.email, sipho.phone, sipho.city) == (
        "sipho@example.org", "+27821234567", "Soweto")


def test_a_bad_row_cancels_everything_or_is_skipped(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("First name,Last name,Email,City\nAyanda,Zulu,ayanda@example.org,Durban\n"
                    ",,,Soweto\nNomsa,Ndlovu,nomsa@example.org,\n", encoding="utf-8")
    plan = plan_import(db, path)
    with pytest.raises(BadRowsError) as caught:
        run_import(db, plan)
    assert [(e.row, e.message) for e in caught.value.report.errors] == [
        (3, "no name, email or phone: a person needs one of them")]
    assert "row 3" in str(caught.value)
    assert count(db, Person) == 0 and count(db, Change) == 0

    report = run_import(db, plan, on_bad_rows="skip")
    assert report.created == 2
    assert [(s.row, s.message) for s in report.skipped] == [
        (3, "no name, email or phone: a person needs one of them")]


def test_dry_run_and_cancel_write_nothing(db: Database, realworld: Path) -> None:
    plan = plan_import(db, realworld / "contacts_csv/keila_excel_bom_semicolon_crlf_accents.csv")
    report = run_import(db, plan, dry_run=True)
    assert report.dry_run and report.created == 201
    assert count(db, Person) == 0
    calls: list[tuple[int, int]] = []

    def stop(done: int, total: int) -> bool:
        calls.append((done, total))
        return False

    with pytest.raises(SayProError, match="cancelled; nothing was changed"):
        run_import(db, plan, progress=stop)
    assert calls and calls[0][1] == 201
    assert count(db, Person) == 0


def test_preview_shows_rows_as_stored_and_what_will_happen(
    db: Database, realworld: Path
) -> None:
    add_person(db, {"first_name": "Karl", "last_name": "Marx", "email": "kmarx@example.com"})
    plan = plan_import(db, realworld / "organizing/bostondsa_actionkit_export_zip_dropped_zero.csv")
    assert plan.source == "actionkit" and plan.row_count == 1
    (row,) = preview(db, plan)
    assert row.row == 2
    assert row.values["postal_code"] == "02111"
    assert row.values["phone"] == "+16176354505"
    assert row.action == "update Karl Marx"
    assert count(db, Change) > 0  # preview wrote nothing beyond the person added above
    plan.mapping = {column: "" for column in plan.mapping}  # the person ignores everything
    (row,) = preview(db, plan)
    assert row.action.startswith("skip")


def test_a_saved_mapping_is_applied_next_time(db: Database, realworld: Path) -> None:
    name = "organizing/spoke_phone_formats_zip_leading_zero_space.csv"
    plan = plan_import(db, realworld / name)
    plan.mapping["zip_Code"] = ""  # the organiser does not want postal codes
    save_mapping(db, "Spoke", plan)
    assert list_mappings(db) == ["Spoke"]
    again = plan_import(db, realworld / name, mapping_name="Spoke")
    assert again.mapping["zip_Code"] == ""
    assert "postal_code" not in preview(db, again, 1)[0].values
    with pytest.raises(ValidationError, match="no saved column mapping 'Nope'"):
        plan_import(db, realworld / name, mapping_name="Nope")
    assert target_fields("people")[0] == ("", "Ignore")


def test_attendee_import_signs_people_in_once(db: Database, realworld: Path) -> None:
    import datetime as dt

    with UnitOfWork(db) as uow:
        event = uow.create(Event, {"kind": "town_hall", "title": "Soweto town hall",
                                   "starts_at": dt.datetime(2025, 3, 1, 10, 0)})
    name = realworld / "events/eventespresso_attendee_import_cr_only_rowtype_pipes.csv"
    with pytest.raises(ValidationError, match="needs the event"):
        plan_import(db, name, kind="attendees")
    for _ in range(2):
        plan = plan_import(db, name, kind="attendees", event_id=event)
        run_import(db, plan, on_bad_rows="skip")
    found = people(db)
    with db.reading() as session:
        sign_ins = session.execute(select(SignIn)).scalars().all()
    assert {s.id for s in sign_ins} == {
        link_id("sign_in", event, found[("John", "Doe")].id),
        link_id("sign_in", event, found[("Jane", "Doe")].id)}
    assert {s.source for s in sign_ins} == {"import"}


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel .xls"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00\x01" * 50, "binary file"),
    (b"First name,Last name\n", "no rows"),
])
def test_files_it_refuses(db: Database, tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "file.csv"
    path.write_bytes(content)
    with pytest.raises(ValidationError, match=message):
        plan_import(db, path)
    with pytest.raises(ValidationError, match="cannot read"):
        plan_import(db, tmp_path / "missing.csv")


def test_calendar_import_creates_meetings_once(db: Database, realworld: Path) -> None:
    from saypro_desktop.db.models import Meeting

    path = realworld / "icalendar/biweekly_outlook2010_windows_tzid_tab_folding.ics"
    plan = plan_import(db, path)
    assert plan.kind == "calendar"
    assert run_import(db, plan).created == 1
    assert run_import(db, plan_import(db, path)).created == 0
    with db.reading() as session:
        meeting = session.execute(select(Meeting)).scalar_one()
    assert meeting.title == "Team Meeting"
    # 12:00 EDT is 18:00 in Johannesburg
    assert meeting.starts_at.isoformat() == "2013-06-10T18:00:00"
    assert "Doe, John" in (meeting.notes or "")
