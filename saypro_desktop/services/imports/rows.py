"""Reading a planned file's rows into person fields, consents and problems."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from saypro_desktop.domain.people import (
    display_name,
)
from saypro_desktop.interop.delimited import open_delimited
from saypro_desktop.interop.mapping import (
    apply_mapping,
)
from saypro_desktop.interop.normalise import (
    NormalisedPerson,
    normalise_date,
    normalise_person,
)
from saypro_desktop.services.imports.model import ImportPlan
from saypro_desktop.services.imports.plan import (
    plan_calendar,
    plan_table,
    plan_vcards,
    read_import_file,
    sniff_format,
)
from saypro_desktop.services.imports.vocabulary import (
    _EXTRA_NOTES,
    CONSENT_TARGETS,
    FORMULA_MARKS,
    NO_WORDS,
    YES_WORDS,
)

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass
class Row:
    number: int
    fields: dict[str, str]  # person fields as stored (PERSON_FIELDS keys)
    organisation: str | None
    consents: dict[str, tuple[str, dt.datetime | None]]
    extras: dict[str, str]
    problems: list[str]  # values left out (severity "error")
    fixes: list[str]
    bad: str | None = None

    @property
    def name(self) -> str:
        if not self.fields.get("first_name") and not self.fields.get("last_name"):
            return self.fields.get("email") or self.fields.get("phone") or display_name(None, None)
        return display_name(self.fields.get("first_name"), self.fields.get("last_name"))

    @property
    def saypro_id(self) -> str | None:
        """The person's id when the file is a SayPro export (its "SayPro ID" column)."""
        text = (self.extras.get("saypro_id") or "").strip().lower()
        return text if _UUID.fullmatch(text) else None


def _consent_value(target: str, text: str) -> tuple[str, dt.datetime | None] | None:
    how = CONSENT_TARGETS[target][1]
    key = "".join(ch for ch in text.casefold() if ch.isalnum())
    if how == "refusal":
        # "Do not call: yes" withdraws consent; "no" says nothing about it either way.
        if key in YES_WORDS:
            return ("withdrawn", None)
        return ("unknown", None) if key in NO_WORDS else None
    if key in YES_WORDS:
        return ("given", None)
    if key in NO_WORDS:
        return ("withdrawn", None)
    iso, problems = normalise_date(text)
    if iso and not problems and not iso.startswith("--"):
        match = re.search(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", text)
        day = dt.date.fromisoformat(iso)
        moment = dt.datetime(day.year, day.month, day.day)
        if match:
            moment = moment.replace(hour=int(match.group(1)) % 24, minute=int(match.group(2)))
        return ("given", moment)
    return None


def _read_row(number: int, record: Mapping[str, str], mapping: Mapping[str, str],
              bad_line: str | None) -> Row:
    person_map = {c: t for c, t in mapping.items() if t and t not in CONSENT_TARGETS}
    # A spreadsheet's "this is text" apostrophe (ours on export, Excel's on '=...): drop it.
    record = {k: v[1:] if v[:1] == "'" and v[1:2] in FORMULA_MARKS else v
              for k, v in record.items()}
    raw = apply_mapping(person_map, record)
    result: NormalisedPerson = normalise_person(raw)
    fields = dict(result.person)
    notes = [f"{label}: {result.extras[key]}" for key, label in _EXTRA_NOTES
             if result.extras.get(key)]
    if notes:
        fields["notes"] = "\n".join([*([fields["notes"]] if fields.get("notes") else []),
                                     *notes])
    consents: dict[str, tuple[str, dt.datetime | None]] = {}
    problems = [p.message for p in result.problems if p.severity == "error"]
    for column, target in mapping.items():
        if target in CONSENT_TARGETS and (value := (record.get(column) or "").strip()):
            parsed = _consent_value(target, value)
            channel = CONSENT_TARGETS[target][0]
            if parsed is None:
                problems.append(f"{column}: '{value}' is not a yes/no answer (consent left out)")
            elif parsed[0] == "unknown":
                continue
            elif channel not in consents or parsed[0] == "withdrawn":
                consents[channel] = parsed
    row = Row(number, fields, result.extras.get("organisation_name"), consents,
               result.extras, problems,
               [p.message for p in result.problems if p.severity == "fixed"])
    if bad_line:
        row.bad = bad_line
    elif not any(fields.get(k) for k in ("first_name", "last_name", "email", "phone")):
        # An email or a phone alone is a person (a mailing list, a phone's contacts): they
        # are shown by it until someone adds the name.
        has_data = fields or row.organisation or consents
        row.bad = ("no name, email or phone: a person needs one of them" if has_data
                   else "the row is empty once mapped: no name, email or phone")
    return row


def planned_rows(plan: ImportPlan, limit: int | None = None) -> Iterable[Row]:
    """The plan's rows as person fields, one at a time. A streamed plan (a CSV contact
    list) reads its file again as it goes, so only the row at hand is held."""
    records: Iterable[tuple[int, dict[str, str]]] = plan._records
    if plan._streamed and (limit is None or limit > len(plan._records)):
        records = _stream_records(plan)
    elif not plan._records and plan.kind != "calendar":
        fresh = plan_import_again(plan)
        plan._bad_lines = fresh._bad_lines
        if fresh._streamed:
            plan._streamed, plan._records = True, fresh._records
            records = _stream_records(plan)
        else:
            records = plan._records = fresh._records
    for index, (number, record) in enumerate(records):
        if limit is not None and index >= limit:
            return
        yield _read_row(number, record, plan.mapping, plan._bad_lines.get(number))


def _stream_records(plan: ImportPlan) -> Iterator[tuple[int, dict[str, str]]]:
    stream = open_delimited(Path(plan.path))
    yield from stream.records()


def plan_import_again(plan: ImportPlan) -> ImportPlan:
    """Re-read a plan's file (a plan built by hand or passed between processes)."""
    data = read_import_file(Path(plan.path))
    fmt = sniff_format(plan.path, data)
    if fmt == "vcard":
        return plan_vcards(plan.path, data, plan.kind)
    if fmt == "calendar":
        return plan_calendar(plan.path, data)
    return plan_table(plan.path, data, fmt, plan.kind)
