"""The Coalition page: who we are, the steering committee and working groups, who is
represented (gaps show), commitments, concerns, and the map of who introduced whom."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.enums import GroupRole
from saypro_desktop.services.coalition import (
    GroupMemberRow,
    GroupRow,
    Profile,
    ReferralGraph,
    RepresentationRow,
)
from saypro_desktop.services.commitments import CommitmentRow
from saypro_desktop.services.concerns import ConcernRow
from saypro_desktop.services.context import AppServices
from saypro_desktop.ui.coalition.referrals import ReferralLine, ReferralMap
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.meetings.tables import (
    commitment_model,
    concern_model,
    selected,
    sized_table,
)
from saypro_desktop.ui.operations import Operations
from saypro_desktop.ui.outreach.choose import ChooseRecordDialog
from saypro_desktop.ui.outreach.models import HighlightRowsModel
from saypro_desktop.ui.outreach.undo import add_undo_actions, push
from saypro_desktop.ui.widgets.page import Page
from saypro_desktop.ui.widgets.records_bar import RecordsBar
from saypro_desktop.ui.widgets.rows import ROW_ROLE, RowsModel

DIMENSIONS = {"category": "Category", "level": "Government level", "region": "Region"}


@dataclass(frozen=True)
class _Loaded:
    profile: Profile
    our_people: list[Any]
    groups: list[GroupRow]
    representation: list[RepresentationRow]
    graph: ReferralGraph
    commitments: list[CommitmentRow]
    concerns: list[ConcernRow]


class CoalitionPage(Page):
    shows = ("coalition_profile", "working_groups", "working_group_members", "organisations",
             "people", "referrals", "commitments", "concerns")
    #: The dashboard opens its commitment figures here (a RecordsRequest for these tables).
    record_tables = ("commitments", "concerns")

    def __init__(self, app: AppServices, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(app, ops, parent)
        self.setObjectName("coalitionPage")
        self.loaded: _Loaded | None = None

        # -- who we are --------------------------------------------------------------------
        self.our_org = QLabel()
        self.our_org.setObjectName("ourOrganisation")
        self.our_org.setStyleSheet("font-weight: 600;")
        choose_org = QPushButton(tr("Choose…"))
        choose_org.setObjectName("chooseOurOrganisation")
        choose_org.clicked.connect(self.choose_our_organisation)
        self.coordinator = QComboBox()
        self.coordinator.setObjectName("coordinator")
        self.coordinator.setMinimumWidth(200)
        self.coordinator.activated.connect(lambda _i: self.set_coordinator())
        profile = QHBoxLayout()
        profile.addWidget(QLabel(tr("Our organisation:")))
        profile.addWidget(self.our_org)
        profile.addWidget(choose_org)
        profile.addSpacing(24)
        profile.addWidget(QLabel(tr("Coordinator:")))
        profile.addWidget(self.coordinator, 1)

        # -- groups ------------------------------------------------------------------------
        self.groups_model: RowsModel[GroupRow] = RowsModel(
            [tr("Group"), tr("Focus"), tr("Chair"), tr("Coordinator"), tr("Members")],
            lambda g: [g.name + (tr("  (steering committee)") if g.steering and
                                 "steering" not in g.name.lower() else ""), g.focus,
                       g.chair or tr("no chair yet"), g.coordinator,
                       (f"{g.member_count} / {g.seats} " + tr("seats")) if g.seats
                       else str(g.member_count)], self,
            sort_keys=lambda g: [(not g.steering, g.name.casefold()), g.focus.casefold(),
                                 g.chair.casefold(), g.coordinator.casefold(), g.member_count])
        self.groups_table = sized_table(self.groups_model, "groupsTable", [260, 330, 150, 150])
        self.groups_table.selectionModel().currentRowChanged.connect(
            lambda _c, _p: self._show_members())
        self.members_model: RowsModel[GroupMemberRow] = RowsModel(
            [tr("Member"), tr("Organisation"), tr("Role")],
            lambda m: [m.name, m.organisation, tr(m.role_label)], self)
        self.members_table = sized_table(self.members_model, "membersTable", [200, 260])
        groups_tab = QWidget()
        lay = QVBoxLayout(groups_tab)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.groups_table)
        split.addWidget(self.members_table)
        lay.addWidget(split, 1)
        buttons = QHBoxLayout()
        for name, text, slot in (("newGroup", tr("New &working group…"), self.new_group),
                                 ("addMember", tr("&Add member…"), self.add_member),
                                 ("makeChair", tr("Make &chair"), self.make_chair),
                                 ("removeMember", tr("&Remove member"), self.remove_member)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        lay.addLayout(buttons)

        # -- representation ----------------------------------------------------------------
        self.dimension = QComboBox()
        self.dimension.setObjectName("representationDimension")
        for value, label in DIMENSIONS.items():
            self.dimension.addItem(tr(label), value)
        self.dimension.currentIndexChanged.connect(self._show_representation)
        self.gaps = QLabel()
        self.gaps.setObjectName("representationGaps")
        self.gaps.setWordWrap(True)
        self.representation_model = HighlightRowsModel(
            [tr("Represented"), tr("Member organisations"), tr("Still in the pipeline")],
            lambda r: [r.label, str(r.members) if r.members else tr("none — a gap"),
                       str(r.prospects)], self,
            sort_keys=lambda r: [r.label.casefold(), r.members, r.prospects],
            urgent=lambda r: r.gap)
        self.representation_table = sized_table(self.representation_model, "representationTable",
                                                [300, 200])
        rep_tab = QWidget()
        lay = QVBoxLayout(rep_tab)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("By")))
        top.addWidget(self.dimension)
        top.addStretch(1)
        lay.addLayout(top)
        lay.addWidget(self.gaps)
        lay.addWidget(self.representation_table, 1)

        # -- referrals ---------------------------------------------------------------------
        self.map = ReferralMap()
        self.referrals_model: RowsModel[ReferralLine] = RowsModel(
            [tr("Introduced by"), tr("Introduced"), tr("What came of it")],
            lambda r: [r.referrer, r.referred, r.note], self)
        self.referrals_table = sized_table(self.referrals_model, "referralsTable", [180, 180])
        ref_tab = QSplitter()
        ref_tab.addWidget(self.map)
        ref_tab.addWidget(self.referrals_table)
        ref_tab.setSizes([800, 420])

        # -- commitments and concerns ------------------------------------------------------
        self.commitments_model = commitment_model(self)
        self.commitments_table = sized_table(self.commitments_model, "coalitionCommitments",
                                             [140, 240, 90, 90, 100, 100])
        self.commitment_status = QComboBox()
        self.commitment_status.setObjectName("commitmentStatusFilter")
        statuses: list[tuple[str | None, str]] = [
            (None, "All commitments"), ("pledged", "Pledged, not yet delivered"),
            ("delivered", "Delivered"), ("withdrawn", "Withdrawn")]
        for status, label in statuses:
            self.commitment_status.addItem(tr(label), status)
        self.commitment_status.currentIndexChanged.connect(self._show_commitments)
        self.commitment_totals = QLabel()
        # Shown when a dashboard figure opened the page at the commitments or concerns it
        # counted: that table lists just those rows until "Show all".
        self._only: frozenset[str] | None = None
        self._only_concerns: frozenset[str] | None = None
        self.records_bar = RecordsBar()
        self.records_bar.cleared.connect(self.clear_records)
        self.concerns_bar = RecordsBar()
        self.concerns_bar.cleared.connect(self.clear_concern_records)
        deliver = QPushButton(tr("Mark &delivered"))
        deliver.setObjectName("coalitionDelivered")
        deliver.clicked.connect(self.mark_delivered)
        self.commitments_tab = com_tab = QWidget()
        lay = QVBoxLayout(com_tab)
        top = QHBoxLayout()
        top.addWidget(self.commitment_status)
        top.addWidget(self.commitment_totals, 1)
        top.addWidget(deliver)
        lay.addLayout(top)
        lay.addWidget(self.records_bar)
        lay.addWidget(self.commitments_table, 1)
        self.concerns_model = concern_model(self)
        self.concerns_table = sized_table(self.concerns_model, "coalitionConcerns",
                                          [90, 120, 200, 90])
        # What was said and how it was addressed share the rest and wrap, so neither is cut.
        self.concerns_table.setWordWrap(True)
        for column in (4, 5):
            self.concerns_table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch)
        self.concerns_tab = con_tab = QWidget()
        lay = QVBoxLayout(con_tab)
        self.concern_totals = QLabel()
        lay.addWidget(self.concern_totals)
        lay.addWidget(self.concerns_bar)
        lay.addWidget(self.concerns_table, 1)

        self.search = QLineEdit()
        self.search.setObjectName("coalitionSearch")
        self.search.setPlaceholderText(tr("Search this tab…  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("coalitionTabs")
        self.tabs.addTab(groups_tab, tr("Steering committee && &working groups"))
        self.tabs.addTab(rep_tab, tr("&Representation"))
        self.tabs.addTab(com_tab, tr("&Commitments"))
        self.tabs.addTab(con_tab, tr("Co&ncerns"))
        self.tabs.addTab(ref_tab, tr("Who introduced &whom"))
        head = QHBoxLayout()
        head.addLayout(profile, 3)
        head.addWidget(self.search, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self.search.setFocus)
        self.addAction(find)
        add_undo_actions(self, self.ops)

    # -- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        app = self.app
        self.ops.query(lambda: _Loaded(app.coalition.profile(), app.coalition.our_people(),
                                       app.coalition.groups(), app.coalition.representation(),
                                       app.coalition.referral_graph(),
                                       app.commitments.list(), app.concerns.list()),
                       self.show_loaded, parent=self, title=tr("The coalition could not be read"))

    def show_loaded(self, loaded: _Loaded) -> None:
        self.loaded = loaded
        p = loaded.profile
        self.our_org.setText(p.our_organisation or tr("not chosen yet"))
        self.coordinator.clear()
        self.coordinator.addItem(tr("— choose —"), None)
        for person in loaded.our_people:
            self.coordinator.addItem(person.name, person.id)
        if p.coordinator_id and self.coordinator.findData(p.coordinator_id) < 0:
            self.coordinator.addItem(p.coordinator, p.coordinator_id)
        self.coordinator.setCurrentIndex(max(0, self.coordinator.findData(p.coordinator_id)))
        current = selected(self.groups_table)
        self.groups_model.set_rows(loaded.groups)
        proxy = self.groups_table.model()
        for row in range(proxy.rowCount()):
            group = proxy.index(row, 0).data(ROW_ROLE)
            if current is None or group.id == current.id:
                self.groups_table.selectRow(row)
                break
        self._show_members()
        self._show_representation()
        self.map.show_graph(loaded.graph)
        names = {n.id: n.name for n in loaded.graph.nodes}
        self.referrals_model.set_rows([
            ReferralLine(names.get(e.referrer_id, ""), names.get(e.referred_id, ""), e.note)
            for e in loaded.graph.edges])
        self._show_commitments()
        self._show_concerns()
        self._filter(self.search.text())

    def _show_concerns(self) -> None:
        if self.loaded is None:
            return
        only = self._only_concerns
        rows = [c for c in self.loaded.concerns if only is None or c.id in only]
        self.concerns_model.set_rows(rows)
        self.concerns_table.resizeRowsToContents()
        open_count = sum(1 for c in rows if c.is_open)
        self.concern_totals.setText(tr("{open} open, {done} addressed").format(
            open=open_count, done=len(rows) - open_count))

    def _show_members(self) -> None:
        group: GroupRow | None = selected(self.groups_table)
        self.members_model.set_rows(group.members if group else [])

    def _show_representation(self) -> None:
        if self.loaded is None:
            return
        dimension = self.dimension.currentData()
        rows = [r for r in self.loaded.representation if r.dimension == dimension]
        self.representation_model.set_rows(rows)
        gaps = [r.label for r in rows if r.gap]
        self.gaps.setText(tr("Not yet represented: {list}").format(list=", ".join(gaps))
                          if gaps else tr("Every {d} is represented.").format(
                              d=tr(DIMENSIONS[dimension]).lower()))
        self.gaps.setStyleSheet("color: #b3261e;" if gaps else "color: #1e7b34;")

    def _show_commitments(self) -> None:
        if self.loaded is None:
            return
        status = self.commitment_status.currentData()
        only = self._only
        listed = [c for c in self.loaded.commitments if only is None or c.id in only]
        rows = [c for c in listed if status is None or c.status == status]
        self.commitments_model.set_rows(rows)
        pledged = sum(1 for c in listed if c.status == "pledged")
        delivered = sum(1 for c in listed if c.status == "delivered")
        self.commitment_totals.setText(tr("{p} pledged, {d} delivered").format(p=pledged,
                                                                              d=delivered))

    def show_records(self, request: object) -> None:
        """Show just the commitments or concerns a dashboard figure counted
        (``request.table``, ``request.ids``), under its title, until "Show all"."""
        table = getattr(request, "table", None)
        if table == "concerns":
            self._only_concerns = frozenset(getattr(request, "ids", ()))
            self.concerns_bar.show_title(str(getattr(request, "title", "")))
            self.tabs.setCurrentIndex(self.tabs.indexOf(self.concerns_tab))
            self._show_concerns()
            return
        if table != "commitments":
            return
        self._only = frozenset(getattr(request, "ids", ()))
        self.records_bar.show_title(str(getattr(request, "title", "")))
        self.tabs.setCurrentIndex(self.tabs.indexOf(self.commitments_tab))
        self.commitment_status.setCurrentIndex(0)  # every status the figure counted
        self._show_commitments()

    def clear_records(self) -> None:
        self._only = None
        self.records_bar.hide()
        self._show_commitments()

    def clear_concern_records(self) -> None:
        self._only_concerns = None
        self.concerns_bar.hide()
        self._show_concerns()

    def _filter(self, text: str) -> None:
        for table in (self.groups_table, self.members_table, self.representation_table,
                      self.referrals_table, self.commitments_table, self.concerns_table):
            proxy = table.model()
            if isinstance(proxy, QSortFilterProxyModel):
                proxy.setFilterFixedString(text)

    # -- changes ---------------------------------------------------------------------------
    def _profile_write(self, text: str, **changes: Any) -> None:
        if self.loaded is None:
            return
        before = self.loaded.profile
        coalition = self.app.coalition
        after = {"name": before.name or None, "our_organisation_id": before.our_organisation_id,
                 "coordinator_id": before.coordinator_id, **changes}
        old = {"name": before.name or None, "our_organisation_id": before.our_organisation_id,
               "coordinator_id": before.coordinator_id}
        self.ops.write(lambda: coalition.set_profile(**after), lambda _r: push(
            self.ops, text, lambda: coalition.set_profile(**after),
            lambda: coalition.set_profile(**old)), parent=self,
            title=tr("The coalition was not changed"))

    def choose_our_organisation(self) -> None:
        dialog = ChooseRecordDialog(self.app, self, kinds=("organisation",),
                                    title=tr("Which organisation are we?"))
        if dialog.exec() and dialog.chosen is not None:
            self._profile_write(tr("Choose our organisation"),
                                our_organisation_id=dialog.chosen.id)

    def set_coordinator(self) -> None:
        self._profile_write(tr("Choose the coordinator"),
                            coordinator_id=self.coordinator.currentData())

    def new_group(self) -> None:
        name, ok = QInputDialog.getText(self, tr("New working group"), tr("Name"))
        if not ok or not name.strip():
            return
        focus, _ok = QInputDialog.getText(self, tr("New working group"), tr("Focus"))
        coalition = self.app.coalition
        self.ops.write(lambda: coalition.add_group(name, focus=focus or None), parent=self,
                       title=tr("The group was not added"))

    def add_member(self) -> None:
        group: GroupRow | None = selected(self.groups_table)
        if group is None:
            return
        dialog = ChooseRecordDialog(self.app, self, kinds=("person",),
                                    title=tr("Add a member to {group}").format(group=group.name))
        if not dialog.exec() or dialog.chosen is None:
            return
        person_id = dialog.chosen.id
        coalition = self.app.coalition
        self.ops.write(lambda: coalition.add_member(group.id, person_id), lambda member_id: push(
            self.ops, tr("Add member"), lambda: coalition.add_member(group.id, person_id),
            lambda: coalition.remove_member(member_id)), parent=self,
            title=tr("The member was not added"))

    def make_chair(self) -> None:
        group: GroupRow | None = selected(self.groups_table)
        member: GroupMemberRow | None = selected(self.members_table)
        if group is None or member is None:
            return
        coalition = self.app.coalition
        old = member.role
        self.ops.write(lambda: coalition.add_member(group.id, member.person_id,
                                                    GroupRole.CHAIR.value),
                       lambda _r: push(self.ops, tr("Make chair"),
                                       lambda: coalition.add_member(group.id, member.person_id,
                                                                    GroupRole.CHAIR.value),
                                       lambda: coalition.add_member(group.id, member.person_id,
                                                                    old)))

    def remove_member(self) -> None:
        group: GroupRow | None = selected(self.groups_table)
        member: GroupMemberRow | None = selected(self.members_table)
        if group is None or member is None:
            return
        coalition = self.app.coalition
        self.ops.write(lambda: coalition.remove_member(member.id), lambda _r: push(
            self.ops, tr("Remove member"), lambda: coalition.remove_member(member.id),
            lambda: coalition.add_member(group.id, member.person_id, member.role)))

    def mark_delivered(self) -> None:
        row: CommitmentRow | None = selected(self.commitments_table)
        if row is None or row.status == "delivered":
            return
        commitments = self.app.commitments
        self.ops.write(lambda: commitments.mark_delivered(row.id, date.today()),
                       lambda diff: push(self.ops, tr("Mark delivered"),
                                         lambda: commitments.mark_delivered(row.id),
                                         lambda: commitments.update(
                                             row.id, {k: o for k, (o, _) in diff.items()})))
