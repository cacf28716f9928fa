"""XLSX and iCalendar writers, checked by reading their output back."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.interop.calendar import Attendee, CalendarEvent, read_calendar, write_calendar
from saypro_desktop.interop.spreadsheet import cell_text, read_xlsx, write_xlsx


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (6175556666, "6175556666"),
        (27821234567.0, "27821234567"),
        (2.7821234567e11, "278212345670"),
        (1.5, "1.5"),
        (dt.datetime(2018, 8, 19), "2018-08-19"),
        (dt.datetime(2018, 8, 19, 9, 30), "2018-08-19T09:30:00"),
        (True, "TRUE"),
        (None, ""),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


def _book(fill: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Flag", "Total"])
    sheet.append(["Ann", fill, "=SUM(1,2)"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_formula_without_saved_value_is_reported() -> None:
    table = read_xlsx(_book("=TRUE()"))
    assert table.rows == [["Ann", "TRUE", ""]]
    assert any("=SUM(1,2)" in w and "C2" in w for w in table.warnings)


def test_not_a_workbook() -> None:
    with pytest.raises(ValidationError):
        read_xlsx(b"not a zip")


_cell = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(_cell, min_size=2, max_size=2).filter(
    lambda r: any(c.strip() for c in r)), max_size=4))
def test_xlsx_round_trip_keeps_text(rows: list[list[str]]) -> None:
    table = read_xlsx(write_xlsx(["Name", "Phone"], rows), header_line=1)
    assert table.headers == ["Name", "Phone"]
    assert table.rows == rows


def test_xlsx_writer_keeps_leading_zeros_and_formula_text() -> None:
    table = read_xlsx(write_xlsx(["Phone", "Danger"], [["0821234567", "=1+1"]]))
    assert table.rows == [["0821234567", "=1+1"]]
    assert table.warnings == []


def test_calendar_round_trip() -> None:
    event = CalendarEvent(
        uid="abc@saypro", title="Town hall, Ward 5; bring signs",
        starts_at=dt.datetime(2025, 3, 1, 18, 0, tzinfo=ZoneInfo("Africa/Johannesburg")),
        ends_at=dt.datetime(2025, 3, 1, 20, 0, tzinfo=ZoneInfo("Africa/Johannesburg")),
        location="Hall\nMain Rd", description="Agenda: Ñ, ü, 名",
        organizer=Attendee("Lee, Ann", "ann@example.org"),
        attendees=[Attendee("Bo", "bo@example.org")],
    )
    (back,) = read_calendar(write_calendar([event]))
    assert back.uid == event.uid
    assert back.title == event.title
    assert back.starts_at == event.starts_at
    assert back.starts_at is not None and back.starts_at.utcoffset() == dt.timedelta(hours=2)
    assert back.ends_at == event.ends_at
    assert back.location == event.location
    assert back.description == event.description
    assert back.organizer == event.organizer
    assert back.attendees == event.attendees


def test_all_day_event_round_trip() -> None:
    event = CalendarEvent(title="Rally", starts_at=dt.datetime(2025, 6, 16), all_day=True)
    (back,) = read_calendar(write_calendar([event]))
    assert back.all_day
    assert back.starts_at == dt.datetime(2025, 6, 16)


def test_not_a_calendar() -> None:
    with pytest.raises(ValidationError):
        read_calendar(b"\x00\x01 definitely not ics")


def _ics(*event_lines: str) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "UID:e1@example.org",
             *event_lines, "END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(lines).encode()


def test_start_in_year_9999_is_a_clear_warning_not_an_overflow() -> None:
    (event,) = read_calendar(_ics("SUMMARY:Far", "DTSTART:99991231T235959Z"))
    assert event.starts_at is None
    assert event.warnings == ["DTSTART 9999-12-31T23:59:59+00:00 is outside the years "
                              "1900-2200; fix the date in the calendar and import again"]


def test_long_descriptions_are_capped_like_peoples_notes() -> None:
    from saypro_desktop.domain.people import MAX_NOTES

    (event,) = read_calendar(_ics("SUMMARY:Long", "DTSTART:20250101T090000Z",
                                  "DESCRIPTION:" + "x" * (MAX_NOTES + 5_000)))
    assert len(event.description) == MAX_NOTES
    assert any(f"DESCRIPTION is {MAX_NOTES + 5_000:,} characters" in w for w in event.warnings)


def test_control_characters_in_event_text_are_removed() -> None:
    (event,) = read_calendar(_ics("SUMMARY:Stand\x1b]0;owned\x07up", "DTSTART:20250101T090000Z"))
    assert event.title == "Stand]0;ownedup"


def test_too_many_repeat_dates_are_refused() -> None:
    from saypro_desktop.interop.limits import LimitExceededError, ReadLimits

    dates = ",".join(f"2025{m:02d}{d:02d}T090000Z" for m in range(1, 13) for d in range(1, 28))
    data = _ics("SUMMARY:Often", "DTSTART:20250101T090000Z", f"RDATE:{dates}")
    assert len(read_calendar(data)) == 1
    with pytest.raises(LimitExceededError, match="repeat dates limit of 100"):
        read_calendar(data, limits=ReadLimits(recurrences=100))


def test_xlsx_rows_ending_in_empty_cells_are_padded_without_warnings() -> None:
    data = write_xlsx(["First", "Last", "Email", "Notes"],
                      [["Ann", "Lee", "", ""], ["Bo", "", "", ""], ["Cy", "Kim", "c@x.org", "n"]])
    table = read_xlsx(data)
    assert table.rows == [["Ann", "Lee", "", ""], ["Bo", "", "", ""],
                          ["Cy", "Kim", "c@x.org", "n"]]
    assert table.warnings == []
