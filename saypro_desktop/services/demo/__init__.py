"""Believable demo data: a South African coalition campaign, from outreach to reform.

``fill_demo(db, people)`` writes organisations, people and everything that hangs off
them (outreach, meetings, commitments, events, petitions, concerns, reforms, media,
stories, consents) through the unit of work, so every row is in the change log and
syncs like typed data. Only ``random.Random(seed)`` is used and all dates count back
from a reference date derived from the seed, so one seed always gives the same data
(record ids are fresh UUIDs each time). Nothing here is a real person: names are
common first names and surnames combined at random; personal emails use reserved
``example`` domains.

One module per area writes that area's rows (``people``, ``organisations``, ``outreach``,
``meetings``, ``coalition``, ``events``, ``campaign``, ``privacy``); word lists are data in
``resources/demo/``. ``state.Demo`` carries what earlier areas made for later ones to link.
The order of the calls below is part of the data: every area draws from one random stream.

Rows are built as plain dicts and written in batches. Up to ``PEOPLE_PER_TRANSACTION``
people everything is one transaction; beyond that each slice of people is its own
transaction so memory stays flat (cancelling then keeps the slices already saved).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from saypro_desktop.db.engine import Database
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.services.demo.base import DemoSummary, Progress, Writer
from saypro_desktop.services.demo.campaign import write_campaigns, write_reforms, write_voices
from saypro_desktop.services.demo.coalition import (
    write_concern_outcomes,
    write_groups_and_commitments,
)
from saypro_desktop.services.demo.events import write_events
from saypro_desktop.services.demo.meetings import write_meetings
from saypro_desktop.services.demo.organisations import write_organisations, write_partnerships
from saypro_desktop.services.demo.people import write_people, write_tags
from saypro_desktop.services.demo.privacy import write_erasures
from saypro_desktop.services.demo.state import Demo
from saypro_desktop.services.unit_of_work import UnitOfWork

__all__ = ["MAX_PEOPLE", "MIN_PEOPLE", "PEOPLE_PER_TRANSACTION", "DemoSummary", "fill_demo",
           "reference_date"]

PEOPLE_PER_TRANSACTION = 20_000
MIN_PEOPLE = 50
MAX_PEOPLE = 1_000_000


def reference_date(seed: int) -> date:
    """The 'today' the demo history is written against (fixed per seed, never the clock)."""
    return date(2026, 3, 2) + timedelta(days=seed % 28)


def fill_demo(
    db: Database,
    people: int = 1500,
    *,
    seed: int = 7,
    progress: Progress | None = None,
    today: date | None = None,
) -> DemoSummary:
    """Fill ``db`` with a believable campaign around ``people`` people; return row counts.

    ``today`` is the day the history is written up to (follow-ups due, meetings coming);
    the app and ``saypro demo`` pass the real date so a new user sees a living coalition.
    Left out, it is a fixed day per seed, so the same seed always gives the same data.

    ``progress(done, total)`` is called after every batch; returning False cancels and
    the current transaction rolls back (``SayProError("demo data cancelled")``).
    """
    if not MIN_PEOPLE <= people <= MAX_PEOPLE:
        raise ValidationError(
            f"demo data: {people} people is out of range; choose {MIN_PEOPLE} to {MAX_PEOPLE:,}"
        )
    demo = Demo(random.Random(seed), people, today or reference_date(seed))
    writer = Writer(progress, _estimate_rows(people))
    slices = [
        (start, min(start + PEOPLE_PER_TRANSACTION, people))
        for start in range(0, people, PEOPLE_PER_TRANSACTION)
    ]
    for index, (start, stop) in enumerate(slices):
        with UnitOfWork(db) as uow:
            writer.uow = uow
            if index == 0:
                _write_foundations(demo, writer)
            write_people(demo, writer, start, stop)
            if index == len(slices) - 1:
                _write_coalition(demo, writer)
                writer.finish()
    writer.uow = None
    return DemoSummary(**writer.counts)


def _write_foundations(demo: Demo, writer: Writer) -> None:
    """Everything that does not need people."""
    write_tags(demo, writer)
    write_campaigns(demo, writer)
    write_organisations(demo, writer)
    write_events(demo, writer)


def _write_coalition(demo: Demo, writer: Writer) -> None:
    """Everything that needs people to exist first."""
    held = write_meetings(demo, writer)
    write_groups_and_commitments(demo, writer)
    reform_ids = write_reforms(demo, writer, held)
    write_voices(demo, writer, held, reform_ids)
    write_erasures(demo, writer)
    write_partnerships(demo, writer)
    write_concern_outcomes(demo, writer)


def _estimate_rows(people: int) -> int:
    return int(people * 2.1) + 600
