"""The numbers of events: who came, who was new, who walked in, who consented and signed.

One service computes them, so the events page, the CLI, the dashboard, campaign metrics and
reports all count the same way:

- attendees: live sign-ins at the event (a person signed in at two desks is one row);
- new people: attendees whose first sign-in ever is this one; returning: the others;
- walk-ins: attendees who were not in the database before they signed in;
- consents: consents given with a sign-in here, per channel;
- signatures: petition signatures collected at the event;
- no-shows: people on the RSVP list who did not sign in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import text

from saypro_desktop.db.engine import Database

__all__ = ["AttendancePoint", "EventNumbers", "EventNumbersService", "Headline"]


@dataclass(frozen=True, slots=True)
class Headline:
    rsvps: int = 0
    attendees: int = 0
    walk_ins: int = 0


@dataclass(frozen=True, slots=True)
class EventNumbers:
    event_id: str
    attendees: int
    new_people: int
    returning: int
    walk_ins: int
    consents: dict[str, int] = field(default_factory=dict)  # channel -> people who consented
    signatures: int = 0
    rsvps: int = 0
    no_shows: int = 0

    @property
    def consents_total(self) -> int:
        return sum(self.consents.values())

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["consents_total"] = self.consents_total
        return data


@dataclass(frozen=True, slots=True)
class AttendancePoint:
    """Attendance in one period (or at one event)."""

    period: date  # the first day of the period
    events: int
    attendees: int
    new_people: int
    walk_ins: int

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["period"] = self.period.isoformat()
        return data


# Is this sign-in the person's first ever? Earlier sign-ins elsewhere say no.
_IS_FIRST = """NOT EXISTS (SELECT 1 FROM sign_ins o WHERE o.person_id = s.person_id
    AND o.deleted_at IS NULL AND o.event_id != s.event_id
    AND (o.signed_in_at < s.signed_in_at
         OR (o.signed_in_at = s.signed_in_at AND o.event_id < s.event_id)))"""


def _chunks(ids: Sequence[str], size: int = 500) -> list[Sequence[str]]:
    return [ids[i:i + size] for i in range(0, len(ids), size)]


def _in(ids: Sequence[str]) -> tuple[str, dict[str, str]]:
    names = {f"e{i}": value for i, value in enumerate(ids)}
    return ", ".join(f":{n}" for n in names), names


class EventNumbersService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def headline(self, event_ids: Sequence[str]) -> dict[str, Headline]:
        """RSVPs, attendees and walk-ins of many events in two queries per 500 events."""
        out = {eid: Headline() for eid in event_ids}
        with self._db.reading() as session:
            for chunk in _chunks(list(event_ids)):
                marks, params = _in(chunk)
                signed = {str(k): str(v) for k, v in session.execute(text(
                    f"SELECT event_id, COUNT(*) || ',' || COALESCE(SUM(walk_in), 0) "
                    f"FROM sign_ins WHERE deleted_at IS NULL AND event_id IN ({marks}) "
                    f"GROUP BY event_id"), params)}
                rsvps = {str(k): int(v) for k, v in session.execute(text(
                    f"SELECT event_id, COUNT(*) FROM event_rsvps WHERE deleted_at IS NULL "
                    f"AND event_id IN ({marks}) GROUP BY event_id"), params)}
                for eid in chunk:
                    came, walked = (int(x) for x in str(signed.get(eid, "0,0")).split(","))
                    out[eid] = Headline(int(rsvps.get(eid, 0)), came, walked)
        return out

    def for_event(self, event_id: str) -> EventNumbers:
        params = {"e": event_id}
        with self._db.reading() as session:
            attendees, walk_ins, new = session.execute(text(
                f"SELECT COUNT(*), COALESCE(SUM(s.walk_in), 0), "
                f"COALESCE(SUM(CASE WHEN {_IS_FIRST} THEN 1 ELSE 0 END), 0) "
                f"FROM sign_ins s WHERE s.event_id = :e AND s.deleted_at IS NULL"),
                params).one()
            consents: dict[str, int] = {}
            for channels, in session.execute(text(
                    "SELECT consent_channels FROM sign_ins WHERE event_id = :e "
                    "AND deleted_at IS NULL AND consent_channels IS NOT NULL"), params):
                for channel in str(channels).split(","):
                    consents[channel] = consents.get(channel, 0) + 1
            signatures = session.execute(text(
                "SELECT COUNT(*) FROM signatures WHERE event_id = :e AND deleted_at IS NULL"),
                params).scalar_one()
            rsvps, no_shows = session.execute(text(
                "SELECT COUNT(*), COALESCE(SUM(CASE WHEN s.id IS NULL THEN 1 ELSE 0 END), 0) "
                "FROM event_rsvps r LEFT JOIN sign_ins s ON s.event_id = r.event_id "
                "AND s.person_id = r.person_id AND s.deleted_at IS NULL "
                "WHERE r.event_id = :e AND r.deleted_at IS NULL"), params).one()
        return EventNumbers(event_id, int(attendees), int(new), int(attendees) - int(new),
                            int(walk_ins), dict(sorted(consents.items())), int(signatures),
                            int(rsvps), int(no_shows))

    def attendance_over_time(
        self,
        *,
        start: date | None = None,
        end: date | None = None,
        period: str = "month",
        campaign_id: str | None = None,
    ) -> list[AttendancePoint]:
        """Events held, attendees, new people and walk-ins per ``period`` ("month", "week"
        or "day"), from ``start`` to ``end`` inclusive, optionally for one campaign.
        Periods with no event are left out."""
        if period not in ("month", "week", "day"):
            raise ValueError(f"period must be month, week or day, not {period!r}")
        where = ["e.deleted_at IS NULL"]
        params: dict[str, Any] = {}
        if start:
            where.append("e.starts_at >= :start")
            params["start"] = datetime.combine(start, datetime.min.time())
        if end:
            where.append("e.starts_at < :end")
            params["end"] = datetime.combine(end + timedelta(days=1), datetime.min.time())
        if campaign_id:
            where.append("e.campaign_id = :campaign")
            params["campaign"] = campaign_id
        sql = (f"SELECT e.id, e.starts_at, COUNT(s.id), COALESCE(SUM(s.walk_in), 0), "
               f"COALESCE(SUM(CASE WHEN s.id IS NOT NULL AND {_IS_FIRST} THEN 1 ELSE 0 END), 0)"
               f" FROM events e LEFT JOIN sign_ins s ON s.event_id = e.id "
               f"AND s.deleted_at IS NULL WHERE {' AND '.join(where)} GROUP BY e.id")
        buckets: dict[date, list[int]] = {}
        with self._db.reading() as session:
            for _eid, starts, came, walked, new in session.execute(text(sql), params):
                day = (starts if isinstance(starts, datetime)
                       else datetime.fromisoformat(str(starts))).date()
                key = _period_start(day, period)
                totals = buckets.setdefault(key, [0, 0, 0, 0])
                totals[0] += 1
                totals[1] += int(came)
                totals[2] += int(new)
                totals[3] += int(walked)
        return [AttendancePoint(k, *v) for k, v in sorted(buckets.items())]


def _period_start(day: date, period: str) -> date:
    if period == "month":
        return day.replace(day=1)
    if period == "week":
        return day - timedelta(days=day.weekday())
    return day
