"""What every family of figures shares: the breakdown row (``Share``), the words for
stakeholder categories, concern categories, engagement bands and ranges, and reading a
stored date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from saypro_desktop.domain.enums import Channel, ConcernCategory, StakeholderCategory
from saypro_desktop.services.metrics.queries import Range

# Engagement bands: activities of a partner in the range.
ENGAGEMENT_LEVELS = (("high", "High (5 or more)", 5), ("medium", "Medium (2–4)", 2),
                     ("low", "Low (1)", 1), ("none", "None", 0))


@dataclass(frozen=True, slots=True)
class Share:
    """A breakdown row: ``part`` of ``of`` (e.g. replied of contacted) for one key."""

    key: str
    label: str
    value: float
    of: float | None = None


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


def label(value: str | None) -> str:
    return value.replace("_", " ").capitalize() if value else "Not recorded"


def channel_label(value: str | None) -> str:
    try:
        return Channel(value).label if value else label(value)
    except ValueError:
        return label(value)


def concern_label(value: str) -> str:
    try:
        return ConcernCategory(value).label
    except ValueError:
        return label(value)


def describe_range(rng: Range) -> str:
    if rng.start and rng.end:
        return f"{rng.start:%-d %b %Y} – {rng.end:%-d %b %Y}"
    if rng.start:
        return f"since {rng.start:%-d %b %Y}"
    if rng.end:
        return f"up to {rng.end:%-d %b %Y}"
    return "all time"


def as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
