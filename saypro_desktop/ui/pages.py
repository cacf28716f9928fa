"""The pages of the main window, in sidebar order (Ctrl+1 ... Ctrl+0).

Each entry names a page (its key, used by ``MainWindow.show_page``), its sidebar title
and how to build it from the app services and the operations runner. Pages import on
first build, so start-up loads only what the window shows first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from saypro_desktop.services.context import AppServices
from saypro_desktop.ui.operations import Operations

Builder = Callable[[AppServices, Operations], QWidget]


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


def _sync(app: AppServices, ops: Operations) -> QWidget:
    from saypro_desktop.ui.sync.page import SyncPage

    return SyncPage(app, ops)


def _documents(app: AppServices, ops: Operations) -> QWidget:
    from saypro_desktop.ui.documents.page import DocumentsPage

    return DocumentsPage(app, ops)


def _coming_soon(title: str, purpose: object) -> Builder:
    def build(app: AppServices, ops: Operations) -> QWidget:
        from PySide6.QtCore import QCoreApplication

        from saypro_desktop.ui.widgets.coming_soon import ComingSoonPage

        return ComingSoonPage(QCoreApplication.translate("MainWindow", title),
                              QCoreApplication.translate("MainWindow", str(purpose)))

    return build


PAGES: list[PageSpec] = [
    PageSpec(QT_TRANSLATE_NOOP("MainWindow", "Dashboard"), _dashboard),
    PageSpec(QT_TRANSLATE_NOOP("MainWindow", "People"), _people),
    PageSpec(QT_TRANSLATE_NOOP("MainWindow", "Organisations"), _coming_soon(
        "Organisations", QT_TRANSLATE_NOOP(
            "MainWindow", "Partners in every category, their pipeline stage, assessments, "
            "strengths and resources offered."))),
    PageSpec(QT_TRANSLATE_NOOP("MainWindow", "Outreach & follow-ups"), _coming_soon(
        "Outreach & follow-ups", QT_TRANSLATE_NOOP(
            "MainWindow", "Every call, letter, visit and message, with outcomes and the "
            "follow-ups due today."))),
    PageSpec(QT_TRANSLATE_NOOP("MainWindow", "Meetings"), _coming_soon(
        "Meetings", QT_TRANSLATE_NOOP(
            "MainWindow", "Introductory meetings, briefings and steering committees, with "
            "notes, decisions and action items."))),
    PageSpec(QT_TRANSLATE_NOOP("MainWindow", "Events & sign-in"), _coming_soon(
        "Events & sign-in", QT_TRANSLATE_NOOP(
            "MainWindow", "Town halls and forums, the sign-in desk, paper sheets and "
            "petitions."))),
    PageSpec(QT_TRANSLATE_NOOP("MainWindow", "Coalition"), _coming_soon(
        "Coalition", QT_TRANSLATE_NOOP(
            "MainWindow", "Commitments pledged and delivered, working groups and the "
            "steering committee."))),
    PageSpec(QT_TRANSLATE_NOOP("MainWindow", "Campaign & reforms"), _coming_soon(
        "Campaign & reforms", QT_TRANSLATE_NOOP(
            "MainWindow", "Campaign phases, SMART objectives, concerns raised and reforms "
            "followed through the legislature."))),
    PageSpec(QT_TRANSLATE_NOOP("MainWindow", "Documents"), _documents),
    PageSpec(QT_TRANSLATE_NOOP("MainWindow", "Sync"), _sync),
]
