"""Campaign & reforms: campaigns with their phases and objectives (progress computed, never
typed), the reform tracker with each reform's timeline, media items and stories."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.enums import (
    CampaignPhase,
    MediaKind,
)
from saypro_desktop.services.campaigns import CampaignInfo
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.media import MediaRow
from saypro_desktop.services.metrics import KPIS, ObjectiveProgress, RecordsRequest
from saypro_desktop.services.stories import StoryRow
from saypro_desktop.ui.campaign.form import Field, FormDialog
from saypro_desktop.ui.campaign.reforms import ReformsPane, button, buttons_row, day
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.operations import Operations
from saypro_desktop.ui.widgets.page import Page
from saypro_desktop.ui.widgets.records_bar import RecordsBar
from saypro_desktop.ui.widgets.rows import RowsModel, make_table


def amount(objective: ObjectiveProgress, value: float) -> str:
    return f"{value:.0%}" if KPIS[objective.kpi].unit == "ratio" else f"{value:,.0f}"


class CampaignPage(Page):
    title = "Campaign & reforms"
    # The dashboard's figures whose records this page lists.
    record_tables = ("reforms", "media_items", "stories")
    shows = ("campaigns", "campaign_phases", "objectives", "reforms", "reform_moves",
             "reform_positions", "reform_position_changes", "reform_obstacles",
             "reform_meetings", "reform_concerns", "reform_media", "media_items", "stories",
             "people", "interactions", "meetings", "commitments", "events", "sign_ins",
             "signatures", "concerns")

    def __init__(self, app: AppServices, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(app, ops, parent)
        self.dialog: FormDialog | None = None
        # The dashboard figure's records a tab shows, until "Show all".
        self._only: dict[str, frozenset[str]] = {}
        self.records_bars: dict[str, RecordsBar] = {}
        self.campaigns: list[CampaignInfo] = []
        heading = QLabel(tr("Campaign & reforms"))
        heading.setStyleSheet("font-size: 20pt; font-weight: 600;")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("campaign_tabs")
        self.tabs.addTab(self._campaigns_tab(), tr("Campaigns && objectives"))
        self.reform_pane = ReformsPane(self)
        self.tabs.addTab(self.reform_pane, tr("Reforms"))
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
        box.addLayout(buttons_row(button(tr("Add phase…"), "add_phase", self.add_phase),
                               button(tr("Add objective…"), "add_objective",
                                       self.add_objective)))
        box.addWidget(self.objectives_table, 1)
        left = QWidget()
        lbox = QVBoxLayout(left)
        lbox.setContentsMargins(0, 0, 0, 0)
        lbox.addWidget(self.campaign_list, 1)
        lbox.addWidget(button(tr("New campaign…"), "new_campaign", self.new_campaign))
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
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
        box.addLayout(buttons_row(button(tr("Add media item…"), "add_media", self.add_media)))
        box.addWidget(self._records_bar("media_items"))
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
        box.addLayout(buttons_row(button(tr("Add story…"), "add_story", self.add_story)))
        box.addWidget(self._records_bar("stories"))
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
        self.campaigns = data["campaigns"]
        self.campaign_list.blockSignals(True)
        self.campaign_list.clear()
        for info in self.campaigns:
            item = QListWidgetItem(f"{info.name}\n{day(info.starts_on)} – {day(info.ends_on)}")
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            self.campaign_list.addItem(item)
        ids = [c.id for c in self.campaigns]
        self.campaign_list.setCurrentRow(ids.index(current) if current in ids else
                                         (0 if ids else -1))
        self.campaign_list.blockSignals(False)
        self._show_campaign()
        self.reform_pane.set_rows(data["reforms"])
        self.media.set_rows(self._kept("media_items", data["media"]))
        self.stories.set_rows(self._kept("stories", data["stories"]))

    def selected_campaign_id(self) -> str | None:
        item = self.campaign_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _show_campaign(self) -> None:
        cid = self.selected_campaign_id()
        info = next((c for c in self.campaigns if c.id == cid), None)
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

    # -- records from the dashboard ----------------------------------------------------------
    def show_records(self, request: RecordsRequest) -> None:
        """Show just the reforms, media items or stories a dashboard figure counted, under
        its title, until "Show all"."""
        tabs = {"reforms": 1, "media_items": 2, "stories": 3}
        if request.table not in tabs:
            return
        self.tabs.setCurrentIndex(tabs[request.table])
        if request.table == "reforms":
            self.reform_pane.show_only(frozenset(request.ids), request.title)
            return
        self._only[request.table] = frozenset(request.ids)
        self.records_bars[request.table].show_title(request.title)
        self.refresh()

    def _records_bar(self, table: str) -> RecordsBar:
        bar = RecordsBar()
        bar.setObjectName(f"recordsBar_{table}")
        bar.cleared.connect(lambda t=table: self._clear_records(t))
        self.records_bars[table] = bar
        return bar

    def _kept(self, table: str, rows: list[Any]) -> list[Any]:
        only = self._only.get(table)
        return rows if only is None else [r for r in rows if r.id in only]

    def _clear_records(self, table: str) -> None:
        self._only.pop(table, None)
        self.refresh()

    # -- actions -----------------------------------------------------------------------------
    def form(self, title: str, fields: list[Field],
              write: Callable[[dict[str, Any]], object]) -> FormDialog:
        def submit(values: dict[str, Any]) -> None:
            dialog = self.dialog
            assert dialog is not None
            self.ops.write(lambda: write(values), dialog.done_ok, on_error=dialog.refused)

        self.dialog = FormDialog(title, fields, submit, self)
        self.dialog.open()
        return self.dialog

    def new_campaign(self) -> FormDialog:
        return self.form(tr("New campaign"), [
            Field("name", tr("Name")), Field("start", tr("Starts"), "date"),
            Field("end", tr("Ends"), "date"), Field("description", tr("Description"),
                                                   "multiline")],
            lambda v: self.app.campaigns.add(v["name"], v["start"], v["end"],
                                             v["description"]))

    def add_phase(self) -> FormDialog | None:
        cid = self.selected_campaign_id()
        if cid is None:
            return None
        return self.form(tr("Add phase"), [
            Field("phase", tr("Phase"), "choice", [(p.label, p.value) for p in CampaignPhase]),
            Field("name", tr("Name (custom phase)")),
            Field("start", tr("Starts"), "date"), Field("end", tr("Ends"), "date")],
            lambda v: self.app.campaigns.add_phase(cid, v["phase"], v["start"], v["end"],
                                                   v["name"]))

    def add_objective(self) -> FormDialog | None:
        cid = self.selected_campaign_id()
        if cid is None:
            return None
        return self.form(tr("Add objective"), [
            Field("title", tr("Objective (optional)")),
            Field("kpi", tr("Measured by"), "choice", [(f.label, k) for k, f in KPIS.items()]),
            Field("target", tr("Target (a rate as %)")),
            Field("deadline", tr("Deadline"), "date"),
            Field("phase", tr("Phase"), "choice",
                  [(tr("Whole campaign"), None)] + [(p.label, p.value) for p in CampaignPhase
                                                    if p is not CampaignPhase.CUSTOM])],
            lambda v: self.app.campaigns.add_objective(cid, v["kpi"], v["target"],
                                                       v["deadline"], v["title"], v["phase"]))

    def add_media(self) -> FormDialog:
        campaigns = [(tr("No campaign"), None)] + [(c.name, c.id) for c in self.campaigns]
        return self.form(tr("Add media item"), [
            Field("kind", tr("Kind"), "choice", [(k.label, k.value) for k in MediaKind]),
            Field("title", tr("Title")), Field("outlet", tr("Outlet")),
            Field("published_on", tr("Published"), "date"), Field("url", tr("Link")),
            Field("reach", tr("Reach (people)")),
            Field("campaign", tr("Campaign"), "choice", campaigns)],
            lambda v: self.app.media.add(v["kind"], v["title"] or "", outlet=v["outlet"],
                                         published_on=v["published_on"], url=v["url"],
                                         reach=v["reach"], campaign_id=v["campaign"]))

    def add_story(self) -> FormDialog:
        return self.form(tr("Add story"), [
            Field("title", tr("Title")), Field("body", tr("Story"), "multiline"),
            Field("consent", tr("The teller consents to its use"), "check"),
            Field("anonymised", tr("Tell it anonymously"), "check", default=True),
            Field("collected_on", tr("Collected on"), "date")],
            lambda v: self.app.stories.add(v["title"] or "", body=v["body"],
                                           consent_given=v["consent"],
                                           anonymised=v["anonymised"],
                                           collected_on=v["collected_on"]))
