"""The declarative base and the columns every synced row carries (see the package docstring)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    DateTime,
    ForeignKey,
    MetaData,
    String,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from saypro_desktop.domain.ids import new_id

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def uuid_key() -> Mapped[str]:
    return mapped_column(String(36), primary_key=True, default=new_id)


def optional_fk(target: str, *, index: bool = True, nullable: bool = True) -> Mapped[str | None]:
    return mapped_column(String(36), ForeignKey(target), index=index, nullable=nullable)


def required_fk(target: str) -> Mapped[str]:
    return mapped_column(String(36), ForeignKey(target), index=True, nullable=False)


# The columns Synced adds: kept by the unit of work and the merge engine, never edited.
SYNC_COLUMNS = frozenset({"id", "created_at", "updated_at", "updated_by", "deleted_at"})


class Synced(Base):
    """Columns every synced row carries."""

    __abstract__ = True

    id: Mapped[str] = uuid_key()
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    updated_by: Mapped[str] = mapped_column(String(36), nullable=False)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
