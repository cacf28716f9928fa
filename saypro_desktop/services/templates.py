"""Letter and email templates: one engine for ``.eml`` drafts and printed letters.

A template is a plain-text file: a few header lines (``Title:``, ``Ask:``, ``Subject:``),
a blank line, then the body. ``{{name}}`` marks a placeholder; only the names in
``PLACEHOLDERS`` exist, so a typo is caught when the template is saved or used, with a
message naming the placeholder and the template. The app ships its templates in
``resources/templates/``; an organiser edits a copy kept in the user's data folder,
which wins over a shipped template of the same name.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import (
    Campaign,
    Commitment,
    Meeting,
    MeetingOrganisation,
    Organisation,
    Person,
)
from saypro_desktop.domain.enums import CommitmentKind, FocusArea
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.domain.files import write_atomic
from saypro_desktop.domain.outreach import label_of
from saypro_desktop.domain.people import display_name, format_phone
from saypro_desktop.resources import resource
from saypro_desktop.services.coalition import read_profile

# Every placeholder a template may use, with what it holds (shown to the organiser).
PLACEHOLDERS: dict[str, str] = {
    "recipient_name": "the recipient's full name (or the organisation's name)",
    "recipient_first_name": "the recipient's first name (or the organisation's name)",
    "organisation": "the recipient's organisation",
    "focus_areas": "the organisation's focus areas, e.g. 'housing and food security'",
    "campaign": "the current campaign",
    "our_organisation": "our organisation's name",
    "sender_name": "who signs the letter",
    "sender_title": "the signer's job title",
    "sender_email": "the signer's email address",
    "sender_phone": "the signer's phone number",
    "sender_contact": "the signer's email and phone on one line (whichever are known)",
    "today": "today's date, e.g. 2 December 2026",
    "meeting_title": "the next meeting with the organisation",
    "meeting_date": "its date and time",
    "meeting_place": "its place or link",
    "meeting_sentence": "a sentence proposing the next meeting (empty when none is planned)",
    "commitment": "the organisation's latest commitment, e.g. 'a hall for the town hall'",
    "ask": "the template's ask, e.g. 'Join the coalition'",
    "reply_by": "the date we ask for a reply by (two weeks from today)",
}

# The partnership packet's cover letter: a template like the letters, used by every packet
# (an organiser's copy of the same name in the data folder wins, as for any template).
PACKET_TEMPLATE = "packet-cover-letter"
REPLY_DAYS = 14  # a packet and a letter ask for a reply within two weeks

_PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
_HEADERS = ("title", "ask", "subject")


class TemplateError(ValidationError):
    """A template that cannot be used as written (says which template and what to fix)."""


@dataclass(frozen=True, slots=True)
class Template:
    name: str  # the file name without ".txt": how commands and other code refer to it
    title: str
    ask: str
    subject: str
    body: str
    editable: bool  # a copy in the user's folder (the shipped ones are read-only)
    path: Path

    def placeholders(self) -> list[str]:
        return sorted(set(_PLACEHOLDER.findall(self.subject + "\n" + self.body)))

    def text(self) -> str:
        """The file text, as an organiser edits it."""
        return f"Title: {self.title}\nAsk: {self.ask}\nSubject: {self.subject}\n\n{self.body}"


@dataclass(frozen=True, slots=True)
class RenderedLetter:
    subject: str
    body: str


def parse_template(name: str, text: str, *, path: Path, editable: bool) -> Template:
    """Read a template's text, refusing unknown placeholders and a missing subject."""
    head, sep, body = text.replace("\r\n", "\n").partition("\n\n")
    if not sep:
        raise TemplateError(
            f"template '{name}': put the Title:, Ask: and Subject: lines first, then an "
            "empty line, then the letter"
        )
    headers: dict[str, str] = {}
    for number, line in enumerate(head.splitlines(), start=1):
        key, colon, value = line.partition(":")
        if not colon or key.strip().lower() not in _HEADERS:
            raise TemplateError(
                f"template '{name}', line {number}: '{line.strip()}' is not a Title:, Ask: "
                "or Subject: line"
            )
        headers[key.strip().lower()] = value.strip()
    if not headers.get("subject"):
        raise TemplateError(f"template '{name}': the Subject: line is missing or empty")
    template = Template(
        name=name,
        title=headers.get("title") or name.replace("-", " ").capitalize(),
        ask=headers.get("ask", ""),
        subject=headers["subject"],
        body=body.strip("\n") + "\n",
        editable=editable,
        path=path,
    )
    check_placeholders(template)
    return template


def check_placeholders(template: Template) -> None:
    for text in (template.subject, template.body):
        rest = _PLACEHOLDER.sub("", text)
        if "{{" in rest or "}}" in rest:
            raise TemplateError(
                f"template '{template.name}': a '{{{{' has no matching '}}}}'; write "
                "placeholders as {{name}}"
            )
    unknown = [p for p in template.placeholders() if p not in PLACEHOLDERS]
    if unknown:
        raise TemplateError(
            f"template '{template.name}': unknown placeholder {{{{{unknown[0]}}}}}; "
            f"use one of: {', '.join(sorted(PLACEHOLDERS))}"
        )


def render(template: Template, values: Mapping[str, str]) -> RenderedLetter:
    """Fill the placeholders; a known placeholder without a value becomes empty text."""
    check_placeholders(template)
    unknown = sorted(set(values) - set(PLACEHOLDERS))
    if unknown:
        raise TemplateError(
            f"template '{template.name}': no placeholder called {{{{{unknown[0]}}}}}"
        )
    filled = {**values, "ask": values.get("ask") or template.ask}

    def fill(text: str) -> str:
        return _PLACEHOLDER.sub(lambda m: filled.get(m.group(1), ""), text)

    subject = " ".join(fill(template.subject).split())
    body = re.sub(r"[ \t]+\n", "\n", fill(template.body))
    return RenderedLetter(subject=subject, body=body)


class TemplateLibrary:
    """The shipped templates plus the organiser's own copies (which win by name)."""

    def __init__(self, user_dir: Path, shipped_dir: Path | None = None) -> None:
        self.user_dir = user_dir
        self.shipped_dir = shipped_dir or resource("templates")

    def _files(self) -> dict[str, tuple[Path, bool]]:
        found: dict[str, tuple[Path, bool]] = {}
        for folder, editable in ((self.shipped_dir, False), (self.user_dir, True)):
            if folder.is_dir():
                for path in sorted(folder.glob("*.txt")):
                    found[path.stem] = (path, editable)
        return found

    def list(self) -> list[Template]:
        """Every usable letter template, by title; a broken user copy is left out of the
        list (``get`` says what is wrong with it). The packet's cover letter is not a
        letter on its own and is not listed."""
        result = []
        for name in self._files():
            if name == PACKET_TEMPLATE:
                continue
            try:
                result.append(self.get(name))
            except TemplateError:
                continue
        return sorted(result, key=lambda t: t.title.casefold())

    def names(self) -> builtins.list[str]:
        return sorted(self._files())

    def get(self, name: str) -> Template:
        files = self._files()
        if name not in files:
            raise NotFoundError(
                f"no template called '{name}'; templates: {', '.join(sorted(files)) or 'none'}"
            )
        path, editable = files[name]
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise TemplateError(f"template '{name}' is not UTF-8 text; save it as UTF-8") from exc
        return parse_template(name, text, path=path, editable=editable)

    def copy(self, name: str, new_name: str | None = None) -> Template:
        """Make an editable copy of a template (``<name>-copy`` unless named)."""
        source = self.get(name)
        target = new_name or _free_name(f"{name}-copy", set(self._files()))
        text = source.text()
        if source.editable is False:
            text = text.replace(f"Title: {source.title}", f"Title: {source.title} (my copy)", 1)
        return self.save(target, text)

    def save(self, name: str, text: str) -> Template:
        """Check and write an organiser's template (atomically: a failure leaves the old)."""
        if not _NAME.match(name):
            raise TemplateError(
                f"'{name}' cannot name a template: use lower-case letters, digits and dashes"
            )
        path = self.user_dir / f"{name}.txt"
        template = parse_template(name, text, path=path, editable=True)
        self.user_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(path, template.text().encode("utf-8"))
        return template

    def delete(self, name: str) -> None:
        template = self.get(name)
        if not template.editable:
            raise TemplateError(f"template '{name}' ships with the app and cannot be deleted")
        template.path.unlink()


def _free_name(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


# -- the values a letter to one recipient is filled with ---------------------------------


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _and_join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def letter_values(
    db: Database,
    *,
    organisation_id: str | None = None,
    person_id: str | None = None,
    sender_id: str | None = None,
    today: date | None = None,
) -> dict[str, str]:
    """Every placeholder's value for a letter to this person and/or organisation.

    The sender is ``sender_id`` or else the coalition's coordinator; the campaign is the
    latest one started; the meeting is the next one planned with the organisation.
    """
    with db.reading() as session:
        return letter_values_in(session, organisation_id=organisation_id,
                                person_id=person_id, sender_id=sender_id, today=today)


def letter_values_in(
    session: Session,
    *,
    organisation_id: str | None = None,
    person_id: str | None = None,
    sender_id: str | None = None,
    today: date | None = None,
) -> dict[str, str]:
    """``letter_values`` inside a reading session the caller holds (a batch of packets)."""
    day = today or date.today()
    profile = read_profile(session)
    person = session.get(Person, person_id) if person_id else None
    org_id = organisation_id or (person.organisation_id if person else None)
    org = session.get(Organisation, org_id) if org_id else None
    sender = session.get(Person, sender_id or profile.coordinator_id or "")
    campaign = session.execute(
        select(Campaign.name).where(Campaign.deleted_at.is_(None),
                                    or_(Campaign.starts_on.is_(None),
                                        Campaign.starts_on <= day))
        .order_by(Campaign.starts_on.desc()).limit(1)).scalar()
    meeting = None
    commitment = None
    if org is not None:
        meeting = session.execute(
            select(Meeting.title, Meeting.starts_at, Meeting.location, Meeting.link)
            .join(MeetingOrganisation, MeetingOrganisation.meeting_id == Meeting.id)
            .where(MeetingOrganisation.organisation_id == org.id,
                   MeetingOrganisation.deleted_at.is_(None), Meeting.deleted_at.is_(None),
                   Meeting.starts_at >= datetime.combine(day, time()))
            .order_by(Meeting.starts_at).limit(1)).first()
        commitment = session.execute(
            select(Commitment.kind, Commitment.description)
            .where(Commitment.organisation_id == org.id, Commitment.deleted_at.is_(None))
            .order_by(Commitment.pledged_on.desc(), Commitment.created_at.desc())
            .limit(1)).first()
    org_name = org.name if org is not None else ""
    if person is not None:
        full = display_name(person.first_name, person.last_name)
        first = person.preferred_name or person.first_name or full
    else:
        full = first = org_name or "colleague"
    focus = []
    for value in (org.focus_areas or "").split(",") if org is not None else []:
        if value.strip():
            focus.append(label_of(FocusArea, value.strip()).lower())
    when = meeting_place = meeting_sentence = ""
    if meeting is not None:
        when = f"{meeting.starts_at.day} {meeting.starts_at:%B %Y} at {meeting.starts_at:%H:%M}"
        meeting_place = meeting.location or meeting.link or ""
        meeting_sentence = (f"We have pencilled in {when}"
                            + (f" at {meeting_place}" if meeting_place else "") + ".")
    commitment_text = ""
    if commitment is not None:
        commitment_text = (commitment.description
                           or label_of(CommitmentKind, commitment.kind)).rstrip(".")
        commitment_text = commitment_text[:1].lower() + commitment_text[1:]
    ours = profile.our_organisation or profile.name or "SayPro"
    return {
        "recipient_name": full,
        "recipient_first_name": first,
        "organisation": org_name or full,
        "focus_areas": _and_join(focus) or "social services",
        "campaign": campaign or f"{ours} campaign",
        "our_organisation": ours,
        "sender_name": display_name(sender.first_name, sender.last_name) if sender else "",
        "sender_title": (sender.job_title or "Coordinator") if sender else "",
        "sender_email": (sender.email or "") if sender else "",
        "sender_phone": format_phone(sender.phone) if sender else "",
        "sender_contact": " | ".join(x for x in ((sender.email or "") if sender else "",
                                                 format_phone(sender.phone) if sender else "")
                                     if x),
        "today": _long_date(day),
        "reply_by": _long_date(day + timedelta(days=REPLY_DAYS)),
        "meeting_title": meeting.title if meeting is not None else "",
        "meeting_date": when,
        "meeting_place": meeting_place,
        "meeting_sentence": meeting_sentence,
        "commitment": commitment_text,
    }
