"""The Sync page's Conflicts tab: values changed on two devices, and the choice between them."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QInputDialog,
    QLineEdit,
    QWidget,
)

from saypro_desktop.domain.enums import PipelineStage, Priority, StakeholderCategory
from saypro_desktop.domain.errors import SayProError
from saypro_desktop.domain.people import display_name
from saypro_desktop.domain.time import stamp_moment
from saypro_desktop.services.areas import PeopleArea, SyncArea
from saypro_desktop.services.sync import Conflict, ConflictValue
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.labels import label_of
from saypro_desktop.ui.people.editor import field_label
from saypro_desktop.ui.sync.base import (
    ListTab,
    SyncPageBase,
    make_button,
)
from saypro_desktop.ui.sync.dialogs import (
    format_when,
)
from saypro_desktop.ui.widgets.rows import RowsModel, make_table

if TYPE_CHECKING:  # the bundle and key code (cryptography) loads when sync is first used
    pass

log = logging.getLogger(__name__)



@dataclass(frozen=True)
class ConflictRow:
    conflict: Conflict
    record: str
    field: str
    shown: str
    others: str
    is_deletion: bool



# Fields whose stored values are enum values: shown by their label, never the raw value.
ENUM_FIELDS: dict[str, type[Enum]] = {
    "category": StakeholderCategory, "pipeline_stage": PipelineStage, "priority": Priority,
}


def _value_text(value: Any, field: str = "") -> str:
    if value is None or value == "":
        return tr("(empty)")
    enum = ENUM_FIELDS.get(field)
    if enum is not None and isinstance(value, str):
        return label_of(enum, value)
    return str(value)


def _field_label(field: str, deletion: bool) -> str:
    if deletion:
        return tr("Deleted on one device, changed on another")
    return field_label(field)


def _origin(value: ConflictValue, names: dict[str, str]) -> str:
    device = names.get(value.device_id, value.device_id[:8])
    return tr("{device}, {when}").format(device=device, when=format_when(stamp_moment(value.stamp)))


def _record_name(people: PeopleArea, table: str, row_id: str) -> str:
    if table == "people":
        try:
            fields = people.get(row_id).fields
        except SayProError:
            return tr("Person {id} (deleted)").format(id=row_id[:8])
        return display_name(fields.get("first_name"), fields.get("last_name"))
    return tr("{table} {id}").format(table=table.replace("_", " ").capitalize(), id=row_id[:8])


def conflict_rows(
    people: PeopleArea, sync: SyncArea, conflicts: Sequence[Conflict], names: dict[str, str]
) -> list[ConflictRow]:
    rows = []
    for c in conflicts:
        record = _record_name(people, c.table, c.row_id)
        deletion = sync.is_deletion(c)
        if deletion:
            shown = tr("Kept: changed on {origin}").format(origin=_origin(c.shown, names))
            others = "; ".join(
                tr("Deleted on {origin}").format(origin=_origin(o, names)) for o in c.others
            )
        else:
            shown = tr("{value} ({origin})").format(
                value=_value_text(c.shown.value, c.field), origin=_origin(c.shown, names)
            )
            others = "; ".join(
                tr("{value} ({origin})").format(
                    value=_value_text(o.value, c.field), origin=_origin(o, names)
                )
                for o in c.others
            )
        rows.append(
            ConflictRow(c, record, _field_label(c.field, deletion), shown, others, deletion)
        )
    return rows



class ConflictsTab(SyncPageBase):
    """Mixed into SyncPage."""

    def _build_conflicts_tab(self) -> QWidget:
        self.conflicts_model: RowsModel[ConflictRow] = RowsModel(
            [tr("Record"), tr("Field"), tr("Shown now"), tr("Other value")],
            lambda r: [r.record, r.field, r.shown, r.others],
            self,
        )
        self.conflicts_table = make_table(self.conflicts_model, "conflictsTable")
        self.conflicts_table.selectionModel().selectionChanged.connect(
            lambda *_: self._update_conflict_buttons()
        )
        self.keep_button = make_button("", "keepShown", self.keep_shown)
        self.other_button = make_button("", "useOther", self.use_other)
        self.type_button = make_button(tr("&Type a value…"), "typeValue", self.type_value)
        self.conflicts_stack = ListTab(
            tr(
                "These were changed on two devices before either saw the other's change. "
                "Both values are kept until you choose; your choice reaches every device "
                "when you sync."
            ),
            self.conflicts_table,
            [self.keep_button, self.other_button, self.type_button],
            "conflictsEmpty",
            tr("No conflicts: every change from every device fits together."),
        )
        self.conflicts_empty = self.conflicts_stack.empty
        return self.conflicts_stack

    def _show_conflicts(self, rows: list[ConflictRow]) -> None:
        selected = self.selected_conflict()
        self.conflicts_model.set_rows(rows)
        self.conflicts_table.resizeColumnsToContents()
        self.conflicts_stack.show_rows(bool(rows))
        if rows:
            keys = [(r.conflict.table, r.conflict.row_id, r.conflict.field) for r in rows]
            key = (
                (selected.conflict.table, selected.conflict.row_id, selected.conflict.field)
                if selected
                else None
            )
            self.conflicts_table.selectRow(keys.index(key) if key in keys else 0)
        self._update_conflict_buttons()
        self.tabs.setTabText(1, tr("&Conflicts ({n})").format(n=len(rows)))

    # -- conflicts -----------------------------------------------------------------------
    def selected_conflict(self) -> ConflictRow | None:
        rows = self.conflicts_table.selectionModel().selectedRows()
        return self.conflicts_model.row_at(rows[0].row()) if rows else None

    def _update_conflict_buttons(self) -> None:
        row = self.selected_conflict()
        deletion = bool(row and row.is_deletion)
        self.keep_button.setText(tr("&Keep the record") if deletion else tr("&Keep shown value"))
        self.other_button.setText(
            tr("De&lete it after all") if deletion else tr("Use the &other value")
        )
        self.type_button.setVisible(not deletion)
        for button in (self.keep_button, self.other_button, self.type_button):
            button.setEnabled(row is not None and not self.busy)

    def keep_shown(self) -> None:
        row = self.selected_conflict()
        if row is not None:
            self._resolve(row, False if row.is_deletion else row.conflict.shown.value)

    def use_other(self) -> None:
        row = self.selected_conflict()
        if row is None:
            return
        if row.is_deletion:
            self._resolve(row, True)
            return
        others = row.conflict.others
        if len(others) == 1:
            self._resolve(row, others[0].value)
            return
        names = self.device_names()
        labels = [
            tr("{value} ({origin})").format(
                value=_value_text(o.value, row.conflict.field), origin=_origin(o, names))
            for o in others
        ]
        choice, ok = QInputDialog.getItem(
            self, tr("Use another value"), tr("Which value is right?"), labels, 0, False
        )
        if ok and choice in labels:
            self._resolve(row, others[labels.index(choice)].value)

    def type_value(self) -> None:
        row = self.selected_conflict()
        if row is None or row.is_deletion:
            return
        current = row.conflict.shown.value
        text, ok = QInputDialog.getText(
            self,
            tr("Type a value"),
            tr("The right value for {field} of {record}:").format(
                field=row.field, record=row.record
            ),
            QLineEdit.EchoMode.Normal,
            "" if current is None else str(current),
        )
        if ok:
            self._resolve(row, text.strip() or None)

    def _resolve(self, row: ConflictRow, value: Any) -> None:
        c = row.conflict
        sync = self.app.sync

        def settled(_result: object) -> None:
            self.refresh()
            self.message.setText(
                tr(
                    "Settled: {field} of {record}. The choice reaches other devices when you "
                    "sync."
                ).format(field=row.field, record=row.record)
            )

        self.run_work(lambda: sync.resolve(c.table, c.row_id, c.field, value), settled,
                      tr("Saving your choice…"), tr("Could not settle the conflict"))

