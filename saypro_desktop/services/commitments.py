"""Commitments partners make (join the coalition, volunteers, a hall, data, funding, ...),
from pledged to delivered, each with its dates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Commitment, Meeting, Organisation, Person
from saypro_desktop.domain.enums import CommitmentKind, CommitmentStatus
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.domain.outreach import label_of
from saypro_desktop.domain.people import clean_text, display_name
from saypro_desktop.services.unit_of_work import UnitOfWork

FIELDS = ("organisation_id", "person_id", "kind", "description", "status", "amount",
          "pledged_on", "delivered_on", "due_on", "meeting_id", "campaign_id")


@dataclass(frozen=True, slots=True)
class CommitmentRow:
    id: str
    organisation_id: str | None
    organisation: str
    person: str
    kind: str
    description: str
    status: str
    amount: float | None
    pledged_on: date | None
    delivered_on: date | None
    due_on: date | None

    @property
    def kind_label(self) -> str:
        return label_of(CommitmentKind, self.kind)

    @property
    def status_label(self) -> str:
        return label_of(CommitmentStatus, self.status)

    @property
    def amount_text(self) -> str:
        if self.amount is None:
            return ""
        if self.kind == CommitmentKind.FUNDING.value:
            return f"R {self.amount:,.0f}".replace(",", " ")
        return f"{self.amount:g}"

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "kind_label": self.kind_label}


def commitment_rows(session: Session, *conditions: Any) -> list[CommitmentRow]:
    stmt = (
        select(Commitment.id, Commitment.organisation_id, Organisation.name, Person.first_name,
               Person.last_name, Commitment.person_id, Commitment.kind, Commitment.description,
               Commitment.status, Commitment.amount, Commitment.pledged_on,
               Commitment.delivered_on, Commitment.due_on)
        .outerjoin(Organisation, Organisation.id == Commitment.organisation_id)
        .outerjoin(Person, Person.id == Commitment.person_id)
        .where(Commitment.deleted_at.is_(None), *conditions)
        .order_by(Commitment.pledged_on.desc(), Commitment.created_at.desc())
    )
    return [CommitmentRow(r.id, r.organisation_id, r.name or "",
                          display_name(r.first_name, r.last_name) if r.person_id else "",
                          r.kind, r.description or "", r.status, r.amount, r.pledged_on,
                          r.delivered_on, r.due_on)
            for r in session.execute(stmt)]


def _clean(values: Mapping[str, Any], *, creating: bool) -> dict[str, Any]:
    unknown = sorted(set(values) - set(FIELDS))
    if unknown:
        raise ValidationError(f"commitments have no field {', '.join(unknown)}")
    fields = dict(values)
    if creating or "kind" in fields:
        kind = fields.get("kind")
        if kind not in {k.value for k in CommitmentKind}:
            raise ValidationError(f"kind: '{kind}' is not one of "
                                  f"{', '.join(k.value for k in CommitmentKind)}")
    if "status" in fields and fields["status"] not in {s.value for s in CommitmentStatus}:
        raise ValidationError(f"status: '{fields['status']}' is not one of pledged, "
                              "delivered, withdrawn")
    if fields.get("amount") is not None:
        try:
            fields["amount"] = float(fields["amount"])
        except (TypeError, ValueError):
            raise ValidationError(f"quantity: '{fields['amount']}' is not a number") from None
        if fields["amount"] < 0:
            raise ValidationError("quantity: must not be negative")
    if "description" in fields:
        fields["description"] = clean_text(fields["description"], field="description")
    if creating:
        if not fields.get("organisation_id") and not fields.get("person_id"):
            raise ValidationError("choose the organisation or person making the commitment")
        fields.setdefault("status", CommitmentStatus.PLEDGED.value)
        fields.setdefault("pledged_on", date.today())
        if fields["status"] == CommitmentStatus.DELIVERED.value:
            fields.setdefault("delivered_on", date.today())
    delivered, pledged = fields.get("delivered_on"), fields.get("pledged_on")
    if delivered is not None and pledged is not None and delivered < pledged:
        raise ValidationError("delivered: the date is before the pledge; check it")
    return fields


class CommitmentsService:
    """``app.commitments``."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, values: Mapping[str, Any], *, row_id: str | None = None) -> str:
        fields = _clean(values, creating=True)
        with UnitOfWork(self._db) as uow:
            for model, key, what in ((Organisation, "organisation_id", "organisation"),
                                     (Person, "person_id", "person"),
                                     (Meeting, "meeting_id", "meeting")):
                if fields.get(key):
                    row = uow.session.get(model, fields[key])
                    if row is None or row.deleted_at is not None:
                        raise NotFoundError(f"no {what} with id {fields[key]}")
            return uow.create(Commitment, fields, row_id=row_id)

    def update(self, commitment_id: str, changes: Mapping[str, Any]
               ) -> dict[str, tuple[Any, Any]]:
        fields = _clean(changes, creating=False)
        with UnitOfWork(self._db) as uow:
            return uow.update(Commitment, commitment_id, fields)

    def mark_delivered(self, commitment_id: str, on: date | None = None
                       ) -> dict[str, tuple[Any, Any]]:
        return self.update(commitment_id, {"status": CommitmentStatus.DELIVERED.value,
                                           "delivered_on": on or date.today()})

    def delete(self, commitment_id: str) -> None:
        with UnitOfWork(self._db) as uow:
            uow.delete(Commitment, commitment_id)

    def list(self, *, organisation_id: str | None = None) -> list[CommitmentRow]:
        conditions = ([Commitment.organisation_id == organisation_id]
                      if organisation_id is not None else [])
        with self._db.reading() as session:
            return commitment_rows(session, *conditions)
