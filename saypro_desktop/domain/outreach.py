"""The words of outreach and meetings: interaction types, outcomes, task kinds, dates typed.

Values are stored as plain strings. Older values (``sms``, ``whatsapp``, ``responded``,
``meeting_agreed``, ``follow_up_needed``) keep a readable label, so nothing shows raw.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from saypro_desktop.domain.enums import Labelled
from saypro_desktop.domain.errors import ValidationError

# Meeting times are typed and shown as the organisers' wall-clock time (South Africa).
LOCAL_ZONE = "Africa/Johannesburg"


class InteractionType(Labelled):
    EMAIL = "email"
    LETTER = "letter"
    PHONE = "phone"
    VISIT = "visit"
    BRIEFING = "briefing"
    MEETING = "meeting"
    SMS_WHATSAPP = "sms"
    THANK_YOU_NOTE = "thank_you_note"

    @property
    def label(self) -> str:
        return _TYPE_LABELS[self]


_TYPE_LABELS = {
    InteractionType.EMAIL: "Email",
    InteractionType.LETTER: "Letter",
    InteractionType.PHONE: "Phone call",
    InteractionType.VISIT: "Visit",
    InteractionType.BRIEFING: "Briefing",
    InteractionType.MEETING: "Meeting",
    InteractionType.SMS_WHATSAPP: "SMS / WhatsApp",
    InteractionType.THANK_YOU_NOTE: "Thank-you note",
}


class InteractionOutcome(Labelled):
    NO_ANSWER = "no_response"
    LEFT_MESSAGE = "left_message"
    INTERESTED = "interested"
    NEEDS_INFORMATION = "needs_information"
    DECLINED = "declined"
    COMMITTED = "committed"

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]


_OUTCOME_LABELS = {
    InteractionOutcome.NO_ANSWER: "No answer",
    InteractionOutcome.LEFT_MESSAGE: "Left a message",
    InteractionOutcome.INTERESTED: "Interested",
    InteractionOutcome.NEEDS_INFORMATION: "Needs information",
    InteractionOutcome.DECLINED: "Declined",
    InteractionOutcome.COMMITTED: "Committed",
}

# Labels of values written before the current vocabulary (and by imports).
_LEGACY_LABELS = {
    "whatsapp": "WhatsApp",
    "phone_call": "Phone call",
    "responded": "Responded",
    "meeting_agreed": "Meeting agreed",
    "follow_up_needed": "Follow-up needed",
}

# The consent channel an interaction type needs before we reach out that way.
CONSENT_CHANNEL = {
    "email": "email",
    "thank_you_note": "email",
    "letter": "post",
    "phone": "phone",
    "sms": "sms",
    "whatsapp": "whatsapp",
}


def type_label(value: str | None) -> str:
    if not value:
        return ""
    try:
        return InteractionType(value).label
    except ValueError:
        return _LEGACY_LABELS.get(value, value.replace("_", " ").capitalize())


def outcome_label(value: str | None) -> str:
    if not value:
        return ""
    try:
        return InteractionOutcome(value).label
    except ValueError:
        return _LEGACY_LABELS.get(value, value.replace("_", " ").capitalize())


def label_of(enum: type[Labelled], value: str | None) -> str:
    """A stored value's label; an unknown value (from a newer version) shown readably."""
    if not value:
        return ""
    try:
        return enum(value).label
    except ValueError:
        return value.replace("_", " ").capitalize()


def parse_choice(enum: type[Labelled], value: str, *, field: str) -> str:
    """Accept a value or its label ("phone", "Phone call"); refuse others, listing choices."""
    text = value.strip()
    wanted = text.casefold().replace("-", "_").replace(" ", "_")
    for member in enum:
        if wanted in (member.value, member.label.casefold().replace(" ", "_")):
            return member.value
    choices = ", ".join(m.value for m in enum)
    raise ValidationError(f"{field}: '{text}' is not one of {choices}")


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(text: str, *, field: str = "date") -> date:
    """YYYY-MM-DD, with a message that says what is wrong (2026-02-30 does not exist)."""
    value = text.strip()
    if not _DATE.match(value):
        raise ValidationError(f"{field}: '{value}' is not a date; expected YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            f"{field}: {value} does not exist on the calendar; check the day and month"
        ) from None


def parse_datetime(text: str, *, field: str = "date", default_time: time = time(9, 0)) -> datetime:
    """YYYY-MM-DD or YYYY-MM-DD HH:MM (a 'T' works too); a date alone means ``default_time``."""
    value = text.strip().replace("T", " ")
    day_text, _, clock = value.partition(" ")
    day = parse_date(day_text, field=field)
    if not clock.strip():
        return datetime.combine(day, default_time)
    match = re.match(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$", clock.strip())
    if not match:
        raise ValidationError(
            f"{field}: '{clock.strip()}' is not a time; expected HH:MM, e.g. 14:30"
        )
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValidationError(f"{field}: {clock.strip()} is not a time of day (00:00 to 23:59)")
    return datetime.combine(day, time(hour, minute, second))


def format_day(day: date | None) -> str:
    """2 Dec 2026: unambiguous in every locale the organisers use."""
    return "" if day is None else f"{day.day} {day:%b %Y}"


def format_moment(moment: datetime | None) -> str:
    return "" if moment is None else f"{format_day(moment.date())} {moment:%H:%M}"
