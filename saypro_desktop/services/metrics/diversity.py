"""The coalition's diversity: partners now, by stakeholder category (every category
shows, so one with no partner is a visible gap), government level and province."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from saypro_desktop.domain.enums import GovernmentLevel, StakeholderCategory
from saypro_desktop.services.metrics import queries as q
from saypro_desktop.services.metrics.common import Share, category_label


@dataclass(frozen=True, slots=True)
class Diversity:
    """Partners now, by stakeholder category, government level and province."""

    partners: int
    by_category: list[Share]
    by_level: list[Share]
    by_region: list[Share]


def level_of(category: str | None) -> str:
    """The government level a stakeholder category sits at, or "civil_society"."""
    return {StakeholderCategory.POLICYMAKER_LOCAL.value: GovernmentLevel.LOCAL.value,
            StakeholderCategory.POLICYMAKER_PROVINCIAL.value: GovernmentLevel.PROVINCIAL.value,
            StakeholderCategory.POLICYMAKER_NATIONAL.value: GovernmentLevel.NATIONAL.value,
            StakeholderCategory.REGULATOR.value: GovernmentLevel.NATIONAL.value,
            }.get(category or "", "civil_society")


def coalition_diversity(session: Session) -> Diversity:
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
