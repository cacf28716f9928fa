"""The Outreach, Meetings and Coalition pages over the demo coalition: every table a
checked model, searchable; the referral map keeps families together; edits undo."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSortFilterProxyModel
from pytestqt.qtbot import QtBot

from saypro_desktop.services.coalition import ReferralEdge, ReferralGraph, ReferralNode
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.demo import fill_demo
from saypro_desktop.ui.coalition.page import CoalitionPage
from saypro_desktop.ui.coalition.referrals import layered_layout
from saypro_desktop.ui.meetings.page import MeetingsPage
from saypro_desktop.ui.operations import Operations
from saypro_desktop.ui.outreach.page import OutreachPage
from saypro_desktop.ui.outreach.undo import undo_stack
from saypro_desktop.ui.widgets.rows import ROW_ROLE


@pytest.fixture
def demo(app_services: AppServices) -> AppServices:
    fill_demo(app_services.db, 400, seed=3)
    return app_services


def _rows(table: Any) -> list[Any]:
    model = table.model()
    return [model.index(r, 0).data(ROW_ROLE) for r in range(model.rowCount())]


def test_coalition_page_shows_groups_gaps_commitments_and_referrals(
    qtbot: QtBot, demo: AppServices, ops: Operations, qtmodeltester: Any
) -> None:
    page = CoalitionPage(demo, ops)
    qtbot.addWidget(page)
    page.show()
    assert page.our_org.text() == "SayPro — Community Engagement Team"
    assert page.coordinator.currentData() is not None
    groups = _rows(page.groups_table)
    assert groups[0].steering and groups[0].seats == 12
    assert page.members_model.rowCount() == groups[0].member_count
    for model in (page.groups_model, page.members_model, page.representation_model,
                  page.referrals_model, page.commitments_model, page.concerns_model):
        qtmodeltester.check(model)
    gaps = {r.label for r in _rows(page.representation_table) if r.gap}
    assert gaps, "a 400-person demo has categories without a member yet"
    assert set(page.gaps.text().removeprefix("Not yet represented: ").split(", ")) == gaps
    page.commitment_status.setCurrentIndex(page.commitment_status.findData("pledged"))
    assert {c.status for c in _rows(page.commitments_table)} == {"pledged"}
    assert page.map.scene().items()  # the map is drawn
    assert page.referrals_model.rowCount() > 0

    # Mark a pledge delivered, then undo it.
    page.commitments_table.selectRow(0)
    pledge = _rows(page.commitments_table)[0]
    page.mark_delivered()
    assert next(c for c in demo.commitments.list() if c.id == pledge.id).status == "delivered"
    undo_stack(ops).undo()
    assert next(c for c in demo.commitments.list() if c.id == pledge.id).status == "pledged"

    proxy = page.groups_table.model()
    assert isinstance(proxy, QSortFilterProxyModel)
    page.search.setText("Legal")
    assert [g.name for g in _rows(page.groups_table)] == ["Legal Strategy"]


def test_referral_families_are_drawn_together() -> None:
    nodes = [ReferralNode(i, i.upper(), "", 0) for i in ("a", "b", "c", "d", "e", "f")]
    edges = [ReferralEdge("a", "b", ""), ReferralEdge("a", "c", ""),
             ReferralEdge("b", "d", ""), ReferralEdge("e", "f", ""), ReferralEdge("d", "a", "")]
    place = layered_layout(ReferralGraph(nodes, edges))
    # e introduced f and nobody introduced e: that family comes first. a, b, c, d form a
    # circle of introductions; it is drawn from the first of them, one column per step.
    assert place["e"] == (0, 0) and place["f"] == (1, 0)
    assert [place[n][0] for n in "abcd"] == [0, 1, 1, 2]
    for edge in edges[:4]:
        assert place[edge.referred_id][1] >= place[edge.referrer_id][1]
    assert place["a"][1] > place["e"][1]  # the second family starts below the first


def test_meetings_and_today_over_the_demo(qtbot: QtBot, demo: AppServices, ops: Operations,
                                          qtmodeltester: Any) -> None:
    meetings = MeetingsPage(demo, ops)
    qtbot.addWidget(meetings)
    meetings.show()
    assert meetings.model.rowCount() >= 18
    qtmodeltester.check(meetings.model)
    meetings.table.selectRow(0)
    detail = meetings.editor.meeting
    assert detail is not None and meetings.editor.title.text() == detail.title
    meetings.tabs.setCurrentWidget(meetings.plan)
    partners = _rows(meetings.plan.partners)
    assert partners and partners[0].open_actions >= partners[-1].open_actions
    meetings.plan.partners.selectRow(0)
    assert meetings.plan.heading.text().startswith(f"Action plan: {partners[0].name}")
    qtmodeltester.check(meetings.plan.actions_model)

    outreach = OutreachPage(demo, ops)
    qtbot.addWidget(outreach)
    outreach.show()
    for model in (outreach.follow_model, outreach.action_model, outreach.upcoming_model,
                  outreach.interaction_model):
        qtmodeltester.check(model)
    assert outreach.action_model.rowCount() > 0  # the demo gives us work
    assert all(r.overdue == (r.due_on is not None and r.due_on < outreach.on)
               for r in _rows(outreach.follow_table))
    outreach.type_filter.setCurrentIndex(outreach.type_filter.findData("letter"))
    assert {r.type for r in _rows(outreach.interaction_table)} == {"letter"}


def test_a_dashboard_figure_opens_its_meetings(qtbot: QtBot, demo: AppServices,
                                              ops: Operations) -> None:
    from saypro_desktop.services.metrics.selection import RecordsRequest

    page = MeetingsPage(demo, ops)
    qtbot.addWidget(page)
    page.show()
    every = _rows(page.table)
    chosen = tuple(m.id for m in every[:3])
    page.show_records(RecordsRequest("meetings_held", "Meetings held, March", "meetings",
                                     chosen, "Meetings"))
    assert {m.id for m in _rows(page.table)} == set(chosen)
    assert page.records_banner.text() == "Meetings held, March"
    page.clear_records()
    assert len(_rows(page.table)) == len(every)
