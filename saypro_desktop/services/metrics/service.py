"""``Metrics``: every figure for any range, in SQL, for the dashboard, reports and CLI."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from saypro_desktop.db.engine import Database
from saypro_desktop.domain.enums import (
    ConcernCategory,
    GovernmentLevel,
    ReformStage,
    StakeholderCategory,
)
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.services.metrics import queries as q
from saypro_desktop.services.metrics.definitions import FIGURES, KPIS
from saypro_desktop.services.metrics.queries import Builder, Range, Sql

if TYPE_CHECKING:
    from saypro_desktop.services.metrics.records import RecordRows

# Engagement bands: activities of a partner in the range.
ENGAGEMENT_LEVELS = (("high", "High (5 or more)", 5), ("medium", "Medium (2–4)", 2),
                     ("low", "Low (1)", 1), ("none", "None", 0))
STATUS_LABELS = {"met": "Met", "on_track": "On track", "at_risk": "At risk", "missed": "Missed",
                 "not_started": "Not started"}


@dataclass(frozen=True, slots=True)
class Share:
    """A breakdown row: ``part`` of ``of`` (e.g. replied of contacted) for one key."""

    key: str
    label: str
    value: float
    of: float | None = None


@dataclass(frozen=True, slots=True)
class PartnerEngagement:
    id: str
    name: str
    category: str | None
    score: int
    level: str


@dataclass(frozen=True, slots=True)
class Target:
    value: float
    deadline: date | None
    source: str  # the objective's title, or "KPI target"


@dataclass(frozen=True, slots=True)
class ObjectiveProgress:
    id: str
    campaign_id: str
    title: str
    kpi: str
    kpi_label: str
    target: float
    actual: float
    expected: float  # what the pace so far calls for today
    starts_on: date | None
    deadline: date | None
    status: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def fraction(self) -> float:
        return 0.0 if self.target <= 0 else min(1.0, self.actual / self.target)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "kpi": self.kpi, "target": self.target,
                "actual": self.actual, "expected_by_now": round(self.expected, 4),
                "deadline": self.deadline.isoformat() if self.deadline else None,
                "status": self.status}


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


@dataclass(frozen=True, slots=True)
class Diversity:
    """Partners now, by stakeholder category, government level and province."""

    partners: int
    by_category: list[Share]
    by_level: list[Share]
    by_region: list[Share]


@dataclass(frozen=True, slots=True)
class RecordsRequest:
    """The records behind a figure: ``ops.open_records(page, request)`` carries one.

    ``table`` names the kind of record and ``ids`` lists exactly the rows the figure counted
    (for ``sign_ins`` and ``signatures`` the rows of those tables); ``title`` says in words
    what the list is ("Meetings held, 1 Feb 2026 – 31 Mar 2026").
    """

    figure: str
    title: str
    table: str
    ids: tuple[str, ...]
    page: str


# Which table a figure's records are, and which page lists them.
_RECORDS: dict[str, tuple[str, str]] = {
    "contacts_reached": ("people", "People"),
    "organisations_contacted": ("organisations", "Organisations"),
    "response_rate": ("organisations", "Organisations"),
    "meetings_scheduled": ("meetings", "Meetings"),
    "meetings_held": ("meetings", "Meetings"),
    "commitments_pledged": ("commitments", "Coalition"),
    "commitments_delivered": ("commitments", "Coalition"),
    "partners_engaged": ("organisations", "Organisations"),
    "concerns_open": ("concerns", "Campaign & reforms"),
    "concerns_addressed": ("concerns", "Campaign & reforms"),
    "events_held": ("events", "Events & sign-in"),
    "attendance": ("sign_ins", "Events & sign-in"),
    "unique_attendees": ("people", "People"),
    "new_people": ("people", "People"),
    "petition_signatures": ("signatures", "Events & sign-in"),
    "reforms_advanced": ("reforms", "Campaign & reforms"),
    "reforms_by_stage": ("reforms", "Campaign & reforms"),
    "media_items": ("media_items", "Campaign & reforms"),
    "media_reach": ("media_items", "Campaign & reforms"),
    "stories_collected": ("stories", "Campaign & reforms"),
}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def level_of(category: str | None) -> str:
    """The government level a stakeholder category sits at, or "civil_society"."""
    return {StakeholderCategory.POLICYMAKER_LOCAL.value: GovernmentLevel.LOCAL.value,
            StakeholderCategory.POLICYMAKER_PROVINCIAL.value: GovernmentLevel.PROVINCIAL.value,
            StakeholderCategory.POLICYMAKER_NATIONAL.value: GovernmentLevel.NATIONAL.value,
            StakeholderCategory.REGULATOR.value: GovernmentLevel.NATIONAL.value,
            }.get(category or "", "civil_society")


def engagement_level(score: int) -> str:
    for key, _label, floor in ENGAGEMENT_LEVELS:
        if score >= floor:
            return key
    return "none"


def category_label(value: str | None) -> str:
    if not value:
        return "Not recorded"
    try:
        return StakeholderCategory(value).label
    except ValueError:
        return value.replace("_", " ").capitalize()


def _label(value: str | None) -> str:
    return value.replace("_", " ").capitalize() if value else "Not recorded"


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
            c_start, c_end = _date(row[0]), _date(row[1])
            if phase_id:
                phase = session.execute(text(
                    "SELECT starts_on, ends_on FROM campaign_phases WHERE id = :id "
                    "AND campaign_id = :cid AND deleted_at IS NULL"),
                    {"id": phase_id, "cid": campaign_id}).first()
                if phase is None:
                    raise NotFoundError(f"no phase with id {phase_id} in this campaign")
                c_start, c_end = _date(phase[0]) or c_start, _date(phase[1]) or c_end
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
        out = Snapshot(rng)
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
            out.response_by_channel = _shares(rows, 0, _label)
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
            concern_rows = self._rows(session, q.concerns(b),
                                      "category, count(*) - sum(addressed), count(*)",
                                      "GROUP BY category")
            by_cat = {r[0]: (float(r[1]), float(r[2])) for r in concern_rows}
            order = [c.value for c in ConcernCategory] + sorted(
                set(by_cat) - {c.value for c in ConcernCategory})
            out.concerns_by_category = [
                Share(key, _concern_label(key), by_cat[key][0], by_cat[key][1])
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
            out.media_by_kind = [Share(r[0], _label(r[0]), float(r[2] or 0), float(r[1]))
                                 for r in media]
            v["stories_collected"] = self._scalar(session, q.stories(b))
            if rng.campaign_id:
                out.targets = self._targets(session, rng)
        if with_objectives and rng.campaign_id:
            out.objectives = self.objectives(rng.campaign_id)
        return out

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
            "contacts_reached": q.contacts_reached,
            "meetings_scheduled": lambda b: q.meetings(b, held=False),
            "meetings_held": lambda b: q.meetings(b, held=True),
            "commitments_pledged": q.commitments_pledged,
            "commitments_delivered": q.commitments_delivered,
            "events_held": q.events_held, "attendance": q.attendance,
            "new_people": q.new_people, "petition_signatures": q.petition_signatures,
            "reforms_advanced": q.reforms_advanced, "media_items": q.media,
            "stories_collected": q.stories, "organisations_contacted": q.contacted_organisations,
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

    def _targets(self, session: Session, rng: Range) -> dict[str, Target]:
        rows = session.execute(text("""
            SELECT o.metric, o.target_value, o.due_on, o.title, o.phase FROM objectives o
            WHERE o.campaign_id = :cid AND o.deleted_at IS NULL AND o.metric IS NOT NULL
              AND o.target_value IS NOT NULL
            UNION ALL
            SELECT k.metric, k.target_value, NULL, 'KPI target', k.phase FROM kpi_targets k
            WHERE k.campaign_id = :cid AND k.deleted_at IS NULL AND k.objective_id IS NULL
            """), {"cid": rng.campaign_id}).all()
        targets: dict[str, Target] = {}
        for metric, value, due, source, _phase in rows:
            if metric not in FIGURES:
                continue
            deadline = _date(due)
            if rng.end and deadline and deadline > rng.end and metric in targets:
                continue
            current = targets.get(metric)
            if current is None or (deadline and (current.deadline is None
                                                 or deadline > current.deadline)):
                targets[metric] = Target(float(value), deadline, str(source))
        return targets

    # -- objectives --------------------------------------------------------------------------
    def objectives(self, campaign_id: str) -> list[ObjectiveProgress]:
        """Each objective of the campaign with its progress, from its phase's (or the
        campaign's) start to its deadline, and a status judged from the pace so far."""
        today = self.now().date()
        with self.db.reading() as session:
            rows = session.execute(text("""
                SELECT o.id, o.title, o.metric, o.target_value, o.due_on,
                       COALESCE((SELECT p.starts_on FROM campaign_phases p
                                 WHERE p.campaign_id = o.campaign_id AND p.phase = o.phase
                                   AND p.deleted_at IS NULL ORDER BY p.starts_on LIMIT 1),
                                c.starts_on) AS starts_on
                FROM objectives o JOIN campaigns c ON c.id = o.campaign_id
                WHERE o.campaign_id = :cid AND o.deleted_at IS NULL
                ORDER BY o.due_on IS NULL, o.due_on, o.title"""), {"cid": campaign_id}).all()
            out = []
            for oid, title, metric, target, due, starts in rows:
                if metric not in KPIS or target is None:
                    continue
                start, deadline = _date(starts), _date(due)
                rng = Range(start, deadline, campaign_id) if not (
                    start and deadline and start > deadline) else Range(deadline, deadline,
                                                                       campaign_id)
                actual = self._value(session, self._builder(session, rng), metric)
                expected, status = judge(float(target), actual, start, deadline, today,
                                         ratio=KPIS[metric].unit == "ratio")
                out.append(ObjectiveProgress(
                    oid, campaign_id, title, metric, KPIS[metric].label, float(target),
                    actual, expected, start, deadline, status))
            return out

    # -- coalition diversity -----------------------------------------------------------------
    def diversity(self) -> Diversity:
        with self.db.reading() as session:
            rows = session.execute(text(
                f"SELECT category, province, count(*) FROM ({q.partners_now()}) "
                "GROUP BY category, province")).all()
        cats: dict[str, float] = {}
        levels: dict[str, float] = {}
        regions: dict[str, float] = {}
        for category, province, n in rows:
            cats[category or ""] = cats.get(category or "", 0) + n
            lvl = level_of(category)
            levels[lvl] = levels.get(lvl, 0) + n
            regions[province or ""] = regions.get(province or "", 0) + n
        level_names = {"civil_society": "Civil society and community",
                       **{g.value: g.label for g in GovernmentLevel}}

        def ordered(counts: dict[str, float], label: Callable[[str], str]) -> list[Share]:
            return [Share(k, label(k), v) for k, v in
                    sorted(counts.items(), key=lambda kv: (-kv[1], label(kv[0])))]

        # Every category shows, so a category with no partner is a visible gap.
        for category in StakeholderCategory:
            cats.setdefault(category.value, 0)
        return Diversity(
            partners=int(sum(cats.values())),
            by_category=ordered(cats, lambda k: category_label(k or None)),
            by_level=ordered(levels, lambda k: level_names.get(k, k)),
            by_region=ordered(regions, lambda k: k or "Province not recorded"),
        )

    # -- records behind a figure -------------------------------------------------------------
    def describe(self, request: RecordsRequest) -> RecordRows:
        """The records a request names, in words (for a list or a printed annex)."""
        from saypro_desktop.services.metrics.records import describe

        return describe(self.db, request.table, request.ids)

    def records(self, figure: str, rng: Range, part: str | None = None) -> RecordsRequest:
        """The rows a figure counted (``part`` narrows to one slice: "channel:email",
        "category:funding", "stage:tabled", "level:high", "kind:op_ed")."""
        if figure not in _RECORDS:
            raise ValidationError(f"no records behind {figure}")
        table, page = _RECORDS[figure]
        with self.db.reading() as session:
            b = self._builder(session, rng)
            sql, where = self._selection(b, figure, part)
            ids = tuple(r[0] for r in session.execute(
                text(f"SELECT id FROM ({sql.text}) {where}"), sql.params))
        title = FIGURES[figure].label
        if part:
            title += f" — {_part_label(part)}"
        return RecordsRequest(figure, f"{title}, {describe_range(rng)}", table, ids, page)

    def _selection(self, b: Builder, figure: str, part: str | None) -> tuple[Sql, str]:
        key, _, value = (part or "").partition(":")
        where = ""
        if key in ("channel", "category", "stage", "kind"):
            where = f"WHERE {key} = '{_quote(value)}'"
        selections: dict[str, Callable[[], tuple[Sql, str]]] = {
            "response_rate": lambda: (q.contacted_organisations(b),
                                      where or "WHERE replied"),
            "organisations_contacted": lambda: (q.contacted_organisations(b), where),
            "partners_engaged": lambda: (q.partner_engagement(b), _level_where(value)
                                         if key == "level" else "WHERE score > 0"),
            "concerns_open": lambda: (q.concerns(b), _and(where, "NOT addressed")),
            "concerns_addressed": lambda: (q.concerns(b), _and(where, "addressed")),
            "unique_attendees": lambda: (Sql(f"SELECT DISTINCT person_id AS id FROM "
                                             f"({q.attendance(b).text})", b.params), ""),
            "reforms_by_stage": lambda: (q.reforms_stage_at_end(b),
                                         where or "WHERE stage IS NOT NULL"),
            "media_items": lambda: (q.media(b), where),
            "media_reach": lambda: (q.media(b), where),
        }
        if figure in selections:
            return selections[figure]()
        simple = {
            "contacts_reached": q.contacts_reached,
            "meetings_scheduled": lambda b: q.meetings(b, held=False),
            "meetings_held": lambda b: q.meetings(b, held=True),
            "commitments_pledged": q.commitments_pledged,
            "commitments_delivered": q.commitments_delivered,
            "events_held": q.events_held, "attendance": q.attendance,
            "new_people": q.new_people, "petition_signatures": q.petition_signatures,
            "reforms_advanced": q.reforms_advanced, "stories_collected": q.stories,
        }
        return simple[figure](b), ""


def judge(target: float, actual: float, start: date | None, deadline: date | None,
          today: date, *, ratio: bool = False) -> tuple[float, str]:
    """(what the pace calls for by today, status). A ratio (response rate) is on track while
    it is at its target; a count is on track while it keeps pace with a straight line from
    zero at the start to the target at the deadline."""
    if actual >= target:
        return target, "met"
    if deadline and today > deadline:
        return target, "missed"
    if ratio:
        return target, "on_track" if actual >= target else "at_risk"
    if start and today < start:
        return 0.0, "not_started"
    if start and deadline and deadline > start:
        elapsed = (min(today, deadline) - start).days
        expected = target * elapsed / (deadline - start).days
    else:
        expected = target
    return expected, "on_track" if actual >= expected else "at_risk"


def describe_range(rng: Range) -> str:
    if rng.start and rng.end:
        return f"{rng.start:%-d %b %Y} – {rng.end:%-d %b %Y}"
    if rng.start:
        return f"since {rng.start:%-d %b %Y}"
    if rng.end:
        return f"up to {rng.end:%-d %b %Y}"
    return "all time"


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _quote(value: str) -> str:
    return value.replace("'", "''")


def _and(where: str, condition: str) -> str:
    return f"{where} AND {condition}" if where else f"WHERE {condition}"


def _level_where(level: str) -> str:
    bands = {key: floor for key, _label, floor in ENGAGEMENT_LEVELS}
    if level not in bands:
        raise ValidationError(f"no engagement level {level}")
    keys = [key for key, _label, _floor in ENGAGEMENT_LEVELS]
    higher = keys[keys.index(level) - 1] if keys.index(level) > 0 else None
    upper = f" AND score < {bands[higher]}" if higher else ""
    return f"WHERE score >= {bands[level]}{upper}"


def _part_label(part: str) -> str:
    key, _, value = part.partition(":")
    if key == "category":
        try:
            return ConcernCategory(value).label if value in {c.value for c in ConcernCategory} \
                else category_label(value)
        except ValueError:
            return value
    if key == "stage":
        stage = ReformStage.read(value)
        return stage.label if stage else value
    if key == "level":
        return dict((k, lbl) for k, lbl, _ in ENGAGEMENT_LEVELS).get(value, value)
    return _label(value)


def _concern_label(value: str) -> str:
    try:
        return ConcernCategory(value).label
    except ValueError:
        return _label(value)


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
    return [Share(k, ReformStage(k).label if k in order else _label(k), v)
            for k, v in sorted(counts.items(),
                               key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)]
