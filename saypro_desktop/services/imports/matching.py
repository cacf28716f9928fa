"""Matching imported rows with each other and with the people already here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import select

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import (
    Organisation,
    Person,
)
from saypro_desktop.domain.errors import SayProError
from saypro_desktop.domain.ids import new_id
from saypro_desktop.domain.people import (
    PERSON_FIELDS,
)
from saypro_desktop.services.imports.model import RowProblem
from saypro_desktop.services.imports.rows import Row
from saypro_desktop.services.imports.vocabulary import (
    FUZZY_NAME_SCORE,
    MAX_WARNINGS,
    PROGRESS_EVERY,
)


def folded(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def _part_agrees(a: str | None, b: str | None) -> bool:
    x, y = folded(a), folded(b)
    if not x or not y or x == y or x.startswith(y) or y.startswith(x):
        return True
    return bool(fuzz.ratio(x, y) >= 85)


def _names_agree(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return (_part_agrees(a.get("first_name"), b.get("first_name"))
            and _part_agrees(a.get("last_name"), b.get("last_name")))


def _full(fields: Mapping[str, Any]) -> str:
    return folded(f"{fields.get('first_name') or ''} {fields.get('last_name') or ''}")


def _differs(a: Mapping[str, Any], b: Mapping[str, Any], name: str) -> bool:
    x, y = a.get(name), b.get(name)
    return bool(x and y and folded(str(x)) != folded(str(y)))


@dataclass
class _Known:
    """A person the import can match: one already here, or one this import creates."""

    id: str
    fields: dict[str, Any]
    org_key: str
    new: bool = False


@dataclass
class _Group:
    rows: list[Row]
    fields: dict[str, Any]
    organisation: str | None
    consents: dict[str, tuple[str, dt.datetime | None]]
    match: _Known | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    queue: list[tuple[_Known, str]] = field(default_factory=list)  # (maybe the same, why)
    queue_groups: list[tuple[_Group, str]] = field(default_factory=list)
    person_id: str = ""
    also: _Group | None = None  # a second group of this file matched the same person
    saypro_id: str | None = None  # the id a SayPro export carried


class _Index:
    """People already here, by email, phone, exact name and organisation."""

    def __init__(self, db: Database) -> None:
        self.orgs: dict[str, str] = {}
        self.org_names: dict[str, str] = {}
        self.by_email: dict[str, list[_Known]] = {}
        self.by_phone: dict[str, list[_Known]] = {}
        self.by_name: dict[tuple[str, str], list[_Known]] = {}
        self.by_org: dict[str, list[_Known]] = {}
        self.by_id: dict[str, _Known] = {}
        columns = [Person.id, *(getattr(Person, n) for n in PERSON_FIELDS)]
        with db.reading() as session:
            for oid, name in session.execute(
                select(Organisation.id, Organisation.name)
                .where(Organisation.deleted_at.is_(None)).order_by(Organisation.created_at)
            ):
                self.orgs.setdefault(folded(name), oid)
                self.org_names[oid] = name
            rows = session.execute(
                select(*columns).where(Person.deleted_at.is_(None), Person.erased_at.is_(None),
                                       Person.merged_into_id.is_(None))
                .order_by(Person.created_at)
            ).all()
        names = list(PERSON_FIELDS)
        for row in rows:
            values = dict(zip(names, row[1:], strict=True))
            org = values.get("organisation_id")
            self.add(_Known(row[0], values, folded(self.org_names.get(org, "")) if org else ""))

    def add(self, known: _Known) -> None:
        self.by_id[known.id] = known
        f = known.fields
        if f.get("email"):
            self.by_email.setdefault(str(f["email"]).casefold(), []).append(known)
        if f.get("phone"):
            self.by_phone.setdefault(str(f["phone"]), []).append(known)
        full = _full(f)
        if full:
            self.by_name.setdefault((full, known.org_key), []).append(known)
            if known.org_key:
                self.by_org.setdefault(known.org_key, []).append(known)


def _slim(row: Row) -> None:
    """Let go of what a grouped row no longer needs (its group holds the fields): a large
    import keeps one small record per row, not every parsed cell."""
    row.fields = _NOTHING
    row.extras = _NOTHING
    row.consents = _NO_CONSENTS
    row.fixes = _NO_FIXES


# Shared by every slimmed row (never written to: a slimmed row is only counted and reported).
_NOTHING: dict[str, str] = {}
_NO_CONSENTS: dict[str, tuple[str, dt.datetime | None]] = {}
_NO_FIXES: list[str] = []


def _own(row: Row, keep_rows: bool) -> tuple[dict[str, Any], str | None,
                                             dict[str, tuple[str, dt.datetime | None]]]:
    """A new group's fields, organisation and consents: the row's own, copied when the
    row is kept as it was read (a preview shows each row's values, not its group's)."""
    if keep_rows:
        return dict(row.fields), row.organisation, dict(row.consents)
    return row.fields, row.organisation, row.consents


def _group_rows(rows: Iterable[Row], *, keep_rows: bool = True
                ) -> tuple[list[_Group], list[Row]]:
    """Fold rows of one file that are the same person; returns (groups, bad rows).

    ``keep_rows=False`` (an import, not a preview) keeps of each row only its number
    and problems once it is grouped."""
    groups: list[_Group] = []
    bad: list[Row] = []
    by_email: dict[str, list[_Group]] = {}
    by_phone: dict[str, list[_Group]] = {}
    by_name: dict[tuple[str, str], list[_Group]] = {}
    by_id: dict[str, _Group] = {}
    for row in rows:
        if row.bad:
            bad.append(row)
            continue
        if row.saypro_id:
            # A row of our own export is the person its id names: it never folds into a
            # row with another id, however alike (two people may share a phone).
            same = by_id.get(row.saypro_id)
            if same is None:
                by_id[row.saypro_id] = _Group([row], *_own(row, keep_rows),
                                              saypro_id=row.saypro_id)
                groups.append(by_id[row.saypro_id])
            else:
                same.rows.append(row)
            if not keep_rows:
                _slim(row)
            continue
        email = (row.fields.get("email") or "").casefold()
        phone = row.fields.get("phone") or ""
        name_key = (_full(row.fields), folded(row.organisation))
        target: _Group | None = None
        clashes: list[tuple[_Group, str]] = []
        for kind, candidates in (("email", by_email.get(email, []) if email else []),
                                 ("phone", by_phone.get(phone, []) if phone else [])):
            for group in candidates:
                if _names_agree(group.fields, row.fields):
                    target = target or group
                else:
                    clashes.append((group, f"same {kind} ({row.fields[kind]}), different name"))
        if target is None:
            for group in by_name.get(name_key, []):
                if not any(_differs(group.fields, row.fields, n) for n in ("email", "phone")):
                    target = group
                    break
        if target is not None:
            target.rows.append(row)
            for name, value in row.fields.items():
                target.fields.setdefault(name, value)
            if not target.organisation and row.organisation:
                target.organisation = row.organisation
            for channel, answer in row.consents.items():
                target.consents.setdefault(channel, answer)
            group = target
        else:
            group = _Group([row], *_own(row, keep_rows))
            groups.append(group)
            seen: set[int] = set()
            for other, reason in clashes:
                if id(other) not in seen:
                    seen.add(id(other))
                    group.queue_groups.append((other, reason))
        for table, key in ((by_email, email), (by_phone, phone)):
            if key and group not in table.setdefault(key, []):
                table[key].append(group)
        if name_key[0] and group not in by_name.setdefault(name_key, []):
            by_name[name_key].append(group)
        if not keep_rows:
            _slim(row)
    return groups, bad


def _match(group: _Group, index: _Index) -> None:
    """Find the person already here that this group is, or the ones it may be."""
    f = group.fields
    org_key = folded(group.organisation)
    queue: dict[str, tuple[_Known, str]] = {}
    if group.saypro_id:
        known_by_id = index.by_id.get(group.saypro_id)
        if known_by_id is not None and not known_by_id.new:
            group.match = known_by_id
            return
    for kind in ("email", "phone"):
        value = f.get(kind)
        if not value:
            continue
        hits = (index.by_email.get(str(value).casefold(), []) if kind == "email"
                else index.by_phone.get(str(value), []))
        for known in hits:
            if known.new and group.saypro_id:
                continue  # people of one export stay as many as they were
            if _names_agree(known.fields, f):
                group.match = known
                return
            if not known.new:  # clashes within the file are in queue_groups already
                queue.setdefault(known.id, (known, f"same {kind} ({value}), different name"))
    full = _full(f)
    for known in index.by_name.get((full, org_key), []):
        if known.new and group.saypro_id:
            continue
        if not any(_differs(known.fields, f, n)
                   for n in ("email", "phone", "city", "postal_code")):
            group.match = known
            return
    if org_key and full:
        people = index.by_org.get(org_key, [])
        choices = [_full(k.fields) for k in people]
        for _, score, position in process.extract(
                full, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_NAME_SCORE, limit=5):
            if score >= FUZZY_NAME_SCORE:
                known = people[position]
                queue.setdefault(known.id, (known, "similar name at the same organisation"))
    group.queue = list(queue.values())


def _person_values(group: _Group) -> dict[str, Any]:
    return {k: v for k, v in group.fields.items() if k in PERSON_FIELDS and v not in (None, "")}


@dataclass
class _Resolution:
    groups: list[_Group]
    bad: list[Row]
    total: int
    new_orgs: dict[str, str]  # folded name -> name as written
    warnings: list[RowProblem]


def _resolve(db: Database, rows: Iterable[Row], total: int,
             progress: Callable[[int, int], bool | None] | None = None, *,
             keep_rows: bool = True) -> _Resolution:
    index = _Index(db)
    counted = 0

    def tracked() -> Iterable[Row]:
        nonlocal counted
        for row in rows:
            counted += 1
            if progress and counted % PROGRESS_EVERY == 0 and progress(
                    counted, total) is False:
                raise SayProError("import cancelled; nothing was changed")
            yield row

    groups, bad = _group_rows(tracked(), keep_rows=keep_rows)
    new_orgs: dict[str, str] = {}
    matched: dict[str, _Group] = {}
    for group in groups:
        _match(group, index)
        org_key = folded(group.organisation)
        if group.organisation and org_key not in index.orgs:
            new_orgs.setdefault(org_key, group.organisation.strip())
        if group.match is not None:
            known = group.match
            first = matched.get(known.id)
            if first is not None:  # a second group of the file is the same person
                first.rows.extend(group.rows)
                for name, value in _person_values(group).items():
                    first.fields.setdefault(name, value)
                for channel, value in group.consents.items():
                    first.consents.setdefault(channel, value)
                group.also = first
                continue
            matched[known.id] = group
            group.person_id = known.id
        else:
            group.person_id = new_id()
            # The group's own fields (empty values are as good as absent to every check).
            known = _Known(group.person_id, group.fields, org_key, new=True)
            index.add(known)
    for group in groups:
        if group.also is None and group.match is not None:
            current = group.match.fields
            group.changes = {name: value for name, value in _person_values(group).items()
                             if current.get(name) in (None, "")}
    warnings = [RowProblem(row.number, message) for group in groups for row in group.rows
                for message in row.problems]
    if len(warnings) > MAX_WARNINGS:
        more = len(warnings) - MAX_WARNINGS
        warnings = [*warnings[:MAX_WARNINGS], RowProblem(0, f"... and {more} more")]
    return _Resolution(groups, bad, counted, new_orgs, warnings)
