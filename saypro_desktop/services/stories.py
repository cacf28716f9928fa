"""Success stories and testimonials, used only with consent.

An anonymised story never carries its teller's name: lists, the dashboard, exports and
reports get "Anonymous"; only the teller's own record (``for_person``) names it theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import text

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Person, Story
from saypro_desktop.domain.errors import NotFoundError
from saypro_desktop.domain.people import clean_required_text, clean_text, display_name
from saypro_desktop.services.campaigns import parse_date
from saypro_desktop.services.unit_of_work import UnitOfWork

ANONYMOUS = "Anonymous"


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: str
    title: str
    body: str | None
    teller: str  # the name, "Anonymous", or "" when nobody is linked
    consent_given: bool
    anonymised: bool
    collected_on: date | None


class Stories:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, title: str, *, body: str | None = None, person_id: str | None = None,
            consent_given: bool = False, anonymised: bool = False,
            campaign_id: str | None = None, collected_on: object = None) -> str:
        with UnitOfWork(self.db) as uow:
            if person_id:
                person = uow.session.get(Person, person_id)
                if person is None or person.deleted_at is not None:
                    raise NotFoundError(f"no person with id {person_id}")
            return uow.create(Story, {
                "title": clean_required_text(title, field="title"),
                "body": clean_text(body, field="story"), "person_id": person_id,
                "consent_given": bool(consent_given), "anonymised": bool(anonymised),
                "campaign_id": campaign_id,
                "collected_on": parse_date(collected_on, field="date") if collected_on else None})

    def set_flags(self, story_id: str, *, consent_given: bool | None = None,
                  anonymised: bool | None = None) -> None:
        changes = {k: v for k, v in (("consent_given", consent_given),
                                     ("anonymised", anonymised)) if v is not None}
        with UnitOfWork(self.db) as uow:
            uow.update(Story, story_id, changes)

    def all(self, *, usable_only: bool = False) -> list[StoryRow]:
        """Every story, tellers of anonymised stories shown as "Anonymous"."""
        return self._rows("WHERE s.deleted_at IS NULL" +
                          (" AND s.consent_given" if usable_only else ""), {}, reveal=False)

    def for_person(self, person_id: str) -> list[StoryRow]:
        """The stories a person told, on their own record (their name shown even when the
        story is told anonymously elsewhere)."""
        return self._rows("WHERE s.deleted_at IS NULL AND s.person_id = :pid",
                          {"pid": person_id}, reveal=True)

    def _rows(self, where: str, params: dict[str, object], *, reveal: bool) -> list[StoryRow]:
        sql = f"""
            SELECT s.id, s.title, s.body, s.consent_given, s.anonymised, s.collected_on,
                   p.first_name, p.last_name, p.preferred_name, p.erased_at, s.person_id
            FROM stories s LEFT JOIN people p ON p.id = s.person_id {where}
            ORDER BY s.collected_on DESC, s.title"""
        out = []
        with self.db.reading() as session:
            for row in session.execute(text(sql), params):
                sid, title, body, consent, anon, collected, first, last, pref, erased, pid = row
                if pid is None:
                    teller = ""
                elif erased is not None or (anon and not reveal):
                    teller = ANONYMOUS
                else:
                    teller = display_name(first, last, pref)
                collected_on = (collected if isinstance(collected, date) or collected is None
                                else date.fromisoformat(str(collected)[:10]))
                out.append(StoryRow(sid, title, body, teller, bool(consent), bool(anon),
                                    collected_on))
        return out
