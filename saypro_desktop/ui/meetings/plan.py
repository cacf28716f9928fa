"""The Meetings page's Action plans tab: one partner's action items, deadlines,
commitments, concerns and next meeting, beside the list of partners with plans.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from saypro_desktop.domain.outreach import format_day, format_moment, label_of
from saypro_desktop.services.meetings import ActionPlan, PlanPartner
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.meetings.tables import (
    action_model,
    commitment_model,
    concern_model,
    sized_table,
)
from saypro_desktop.ui.outreach.choose import ChooseRecordDialog
from saypro_desktop.ui.widgets.rows import ROW_ROLE, RowsModel

if TYPE_CHECKING:
    from saypro_desktop.ui.meetings.page import MeetingsPage


class ActionPlanView(QWidget):
    """One partner's action items, commitments, deadlines and next meeting."""

    def __init__(self, page: MeetingsPage) -> None:
        super().__init__()
        self.page = page
        self.organisation_id: str | None = None
        self.heading = QLabel(tr("Choose a partner to see its action plan."))
        self.heading.setObjectName("planHeading")
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.next_meeting = QLabel()
        self.next_meeting.setObjectName("planNextMeeting")
        choose = QPushButton(tr("Choose &partner…"))
        choose.setObjectName("planChoose")
        choose.clicked.connect(self.choose)
        self.deadlines_model: RowsModel[tuple[Any, str]] = RowsModel(
            [tr("Deadline"), tr("What")], lambda r: [format_day(r[0]), r[1]], self,
            sort_keys=lambda r: [r[0], r[1].casefold()])
        self.deadlines = sized_table(self.deadlines_model, "planDeadlines", [140])
        self.actions_model = action_model(self, with_meeting=True)
        self.actions_view = sized_table(self.actions_model, "planActions", [300, 160, 110, 90])
        self.commitments_model = commitment_model(self)
        self.commitments = sized_table(self.commitments_model, "planCommitments",
                                       [130, 180, 80, 90, 100, 100])
        self.concerns_model = concern_model(self)
        self.concerns = sized_table(self.concerns_model, "planConcerns", [80, 110, 150, 80, 260])
        self.partners_model: RowsModel[PlanPartner] = RowsModel(
            [tr("Partner"), tr("Open actions"), tr("Pledges")],
            lambda r: [r.name, str(r.open_actions), str(r.pledged)], self,
            sort_keys=lambda r: [r.name.casefold(), r.open_actions, r.pledged])
        self.partners = sized_table(self.partners_model, "planPartners", [230, 90])
        self.partners.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # most open work first
        self.partners.selectionModel().currentRowChanged.connect(self._partner_chosen)
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(choose)
        grid = QSplitter(Qt.Orientation.Vertical)
        for title, table in ((tr("Action items"), self.actions_view),
                             (tr("Deadlines"), self.deadlines),
                             (tr("Commitments"), self.commitments),
                             (tr("Concerns and barriers"), self.concerns)):
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 4, 0, 0)
            label = QLabel(title)
            label.setStyleSheet("font-weight: 600;")
            lay.addWidget(label)
            lay.addWidget(table)
            grid.addWidget(box)
        plan = QWidget()
        layout = QVBoxLayout(plan)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.next_meeting)
        layout.addWidget(grid, 1)
        split = QSplitter()
        split.addWidget(self.partners)
        split.addWidget(plan)
        split.setSizes([380, 900])
        QVBoxLayout(self).addWidget(split)

    def _partner_chosen(self, current: Any, _previous: Any) -> None:
        row = current.data(ROW_ROLE) if current.isValid() else None
        if row is not None and row.id != self.organisation_id:
            self.show_plan_of(row.id)

    def choose(self) -> None:
        dialog = ChooseRecordDialog(self.page.app, self, kinds=("organisation",),
                                    title=tr("Whose action plan?"))
        if dialog.exec() and dialog.chosen is not None:
            self.show_plan_of(dialog.chosen.id)

    def show_plan_of(self, organisation_id: str) -> None:
        self.organisation_id = organisation_id
        self.refresh()

    def refresh(self) -> None:
        meetings = self.page.app.meetings
        self.page.ops.query(meetings.partners_with_plans, self.partners_model.set_rows)
        if self.organisation_id is None:
            return
        org_id = self.organisation_id
        meetings = self.page.app.meetings
        self.page.ops.query(lambda: meetings.action_plan(org_id), self.show_plan,
                            parent=self, title=tr("The action plan could not be read"))

    def show_plan(self, plan: ActionPlan) -> None:
        from saypro_desktop.domain.enums import PipelineStage

        stage = label_of(PipelineStage, plan.stage) if plan.stage else tr("no stage yet")
        self.heading.setText(tr("Action plan: {org} ({stage})").format(org=plan.organisation,
                                                                       stage=tr(stage)))
        nxt = plan.next_meeting
        self.next_meeting.setText(
            tr("Next meeting: {title}, {when}{place}").format(
                title=nxt.title, when=format_moment(nxt.starts_at),
                place=f" — {nxt.place}" if nxt.place else "")
            if nxt else tr("No meeting planned yet."))
        self.actions_model.set_rows(plan.actions)
        self.deadlines_model.set_rows(plan.deadlines)
        self.commitments_model.set_rows(plan.commitments)
        self.concerns_model.set_rows(plan.concerns)
