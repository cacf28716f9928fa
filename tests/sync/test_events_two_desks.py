"""Two desks at one event, on two real database files syncing through the office."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from saypro_desktop.services import people
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.duplicates import list_candidates, merge_people
from saypro_desktop.services.events_signin import DeskInfo, WalkIn
from saypro_desktop.services.sync import canonical_dump
from saypro_desktop.services.sync_devices import init_office, invite, join
from tests.db.test_first_seen import first_seen_is_right
from tests.sync.sync_harness import make_template, new_replica
from tests.sync.test_sync_files import PASS, Coalition


@pytest.fixture
def coalition(tmp_path: Path) -> Iterator[Coalition]:
    template = make_template(tmp_path)
    office, one, two = (new_replica(template, tmp_path / f"{n}.sqlite3")
                        for n in ("office", "one", "two"))
    init_office(office, "Office")
    for name, db in (("Laptop 1", one), ("Laptop 2", two)):
        invite(office, name, PASS, tmp_path / f"{name}.invite")
        join(db, (tmp_path / f"{name}.invite").read_bytes(), PASS)
    yield Coalition(office, one, two, tmp_path)
    for db in (office, one, two):
        db.dispose()


def test_two_desks_count_each_person_once_and_queue_twin_walk_ins(coalition: Coalition) -> None:
    c = coalition
    office, one, two = AppServices(c.office), AppServices(c.one), AppServices(c.two)
    event = office.events.add_event({"title": "Soweto town hall", "kind": "town_hall",
                                     "starts_at": "2026-12-05 18:00"})
    sipho = people.add_person(c.office, {"first_name": "Sipho", "last_name": "Ndlovu"})
    lerato = people.add_person(c.office, {"first_name": "Lerato", "last_name": "Mokoena"})
    c.round()

    # The doors open: both desks sign Sipho in (he queued twice), each one other person...
    one.events.signin.sign_in(event, sipho, desk=DeskInfo("North door", "Ayanda"),
                              consents=["email"])
    two.events.signin.sign_in(event, sipho, desk=DeskInfo("South door", "Bheki"))
    two.events.signin.sign_in(event, lerato, desk=DeskInfo("South door", "Bheki"))
    # ...and the same walk-in gives her details at both doors.
    zanele = WalkIn("Zanele", "Khumalo", phone="083 555 0101", area="Soweto")
    first = one.events.signin.walk_in(event, zanele, desk=DeskInfo("North door", "Ayanda"))
    second = two.events.signin.walk_in(event, zanele, desk=DeskInfo("South door", "Bheki"))
    assert first.person_id != second.person_id
    c.round()
    c.round()

    assert canonical_dump(c.office) == canonical_dump(c.one) == canonical_dump(c.two)
    # The figures' first encounters, kept by triggers, follow what the bundles brought.
    assert all(first_seen_is_right(db) for db in (c.office, c.one, c.two))
    numbers = office.events.figures(event)
    # Sipho once, Lerato, and both Zanele records until someone merges them.
    assert (numbers.attendees, numbers.walk_ins) == (4, 2)
    sipho_rows = [r for r in office.events.signin.attendance(event) if r.person_id == sipho]
    assert len(sipho_rows) == 1
    queue = list_candidates(c.office)
    assert [{q.first.id, q.second.id} for q in queue] == [{first.person_id, second.person_id}]
    assert "same phone" in queue[0].reason

    merge_people(c.office, first.person_id, second.person_id)
    c.round()
    assert office.events.figures(event).attendees == 3
    assert one.events.figures(event).attendees == 3
    assert all(first_seen_is_right(db) for db in (c.office, c.one, c.two))
