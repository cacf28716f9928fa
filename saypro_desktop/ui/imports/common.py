"""What every step of the import wizard shares: limits, labels a person reads, samples."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    Qt,
)
from PySide6.QtWidgets import (
    QLabel,
)

from saypro_desktop.services.imports import (
    ImportPlan,
    RowProblem,
)
from saypro_desktop.ui.errors import sentence
from saypro_desktop.ui.i18n import tr, translate

log = logging.getLogger(__name__)

PREVIEW_LIMIT = 10
SAMPLES_PER_COLUMN = 3
BAD_ROWS_SHOWN = 8

OPEN_FILTERS = (
    QT_TRANSLATE_NOOP("ImportWizard", "Contact lists (*.csv *.tsv *.txt *.vcf *.xlsx *.ics)"),
    QT_TRANSLATE_NOOP("ImportWizard", "CSV, TSV or text (*.csv *.tsv *.txt)"),
    QT_TRANSLATE_NOOP("ImportWizard", "vCard (*.vcf)"),
    QT_TRANSLATE_NOOP("ImportWizard", "Excel workbook (*.xlsx)"),
    QT_TRANSLATE_NOOP("ImportWizard", "iCalendar (*.ics)"),
    QT_TRANSLATE_NOOP("ImportWizard", "All files (*)"),
)

# Source ids from services.imports / interop.mapping, as a person would name them.
SOURCE_LABELS = {
    "google_new": QT_TRANSLATE_NOOP("ImportWizard", "Google Contacts export"),
    "google_legacy": QT_TRANSLATE_NOOP("ImportWizard", "Google Contacts export (older format)"),
    "outlook": QT_TRANSLATE_NOOP("ImportWizard", "Outlook contacts export"),
    "thunderbird": QT_TRANSLATE_NOOP("ImportWizard", "Thunderbird address book"),
    "mailchimp": QT_TRANSLATE_NOOP("ImportWizard", "Mailchimp audience export"),
    "ngpvan": QT_TRANSLATE_NOOP("ImportWizard", "NGP VAN export"),
    "actionkit": QT_TRANSLATE_NOOP("ImportWizard", "ActionKit export"),
    "linkedin": QT_TRANSLATE_NOOP("ImportWizard", "LinkedIn connections export"),
    "eventespresso": QT_TRANSLATE_NOOP("ImportWizard", "Event Espresso registrations"),
    "salesforce": QT_TRANSLATE_NOOP("ImportWizard", "Salesforce export"),
    "calendar_csv": QT_TRANSLATE_NOOP("ImportWizard", "Calendar export (CSV: meetings and events)"),
    "generic": QT_TRANSLATE_NOOP(
        "ImportWizard", "A table of contacts (columns matched by their names)"),
    "vcard": QT_TRANSLATE_NOOP("ImportWizard", "vCard contacts file"),
    "ical": QT_TRANSLATE_NOOP("ImportWizard", "iCalendar file (meetings and events)"),
}

# What will happen to each previewed row: the service's action text starts with one of
# these (then a name, a row number or a reason), as a person would say it.
ACTION_PREFIXES = (
    ("possible duplicate of ", QT_TRANSLATE_NOOP("ImportWizard", "Possible duplicate of {rest}")),
    ("same person as row ", QT_TRANSLATE_NOOP("ImportWizard", "Same person as row {rest}")),
    ("same organisation as row ", QT_TRANSLATE_NOOP(
        "ImportWizard", "Same organisation as row {rest}")),
    ("already here: ", QT_TRANSLATE_NOOP("ImportWizard", "Already here, nothing new: {rest}")),
    ("update ", QT_TRANSLATE_NOOP("ImportWizard", "Update {rest}")),
    ("skip: ", QT_TRANSLATE_NOOP("ImportWizard", "Skip")),  # the reason is in the Problems column
)
ACTION_LABELS = {
    "create": QT_TRANSLATE_NOOP("ImportWizard", "New"),
    "already here": QT_TRANSLATE_NOOP("ImportWizard", "Already here"),
    "skip": QT_TRANSLATE_NOOP("ImportWizard", "Skip"),
}


# What the rows of a file become, by the plan's kind.
KIND_LABELS = {
    "people": QT_TRANSLATE_NOOP("ImportWizard", "Each row becomes a person."),
    "attendees": QT_TRANSLATE_NOOP(
        "ImportWizard", "Each row becomes a person on the event's RSVP list (an event still to "
                        "come) or signed in to it (an event already held)."),
    "organisations": QT_TRANSLATE_NOOP("ImportWizard", "Each row becomes an organisation."),
    "calendar": QT_TRANSLATE_NOOP("ImportWizard", "Each row becomes a meeting."),
}


# Field labels of the mapping table, as the form would say them (services.imports lists
# the fields; a field missing here shows the service's English label).
FIELD_LABELS = {
    "": QT_TRANSLATE_NOOP("ImportWizard", "Ignore"),
    "first_name": QT_TRANSLATE_NOOP("ImportWizard", "First name"),
    "last_name": QT_TRANSLATE_NOOP("ImportWizard", "Last name"),
    "preferred_name": QT_TRANSLATE_NOOP("ImportWizard", "Preferred name"),
    "email": QT_TRANSLATE_NOOP("ImportWizard", "Email"),
    "phone": QT_TRANSLATE_NOOP("ImportWizard", "Phone (mobile first)"),
    "category": QT_TRANSLATE_NOOP("ImportWizard", "Category"),
    "job_title": QT_TRANSLATE_NOOP("ImportWizard", "Job title"),
    "address": QT_TRANSLATE_NOOP("ImportWizard", "Address"),
    "city": QT_TRANSLATE_NOOP("ImportWizard", "City"),
    "province": QT_TRANSLATE_NOOP("ImportWizard", "Province"),
    "postal_code": QT_TRANSLATE_NOOP("ImportWizard", "Postal code"),
    "language": QT_TRANSLATE_NOOP("ImportWizard", "Language"),
    "pipeline_stage": QT_TRANSLATE_NOOP("ImportWizard", "Pipeline stage"),
    "priority": QT_TRANSLATE_NOOP("ImportWizard", "Priority"),
    "notes": QT_TRANSLATE_NOOP("ImportWizard", "Notes"),
    "full_name": QT_TRANSLATE_NOOP("ImportWizard", "Full name (split if no first/last)"),
    "middle_name": QT_TRANSLATE_NOOP("ImportWizard", "Middle name (kept in notes)"),
    "organisation_name": QT_TRANSLATE_NOOP("ImportWizard", "Organisation"),
    "country": QT_TRANSLATE_NOOP("ImportWizard", "Country (decides the phone region)"),
    "birthday": QT_TRANSLATE_NOOP("ImportWizard", "Birthday (kept in notes)"),
    "secondary_email": QT_TRANSLATE_NOOP("ImportWizard", "Second email (kept in notes)"),
    "secondary_phone": QT_TRANSLATE_NOOP("ImportWizard", "Second phone (kept in notes)"),
    "consent_email": QT_TRANSLATE_NOOP("ImportWizard", "Consent: email"),
    "consent_phone": QT_TRANSLATE_NOOP("ImportWizard", "Consent: phone"),
    "consent_sms": QT_TRANSLATE_NOOP("ImportWizard", "Consent: SMS"),
    "consent_whatsapp": QT_TRANSLATE_NOOP("ImportWizard", "Consent: WhatsApp"),
    "consent_post": QT_TRANSLATE_NOOP("ImportWizard", "Consent: post"),
    "consent_photo": QT_TRANSLATE_NOOP("ImportWizard", "Consent: photo"),
    "consent_story": QT_TRANSLATE_NOOP("ImportWizard", "Consent: story"),
    "do_not_call": QT_TRANSLATE_NOOP("ImportWizard", "Do not call"),
    "do_not_email": QT_TRANSLATE_NOOP("ImportWizard", "Do not email"),
    "name": QT_TRANSLATE_NOOP("ImportWizard", "Name"),
    "focus_areas": QT_TRANSLATE_NOOP("ImportWizard", "Focus areas (comma-separated)"),
    "website": QT_TRANSLATE_NOOP("ImportWizard", "Website"),
    "industry": QT_TRANSLATE_NOOP("ImportWizard", "Industry (category if it is one, else notes)"),
    "expected_impact": QT_TRANSLATE_NOOP("ImportWizard", "Expected impact"),
    "strengths": QT_TRANSLATE_NOOP("ImportWizard", "Strengths"),
    "resources_offered": QT_TRANSLATE_NOOP("ImportWizard", "Resources offered"),
    "title": QT_TRANSLATE_NOOP("ImportWizard", "Title"),
    "starts_at": QT_TRANSLATE_NOOP("ImportWizard", "Starts"),
    "start_time": QT_TRANSLATE_NOOP("ImportWizard", "Start time (its own column)"),
    "ends_at": QT_TRANSLATE_NOOP("ImportWizard", "Ends"),
    "end_time": QT_TRANSLATE_NOOP("ImportWizard", "End time (its own column)"),
    "all_day": QT_TRANSLATE_NOOP("ImportWizard", "All-day event (yes/no)"),
    "location": QT_TRANSLATE_NOOP("ImportWizard", "Location"),
    "description": QT_TRANSLATE_NOOP("ImportWizard", "Description"),
    "attendees": QT_TRANSLATE_NOOP("ImportWizard", "Attendees (kept in notes)"),
    "organiser": QT_TRANSLATE_NOOP("ImportWizard", "Organiser (kept in notes)"),
    "uid": QT_TRANSLATE_NOOP("ImportWizard", "Calendar id"),
}


def t(marked: object) -> str:
    """A label marked with ``QT_TRANSLATE_NOOP("ImportWizard", ...)`` above, translated."""
    return translate("ImportWizard", str(marked))


def field_label(field: str, fallback: str) -> str:
    marked = FIELD_LABELS.get(field)
    return t(marked) if marked is not None else fallback


def kind_label(kind: str) -> str:
    marked = KIND_LABELS.get(kind)
    return t(marked) if marked is not None else kind


def heading_style(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label




def source_label(source: str) -> str:
    label = SOURCE_LABELS.get(source)
    return t(label) if label else source.replace("_", " ").capitalize()


def action_label(action: str) -> str:
    for prefix, template in ACTION_PREFIXES:
        if action.startswith(prefix):
            return t(template).format(rest=action.removeprefix(prefix))
    label = ACTION_LABELS.get(action)
    return t(label) if label else sentence(action)


def column_samples(plan: ImportPlan, per_column: int) -> dict[str, list[str]]:
    """A few different non-empty values of each column, to recognise what it holds.

    The plan keeps the rows it read (``_records``, or ``_events`` for a calendar); the
    service has no public accessor for them yet, so this reads them without a copy.
    """
    samples: dict[str, list[str]] = {header: [] for header in plan.headers}
    if plan.kind == "calendar" and not plan._records:  # an .ics file: its events
        records: list[dict[str, str]] = [
            {h: str(getattr(event, h, "") or "") for h in plan.headers}
            for event in plan._events[:200]
        ]
    else:
        records = [record for _line, record in plan._records[:200]]
    for record in records:
        for header, found in samples.items():
            value = " ".join(str(record.get(header) or "").split())
            if value and len(found) < per_column and value not in found:
                found.append(value[:60])
    return samples


def problem_lines(problems: Sequence[RowProblem], limit: int) -> list[str]:
    """'Row 4: 'abc' is not a date' for the first ``limit`` problems, then how many more."""
    lines = [
        tr("Row {row}: {message}").format(row=p.row, message=sentence(p.message))
        for p in problems[:limit]
    ]
    if len(problems) > limit:
        lines.append(tr("…and {n} more.").format(n=len(problems) - limit))
    return lines


