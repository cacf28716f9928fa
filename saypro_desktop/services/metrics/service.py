"""``Metrics``: every figure for any range, in SQL, for the dashboard, reports and CLI."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from saypro_desktop.db.engine import Database
from saypro_desktop.domain.enums import ConcernCategory, ReformStage
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.services.metrics import queries as q
from saypro_desktop.services.metrics.common import (
    ENGAGEMENT_LEVELS,
    Share,
    as_date,
    category_label,
    channel_label,
    concern_label,
    describe_range,
    engagement_level,
    label,
)
from saypro_desktop.services.metrics.definitions import FIGURES, KPIS
from saypro_desktop.services.metrics.diversity import Diversity, coalition_diversity
from saypro_desktop.services.metrics.objectives import (
    ObjectiveProgress,
    Target,
    campaign_targets,
    objectives_progress,
)
from saypro_desktop.services.metrics.queries import Builder, Range, Sql
from saypro_desktop.services.metrics.selection import (
    COUNTED_ROWS,
    RECORDS,
    RecordsRequest,
    part_label,
    selection,
)

if TYPE_CHECKING:
    from saypro_desktop.services.metrics.records import RecordRows


@dataclass(frozen=True, slots=True)
class PartnerEngagement:
    id: str
    name: str
    category: str | None
    score: int
    level: str


@dataclass(slots=True)
class Snapshot:
    """All the figures for one range."""

    range: Range
    values: dict[str, float] = field(default_factory=dict)
    response_by_channel: list[Share] = field(default_factory=list)
    response_by_category: list[Share] = field(default_factory=list)
    concerns_by_category: list[Share] = field(default_factory=list)  # value open, of = total
    reforms_by_stage: list[Share] = field(default_factory=list)
    media_by_kind: list[Share] = field(default_factory=list)
    engagement: list[PartnerEngagement] = field(default_factory=list)
    engagement_levels: list[Share] = field(default_factory=list)
    targets: dict[str, Target] = field(default_factory=dict)
    objectives: list[ObjectiveProgress] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """One key per figure, the breakdowns, and the objectives (``saypro metrics --json``)."""
        out: dict[str, Any] = {
            "range": {"from": _iso(self.range.start), "to": _iso(self.range.end),
                      "campaign_id": self.range.campaign_id},
        }
        for key, value in self.values.items():
            out[key] = round(value, 4) if FIGURES[key].unit == "ratio" else int(value)
        out["reforms_by_stage"] = {s.key: int(s.value) for s in self.reforms_by_stage}
        out["response_rate_by_channel"] = {
            s.key: {"replied": int(s.value), "contacted": int(s.of or 0)}
            for s in self.response_by_channel}
        out["response_rate_by_category"] = {
            s.key: {"replied": int(s.value), "contacted": int(s.of or 0)}
            for s in self.response_by_category}
        out["concerns_by_category"] = {
            s.key: {"open": int(s.value), "addressed": int((s.of or 0) - s.value)}
            for s in self.concerns_by_category}
        out["engagement_by_level"] = {s.key: int(s.value) for s in self.engagement_levels}
        out["targets"] = {key: t.value for key, t in self.targets.items()}
        out["objectives"] = [o.as_dict() for o in self.objectives]
        return out


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


class Metrics:
    """Bound to one database; ``now`` is injectable so tests fix "today"."""

    def __init__(self, db: Database, now: Callable[[], datetime] = datetime.now) -> None:
        self.db = db
        self.now = now
        self._cancelled: str | bool | None = False  # not looked up yet

    # -- ranges ------------------------------------------------------------------------------
    def range_for(self, campaign_id: str | None = None, phase_id: str | None = None,
                  start: date | None = None, end: date | None = None) -> Range:
        """A campaign's dates, or one of its phases' dates; explicit dates narrow them."""
        if campaign_id is None:
            return Range(start, end)
        with self.db.reading() as session:
            row = session.execute(text(
                "SELECT starts_on, ends_on FROM campaigns WHERE id = :id AND deleted_at IS NULL"
            ), {"id": campaign_id}).first()
            if row is None:
                raise NotFoundError(f"no campaign with id {campaign_id}")
            c_start, c_end = as_date(row[0]), as_date(row[1])
            if phase_id:
                phase = session.execute(text(
                    "SELECT starts_on, ends_on FROM campaign_phases WHERE id = :id "
                    "AND campaign_id = :cid AND deleted_at IS NULL"),
                    {"id": phase_id, "cid": campaign_id}).first()
                if phase is None:
                    raise NotFoundError(f"no phase with id {phase_id} in this campaign")
                c_start, c_end = as_date(phase[0]) or c_start, as_date(phase[1]) or c_end
        return Range(start or c_start, end or c_end, campaign_id)

    # -- figures -----------------------------------------------------------------------------
    def _builder(self, session: Session, rng: Range) -> Builder:
        if self._cancelled is False:
            columns = {row[1] for row in session.execute(text("PRAGMA table_info(meetings)"))}
            if "status" in columns:
                self._cancelled = "COALESCE(m.status, '') = 'cancelled'"
            elif "cancelled_at" in columns:
                self._cancelled = "m.cancelled_at IS NOT NULL"
            else:
                self._cancelled = None
        cancelled = self._cancelled if isinstance(self._cancelled, str) else None
        return Builder(rng, self.now(), cancelled)

    @staticmethod
    def _scalar(session: Session, sql: Sql, expr: str = "count(*)") -> float:
        value = session.execute(text(f"SELECT {expr} FROM ({sql.text})"), sql.params).scalar()
        return float(value or 0)

    @staticmethod
    def _rows(session: Session, sql: Sql, select: str, tail: str = "") -> list[Any]:
        return list(session.execute(text(f"SELECT {select} FROM ({sql.text}) {tail}"),
                                    sql.params))

    def snapshot(self, rng: Range, *, with_objectives: bool = True) -> Snapshot:
        """Every figure for ``rng``.

        The figures are read in two halves at once, each on its own connection: SQLite runs
        a query outside Python's GIL, so the halves use both cores. Each half reads one
        consistent state of the file; a write landing between the two starts is announced
        like any other, and whoever shows the figures reads them again."""
        return self._snapshot(rng, with_objectives)

    def dashboard(self, rng: Range) -> tuple[Snapshot, Diversity]:
        """The dashboard's figures for ``rng`` and the coalition's diversity, read together
        (the diversity after the lighter half of the figures, on its thread)."""
        found: list[Diversity] = []
        snapshot = self._snapshot(rng, True, lambda: found.append(self.diversity()))
        return snapshot, found[0]

    def _snapshot(self, rng: Range, with_objectives: bool,
                  then: Callable[[], object] | None = None) -> Snapshot:
        out = Snapshot(rng)
        rest = Snapshot(rng)

        def second() -> None:
            self._second_half(rng, rest, with_objectives)
            if then is not None:
                then()

        # A thread for this snapshot alone (a fraction of a millisecond to start), ended
        # before returning, so nothing outlives the call.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="metrics") as pool:
            later = pool.submit(second)
            try:
                self._first_half(rng, out)
            finally:
                later.result()
        out.values.update(rest.values)  # in the order of the figures' definitions
        out.concerns_by_category = rest.concerns_by_category
        out.reforms_by_stage = rest.reforms_by_stage
        out.media_by_kind = rest.media_by_kind
        out.targets = rest.targets
        out.objectives = rest.objectives
        return out

    def _first_half(self, rng: Range, out: Snapshot) -> None:
        """Outreach, meetings, commitments and partner engagement."""
        with self.db.reading() as session:
            b = self._builder(session, rng)
            v = out.values
            v["contacts_reached"] = self._scalar(session, q.contacts_reached(b))
            rows = self._rows(session, q.contacted_organisations(b),
                              "channel, category, count(*), sum(replied)",
                              "GROUP BY channel, category")
            contacted = sum(r[2] for r in rows)
            replied = sum(r[3] or 0 for r in rows)
            v["organisations_contacted"] = float(contacted)
            v["response_rate"] = replied / contacted if contacted else 0.0
            out.response_by_channel = _shares(rows, 0, channel_label)
            out.response_by_category = _shares(rows, 1, category_label)
            v["meetings_scheduled"] = self._scalar(session, q.meetings(b, held=False))
            v["meetings_held"] = self._scalar(session, q.meetings(b, held=True))
            v["commitments_pledged"] = self._scalar(session, q.commitments_pledged(b))
            v["commitments_delivered"] = self._scalar(session, q.commitments_delivered(b))
            engagement = [
                PartnerEngagement(r[0], r[1], r[2], int(r[3]), engagement_level(int(r[3])))
                for r in self._rows(session, q.partner_engagement(b), "id, name, category, score",
                                    "ORDER BY score DESC, name")]
            out.engagement = engagement
            v["partners_engaged"] = float(sum(1 for e in engagement if e.score > 0))
            out.engagement_levels = [
                Share(key, label, float(sum(1 for e in engagement if e.level == key)))
                for key, label, _ in ENGAGEMENT_LEVELS]

    def _second_half(self, rng: Range, out: Snapshot, with_objectives: bool) -> None:
        """Concerns, events, people met, petitions, reforms, media, stories, targets and
        the campaign's objectives."""
        with self.db.reading() as session:
            b = self._builder(session, rng)
            v = out.values
            concern_rows = self._rows(session, q.concerns(b),
                                      "category, count(*) - sum(addressed), count(*)",
                                      "GROUP BY category")
            by_cat = {r[0]: (float(r[1]), float(r[2])) for r in concern_rows}
            order = [c.value for c in ConcernCategory] + sorted(
                set(by_cat) - {c.value for c in ConcernCategory})
            out.concerns_by_category = [
                Share(key, concern_label(key), by_cat[key][0], by_cat[key][1])
                for key in order if key in by_cat]
            v["concerns_open"] = sum(s.value for s in out.concerns_by_category)
            v["concerns_addressed"] = sum((s.of or 0) - s.value for s in out.concerns_by_category)
            v["events_held"] = self._scalar(session, q.events_held(b))
            att = self._rows(session, q.attendance(b), "count(*), count(DISTINCT person_id)")[0]
            v["attendance"], v["unique_attendees"] = float(att[0]), float(att[1])
            v["new_people"] = self._scalar(session, q.new_people(b))
            v["petition_signatures"] = self._scalar(session, q.petition_signatures(b))
            v["reforms_advanced"] = self._scalar(session, q.reforms_advanced(b))
            stages = self._rows(session, q.reforms_stage_at_end(b), "stage, count(*)",
                                "WHERE stage IS NOT NULL GROUP BY stage")
            out.reforms_by_stage = _stage_shares(stages)
            media = self._rows(session, q.media(b), "kind, count(*), sum(reach)", "GROUP BY kind")
            v["media_items"] = float(sum(r[1] for r in media))
            v["media_reach"] = float(sum(r[2] or 0 for r in media))
            out.media_by_kind = [Share(r[0], label(r[0]), float(r[2] or 0), float(r[1]))
                                 for r in media]
            v["stories_collected"] = self._scalar(session, q.stories(b))
            if rng.campaign_id:
                out.targets = campaign_targets(session, rng)
        if with_objectives and rng.campaign_id:
            out.objectives = self.objectives(rng.campaign_id)


    def value(self, key: str, rng: Range) -> float:
        """One KPI over a range (what an objective measures)."""
        if key not in KPIS:
            raise ValidationError(f"{key} is not a measurable figure; choose one of "
                                  f"{', '.join(KPIS)}")
        with self.db.reading() as session:
            b = self._builder(session, rng)
            return self._value(session, b, key)

    def _value(self, session: Session, b: Builder, key: str) -> float:
        simple: dict[str, Callable[[Builder], Sql]] = {
            **COUNTED_ROWS, "media_items": q.media,
            "organisations_contacted": q.contacted_organisations,
        }
        if key in simple:
            return self._scalar(session, simple[key](b))
        if key == "response_rate":
            return self._scalar(session, q.contacted_organisations(b),
                                "CASE WHEN count(*) THEN 1.0 * sum(replied) / count(*) END")
        if key == "media_reach":
            return self._scalar(session, q.media(b), "sum(reach)")
        if key == "unique_attendees":
            return self._scalar(session, q.attendance(b), "count(DISTINCT person_id)")
        if key == "partners_engaged":
            return self._scalar(session, q.partner_engagement(b), "count(*) FILTER "
                                "(WHERE score > 0)")
        if key == "concerns_open":
            return self._scalar(session, q.concerns(b), "count(*) FILTER (WHERE NOT addressed)")
        if key == "concerns_addressed":
            return self._scalar(session, q.concerns(b), "count(*) FILTER (WHERE addressed)")
        raise ValidationError(f"{key} is not a measurable figure")  # pragma: no cover

    # -- objectives --------------------------------------------------------------------------
    def objectives(self, campaign_id: str) -> list[ObjectiveProgress]:
        """Each objective of the campaign with its progress, from its phase's (or the
        campaign's) start to its deadline, and a status judged from the pace so far."""
        today = self.now().date()
        with self.db.reading() as session:
            return objectives_progress(
                session, campaign_id, today,
                lambda rng, kpi: self._value(session, self._builder(session, rng), kpi))

    # -- coalition diversity -----------------------------------------------------------------
    def diversity(self) -> Diversity:
        with self.db.reading() as session:
            return coalition_diversity(session)

    # -- records behind a figure -------------------------------------------------------------
    def describe(self, request: RecordsRequest) -> RecordRows:
        """The records a request names, in words (for a list or a printed annex)."""
        from saypro_desktop.services.metrics.records import describe

        return describe(self.db, request.table, request.ids)

    def records(self, figure: str, rng: Range, part: str | None = None) -> RecordsRequest:
        """The rows a figure counted (``part`` narrows to one slice: "channel:email",
        "category:funding", "stage:tabled", "level:high", "kind:op_ed")."""
        if figure not in RECORDS:
            raise ValidationError(f"no records behind {figure}")
        table, page = RECORDS[figure]
        with self.db.reading() as session:
            b = self._builder(session, rng)
            sql, where = selection(b, figure, part)
            ids = tuple(r[0] for r in session.execute(
                text(f"SELECT id FROM ({sql.text}) {where}"), sql.params))
        title = FIGURES[figure].label
        if part:
            title += f" — {part_label(part)}"
        return RecordsRequest(figure, f"{title}, {describe_range(rng)}", table, ids, page)


def _shares(rows: Iterable[Any], index: int, label: Callable[[str | None], str]) -> list[Share]:
    groups: dict[str | None, list[float]] = {}
    for row in rows:
        acc = groups.setdefault(row[index], [0.0, 0.0])
        acc[0] += row[3] or 0
        acc[1] += row[2]
    return sorted((Share(k or "", label(k), v[0], v[1]) for k, v in groups.items()),
                  key=lambda s: (-(s.of or 0), s.label))


def _stage_shares(rows: Iterable[Any]) -> list[Share]:
    counts: dict[str, float] = {}
    for raw, n in rows:
        stage = ReformStage.read(raw)
        key = stage.value if stage else raw
        counts[key] = counts.get(key, 0) + n
    order = [s.value for s in ReformStage]
    return [Share(k, ReformStage(k).label if k in order else label(k), v)
            for k, v in sorted(counts.items(),
                               key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)]
