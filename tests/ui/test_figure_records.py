"""Clicking a dashboard figure opens the records behind it on their own page: the People,
Coalition and Events & sign-in pages list exactly what the figure counted, under the
figure's title, until "Show all" brings the whole list back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pytestqt.qtbot import QtBot

from saypro_desktop.db.engine import Database
from saypro_desktop.services.context import AppServices
from saypro_desktop.ui.coalition.page import CoalitionPage
from saypro_desktop.ui.dashboard.page import DashboardPage, qdate
from saypro_desktop.ui.events.page import EventsPage
from saypro_desktop.ui.main_window import MainWindow
from saypro_desktop.ui.people.page import PeoplePage

TODAY = date.today()
NOW = datetime.now().replace(second=0, microsecond=0)


@dataclass
class Built:
    people: dict[str, str]


def build(db: Database) -> Built:
    """Five people, five events and four commitments, some inside the last 60 days (what the
    dashboard is set to show) and some before."""
    app = AppServices(db)
    people = {name: app.people.add({"first_name": name, "last_name": "Dlamini"})
              for name in ("Ayanda", "Bongani", "Chipo", "Dumisani", "Eve")}
    events = {}
    for title, days in (("Long ago rally", -200), ("Soweto town hall", -10),
                        ("Tembisa forum", -3), ("Quiet briefing", -2),
                        ("Alexandra march", 5)):
        events[title] = app.events.add_event({
            "title": title, "kind": "town_hall",
            "starts_at": NOW + timedelta(days=days)})
    for title, names in (("Long ago rally", ("Eve",)),
                         ("Soweto town hall", ("Ayanda", "Bongani")),
                         ("Tembisa forum", ("Chipo", "Eve"))):
        for name in names:
            app.events.signin.sign_in(events[title], people[name])
    kitchen = app.organisations.add({"name": "Community Kitchen", "category": "nonprofit"})
    for description, pledged, status in (("Hall for the forum", TODAY, "pledged"),
                                         ("Ten volunteers", TODAY - timedelta(days=5),
                                          "delivered"),
                                         ("Old pledge", TODAY - timedelta(days=200),
                                          "pledged")):
        app.commitments.add({"organisation_id": kitchen, "kind": "volunteers",
                             "description": description, "pledged_on": pledged,
                             "status": status})
    app.commitments.add({"person_id": people["Dumisani"], "kind": "endorsement",
                         "description": "Signs the open letter",
                         "pledged_on": TODAY - timedelta(days=1)})
    return Built(people)


def texts(table: object, column: int) -> list[str]:
    model = table.model()  # type: ignore[attr-defined]
    return sorted(str(model.index(r, column).data()) for r in range(model.rowCount()))


def open_dashboard(qtbot: QtBot, db: Database) -> tuple[MainWindow, DashboardPage]:
    window = MainWindow(AppServices(db))
    qtbot.addWidget(window)
    window.show()
    dashboard = window.show_page("Dashboard")
    assert isinstance(dashboard, DashboardPage)
    dashboard.start.setDate(qdate(TODAY - timedelta(days=60)))
    dashboard.end.setDate(qdate(TODAY + timedelta(days=1)))
    return window, dashboard


def test_figures_open_their_records_on_their_own_pages(qtbot: QtBot, db: Database) -> None:
    build(db)
    window, dashboard = open_dashboard(qtbot, db)

    # People first met in the range: Eve was first met long before.
    dashboard.open_figure("new_people")
    people = window.pages["People"]
    assert isinstance(people, PeoplePage)
    assert window.stack.currentWidget() is people
    assert dashboard.records_dialog is None
    assert people.records_bar.isVisible()
    assert people.records_bar.title.text().startswith("New people")
    assert texts(people.table, 0) == ["Ayanda Dlamini", "Bongani Dlamini", "Chipo Dlamini"]
    people.refresh()  # a refresh keeps the figure's people
    assert people.model.rowCount() == 3
    people.records_bar.show_all.click()
    assert not people.records_bar.isVisible()
    assert people.model.rowCount() == 5

    # Commitments pledged in the range, whatever became of them since.
    window.show_page("Dashboard")
    dashboard.open_figure("commitments_pledged")
    coalition = window.pages["Coalition"]
    assert isinstance(coalition, CoalitionPage)
    assert window.stack.currentWidget() is coalition
    assert coalition.tabs.currentWidget() is coalition.commitments_tab
    assert coalition.records_bar.isVisible()
    assert texts(coalition.commitments_table, 6) == [
        "Hall for the forum", "Signs the open letter", "Ten volunteers"]
    coalition.refresh()
    assert coalition.commitments_model.rowCount() == 3
    coalition.records_bar.show_all.click()
    assert not coalition.records_bar.isVisible()
    assert coalition.commitments_model.rowCount() == 4

    # Attendance counts sign-ins: the page lists the events they were taken at.
    window.show_page("Dashboard")
    dashboard.open_figure("attendance")
    events = window.pages["Events & sign-in"]
    assert isinstance(events, EventsPage)
    assert window.stack.currentWidget() is events
    assert events.records_bar.isVisible()
    assert "sign-ins were taken at" in events.records_bar.title.text()
    assert texts(events.table, 1) == ["Soweto town hall", "Tembisa forum"]
    events.refresh()
    assert texts(events.table, 1) == ["Soweto town hall", "Tembisa forum"]
    events.records_bar.show_all.click()
    assert not events.records_bar.isVisible()
    assert texts(events.table, 1) == ["Alexandra march", "Long ago rally", "Quiet briefing",
                                      "Soweto town hall", "Tembisa forum"]


def test_events_held_restricts_the_event_list(qtbot: QtBot, db: Database) -> None:
    build(db)
    window, dashboard = open_dashboard(qtbot, db)
    dashboard.open_figure("events_held")
    events = window.pages["Events & sign-in"]
    assert isinstance(events, EventsPage)
    assert window.stack.currentWidget() is events
    assert events.records_bar.title.text().startswith("Events held")
    assert texts(events.table, 1) == ["Quiet briefing", "Soweto town hall", "Tembisa forum"]


def test_a_chart_follows_new_data_and_its_bars_open_their_slice(
        qtbot: QtBot, db: Database) -> None:
    build(db)
    app = AppServices(db)
    kitchen = app.organisations.add({"name": "Soup Kitchen", "category": "nonprofit"})
    for description, category in (("Clinic closes at noon", "access"),
                                  ("No transport money", "funding")):
        app.concerns.add({"category": category, "description": description,
                          "organisation_id": kitchen, "raised_on": TODAY})
    window, dashboard = open_dashboard(qtbot, db)
    chart = dashboard._chart_views["concerns_by_category"]

    def bars() -> dict[str, list[float]]:
        labels = list(reversed(chart.axis_y.categories()))  # top to bottom
        return {s.label(): [s.at(len(labels) - 1 - i) for i in range(len(labels))]
                for s in chart.bars.barSets()} | {"labels": labels}  # type: ignore[dict-item]

    assert bars() == {"labels": ["Funding", "Access"], "Open": [1.0, 1.0],
                      "Addressed": [0.0, 0.0]}
    # A third concern about access: the same chart shows it after the refresh.
    app.concerns.add({"category": "access", "description": "Forms only in English",
                      "organisation_id": kitchen, "raised_on": TODAY})
    dashboard.refresh()
    assert dashboard._chart_views["concerns_by_category"] is chart
    assert bars()["Open"] == [1.0, 2.0]

    # Clicking the "Access" bar of the open concerns lists those two on the Coalition page.
    open_set = next(s for s in chart.bars.barSets() if s.label() == "Open")
    open_set.clicked.emit(0)  # bars run bottom to top: bar 0 is the last label, Access
    coalition = window.pages["Coalition"]
    assert isinstance(coalition, CoalitionPage)
    assert window.stack.currentWidget() is coalition
    assert "Access" in coalition.concerns_bar.title.text()
    assert texts(coalition.concerns_table, 4) == ["Clinic closes at noon",
                                                  "Forms only in English"]
