"""The detail pane of the Organisations page: view and edit one organisation.

Tabs: Details (every field; a new record warns while typing when it resembles one that
exists), Members (role, primary contact), Assessment (the latest and the earlier ones,
and a form for a new one), Timeline, and Introductions (referrals).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.domain.enums import (
    MembershipRole,
    PipelineStage,
    StakeholderCategory,
)
from saypro_desktop.domain.errors import SayProError
from saypro_desktop.domain.organisations import ReferralOutcome, label_of
from saypro_desktop.domain.people import format_phone
from saypro_desktop.services.organisations import (
    MemberRow,
    ReferralRow,
)
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.organisations.assessment import AssessmentTab
from saypro_desktop.ui.organisations.details import DetailsTab
from saypro_desktop.ui.organisations.dialogs import MemberDialog, ReferralDialog
from saypro_desktop.ui.organisations.timeline import TimelineWidget
from saypro_desktop.ui.widgets.choices import choice_combo, select_data
from saypro_desktop.ui.widgets.rows import ROW_ROLE, RowsModel, make_table

if TYPE_CHECKING:
    from saypro_desktop.ui.organisations.page import OrganisationsPage


def _member_cells(m: MemberRow) -> list[str]:
    return [m.name + (" ★" if m.is_primary else ""), label_of(MembershipRole, m.role),
            m.title or "", m.email or "", format_phone(m.phone)]


def _referral_cells(r: ReferralRow) -> list[str]:
    return [f"{r.referred_on:%d %b %Y}" if r.referred_on else "", r.referrer, r.introduced,
            label_of(ReferralOutcome, r.outcome), r.note or ""]


class OrganisationEditor(QWidget):
    saved = Signal(str)

    def __init__(self, page: OrganisationsPage) -> None:
        super().__init__()
        self.page = page
        self.org_id: str | None = None
        self._loaded: dict[str, Any] = {}
        self.heading = QLabel()
        self.heading.setObjectName("organisationHeading")
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.heading.setWordWrap(True)
        self.meta = QLabel()
        self.meta.setObjectName("organisationMeta")
        self.meta.setWordWrap(True)
        self.stage = choice_combo(PipelineStage.choices(), tr("(no stage)"))
        self.stage.setObjectName("stageChoice")
        self.stage.setToolTip(tr("Move along the pipeline (the move is kept in the history)"))
        self.stage.activated.connect(self._stage_chosen)
        self.error = QLabel()
        self.error.setObjectName("editorError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()

        self.details = DetailsTab(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.details)
        self.members: RowsModel[MemberRow] = RowsModel(
            [tr("Name"), tr("Role"), tr("Title"), tr("Email"), tr("Phone")], _member_cells, self)
        self.members_table = make_table(self.members, "membersTable", sortable=True)
        self.members_table.horizontalHeader().resizeSection(0, 170)
        add_member = QPushButton(tr("Add member…"))
        add_member.setObjectName("addMember")
        add_member.clicked.connect(self.add_member)
        make_primary = QPushButton(tr("Make primary contact"))
        make_primary.setObjectName("makePrimary")
        make_primary.clicked.connect(self.make_primary)
        members_tab = QWidget()
        members_layout = QVBoxLayout(members_tab)
        members_layout.addWidget(self.members_table, 1)
        member_buttons = QHBoxLayout()
        member_buttons.addWidget(add_member)
        member_buttons.addWidget(make_primary)
        member_buttons.addStretch(1)
        members_layout.addLayout(member_buttons)
        members_layout.addWidget(QLabel(tr("<b>Referrals</b> — who introduced them, and what "
                                           "came of it")))
        self.assessment = AssessmentTab(self)
        self.timeline = TimelineWidget(page.app, page.ops)
        self.referrals: RowsModel[ReferralRow] = RowsModel(
            [tr("Date"), tr("Introduced by"), tr("Introduced"), tr("What came of it"),
             tr("Note")], _referral_cells, self)
        self.referrals_table = make_table(self.referrals, "referralsTable", sortable=True)
        add_referral = QPushButton(tr("Record an introduction…"))
        add_referral.setObjectName("addReferral")
        add_referral.clicked.connect(self.add_referral)
        self.referral_outcome = choice_combo(ReferralOutcome.choices(), tr("Set what came of it…"))
        self.referral_outcome.setObjectName("setReferralOutcome")
        self.referral_outcome.activated.connect(self._set_referral_outcome)
        referrals_layout = members_layout
        referrals_layout.addWidget(self.referrals_table, 1)
        referral_buttons = QHBoxLayout()
        referral_buttons.addWidget(add_referral)
        referral_buttons.addWidget(self.referral_outcome)
        referral_buttons.addStretch(1)
        referrals_layout.addLayout(referral_buttons)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("organisationTabs")
        self.tabs.addTab(scroll, tr("Details"))
        self.tabs.addTab(members_tab, tr("Members"))
        self.tabs.addTab(self.assessment, tr("Assessment"))
        self.tabs.addTab(self.timeline, tr("Timeline"))

        self.save_button = QPushButton(tr("&Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(tr("Save changes (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(tr("&Revert"))
        self.revert_button.clicked.connect(self.revert)
        self.delete_button = QPushButton(tr("&Delete"))
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.setToolTip(tr("Delete this organisation (Ctrl+Z brings it back)"))
        self.delete_button.clicked.connect(self.delete)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        self.log_button = QPushButton(tr("&Log…"))
        self.log_button.setObjectName("logInteraction")
        self.log_button.setToolTip(tr("Log a call, letter, visit or meeting with them"))
        self.log_button.clicked.connect(self.log_interaction)
        self.log_dialog: QDialog | None = None
        self.close_button = QPushButton("✕")
        self.close_button.setObjectName("closePane")
        self.close_button.setFlat(True)
        self.close_button.setFixedWidth(28)
        self.close_button.setToolTip(tr("Close (Esc)"))
        self.close_button.clicked.connect(page.close_pane)
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        actions = QHBoxLayout()
        actions.addWidget(self.stage)
        actions.addWidget(self.log_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.meta)
        layout.addLayout(actions)
        layout.addWidget(self.error)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

    # -- showing -----------------------------------------------------------------------
    def show_organisation(self, org_id: str | None) -> None:
        self.error.hide()
        self.org_id = org_id
        service = self.page.app.organisations
        if org_id is None:
            self._loaded = {}
            self.heading.setText(tr("New organisation"))
            self.meta.setText(tr("Fill in at least the name, then Save."))
            select_data(self.stage, PipelineStage.IDENTIFIED.value)
            self.stage.setEnabled(False)
            self.log_button.setEnabled(False)
            self.delete_button.setEnabled(False)
            self.details.fill({})
            self.details.set_phone_problem(None)
            self.members.set_rows([])
            self.assessment.show_history([])
            self.referrals.set_rows([])
            self.timeline.show_organisation(None)
            for index in range(1, self.tabs.count()):
                self.tabs.setTabEnabled(index, False)
            self.tabs.setTabText(1, tr("Members"))
            self.tabs.setCurrentIndex(0)
            return
        summary = service.summary(org_id)
        detail = summary.detail
        self._loaded = dict(detail.fields)
        self.heading.setText(detail.name)
        bits = [label_of(StakeholderCategory, detail.fields.get("category"))]
        primary = next((m for m in summary.members if m.is_primary), None)
        if primary:
            bits.append(tr("contact: {name}").format(name=primary.name))
        bits.append(tr("last changed {when:%d %b %Y}").format(when=detail.updated_at))
        self.meta.setText(" · ".join(b for b in bits if b))
        select_data(self.stage, detail.pipeline_stage)
        self.stage.setEnabled(True)
        self.log_button.setEnabled(True)
        self.delete_button.setEnabled(True)
        self.details.fill(self._loaded)
        self.details.set_phone_problem(detail.phone_problem)
        self.members.set_rows(summary.members)
        self.assessment.show_history(summary.assessments)
        self.referrals.set_rows(summary.referrals)
        for index in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(index, True)
        self.tabs.setTabText(1, tr("Members ({n})").format(n=len(summary.members)))
        self.timeline.show_organisation(org_id)

    def changes(self) -> dict[str, Any]:
        changed = {}
        for name, value in self.details.values().items():
            old = self._loaded.get(name)
            shown = format_phone(old) if name == "phone" else old
            if (value or None) != (shown or None):
                changed[name] = value
        return changed

    # -- actions -----------------------------------------------------------------------
    def _fail(self, error: SayProError) -> None:
        self.error.setText(str(error))
        self.error.show()

    def save(self) -> None:
        try:
            if self.org_id is None:
                self.page.create_organisation(self.details.values())
                return
            changes = self.changes()
            if changes:
                self.page.edit(self.org_id, changes)
        except SayProError as exc:
            self._fail(exc)

    def revert(self) -> None:
        self.error.hide()
        self.details.fill(self._loaded)

    def delete(self) -> None:
        if self.org_id is not None:
            self.page.delete(self.org_id)

    def _stage_chosen(self, _index: int) -> None:
        stage = self.stage.currentData()
        if self.org_id is not None and stage:
            self.page.move_stage(self.org_id, stage)

    def assess(self, values: dict[str, Any]) -> bool:
        if self.org_id is None:
            return False
        try:
            self.page.app.organisations.assess(self.org_id, values)
        except SayProError as exc:
            self._fail(exc)
            return False
        self.error.hide()
        self.show_organisation(self.org_id)
        return True

    def add_member(self) -> None:
        if self.org_id is None:
            return
        dialog = MemberDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.person_id() is None:
            return
        try:
            self.page.app.organisations.add_member(
                self.org_id, str(dialog.person_id()), role=dialog.role.currentData(),
                primary=dialog.primary.isChecked())
        except SayProError as exc:
            self._fail(exc)
            return
        self.show_organisation(self.org_id)

    def make_primary(self) -> None:
        rows = self.members_table.selectionModel().selectedRows()
        if not rows or self.org_id is None:
            return
        member = rows[0].data(ROW_ROLE)
        if isinstance(member, MemberRow):
            self.page.app.organisations.set_primary_contact(member.id)
            self.show_organisation(self.org_id)

    def add_referral(self) -> None:
        if self.org_id is None:
            return
        dialog = ReferralDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.record_referral(dialog.referrer.person_id(), dialog.contact.person_id(),
                             dialog.outcome.currentData(), dialog.note.text())

    def record_referral(self, referrer_id: str | None, person_id: str | None,
                        outcome: str | None, note: str) -> None:
        if self.org_id is None:
            return
        if referrer_id is None:
            self._fail(SayProError(tr("choose who made the introduction")))
            return
        try:
            self.page.app.organisations.add_referral(
                referrer_id, referred_id=person_id, organisation_id=self.org_id,
                note=note, outcome=outcome)
        except SayProError as exc:
            self._fail(exc)
            return
        self.show_organisation(self.org_id)
        self.tabs.setCurrentIndex(1)

    def _set_referral_outcome(self, _index: int) -> None:
        outcome = self.referral_outcome.currentData()
        self.referral_outcome.setCurrentIndex(0)
        rows = self.referrals_table.selectionModel().selectedRows()
        referral = rows[0].data(ROW_ROLE) if rows else None
        if outcome and isinstance(referral, ReferralRow) and self.org_id is not None:
            self.page.app.organisations.set_referral_outcome(referral.id, outcome)
            self.show_organisation(self.org_id)
            self.tabs.setCurrentIndex(1)

    def log_interaction(self) -> None:
        """The outreach form, already pointed at this organisation."""
        if self.org_id is None:
            return
        from saypro_desktop.ui.outreach.log_dialog import open_log_dialog

        self.log_dialog = open_log_dialog(self.page.app, self.page.ops, self,
                                          organisation_id=self.org_id, name=self.heading.text())
