"""Organisations as an organiser uses them: find, edit, assess, move along the pipeline,
link people, record introductions, spot and merge duplicates."""

from __future__ import annotations

from datetime import datetime

import pytest

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Interaction, Membership, StageMove
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.organisations import OrganisationFilter, OrganisationsService
from saypro_desktop.services.people import add_person
from saypro_desktop.services.timeline import EntryKind
from saypro_desktop.services.unit_of_work import UnitOfWork


@pytest.fixture
def orgs(app_services: AppServices) -> OrganisationsService:
    return app_services.organisations


def _names(orgs: OrganisationsService, **flt: object) -> list[str]:
    return [r.name for r in orgs.search(OrganisationFilter(**flt))]  # type: ignore[arg-type]


def test_phones_become_e164_or_are_kept_as_typed_and_flagged(orgs: OrganisationsService) -> None:
    good = orgs.add({"name": "Soweto Food Bank", "phone": "011 555 1234"})
    bad = orgs.add({"name": "Tembisa Youth Forum", "phone": "082 12"})
    assert orgs.get(good).fields["phone"] == "+27115551234"
    assert orgs.get(good).phone_problem is None
    assert orgs.get(bad).fields["phone"] == "082 12"  # never an invented E.164
    assert "not a valid number" in (orgs.get(bad).phone_problem or "")
    with pytest.raises(ValidationError, match="email: 'info@' is not an email address"):
        orgs.add({"name": "X", "email": "info@"})


def test_search_as_you_type_and_every_filter(orgs: OrganisationsService) -> None:
    orgs.add({"name": "Ubuntu Legal Aid Clinic", "category": "Legal aid", "region": "Gauteng",
              "focus_areas": "justice, housing", "level": "local", "city": "Soweto"})
    orgs.add({"name": "Île Mental Health Alliance", "category": "public_health",
              "focus_areas": ["mental health"], "level": "provincial", "region": "Western Cape",
              "email": "hello@ile.example.org", "priority": "high"})
    orgs.add({"name": "Faith Kitchen", "category": "Faith-based", "focus_areas": "food_security",
              "level": "national", "phone": "+27 21 555 0101"})
    assert _names(orgs, search="ubu") == ["Ubuntu Legal Aid Clinic"]
    assert _names(orgs, search="ile mental") == ["Île Mental Health Alliance"]  # accents
    assert _names(orgs, search="021 555") == ["Faith Kitchen"]  # national phone form
    assert _names(orgs, search="soweto") == ["Ubuntu Legal Aid Clinic"]
    assert _names(orgs, category="faith_based") == ["Faith Kitchen"]
    assert _names(orgs, focus_area="housing") == ["Ubuntu Legal Aid Clinic"]
    assert _names(orgs, level="provincial") == ["Île Mental Health Alliance"]
    assert _names(orgs, region="Western Cape") == ["Île Mental Health Alliance"]
    assert _names(orgs, priority="high") == ["Île Mental Health Alliance"]
    # Accents and case ignored in the order: "Île" sorts as "Ile".
    assert _names(orgs, pipeline_stage="identified") == [
        "Faith Kitchen", "Île Mental Health Alliance", "Ubuntu Legal Aid Clinic"]
    assert _names(orgs, sort="name", descending=True)[0] == "Ubuntu Legal Aid Clinic"
    with pytest.raises(ValidationError, match="'shop' is not one of: Social service provider"):
        orgs.add({"name": "Shop", "category": "shop"})


def test_every_stage_move_is_kept_with_when_and_who(orgs: OrganisationsService) -> None:
    org = orgs.add({"name": "Khayelitsha Care Network"})
    assert orgs.move_stage(org, "contacted") == ("identified", "contacted")
    assert orgs.move_stage(org, "Meeting scheduled") == ("contacted", "meeting_scheduled")
    assert orgs.move_stage(org, "meeting_scheduled") is None  # already there: nothing written
    history = orgs.stage_history(org)
    assert [m.summary for m in history] == [
        "Contacted → Meeting scheduled", "Identified → Contacted", "Added as identified"]
    assert all(m.moved_by == "This laptop" for m in history)
    assert orgs.get(org).pipeline_stage == "meeting_scheduled"
    with pytest.raises(ValidationError, match="'signed' is not one of: Identified"):
        orgs.move_stage(org, "signed")


def test_assessments_are_history_and_the_latest_sets_priority(orgs: OrganisationsService) -> None:
    org = orgs.add({"name": "Gugulethu Housing Trust"})
    orgs.assess(org, {"shared_values": 3, "mission_alignment": 2,
                      "operational_compatibility": 4, "priority": "low",
                      "assessed_on": "2026-01-10", "mission_alignment_note": "Mostly housing"})
    orgs.assess(org, {"shared_values": 5, "mission_alignment": 4,
                      "operational_compatibility": 4, "priority": "high",
                      "strengths": "Tenant networks in 12 wards",
                      "resources_offered": "Meeting hall", "assessed_on": "2026-03-02"})
    history = orgs.assessments(org)
    assert [(a.assessed_on.isoformat() if a.assessed_on else None, a.priority)
            for a in history] == [("2026-03-02", "high"), ("2026-01-10", "low")]
    assert history[1].mission_alignment_note == "Mostly housing"
    detail = orgs.get(org).fields
    assert (detail["priority"], detail["strengths"], detail["resources_offered"]) == (
        "high", "Tenant networks in 12 wards", "Meeting hall")
    with pytest.raises(ValidationError, match="shared_values: 6 is out of range"):
        orgs.assess(org, {"shared_values": 6})


def test_members_have_roles_and_one_primary_contact(
    db: Database, orgs: OrganisationsService
) -> None:
    org = orgs.add({"name": "Alexandra Advice Office"})
    naledi = add_person(db, {"first_name": "Naledi", "last_name": "Zulu"})
    pieter = add_person(db, {"first_name": "Pieter", "last_name": "Botha"})
    orgs.add_member(org, naledi, role="director", primary=True)
    second = orgs.add_member(org, pieter, role="Volunteer")
    assert [(m.name, m.role, m.is_primary) for m in orgs.members(org)] == [
        ("Naledi Zulu", "director", True), ("Pieter Botha", "volunteer", False)]
    orgs.set_primary_contact(second)
    assert [m.name for m in orgs.members(org) if m.is_primary] == ["Pieter Botha"]
    with db.reading() as session:
        primaries = session.query(Membership).filter(Membership.is_primary.is_(True)).count()
    assert primaries == 1


def test_referrals_say_who_introduced_whom_and_what_came_of_it(
    db: Database, orgs: OrganisationsService
) -> None:
    org = orgs.add({"name": "Mamelodi Women's Forum"})
    thabo = add_person(db, {"first_name": "Thabo", "last_name": "Nkosi"})
    zanele = add_person(db, {"first_name": "Zanele", "last_name": "Mthembu"})
    ref = orgs.add_referral(thabo, referred_id=zanele, organisation_id=org,
                            note="Met at the Soweto town hall")
    orgs.set_referral_outcome(ref, "joined", "Signed the coalition charter")
    [row] = orgs.referrals(organisation_id=org)
    assert (row.referrer, row.introduced, row.outcome, row.outcome_note) == (
        "Thabo Nkosi", "Zanele Mthembu at Mamelodi Women's Forum", "joined",
        "Signed the coalition charter")
    assert orgs.referrals(person_id=zanele) == [row]
    with pytest.raises(ValidationError, match="cannot introduce themselves"):
        orgs.add_referral(thabo, referred_id=thabo)


def test_a_similar_organisation_is_found_while_typing(orgs: OrganisationsService) -> None:
    food = orgs.add({"name": "Soweto Community Food Bank NPC", "email": "info@sfb.example.org"})
    orgs.add({"name": "Durban Youth Choir", "phone": "031 555 7000"})
    [match] = orgs.similar(name="soweto comunity food-bank")
    assert (match.id, match.reasons) == (food, ("similar name",))
    [match] = orgs.similar(name="Sowéto Community Food Bank")
    assert match.id == food
    assert [m.name for m in orgs.similar(name="Something else", phone="+27 31 555 7000")] == [
        "Durban Youth Choir"]
    assert [m.reasons for m in orgs.similar(name="SFB", email="INFO@sfb.example.org")] == [
        ("same email",)]
    assert orgs.similar(name="Cape Town Legal Clinic") == []


def test_merging_moves_all_history_to_the_survivor_and_undo_puts_it_back(
    db: Database, orgs: OrganisationsService
) -> None:
    first = orgs.add({"name": "Soweto Food Bank", "city": "Soweto"})
    second = orgs.add({"name": "Soweto Foodbank", "email": "info@sfb.example.org"})
    assert [(p.first.id, p.second.id) for p in orgs.duplicates()] == [(first, second)]
    person = add_person(db, {"first_name": "Ayanda", "last_name": "Dube"})
    orgs.add_member(second, person, role="staff")
    orgs.move_stage(second, "committed")
    with UnitOfWork(db) as uow:
        call = uow.create(Interaction, {"organisation_id": second, "channel": "phone",
                                        "occurred_at": datetime(2026, 3, 1, 10, 0),
                                        "subject": "Intro call"})

    receipt = orgs.merge(second, first)
    assert receipt.survivor_id == first
    assert orgs.get(first).fields["email"] == "info@sfb.example.org"  # filled from the other
    with pytest.raises(NotFoundError):
        orgs.get(second)
    assert [m.name for m in orgs.members(first)] == ["Ayanda Dube"]
    kinds = {e.kind for e in orgs.timeline(first)}
    assert {EntryKind.INTERACTION, EntryKind.STAGE_MOVE} <= kinds
    assert call in {e.record_id for e in orgs.timeline(first)}
    assert orgs.duplicates() == []

    orgs.undo_merge(receipt)
    assert orgs.get(second).fields["email"] == "info@sfb.example.org"
    assert orgs.get(first).fields["email"] is None
    assert orgs.members(first) == []
    assert [m.name for m in orgs.members(second)] == ["Ayanda Dube"]
    assert call not in {e.record_id for e in orgs.timeline(first)}
    with db.reading() as session:
        moves = session.query(StageMove).filter(StageMove.organisation_id == second).count()
    assert moves == 2


def test_deleting_can_be_undone(orgs: OrganisationsService) -> None:
    org = orgs.add({"name": "Mitchells Plain Safety Forum"})
    orgs.delete(org)
    assert _names(orgs) == []
    orgs.restore(org)
    assert _names(orgs) == ["Mitchells Plain Safety Forum"]
