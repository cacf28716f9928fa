"""Consent per person and channel: recorded as history, asked before every outreach.

Each record says given or withdrawn, when, where (source) and the wording the person
agreed to. The latest record for a channel decides; earlier ones remain as the trail.
SMS and WhatsApp are one channel for consent ("SMS/WhatsApp"): a person who agreed to
messages agreed to both. Outreach calls ``require_consent`` before writing to anyone and
is refused with a message that names the channel.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Consent, Person
from saypro_desktop.domain.enums import ConsentChannel, ConsentStatus
from saypro_desktop.domain.errors import NotFoundError, SayProError, ValidationError
from saypro_desktop.domain.people import clean_text, display_name
from saypro_desktop.domain.time import utcnow
from saypro_desktop.services.unit_of_work import UnitOfWork

# The outreach channels a person can be contacted on, and the consent each needs.
# Visits, briefings and meetings are not unsolicited contact, so they need none.
OUTREACH_CONSENT: dict[str, str] = {
    "email": ConsentChannel.EMAIL.value,
    "phone": ConsentChannel.PHONE.value,
    "sms": ConsentChannel.SMS.value,
    "whatsapp": ConsentChannel.SMS.value,
    "letter": ConsentChannel.POST.value,
    "thank_you_note": ConsentChannel.POST.value,
    "post": ConsentChannel.POST.value,
}

# The channels a person gives consent on (in the order a form shows them).
CONTACT_CHANNELS: tuple[str, ...] = ("email", "phone", "sms", "post")

CHANNEL_LABELS: dict[str, str] = {
    "email": "email",
    "phone": "phone",
    "sms": "SMS/WhatsApp",
    "whatsapp": "SMS/WhatsApp",
    "post": "post",
    "photo": "photographs",
    "story": "sharing their story",
}


class ConsentRequiredError(SayProError):
    """Outreach on a channel the person has not agreed to (or withdrew from)."""

    def __init__(self, person: str, channel: str, withdrawn: bool) -> None:
        label = CHANNEL_LABELS.get(channel, channel)
        self.channel = channel
        self.withdrawn = withdrawn
        why = "withdrew consent to" if withdrawn else "has not given consent to"
        super().__init__(
            f"{person} {why} be contacted by {label}; record their consent on the person "
            f"first, or use another channel"
        )


@dataclass(frozen=True, slots=True)
class ConsentRecord:
    id: str
    person_id: str
    channel: str
    status: str
    recorded_at: datetime
    source: str | None
    wording: str | None

    @property
    def given(self) -> bool:
        return self.status == ConsentStatus.GIVEN.value

    @property
    def channel_label(self) -> str:
        return CHANNEL_LABELS.get(self.channel, self.channel)


def consent_channel(channel: str) -> str:
    """The consent channel an outreach (or consent) channel needs; refuses unknown names."""
    key = channel.strip().lower().replace(" ", "_").replace("/", "_")
    if key in ("sms_whatsapp", "whatsapp"):
        return ConsentChannel.SMS.value
    if key in OUTREACH_CONSENT:
        return OUTREACH_CONSENT[key]
    if key in {c.value for c in ConsentChannel}:
        return key
    known = ", ".join(sorted(set(OUTREACH_CONSENT) | {c.value for c in ConsentChannel}))
    raise ValidationError(f"channel: '{channel}' is not one of: {known}")


_COLUMNS = (Consent.id, Consent.person_id, Consent.channel, Consent.status,
            Consent.recorded_at, Consent.source, Consent.wording)


def consent_history(db: Database, person_id: str) -> list[ConsentRecord]:
    """Every consent record of a person, newest first."""
    with db.reading() as session:
        rows = session.execute(
            select(*_COLUMNS)
            .where(Consent.person_id == person_id, Consent.deleted_at.is_(None))
            .order_by(Consent.recorded_at.desc(), Consent.id.desc())
        ).all()
    return [ConsentRecord(*row) for row in rows]


def current_consents(db: Database, person_id: str) -> dict[str, ConsentRecord]:
    """The record that decides each channel (the latest one), keyed by consent channel."""
    latest: dict[str, ConsentRecord] = {}
    for record in consent_history(db, person_id):
        channel = "sms" if record.channel == "whatsapp" else record.channel
        latest.setdefault(channel, record)
    return latest


def consent_status(db: Database, person_ids: Iterable[str], channel: str) -> dict[str, bool]:
    """For many people at once (a mail merge): who may be contacted on ``channel``."""
    needed = consent_channel(channel)
    channels = [needed, "whatsapp"] if needed == "sms" else [needed]
    ids = sorted(set(person_ids))
    allowed = dict.fromkeys(ids, False)
    decided: dict[str, tuple[datetime, str]] = {}
    with db.reading() as session:
        for start in range(0, len(ids), 500):
            rows = session.execute(
                select(Consent.person_id, Consent.recorded_at, Consent.id, Consent.status)
                .where(Consent.person_id.in_(ids[start : start + 500]),
                       Consent.channel.in_(channels), Consent.deleted_at.is_(None))
            ).all()
            for person_id, when, row_id, status in rows:
                key = (when, row_id)
                if person_id not in decided or key > decided[person_id]:
                    decided[person_id] = key
                    allowed[person_id] = status == ConsentStatus.GIVEN.value
    return allowed


def require_consent(db: Database, person_id: str, channel: str) -> None:
    """Refuse (``ConsentRequiredError``, naming the channel) unless the person agreed to it."""
    needed = consent_channel(channel)
    with db.reading() as session:
        person = session.get(Person, person_id)
        if person is None or person.deleted_at is not None:
            raise NotFoundError(f"no person with id {person_id}")
        name = display_name(person.first_name, person.last_name, person.preferred_name)
    latest = current_consents(db, person_id).get(needed)
    if latest is None or not latest.given:
        raise ConsentRequiredError(name, needed, withdrawn=latest is not None)


def record_consent(
    db: Database,
    person_id: str,
    channel: str,
    given: bool,
    *,
    source: str | None = None,
    wording: str | None = None,
    when: datetime | None = None,
) -> str:
    """Add a consent record (given or withdrawn); the earlier ones stay as history."""
    needed = consent_channel(channel)
    fields = {
        "person_id": person_id,
        "channel": needed,
        "status": (ConsentStatus.GIVEN if given else ConsentStatus.WITHDRAWN).value,
        "recorded_at": when or utcnow(),
        "source": clean_text(source, field="source", limit=64),
        "wording": clean_text(wording, field="wording"),
    }
    with UnitOfWork(db) as uow:
        person = uow.session.get(Person, person_id)
        if person is None or person.deleted_at is not None:
            raise NotFoundError(f"no person with id {person_id}")
        return uow.create(Consent, fields)


class ConsentService:
    """``app.consent``: the same functions bound to the open database."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def require_consent(self, person_id: str, channel: str) -> None:
        require_consent(self._db, person_id, channel)

    def consent_status(self, person_ids: Iterable[str], channel: str) -> dict[str, bool]:
        return consent_status(self._db, person_ids, channel)

    def history(self, person_id: str) -> list[ConsentRecord]:
        return consent_history(self._db, person_id)

    def current(self, person_id: str) -> dict[str, ConsentRecord]:
        return current_consents(self._db, person_id)

    def record(self, person_id: str, channel: str, given: bool, *, source: str | None = None,
               wording: str | None = None, when: datetime | None = None) -> str:
        return record_consent(self._db, person_id, channel, given, source=source,
                              wording=wording, when=when)
