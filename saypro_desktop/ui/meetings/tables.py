"""The Meetings area's table models and table helpers: action items, commitments and
concerns as the meeting editor, the action plans and the coalition page show them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QTableView

from saypro_desktop.domain.outreach import format_day
from saypro_desktop.services.commitments import CommitmentRow
from saypro_desktop.ui.i18n import tr
from saypro_desktop.ui.outreach.models import HighlightRowsModel
from saypro_desktop.ui.widgets.rows import ROW_ROLE, RowsModel, make_table


def action_model(parent: Any, *, with_meeting: bool = False) -> HighlightRowsModel:
    today = datetime.now().date()
    headers = [tr("What"), tr("Owner"), tr("Due"), tr("Status")]
    if with_meeting:
        headers.append(tr("From meeting"))
    return HighlightRowsModel(
        headers,
        lambda r: [r.description, r.owner or r.organisation or tr("Us"), format_day(r.due_on),
                   tr(r.status_label)] + ([r.meeting] if with_meeting else []),
        parent,
        sort_keys=lambda r: [r.description.casefold(), (r.owner or r.organisation).casefold(),
                             r.due_on or datetime.max.date(), r.status]
        + ([r.meeting.casefold()] if with_meeting else []),
        urgent=lambda r: r.is_open and r.due_on is not None and r.due_on < today)


def commitment_model(parent: Any) -> RowsModel[CommitmentRow]:
    return RowsModel(
        [tr("Commitment"), tr("Organisation"), tr("Quantity"), tr("Status"), tr("Pledged"),
         tr("Delivered"), tr("Description")],
        lambda r: [tr(r.kind_label), r.organisation or r.person, r.amount_text,
                   tr(r.status_label), format_day(r.pledged_on), format_day(r.delivered_on),
                   r.description], parent,
        sort_keys=lambda r: [r.kind_label, r.organisation.casefold(), r.amount or 0, r.status,
                             r.pledged_on or datetime.min.date(),
                             r.delivered_on or datetime.min.date(), r.description.casefold()])


def concern_model(parent: Any) -> HighlightRowsModel:
    return HighlightRowsModel(
        [tr("Kind"), tr("Category"), tr("Raised by"), tr("Status"), tr("What was said"),
         tr("How it was addressed")],
        lambda r: [tr(r.kind_label), tr(r.category_label),
                   r.raised_by or r.organisation, tr(r.status_label), r.description,
                   r.how_addressed], parent,
        urgent=lambda r: False)


def sized_table(model: Any, name: str, widths: list[int]) -> QTableView:
    """A sortable table of ``model`` named ``name``, its first columns ``widths`` wide."""
    table = make_table(model, name, sortable=True)
    for column, width in enumerate(widths):
        table.horizontalHeader().resizeSection(column, width)
    return table


def selected(table: QTableView) -> Any:
    index = table.currentIndex()
    return index.data(ROW_ROLE) if index.isValid() else None
