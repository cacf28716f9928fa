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
from saypro_desktop.services.context import AppServices
from saypro_desktop.ui.operations import Operations
from saypro_desktop.ui.outreach.badge import BADGE_ROLE, BadgeDelegate
from saypro_desktop.ui.pages import PAGES
from saypro_desktop.ui.widgets.page import Page

DUE_BADGE_PAGE = "Outreach & follow-ups"


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(QMainWindow):
    def __init__(self, app: AppServices, *, title_suffix: str = "") -> None:
        super().__init__()
        self.app = app
        self.ops = Operations(app, self)
        self.ops.open_records.connect(self.open_records)
        self.setWindowTitle(f"{APP_NAME} {__version__}{title_suffix}")
        self.resize(1280, 800)

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(232)  # room for the due-count badge
        self.sidebar.setStyleSheet(
            "QListWidget { font-size: 11pt; } QListWidget::item { padding: 8px; }"
        )
        self.sidebar.setItemDelegate(BadgeDelegate(self.sidebar))
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}

        for spec in PAGES:
            self.add_page(spec.key, spec.build(app, self.ops))
        self.sidebar.currentRowChanged.connect(self.show_page_at)
        # The sidebar shows how many follow-ups and action items are due.
        self.ops.changed.connect(lambda _changes: self.refresh_due_badge())
        self.refresh_due_badge()

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._add_shortcuts()
        self.statusBar().showMessage(tr("Database: {path}").format(path=app.path))
        self._restore_geometry()
        self.sidebar.setCurrentRow(0)

    def add_page(self, title: str, page: QWidget) -> None:
        item = QListWidgetItem(tr(title))
        item.setData(Qt.ItemDataRole.UserRole, title)
        self.sidebar.addItem(item)
        self.stack.addWidget(page)
        self.pages[title] = page

    def refresh_due_badge(self) -> None:
        self.ops.query(self.app.outreach.due_count, self._show_due_badge)

    def _show_due_badge(self, count: int) -> None:
        key = DUE_BADGE_PAGE
        if key not in self.pages:
            return
        item = self.sidebar.item(list(self.pages).index(key))
        item.setData(BADGE_ROLE, count)
        item.setToolTip(tr("{n} follow-ups and action items due or overdue").format(n=count))

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
        if self.stack.currentWidget() is not page:
            if isinstance(page, Page):
                page.mark_stale()  # refreshes as it is shown
            elif callable(refresh := getattr(page, "refresh", None)):
                refresh()
        self.stack.setCurrentWidget(page)

    def open_records(self, key: str, request: object) -> None:
        """Show page ``key`` filtered to the records ``request`` describes."""
        page = self.show_page(key)
        show = getattr(page, "show_records", None)
        if callable(show):
            show(request)

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
        self.ops.close()
        super().closeEvent(event)
