"""Concerns, barriers and feedback partners and community members raise, and how each
was addressed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Concern, Meeting, Organisation, Person
from saypro_desktop.domain.enums import ConcernCategory, ConcernStatus
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.domain.outreach import label_of
from saypro_desktop.domain.people import clean_required_text, display_name
from saypro_desktop.services.unit_of_work import UnitOfWork

KINDS = {"concern": "Concern", "barrier": "Barrier", "feedback": "Feedback"}
ADDRESSED = ConcernStatus.RESOLVED.value


@dataclass(frozen=True, slots=True)
class ConcernRow:
    id: str
    kind: str
    category: str
    description: str
    raised_by_id: str | None
    raised_by: str
    organisation_id: str | None
    organisation: str
    status: str
    raised_on: date | None
    how_addressed: str
    addressed_on: date | None

    @property
    def is_open(self) -> bool:
        return self.status != ADDRESSED

    @property
    def status_label(self) -> str:
        return "Open" if self.is_open else "Addressed"

    @property
    def category_label(self) -> str:
        return label_of(ConcernCategory, self.category)

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind.capitalize())

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "status_label": self.status_label}


def concern_rows(session: Session, *conditions: Any) -> list[ConcernRow]:
    stmt = (
        select(Concern.id, Concern.kind, Concern.category, Concern.description,
               Concern.raised_by_id, Person.first_name, Person.last_name,
               Concern.organisation_id, Organisation.name, Concern.status, Concern.raised_on,
               Concern.how_addressed, Concern.addressed_on)
        .outerjoin(Person, Person.id == Concern.raised_by_id)
        .outerjoin(Organisation, Organisation.id == Concern.organisation_id)
        .where(Concern.deleted_at.is_(None), *conditions)
        .order_by(Concern.raised_on.desc(), Concern.created_at.desc())
    )
    return [ConcernRow(r.id, r.kind or "concern", r.category, r.description, r.raised_by_id,
                       display_name(r.first_name, r.last_name) if r.raised_by_id else "",
                       r.organisation_id, r.name or "", r.status, r.raised_on,
                       r.how_addressed or "", r.addressed_on)
            for r in session.execute(stmt)]


class ConcernsService:
    """``app.concerns``."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, values: Mapping[str, Any], *, row_id: str | None = None) -> str:
        allowed = {"raised_by_id", "organisation_id", "meeting_id", "event_id", "category",
                   "description", "kind", "raised_on"}
        unknown = sorted(set(values) - allowed)
        if unknown:
            raise ValidationError(f"concerns have no field {', '.join(unknown)}")
        fields = dict(values)
        if fields.get("category") not in {c.value for c in ConcernCategory}:
            raise ValidationError(f"category: '{fields.get('category')}' is not one of "
                                  f"{', '.join(c.value for c in ConcernCategory)}")
        kind = fields.setdefault("kind", "concern")
        if kind not in KINDS:
            raise ValidationError(f"kind: '{kind}' is not one of {', '.join(KINDS)}")
        fields["description"] = clean_required_text(fields.get("description"), field="text")
        if not fields.get("raised_by_id") and not fields.get("organisation_id"):
            raise ValidationError("choose who raised it: a person or an organisation")
        fields.setdefault("raised_on", date.today())
        fields["status"] = ConcernStatus.RAISED.value
        with UnitOfWork(self._db) as uow:
            person = None
            for model, key, what in ((Person, "raised_by_id", "person"),
                                     (Organisation, "organisation_id", "organisation"),
                                     (Meeting, "meeting_id", "meeting")):
                if fields.get(key):
                    row = uow.session.get(model, fields[key])
                    if row is None or row.deleted_at is not None:
                        raise NotFoundError(f"no {what} with id {fields[key]}")
                    if model is Person:
                        person = row
            if person is not None and not fields.get("organisation_id"):
                fields["organisation_id"] = getattr(person, "organisation_id", None)
            return uow.create(Concern, fields, row_id=row_id)

    def address(self, concern_id: str, how: str, on: date | None = None
                ) -> dict[str, tuple[Any, Any]]:
        """Mark a concern addressed, saying how."""
        with UnitOfWork(self._db) as uow:
            return uow.update(Concern, concern_id, {
                "status": ADDRESSED, "how_addressed": clean_required_text(how, field="how"),
                "addressed_on": on or date.today()})

    def delete(self, concern_id: str) -> None:
        with UnitOfWork(self._db) as uow:
            uow.delete(Concern, concern_id)

    def reopen(self, concern_id: str, previous: Mapping[str, Any]) -> None:
        with UnitOfWork(self._db) as uow:
            uow.update(Concern, concern_id, dict(previous))

    def list(self, *, organisation_id: str | None = None, open_only: bool = False
             ) -> list[ConcernRow]:
        conditions: list[Any] = []
        if organisation_id is not None:
            conditions.append(Concern.organisation_id == organisation_id)
        if open_only:
            conditions.append(Concern.status != ADDRESSED)
        with self._db.reading() as session:
            return concern_rows(session, *conditions)
