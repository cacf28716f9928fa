"""Organisations: the partners people belong to."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import SYNC_COLUMNS, Organisation
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.domain.people import clean_required_text, clean_text
from saypro_desktop.services.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class OrganisationChoice:
    id: str
    name: str
    category: str | None


def list_organisations(db: Database) -> list[OrganisationChoice]:
    stmt = (
        select(Organisation.id, Organisation.name, Organisation.category)
        .where(Organisation.deleted_at.is_(None))
        .order_by(func.lower(Organisation.name))
    )
    with db.reading() as session:
        return [OrganisationChoice(*row) for row in session.execute(stmt)]


def add_organisation(db: Database, fields: Mapping[str, Any]) -> str:
    allowed = {c.name for c in Organisation.__table__.columns} - SYNC_COLUMNS
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise ValidationError(f"unknown organisation field {', '.join(unknown)}")
    cleaned = {k: clean_text(v, field=k) for k, v in fields.items()}
    cleaned["name"] = clean_required_text(fields.get("name"), field="name")
    with UnitOfWork(db) as uow:
        return uow.create(Organisation, cleaned)
