"""Previewing and running a contact (or attendee) import in one unit of work."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from saypro_desktop.db.backup import safety_backup
from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import (
    Consent,
    DuplicateCandidate,
    Event,
    Organisation,
    Person,
    SignIn,
)
from saypro_desktop.domain.errors import SayProError, ValidationError
from saypro_desktop.domain.ids import link_id, new_id
from saypro_desktop.domain.people import (
    display_name,
)
from saypro_desktop.domain.time import utcnow
from saypro_desktop.services.events import add_rsvps_in
from saypro_desktop.services.events_signin import local_now
from saypro_desktop.services.imports.calendar import preview_calendar, run_calendar
from saypro_desktop.services.imports.matching import (
    CHUNK_ROWS,
    _Chunk,
    _Group,
    _Matcher,
    _person_values,
    chunks,
    folded,
)
from saypro_desktop.services.imports.model import (
    BadRowsError,
    ImportPlan,
    ImportReport,
    PreviewRow,
)
from saypro_desktop.services.imports.organisations import preview_organisations, run_organisations
from saypro_desktop.services.imports.rows import planned_rows
from saypro_desktop.services.imports.vocabulary import LARGE_IMPORT_ROWS
from saypro_desktop.services.unit_of_work import UnitOfWork


def preview(db: Database, plan: ImportPlan, limit: int = 10) -> list[PreviewRow]:
    """The first ``limit`` rows as they will be stored, and what will happen to each."""
    if plan.kind == "calendar":
        return preview_calendar(db, plan, limit)
    if plan.kind == "organisations":
        return preview_organisations(db, plan, limit)
    rows = list(planned_rows(plan, limit))
    with db.reading() as session:
        chunk = _Matcher(session).resolve(rows)
    action: dict[int, str] = {row.number: f"skip: {row.bad}" for row in chunk.bad}
    for group in chunk.groups:
        lead = group.rows[0]
        target = group.also or group
        if target.match is not None:
            who = display_name(target.match.fields.get("first_name"),
                               target.match.fields.get("last_name"))
            text = f"update {who}" if target.changes or group.also else f"already here: {who}"
        elif group.queue or group.queue_groups:
            names = [display_name(k.fields.get("first_name"), k.fields.get("last_name"))
                     for k, _ in group.queue]
            names += [g.rows[0].name for g, _ in group.queue_groups]
            text = f"possible duplicate of {', '.join(names)}"
        else:
            text = "create"
        action[lead.number] = text
        for row in group.rows[1:]:
            action[row.number] = (f"same person as row {lead.number}" if row is not lead
                                  else text)
    result = []
    for row in rows:
        values = {k: str(v) for k, v in row.fields.items() if v not in (None, "")}
        if row.organisation:
            values["organisation"] = row.organisation.strip()
        for channel, (status, _) in row.consents.items():
            values[f"consent_{channel}"] = status
        result.append(PreviewRow(row.number, values, action.get(row.number, "create"),
                                 ([row.bad] if row.bad else []) + row.problems))
    return result


# SQLite's page cache while an import writes (negative: KiB, as PRAGMA cache_size takes it).
IMPORT_CACHE_KIB = -8_000


class _ImportUnit(UnitOfWork):
    """An import's unit of work, which also fills empty fields of people it created."""

    def fill_created(self, fills: Mapping[str, Mapping[str, Any]]) -> None:
        """Set fields of people this unit created that they were created without (so no
        operation holds them yet): what :meth:`update` does for each, in one apply."""
        ops = [self._op(Person, row_id, name, value)
               for row_id, values in fills.items() for name, value in values.items()]
        if ops:
            self.engine.apply(ops, known_new=True)

    def keep_progress(self) -> None:
        """Bring this device's sync progress up to what is written so far. Done a chunk at a
        time, the commit's own pass (over every change since) is short instead of holding
        the numbers of every change the import made."""
        if self._fast:
            self.engine.track_progress(list(self._fast.values()))


class _DryRunEndError(Exception):
    """Leaves a dry run's unit of work without saving what it wrote."""


def run_import(
    db: Database,
    plan: ImportPlan,
    *,
    on_bad_rows: str = "cancel",
    dry_run: bool = False,
    progress: Callable[[int, int], bool | None] | None = None,
) -> ImportReport:
    """Import every row in one transaction; see the module docstring for the rules.

    ``on_bad_rows``: "cancel" raises :class:`BadRowsError` (nothing written) when a row
    cannot be understood; "skip" leaves such rows out and lists them in the report.
    ``progress(done, total)`` returning False cancels: nothing is written.

    The file is read, matched and written :data:`CHUNK_ROWS` rows at a time inside one
    unit of work, so later chunks find the people earlier ones wrote; a dry run, a
    cancel or a refusal rolls all of it back. The safety copy is taken just before the
    commit (it reads the database as it was before the import).
    """
    if on_bad_rows not in {"cancel", "skip"}:
        raise ValidationError("on_bad_rows must be 'cancel' or 'skip'")
    if plan.kind == "calendar":
        return run_calendar(db, plan, on_bad_rows=on_bad_rows, dry_run=dry_run,
                             progress=progress)
    if plan.kind == "organisations":
        return run_organisations(db, plan, on_bad_rows=on_bad_rows, dry_run=dry_run,
                                  progress=progress)
    if plan.kind == "attendees" and not plan.event_id:
        raise ValidationError("an attendee import needs the event it is for")
    total = plan.row_count or len(plan._records)
    report = ImportReport(
        created=0, updated=0, merged=0, queued_duplicates=0, skipped=[], errors=[],
        dry_run=dry_run)
    source = f"import: {plan.path.name}"[:64]
    try:
        with _ImportUnit(db) as uow:
            connection = uow.session.connection()
            cache = int(connection.exec_driver_sql("PRAGMA cache_size").scalar() or -2_000)
            # Pages are written once and seldom read again: a smaller cache is as fast.
            connection.exec_driver_sql(f"PRAGMA cache_size={IMPORT_CACHE_KIB}")
            try:
                matcher = _Matcher(uow.session, keep_rows=False)
                for rows in chunks(planned_rows(plan), CHUNK_ROWS, progress, total):
                    chunk = matcher.resolve(rows)
                    _write(uow, plan, matcher, chunk, report, source)
                    uow.keep_progress()
            finally:
                connection.exec_driver_sql(f"PRAGMA cache_size={cache}")
            _count(report, matcher)
            if report.skipped and on_bad_rows == "cancel":
                report.errors = list(report.skipped)
                raise BadRowsError(report)
            if dry_run:
                raise _DryRunEndError
            if progress and progress(total, total) is False:
                raise SayProError("import cancelled; nothing was changed")
            safety_backup(db.path, "before-contacts-import", large=total >= LARGE_IMPORT_ROWS)
    except _DryRunEndError:
        pass
    return report


def _count(report: ImportReport, matcher: _Matcher) -> None:
    report.created, report.updated = matcher.created, matcher.updated
    report.unchanged, report.merged = matcher.unchanged, matcher.merged
    report.queued_duplicates = len(matcher.queued)
    report.organisations_created = len(matcher.new_orgs)
    report.total_rows = matcher.total
    report.skipped = list(matcher.bad)
    report.warnings = matcher.all_warnings()


def _write(uow: _ImportUnit, plan: ImportPlan, matcher: _Matcher, chunk: _Chunk,
           report: ImportReport, source: str) -> None:
    """Write one matched chunk: its new organisations and people, the empty fields of
    the people it matched, consents, the attendee list, the possible duplicates."""
    live = [g for g in chunk.groups if g.also is None]
    wanted: dict[str, str] = {}
    for group in live:
        if group.organisation:
            key = folded(group.organisation)
            if key not in matcher.orgs:
                wanted.setdefault(key, matcher.new_orgs.get(key, group.organisation.strip()))
    if wanted:
        ids = uow.create_many(Organisation, [{"name": name} for name in wanted.values()])
        for key, oid in zip(wanted, ids, strict=True):
            matcher.organisation_added(key, oid)
    creates: list[dict[str, Any]] = []
    create_ids: list[str] = []
    fills: dict[str, dict[str, Any]] = {}
    for group in live:
        org_id = matcher.orgs.get(folded(group.organisation)) if group.organisation else None
        if group.match is None:
            values = _person_values(group)
            values["organisation_id"] = org_id
            creates.append(values)
            create_ids.append(group.person_id)
        else:
            changes = dict(group.changes)
            if org_id and group.adds_organisation:
                changes["organisation_id"] = org_id
            if changes and group.match.new:
                fills[group.person_id] = changes
            elif changes:
                uow.update(Person, group.person_id, changes)
    uow.fill_created(fills)
    if creates:
        uow.create_many(Person, creates, row_ids=create_ids)
    report.consents_recorded += _write_consents(uow, live, source)
    if plan.kind == "attendees" and plan.event_id:
        _write_attendees(uow, plan.event_id, live, report)
    _write_queue(uow, chunk.pairs)


def _live_organisations(uow: UnitOfWork) -> dict[str, str]:
    """Folded name -> id of every live organisation (the oldest wins a tie)."""
    found: dict[str, str] = {}
    for oid, name in uow.session.execute(
        select(Organisation.id, Organisation.name)
        .where(Organisation.deleted_at.is_(None)).order_by(Organisation.created_at)
    ):
        found.setdefault(folded(name), oid)
    return found


def _write_consents(uow: UnitOfWork, groups: list[_Group], source: str) -> int:
    wanted = [(g.person_id, channel, status, at)
              for g in groups for channel, (status, at) in g.consents.items()]
    if not wanted:
        return 0
    matched = sorted({g.person_id for g in groups if g.match is not None})
    existing: set[tuple[str, str]] = set()
    for start in range(0, len(matched), 500):
        existing.update(
            (pid, channel) for pid, channel in uow.session.execute(
                select(Consent.person_id, Consent.channel).where(
                    Consent.person_id.in_(matched[start:start + 500]),
                    Consent.deleted_at.is_(None)))
        )
    rows = [
        {"person_id": pid, "channel": channel, "status": status,
         "recorded_at": at or uow.now, "source": source,
         "wording": "recorded from an imported contact list"}
        for pid, channel, status, at in wanted if (pid, channel) not in existing
    ]
    if rows:
        uow.create_many(Consent, rows)
    return len(rows)


def _write_attendees(uow: UnitOfWork, event_id: str, groups: list[_Group],
                     report: ImportReport) -> None:
    """An event still to come gets an RSVP list; one already started, who came."""
    event = uow.session.get(Event, event_id)
    if event is None or event.deleted_at is not None:
        raise ValidationError(f"no event with id {event_id}")
    if event.starts_at > local_now():
        report.rsvps_added += add_rsvps_in(uow, event_id, [g.person_id for g in groups],
                                          source="import")
    else:
        report.sign_ins_created += _write_sign_ins(uow, event, groups)


def _write_sign_ins(uow: UnitOfWork, event: Event, groups: list[_Group]) -> int:
    event_id = event.id
    wanted = {link_id("sign_in", event_id, g.person_id): g.person_id for g in groups}
    ids = list(wanted)
    live: set[str] = set()
    for start in range(0, len(ids), 500):
        live.update(uow.session.execute(
            select(SignIn.id).where(SignIn.id.in_(ids[start:start + 500]),
                                    SignIn.deleted_at.is_(None))).scalars())
    new = [sid for sid in ids if sid not in live]
    if new:
        uow.create_many(SignIn, [
            {"event_id": event_id, "person_id": wanted[sid], "signed_in_at": event.starts_at,
             "source": "import", "walk_in": False, "consent_given": False}
            for sid in new], row_ids=new)
    return len(new)


def _write_queue(uow: UnitOfWork, pairs: dict[tuple[str, str], str]) -> None:
    if not pairs:
        return
    now = utcnow()
    uow.session.execute(
        sqlite_insert(DuplicateCandidate).on_conflict_do_nothing(),
        [{"id": new_id(), "first_id": a, "second_id": b, "reason": reason[:200],
          "status": "open", "found_at": now} for (a, b), reason in sorted(pairs.items())],
    )
