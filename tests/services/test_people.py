"""What an organiser does with people, through the services the window and CLI share."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from saypro_desktop.db.changelog import change_log
from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import LocalSetting
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.services import people
from saypro_desktop.services.organisations import add_organisation
from saypro_desktop.services.people import PeopleFilter
from saypro_desktop.services.tags import add_tag, list_tags


def _ids(db: Database, **kwargs: object) -> list[str]:
    return people.list_person_ids(db, PeopleFilter(**kwargs))  # type: ignore[arg-type]


@pytest.fixture
def coalition(db: Database) -> dict[str, str]:
    clinic = add_organisation(
        db, {"name": "Khayelitsha Legal Advice Office", "category": "legal_aid"}
    )
    ids = {
        "zoe": people.add_person(
            db,
            {
                "first_name": "Zoë",
                "last_name": "Botha",
                "email": "zoe.botha@example.org",
                "phone": "083 555 1234",
                "category": "community_leader",
                "pipeline_stage": "contacted",
            },
        ),
        "sipho": people.add_person(
            db,
            {
                "first_name": "Sipho",
                "last_name": "Dlamini",
                "phone": "+27 82 123 4567",
                "organisation_id": clinic,
                "category": "legal_aid",
            },
        ),
        "anel": people.add_person(
            db,
            {
                "first_name": "Anél",
                "last_name": "van der Merwe",
                "email": "anel@EXAMPLE.org",
                "pipeline_stage": "committed",
            },
        ),
        "sean": people.add_person(db, {"first_name": "Seán", "last_name": "O'Connor"}),
    }
    ids["clinic"] = clinic
    return ids


def test_search_finds_by_name_without_accents_email_phone_and_organisation(
    db: Database, coalition: dict[str, str]
) -> None:
    assert _ids(db, search="zoe") == [coalition["zoe"]]
    assert _ids(db, search="Anel van") == [coalition["anel"]]
    assert _ids(db, search="o'connor") == [coalition["sean"]]
    assert _ids(db, search="zoe.botha@ex") == [coalition["zoe"]]
    assert _ids(db, search="082 123 45") == [coalition["sipho"]]
    assert _ids(db, search="+27 83 555") == [coalition["zoe"]]
    assert _ids(db, search="khayelitsha legal") == [coalition["sipho"]]
    assert _ids(db, search="nobody-like-this") == []


def test_renaming_an_organisation_updates_search(db: Database, coalition: dict[str, str]) -> None:
    from saypro_desktop.db.models import Organisation
    from saypro_desktop.services.unit_of_work import UnitOfWork

    with UnitOfWork(db) as uow:
        uow.update(Organisation, coalition["clinic"], {"name": "Ubuntu Justice Centre"})
    assert _ids(db, search="ubuntu") == [coalition["sipho"]]
    assert _ids(db, search="khayelitsha") == []


def test_filters_and_sorting(db: Database, coalition: dict[str, str]) -> None:
    assert _ids(db, category="legal_aid") == [coalition["sipho"]]
    assert _ids(db, pipeline_stage="committed") == [coalition["anel"]]
    # Sorted by surname: Botha, Dlamini, O'Connor, van der Merwe
    assert _ids(db) == [coalition[k] for k in ("zoe", "sipho", "sean", "anel")]
    assert _ids(db, sort="name", descending=True)[0] == coalition["anel"]
    tag = add_tag(db, "Soweto town hall")
    people.tag_person(db, coalition["sean"], tag)
    people.tag_person(db, coalition["sean"], tag)  # the same link twice is one link
    assert _ids(db, tag_id=tag) == [coalition["sean"]]
    assert people.get_person(db, coalition["sean"]).tags == ["Soweto town hall"]


def test_values_are_normalised_and_names_kept_as_written(
    db: Database, coalition: dict[str, str]
) -> None:
    row = people.fetch_rows(db, [coalition["anel"], coalition["sipho"]])
    assert row[0].first_name == "Anél"
    assert row[0].email == "anel@example.org"
    assert row[1].phone == "+27821234567"
    assert row[1].organisation == "Khayelitsha Legal Advice Office"


def test_bad_values_are_refused_with_a_message_naming_the_field(db: Database) -> None:
    with pytest.raises(ValidationError, match="email: 'thandi-at-example' is not an email"):
        people.add_person(db, {"first_name": "Thandi", "email": "thandi-at-example"})
    with pytest.raises(ValidationError, match="phone: '12'"):
        people.add_person(db, {"first_name": "Thandi", "phone": "12"})
    with pytest.raises(ValidationError, match="at least a first or last name"):
        people.add_person(db, {"email": "a@b.org"})
    with pytest.raises(ValidationError, match="unknown field shoe_size"):
        people.add_person(db, {"first_name": "A", "shoe_size": "9"})
    with pytest.raises(ValidationError, match="category: 'wizard' is not one of"):
        people.add_person(db, {"first_name": "A", "category": "wizard"})
    assert people.count_people(db) == 0


def test_every_edit_is_recorded_as_operations_with_increasing_sequence(
    db: Database, coalition: dict[str, str]
) -> None:
    diff = people.update_person(db, coalition["zoe"], {"city": "Soweto", "last_name": "Botha"})
    assert diff == {"city": (None, "Soweto")}  # the unchanged surname is not an edit
    with db.reading() as session:
        changes = session.execute(select(change_log).order_by(change_log.c.seq)).all()
        device = session.get(LocalSetting, "device_id")
    assert device is not None
    assert {c.device_id for c in changes} == {device.value}
    assert [c.seq for c in changes] == list(range(1, len(changes) + 1))
    last = changes[-1]
    assert (last.table_name, last.row_id, last.field, json.loads(last.value)) == (
        "people",
        coalition["zoe"],
        "city",
        "Soweto",
    )
    assert changes[-1].stamp > changes[0].stamp


def test_delete_is_a_tombstone_that_hides_the_person(
    db: Database, coalition: dict[str, str]
) -> None:
    people.delete_person(db, coalition["zoe"])
    assert coalition["zoe"] not in _ids(db)
    assert _ids(db, search="zoe") == []
    with pytest.raises(NotFoundError):
        people.get_person(db, coalition["zoe"])
    with pytest.raises(NotFoundError):
        people.update_person(db, coalition["zoe"], {"city": "Durban"})
    with db.reading() as session:
        fields = (
            session.execute(
                select(change_log.c.field).where(change_log.c.row_id == coalition["zoe"])
                .order_by(change_log.c.seq)
            )
            .scalars()
            .all()
        )
    assert fields[-1] == "_deleted"


def test_a_failed_write_leaves_nothing_behind(db: Database, coalition: dict[str, str]) -> None:
    with db.reading() as session:
        before = session.execute(select(change_log.c.seq)).scalars().all()
    with pytest.raises(ValidationError):
        people.update_person(db, coalition["zoe"], {"first_name": "", "last_name": ""})
    assert people.get_person(db, coalition["zoe"]).fields["first_name"] == "Zoë"
    with db.reading() as session:
        assert session.execute(select(change_log.c.seq)).scalars().all() == before


def test_save_person_writes_fields_tags_and_consents_in_one_go(db: Database) -> None:
    from saypro_desktop.services.people import person_consents, save_person

    volunteer = add_tag(db, "Volunteer")
    person, diff = save_person(db, None, {"first_name": "Lerato", "last_name": "Dube"},
                               tags=["volunteer", "Youth"], consents={"whatsapp": "given"})
    assert diff == {}
    detail = people.get_person(db, person)
    assert detail.tags == ["Volunteer", "Youth"]  # matched ignoring case; Youth is new
    assert [t.id for t in list_tags(db) if t.name == "Volunteer"] == [volunteer]
    assert person_consents(db, person)["whatsapp"].status == "given"
    _, diff = save_person(db, person, {"city": "Tembisa"}, tags=["Youth"],
                          consents={"whatsapp": "withdrawn"})
    assert diff == {"city": (None, "Tembisa")}
    assert people.get_person(db, person).tags == ["Youth"]
    assert person_consents(db, person)["whatsapp"].status == "withdrawn"
    with db.reading() as session:  # every part synced through the change log
        tables = set(session.scalars(select(change_log.c.table_name).distinct()))
    assert {"people", "person_tags", "tags", "consents"} <= tables


def test_save_person_writes_nothing_when_a_part_is_wrong(db: Database) -> None:
    from saypro_desktop.services.people import person_consents, save_person

    person = people.add_person(db, {"first_name": "Musa"})
    with pytest.raises(ValidationError, match="consent"):
        save_person(db, person, {"city": "Soweto"}, tags=["Volunteer"],
                    consents={"email": "maybe"})
    assert people.get_person(db, person).fields["city"] is None
    assert people.get_person(db, person).tags == []
    assert person_consents(db, person) == {}
