"""Dashboard: is the campaign working? Headline figures for a campaign, phase or dates, each
beside its target, the objectives' progress, charts, and coalition diversity.

Every number comes from ``app.metrics`` (the same service the reports and ``saypro metrics``
use). Clicking a figure or a bar opens the records behind it: on their own page when that
page can show them (``show_records``), otherwise in a records dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.services.campaigns import CampaignInfo
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.metrics import (
    Diversity,
    Range,
    RecordsRequest,
    Snapshot,
    describe_range,
)
from saypro_desktop.ui.dashboard.cards import CARDS, FigureCard, ObjectiveRow, shown
from saypro_desktop.ui.dashboard.records import RecordsDialog
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.operations import Operations
from saypro_desktop.ui.widgets.page import Page

COLUMNS = 5
TABLES = ("interactions", "organisations", "people", "meetings", "meeting_attendees",
          "commitments", "concerns", "events", "sign_ins", "signatures", "petitions",
          "reforms", "reform_moves", "media_items", "stories", "campaigns", "campaign_phases",
          "objectives", "kpi_targets")


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


@dataclass(frozen=True)
class Loaded:
    campaigns: list[CampaignInfo]
    range: Range
    snapshot: Snapshot
    diversity: Diversity


class DashboardPage(Page):
    title = "Dashboard"
    shows = TABLES
    loaded = Signal()  # every figure and chart of the latest load is on screen

    def __init__(self, app: AppServices, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(app, ops, parent)
        self._campaigns: list[CampaignInfo] = []
        self._range: Range | None = None
        self._updating = False
        self._chosen: str | None = None  # campaign id picked by the person (None: current)
        self.records_dialog: RecordsDialog | None = None
        self._chart_views: dict[str, Any] = {}  # made on first load, reused after
        self._chart_order: list[str] = []

        heading = QLabel(tr("Dashboard"))
        heading.setStyleSheet("font-size: 20pt; font-weight: 600;")
        self.campaign = QComboBox()
        self.campaign.setObjectName("campaign_choice")
        self.campaign.setMinimumWidth(300)
        self.phase = QComboBox()
        self.phase.setObjectName("phase_choice")
        self.phase.setMinimumWidth(170)
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit, name in ((self.start, "range_start"), (self.end, "range_end")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
        self.range_text = QLabel()
        self.range_text.setObjectName("range_text")
        self.range_text.setStyleSheet("color: #57606a;")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(QLabel(tr("Campaign")))
        top.addWidget(self.campaign)
        top.addWidget(self.phase)
        top.addWidget(QLabel(tr("From")))
        top.addWidget(self.start)
        top.addWidget(QLabel(tr("to")))
        top.addWidget(self.end)

        self.cards: dict[str, FigureCard] = {}
        grid = QGridLayout()
        grid.setSpacing(8)
        for index, (key, _sub) in enumerate(CARDS):
            card = FigureCard(key)
            card.clicked.connect(lambda _c=False, k=key: self.open_figure(k))
            self.cards[key] = card
            grid.addWidget(card, index // COLUMNS, index % COLUMNS)

        self.objectives_box = QVBoxLayout()
        self.objectives_box.setSpacing(2)
        self.objectives_heading = QLabel(tr("Objectives"))
        self.objectives_heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.objective_rows: list[ObjectiveRow] = []

        self.charts = QGridLayout()
        self.charts.setSpacing(8)
        self.diversity_heading = QLabel(tr("Coalition diversity"))
        self.diversity_heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.diversity_note = QLabel()
        self.diversity_note.setObjectName("diversity_note")
        self.diversity_note.setWordWrap(True)
        self.diversity = QGridLayout()
        self.diversity.setSpacing(8)

        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 8, 0)
        inner.addWidget(self.range_text)
        inner.addLayout(grid)
        inner.addSpacing(8)
        inner.addWidget(self.objectives_heading)
        inner.addLayout(self.objectives_box)
        inner.addSpacing(8)
        inner.addLayout(self.charts)
        inner.addSpacing(8)
        inner.addWidget(self.diversity_heading)
        inner.addWidget(self.diversity_note)
        inner.addLayout(self.diversity)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

        self.campaign.currentIndexChanged.connect(self._campaign_chosen)
        self.phase.currentIndexChanged.connect(self._phase_chosen)
        self.start.dateChanged.connect(self._dates_chosen)
        self.end.dateChanged.connect(self._dates_chosen)

    # -- choosing the range ------------------------------------------------------------------
    def _selected_campaign(self) -> CampaignInfo | None:
        cid = self.campaign.currentData()
        return next((c for c in self._campaigns if c.id == cid), None)

    def _campaign_chosen(self) -> None:
        if self._updating:
            return
        self._chosen = self.campaign.currentData() or ""
        self._fill_phases()
        self._load_from_choices()

    def _phase_chosen(self) -> None:
        if not self._updating:
            self._load_from_choices()

    def _dates_chosen(self) -> None:
        if self._updating:
            return
        start, end = pydate(self.start.date()), pydate(self.end.date())
        if end < start:
            return
        self._load(Range(start, end, self.campaign.currentData() or None))

    def _fill_phases(self) -> None:
        self._updating = True
        try:
            self.phase.clear()
            chosen = self._selected_campaign()
            self.phase.addItem(tr("Whole campaign") if chosen else tr("Any dates"), None)
            for phase in chosen.phases if chosen else ():
                self.phase.addItem(phase.label, phase.id)
            self.phase.setEnabled(chosen is not None and bool(chosen.phases))
        finally:
            self._updating = False

    def _load_from_choices(self) -> None:
        chosen = self._selected_campaign()
        phase_id = self.phase.currentData()
        if chosen is None:
            start, end = pydate(self.start.date()), pydate(self.end.date())
            self._load(Range(start, end) if start <= end else Range())
            return
        self._load(self.app.metrics.range_for(chosen.id, phase_id))

    # -- loading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        self._load(self._range)

    def choose(self, campaign_id: str | None, phase_id: str | None = None) -> None:
        """Show a campaign (None: any dates) or one of its phases (tests, other pages)."""
        self._chosen = campaign_id or ""
        self._load(self.app.metrics.range_for(campaign_id, phase_id) if campaign_id
                   else Range(pydate(self.start.date()), pydate(self.end.date())))

    def _load(self, rng: Range | None) -> None:
        app, chosen = self.app, self._chosen

        def work() -> Loaded:
            campaigns = app.campaigns.all()
            current = rng
            if current is None:
                pick = (next((c for c in campaigns if c.id == chosen), None) if chosen
                        else app.campaigns.current())
                current = app.metrics.range_for(pick.id) if pick else Range()
            snapshot, diversity = app.metrics.dashboard(current)
            return Loaded(campaigns, current, snapshot, diversity)

        self.ops.query(work, self._show, parent=self, title=tr("Dashboard"))

    def _show(self, data: Loaded) -> None:
        self._range = data.range
        self._campaigns = data.campaigns
        self._updating = True
        try:
            self.campaign.clear()
            self.campaign.addItem(tr("All activity (choose dates)"), None)
            for c in data.campaigns:
                self.campaign.addItem(c.name, c.id)
            index = self.campaign.findData(data.range.campaign_id) if data.range.campaign_id \
                else 0
            self.campaign.setCurrentIndex(max(0, index))
        finally:
            self._updating = False
        phase_id = self.phase.currentData()
        self._fill_phases()
        self._updating = True
        try:
            if phase_id is not None and self.phase.findData(phase_id) >= 0:
                self.phase.setCurrentIndex(self.phase.findData(phase_id))
            today = date.today()
            self.start.setDate(qdate(data.range.start or date(today.year, 1, 1)))
            self.end.setDate(qdate(data.range.end or today))
            custom = data.range.campaign_id is None
            self.start.setEnabled(custom)
            self.end.setEnabled(custom)
        finally:
            self._updating = False
        self.range_text.setText(self._range_words(data))
        self._show_cards(data.snapshot)
        self._show_objectives(data.snapshot)
        self._show_charts(data.snapshot)
        self._show_diversity(data.diversity)
        self.loaded.emit()

    def _range_words(self, data: Loaded) -> str:
        words = describe_range(data.range)
        chosen = self._selected_campaign()
        if chosen is None:
            return tr("All activity, {range}").format(range=words)
        phase = self.phase.currentText() if self.phase.currentData() else ""
        return f"{chosen.name}{f' — {phase}' if phase else ''}: {words}"

    def _show_cards(self, snap: Snapshot) -> None:
        v = snap.values
        for key, sub in CARDS:
            detail = ""
            if sub:
                detail = f"{shown(sub[0], v.get(sub[0], 0))} {tr(sub[1])}"
            elif key == "response_rate":
                contacted = v.get("organisations_contacted", 0)
                detail = tr("{n} of {of} replied").format(
                    n=f"{round(v.get('response_rate', 0) * contacted):,}", of=f"{contacted:,.0f}")
            target = snap.targets.get(key)
            self.cards[key].show_value(v.get(key, 0), detail, target.value if target else None)

    def _show_objectives(self, snap: Snapshot) -> None:
        objectives = snap.objectives
        while len(self.objective_rows) < len(objectives):
            row = ObjectiveRow()
            self.objective_rows.append(row)
            self.objectives_box.addWidget(row)
        for row, objective in zip(self.objective_rows, objectives, strict=False):
            row.show_objective(objective)
        for row in self.objective_rows[len(objectives):]:
            row.hide()
        self.objectives_heading.setVisible(bool(objectives))

    def _chart(self, key: str, title: str, **options: Any) -> Any:
        """The page's chart ``key``, made on first use and reused on every load after."""
        from saypro_desktop.ui.dashboard.charts import BarChart  # QtCharts on first use

        chart = self._chart_views.get(key)
        if chart is None:
            chart = self._chart_views[key] = BarChart(title, **options)
            chart.setObjectName(f"chart_{key}")
        return chart

    def _show_charts(self, snap: Snapshot) -> None:
        shown: list[tuple[str, str, list[str], list[Any], dict[str, Any]]] = []
        channel = snap.response_by_channel
        if channel:
            shown.append((
                "response_by_channel", tr("Response rate by channel (%)"),
                [s.label for s in channel],
                [(tr("Replied"), [round(100 * s.value / s.of) if s.of else 0 for s in channel],
                  self._opener("response_rate", "channel", channel))],
                {"percent": True}))
        category = snap.response_by_category[:8]
        if category:
            shown.append((
                "response_by_category", tr("Response rate by stakeholder category (%)"),
                [s.label for s in category],
                [(tr("Replied"), [round(100 * s.value / s.of) if s.of else 0 for s in category],
                  self._opener("response_rate", "category", category))],
                {"percent": True}))
        concerns = snap.concerns_by_category
        if concerns:
            shown.append((
                "concerns_by_category", tr("Concerns by category"), [s.label for s in concerns],
                [(tr("Open"), [s.value for s in concerns],
                  self._opener("concerns_open", "category", concerns)),
                 (tr("Addressed"), [(s.of or 0) - s.value for s in concerns],
                  self._opener("concerns_addressed", "category", concerns))],
                {"stacked": True}))
        stages = snap.reforms_by_stage
        if stages:
            shown.append((
                "reforms_by_stage", tr("Reforms by stage"), [s.label for s in stages],
                [(tr("Reforms"), [s.value for s in stages],
                  self._opener("reforms_by_stage", "stage", stages))], {}))
        levels = snap.engagement_levels
        if any(s.value for s in levels):
            shown.append((
                "engagement_levels", tr("Partners by engagement"), [s.label for s in levels],
                [(tr("Partners"), [s.value for s in levels],
                  self._opener("partners_engaged", "level", levels))], {}))
        media = snap.media_by_kind
        if media:
            shown.append((
                "media_by_kind", tr("Media reach by kind"), [s.label for s in media],
                [(tr("Reach"), [s.value for s in media],
                  self._opener("media_reach", "kind", media))], {}))
        for key, title, labels, series, options in shown:
            self._chart(key, title, **options).show_bars(labels, series)
        order = [key for key, *_rest in shown]
        if order != self._chart_order:  # lay the grid out again only when its charts change
            while self.charts.count():
                self.charts.takeAt(0)
            for key, chart in self._chart_views.items():
                if key not in order and chart.parent() is not None:
                    chart.hide()
            for index, key in enumerate(order):
                self.charts.addWidget(self._chart_views[key], index // 2, index % 2)
                self._chart_views[key].show()
            self._chart_order = order

    def _show_diversity(self, div: Diversity) -> None:
        gaps = [s.label for s in div.by_category if not s.value]
        note = tr("{n} partners.").format(n=f"{div.partners:,}")
        if gaps:
            note += " " + tr("No partner yet among: {gaps}.").format(gaps=", ".join(gaps))
        self.diversity_note.setText(note)
        cats = [s for s in div.by_category if s.value]
        first = not self.diversity.count()
        charts = (
            (self._chart("partners_by_category", tr("Partners by category")),
             [s.label for s in cats], [s.value for s in cats], (0, 0, 2, 1)),
            (self._chart("partners_by_level", tr("Partners by level"), height=180),
             [s.label for s in div.by_level], [s.value for s in div.by_level], (0, 1, 1, 1)),
            (self._chart("partners_by_region", tr("Partners by province"), height=200),
             [s.label for s in div.by_region], [s.value for s in div.by_region],
             (1, 1, 1, 1)))
        for chart, labels, values, place in charts:
            chart.show_bars(labels, [(tr("Partners"), values, None)])
            if first:
                self.diversity.addWidget(chart, *place)

    # -- records behind a figure -------------------------------------------------------------
    def open_figure(self, key: str, part: str | None = None) -> None:
        rng = self._range or Range()
        app = self.app

        def work() -> tuple[RecordsRequest, Any]:
            request = app.metrics.records(key, rng, part)
            if self._page_shows_records(request.page, request.table):
                return request, None
            return request, app.metrics.describe(request)

        self.ops.query(work, self._open_records, parent=self, title=tr("Records"))

    def _opener(self, key: str, kind: str, shares: list[Any]) -> Callable[[int], None]:
        """What clicking bar ``index`` of a chart over ``shares`` does."""
        return lambda index: self.open_figure(key, f"{kind}:{shares[index].key}")

    def _page_shows_records(self, key: str, table: str) -> bool:
        """True when page ``key`` lists ``table`` records from a ``RecordsRequest``: it has
        ``show_records`` and names the table in its ``record_tables``."""
        pages = getattr(self.window(), "pages", {})
        page = pages.get(key) if isinstance(pages, dict) else None
        if page is None or page is self or not callable(getattr(page, "show_records", None)):
            return False
        tables = getattr(page, "record_tables", ())
        return table in tables

    def _open_records(self, result: tuple[RecordsRequest, Any]) -> None:
        request, rows = result
        if rows is None:
            self.ops.open_records.emit(request.page, request)
            return
        if self.records_dialog is not None:
            self.records_dialog.close()
        self.records_dialog = RecordsDialog(request.title, rows, self)
        self.records_dialog.show()
