"""The reform tracker's tab on the Campaign & reforms page: every reform with its stage,
the policymakers' positions at a glance and the next action due; the chosen reform's whole
history as a timeline, its policymakers, its obstacles and how each is being addressed, and
the meetings, concerns and media items linked to it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.enums import (
    GovernmentLevel,
    ObstacleKind,
    ObstacleStatus,
    PolicymakerPosition,
    ReformStage,
)
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.reforms import (
    LINK_KINDS,
    LinkChoice,
    ObstacleRow,
    ReformDetail,
    ReformRow,
    position_label,
    stage_label,
)
from saypro_desktop.ui.campaign.form import Field, FormDialog
from saypro_desktop.ui.errors import error_text
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.labels import label_of
from saypro_desktop.ui.widgets.records_bar import RecordsBar
from saypro_desktop.ui.widgets.rows import ROW_ROLE, RowsModel, make_table
from saypro_desktop.ui.widgets.typing import after_typing

if TYPE_CHECKING:
    from saypro_desktop.ui.campaign.page import CampaignPage

OBSTACLE_ROLE = Qt.ItemDataRole.UserRole
LINK_ROLE = Qt.ItemDataRole.UserRole + 1


def day(value: date | None) -> str:
    return f"{value:%-d %b %Y}" if value else ""


def buttons_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    made = QPushButton(text)
    made.setObjectName(name)
    made.clicked.connect(lambda _c=False: slot())
    return made


class LinkDialog(QDialog):
    """Pick a meeting, concern or media item to link to a reform: choose the kind, type part
    of its title, Enter or double-click links the highlighted one."""

    def __init__(self, app: AppServices, reform_id: str, link: Callable[[str, str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("link_dialog")
        self.setWindowTitle(tr("Link to this reform"))
        self.resize(640, 460)
        self.app = app
        self.reform_id = reform_id
        self._link = link
        self.kind = QComboBox()
        self.kind.setObjectName("link_kind")
        for key, label in LINK_KINDS.items():
            self.kind.addItem(tr(label), key)
        self.search = QLineEdit()
        self.search.setObjectName("link_search")
        self.search.setPlaceholderText(tr("Type part of its title…"))
        self.search.setClearButtonEnabled(True)
        self.model: RowsModel[LinkChoice] = RowsModel(
            [tr("Date"), tr("What")], lambda c: [day(c.on), c.text], self)
        self.table = make_table(self.model, "link_table")
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.accept())
        self.message = QLabel()
        self.message.setObjectName("link_message")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(tr("Link"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.kind)
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        after_typing(self.search, self.run_search, self)
        self.search.returnPressed.connect(self.accept)
        self.kind.currentIndexChanged.connect(lambda _i: self.run_search())
        self.run_search()

    def choose_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def run_search(self) -> None:
        kind = str(self.kind.currentData())
        rows = self.app.reforms.link_choices(self.reform_id, kind, self.search.text())
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
            self.message.setText("")
        elif self.search.text().strip():
            self.message.setText(tr("Nothing matches; try fewer letters."))
        else:
            self.message.setText(tr("Nothing left to link: every one is linked already, "
                                    "or none has been recorded yet."))

    def accept(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        choice: LinkChoice = index.data(ROW_ROLE)
        self._link(str(self.kind.currentData()), choice.id)

    def done_ok(self, _result: object = None) -> None:
        super().accept()

    def refused(self, error: BaseException) -> None:
        self.message.setText(error_text(error))


class ReformsPane(QSplitter):
    """The reforms table above, the chosen reform's history and actions below."""

    def __init__(self, page: CampaignPage) -> None:
        super().__init__(Qt.Orientation.Vertical)
        self.page = page
        self.app = page.app
        self.ops = page.ops
        self.link_dialog: LinkDialog | None = None
        self._detail: ReformDetail | None = None
        self._only: frozenset[str] | None = None
        self._rows: list[ReformRow] = []
        self.model: RowsModel[ReformRow] = RowsModel(
            [tr("Reform"), tr("Level"), tr("Stage"), tr("Policymakers"), tr("Next action"),
             tr("Due")],
            lambda r: [r.title, label_of(GovernmentLevel, r.level), stage_label(r.stage),
                       r.positions_text, r.next_action or "", day(r.next_action_due)], self,
            sort_keys=lambda r: [r.title.casefold(), r.level, r.stage, r.positions_text,
                                 r.next_action or "", r.next_action_due or date.max])
        self.table = make_table(self.model, "reforms_table", sortable=True)
        for column, width in enumerate((360, 80, 100, 220, 200, 100)):
            self.table.setColumnWidth(column, width)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)  # next action due
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self.show_reform())
        self.records_bar = RecordsBar()
        self.records_bar.cleared.connect(self.show_all)

        self.title = QLabel(tr("Choose a reform to see its history."))
        self.title.setObjectName("reform_title")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.policy = QLabel()
        self.policy.setWordWrap(True)
        self.timeline = QListWidget()
        self.timeline.setObjectName("reform_timeline")
        self.positions = QListWidget()
        self.positions.setObjectName("reform_positions")
        self.obstacles = QListWidget()
        self.obstacles.setObjectName("reform_obstacles")
        for widget in (self.timeline, self.positions, self.obstacles):
            widget.setWordWrap(True)
            widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.unlink = button(tr("&Unlink"), "unlink_record", self.unlink_record)
        self.unlink.setToolTip(tr("Take the chosen meeting, concern or media item off this "
                                  "reform"))
        self.unlink.setEnabled(False)
        self.timeline.currentRowChanged.connect(
            lambda _r: self.unlink.setEnabled(self.chosen_link() is not None))
        self.address = button(tr("Record how it is &addressed…"), "address_obstacle",
                              self.address_obstacle)
        self.address.setEnabled(False)
        self.obstacles.currentRowChanged.connect(
            lambda _r: self.address.setEnabled(self.chosen_obstacle() is not None))
        self.obstacles.itemDoubleClicked.connect(lambda _i: self.address_obstacle())
        self.reform_buttons = [
            button(tr("&Move to stage…"), "move_reform", self.move_reform),
            button(tr("Note a &position…"), "note_position", self.note_position),
            button(tr("Add &obstacle…"), "add_obstacle", self.add_obstacle),
            button(tr("Ne&xt action…"), "next_action", self.set_next_action),
            button(tr("&Link a meeting, concern or media…"), "link_reform", self.link_record),
        ]
        for action in self.reform_buttons:
            action.setEnabled(False)

        detail = QWidget()
        box = QVBoxLayout(detail)
        box.addWidget(self.title)
        box.addWidget(self.policy)
        box.addLayout(buttons_row(*self.reform_buttons))
        lists = QHBoxLayout()
        for heading, widget in ((tr("Timeline"), self.timeline),
                                (tr("Policymakers"), self.positions),
                                (tr("Obstacles and how they are addressed"), self.obstacles)):
            col = QVBoxLayout()
            label = QLabel(heading)
            label.setStyleSheet("font-weight: 600;")
            label.setWordWrap(True)
            col.addWidget(label)
            col.addWidget(widget, 1)
            if widget is self.obstacles:
                col.addLayout(buttons_row(self.address))
            elif widget is self.timeline:
                col.addLayout(buttons_row(self.unlink))
            lists.addLayout(col, 1)
        box.addLayout(lists, 1)
        top = QWidget()
        tbox = QVBoxLayout(top)
        tbox.setContentsMargins(0, 0, 0, 0)
        tbox.addLayout(buttons_row(button(tr("&New reform…"), "new_reform", self.new_reform)))
        tbox.addWidget(self.records_bar)
        tbox.addWidget(self.table, 1)
        self.addWidget(top)
        self.addWidget(detail)
        self.setSizes([260, 380])

    # -- the list ----------------------------------------------------------------------------
    def set_rows(self, rows: list[ReformRow]) -> None:
        self._rows = rows
        reform_id = self.selected_id()
        only = self._only
        self.model.set_rows([r for r in rows if only is None or r.id in only])
        self.select(reform_id)

    def show_only(self, ids: frozenset[str], title: str) -> None:
        """Just the reforms a dashboard figure counted, under its title, until Show all."""
        self._only = ids
        self.records_bar.show_title(title)
        self.set_rows(self._rows)

    def show_all(self) -> None:
        self._only = None
        self.records_bar.hide()
        self.set_rows(self._rows)

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        row = index.data(ROW_ROLE) if index.isValid() else None
        return row.id if row else None

    def select(self, reform_id: str | None) -> None:
        model = self.table.model()
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if index.data(ROW_ROLE).id == reform_id:
                self.table.setCurrentIndex(index)
                return
        self.show_reform()

    # -- the chosen reform -------------------------------------------------------------------
    def show_reform(self) -> None:
        reform_id = self.selected_id()
        for action in self.reform_buttons:
            action.setEnabled(reform_id is not None)
        if reform_id is None:
            self._detail = None
            self.title.setText(tr("Choose a reform to see its history.") if self.model.rowCount()
                               else tr("No reforms yet: add the first with New reform."))
            for widget in (self.timeline, self.positions, self.obstacles):
                widget.clear()
            self.policy.setText("")
            self.address.setEnabled(False)
            return
        reforms = self.app.reforms
        self.ops.query(lambda: reforms.detail(reform_id), self._show_detail,
                       parent=self, title=tr("Reform"))

    def _show_detail(self, detail: ReformDetail) -> None:
        if detail.row.id != self.selected_id():
            return
        self._detail = detail
        row = detail.row
        self.title.setText(f"{row.title} — {stage_label(row.stage)}")
        self.policy.setText(detail.policy or "")
        self.timeline.clear()
        for entry in detail.timeline:
            item = QListWidgetItem(f"{day(entry.on)}  {entry.text}")
            if entry.linked:
                item.setData(LINK_ROLE, (entry.kind, entry.linked))
            self.timeline.addItem(item)
        self.unlink.setEnabled(False)
        self.positions.clear()
        for position in detail.positions:
            changes = " → ".join(position_label(p) for _d, p in position.history)
            self.positions.addItem(f"{position.name}: {position_label(position.position)}"
                                   + (f"  ({changes})" if len(position.history) > 1 else ""))
        chosen = self.chosen_obstacle()
        self.obstacles.clear()
        for obstacle in detail.obstacles:
            addressed = obstacle.response or tr("not yet addressed")
            item = QListWidgetItem(
                f"{label_of(ObstacleKind, obstacle.kind)}: {obstacle.description}\n"
                f"  → {addressed} ({label_of(ObstacleStatus, obstacle.status).lower()})")
            item.setData(OBSTACLE_ROLE, obstacle)
            self.obstacles.addItem(item)
            if chosen is not None and obstacle.id == chosen.id:
                self.obstacles.setCurrentItem(item)
        self.address.setEnabled(self.chosen_obstacle() is not None)

    def chosen_link(self) -> tuple[str, str] | None:
        """(kind, id) of the linked meeting, concern or media item chosen on the timeline."""
        item = self.timeline.currentItem()
        found = item.data(LINK_ROLE) if item is not None else None
        return (str(found[0]), str(found[1])) if found else None

    def chosen_obstacle(self) -> ObstacleRow | None:
        item = self.obstacles.currentItem()
        found = item.data(OBSTACLE_ROLE) if item is not None else None
        return found if isinstance(found, ObstacleRow) else None

    # -- actions -----------------------------------------------------------------------------
    def new_reform(self) -> FormDialog:
        page = self.page
        campaigns = [(tr("No campaign"), None)] + [(c.name, c.id) for c in page.campaigns]
        return page.form(tr("New reform or policy ask"), [
            Field("title", tr("Reform")), Field("policy", tr("What it asks"), "multiline"),
            Field("level", tr("Level"), "choice", [(g.label, g.value) for g in GovernmentLevel]),
            Field("stage", tr("Stage"), "choice", [(s.label, s.value) for s in ReformStage]),
            Field("campaign", tr("Campaign"), "choice", campaigns,
                  page.selected_campaign_id()),
            Field("on", tr("Since"), "date")],
            lambda v: self.app.reforms.add(v["title"], v["level"], policy=v["policy"],
                                           campaign_id=v["campaign"], stage=v["stage"],
                                           on=v["on"]))

    def move_reform(self) -> FormDialog | None:
        rid = self.selected_id()
        if rid is None:
            return None
        return self.page.form(tr("Move to stage"), [
            Field("stage", tr("Stage"), "choice", [(s.label, s.value) for s in ReformStage]),
            Field("on", tr("On"), "date"), Field("note", tr("Note"))],
            lambda v: self.app.reforms.move(rid, v["stage"], on=v["on"], note=v["note"]))

    def note_position(self) -> FormDialog | None:
        rid = self.selected_id()
        if rid is None:
            return None
        people = [(name, pid) for pid, name in self.app.reforms.policymakers()]
        return self.page.form(tr("Note a policymaker's position"), [
            Field("person", tr("Policymaker"), "choice", people),
            Field("position", tr("Position"), "choice",
                  [(p.label, p.value) for p in PolicymakerPosition]),
            Field("on", tr("On"), "date"), Field("note", tr("Note"))],
            lambda v: self.app.reforms.set_position(rid, v["person"], v["position"],
                                                    on=v["on"], note=v["note"]))

    def add_obstacle(self) -> FormDialog | None:
        rid = self.selected_id()
        if rid is None:
            return None
        return self.page.form(tr("Add obstacle"), [
            Field("kind", tr("Kind"), "choice", [(k.label, k.value) for k in ObstacleKind]),
            Field("description", tr("Obstacle"), "multiline"),
            Field("response", tr("How it is being addressed"), "multiline"),
            Field("on", tr("Noted on"), "date")],
            lambda v: self.app.reforms.add_obstacle(
                rid, v["kind"], v["description"] or "", response=v["response"],
                status="being_addressed" if v["response"] else "open", on=v["on"]))

    def address_obstacle(self) -> FormDialog | None:
        """Record how the chosen obstacle is being addressed, and whether it is overcome."""
        obstacle = self.chosen_obstacle()
        if obstacle is None:
            return None
        status = obstacle.status if obstacle.status != ObstacleStatus.OPEN.value \
            else ObstacleStatus.BEING_ADDRESSED.value
        return self.page.form(tr("How the obstacle is addressed"), [
            Field("response", tr("How it is being addressed"), "multiline",
                  default=obstacle.response),
            Field("status", tr("Status"), "choice",
                  [(s.label, s.value) for s in ObstacleStatus], default=status)],
            lambda v: self.app.reforms.update_obstacle(
                obstacle.id, response=v["response"] or "", status=v["status"]))

    def set_next_action(self) -> FormDialog | None:
        rid = self.selected_id()
        if rid is None:
            return None
        row = self._detail.row if self._detail and self._detail.row.id == rid else None
        return self.page.form(tr("Next action"), [
            Field("action", tr("Next action"), default=row.next_action if row else None),
            Field("due", tr("Due"), "date", default=row.next_action_due if row else None)],
            lambda v: self.app.reforms.set_next_action(rid, v["action"], v["due"]))

    def unlink_record(self) -> None:
        rid, chosen = self.selected_id(), self.chosen_link()
        if rid is None or chosen is None:
            return
        kind, target_id = chosen
        reforms = self.app.reforms
        self.ops.write(lambda: reforms.unlink(rid, kind, target_id),
                       lambda _r: self.ops.say(tr("Unlinked.")), parent=self,
                       title=tr("Unlink"))

    def link_record(self) -> LinkDialog | None:
        rid = self.selected_id()
        if rid is None:
            return None

        def link(kind: str, target_id: str) -> None:
            dialog = self.link_dialog
            assert dialog is not None
            self.ops.write(lambda: self.app.reforms.link(rid, kind, target_id), dialog.done_ok,
                           on_error=dialog.refused)

        self.link_dialog = LinkDialog(self.app, rid, link, self)
        self.link_dialog.open()
        return self.link_dialog
