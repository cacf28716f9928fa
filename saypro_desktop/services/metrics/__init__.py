"""One metrics service: every figure the dashboard, the reports and the CLI show.

Use it through ``app.metrics`` (a :class:`Metrics` bound to the open database)::

    rng = app.metrics.range_for(campaign_id, phase_id)        # or Range(start, end)
    snap = app.metrics.snapshot(rng)                           # every figure, one read
    snap.values["meetings_held"]; snap.targets; snap.objectives
    app.metrics.records("meetings_held", rng)                  # the rows behind a figure

Each figure is defined once in :mod:`definitions` (``FIGURES[key].counts`` is the sentence
saying what it counts) and computed once in :mod:`queries`. :mod:`service` gathers the
figures for a range; :mod:`objectives` judges progress against a campaign's goals,
:mod:`diversity` breaks the coalition down, :mod:`selection` picks the rows behind a
figure and :mod:`records` shows them in words; :mod:`common` holds what they share.
"""

from saypro_desktop.services.metrics.common import Share, describe_range
from saypro_desktop.services.metrics.definitions import FIGURES, KPIS, Figure
from saypro_desktop.services.metrics.diversity import Diversity
from saypro_desktop.services.metrics.objectives import ObjectiveProgress, Target, judge
from saypro_desktop.services.metrics.queries import Range
from saypro_desktop.services.metrics.selection import RecordsRequest
from saypro_desktop.services.metrics.service import Metrics, PartnerEngagement, Snapshot

__all__ = [
    "FIGURES",
    "KPIS",
    "Diversity",
    "Figure",
    "Metrics",
    "ObjectiveProgress",
    "PartnerEngagement",
    "Range",
    "RecordsRequest",
    "Share",
    "Snapshot",
    "Target",
    "describe_range",
    "judge",
]
