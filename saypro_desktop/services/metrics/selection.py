"""The records behind a figure: which table a figure's records are and which page lists
them, and the SQL selecting exactly the rows a figure (or one slice of it) counted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from saypro_desktop.domain.enums import ConcernCategory, ReformStage
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.services.metrics import queries as q
from saypro_desktop.services.metrics.common import (
    ENGAGEMENT_LEVELS,
    category_label,
    channel_label,
    label,
)
from saypro_desktop.services.metrics.queries import Builder, Sql


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
RECORDS: dict[str, tuple[str, str]] = {
    "contacts_reached": ("people", "People"),
    "organisations_contacted": ("organisations", "Organisations"),
    "response_rate": ("organisations", "Organisations"),
    "meetings_scheduled": ("meetings", "Meetings"),
    "meetings_held": ("meetings", "Meetings"),
    "commitments_pledged": ("commitments", "Coalition"),
    "commitments_delivered": ("commitments", "Coalition"),
    "partners_engaged": ("organisations", "Organisations"),
    "concerns_open": ("concerns", "Coalition"),
    "concerns_addressed": ("concerns", "Coalition"),
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


# The figures that count the rows of one selection, as they are: the figure's value and the
# records behind it both read this (the metrics service adds the few it counts otherwise).
COUNTED_ROWS: dict[str, Callable[[Builder], Sql]] = {
    "contacts_reached": q.contacts_reached,
    "meetings_scheduled": lambda b: q.meetings(b, held=False),
    "meetings_held": lambda b: q.meetings(b, held=True),
    "commitments_pledged": q.commitments_pledged,
    "commitments_delivered": q.commitments_delivered,
    "events_held": q.events_held, "attendance": q.attendance,
    "new_people": q.new_people, "petition_signatures": q.petition_signatures,
    "reforms_advanced": q.reforms_advanced, "stories_collected": q.stories,
}


def selection(b: Builder, figure: str, part: str | None) -> tuple[Sql, str]:
    """The SQL of the rows ``figure`` counted, and the WHERE clause narrowing it to ``part``."""
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
    return COUNTED_ROWS[figure](b), ""


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


def part_label(part: str) -> str:
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
    if key == "channel":
        return channel_label(value)
    return label(value)
