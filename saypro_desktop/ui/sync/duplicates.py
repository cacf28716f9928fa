"""The Sync page's Possible duplicates tab: merge two people, or say they differ."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QMessageBox,
    QWidget,
)

from saypro_desktop.services.duplicates import DuplicateCandidate
from saypro_desktop.services.people import PersonRow
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.sync.base import (
    ListTab,
    SyncPageBase,
    make_button,
)
from saypro_desktop.ui.widgets.rows import RowsModel, make_table

if TYPE_CHECKING:  # the bundle and key code (cryptography) loads when sync is first used
    pass

log = logging.getLogger(__name__)

def _person_line(person: PersonRow) -> str:
    details = [d for d in (person.email, person.phone, person.organisation, person.city) if d]
    return " · ".join([person.name, *details])



class DuplicatesTab(SyncPageBase):
    """Mixed into SyncPage."""

    def _build_duplicates_tab(self) -> QWidget:
        self.duplicates_model: RowsModel[DuplicateCandidate] = RowsModel(
            [tr("Person"), tr("Looks like"), tr("Why")],
            lambda c: [_person_line(c.first), _person_line(c.second), c.reason],
            self,
        )
        self.duplicates_table = make_table(self.duplicates_model, "duplicatesTable")
        self.duplicates_table.selectionModel().selectionChanged.connect(
            lambda *_: self._update_duplicate_buttons()
        )
        self.merge_button = make_button(tr("&Merge…"), "mergePeople", self.merge_selected)
        self.dismiss_button = make_button(
            tr("&Not the same person"), "notSamePerson", self.dismiss_selected
        )
        self.duplicates_stack = ListTab(
            tr(
                "The same person may have been entered on two laptops. Merging keeps the "
                "older record, fills its empty fields from the other and moves their history "
                "over."
            ),
            self.duplicates_table,
            [self.merge_button, self.dismiss_button],
            "duplicatesEmpty",
            tr("No possible duplicates: nobody seems to have been entered twice."),
        )
        self.duplicates_empty = self.duplicates_stack.empty
        return self.duplicates_stack

    def _show_duplicates(self, candidates: list[DuplicateCandidate]) -> None:
        self.duplicates_model.set_rows(candidates)
        self.duplicates_table.resizeColumnsToContents()
        self.duplicates_stack.show_rows(bool(candidates))
        if candidates:
            self.duplicates_table.selectRow(0)
        self._update_duplicate_buttons()
        self.tabs.setTabText(2, tr("&Possible duplicates ({n})").format(n=len(candidates)))

    # -- duplicates ----------------------------------------------------------------------
    def selected_candidate(self) -> DuplicateCandidate | None:
        rows = self.duplicates_table.selectionModel().selectedRows()
        return self.duplicates_model.row_at(rows[0].row()) if rows else None

    def _update_duplicate_buttons(self) -> None:
        enabled = self.selected_candidate() is not None and not self.busy
        self.merge_button.setEnabled(enabled)
        self.dismiss_button.setEnabled(enabled)

    def merge_selected(self) -> None:
        candidate = self.selected_candidate()
        if candidate is None:
            return
        answer = QMessageBox.question(
            self,
            tr("Merge two people"),
            tr(
                "Merge {first} and {second} into one person?\n\nThe older record is kept; "
                "its empty fields are filled from the other. The merge reaches other "
                "laptops when you sync."
            ).format(first=candidate.first.name, second=candidate.second.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        duplicates = self.app.duplicates

        def merged(_result: object) -> None:
            self.refresh()
            self.message.setText(
                tr("Merged {first} and {second}.").format(
                    first=candidate.first.name, second=candidate.second.name
                )
            )

        self.run_work(lambda: duplicates.merge(candidate.first.id, candidate.second.id),
                      merged, tr("Merging…"), tr("Could not merge"))

    def dismiss_selected(self) -> None:
        candidate = self.selected_candidate()
        if candidate is None:
            return
        duplicates = self.app.duplicates

        def dismissed(_result: object) -> None:
            self.refresh()
            self.message.setText(
                tr("Noted: {first} and {second} are different people.").format(
                    first=candidate.first.name, second=candidate.second.name
                )
            )

        self.run_work(lambda: duplicates.dismiss(candidate.id), dismissed,
                      tr("Saving…"), tr("Could not dismiss"))
