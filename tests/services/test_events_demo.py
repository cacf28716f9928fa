"""The demo's events look like evenings the desk and the paper sheets took."""

from __future__ import annotations

from sqlalchemy import func, select

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Consent, SignIn
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.demo import fill_demo
from saypro_desktop.services.events_signin import CONSENT_WORDING_VERSION


def test_demo_events_have_rsvps_walk_ins_consents_and_signatures(db: Database) -> None:
    fill_demo(db, 600, seed=3)
    app = AppServices(db)
    events = app.events.list_events()
    held = [e for e in events if e.attendees]
    assert held and any(e.rsvps for e in events)
    totals = [app.events.figures(e.id) for e in held]
    assert sum(n.walk_ins for n in totals) > 0
    assert sum(n.consents_total for n in totals) > 0
    assert sum(n.signatures for n in totals) > 0
    assert sum(n.no_shows for n in totals) > 0
    assert all(n.new_people + n.returning == n.attendees for n in totals)
    with db.reading() as session:
        desk = session.execute(select(SignIn.desk, SignIn.taken_by)
                               .where(SignIn.source == "desk")).first()
        paper = session.execute(select(SignIn.sheet_page, SignIn.sheet_row)
                                .where(SignIn.source == "paper_sheet")).first()
        versions = session.execute(select(func.count()).where(
            Consent.wording_version == CONSENT_WORDING_VERSION)).scalar_one()
    assert desk is not None and all(desk)
    assert paper is not None and paper[0] >= 1 and paper[1] >= 1
    assert versions > 0
    some = held[0]
    codes = [r.code for r in app.events.sheet_rows(some.id)]
    assert len(codes) == len(set(codes))
