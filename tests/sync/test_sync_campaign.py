"""Campaigns, objectives, reform moves and positions made on two laptops meet at the office."""

from __future__ import annotations

from saypro_desktop.services import people
from saypro_desktop.services.campaigns import Campaigns
from saypro_desktop.services.reforms import Reforms
from saypro_desktop.services.sync import canonical_dump
from tests.sync.test_sync_files import Coalition, coalition  # noqa: F401


def test_campaign_work_from_two_laptops_converges(coalition: Coalition) -> None:  # noqa: F811
    c = coalition
    one, two = Campaigns(c.one), Campaigns(c.two)
    cid = one.add("Dignity 2026", "2026-02-01", "2026-03-31")
    one.add_objective(cid, "meetings_held", 10, "2026-03-31")
    mp = people.add_person(c.two, {"first_name": "Nomsa", "last_name": "Dlamini"})
    c.round()
    two.add_objective(cid, "petition_signatures", 500, "2026-03-15")
    two.add_phase(cid, "custom", "2026-02-01", "2026-02-14", name="Kick-off fortnight")
    reforms_one, reforms_two = Reforms(c.one), Reforms(c.two)
    rid = reforms_one.add("Appeals decided within 30 days", "national", campaign_id=cid,
                          on="2026-02-01")
    c.round()
    reforms_one.move(rid, "drafted", on="2026-02-10")
    reforms_two.move(rid, "tabled", on="2026-02-20", note="Tabled by the portfolio committee")
    reforms_one.set_position(rid, mp, "undecided", on="2026-02-05")
    reforms_two.set_position(rid, mp, "supportive", on="2026-02-21")
    c.round()
    c.round()
    assert canonical_dump(c.office) == canonical_dump(c.one) == canonical_dump(c.two)
    for db in (c.office, c.one, c.two):
        info = Campaigns(db).get(cid)
        assert info.objectives == 2
        assert [p.label for p in info.phases] == ["Kick-off fortnight"]
        detail = Reforms(db).detail(rid)
        assert detail.row.stage == "tabled"
        assert [e.text for e in detail.timeline if e.kind == "stage"] == [
            "Recorded at Idea", "Moved to Drafted",
            "Moved to Tabled — Tabled by the portfolio committee"]
        assert [(p.name, p.position, [h[1] for h in p.history]) for p in detail.positions] == [
            ("Nomsa Dlamini", "supportive", ["undecided", "supportive"])]
