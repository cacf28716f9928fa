"""The lazy People table model, checked headless with pytest-qt's model tester."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Person
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.people import PeopleFilter
from saypro_desktop.services.unit_of_work import UnitOfWork
from saypro_desktop.ui.people.model import PAGE_SIZE, ROW_ID_ROLE, Column, PeopleTableModel

SURNAMES = ["Nkosi", "Dlamini", "Botha", "Mokoena", "van der Merwe", "Ngcobo", "Molefe"]


@pytest.fixture
def crowd(db: Database) -> Database:
    rows: list[dict[str, Any]] = [
        {
            "first_name": f"Person{i:04d}",
            "last_name": SURNAMES[i % len(SURNAMES)],
            "city": "Soweto" if i % 2 else "Umlazi",
        }
        for i in range(1000)
    ]
    with UnitOfWork(db) as uow:
        uow.create_many(Person, rows)
    return db


def test_model_passes_qt_model_tester(qtmodeltester: Any, crowd: Database) -> None:
    model = PeopleTableModel(AppServices(crowd).people)
    model.set_filter(PeopleFilter())
    qtmodeltester.check(model, force_py=True)


def test_rows_are_fetched_only_when_looked_at(crowd: Database) -> None:
    model = PeopleTableModel(AppServices(crowd).people)
    model.set_filter(PeopleFilter())
    assert model.rowCount() == 1000
    assert model.fetched_pages == 0
    assert model.index(999, Column.NAME).data()  # the last row: one page read
    assert model.fetched_pages == 1
    model.index(998, Column.CITY).data()  # same page: no new read
    assert model.fetched_pages == 1
    model.index(0, Column.NAME).data()
    assert model.fetched_pages == 2
    assert len(model._pages) <= 1000 // PAGE_SIZE + 1


def test_sorting_by_a_column_reorders_rows(crowd: Database) -> None:
    model = PeopleTableModel(AppServices(crowd).people)
    model.set_filter(PeopleFilter())
    model.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    surnames = [model.index(r, Column.NAME).data().split(" ", 1)[1] for r in (0, 999)]
    assert surnames == ["Botha", "van der Merwe"]
    model.sort(Column.CITY, Qt.SortOrder.DescendingOrder)
    assert model.index(0, Column.CITY).data() == "Umlazi"
    assert model.index(999, Column.CITY).data() == "Soweto"
    assert model.index(0, 0).data(ROW_ID_ROLE) == model.person_id(0)
