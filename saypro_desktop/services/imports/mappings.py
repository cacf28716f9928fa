"""Column mappings saved by name, to apply to the next file from the same tool."""

from __future__ import annotations

from sqlalchemy import select

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import (
    LocalSetting,
)
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.services.imports.model import ImportPlan
from saypro_desktop.services.imports.vocabulary import MAPPING_PREFIX, target_fields


def save_mapping(db: Database, name: str, plan: ImportPlan) -> None:
    """Keep ``plan.mapping`` under ``name`` for next month's export from the same tool."""
    import json

    clean = name.strip()
    if not clean:
        raise ValidationError("give the mapping a name")
    if len(clean) > 64 - len(MAPPING_PREFIX):
        raise ValidationError("a mapping name can be at most "
                              f"{64 - len(MAPPING_PREFIX)} characters")
    allowed = {name for name, _ in target_fields(plan.kind)}
    for column, target in plan.mapping.items():
        if target not in allowed:
            raise ValidationError(f"column '{column}': '{target}' is not a field to import into")
    value = json.dumps({"kind": plan.kind, "source": plan.source, "mapping": plan.mapping},
                       ensure_ascii=False)
    with db.write_session() as session, session.begin():
        session.merge(LocalSetting(key=MAPPING_PREFIX + clean, value=value))


def list_mappings(db: Database) -> list[str]:
    with db.reading() as session:
        keys = session.execute(
            select(LocalSetting.key).where(LocalSetting.key.startswith(MAPPING_PREFIX))
        ).scalars()
        return sorted(k.removeprefix(MAPPING_PREFIX) for k in keys)


def saved_mapping(db: Database, name: str, plan: ImportPlan) -> dict[str, str]:
    import json

    with db.reading() as session:
        row = session.get(LocalSetting, MAPPING_PREFIX + name.strip())
    if row is None:
        known = ", ".join(list_mappings(db)) or "none saved yet"
        raise ValidationError(f"no saved column mapping '{name}' (saved: {known})")
    try:
        saved = json.loads(row.value)["mapping"]
    except (ValueError, KeyError, TypeError):
        raise ValidationError(f"the saved column mapping '{name}' is damaged; "
                              "save it again") from None
    allowed = {f for f, _ in target_fields(plan.kind)}
    mapping = {str(c): str(t) for c, t in saved.items()
               if c in plan.headers and t in allowed}
    # Columns new in this month's file keep their proposal; saved choices win.
    for column, target in plan.mapping.items():
        if column not in saved:
            mapping.setdefault(column, target)
    return mapping
