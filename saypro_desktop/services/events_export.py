"""Export who came to an event as CSV or XLSX, for colleagues' spreadsheets.

Formula-looking cells are neutralised and the file is written beside its target and renamed,
as every export is (services.exports).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from saypro_desktop.domain.files import write_atomic
from saypro_desktop.domain.people import format_phone
from saypro_desktop.interop.delimited.writing import write_csv
from saypro_desktop.interop.spreadsheet import write_xlsx
from saypro_desktop.services.events_signin import CONSENT_LABELS
from saypro_desktop.services.exports import _check_format
from saypro_desktop.services.written_files import note_written_file

if TYPE_CHECKING:
    from saypro_desktop.services.events import EventsService

HEADERS = ["First name", "Last name", "Email", "Phone", "Area", "Organisation", "Signed in at",
           "Walk-in", "How", "Desk", "Taken by", "Consents given", "Signed the petition"]


def export_attendance(events: EventsService, event_id: str, out: Path,
                      fmt: str | None = None) -> int:
    """Write the event's attendance to ``out`` (format from ``fmt`` or the file's ending);
    returns the rows written."""
    out = Path(out)
    fmt = _check_format(fmt or out.suffix or "csv", ("csv", "xlsx"))
    events.get_event(event_id)  # a clear message for an unknown event
    rows: list[list[Any]] = [
        [r.first_name, r.last_name, r.email, format_phone(r.phone) or None, r.area,
         r.organisation, r.signed_in_at.strftime("%Y-%m-%d %H:%M"),
         "yes" if r.walk_in else "no", r.source_label, r.desk, r.taken_by,
         ", ".join(CONSENT_LABELS.get(c, c) for c in r.consents),
         "yes" if r.signed_petition else "no"]
        for r in events.signin.attendance(event_id)
    ]
    data = (write_csv(HEADERS, rows) if fmt == "csv"
            else write_xlsx(HEADERS, rows, title="Attendance"))
    write_atomic(out, data)
    note_written_file(events.db, out, "event attendance export")  # an erasure lists it
    return len(rows)
