"""The campaign, its objectives, the dashboard and the reform tracker, as an organiser uses
them: through the page's dialogs, reading what the screen shows."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Meeting
from saypro_desktop.services import people
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.unit_of_work import UnitOfWork
from saypro_desktop.ui.campaign.page import CampaignPage
from saypro_desktop.ui.coalition.page import CoalitionPage
from saypro_desktop.ui.dashboard.page import DashboardPage
from saypro_desktop.ui.main_window import MainWindow

TODAY = date.today()


def open_window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(AppServices(db))
    qtbot.addWidget(window)
    window.show()
    return window


def table_texts(table: object) -> list[list[str]]:
    model = table.model()  # type: ignore[attr-defined]
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def card_texts(dashboard: DashboardPage, key: str) -> tuple[str, str, str]:
    card = dashboard.findChild(QWidget, f"card_{key}")
    return tuple(card.findChild(QLabel, name).text().strip()  # type: ignore[return-value]
                 for name in ("value", "detail", "target_text"))


def test_campaign_objectives_dashboard_and_records(qtbot: QtBot, db: Database) -> None:
    window = open_window(qtbot, db)
    page = window.show_page("Campaign & reforms")
    assert isinstance(page, CampaignPage)

    dialog = page.new_campaign()
    dialog.set_value("name", "Spring campaign")
    dialog.set_value("start", TODAY + timedelta(days=5))
    dialog.set_value("end", TODAY - timedelta(days=5))
    dialog.accept()
    assert dialog.isVisible() and "before it starts" in dialog.message.text()
    dialog.set_value("start", TODAY - timedelta(days=30))
    dialog.set_value("end", TODAY + timedelta(days=30))
    dialog.accept()
    assert not dialog.isVisible()
    assert page.campaign_list.count() == 1
    cid = page.selected_campaign_id()

    for kpi, target in (("meetings_held", "2"), ("petition_signatures", "100")):
        dialog = page.add_objective()
        dialog.set_value("kpi", kpi)
        dialog.set_value("target", target)
        dialog.set_value("deadline", TODAY + timedelta(days=30))
        dialog.accept()
        assert not dialog.isVisible()

    now = datetime.now()
    with UnitOfWork(db) as uow:  # two meetings held, one still to come
        for days, title in ((-5, "Briefing with the MEC"), (-3, "Steering committee"),
                            (4, "Ward councillors")):
            uow.create(Meeting, {"kind": "briefing", "title": title, "campaign_id": cid,
                                 "starts_at": now + timedelta(days=days)})
    rows = table_texts(page.objectives_table)
    assert [(r[1], r[2], r[4]) for r in rows] == [
        ("Meetings held", "2 of 2 (100%)", "Met"),
        ("Petition signatures", "0 of 100 (0%)", "At risk")]

    dashboard = window.show_page("Dashboard")
    assert isinstance(dashboard, DashboardPage)
    dashboard.choose(cid)
    assert dashboard.campaign.currentText() == "Spring campaign"
    assert card_texts(dashboard, "meetings_held") == ("2", "3 scheduled",
                                                      "100% of the 2 target")
    assert card_texts(dashboard, "petition_signatures") == ("0", "", "0% of the 100 target")
    shown = [(r.title.text(), r.numbers.text(), r.status.text())
             for r in dashboard.objective_rows if r.isVisible()]
    assert [s[1:] for s in shown] == [("2 of 2", "Met"), ("0 of 100", "At risk")]

    # The meetings behind the figure: on the Meetings page once it lists a dashboard figure's
    # records, until then in the records dialog.
    qtbot.mouseClick(dashboard.cards["meetings_held"], Qt.MouseButton.LeftButton)
    meetings_page = window.pages["Meetings"]
    if "meetings" in getattr(meetings_page, "record_tables", ()):
        assert window.stack.currentWidget() is meetings_page
        window.show_page("Dashboard")
    else:
        records = dashboard.records_dialog
        assert records is not None and records.isVisible()
        assert "Meetings held" in records.windowTitle()
        assert sorted(r[0] for r in table_texts(records.table)) == [
            "Briefing with the MEC", "Steering committee"]
        records.close()

    # A concern figure lands on the coalition's concerns, just those it counted (none here).
    qtbot.mouseClick(dashboard.cards["concerns_open"], Qt.MouseButton.LeftButton)
    coalition = window.pages["Coalition"]
    assert isinstance(coalition, CoalitionPage)
    assert window.stack.currentWidget() is coalition
    assert coalition.tabs.currentWidget() is coalition.concerns_tab
    assert coalition.concerns_bar.title.text().startswith("Concerns open")
    assert coalition.concerns_model.rowCount() == 0
    window.show_page("Dashboard")

    # Reforms do: the figure lands on the reform tracker, filtered to what it counted.
    app = AppServices(db)
    moved = app.reforms.add("Appeals within 30 days", "national", campaign_id=cid,
                            on=TODAY - timedelta(days=20))
    app.reforms.move(moved, "drafted", on=TODAY - timedelta(days=10))
    app.reforms.add("Clinic staffing", "provincial", campaign_id=cid)
    dashboard.refresh()
    assert card_texts(dashboard, "reforms_advanced")[0] == "1"
    qtbot.mouseClick(dashboard.cards["reforms_advanced"], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is page
    assert page.tabs.currentIndex() == 1
    assert [r[0] for r in table_texts(page.reform_pane.table)] == ["Appeals within 30 days"]


def test_a_reform_moves_through_three_stages_and_shows_its_history(
        qtbot: QtBot, db: Database) -> None:
    mp = people.add_person(db, {"first_name": "Naledi", "last_name": "Pandor",
                                "category": "policymaker_national"})
    window = open_window(qtbot, db)
    page = window.show_page("Campaign & reforms")
    assert isinstance(page, CampaignPage)
    page.tabs.setCurrentIndex(1)
    dialog = page.reform_pane.new_reform()
    dialog.set_value("title", "Grant appeals decided within 30 days")
    dialog.set_value("level", "national")
    dialog.set_value("on", date(2026, 1, 5))
    dialog.accept()
    assert not dialog.isVisible()
    page.reform_pane.select(page.reform_pane.model.row_at(0).id)
    for stage, on in (("drafted", date(2026, 1, 20)), ("tabled", date(2026, 2, 3)),
                      ("in_committee", date(2026, 2, 17))):
        dialog = page.reform_pane.move_reform()
        dialog.set_value("stage", stage)
        dialog.set_value("on", on)
        dialog.accept()
    for position, on in (("undecided", date(2026, 1, 25)), ("champion", date(2026, 2, 10))):
        dialog = page.reform_pane.note_position()
        dialog.set_value("person", mp)
        dialog.set_value("position", position)
        dialog.set_value("on", on)
        dialog.accept()
    dialog = page.reform_pane.add_obstacle()
    dialog.set_value("kind", "funding")
    dialog.set_value("description", "Treasury says there is no money this year")
    dialog.set_value("response", "Costing study with the university")
    dialog.accept()

    assert table_texts(page.reform_pane.table)[0][2:4] == ["In committee", "1 champion"]
    shown = page.reform_pane.timeline
    timeline = [shown.item(i).text() for i in range(shown.count())]
    assert timeline[:6] == [
        "5 Jan 2026  Recorded at Idea",
        "20 Jan 2026  Moved to Drafted",
        "25 Jan 2026  Naledi Pandor: Undecided",
        "3 Feb 2026  Moved to Tabled",
        "10 Feb 2026  Naledi Pandor: Champion",
        "17 Feb 2026  Moved to In committee",
    ]
    assert "Obstacle (funding): Treasury says there is no money this year" in timeline[-1]
    assert page.reform_pane.positions.item(0).text() == (
        "Naledi Pandor: Champion  (Undecided → Champion)")
    assert "Costing study with the university" in page.reform_pane.obstacles.item(0).text()
    assert page.reform_pane.title.text() == "Grant appeals decided within 30 days — In committee"


def test_a_reform_links_its_meeting_concern_and_media_and_records_how_an_obstacle_is_met(
        qtbot: QtBot, db: Database) -> None:
    app = AppServices(db)
    reform = app.reforms.add("Grant appeals decided within 30 days", "national",
                             on=date(2026, 1, 5))
    obstacle = app.reforms.add_obstacle(reform, "political_resistance",
                                        "The portfolio committee chair is opposed",
                                        on=date(2026, 1, 10))
    with UnitOfWork(db) as uow:
        for title, day in (("Briefing with the MEC", 12), ("Steering committee", 14)):
            uow.create(Meeting, {"kind": "briefing", "title": title,
                                 "starts_at": datetime(2026, 1, day, 10)})
    clinic = app.organisations.add({"name": "Advice Office", "category": "nonprofit"})
    app.concerns.add({"category": "access", "description": "Appeals take nine months",
                      "organisation_id": clinic, "raised_on": date(2026, 1, 20)})
    app.media.add("op_ed", "Nine months is too long to wait", outlet="City Press",
                  published_on=date(2026, 1, 25), reach=120000)
    window = open_window(qtbot, db)
    page = window.show_page("Campaign & reforms")
    assert isinstance(page, CampaignPage)
    pane = page.reform_pane
    page.tabs.setCurrentWidget(pane)
    pane.select(reform)

    def link(kind: str, search: str) -> list[str]:
        dialog = pane.link_record()
        assert dialog is not None
        dialog.choose_kind(kind)
        dialog.search.setText(search)
        dialog.run_search()
        offered = [dialog.model.index(r, 1).data() for r in range(dialog.model.rowCount())]
        dialog.accept()
        assert not dialog.isVisible()
        return offered

    assert link("meeting", "MEC") == ["Briefing with the MEC"]
    assert link("concern", "") == ["Access: Appeals take nine months"]
    assert link("media", "city press") == [
        "Nine months is too long to wait (Op-ed, City Press)"]
    # What is linked is not offered again.
    dialog = pane.link_record()
    assert dialog is not None
    dialog.choose_kind("meeting")
    assert [dialog.model.index(r, 1).data() for r in range(dialog.model.rowCount())] == [
        "Steering committee"]
    dialog.reject()

    pane.obstacles.setCurrentRow(0)
    assert pane.address.isEnabled()
    form = pane.address_obstacle()
    assert form is not None
    form.set_value("response", "Meeting the chair with the provincial champions")
    form.accept()
    assert not form.isVisible()

    timeline = [pane.timeline.item(i).text() for i in range(pane.timeline.count())]
    assert timeline == [
        "5 Jan 2026  Recorded at Idea",
        "10 Jan 2026  Obstacle (political resistance): The portfolio committee chair is "
        "opposed",
        "12 Jan 2026  Meeting: Briefing with the MEC",
        "20 Jan 2026  Concern (access): Appeals take nine months",
        "25 Jan 2026  In the media: Nine months is too long to wait (City Press)",
    ]
    shown = pane.obstacles.item(0).text()
    assert "Meeting the chair with the provincial champions" in shown
    assert "(being addressed)" in shown
    stored = app.reforms.detail(reform).obstacles
    assert [(o.id, o.response, o.status) for o in stored] == [
        (obstacle, "Meeting the chair with the provincial champions", "being_addressed")]

    # Linked the wrong meeting? Unlink it from the timeline: it leaves the history and is
    # offered for linking again.
    row = timeline.index("12 Jan 2026  Meeting: Briefing with the MEC")
    assert not pane.unlink.isEnabled()
    pane.timeline.setCurrentRow(row)
    assert pane.unlink.isEnabled()
    pane.unlink.click()
    after = [pane.timeline.item(i).text() for i in range(pane.timeline.count())]
    assert "12 Jan 2026  Meeting: Briefing with the MEC" not in after
    assert len(after) == len(timeline) - 1
    dialog = pane.link_record()
    assert dialog is not None
    dialog.choose_kind("meeting")
    assert sorted(dialog.model.index(r, 1).data() for r in range(dialog.model.rowCount())) == [
        "Briefing with the MEC", "Steering committee"]
    dialog.reject()
