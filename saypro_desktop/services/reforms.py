"""The reform tracker: policy asks, their stage history, obstacles and policymakers.

Every move of stage is kept (``reform_moves``) and every position a policymaker takes is
kept (``reform_position_changes``); the reform row and ``reform_positions`` hold the latest,
so the overview reads one row per reform while its page shows the whole timeline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import text

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import (
    Campaign,
    Concern,
    MediaItem,
    Meeting,
    Person,
    Reform,
    ReformConcern,
    ReformMedia,
    ReformMeeting,
    ReformMove,
    ReformObstacle,
    ReformPosition,
    ReformPositionChange,
    Synced,
)
from saypro_desktop.domain.enums import (
    ConcernCategory,
    GovernmentLevel,
    MediaKind,
    ObstacleKind,
    ObstacleStatus,
    PolicymakerPosition,
    ReformStage,
)
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.domain.ids import link_id
from saypro_desktop.domain.people import clean_required_text, clean_text, display_name
from saypro_desktop.services.campaigns import parse_date
from saypro_desktop.services.unit_of_work import UnitOfWork

ERASED_NAME = "Erased person"
# What can be linked to a reform, in words, in the order a picker offers them.
LINK_KINDS = {"meeting": "Meeting", "concern": "Concern", "media": "Media item"}


def _choice(enum: Any, value: str, what: str) -> str:
    reader = getattr(enum, "read", None)
    found = reader(value) if reader else None
    if found is None:
        try:
            found = enum(value)
        except ValueError:
            choices = ", ".join(m.value for m in enum)
            raise ValidationError(f"'{value}' is not a {what}; choose {choices}") from None
    return str(found.value)


def stage_label(value: str | None) -> str:
    stage = ReformStage.read(value or "")
    return stage.label if stage else (value or "").replace("_", " ").capitalize()


def position_label(value: str | None) -> str:
    position = PolicymakerPosition.read(value or "")
    return position.label if position else (value or "").replace("_", " ").capitalize()


def person_name(first: str | None, last: str | None, preferred: str | None,
                erased: object) -> str:
    return ERASED_NAME if erased else (display_name(first, last, preferred) or "(no name)")


@dataclass(frozen=True, slots=True)
class ReformRow:
    id: str
    title: str
    level: str
    stage: str
    positions: dict[str, int]  # position value -> policymakers
    next_action: str | None
    next_action_due: date | None
    last_moved_on: date | None
    campaign_id: str | None

    @property
    def positions_text(self) -> str:
        parts = [f"{self.positions[p.value]} {p.label.lower()}"
                 for p in PolicymakerPosition if self.positions.get(p.value)]
        return " · ".join(parts) or "No policymakers yet"

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "level": self.level, "stage": self.stage,
                "positions": self.positions, "next_action": self.next_action,
                "next_action_due": self.next_action_due.isoformat()
                if self.next_action_due else None,
                "last_moved_on": self.last_moved_on.isoformat() if self.last_moved_on else None,
                "campaign_id": self.campaign_id}


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    on: date
    kind: str  # "stage", "position", "obstacle", "meeting", "media", "concern"
    text: str
    linked: str | None = None  # the meeting, concern or media item's id (it can be unlinked)


@dataclass(frozen=True, slots=True)
class PositionRow:
    person_id: str
    name: str
    position: str
    noted_on: date | None
    history: tuple[tuple[date, str], ...]  # (date, position), oldest first


@dataclass(frozen=True, slots=True)
class ObstacleRow:
    id: str
    kind: str
    description: str
    response: str | None
    status: str


@dataclass(frozen=True, slots=True)
class ReformDetail:
    row: ReformRow
    policy: str | None
    notes: str | None
    positions: tuple[PositionRow, ...]
    obstacles: tuple[ObstacleRow, ...]
    timeline: tuple[TimelineEntry, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class LinkChoice:
    """A meeting, concern or media item that could be linked to a reform."""

    id: str
    on: date | None
    text: str


def _d(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


class Reforms:
    def __init__(self, db: Database, today: Callable[[], date] = date.today) -> None:
        self.db = db
        self.today = today

    # -- writes ------------------------------------------------------------------------------
    def add(self, title: str, level: str, *, policy: str | None = None,
            campaign_id: str | None = None, stage: str = ReformStage.IDEA.value,
            on: object = None) -> str:
        fields = {"title": clean_required_text(title, field="title"),
                  "level": _choice(GovernmentLevel, level, "level"),
                  "stage": _choice(ReformStage, stage, "stage"),
                  "policy": clean_text(policy, field="policy"), "campaign_id": campaign_id}
        day = parse_date(on, field="date") if on else self.today()
        with UnitOfWork(self.db) as uow:
            if campaign_id:
                _live(uow, Campaign, campaign_id, "campaign")
            reform_id = uow.create(Reform, fields)
            uow.create(ReformMove, {"reform_id": reform_id, "stage": fields["stage"],
                                    "moved_on": day})
            return reform_id

    def move(self, reform_id: str, stage: str, *, on: object = None,
             note: str | None = None) -> None:
        """Record a move to ``stage`` on a date; the reform's stage is its latest move's."""
        value = _choice(ReformStage, stage, "stage")
        day = parse_date(on, field="date") if on else self.today()
        with UnitOfWork(self.db) as uow:
            _live(uow, Reform, reform_id, "reform")
            uow.create(ReformMove, {"reform_id": reform_id, "stage": value, "moved_on": day,
                                    "note": clean_text(note, field="note")})
            uow.session.flush()
            latest = uow.session.execute(text(
                "SELECT stage FROM reform_moves WHERE reform_id = :id AND deleted_at IS NULL "
                "ORDER BY moved_on DESC, created_at DESC, id DESC LIMIT 1"),
                {"id": reform_id}).scalar_one()
            uow.update(Reform, reform_id, {"stage": latest})

    def set_position(self, reform_id: str, person_id: str, position: str, *,
                     on: object = None, note: str | None = None) -> None:
        value = _choice(PolicymakerPosition, position, "position")
        day = parse_date(on, field="date") if on else self.today()
        with UnitOfWork(self.db) as uow:
            _live(uow, Reform, reform_id, "reform")
            _live(uow, Person, person_id, "person")
            uow.create(ReformPositionChange, {"reform_id": reform_id, "person_id": person_id,
                                              "position": value, "noted_on": day,
                                              "note": clean_text(note, field="note")})
            row_id = link_id("reform_position", reform_id, person_id)
            current = uow.session.get(ReformPosition, row_id)
            fields = {"position": value, "noted_on": day, "note": clean_text(note, field="note")}
            if current is not None and current.deleted_at is None:
                if current.noted_on is None or current.noted_on <= day:
                    uow.update(ReformPosition, row_id, fields)
            else:
                uow.create(ReformPosition, {"reform_id": reform_id, "person_id": person_id,
                                            **fields}, row_id=row_id)

    def add_obstacle(self, reform_id: str, kind: str, description: str, *,
                     response: str | None = None, status: str = ObstacleStatus.OPEN.value,
                     on: object = None) -> str:
        with UnitOfWork(self.db) as uow:
            _live(uow, Reform, reform_id, "reform")
            return uow.create(ReformObstacle, {
                "reform_id": reform_id, "kind": _choice(ObstacleKind, kind, "kind of obstacle"),
                "description": clean_required_text(description, field="description"),
                "response": clean_text(response, field="response"),
                "status": _choice(ObstacleStatus, status, "status"),
                "noted_on": parse_date(on, field="date") if on else self.today()})

    def update_obstacle(self, obstacle_id: str, *, response: str | None = None,
                        status: str | None = None) -> None:
        changes: dict[str, Any] = {}
        if response is not None:
            changes["response"] = clean_text(response, field="response")
        if status is not None:
            changes["status"] = _choice(ObstacleStatus, status, "status")
        with UnitOfWork(self.db) as uow:
            uow.update(ReformObstacle, obstacle_id, changes)

    def set_next_action(self, reform_id: str, action: str | None, due: object = None) -> None:
        with UnitOfWork(self.db) as uow:
            uow.update(Reform, reform_id, {
                "next_action": clean_text(action, field="next action"),
                "next_action_due": parse_date(due, field="due date") if due else None})

    def link(self, reform_id: str, kind: str, target_id: str) -> None:
        """Link a meeting, concern or media item to a reform (once, on every laptop)."""
        link, target, column = _link_models(kind)
        with UnitOfWork(self.db) as uow:
            _live(uow, Reform, reform_id, "reform")
            _live(uow, target, target_id, kind)
            row_id = link_id(f"reform_{kind}", reform_id, target_id)
            existing = uow.session.get(link, row_id)
            if existing is None or existing.deleted_at is not None:
                uow.create(link, {"reform_id": reform_id, column: target_id}, row_id=row_id)

    def unlink(self, reform_id: str, kind: str, target_id: str) -> None:
        """Take a meeting, concern or media item off a reform (the removal syncs)."""
        link, _target, _column = _link_models(kind)
        row_id = link_id(f"reform_{kind}", reform_id, target_id)
        with UnitOfWork(self.db) as uow:
            existing = uow.session.get(link, row_id)
            if existing is None or existing.deleted_at is not None:
                raise NotFoundError(f"that {kind} is not linked to this reform")
            uow.delete(link, row_id)

    # -- reads -------------------------------------------------------------------------------
    def link_choices(self, reform_id: str, kind: str, search: str = "",
                     limit: int = 200) -> list[LinkChoice]:
        """The newest ``limit`` meetings, concerns or media items (``kind``) not yet linked
        to the reform, whose title or description contains ``search``."""
        if kind not in _LINKABLE:
            raise ValidationError(f"cannot link a {kind} to a reform")
        sql = _LINKABLE[kind]
        words = search.strip()
        with self.db.reading() as session:
            rows = session.execute(text(sql), {
                "reform": reform_id, "all": not words, "like": f"%{words}%",
                "limit": limit}).all()
        return [LinkChoice(r[0], _d(r[1]), _link_text(kind, r)) for r in rows]

    def policymakers(self, limit: int = 500) -> list[tuple[str, str]]:
        """(id, "Name — organisation") of the people a position is usually noted for:
        policymakers and regulators, by name."""
        with self.db.reading() as session:
            rows = session.execute(text("""
                SELECT p.id, p.first_name, p.last_name, p.preferred_name, o.name FROM people p
                LEFT JOIN organisations o ON o.id = p.organisation_id
                WHERE p.deleted_at IS NULL AND (p.category LIKE 'policymaker%'
                      OR p.category = 'regulator' OR o.category LIKE 'policymaker%'
                      OR o.category = 'regulator')
                ORDER BY p.last_name, p.first_name LIMIT :limit"""), {"limit": limit}).all()
        return [(r[0], display_name(r[1], r[2], r[3]) + (f" — {r[4]}" if r[4] else ""))
                for r in rows]

    def overview(self, campaign_id: str | None = None) -> list[ReformRow]:
        """Every reform: stage, positions at a glance, next action due (soonest first)."""
        where = "AND (r.campaign_id = :cid)" if campaign_id else ""
        with self.db.reading() as session:
            rows = session.execute(text(f"""
                SELECT r.id, r.title, r.level,
                       COALESCE((SELECT m.stage FROM reform_moves m WHERE m.reform_id = r.id
                                 AND m.deleted_at IS NULL
                                 ORDER BY m.moved_on DESC, m.created_at DESC, m.id DESC
                                 LIMIT 1), r.stage),
                       r.next_action, r.next_action_due,
                       (SELECT max(m.moved_on) FROM reform_moves m WHERE m.reform_id = r.id
                        AND m.deleted_at IS NULL), r.campaign_id
                FROM reforms r WHERE r.deleted_at IS NULL {where}
                ORDER BY r.next_action_due IS NULL, r.next_action_due, r.title"""),
                {"cid": campaign_id}).all()
            counts: dict[str, dict[str, int]] = {}
            for reform_id, position, n in session.execute(text("""
                    SELECT rp.reform_id, rp.position, count(*) FROM reform_positions rp
                    JOIN people p ON p.id = rp.person_id AND p.deleted_at IS NULL
                    WHERE rp.deleted_at IS NULL GROUP BY rp.reform_id, rp.position""")):
                found = PolicymakerPosition.read(position)
                key = found.value if found else position
                bucket = counts.setdefault(reform_id, {})
                bucket[key] = bucket.get(key, 0) + n
        return [ReformRow(r[0], r[1], r[2], (ReformStage.read(r[3]) or r[3]).__str__(),
                          counts.get(r[0], {}), r[4], _d(r[5]), _d(r[6]), r[7]) for r in rows]

    def detail(self, reform_id: str) -> ReformDetail:
        rows = {r.id: r for r in self.overview()}
        if reform_id not in rows:
            raise NotFoundError(f"no reform with id {reform_id}")
        with self.db.reading() as session:
            policy, notes = session.execute(text(
                "SELECT policy, obstacles FROM reforms WHERE id = :id"), {"id": reform_id}).one()
            changes = session.execute(text("""
                SELECT c.person_id, c.position, c.noted_on, p.first_name, p.last_name,
                       p.preferred_name, p.erased_at, p.deleted_at
                FROM reform_position_changes c JOIN people p ON p.id = c.person_id
                WHERE c.reform_id = :id AND c.deleted_at IS NULL
                ORDER BY c.noted_on, c.created_at"""), {"id": reform_id}).all()
            current = session.execute(text("""
                SELECT rp.person_id, rp.position, rp.noted_on, p.first_name, p.last_name,
                       p.preferred_name, p.erased_at
                FROM reform_positions rp JOIN people p ON p.id = rp.person_id
                WHERE rp.reform_id = :id AND rp.deleted_at IS NULL
                  AND (p.deleted_at IS NULL OR p.erased_at IS NOT NULL)"""),
                {"id": reform_id}).all()
            obstacles = session.execute(text("""
                SELECT id, kind, description, response, status, noted_on FROM reform_obstacles
                WHERE reform_id = :id AND deleted_at IS NULL ORDER BY noted_on, created_at"""),
                {"id": reform_id}).all()
            moves = session.execute(text("""
                SELECT moved_on, stage, note FROM reform_moves
                WHERE reform_id = :id AND deleted_at IS NULL ORDER BY moved_on, created_at"""),
                {"id": reform_id}).all()
            meetings = session.execute(text("""
                SELECT m.starts_at, m.title, m.id FROM reform_meetings l JOIN meetings m
                ON m.id = l.meeting_id WHERE l.reform_id = :id AND l.deleted_at IS NULL
                AND m.deleted_at IS NULL"""), {"id": reform_id}).all()
            media = session.execute(text("""
                SELECT mi.published_on, mi.title, mi.outlet, mi.id FROM reform_media l
                JOIN media_items mi ON mi.id = l.media_item_id WHERE l.reform_id = :id
                AND l.deleted_at IS NULL AND mi.deleted_at IS NULL"""), {"id": reform_id}).all()
            concerns = session.execute(text("""
                SELECT COALESCE(c.raised_on, date(c.created_at)), c.category, c.description, c.id
                FROM reform_concerns l JOIN concerns c ON c.id = l.concern_id
                WHERE l.reform_id = :id AND l.deleted_at IS NULL AND c.deleted_at IS NULL"""),
                {"id": reform_id}).all()
        history: dict[str, list[tuple[date, str]]] = {}
        timeline: list[TimelineEntry] = []
        for person_id, position, noted, first, last, preferred, erased, deleted in changes:
            history.setdefault(person_id, []).append((_d(noted) or date.min, position))
            if deleted is not None and erased is None:
                continue
            name = person_name(first, last, preferred, erased)
            timeline.append(TimelineEntry(_d(noted) or date.min, "position",
                                          f"{name}: {position_label(position)}"))
        positions = tuple(sorted(
            (PositionRow(pid, person_name(f, la, pr, er), str(PolicymakerPosition.read(pos)
                                                                or pos),
                         _d(noted), tuple(history.get(pid, ())))
             for pid, pos, noted, f, la, pr, er in current),
            key=lambda p: (list(PolicymakerPosition).index(PolicymakerPosition(p.position))
                           if p.position in {x.value for x in PolicymakerPosition} else 9,
                           p.name)))
        previous: str | None = None
        for moved, stage, note in moves:
            words = (f"Moved to {stage_label(stage)}" if previous else
                     f"Recorded at {stage_label(stage)}")
            timeline.append(TimelineEntry(_d(moved) or date.min, "stage",
                                          f"{words}{f' — {note}' if note else ''}"))
            previous = stage
        for row in obstacles:
            kind = ObstacleKind(row[1]).label if row[1] in {k.value for k in ObstacleKind} \
                else row[1]
            timeline.append(TimelineEntry(_d(row[5]) or date.min, "obstacle",
                                          f"Obstacle ({kind.lower()}): {row[2]}"))
        for starts, title, meeting_id in meetings:
            timeline.append(TimelineEntry(_d(starts) or date.min, "meeting", f"Meeting: {title}",
                                          meeting_id))
        for published, title, outlet, media_id in media:
            if published:  # an undated item has no place in the history
                timeline.append(TimelineEntry(_d(published) or date.min, "media",
                                              f"In the media: {title}"
                                              f"{f' ({outlet})' if outlet else ''}", media_id))
        for raised, category, description, concern_id in concerns:
            timeline.append(TimelineEntry(
                _d(raised) or date.min, "concern",
                f"Concern ({ConcernCategory.label_for(category).lower()}): {description}",
                concern_id))
        order = {"stage": 0, "obstacle": 1, "position": 2, "meeting": 3, "media": 4,
                 "concern": 5}
        timeline.sort(key=lambda e: (e.on, order.get(e.kind, 9)))
        return ReformDetail(
            rows[reform_id], policy, notes, positions,
            tuple(ObstacleRow(r[0], r[1], r[2], r[3], r[4]) for r in obstacles),
            tuple(timeline))


_LINKABLE = {
    "meeting": """
        SELECT m.id, m.starts_at, m.title, m.location FROM meetings m
        WHERE m.deleted_at IS NULL AND (:all OR m.title LIKE :like) AND m.id NOT IN (
            SELECT meeting_id FROM reform_meetings WHERE reform_id = :reform
            AND deleted_at IS NULL)
        ORDER BY m.starts_at DESC LIMIT :limit""",
    "concern": """
        SELECT c.id, COALESCE(c.raised_on, date(c.created_at)) AS on_day, c.category,
               c.description FROM concerns c
        WHERE c.deleted_at IS NULL AND (:all OR c.description LIKE :like) AND c.id NOT IN (
            SELECT concern_id FROM reform_concerns WHERE reform_id = :reform
            AND deleted_at IS NULL)
        ORDER BY on_day DESC LIMIT :limit""",
    "media": """
        SELECT mi.id, mi.published_on, mi.title, mi.outlet, mi.kind FROM media_items mi
        WHERE mi.deleted_at IS NULL AND (:all OR mi.title LIKE :like OR mi.outlet LIKE :like)
        AND mi.id NOT IN (
            SELECT media_item_id FROM reform_media WHERE reform_id = :reform
            AND deleted_at IS NULL)
        ORDER BY mi.published_on DESC LIMIT :limit""",
}


def _link_text(kind: str, row: Any) -> str:
    if kind == "meeting":
        return f"{row[2]} ({row[3]})" if row[3] else str(row[2])
    if kind == "concern":
        return f"{ConcernCategory.label_for(row[2])}: {row[3]}"
    outlet = f", {row[3]}" if row[3] else ""
    return f"{row[2]} ({MediaKind.label_for(row[4])}{outlet})"


def _link_models(kind: str) -> tuple[type[Synced], type[Synced], str]:
    """(link table, linked table, link column) for a kind of record linked to reforms."""
    models: dict[str, tuple[type[Synced], type[Synced], str]] = {
        "meeting": (ReformMeeting, Meeting, "meeting_id"),
        "concern": (ReformConcern, Concern, "concern_id"),
        "media": (ReformMedia, MediaItem, "media_item_id"),
    }
    if kind not in models:
        raise ValidationError(f"cannot link a {kind} to a reform")
    return models[kind]


def _live(uow: UnitOfWork, model: type[Synced], row_id: str, what: str) -> None:
    row = uow.session.get(model, row_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(f"no {what} with id {row_id}")
