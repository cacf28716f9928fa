"""The main window: a menu bar, a sidebar of areas on the left, the chosen page on the right.

File, Edit, View and Help follow desktop conventions: Edit > Undo names what it undoes
(the shown page's undo stack), Help lists the keyboard shortcuts and says which version
runs on which data folder. Window size, the sidebar choice and each page's own layout
(People: columns shown, splitter) are remembered with QSettings.

Start-up shows the frame first: ``MainWindow()`` without services is the menus, the sidebar
and an empty page area, cheap enough to paint before the database (and SQLAlchemy) is
loaded; ``attach(app)`` then connects the database and builds the first page.
``MainWindow(app)`` does both at once. A page is built the first time it is shown (or
asked for through ``pages``), so start-up imports only the first page's code.
"""

from __future__ import annotations

from collections.abc import Callable, ItemsView, Iterator, ValuesView
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop import APP_NAME, __version__
from saypro_desktop.ui.databases import RecentDatabases, with_suffix
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.operations import Operations
from saypro_desktop.ui.outreach.badge import BADGE_ROLE, BadgeDelegate
from saypro_desktop.ui.pages import PAGES, Builder
from saypro_desktop.ui.widgets.page import Page

if TYPE_CHECKING:
    from saypro_desktop.services.context import AppServices

STATUS_MESSAGE_MS = 4000
DUE_BADGE_PAGE = "Outreach & follow-ups"


def _page_title(key: str) -> str:
    # Page titles are marked with QT_TRANSLATE_NOOP("MainWindow", ...) in ui/pages.py.
    return QCoreApplication.translate("MainWindow", key)


class _Placeholder(QWidget):
    """Holds a page's place in the stack until the page is first shown."""


class Pages(dict[str, QWidget]):
    """The window's pages by key, in sidebar order; a page not built yet is built when it
    is looked up (``pages["People"]``, ``.get``, ``.values()``). ``built()`` lists only the
    pages made so far."""

    def __init__(self, build: Callable[[str], QWidget]) -> None:
        super().__init__()
        self._build = build

    def __getitem__(self, key: str) -> QWidget:
        page = super().__getitem__(key)
        return self._build(key) if isinstance(page, _Placeholder) else page

    def get(self, key: str, default: QWidget | None = None) -> QWidget | None:  # type: ignore[override]
        if key not in self:
            return default
        return self[key]

    def values(self) -> ValuesView[QWidget]:  # type: ignore[override]
        return {key: self[key] for key in self}.values()

    def items(self) -> ItemsView[str, QWidget]:  # type: ignore[override]
        return {key: self[key] for key in self}.items()

    def built(self) -> Iterator[QWidget]:
        return (page for page in super().values() if not isinstance(page, _Placeholder))

    def raw(self, key: str) -> QWidget:
        return super().__getitem__(key)


class MainWindow(QMainWindow):
    # File > New/Open database: (path, make a new file). The window host swaps databases.
    database_requested = Signal(Path, bool)

    app: AppServices
    ops: Operations

    def __init__(self, app: AppServices | None = None, *, title_suffix: str = "") -> None:
        super().__init__()
        self.attached = False
        self.setWindowTitle(f"{APP_NAME} {__version__}{title_suffix}")
        self.resize(1280, 800)
        self.undo_group = QUndoGroup(self)

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(232)  # room for the due-count badge
        self.sidebar.setStyleSheet(
            "QListWidget { font-size: 11pt; } QListWidget::item { padding: 7px; }"
        )
        self.sidebar.setItemDelegate(BadgeDelegate(self.sidebar))
        self.stack = QStackedWidget()
        self.pages = Pages(self._build_page)
        self._builders: dict[str, Builder] = {}

        for spec in PAGES:
            self._add_placeholder(spec.key, spec.build)
        self.sidebar.currentRowChanged.connect(self.show_page_at)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self.database_label = QLabel(tr("Opening the database…"))
        self.database_label.setObjectName("databaseLabel")
        self.database_label.setContentsMargins(0, 0, 12, 0)
        self.statusBar().addPermanentWidget(self.database_label)
        self._restore_geometry()
        self.sidebar.setCurrentRow(0)
        if app is not None:
            self.attach(app)

    def attach(self, app: AppServices) -> None:
        """Work on ``app``'s database: connect it, then build and show the first page."""
        if self.attached:
            raise RuntimeError("the window already works on a database")
        self.app = app
        self.ops = Operations(app, self)
        self.ops.open_records.connect(self.open_records)
        self.ops.message.connect(self.say)
        # A write waiting for another program (an import in a terminal) says so; the window
        # stays usable for reading meanwhile. Called on the writing thread: a queued signal.
        app.on_write_wait(lambda: self.ops.message.emit(
            tr("Another import is running; your change is saved when it has finished…")))
        self.attached = True
        self.database_label.setText(tr("Database: {name}").format(name=app.path.name))
        self.database_label.setToolTip(str(app.path))  # the whole path (Help > About too)
        # The sidebar shows how many follow-ups and action items are due.
        self.ops.changed.connect(lambda _changes: self.refresh_due_badge())
        self.show_page_at(max(0, self.sidebar.currentRow()))
        self.refresh_due_badge()

    def _add_placeholder(self, title: str, build: Builder) -> None:
        item = QListWidgetItem(_page_title(title))
        item.setData(Qt.ItemDataRole.UserRole, title)
        self.sidebar.addItem(item)
        placeholder = _Placeholder()
        self.stack.addWidget(placeholder)
        dict.__setitem__(self.pages, title, placeholder)
        self._builders[title] = build

    def _build_page(self, title: str) -> QWidget:
        """Build page ``title`` in its place (before ``attach`` its empty placeholder)."""
        placeholder = self.pages.raw(title)
        if not self.attached or not isinstance(placeholder, _Placeholder):
            return placeholder
        page = self._builders[title](self.app, self.ops)
        index = self.stack.indexOf(placeholder)
        current = self.stack.currentWidget() is placeholder
        self.stack.insertWidget(index, page)
        dict.__setitem__(self.pages, title, page)
        self._page_added(page)
        if current:
            self.stack.setCurrentWidget(page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        return page

    def add_page(self, title: str, page: QWidget) -> None:
        item = QListWidgetItem(_page_title(title))
        item.setData(Qt.ItemDataRole.UserRole, title)
        self.sidebar.addItem(item)
        self.stack.addWidget(page)
        dict.__setitem__(self.pages, title, page)
        self._page_added(page)

    def _page_added(self, page: QWidget) -> None:
        if isinstance(getattr(page, "undo_stack", None), QUndoStack):
            # Edit > Undo/Redo serve this page's stack (and name the action); the page's own
            # Ctrl+Z would make the key ambiguous, so neither would fire.
            keys = {QKeySequence(QKeySequence.StandardKey.Undo).toString(),
                    QKeySequence(QKeySequence.StandardKey.Redo).toString()}
            for action in page.actions():
                if action.shortcut().toString() in keys:
                    action.setShortcuts([])

    def refresh_due_badge(self) -> None:
        if not self.attached:
            return
        app = self.app
        # ``app.outreach`` is looked up on the reader thread: its first use imports the
        # outreach services, which the first page does not need.
        self.ops.query(lambda: app.outreach.due_count(), self._show_due_badge)

    def _show_due_badge(self, count: int) -> None:
        key = DUE_BADGE_PAGE
        if key not in self.pages:
            return
        item = self.sidebar.item(list(self.pages).index(key))
        item.setData(BADGE_ROLE, count)
        item.setToolTip(tr("{n} follow-ups and action items due or overdue").format(n=count))

    # -- menus ---------------------------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], object], shortcut: QKeySequence | None = None,
                name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if name:
            action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: self._run(slot, action))
        return action

    def _run(self, slot: Callable[[], object], action: QAction) -> None:
        # Until a database is attached only Quit and the help make sense.
        if self.attached or action.objectName() in ("quitAction", "shortcutsAction"):
            slot()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("&File"))
        file_menu.addAction(self._action(tr("&New database…"), self.new_database,
                                         QKeySequence("Ctrl+Shift+N"), "newDatabaseAction"))
        file_menu.addAction(self._action(tr("&Open database…"), self.open_database,
                                         QKeySequence(QKeySequence.StandardKey.Open),
                                         "openDatabaseAction"))
        self.recent_menu = QMenu(tr("Open &recent"), self)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.setToolTipsVisible(True)  # the whole path of each
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self._action(tr("&Import contacts…"), self._import,
                                         QKeySequence("Ctrl+I"), "importAction"))
        file_menu.addAction(self._action(tr("&Export…"), self._export,
                                         QKeySequence("Ctrl+E"), "exportAction"))
        file_menu.addSeparator()
        self.quit_action = self._action(
            tr("&Quit"), self.close, QKeySequence(QKeySequence.StandardKey.Quit), "quitAction")
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu(tr("&Edit"))
        self.undo_action = self.undo_group.createUndoAction(self, tr("&Undo"))
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, tr("&Redo"))
        self.redo_action.setObjectName("redoAction")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        view_menu = bar.addMenu(tr("&View"))
        for index, key in enumerate(self.pages):
            action = self._action(_page_title(key), partial(self.sidebar.setCurrentRow, index))
            if index < 10:
                action.setShortcut(QKeySequence(f"Ctrl+{(index + 1) % 10}"))
            view_menu.addAction(action)

        help_menu = bar.addMenu(tr("&Help"))
        help_menu.addAction(self._action(tr("&Keyboard shortcuts"), self.show_shortcuts,
                                         QKeySequence("F1"), "shortcutsAction"))
        help_menu.addAction(self._action(tr("&About {app}").format(app=APP_NAME),
                                         self.show_about, name="aboutAction"))
        # Menu actions are the window's: their shortcuts work wherever focus is in the window,
        # also right after a dialog closes.
        for menu in (file_menu, edit_menu, view_menu, help_menu):
            self.addActions(menu.actions())

    # -- databases -----------------------------------------------------------------------
    def _database_folder(self) -> str:
        return str(self.app.path.parent)

    def new_database(self) -> None:
        """Ask where to make a new, empty database, then work on it."""
        chosen, _filter = QFileDialog.getSaveFileName(
            self, tr("New database"), str(Path(self._database_folder()) / "coalition.sqlite3"),
            tr("SayPro Desktop databases (*.sqlite3 *.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite)  # an existing file is refused
        if chosen:
            self.database_requested.emit(with_suffix(Path(chosen)), True)

    def open_database(self) -> None:
        """Ask for another database file, then work on it."""
        chosen, _filter = QFileDialog.getOpenFileName(
            self, tr("Open database"), self._database_folder(),
            tr("SayPro Desktop databases (*.sqlite3 *.db);;All files (*)"))
        if chosen:
            self.database_requested.emit(Path(chosen), False)

    def fill_recent_menu(self) -> None:
        """File > Open recent: the databases opened lately, this one left out."""
        self.recent_menu.clear()
        if not self.attached:
            return
        recent = RecentDatabases()
        current = self.app.path.resolve()
        paths = [path for path in recent.paths() if path.resolve() != current]
        for index, path in enumerate(paths):
            action = self.recent_menu.addAction(f"&{index + 1} {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(partial(self.database_requested.emit, path, False))
        if not paths:
            empty = self.recent_menu.addAction(tr("No other databases opened yet"))
            empty.setEnabled(False)
            return
        self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction(tr("&Clear the list"))
        clear.setObjectName("clearRecentAction")
        clear.triggered.connect(recent.clear)

    def shortcuts(self) -> list[tuple[str, str]]:
        """(keys, what they do) for every shortcut of the window and the pages."""
        rows: list[tuple[str, str]] = []
        actions = list(self.actions())
        for page in self.pages.values():
            actions.extend(page.actions())
        for action in actions:
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            text = (action.text() or action.toolTip()).replace("&", "").rstrip("…")
            if keys and text and (keys, text) not in rows:
                rows.append((keys, text))
        return rows

    def show_shortcuts(self) -> None:
        dialog = QDialog(self)
        dialog.setObjectName("shortcutsDialog")
        dialog.setWindowTitle(tr("Keyboard shortcuts"))
        rows = self.shortcuts()
        table = QTableWidget(len(rows), 2, dialog)
        table.setObjectName("shortcutsTable")
        table.setHorizontalHeaderLabels([tr("Keys"), tr("Does")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (keys, text) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(text))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        layout.addWidget(buttons)
        dialog.resize(460, 480)
        self.shortcuts_dialog = dialog
        dialog.open()

    def about_text(self) -> str:
        return tr(
            "{app} {version}\n\nOffline coalition building for field organisers.\n\n"
            "Database: {path}\nData folder: {folder}\nBackups: {backups}"
        ).format(app=APP_NAME, version=__version__, path=self.app.path,
                 folder=self.app.path.parent, backups=self.app.path.parent / "backups")

    def show_about(self) -> None:
        QMessageBox.about(self, tr("About {app}").format(app=APP_NAME), self.about_text())

    def _current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _import(self) -> None:
        page = self.show_page("People")
        open_import = getattr(page, "open_import", None)
        if callable(open_import):
            open_import()

    def _export(self) -> None:
        page = self.show_page("People")
        open_export = getattr(page, "open_export", None)
        if callable(open_export):
            open_export()

    def say(self, text: str) -> None:
        """A short confirmation in the status bar ("Saved Thandi Nkosi.")."""
        self.statusBar().showMessage(text, STATUS_MESSAGE_MS)

    # -- pages ---------------------------------------------------------------------------
    def show_page_at(self, index: int) -> None:
        page = self.stack.widget(index)
        if page is None:
            return
        if isinstance(page, _Placeholder):
            item = self.sidebar.item(index)
            key = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
            if key in self._builders:
                page = self._build_page(key)
        if self.stack.currentWidget() is not page:
            if isinstance(page, Page):
                page.mark_stale()  # refreshes as it is shown
            elif callable(refresh := getattr(page, "refresh", None)):
                refresh()
        self.stack.setCurrentWidget(page)
        stack = getattr(page, "undo_stack", None)
        if isinstance(stack, QUndoStack):
            if stack not in self.undo_group.stacks():
                self.undo_group.addStack(stack)
            self.undo_group.setActiveStack(stack)
        else:
            self.undo_group.setActiveStack(None)  # type: ignore[arg-type]  # none is allowed

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
        for page in self.pages.built():
            save = getattr(page, "save_layout", None)
            if callable(save):
                save()
        if self.attached:
            self.app.on_write_wait(None)
            self.ops.close()
        super().closeEvent(event)
