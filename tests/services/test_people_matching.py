"""Is this the same person? Accents, case, typos, contact details and area."""

from __future__ import annotations

import pytest

from saypro_desktop.db.engine import Database
from saypro_desktop.services import people
from saypro_desktop.services.people_matching import PeopleMatcher, fold


def _add(db: Database, first: str, last: str, **extra: str) -> str:
    return people.add_person(db, {"first_name": first, "last_name": last, **extra})


def test_fold_is_accent_and_case_insensitive() -> None:
    assert fold("  ZOË   Müller-Dlamini ") == "zoe muller-dlamini"
    assert fold(None) == ""


def test_names_typos_accents_and_areas(db: Database) -> None:
    zoe = _add(db, "Zoë", "Müller", city="Soweto")
    thandi = _add(db, "Thandiwe", "Mokoena", city="Soweto")
    other = _add(db, "Thandiwe", "Mokoena", city="Umlazi")
    matcher = PeopleMatcher(db)
    assert [m.person.id for m in matcher.similar(first_name="zoe", last_name="MULLER")] == [zoe]
    found = matcher.similar(first_name="Tandiwe", last_name="Mokoena", area="soweto")
    assert [m.person.id for m in found][:1] == [thandi]
    assert found[0].reasons == ("similar name", "same area")
    assert {m.person.id for m in found} == {thandi, other}
    assert matcher.similar(first_name="Bongani", last_name="Zulu") == []
    assert matcher.similar() == []
    # A weaker name match (Thandeka for Thandiwe) counts only in the same area.
    assert matcher.similar(first_name="Thandeka", last_name="Mokoena", area="Durban") == []
    near = matcher.similar(first_name="Thandeka", last_name="Mokoena", area="Umlazi")
    assert [m.person.id for m in near] == [other]


def test_the_same_email_or_phone_is_a_match_whatever_the_name(db: Database) -> None:
    sipho = _add(db, "Sipho", "Ndlovu", email="Sipho.N@Example.org", phone="082 111 2233")
    matcher = PeopleMatcher(db)
    by_email = matcher.similar(first_name="S", last_name="N", email="sipho.n@example.org")
    assert [(m.person.id, m.reasons) for m in by_email] == [(sipho, ("same email",))]
    by_phone = matcher.similar(phone="+27 82 111 2233")
    assert [(m.person.id, m.score, m.reasons) for m in by_phone] == [
        (sipho, 100.0, ("same phone",))]
    assert matcher.similar(phone="not a phone") == []
    assert matcher.similar(first_name="Sipho", last_name="Ndlovu", exclude=[sipho]) == []


def test_new_and_deleted_people_are_seen_without_reading_everyone_again(
        db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    _add(db, "Ayanda", "Khumalo")
    matcher = PeopleMatcher(db)
    matcher.warm()
    full_reads = []
    original = matcher._select

    def counting_select() -> object:
        full_reads.append(1)
        return original()

    monkeypatch.setattr(matcher, "_select", counting_select)
    lerato = _add(db, "Lerato", "Mokoena")
    assert [m.person.id for m in matcher.similar(first_name="Lerato", last_name="Mokoena")] == [
        lerato]
    people.delete_person(db, lerato)
    assert matcher.similar(first_name="Lerato", last_name="Mokoena") == []
    naledi = _add(db, "Naledi", "Dube")
    people.update_person(db, naledi, {"last_name": "Zwane"})
    assert [m.person.last_name for m in matcher.similar(first_name="Naledi",
                                                         last_name="Zwane")] == ["Zwane"]
    # Each refresh read only the rows a write touched (one small query each), never all.
    assert len(full_reads) <= 5
    assert len(matcher._people or []) == 3
