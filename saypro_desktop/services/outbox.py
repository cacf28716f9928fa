"""The outbox: letters of introduction and thank-you notes as ``.eml`` drafts.

One draft per recipient, filled from one template. A recipient without an email address,
or a person who has not agreed to be emailed, is skipped and listed with the reason;
nobody is written to without consent. Each draft written is logged as an interaction, so
the partner's timeline shows the letter went out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Consent, Interaction, Organisation, Person
from saypro_desktop.domain.enums import ConsentStatus, PipelineStage
from saypro_desktop.domain.errors import NotFoundError, SayProError, ValidationError
from saypro_desktop.domain.outreach import LOCAL_ZONE, InteractionType
from saypro_desktop.domain.people import display_name
from saypro_desktop.interop.email import Draft, build_message, safe_filename, write_draft
from saypro_desktop.services.coalition import read_profile
from saypro_desktop.services.outreach import local_now
from saypro_desktop.services.templates import (
    RenderedLetter,
    Template,
    TemplateLibrary,
    letter_values,
    render,
)
from saypro_desktop.services.unit_of_work import UnitOfWork
from saypro_desktop.services.written_files import note_written_file

EMAIL = "email"


@dataclass(frozen=True, slots=True)
class Recipient:
    person_id: str | None
    organisation_id: str | None
    name: str  # who the draft is to, as a person reads it
    address: str


@dataclass(frozen=True, slots=True)
class Skipped:
    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class Written:
    path: Path
    name: str
    interaction_id: str


@dataclass(frozen=True, slots=True)
class OutboxResult:
    written: list[Written]
    skipped: list[Skipped]


@dataclass(frozen=True, slots=True)
class Preview:
    recipient: Recipient | None
    skipped: Skipped | None
    letter: RenderedLetter


def email_consent_given(session: Session, person_ids: Sequence[str]) -> dict[str, bool]:
    """Whether each person's latest email consent record says given (none: not given).

    The single consent check of the outbox, written against the shared consent records;
    the consent service's ``require_consent`` gives the same answer for one person.
    """
    allowed: dict[str, bool] = {pid: False for pid in person_ids}
    latest: dict[str, tuple[datetime, str]] = {}
    ids = list(person_ids)
    for start in range(0, len(ids), 500):
        for pid, when, row_id, status in session.execute(
            select(Consent.person_id, Consent.recorded_at, Consent.id, Consent.status)
            .where(Consent.person_id.in_(ids[start:start + 500]), Consent.channel == EMAIL,
                   Consent.deleted_at.is_(None))
        ):
            if pid not in latest or (when, row_id) > latest[pid]:
                latest[pid] = (when, row_id)
                allowed[pid] = status == ConsentStatus.GIVEN.value
    return allowed


def _contacts(session: Session, org_ids: Sequence[str]) -> dict[str, list[Person]]:
    found: dict[str, list[Person]] = {}
    for start in range(0, len(org_ids), 500):
        for person in session.execute(
            select(Person).where(Person.organisation_id.in_(org_ids[start:start + 500]),
                                 Person.deleted_at.is_(None), Person.merged_into_id.is_(None))
            .order_by(Person.last_name, Person.first_name, Person.id)
        ).scalars():
            found.setdefault(person.organisation_id or "", []).append(person)
    return found


class OutboxService:
    """``app.outbox``."""

    def __init__(self, db: Database, templates: TemplateLibrary) -> None:
        self._db = db
        self.templates = templates

    def organisations_at(self, stage: str, *, focus_area: str | None = None,
                         category: str | None = None) -> list[str]:
        """The organisations at a pipeline stage (a mail merge's selection), by name."""
        if stage not in {s.value for s in PipelineStage}:
            raise ValidationError(f"stage: '{stage}' is not one of "
                                  f"{', '.join(s.value for s in PipelineStage)}")
        stmt = (select(Organisation.id)
                .where(Organisation.deleted_at.is_(None), Organisation.pipeline_stage == stage)
                .order_by(func.lower(Organisation.name)))
        if category:
            stmt = stmt.where(Organisation.category == category)
        if focus_area:
            stmt = stmt.where(("," + Organisation.focus_areas + ",").contains(f",{focus_area},"))
        with self._db.reading() as session:
            return list(session.execute(stmt).scalars())

    def recipients(
        self, *, organisation_ids: Sequence[str] = (), person_ids: Sequence[str] = ()
    ) -> tuple[list[Recipient], list[Skipped]]:
        """Who each draft goes to: the person, or the organisation's contact who agreed to
        email (its own address when it has no people on record)."""
        chosen: list[Recipient] = []
        skipped: list[Skipped] = []
        with self._db.reading() as session:
            orgs = {o.id: o for o in session.execute(
                select(Organisation).where(Organisation.id.in_(list(organisation_ids)))
            ).scalars()}
            people = {p.id: p for p in session.execute(
                select(Person).where(Person.id.in_(list(person_ids)))).scalars()}
            contacts = _contacts(session, list(organisation_ids))
            everyone = [p.id for p in people.values()] + [
                p.id for ps in contacts.values() for p in ps]
            consent = email_consent_given(session, everyone)
        for org_id in dict.fromkeys(organisation_ids):
            org = orgs.get(org_id)
            if org is None or org.deleted_at is not None:
                raise NotFoundError(f"no organisation with id {org_id}")
            staff = contacts.get(org_id, [])
            with_email = [p for p in staff if p.email]
            agreed = [p for p in with_email if consent.get(p.id)]
            if agreed:
                p = agreed[0]
                chosen.append(Recipient(p.id, org.id, display_name(p.first_name, p.last_name),
                                        p.email or ""))
            elif with_email:
                p = with_email[0]
                skipped.append(Skipped(
                    f"{display_name(p.first_name, p.last_name)} ({org.name})",
                    "has not given consent to be contacted by email"))
            elif not staff and org.email:
                chosen.append(Recipient(None, org.id, org.name, org.email))
            else:
                skipped.append(Skipped(org.name, "no email address on record"))
        for person_id in dict.fromkeys(person_ids):
            found = people.get(person_id)
            if found is None or found.deleted_at is not None:
                raise NotFoundError(f"no person with id {person_id}")
            p = found
            name = display_name(p.first_name, p.last_name)
            if not p.email:
                skipped.append(Skipped(name, "no email address on record"))
            elif not consent.get(p.id):
                skipped.append(Skipped(name, "has not given consent to be contacted by email"))
            else:
                chosen.append(Recipient(p.id, p.organisation_id, name, p.email))
        return chosen, skipped

    def preview(self, template_name: str, *, organisation_id: str | None = None,
                person_id: str | None = None) -> Preview:
        template = self.templates.get(template_name)
        chosen, skipped = self.recipients(
            organisation_ids=[organisation_id] if organisation_id else [],
            person_ids=[person_id] if person_id else [])
        target = chosen[0] if chosen else None
        values = letter_values(
            self._db, organisation_id=organisation_id,
            person_id=target.person_id if target else person_id)
        return Preview(target, skipped[0] if skipped else None, render(template, values))

    def _sender(self) -> tuple[str | None, str, str]:
        with self._db.reading() as session:
            profile = read_profile(session)
            person = session.get(Person, profile.coordinator_id) if profile.coordinator_id \
                else None
            org = session.get(Organisation, profile.our_organisation_id) \
                if profile.our_organisation_id else None
        address = (person.email if person else None) or (org.email if org else None)
        if not address:
            raise SayProError(
                "the drafts need a From address: choose the coordinator (with an email "
                "address) on the Coalition page")
        name = display_name(person.first_name, person.last_name) if person else \
            (org.name if org else "")
        return (person.id if person else None), name, address

    def write(
        self,
        template_name: str,
        out_dir: Path,
        *,
        organisation_ids: Sequence[str] = (),
        person_ids: Sequence[str] = (),
        now: datetime | None = None,
    ) -> OutboxResult:
        """Write one draft per recipient into ``out_dir`` and log each as an interaction.

        Everything is rendered first, so a template error writes nothing; if logging
        fails, the drafts just written are removed again.
        """
        template = self.templates.get(template_name)
        chosen, skipped = self.recipients(organisation_ids=organisation_ids,
                                          person_ids=person_ids)
        moment = now or local_now()
        sender_id, sender_name, sender_address = self._sender() if chosen else (None, "", "")
        drafts: list[tuple[Recipient, RenderedLetter, bytes]] = []
        for target in chosen:
            letter = render(template, letter_values(
                self._db, organisation_id=target.organisation_id, person_id=target.person_id,
                sender_id=sender_id, today=moment.date()))
            data = build_message(Draft(target.name, target.address, sender_name,
                                       sender_address, letter.subject, letter.body,
                                       moment.replace(tzinfo=ZoneInfo(LOCAL_ZONE))))
            drafts.append((target, letter, data))
        paths: list[Path] = []
        try:
            for target, _letter, data in drafts:
                paths.append(write_draft(out_dir, safe_filename(
                    f"{moment:%Y%m%d}-{template.name}-{target.name}"), data))
            written: list[Written] = []
            with UnitOfWork(self._db) as uow:
                for (target, letter, _data), path in zip(drafts, paths, strict=True):
                    interaction_id = uow.create(Interaction, {
                        "person_id": target.person_id,
                        "organisation_id": target.organisation_id,
                        "channel": _interaction_type(template).value,
                        "direction": "outbound",
                        "occurred_at": moment,
                        "subject": letter.subject[:300],
                        "notes": f"Draft written to the outbox as {path.name}",
                        "our_person_id": sender_id,
                    })
                    written.append(Written(path, target.name, interaction_id))
        except BaseException:
            for path in paths:
                path.unlink(missing_ok=True)
            raise
        for item in written:
            note_written_file(self._db, item.path, "outbox draft")
        return OutboxResult(written, skipped)


def _interaction_type(template: Template) -> InteractionType:
    thanks = template.name.startswith("thank") or "thank" in template.ask.lower()
    return InteractionType.THANK_YOU_NOTE if thanks else InteractionType.EMAIL
