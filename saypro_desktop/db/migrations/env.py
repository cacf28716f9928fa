"""Alembic environment: always run on a connection handed over by db.migrate."""

from __future__ import annotations

from alembic import context

from saypro_desktop.db.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached by the bare alembic CLI
    raise RuntimeError("run migrations through saypro_desktop.db.migrate, not the alembic CLI")



def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
                   ) -> bool:
    """FTS5 tables are made by hand in migrations; autogenerate must not drop them."""
    return not (type_ == "table" and name is not None and name.startswith("people_fts"))


context.configure(
    connection=connection,
    include_object=include_object,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
