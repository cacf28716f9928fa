"""The plain types every import step passes around: the plan, preview rows, the report."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.interop.calendar import CalendarEvent


@dataclass
class ImportPlan:
    """What a file holds and how its columns map; the wizard edits ``mapping``."""

    path: Path
    kind: str  # "people" | "attendees" | "organisations" | "calendar"
    # detected source, e.g. "google_new", "outlook", "salesforce", "vcard", "ical",
    # "calendar_csv" (a calendar exported as a table)
    source: str
    headers: list[str]  # column names (for vCards: the fields found)
    mapping: dict[str, str]  # column -> target field ("" = ignore)
    row_count: int
    warnings: list[str]
    event_id: str | None = None
    format: str = "csv"  # "csv" | "xlsx" | "vcard" | "calendar"
    _records: list[tuple[int, dict[str, str]]] = field(
        default_factory=list, repr=False, compare=False)
    _bad_lines: dict[int, str] = field(default_factory=dict, repr=False, compare=False)
    _events: list[CalendarEvent] = field(default_factory=list, repr=False, compare=False)
    # True when ``_records`` holds only the file's first rows: the import streams the file.
    _streamed: bool = field(default=False, repr=False, compare=False)


@dataclass
class PreviewRow:
    row: int
    values: dict[str, str]  # as they will be stored
    action: str  # "create" | "update <name>" | "possible duplicate of <name>" | "skip" | ...
    problems: list[str]


@dataclass
class RowProblem:
    row: int
    message: str


@dataclass
class ImportReport:
    """What an import did (or, for a dry run or a refusal, would do).

    ``skipped``: rows left out and why. ``errors``: rows that cannot be understood; only
    filled when they stopped the import (``on_bad_rows="cancel"``). ``warnings``: values
    left out of rows that were imported (e.g. a phone with no area code).
    """

    created: int
    updated: int
    merged: int
    queued_duplicates: int
    skipped: list[RowProblem]
    errors: list[RowProblem]
    dry_run: bool
    unchanged: int = 0
    total_rows: int = 0
    organisations_created: int = 0
    sign_ins_created: int = 0
    rsvps_added: int = 0
    consents_recorded: int = 0
    warnings: list[RowProblem] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        def rows(items: list[RowProblem]) -> list[dict[str, Any]]:
            return [{"row": p.row, "message": p.message} for p in items]

        return {
            "created": self.created, "updated": self.updated, "merged": self.merged,
            "queued_duplicates": self.queued_duplicates, "unchanged": self.unchanged,
            "skipped": rows(self.skipped), "errors": rows(self.errors),
            "warnings": rows(self.warnings), "dry_run": self.dry_run,
            "total_rows": self.total_rows,
            "organisations_created": self.organisations_created,
            "sign_ins_created": self.sign_ins_created,
            "rsvps_added": self.rsvps_added,
            "consents_recorded": self.consents_recorded,
        }


class BadRowsError(ValidationError):
    """Rows cannot be understood and the caller chose to cancel; nothing was written."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        first = report.errors[0] if report.errors else None
        detail = f"; first: row {first.row}: {first.message}" if first else ""
        super().__init__(
            f"{len(report.errors)} row(s) cannot be understood{detail}. Nothing was "
            "imported: fix the file, or choose to skip those rows"
        )


_QUOTED = re.compile(r"'[^']*'")


def _reason(message: str) -> str:
    """A message with its row's own values taken out, so alike problems group together."""
    return _QUOTED.sub("'…'", message)


def summarise(problems: Sequence[RowProblem], limit: int = 20) -> list[str]:
    """At most ``limit`` lines for a person to read: repeated reasons grouped with their
    count and first rows, then a count of what is not shown (the full list goes to
    :func:`write_report`)."""
    groups: dict[str, list[RowProblem]] = {}
    for problem in problems:
        groups.setdefault(_reason(problem.message), []).append(problem)
    lines: list[str] = []
    shown = 0
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[1][0].row))
    for reason, items in ordered:
        if len(lines) >= limit:
            break
        if len(items) == 1:
            lines.append(f"row {items[0].row}: {items[0].message}")
        else:
            first = ", ".join(str(p.row) for p in items[:3])
            more = ", …" if len(items) > 3 else ""
            hint = (" — is this a contact list?" if "empty once mapped" in reason
                    and len(items) * 2 > len(problems) else "")
            lines.append(f"{len(items):,} rows ({first}{more}): {reason}{hint}")
        shown += len(items)
    if shown < len(problems):
        lines.append(f"… and {len(problems) - shown:,} more rows")
    return lines


def write_report(report: ImportReport, out: Path) -> int:
    """Write every problem of ``report`` to ``out`` as CSV (row, what, message); returns how
    many lines were written."""
    from saypro_desktop.domain.files import write_atomic
    from saypro_desktop.interop.delimited.writing import write_csv

    seen: set[tuple[int, str]] = set()
    body = []
    for kind, items in (("refused", report.errors), ("skipped", report.skipped),
                        ("value left out", report.warnings)):
        for problem in items:
            if (problem.row, problem.message) not in seen:  # a refusal lists its rows twice
                seen.add((problem.row, problem.message))
                body.append([problem.row, kind, problem.message])
    write_atomic(Path(out), write_csv(["Row", "What", "Message"], body))
    return len(body)
