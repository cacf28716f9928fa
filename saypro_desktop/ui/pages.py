"""The pages of the main window, in sidebar order (Ctrl+1 ... Ctrl+0).

Each entry names a page (its key, used by ``MainWindow.show_page``), its sidebar title
and how to build it from the app services and the operations runner. Pages import on
first build, so start-up loads only what the window shows first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from saypro_desktop.ui.operations import Operations

if TYPE_CHECKING:
    from saypro_desktop.services.context import AppServices

Builder = Callable[["AppServices", Operations], QWidget]


@dataclass(frozen=True)
class PageSpec:
    # The English title, marked with QT_TRANSLATE_NOOP so the catalogue holds it; the sidebar
    # shows it translated (context "MainWindow").
    title: object
    build: Builder

    @property
    def key(self) -> str:
        return str(self.title)


def _dashboard(app: AppServices, ops: Operations) -> QWidget:
    from saypro_desktop.ui.dashboard.page import DashboardPage

    return DashboardPage(app, ops)


def _people(app: AppServices, ops: Operations) -> QWidget:
    from saypro_desktop.ui.people.page import PeoplePage

    return PeoplePage(app, ops)


def _campaign(app: AppServices, ops: Operations) -> QWidget:
    from saypro_desktop.ui.campaign.page import CampaignPage

    return CampaignPage(app, ops)


def _organisations(app: AppServices, ops: Operations) -> QWidget:
    from saypro_desktop.ui.organisations.page import OrganisationsPage

    return OrganisationsPage(app, ops)


def _events(app: AppServices, ops: Operations) -> QWidget:
    from saypro_desktop.ui.events.page import EventsPage

    return EventsPage(app, ops)


def _sync(app: AppServices, ops: Operations) -> QWidget:
    from saypro_desktop.ui.sync.page import SyncPage

    return SyncPage(app, ops)


def _documents(app: AppServices, ops: Operations) -> QWidget:
    from saypro_desktop.ui.documents.page import DocumentsPage

    return DocumentsPage(app, ops)


def _outreach(app: AppServices, ops: Operations) -> QWidget:
    from saypro_desktop.ui.outreach.page import OutreachPage

    return OutreachPage(app, ops)


def _meetings(app: AppServices, ops: Operations) -> QWidget:
    from saypro_desktop.ui.meetings.page import MeetingsPage

    return MeetingsPage(app, ops)


def _coalition(app: AppServices, ops: Operations) -> QWidget:
    from saypro_desktop.ui.coalition.page import CoalitionPage

    return CoalitionPage(app, ops)


PAGES: list[PageSpec] = [
    PageSpec(QT_TRANSLATE_NOOP("MainWindow", "Dashboard"), _dashboard),
    PageSpec(QT_TRANSLATE_NOOP("MainWindow", "People"), _people),
    PageSpec(QT_TRANSLATE_NOOP("MainWindow", "Organisations"), _organisations),
    PageSpec(QT_TRANSLATE_NOOP("MainWindow", "Outreach & follow-ups"), _outreach),
    PageSpec(QT_TRANSLATE_NOOP("MainWindow", "Meetings"), _meetings),
    PageSpec(QT_TRANSLATE_NOOP("MainWindow", "Events & sign-in"), _events),
    PageSpec(QT_TRANSLATE_NOOP("MainWindow", "Coalition"), _coalition),
    PageSpec(QT_TRANSLATE_NOOP("MainWindow", "Campaign & reforms"), _campaign),
    PageSpec(QT_TRANSLATE_NOOP("MainWindow", "Documents"), _documents),
    PageSpec(QT_TRANSLATE_NOOP("MainWindow", "Sync"), _sync),
]
