"""The records behind a figure as rows a person reads (for the records dialog and reports).

People whose data was erased are "Erased person"; an anonymised story's teller is
"Anonymous". Raw values (``meeting_scheduled``) come out as words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import text

from saypro_desktop.db.engine import Database
from saypro_desktop.services.metrics.common import category_label

CHUNK = 500
_PERSON = ("CASE WHEN p.erased_at IS NOT NULL THEN 'Erased person' ELSE "
           "trim(COALESCE(p.preferred_name, p.first_name, '') || ' ' || "
           "COALESCE(p.last_name, '')) END")

# table -> (headings, SQL selecting those columns for ids in :ids)
_QUERIES: dict[str, tuple[tuple[str, ...], str]] = {
    "people": (("Name", "Organisation", "Category", "City"), f"""
        SELECT {_PERSON}, o.name, p.category, p.city FROM people p
        LEFT JOIN organisations o ON o.id = p.organisation_id WHERE p.id IN ({{ids}})"""),
    "organisations": (("Organisation", "Category", "Stage", "Province"), """
        SELECT o.name, o.category, o.pipeline_stage, o.province FROM organisations o
        WHERE o.id IN ({ids})"""),
    "meetings": (("Meeting", "Kind", "Starts", "Location"), """
        SELECT m.title, m.kind, m.starts_at, m.location FROM meetings m
        WHERE m.id IN ({ids})"""),
    "commitments": (("Partner", "Kind", "Status", "Pledged", "Delivered"), f"""
        SELECT COALESCE(o.name, {_PERSON}), c.kind, c.status, c.pledged_on, c.delivered_on
        FROM commitments c LEFT JOIN organisations o ON o.id = c.organisation_id
        LEFT JOIN people p ON p.id = c.person_id WHERE c.id IN ({{ids}})"""),
    "concerns": (("Concern", "Category", "Status", "Raised on"), """
        SELECT c.description, c.category, c.status, c.raised_on FROM concerns c
        WHERE c.id IN ({ids})"""),
    "events": (("Event", "Kind", "Starts", "City"), """
        SELECT e.title, e.kind, e.starts_at, e.city FROM events e WHERE e.id IN ({ids})"""),
    "sign_ins": (("Person", "Event", "Event date"), f"""
        SELECT {_PERSON}, e.title, e.starts_at FROM sign_ins s JOIN events e ON e.id = s.event_id
        JOIN people p ON p.id = s.person_id WHERE s.id IN ({{ids}})"""),
    "signatures": (("Person", "Petition", "Signed"), f"""
        SELECT {_PERSON}, t.title, g.signed_at FROM signatures g
        JOIN petitions t ON t.id = g.petition_id JOIN people p ON p.id = g.person_id
        WHERE g.id IN ({{ids}})"""),
    "reforms": (("Reform", "Level", "Stage"), """
        SELECT r.title, r.level, r.stage FROM reforms r WHERE r.id IN ({ids})"""),
    "media_items": (("Title", "Kind", "Outlet", "Published", "Reach"), """
        SELECT mi.title, mi.kind, mi.outlet, mi.published_on, mi.reach FROM media_items mi
        WHERE mi.id IN ({ids})"""),
    "stories": (("Story", "Told by", "Collected"), """
        SELECT s.title, CASE WHEN s.person_id IS NULL THEN ''
                             WHEN s.anonymised OR p.erased_at IS NOT NULL THEN 'Anonymous'
                             ELSE trim(COALESCE(p.preferred_name, p.first_name, '') || ' ' ||
                                       COALESCE(p.last_name, '')) END, s.collected_on
        FROM stories s LEFT JOIN people p ON p.id = s.person_id WHERE s.id IN ({ids})"""),
}
_WORDS = {"Kind", "Category", "Status", "Stage", "Level"}


@dataclass(frozen=True, slots=True)
class RecordRows:
    headings: tuple[str, ...]
    rows: list[tuple[str, ...]]


def _shown(heading: str, value: Any) -> str:
    if value is None:
        return ""
    if heading in _WORDS:
        if heading == "Category":
            return category_label(str(value))
        if heading == "Stage":
            from saypro_desktop.services.reforms import stage_label

            return stage_label(str(value))
        return str(value).replace("_", " ").capitalize()
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    text_value = str(value)
    if heading in {"Starts", "Signed", "Event date"} and len(text_value) >= 16:
        moment = datetime.fromisoformat(text_value[:19])
        return f"{moment:%-d %b %Y %H:%M}"
    if heading in {"Pledged", "Delivered", "Raised on", "Published", "Collected"}:
        return f"{date.fromisoformat(text_value[:10]):%-d %b %Y}"
    return text_value


def describe(db: Database, table: str, ids: Sequence[str]) -> RecordRows:
    """The rows ``ids`` of ``table`` in words, in the order the query gives (by first column)."""
    headings, sql = _QUERIES[table]
    rows: list[tuple[str, ...]] = []
    with db.reading() as session:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            names = ", ".join(f":i{n}" for n in range(len(chunk)))
            params = {f"i{n}": value for n, value in enumerate(chunk)}
            for row in session.execute(text(sql.format(ids=names)), params):
                rows.append(tuple(_shown(h, v) for h, v in zip(headings, row, strict=True)))
    rows.sort(key=lambda r: r[0].casefold())
    return RecordRows(headings, rows)


__all__ = ["RecordRows", "describe"]
