"""Campaign & reforms: campaigns with their phases and objectives (progress computed, never
typed), the reform tracker with each reform's timeline, media items and stories."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.enums import (
    CampaignPhase,
    GovernmentLevel,
    MediaKind,
    ObstacleKind,
    PolicymakerPosition,
    ReformStage,
)
from saypro_desktop.services.campaigns import CampaignInfo
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.media import MediaRow
from saypro_desktop.services.metrics import KPIS, ObjectiveProgress, RecordsRequest
from saypro_desktop.services.reforms import ReformDetail, ReformRow, position_label, stage_label
from saypro_desktop.services.stories import StoryRow
from saypro_desktop.ui.campaign.form import Field, FormDialog
from saypro_desktop.ui.dashboard.records import RecordsDialog
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.operations import Operations
from saypro_desktop.ui.widgets.page import Page
from saypro_desktop.ui.widgets.rows import ROW_ROLE, RowsModel, make_table


def day(value: date | None) -> str:
    return f"{value:%-d %b %Y}" if value else ""


def amount(objective: ObjectiveProgress, value: float) -> str:
    return f"{value:.0%}" if KPIS[objective.kpi].unit == "ratio" else f"{value:,.0f}"


def _level(value: str) -> str:
    try:
        return GovernmentLevel(value).label
    except ValueError:
        return value.replace("_", " ").capitalize()


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def _button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(lambda _c=False: slot())
    return button


class CampaignPage(Page):
    title = "Campaign & reforms"
    # The dashboard's figures whose records this page lists (others open a records dialog).
    record_tables = ("reforms", "media_items", "stories", "concerns")
    shows = ("campaigns", "campaign_phases", "objectives", "reforms", "reform_moves",
             "reform_positions", "reform_position_changes", "reform_obstacles",
             "reform_meetings", "reform_concerns", "reform_media", "media_items", "stories",
             "people", "interactions", "meetings", "commitments", "events", "sign_ins",
             "signatures", "concerns")

    def __init__(self, app: AppServices, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(app, ops, parent)
        self.dialog: FormDialog | None = None
        self.records_dialog: RecordsDialog | None = None
        self._campaigns: list[CampaignInfo] = []
        self._filter_ids: set[str] | None = None
        heading = QLabel(tr("Campaign & reforms"))
        heading.setStyleSheet("font-size: 20pt; font-weight: 600;")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("campaign_tabs")
        self.tabs.addTab(self._campaigns_tab(), tr("Campaigns && objectives"))
        self.tabs.addTab(self._reforms_tab(), tr("Reforms"))
        self.tabs.addTab(self._media_tab(), tr("Media"))
        self.tabs.addTab(self._stories_tab(), tr("Stories"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)

    # -- building ----------------------------------------------------------------------------
    def _campaigns_tab(self) -> QWidget:
        self.campaign_list = QListWidget()
        self.campaign_list.setObjectName("campaign_list")
        self.campaign_list.setMinimumWidth(280)
        self.campaign_list.setWordWrap(True)
        self.campaign_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.campaign_list.currentRowChanged.connect(lambda _r: self._show_campaign())
        self.campaign_title = QLabel()
        self.campaign_title.setObjectName("campaign_title")
        self.campaign_title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.campaign_title.setWordWrap(True)
        self.phases_text = QLabel()
        self.phases_text.setObjectName("phases_text")
        self.phases_text.setWordWrap(True)
        self.objectives: RowsModel[ObjectiveProgress] = RowsModel(
            [tr("Objective"), tr("Measures"), tr("Progress"), tr("Deadline"), tr("Status")],
            lambda o: [o.title, o.kpi_label,
                       tr("{a} of {t} ({p:.0%})").format(
                           a=amount(o, o.actual), t=amount(o, o.target),
                           p=o.actual / o.target if o.target else 0),
                       day(o.deadline), o.status_label], self)
        self.objectives_table = make_table(self.objectives, "objectives_table")
        for column, width in enumerate((260, 170, 150, 110, 90)):
            self.objectives_table.setColumnWidth(column, width)
        self.objectives_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        right = QWidget()
        box = QVBoxLayout(right)
        box.addWidget(self.campaign_title)
        box.addWidget(self.phases_text)
        box.addLayout(_buttons(_button(tr("Add phase…"), "add_phase", self.add_phase),
                               _button(tr("Add objective…"), "add_objective",
                                       self.add_objective)))
        box.addWidget(self.objectives_table, 1)
        left = QWidget()
        lbox = QVBoxLayout(left)
        lbox.setContentsMargins(0, 0, 0, 0)
        lbox.addWidget(self.campaign_list, 1)
        lbox.addWidget(_button(tr("New campaign…"), "new_campaign", self.new_campaign))
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        return split

    def _reforms_tab(self) -> QWidget:
        self.reforms: RowsModel[ReformRow] = RowsModel(
            [tr("Reform"), tr("Level"), tr("Stage"), tr("Policymakers"), tr("Next action"),
             tr("Due")],
            lambda r: [r.title, _level(r.level), stage_label(r.stage), r.positions_text,
                       r.next_action or "", day(r.next_action_due)], self,
            sort_keys=lambda r: [r.title.casefold(), r.level, r.stage, r.positions_text,
                                 r.next_action or "", r.next_action_due or date.max])
        self.reforms_table = make_table(self.reforms, "reforms_table", sortable=True)
        for column, width in enumerate((360, 80, 100, 220, 200, 100)):
            self.reforms_table.setColumnWidth(column, width)
        header = self.reforms_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.reforms_table.sortByColumn(5, Qt.SortOrder.AscendingOrder)  # next action due
        self.reforms_table.selectionModel().currentRowChanged.connect(
            lambda _c, _p: self._show_reform())
        self.reform_title = QLabel(tr("Choose a reform to see its history."))
        self.reform_title.setObjectName("reform_title")
        self.reform_title.setWordWrap(True)
        self.reform_title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.reform_policy = QLabel()
        self.reform_policy.setWordWrap(True)
        self.timeline = QListWidget()
        self.timeline.setObjectName("reform_timeline")
        self.positions = QListWidget()
        self.positions.setObjectName("reform_positions")
        self.obstacles = QListWidget()
        self.obstacles.setObjectName("reform_obstacles")
        for widget in (self.timeline, self.positions, self.obstacles):
            widget.setWordWrap(True)
            widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        detail = QWidget()
        box = QVBoxLayout(detail)
        box.addWidget(self.reform_title)
        box.addWidget(self.reform_policy)
        box.addLayout(_buttons(
            _button(tr("Move to stage…"), "move_reform", self.move_reform),
            _button(tr("Note a position…"), "note_position", self.note_position),
            _button(tr("Add obstacle…"), "add_obstacle", self.add_obstacle),
            _button(tr("Next action…"), "next_action", self.set_next_action)))
        lists = QHBoxLayout()
        for title, widget in ((tr("Timeline"), self.timeline),
                              (tr("Policymakers"), self.positions),
                              (tr("Obstacles and how they are addressed"), self.obstacles)):
            col = QVBoxLayout()
            label = QLabel(title)
            label.setStyleSheet("font-weight: 600;")
            col.addWidget(label)
            col.addWidget(widget, 1)
            lists.addLayout(col, 1)
        box.addLayout(lists, 1)
        top = QWidget()
        tbox = QVBoxLayout(top)
        tbox.setContentsMargins(0, 0, 0, 0)
        tbox.addLayout(_buttons(_button(tr("New reform…"), "new_reform", self.new_reform)))
        tbox.addWidget(self.reforms_table, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(detail)
        split.setSizes([260, 380])
        return split

    def _media_tab(self) -> QWidget:
        self.media: RowsModel[MediaRow] = RowsModel(
            [tr("Title"), tr("Kind"), tr("Outlet"), tr("Published"), tr("Reach"), tr("Link")],
            lambda m: [m.title, m.kind_label, m.outlet or "", day(m.published_on),
                       f"{m.reach:,}" if m.reach is not None else "", m.url or ""], self,
            sort_keys=lambda m: [m.title.casefold(), m.kind, m.outlet or "",
                                 m.published_on or date.min, m.reach or 0, m.url or ""])
        self.media_table = make_table(self.media, "media_table", sortable=True)
        self.media_table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # newest first
        self.media_table.setColumnWidth(0, 340)
        page = QWidget()
        box = QVBoxLayout(page)
        box.addLayout(_buttons(_button(tr("Add media item…"), "add_media", self.add_media)))
        box.addWidget(self.media_table, 1)
        return page

    def _stories_tab(self) -> QWidget:
        self.stories: RowsModel[StoryRow] = RowsModel(
            [tr("Story"), tr("Told by"), tr("Consent"), tr("Collected")],
            lambda s: [s.title, s.teller or tr("Not linked to a person"),
                       tr("Given") if s.consent_given else tr("Not given — do not use"),
                       day(s.collected_on)], self,
            sort_keys=lambda s: [s.title.casefold(), s.teller.casefold(), s.consent_given,
                                 s.collected_on or date.min])
        self.stories_table = make_table(self.stories, "stories_table", sortable=True)
        self.stories_table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # newest first
        self.stories_table.setColumnWidth(0, 340)
        self.stories_table.setColumnWidth(1, 200)
        self.stories_table.setColumnWidth(2, 200)
        page = QWidget()
        box = QVBoxLayout(page)
        box.addLayout(_buttons(_button(tr("Add story…"), "add_story", self.add_story)))
        box.addWidget(self.stories_table, 1)
        return page

    # -- loading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        app = self.app

        def work() -> dict[str, Any]:
            campaigns = app.campaigns.all()
            return {"campaigns": campaigns,
                    "objectives": {c.id: app.metrics.objectives(c.id) for c in campaigns},
                    "reforms": app.reforms.overview(), "media": app.media.all(),
                    "stories": app.stories.all()}

        self.ops.query(work, self._show, parent=self, title=tr("Campaign & reforms"))

    def _show(self, data: dict[str, Any]) -> None:
        self._objectives = data["objectives"]
        current = self.selected_campaign_id()
        self._campaigns = data["campaigns"]
        self.campaign_list.blockSignals(True)
        self.campaign_list.clear()
        for info in self._campaigns:
            item = QListWidgetItem(f"{info.name}\n{day(info.starts_on)} – {day(info.ends_on)}")
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            self.campaign_list.addItem(item)
        ids = [c.id for c in self._campaigns]
        self.campaign_list.setCurrentRow(ids.index(current) if current in ids else
                                         (0 if ids else -1))
        self.campaign_list.blockSignals(False)
        self._show_campaign()
        reform_id = self.selected_reform_id()
        rows = data["reforms"]
        if self._filter_ids is not None:
            rows = [r for r in rows if r.id in self._filter_ids]
        self.reforms.set_rows(rows)
        self.select_reform(reform_id)
        media, stories = data["media"], data["stories"]
        self.media.set_rows(media)
        self.stories.set_rows(stories)

    def selected_campaign_id(self) -> str | None:
        item = self.campaign_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _show_campaign(self) -> None:
        cid = self.selected_campaign_id()
        info = next((c for c in self._campaigns if c.id == cid), None)
        if info is None:
            self.campaign_title.setText(tr("No campaign yet: start one with New campaign."))
            self.phases_text.setText("")
            self.objectives.set_rows([])
            return
        self.campaign_title.setText(f"{info.name} ({day(info.starts_on)} – {day(info.ends_on)})")
        phases = "; ".join(f"{p.label}: {day(p.starts_on)} – {day(p.ends_on)}"
                           for p in info.phases)
        self.phases_text.setText(phases or tr("No phases yet."))
        self.objectives.set_rows(self._objectives.get(info.id, []))

    def selected_reform_id(self) -> str | None:
        index = self.reforms_table.currentIndex()
        row = index.data(ROW_ROLE) if index.isValid() else None
        return row.id if row else None

    def select_reform(self, reform_id: str | None) -> None:
        view: QTableView = self.reforms_table
        model = view.model()
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if index.data(ROW_ROLE).id == reform_id:
                view.setCurrentIndex(index)
                return
        self._show_reform()

    def _show_reform(self) -> None:
        reform_id = self.selected_reform_id()
        if reform_id is None:
            self.reform_title.setText(tr("Choose a reform to see its history."))
            for widget in (self.timeline, self.positions, self.obstacles):
                widget.clear()
            self.reform_policy.setText("")
            return
        self.ops.query(lambda: self.app.reforms.detail(reform_id), self._show_detail,
                       parent=self, title=tr("Reform"))

    def _show_detail(self, detail: ReformDetail) -> None:
        if detail.row.id != self.selected_reform_id():
            return
        row = detail.row
        self.reform_title.setText(f"{row.title} — {stage_label(row.stage)}")
        self.reform_policy.setText(detail.policy or "")
        self.timeline.clear()
        for entry in detail.timeline:
            self.timeline.addItem(f"{day(entry.on)}  {entry.text}")
        self.positions.clear()
        for position in detail.positions:
            changes = " → ".join(position_label(p) for _d, p in position.history)
            self.positions.addItem(f"{position.name}: {position_label(position.position)}"
                                   + (f"  ({changes})" if len(position.history) > 1 else ""))
        self.obstacles.clear()
        for obstacle in detail.obstacles:
            kind = ObstacleKind(obstacle.kind).label if obstacle.kind in {
                k.value for k in ObstacleKind} else obstacle.kind
            addressed = obstacle.response or tr("not yet addressed")
            self.obstacles.addItem(f"{kind}: {obstacle.description}\n  → {addressed}")

    # -- records from the dashboard ----------------------------------------------------------
    def show_records(self, request: RecordsRequest) -> None:
        """Show the records a dashboard figure counted: reforms, media and stories here;
        anything else (concerns) in a records dialog."""
        tabs = {"reforms": 1, "media_items": 2, "stories": 3}
        if request.table not in tabs:
            rows = self.app.metrics.describe(request)
            self.records_dialog = RecordsDialog(request.title, rows, self)
            self.records_dialog.show()
            return
        self.tabs.setCurrentIndex(tabs[request.table])
        if request.table == "reforms":
            self._filter_ids = set(request.ids)
            self.refresh()
            return
        table = self.media_table if request.table == "media_items" else self.stories_table
        wanted = set(request.ids)
        model = table.model()
        for row in range(model.rowCount()):
            table.setRowHidden(row, model.index(row, 0).data(ROW_ROLE).id not in wanted)

    def show_all_reforms(self) -> None:
        self._filter_ids = None
        self.refresh()

    # -- actions -----------------------------------------------------------------------------
    def _form(self, title: str, fields: list[Field],
              write: Callable[[dict[str, Any]], object]) -> FormDialog:
        def submit(values: dict[str, Any]) -> None:
            dialog = self.dialog
            assert dialog is not None
            self.ops.write(lambda: write(values), dialog.done_ok, on_error=dialog.refused)

        self.dialog = FormDialog(title, fields, submit, self)
        self.dialog.open()
        return self.dialog

    def new_campaign(self) -> FormDialog:
        return self._form(tr("New campaign"), [
            Field("name", tr("Name")), Field("start", tr("Starts"), "date"),
            Field("end", tr("Ends"), "date"), Field("description", tr("Description"),
                                                   "multiline")],
            lambda v: self.app.campaigns.add(v["name"], v["start"], v["end"],
                                             v["description"]))

    def add_phase(self) -> FormDialog | None:
        cid = self.selected_campaign_id()
        if cid is None:
            return None
        return self._form(tr("Add phase"), [
            Field("phase", tr("Phase"), "choice", [(p.label, p.value) for p in CampaignPhase]),
            Field("name", tr("Name (custom phase)")),
            Field("start", tr("Starts"), "date"), Field("end", tr("Ends"), "date")],
            lambda v: self.app.campaigns.add_phase(cid, v["phase"], v["start"], v["end"],
                                                   v["name"]))

    def add_objective(self) -> FormDialog | None:
        cid = self.selected_campaign_id()
        if cid is None:
            return None
        return self._form(tr("Add objective"), [
            Field("title", tr("Objective (optional)")),
            Field("kpi", tr("Measured by"), "choice", [(f.label, k) for k, f in KPIS.items()]),
            Field("target", tr("Target (a rate as %)")),
            Field("deadline", tr("Deadline"), "date"),
            Field("phase", tr("Phase"), "choice",
                  [(tr("Whole campaign"), None)] + [(p.label, p.value) for p in CampaignPhase
                                                    if p is not CampaignPhase.CUSTOM])],
            lambda v: self.app.campaigns.add_objective(cid, v["kpi"], v["target"],
                                                       v["deadline"], v["title"], v["phase"]))

    def new_reform(self) -> FormDialog:
        campaigns = [(tr("No campaign"), None)] + [(c.name, c.id) for c in self._campaigns]
        return self._form(tr("New reform or policy ask"), [
            Field("title", tr("Reform")), Field("policy", tr("What it asks"), "multiline"),
            Field("level", tr("Level"), "choice", [(g.label, g.value) for g in GovernmentLevel]),
            Field("stage", tr("Stage"), "choice", [(s.label, s.value) for s in ReformStage]),
            Field("campaign", tr("Campaign"), "choice", campaigns,
                  self.selected_campaign_id()),
            Field("on", tr("Since"), "date")],
            lambda v: self.app.reforms.add(v["title"], v["level"], policy=v["policy"],
                                           campaign_id=v["campaign"], stage=v["stage"],
                                           on=v["on"]))

    def move_reform(self) -> FormDialog | None:
        rid = self.selected_reform_id()
        if rid is None:
            return None
        return self._form(tr("Move to stage"), [
            Field("stage", tr("Stage"), "choice", [(s.label, s.value) for s in ReformStage]),
            Field("on", tr("On"), "date"), Field("note", tr("Note"))],
            lambda v: self.app.reforms.move(rid, v["stage"], on=v["on"], note=v["note"]))

    def note_position(self) -> FormDialog | None:
        rid = self.selected_reform_id()
        if rid is None:
            return None
        people = [(name, pid) for pid, name in self.app.reforms.policymakers()]
        return self._form(tr("Note a policymaker's position"), [
            Field("person", tr("Policymaker"), "choice", people),
            Field("position", tr("Position"), "choice",
                  [(p.label, p.value) for p in PolicymakerPosition]),
            Field("on", tr("On"), "date"), Field("note", tr("Note"))],
            lambda v: self.app.reforms.set_position(rid, v["person"], v["position"],
                                                    on=v["on"], note=v["note"]))

    def add_obstacle(self) -> FormDialog | None:
        rid = self.selected_reform_id()
        if rid is None:
            return None
        return self._form(tr("Add obstacle"), [
            Field("kind", tr("Kind"), "choice", [(k.label, k.value) for k in ObstacleKind]),
            Field("description", tr("Obstacle"), "multiline"),
            Field("response", tr("How it is being addressed"), "multiline"),
            Field("on", tr("Noted on"), "date")],
            lambda v: self.app.reforms.add_obstacle(
                rid, v["kind"], v["description"] or "", response=v["response"],
                status="being_addressed" if v["response"] else "open", on=v["on"]))

    def set_next_action(self) -> FormDialog | None:
        rid = self.selected_reform_id()
        if rid is None:
            return None
        return self._form(tr("Next action"), [
            Field("action", tr("Next action")), Field("due", tr("Due"), "date")],
            lambda v: self.app.reforms.set_next_action(rid, v["action"], v["due"]))

    def add_media(self) -> FormDialog:
        campaigns = [(tr("No campaign"), None)] + [(c.name, c.id) for c in self._campaigns]
        return self._form(tr("Add media item"), [
            Field("kind", tr("Kind"), "choice", [(k.label, k.value) for k in MediaKind]),
            Field("title", tr("Title")), Field("outlet", tr("Outlet")),
            Field("published_on", tr("Published"), "date"), Field("url", tr("Link")),
            Field("reach", tr("Reach (people)")),
            Field("campaign", tr("Campaign"), "choice", campaigns)],
            lambda v: self.app.media.add(v["kind"], v["title"] or "", outlet=v["outlet"],
                                         published_on=v["published_on"], url=v["url"],
                                         reach=v["reach"], campaign_id=v["campaign"]))

    def add_story(self) -> FormDialog:
        return self._form(tr("Add story"), [
            Field("title", tr("Title")), Field("body", tr("Story"), "multiline"),
            Field("consent", tr("The teller consents to its use"), "check"),
            Field("anonymised", tr("Tell it anonymously"), "check", default=True),
            Field("collected_on", tr("Collected on"), "date")],
            lambda v: self.app.stories.add(v["title"] or "", body=v["body"],
                                           consent_given=v["consent"],
                                           anonymised=v["anonymised"],
                                           collected_on=v["collected_on"]))
