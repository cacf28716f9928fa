"""Every Qt model the window shows passes pytest-qt's model tester, filled and changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt

from saypro_desktop.ui.imports.mapping import MappingModel, MappingRow
from saypro_desktop.ui.widgets.choices import ChoiceListModel
from saypro_desktop.ui.widgets.rows import RowsModel


@dataclass(frozen=True)
class Device:
    name: str
    changes: int


def test_rows_model_passes_the_model_tester(qtmodeltester: Any) -> None:
    model: RowsModel[Device] = RowsModel(
        ["Device", "Changes"], lambda d: [d.name, f"{d.changes:,}"])
    model.set_rows([Device("Office", 1200), Device("Laptop 2", 3)])
    qtmodeltester.check(model, force_py=True)  # and it keeps watching the changes below
    assert model.index(0, 1).data() == "1,200"
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.sort(0)
    assert proxy.index(0, 0).data() == "Laptop 2"
    model.set_rows([])
    assert proxy.rowCount() == 0


def test_mapping_model_passes_the_model_tester_and_edits_the_field(qtmodeltester: Any) -> None:
    model = MappingModel()
    model.set_rows(
        [MappingRow("E-mail 1 - Value", "E-mail 1 - Value", "thandi@example.org", "email"),
         MappingRow("Notes", "Notes", "", "")],
        [("", "Ignore"), ("email", "Email"), ("notes", "Notes")],
    )
    qtmodeltester.check(model, force_py=True)
    field = model.index(1, MappingModel.FIELD)
    assert model.flags(field) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(field, "notes", Qt.ItemDataRole.EditRole)
    assert model.mapping() == {"E-mail 1 - Value": "email", "Notes": "notes"}
    assert field.data() == "Notes"


def test_choice_list_model_passes_the_model_tester(qtmodeltester: Any) -> None:
    model = ChoiceListModel()
    model.set_choices([(None, "(none)"), ("org-1", "Masithethe Youth Forum")])
    qtmodeltester.check(model, force_py=True)
    assert model.row_of("org-1") == 1
    assert model.index(1, 0).data(Qt.ItemDataRole.UserRole) == "org-1"
