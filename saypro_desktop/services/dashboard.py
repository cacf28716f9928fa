"""Figures for the dashboard, computed from the records, never typed in by hand."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import (
    Commitment,
    Event,
    FollowUp,
    Interaction,
    Meeting,
    Organisation,
    Person,
    SignIn,
    Synced,
)


@dataclass(frozen=True, slots=True)
class CoalitionCounts:
    people: int
    organisations: int
    interactions: int
    open_follow_ups: int
    meetings: int
    events: int
    sign_ins: int
    commitments: int


def _live_count(session: Session, model: type[Synced], *extra: ColumnElement[bool]) -> int:
    stmt = select(func.count()).select_from(model).where(model.deleted_at.is_(None), *extra)
    return int(session.execute(stmt).scalar_one())


def coalition_counts(db: Database) -> CoalitionCounts:
    with db.reading() as session:
        return CoalitionCounts(
            people=_live_count(session, Person),
            organisations=_live_count(session, Organisation),
            interactions=_live_count(session, Interaction),
            open_follow_ups=_live_count(session, FollowUp, FollowUp.status == "open"),
            meetings=_live_count(session, Meeting),
            events=_live_count(session, Event),
            sign_ins=_live_count(session, SignIn),
            commitments=_live_count(session, Commitment),
        )
