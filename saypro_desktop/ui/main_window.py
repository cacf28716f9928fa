"""The main window: a sidebar of areas on the left, the chosen page on the right."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from saypro_desktop import APP_NAME, __version__
from saypro_desktop.db.engine import Database
from saypro_desktop.ui.pages.dashboard import DashboardPage
from saypro_desktop.ui.pages.people import PeoplePage
from saypro_desktop.ui.pages.placeholder import ComingSoonPage
from saypro_desktop.ui.pages.sync import SyncPage


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


COMING_SOON = [
    (
        "Organisations",
        "Partners in every category, their pipeline stage, assessments, "
        "strengths and resources offered.",
    ),
    (
        "Outreach & follow-ups",
        "Every call, letter, visit and message, with outcomes and the follow-ups due today.",
    ),
    (
        "Meetings",
        "Introductory meetings, briefings and steering committees, with notes, "
        "decisions and action items.",
    ),
    ("Events & sign-in", "Town halls and forums, the sign-in desk, paper sheets and petitions."),
    ("Coalition", "Commitments pledged and delivered, working groups and the steering committee."),
    (
        "Campaign & reforms",
        "Campaign phases, SMART objectives, concerns raised and reforms "
        "followed through the legislature.",
    ),
    ("Documents", "Partnership proposal packets, sign-in sheets and progress reports as PDF."),
]


class MainWindow(QMainWindow):
    def __init__(self, db: Database, *, title_suffix: str = "") -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle(f"{APP_NAME} {__version__}{title_suffix}")
        self.resize(1280, 800)

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(210)
        self.sidebar.setStyleSheet(
            "QListWidget { font-size: 11pt; } QListWidget::item { padding: 8px; }"
        )
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}

        self.add_page("Dashboard", DashboardPage(db))
        self.add_page("People", PeoplePage(db))
        for title, purpose in COMING_SOON:
            self.add_page(title, ComingSoonPage(tr(title), tr(purpose)))
        self.add_page("Sync", SyncPage(db))
        self.sidebar.currentRowChanged.connect(self.show_page_at)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._add_shortcuts()
        self.statusBar().showMessage(tr("Database: {path}").format(path=db.path))
        self._restore_geometry()
        self.sidebar.setCurrentRow(0)

    def add_page(self, title: str, page: QWidget) -> None:
        item = QListWidgetItem(tr(title))
        item.setData(Qt.ItemDataRole.UserRole, title)
        self.sidebar.addItem(item)
        self.stack.addWidget(page)
        self.pages[title] = page

    def _add_shortcuts(self) -> None:
        for index in range(min(self.sidebar.count(), 10)):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{(index + 1) % 10}"))
            action.triggered.connect(lambda _checked=False, i=index: self.sidebar.setCurrentRow(i))
            self.addAction(action)
        quit_action = QAction(tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.addAction(quit_action)

    def show_page_at(self, index: int) -> None:
        page = self.stack.widget(index)
        if page is None:
            return
        refresh = getattr(page, "refresh", None)
        if self.stack.currentWidget() is not page and callable(refresh):
            refresh()
        self.stack.setCurrentWidget(page)

    def show_page(self, title: str) -> QWidget:
        titles = list(self.pages)
        self.sidebar.setCurrentRow(titles.index(title))
        return self.pages[title]

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)
