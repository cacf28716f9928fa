"""Organisation lists (e.g. a Salesforce account extract) as organisations."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from saypro_desktop.db.backup import safety_backup
from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import (
    Organisation,
)
from saypro_desktop.domain.enums import (
    FocusArea,
    PipelineStage,
    Priority,
    StakeholderCategory,
)
from saypro_desktop.domain.errors import SayProError, ValidationError
from saypro_desktop.domain.people import (
    DEFAULT_REGION,
    MAX_NOTES,
    clean_email,
    clean_text,
)
from saypro_desktop.interop.normalise import (
    infer_country,
    normalise_phone,
    normalise_postal_code,
)
from saypro_desktop.services.imports.calendar import mapped_values, table_records
from saypro_desktop.services.imports.matching import folded
from saypro_desktop.services.imports.model import (
    BadRowsError,
    ImportPlan,
    ImportReport,
    PreviewRow,
    RowProblem,
)
from saypro_desktop.services.imports.vocabulary import (
    LARGE_IMPORT_ROWS,
    MAX_WARNINGS,
    ORG_FIELDS,
    PROGRESS_EVERY,
)
from saypro_desktop.services.unit_of_work import UnitOfWork

# Words a list uses for a category of ours (besides our own values and labels).
_CATEGORY_WORDS = {
    "notforprofit": StakeholderCategory.NONPROFIT, "nonprofit": StakeholderCategory.NONPROFIT,
    "npo": StakeholderCategory.NONPROFIT, "ngo": StakeholderCategory.NONPROFIT,
    "charity": StakeholderCategory.NONPROFIT, "foundation": StakeholderCategory.PHILANTHROPY,
    "faithbased": StakeholderCategory.FAITH_BASED,
}


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _choice_of(enum: type[StakeholderCategory] | type[FocusArea] | type[PipelineStage]
               | type[Priority], text: str) -> str | None:
    key = _key(text)
    for member in enum:
        if key in {_key(member.value), _key(member.label)}:
            return member.value
    if enum is StakeholderCategory and key in _CATEGORY_WORDS:
        return _CATEGORY_WORDS[key].value
    return None


def _website_key(text: str) -> str:
    folded = text.strip().casefold()
    folded = re.sub(r"^[a-z]+://", "", folded).removeprefix("www.")
    return folded.rstrip("/")


def _org_conflict(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Both say something different about where or how to reach them."""
    for name in ("city", "phone", "email", "website"):
        x, y = a.get(name), b.get(name)
        if x and y:
            fold = _website_key if name == "website" else folded
            if fold(str(x)) != fold(str(y)):
                return True
    return False


@dataclass
class _OrgRow:
    number: int
    fields: dict[str, str]  # organisation fields as stored
    problems: list[str]  # values left out
    bad: str | None = None


@dataclass
class _OrgGroup:
    rows: list[_OrgRow]
    fields: dict[str, str]
    match_id: str | None = None
    match_name: str = ""
    changes: dict[str, str] = field(default_factory=dict)


@dataclass
class _OrgResolution:
    groups: list[_OrgGroup]
    bad: list[_OrgRow]
    total: int
    warnings: list[RowProblem]


_ORG_LIMITS = {"name": 300, "website": 500, "address": 500, "city": 200, "province": 100,
               "expected_impact": MAX_NOTES, "strengths": MAX_NOTES,
               "resources_offered": MAX_NOTES, "notes": MAX_NOTES}


def _read_org_row(number: int, record: Mapping[str, str], mapping: Mapping[str, str],
                  bad_line: str | None) -> _OrgRow:
    values = mapped_values(record, mapping)
    one = {target: cells[0] for target, cells in values.items()}
    fields: dict[str, str] = {}
    problems: list[str] = []
    notes: list[str] = ["\n".join(values["notes"])] if values.get("notes") else []
    country = infer_country(one.get("country"), one.get("province"), one.get("postal_code"))

    def text(name: str, value: str | None) -> None:
        try:
            cleaned = clean_text(value, field=name, limit=_ORG_LIMITS.get(name, 2000))
        except ValidationError as exc:
            problems.append(f"{exc} (left out)")
        else:
            if cleaned:
                fields[name] = cleaned

    try:
        name = clean_text(" ".join((one.get("name") or "").split()), field="name", limit=300)
    except ValidationError as exc:
        bad_line, name = bad_line or str(exc), None
    if name:
        fields["name"] = name
    if "phone" in one:
        number_e164, found = normalise_phone(one["phone"], region=country or DEFAULT_REGION)
        problems.extend(p.message for p in found if p.severity == "error")
        if number_e164:
            fields["phone"] = number_e164
    if "email" in one:
        try:
            email = clean_email(one["email"].removeprefix("mailto:"))
        except ValidationError as exc:
            problems.append(f"{exc} (left out)")
        else:
            if email:
                fields["email"] = email
    postal = normalise_postal_code(one.get("postal_code"), country=country)[0]
    street = re.sub(r"\s*\n\s*", ", ", one.get("address") or "")
    text("address", ", ".join(p for p in (street, postal, one.get("country")) if p))
    for name in ("website", "city", "province", "expected_impact", "strengths",
                 "resources_offered"):
        text(name, one.get(name))
    if "category" in one:
        category = _choice_of(StakeholderCategory, one["category"])
        if category:
            fields["category"] = category
        else:
            notes.append(f"Category: {one['category']}")
    if "industry" in one:
        category = _choice_of(StakeholderCategory, one["industry"])
        if category and "category" not in fields:
            fields["category"] = category
        else:
            notes.append(f"Industry: {one['industry']}")
    if "focus_areas" in one:
        areas = [a.strip() for a in re.split(r"[,;|]", one["focus_areas"]) if a.strip()]
        known = [v for a in areas if (v := _choice_of(FocusArea, a))]
        if known:
            fields["focus_areas"] = ",".join(dict.fromkeys(known))
        unknown = [a for a in areas if not _choice_of(FocusArea, a)]
        if unknown:
            notes.append(f"Focus areas: {', '.join(unknown)}")
    for name, enum in (("pipeline_stage", PipelineStage), ("priority", Priority)):
        if name in one:
            choice = _choice_of(enum, one[name])
            if choice:
                fields[name] = choice
            else:
                options = ", ".join(m.value for m in enum)
                problems.append(f"{name}: '{one[name]}' is not one of: {options} (left out)")
    text("notes", "\n".join(notes))
    row = _OrgRow(number, fields, problems)
    if bad_line:
        row.bad = bad_line
    elif not fields.get("name"):
        row.bad = ("no name: an organisation needs a name" if fields or values
                   else "the row is empty once mapped: no name")
    return row


def _org_rows(plan: ImportPlan, limit: int | None = None) -> Iterable[_OrgRow]:
    for index, (number, record) in enumerate(table_records(plan)):
        if limit is not None and index >= limit:
            return
        yield _read_org_row(number, record, plan.mapping, plan._bad_lines.get(number))


def _resolve_organisations(db: Database, rows: Iterable[_OrgRow], total: int,
                           progress: Callable[[int, int], bool | None] | None = None,
                           ) -> _OrgResolution:
    existing: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    with db.reading() as session:
        for found in session.execute(
            select(Organisation.id, *(getattr(Organisation, n) for n in ORG_FIELDS))
            .where(Organisation.deleted_at.is_(None)).order_by(Organisation.created_at)
        ):
            values = dict(zip(ORG_FIELDS, found[1:], strict=True))
            existing.setdefault(folded(values["name"]), []).append((found[0], values))
    groups: list[_OrgGroup] = []
    bad: list[_OrgRow] = []
    by_name: dict[str, list[_OrgGroup]] = {}
    counted = 0
    for row in rows:
        counted += 1
        if progress and counted % PROGRESS_EVERY == 0 and progress(counted, total) is False:
            raise SayProError("import cancelled; nothing was changed")
        if row.bad:
            bad.append(row)
            continue
        key = folded(row.fields["name"])
        target = next((g for g in by_name.get(key, [])
                       if not _org_conflict(g.fields, row.fields)), None)
        if target is None:
            group = _OrgGroup([row], dict(row.fields))
            groups.append(group)
            by_name.setdefault(key, []).append(group)
        else:
            target.rows.append(row)
            for name, value in row.fields.items():
                target.fields.setdefault(name, value)
    claimed: set[str] = set()
    for group in groups:
        for oid, current in existing.get(folded(group.fields["name"]), []):
            if oid in claimed or _org_conflict(current, group.fields):
                continue
            claimed.add(oid)
            group.match_id, group.match_name = oid, current["name"]
            group.changes = {name: value for name, value in group.fields.items()
                             if current.get(name) in (None, "")}
            break
    warnings = [RowProblem(row.number, message) for group in groups for row in group.rows
                for message in row.problems]
    if len(warnings) > MAX_WARNINGS:
        more = len(warnings) - MAX_WARNINGS
        warnings = [*warnings[:MAX_WARNINGS], RowProblem(0, f"... and {more} more")]
    return _OrgResolution(groups, bad, counted, warnings)


def preview_organisations(db: Database, plan: ImportPlan, limit: int) -> list[PreviewRow]:
    rows = list(_org_rows(plan, limit))
    resolution = _resolve_organisations(db, rows, len(rows))
    action: dict[int, str] = {row.number: f"skip: {row.bad}" for row in resolution.bad}
    for group in resolution.groups:
        lead = group.rows[0]
        if group.match_id is None:
            action[lead.number] = "create"
        elif group.changes:
            action[lead.number] = f"update {group.match_name}"
        else:
            action[lead.number] = f"already here: {group.match_name}"
        for row in group.rows[1:]:
            action[row.number] = f"same organisation as row {lead.number}"
    return [PreviewRow(row.number, dict(row.fields), action.get(row.number, "create"),
                       ([row.bad] if row.bad else []) + row.problems) for row in rows]


def run_organisations(db: Database, plan: ImportPlan, *, on_bad_rows: str, dry_run: bool,
                       progress: Callable[[int, int], bool | None] | None) -> ImportReport:
    total = plan.row_count or len(plan._records)
    resolution = _resolve_organisations(db, _org_rows(plan), total, progress)
    bad = [RowProblem(row.number, row.bad or "") for row in resolution.bad]
    report = ImportReport(
        created=0, updated=0, merged=0, queued_duplicates=0, skipped=[], errors=[],
        dry_run=dry_run, total_rows=resolution.total, warnings=resolution.warnings)
    creates = [g.fields for g in resolution.groups if g.match_id is None]
    updates = [(g.match_id, g.changes) for g in resolution.groups
               if g.match_id is not None and g.changes]
    report.created = report.organisations_created = len(creates)
    report.updated = len(updates)
    report.unchanged = len(resolution.groups) - len(creates) - len(updates)
    report.merged = sum(len(g.rows) - 1 for g in resolution.groups)
    report.skipped = bad
    if bad and on_bad_rows == "cancel":
        report.errors = bad
        report.skipped = list(bad)
        raise BadRowsError(report)
    if dry_run:
        return report
    if progress and progress(0, total) is False:
        raise SayProError("import cancelled; nothing was changed")
    if not creates and not updates:
        return report
    safety_backup(db.path, "before-organisations-import", large=total >= LARGE_IMPORT_ROWS)
    with UnitOfWork(db) as uow:
        columns = sorted({name for values in creates for name in values})
        for start in range(0, len(creates), 5000):
            uow.create_many(Organisation, [{c: values.get(c) for c in columns}
                                           for values in creates[start:start + 5000]])
        for oid, changes in updates:
            uow.update(Organisation, oid, changes)
        if progress and progress(total, total) is False:
            raise SayProError("import cancelled; nothing was changed")
    return report
