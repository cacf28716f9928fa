"""Import contact lists, attendee lists and calendars: plan, preview, run, report.

The wizard and ``saypro import`` share these steps: :func:`plan_import` reads the file
and proposes a column mapping (the person may correct it and :func:`save_mapping` it);
:func:`preview` shows the first rows as they will be stored and what will happen to
each; :func:`run_import` writes everything in one :class:`UnitOfWork` (all rows or
none) and returns an :class:`ImportReport`.

Deduplication never makes a silent second copy, and never silently fuses two people:

* Rows of one file with the same email or phone, or the same full name at the same
  organisation (with no contradicting email or phone), become one person. Their names
  must agree (equal, one a prefix of the other, or a near spelling): a household phone
  shared by "Larry Foster" and "Kori Ranbelsi" keeps two people, queued as a possible
  duplicate pair instead.
* A row matching a person already here by email or phone (names agreeing), or by exact
  name at the same organisation with no contradicting details, updates that person's
  *empty* fields only; what organisers typed is never overwritten. No change, no
  "updated": importing a file twice creates and updates nothing.
* A name within rapidfuzz ratio 92 of someone at the same organisation, or a shared
  email/phone under a different name, creates the person and queues the pair in
  ``duplicate_candidates`` for an organiser to merge or dismiss.

Consent columns become :class:`Consent` rows for people who have none for that channel:
``consent_<channel>`` columns (yes/true/1/given/subscribed -> given; no/false/0/
withdrawn/unsubscribed -> withdrawn; a date -> given on that date), Mailchimp's
``OPTIN_TIME`` -> email given at that time, and ``do_not_call``/``do_not_email`` true ->
that channel withdrawn (false says nothing about consent, so it records nothing).

Organisation lists (``kind="organisations"``, e.g. a Salesforce Account extract, which a
people import recognises and switches to) become :class:`Organisation` rows. The same
name (ignoring case and spacing) is the same organisation unless the two disagree on
city, phone, email or website (two branches, or two names a lossy export turned into
"????"); a match gets only its *empty* fields filled, so importing twice adds nothing.

Calendar exports as CSV (Outlook's "Subject, Start Date, Start Time, ..." in English or
German, Google Calendar's import format) become meetings like the events of an .ics
file, with the same stable id (title and start), so a second import adds nothing.
"""

from __future__ import annotations

from saypro_desktop.services.imports.mappings import list_mappings, save_mapping
from saypro_desktop.services.imports.model import (
    BadRowsError,
    ImportPlan,
    ImportReport,
    PreviewRow,
    RowProblem,
    summarise,
    write_report,
)
from saypro_desktop.services.imports.people import preview, run_import
from saypro_desktop.services.imports.plan import plan_import
from saypro_desktop.services.imports.rows import plan_import_again
from saypro_desktop.services.imports.vocabulary import KINDS, target_fields

__all__ = [
    "KINDS",
    "BadRowsError",
    "ImportPlan",
    "ImportReport",
    "PreviewRow",
    "RowProblem",
    "list_mappings",
    "plan_import",
    "plan_import_again",
    "preview",
    "run_import",
    "save_mapping",
    "summarise",
    "target_fields",
    "write_report",
]
