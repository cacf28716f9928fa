"""Organisations: the partners people belong to, their pipeline and assessments.

``OrganisationsService`` (``app.organisations``) binds every use case to the open
database; the module functions stay importable for the pages and commands that call
them directly (``list_organisations`` feeds the People page's organisation choice).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Organisation
from saypro_desktop.services.organisations import (
    assessments,
    members,
    merging,
    pipeline,
    records,
)
from saypro_desktop.services.organisations.assessments import AssessmentRow
from saypro_desktop.services.organisations.matching import OrganisationMatch, OrganisationMatcher
from saypro_desktop.services.organisations.members import MemberRow, ReferralRow
from saypro_desktop.services.organisations.merging import DuplicatePair, MergeReceipt
from saypro_desktop.services.organisations.pipeline import BoardCard, StageMoveRow
from saypro_desktop.services.organisations.records import (
    OrganisationDetail,
    OrganisationFilter,
    OrganisationLister,
    OrganisationRow,
    add_organisation,
)
from saypro_desktop.services.people import PersonRow
from saypro_desktop.services.timeline import (
    ALL_KINDS,
    EntryKind,
    TimelineEntry,
    organisation_timeline,
    person_timeline,
)

__all__ = [
    "AssessmentRow", "BoardCard", "DuplicatePair", "MemberRow", "MergeReceipt",
    "OrganisationChoice", "OrganisationDetail", "OrganisationFilter", "OrganisationMatch",
    "OrganisationRow", "OrganisationsService", "ReferralRow", "StageMoveRow",
    "add_organisation", "list_organisations",
]


@dataclass(frozen=True, slots=True)
class OrganisationChoice:
    id: str
    name: str
    category: str | None


def list_organisations(db: Database) -> list[OrganisationChoice]:
    """Every live organisation by name (for a choice list)."""
    stmt = (
        select(Organisation.id, Organisation.name, Organisation.category)
        .where(Organisation.deleted_at.is_(None), Organisation.merged_into_org_id.is_(None))
        .order_by(func.lower(Organisation.name))
    )
    with db.reading() as session:
        return [OrganisationChoice(*row) for row in session.execute(stmt)]


@dataclass(frozen=True, slots=True)
class OrganisationSummary:
    """``org show``: the record with its members, latest assessment and stage history."""

    detail: OrganisationDetail
    members: list[MemberRow]
    assessment: AssessmentRow | None
    assessments: list[AssessmentRow]
    stage_history: list[StageMoveRow]
    referrals: list[ReferralRow]


class OrganisationsService:
    """``app.organisations``: every organisation use case, bound to the open database."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self.matcher = OrganisationMatcher(db)

    # records
    def lister(self) -> OrganisationLister:
        return OrganisationLister(self._db)

    def ids(self, flt: OrganisationFilter | None = None) -> list[str]:
        return OrganisationLister(self._db).ids(flt or OrganisationFilter())

    def rows(self, ids: list[str]) -> list[OrganisationRow]:
        return records.fetch_organisation_rows(self._db, ids)

    def search(self, flt: OrganisationFilter | None = None,
               limit: int | None = None) -> list[OrganisationRow]:
        return records.search_organisations(self._db, flt or OrganisationFilter(), limit)

    def get(self, org_id: str) -> OrganisationDetail:
        return records.get_organisation(self._db, org_id)

    def add(self, fields: Mapping[str, Any]) -> str:
        org_id = add_organisation(self._db, fields)
        merging.find_duplicates(self._db, self.matcher, [org_id])
        return org_id

    def update(self, org_id: str, changes: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
        diff = records.update_organisation(self._db, org_id, changes)
        if {"name", "email", "phone"} & set(diff):
            merging.find_duplicates(self._db, self.matcher, [org_id])
        return diff

    def delete(self, org_id: str) -> None:
        records.delete_organisation(self._db, org_id)

    def restore(self, org_id: str) -> None:
        records.restore_organisation(self._db, org_id)

    def choices(self) -> list[OrganisationChoice]:
        return list_organisations(self._db)

    def regions(self) -> list[str]:
        return records.region_choices(self._db)

    def summary(self, org_id: str) -> OrganisationSummary:
        history = assessments.assessment_history(self._db, org_id)
        return OrganisationSummary(
            detail=self.get(org_id),
            members=members.list_members(self._db, org_id),
            assessment=history[0] if history else None,
            assessments=history,
            stage_history=pipeline.stage_history(self._db, org_id),
            referrals=members.list_referrals(self._db, organisation_id=org_id),
        )

    # pipeline
    def move_stage(self, org_id: str, stage: str, *, moved_by: str | None = None,
                   note: str | None = None) -> tuple[str | None, str] | None:
        """Move to ``stage`` (value or label), keeping the move; (old, new) or None."""
        return pipeline.move_stage(self._db, org_id, stage, moved_by=moved_by, note=note)

    def stage_history(self, org_id: str) -> list[StageMoveRow]:
        return pipeline.stage_history(self._db, org_id)

    def board(self, *, category: str | None = None, focus_area: str | None = None,
              search: str = "") -> dict[str, list[BoardCard]]:
        return pipeline.board(self._db, category=category, focus_area=focus_area,
                              search=search)

    # assessments
    def assess(self, org_id: str, values: Mapping[str, Any]) -> str:
        return assessments.add_assessment(self._db, org_id, values)

    def assessments(self, org_id: str) -> list[AssessmentRow]:
        return assessments.assessment_history(self._db, org_id)

    # members and referrals
    def add_member(self, org_id: str, person_id: str, *, role: str | None = None,
                   title: str | None = None, primary: bool = False) -> str:
        return members.add_member(self._db, org_id, person_id, role=role, title=title,
                                  primary=primary)

    def set_primary_contact(self, membership_id: str) -> None:
        members.set_primary_contact(self._db, membership_id)

    def remove_member(self, membership_id: str) -> None:
        members.remove_member(self._db, membership_id)

    def members(self, org_id: str) -> list[MemberRow]:
        return members.list_members(self._db, org_id)

    def add_referral(self, referrer_id: str, *, referred_id: str | None = None,
                     organisation_id: str | None = None, referred_on: date | None = None,
                     note: str | None = None, outcome: str | None = None) -> str:
        return members.add_referral(self._db, referrer_id, referred_id=referred_id,
                                    organisation_id=organisation_id, referred_on=referred_on,
                                    note=note, outcome=outcome)

    def set_referral_outcome(self, referral_id: str, outcome: str,
                             note: str | None = None) -> None:
        members.set_referral_outcome(self._db, referral_id, outcome, note)

    def referrals(self, *, person_id: str | None = None,
                  organisation_id: str | None = None) -> list[ReferralRow]:
        return members.list_referrals(self._db, person_id=person_id,
                                      organisation_id=organisation_id)

    def find_people(self, text: str, limit: int = 30) -> list[PersonRow]:
        """People to link as members or referrers (search as you type)."""
        from saypro_desktop.services.people import PeopleFilter, search_people

        return search_people(self._db, PeopleFilter(search=text), limit=limit)

    # duplicates
    def similar(self, *, name: str | None = None, email: str | None = None,
                phone: str | None = None, exclude: str | None = None) -> list[OrganisationMatch]:
        return self.matcher.similar(name=name, email=email, phone=phone, exclude=exclude)

    def find_duplicates(self) -> int:
        return merging.find_duplicates(self._db, self.matcher)

    def duplicates(self) -> list[DuplicatePair]:
        return merging.list_duplicates(self._db)

    def duplicate_count(self) -> int:
        return merging.count_duplicates(self._db)

    def dismiss_duplicate(self, pair_id: str) -> None:
        merging.dismiss_duplicate(self._db, pair_id)

    def merge(self, first_id: str, second_id: str) -> MergeReceipt:
        return merging.merge_organisations(self._db, first_id, second_id)

    def undo_merge(self, receipt: MergeReceipt) -> None:
        merging.undo_merge(self._db, receipt)

    # timelines
    def timeline(self, org_id: str, kinds: Collection[EntryKind] = ALL_KINDS,
                 *, limit: int = 500) -> list[TimelineEntry]:
        return organisation_timeline(self._db, org_id, kinds, limit=limit)

    def person_timeline(self, person_id: str, kinds: Collection[EntryKind] = ALL_KINDS,
                        *, limit: int = 500) -> list[TimelineEntry]:
        return person_timeline(self._db, person_id, kinds, limit=limit)
