"""Tags: free labels organisers put on people ("Soweto town hall", "volunteer")."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Tag
from saypro_desktop.domain.people import clean_required_text
from saypro_desktop.services.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class TagChoice:
    id: str
    name: str


def list_tags(db: Database) -> list[TagChoice]:
    stmt = select(Tag.id, Tag.name).where(Tag.deleted_at.is_(None)).order_by(func.lower(Tag.name))
    with db.reading() as session:
        return [TagChoice(*row) for row in session.execute(stmt)]


def add_tag(db: Database, name: str, colour: str | None = None) -> str:
    clean = clean_required_text(name, field="tag name")
    with UnitOfWork(db) as uow:
        existing = uow.session.execute(
            select(Tag.id).where(func.lower(Tag.name) == clean.lower(), Tag.deleted_at.is_(None))
        ).scalar()
        if existing:
            return str(existing)
        return uow.create(Tag, {"name": clean, "colour": colour})
