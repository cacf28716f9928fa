"""Matching imported rows with each other and with the people already here.

Rows are matched :data:`CHUNK_ROWS` at a time. A chunk's rows are first folded with each
other (:func:`_group_rows`), then looked up in bulk, a few indexed ``IN`` queries on email,
phone, id and name, among the people in the database: those already here and those this
import wrote for the chunks before, in the same transaction. So an import holds one chunk
and a few small maps (the organisations, the people already here it matched), never the
file or the people table.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from saypro_desktop.db.models import Organisation
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

# Rows matched (and, by an import, written) at a time.
CHUNK_ROWS = 2_000

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
    new: bool = False  # created by this import
    fresh: bool = False  # created by this chunk (its clashes are in queue_groups already)


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
    adds_organisation: bool = False  # a matched person without one gets the group's


class _Index:
    """The people a chunk can match, by email, phone, exact name and organisation, and id."""

    def __init__(self) -> None:
        self.by_email: dict[str, list[_Known]] = {}
        self.by_phone: dict[str, list[_Known]] = {}
        self.by_name: dict[tuple[str, str], list[_Known]] = {}
        self.by_id: dict[str, _Known] = {}

    def add(self, known: _Known) -> None:
        if known.id in self.by_id:
            return
        self.by_id[known.id] = known
        f = known.fields
        if f.get("email"):
            self.by_email.setdefault(str(f["email"]).casefold(), []).append(known)
        if f.get("phone"):
            self.by_phone.setdefault(str(f["phone"]), []).append(known)
        full = _full(f)
        if full:
            self.by_name.setdefault((full, known.org_key), []).append(known)

    def hits(self, fields: Mapping[str, Any]) -> Iterator[_Known]:
        """People sharing the email or the phone of ``fields``."""
        if fields.get("email"):
            yield from self.by_email.get(str(fields["email"]).casefold(), [])
        if fields.get("phone"):
            yield from self.by_phone.get(str(fields["phone"]), [])


_FIELDS = list(PERSON_FIELDS)
# "+": the merged_into_id index answers "IS NULL" for nearly every row; keep the planner
# on the email, phone, name or organisation index.
_LIVE = ("{p}deleted_at IS NULL AND {p}erased_at IS NULL AND +{p}merged_into_id IS NULL")
_SELECT = (f"SELECT rowid, id, {', '.join(_FIELDS)} FROM people WHERE "
           f"{_LIVE.format(p='')} AND ")
_KEYS = "(SELECT value FROM json_each(:keys))"
# People of a name (null-safe: a person may have only a first or a last name) whose phone
# and email do not contradict the row's: the name index is searched once per spelling.
_BY_NAME = (
    f"SELECT p.rowid, {', '.join(f'p.{n}' for n in ['id', *_FIELDS])} "
    "FROM json_each(:keys) AS k CROSS JOIN people AS p "
    "ON p.last_name IS json_extract(k.value, '$[0]') "
    "AND p.first_name IS json_extract(k.value, '$[1]') "
    f"WHERE {_LIVE.format(p='p.')} "
    "AND (json_extract(k.value, '$[2]') IS NULL OR coalesce(p.phone, '') = '' "
    "OR p.phone = json_extract(k.value, '$[2]')) "
    "AND (json_extract(k.value, '$[3]') IS NULL OR coalesce(p.email, '') = '' "
    "OR lower(p.email) = lower(json_extract(k.value, '$[3]')))")


def _cases(name: str) -> tuple[str, ...]:
    """Spellings of a name as it may be stored (the name index is case-sensitive): as
    written, in lower or upper case, title case, first letter capital."""
    return (name, name.lower(), name.upper(), name.title(), name.capitalize())


def _as_written(name: str) -> tuple[str, ...]:
    return (name,)


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


@dataclass
class _Chunk:
    groups: list[_Group]  # every group, ``also`` ones included
    bad: list[Row]
    pairs: dict[tuple[str, str], str]  # possible duplicates first queued by this chunk


class _Matcher:
    """What an import keeps from one chunk to the next: the organisations, the people
    already here it matched (id -> whether it changes them), the pairs it queued, the
    names of the people at each organisation it compared with, its counts and problems."""

    def __init__(self, session: Session, *, keep_rows: bool = True) -> None:
        self.session = session
        self.keep_rows = keep_rows
        self.orgs: dict[str, str] = {}  # folded name -> id (the oldest wins a tie)
        self.org_key: dict[str, str] = {}  # id -> folded name
        self.org_ids: dict[str, list[str]] = {}  # folded name -> every id
        for oid, name in session.execute(
            select(Organisation.id, Organisation.name)
            .where(Organisation.deleted_at.is_(None)).order_by(Organisation.created_at)
        ):
            self.organisation_added(folded(name), oid)
        # People written from here on are this import's own.
        self.last_rowid: int = session.execute(
            text("SELECT coalesce(max(rowid), 0) FROM people")).scalar_one()
        # The email index is case-sensitive: the few stored with capitals, by folded form.
        self.capitals: dict[str, set[str]] = {}
        for (email,) in session.execute(
                text("SELECT email FROM people WHERE email <> lower(email) AND "
                     f"{_LIVE.format(p='')}")):
            self.capitals.setdefault(email.casefold(), set()).add(email)
        # Into a database with no one in it yet, a name is stored as this import wrote it.
        self.spellings = _cases if self.last_rowid else _as_written
        self.touched: dict[str, bool] = {}
        self.by_org: dict[str, tuple[list[str], list[tuple[str, Any, Any]]]] = {}
        self.new_orgs: dict[str, str] = {}  # folded name -> name as written
        self.queued: set[tuple[str, str]] = set()
        self.created = self.updated = self.unchanged = self.merged = self.total = 0
        self.bad: list[RowProblem] = []
        self.warnings: list[RowProblem] = []
        self.more_warnings = 0

    def organisation_added(self, key: str, oid: str) -> None:
        self.orgs.setdefault(key, oid)
        self.org_key[oid] = key
        self.org_ids.setdefault(key, []).append(oid)

    # -- looking people up -----------------------------------------------------------
    def _fetch(self, where: str, keys: Iterable[Any], index: _Index) -> None:
        sql = where if where.startswith("SELECT") else _SELECT + where
        for row in self.session.execute(text(sql),
                                        {"keys": json.dumps(list(keys))}):
            if row[1] in index.by_id:
                continue
            values = dict(zip(_FIELDS, row[2:], strict=True))
            org = values.get("organisation_id")
            index.add(_Known(row[1], values, self.org_key.get(org, "") if org else "",
                             new=row[0] > self.last_rowid))

    def _candidates(self, groups: list[_Group]) -> _Index:
        """The people in the database a chunk's groups may be: a few indexed queries."""
        index = _Index()
        ids: set[str] = set()
        emails: set[str] = set()
        phones: set[str] = set()
        for group in groups:
            f = group.fields
            if group.saypro_id:
                ids.add(group.saypro_id)
            if email := f.get("email"):
                emails.update((email, email.lower(), *self.capitals.get(email.casefold(), ())))
        if ids:
            self._fetch(f"id IN {_KEYS}", ids, index)
        if emails:
            self._fetch(f"email IN {_KEYS}", emails, index)
        # By phone the groups their email does not answer with an agreeing name.
        for group in groups:
            f = group.fields
            if (phone := f.get("phone")) and (group.saypro_id or not any(
                    _names_agree(k.fields, f)
                    for k in index.by_email.get(str(f.get("email") or "").casefold(), ()))):
                phones.add(phone)
        if phones:
            self._fetch(f"phone IN {_KEYS}", phones, index)
        # By name only the groups no one above answers (an agreeing name wins first).
        names: set[tuple[str | None, str | None, str | None, str | None]] = set()
        for group in groups:
            f = group.fields
            if not group.saypro_id and any(_names_agree(k.fields, f) for k in index.hits(f)):
                continue
            first, last = f.get("first_name") or "", f.get("last_name") or ""
            if not first and not last:
                continue
            phone, email = f.get("phone") or None, f.get("email") or None
            for a, b in zip(self.spellings(last), self.spellings(first), strict=True):
                names.add((a or None, b or None, phone, email))
        if names:
            self._fetch(_BY_NAME, names, index)
        return index

    def _org_people(self, key: str) -> tuple[list[str], list[tuple[str, Any, Any]]]:
        """Everyone at the organisation(s) of this folded name: folded full names, and
        (id, first name, last name) beside them; read once per import."""
        found = self.by_org.get(key)
        if found is None:
            names: list[str] = []
            people: list[tuple[str, Any, Any]] = []
            if self.org_ids.get(key):
                for pid, first, last in self.session.execute(text(
                        "SELECT id, first_name, last_name FROM people WHERE "
                        f"{_LIVE.format(p='')} AND "
                        f"organisation_id IN {_KEYS} ORDER BY created_at"),
                        {"keys": json.dumps(self.org_ids[key])}):
                    full = _full({"first_name": first, "last_name": last})
                    if full:
                        names.append(full)
                        people.append((pid, first, last))
            found = self.by_org[key] = (names, people)
        return found

    # -- matching ----------------------------------------------------------------------
    def _match(self, group: _Group, index: _Index) -> None:
        """Find the person already here that this group is, or the ones it may be."""
        f = group.fields
        org_key = folded(group.organisation)
        queue: dict[str, tuple[_Known, str]] = {}
        if group.saypro_id:
            known_by_id = index.by_id.get(group.saypro_id)
            if known_by_id is not None and not known_by_id.new:
                group.match = known_by_id
                return
        full = _full(f)
        if not group.saypro_id:
            # First the people earlier rows of this file made or matched: the group folds
            # into them as rows of one file fold (a row of our own export never does).
            for known in index.hits(f):
                if (known.new or known.id in self.touched) and _names_agree(known.fields, f):
                    group.match = known
                    return
            for known in index.by_name.get((full, org_key), []):
                if (known.new or known.id in self.touched) and not any(
                        _differs(known.fields, f, n) for n in ("email", "phone")):
                    group.match = known
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
                if not known.fresh:  # clashes within the chunk are in queue_groups already
                    queue.setdefault(known.id, (known, f"same {kind} ({value}), different name"))
        for known in index.by_name.get((full, org_key), []):
            if known.new and group.saypro_id:
                continue
            if not any(_differs(known.fields, f, n)
                       for n in ("email", "phone", "city", "postal_code")):
                group.match = known
                return
        if org_key and full:
            names, people = self._org_people(org_key)
            for _, score, position in process.extract(
                    full, names, scorer=fuzz.ratio, score_cutoff=FUZZY_NAME_SCORE, limit=5):
                if score >= FUZZY_NAME_SCORE:
                    pid, first, last = people[position]
                    queue.setdefault(pid, (
                        _Known(pid, {"first_name": first, "last_name": last}, org_key),
                        "similar name at the same organisation"))
        group.queue = list(queue.values())

    def resolve(self, rows: list[Row]) -> _Chunk:
        """Group and match one chunk of rows, and count what will happen to them."""
        self.total += len(rows)
        groups, bad = _group_rows(rows, keep_rows=self.keep_rows)
        self.bad.extend(RowProblem(row.number, row.bad or "") for row in bad)
        index = self._candidates(groups)
        matched: dict[str, _Group] = {}
        for group in groups:
            self._match(group, index)
            org_key = folded(group.organisation)
            if group.organisation and org_key not in self.orgs:
                self.new_orgs.setdefault(org_key, group.organisation.strip())
            if group.match is not None:
                first = matched.get(group.match.id)
                if first is not None:  # a second group of the chunk is the same person
                    first.rows.extend(group.rows)
                    for name, value in _person_values(group).items():
                        first.fields.setdefault(name, value)
                    if not first.organisation and group.organisation:
                        first.organisation = group.organisation
                    for channel, answer in group.consents.items():
                        first.consents.setdefault(channel, answer)
                    group.also = first
                    continue
                matched[group.match.id] = group
                group.person_id = group.match.id
            else:
                group.person_id = new_id()
                # The group's own fields (empty values are as good as absent to every check).
                known = _Known(group.person_id, group.fields, org_key, new=True, fresh=True)
                index.add(known)
                matched[known.id] = group
                full = _full(group.fields)
                if org_key and full:
                    names, people = self._org_people(org_key)
                    names.append(full)
                    people.append((known.id, group.fields.get("first_name"),
                                   group.fields.get("last_name")))
        pairs: dict[tuple[str, str], str] = {}
        for group in groups:
            if group.also is None:
                self._count(group, pairs)
        for group in groups:
            if group.also is not None:
                continue
            for row in group.rows:
                for message in row.problems:
                    if len(self.warnings) < MAX_WARNINGS:
                        self.warnings.append(RowProblem(row.number, message))
                    else:
                        self.more_warnings += 1
        return _Chunk(groups, bad, pairs)

    def _count(self, group: _Group, pairs: dict[tuple[str, str], str]) -> None:
        known = group.match
        if known is None:
            self.created += 1
            self.merged += len(group.rows) - 1
            for other, reason in group.queue:
                self._queue(group.person_id, other.id, reason, pairs)
            for other_group, reason in group.queue_groups:
                self._queue(group.person_id, (other_group.also or other_group).person_id,
                            reason, pairs)
            return
        current = known.fields
        group.changes = {name: value for name, value in _person_values(group).items()
                         if current.get(name) in (None, "")}
        group.adds_organisation = bool(group.organisation) and not current.get(
            "organisation_id")
        changed = bool(group.changes) or group.adds_organisation
        if known.new:  # a person this import wrote for an earlier chunk
            self.merged += len(group.rows)
        elif known.id in self.touched:  # matched by an earlier chunk too
            self.merged += len(group.rows)
            if changed and not self.touched[known.id]:
                self.touched[known.id] = True
                self.updated += 1
                self.unchanged -= 1
        else:
            self.touched[known.id] = changed
            self.merged += len(group.rows) - 1
            if changed:
                self.updated += 1
            else:
                self.unchanged += 1

    def _queue(self, a: str, b: str, reason: str, pairs: dict[tuple[str, str], str]) -> None:
        pair = (a, b) if a < b else (b, a)
        if pair not in self.queued:
            self.queued.add(pair)
            pairs[pair] = reason

    def all_warnings(self) -> list[RowProblem]:
        if not self.more_warnings:
            return list(self.warnings)
        return [*self.warnings, RowProblem(0, f"... and {self.more_warnings} more")]


def _person_values(group: _Group) -> dict[str, Any]:
    return {k: v for k, v in group.fields.items() if k in PERSON_FIELDS and v not in (None, "")}


def chunks(rows: Iterable[Row], size: int = CHUNK_ROWS,
           progress: Callable[[int, int], bool | None] | None = None,
           total: int = 0) -> Iterator[list[Row]]:
    """``rows`` in lists of ``size``; ``progress(done, total)`` returning False cancels."""
    chunk: list[Row] = []
    for counted, row in enumerate(rows, 1):
        if progress and counted % PROGRESS_EVERY == 0 and progress(
                counted, max(total, counted)) is False:
            raise SayProError("import cancelled; nothing was changed")
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
