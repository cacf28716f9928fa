"""Every reader, fed mangled real files, ends in a result or a typed error, in budget.

With ``atheris`` installed, each reader is fuzzed coverage-guided for a bounded time
(``SAYPRO_FUZZ_SECONDS``, default 5 s per reader) in a child process, seeded from the
real export files; libFuzzer's ``-timeout`` and ``-rss_limit_mb`` and an address-space
``setrlimit`` bound each input. The Hypothesis test below mutates the same seeds and
runs everywhere (derandomised in CI).
"""

from __future__ import annotations

import importlib.util
import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saypro_desktop.domain.errors import ValidationError

HARNESS = Path(__file__).parent / "fuzz" / "fuzz_readers.py"
SEEDS = {"csv": ("contacts_csv", "organizing", "events", "organizations"),
         "vcard": ("vcard",), "xlsx": ("xlsx",), "ics": ("icalendar",)}
SECONDS = int(os.environ.get("SAYPRO_FUZZ_SECONDS", "5"))
RSS_MB = 300


def _limit_address_space() -> None:
    # A backstop beyond libFuzzer's own RSS check (which it applies per input).
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


@pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="atheris not installed")
@pytest.mark.parametrize("reader", sorted(SEEDS))
def test_fuzz_reader_with_atheris(reader: str, realworld_dir: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for folder in SEEDS[reader]:
        for seed in (realworld_dir / folder).iterdir():
            shutil.copy(seed, corpus / seed.name)
    done = subprocess.run(
        [sys.executable, str(HARNESS), reader, str(corpus), f"-max_total_time={SECONDS}",
         "-timeout=5", f"-rss_limit_mb={RSS_MB}", f"-artifact_prefix={tmp_path}/",
         "-max_len=262144"],
        capture_output=True, text=True, timeout=SECONDS + 120, preexec_fn=_limit_address_space,
        cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-4000:]
    assert "DONE" in done.stderr


def _readers() -> dict[str, Callable[[bytes], object]]:
    from saypro_desktop.interop import calendar, delimited, spreadsheet, vcard
    from saypro_desktop.interop.limits import ReadLimits

    small = ReadLimits(file_bytes=1 << 20, decompressed_bytes=8 << 20, rows=500, columns=100,
                       field_chars=5_000, line_chars=20_000, cards=500, events=500)
    return {
        "csv": lambda d: delimited.read_delimited(d, limits=small),
        "vcard": lambda d: vcard.read_vcards(d, limits=small),
        "xlsx": lambda d: spreadsheet.read_xlsx(d, limits=small),
        "ics": lambda d: calendar.read_calendar(d, limits=small),
    }


def _seeds() -> list[tuple[str, bytes]]:
    from tests.interop.conftest import REALWORLD

    found = []
    for reader, folders in SEEDS.items():
        for folder in folders:
            path = REALWORLD / folder
            if path.is_dir():
                found += [(reader, seed.read_bytes()[:20_000]) for seed in sorted(path.iterdir())]
    return found or [("csv", b"First,Email\nAnn,ann@example.org\n")]


_SEED_LIST = _seeds()


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(seed=st.sampled_from(_SEED_LIST),
       edits=st.lists(st.tuples(st.integers(0, 20_000), st.integers(0, 64),
                                st.binary(max_size=16)), max_size=6))
def test_mangled_real_files_end_in_a_result_or_a_typed_error(
    seed: tuple[str, bytes], edits: list[tuple[int, int, bytes]],
) -> None:
    reader, data = seed
    for at, cut, insert in edits:
        at %= len(data) + 1
        data = data[:at] + insert + data[at + cut:]
    try:
        _readers()[reader](data)
    except ValidationError as exc:
        assert str(exc) and "\n" not in str(exc)


def test_a_repeated_dtstart_uses_the_first() -> None:
    from saypro_desktop.interop.calendar import read_calendar

    (event,) = read_calendar(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Twice\r\n"
                             b"DTSTART:20250101T090000Z\r\nDTSTART:20250102T090000Z\r\n"
                             b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    assert event.starts_at is not None and event.starts_at.day == 1
    assert "DTSTART is given 2 times; the first is used" in event.warnings


def test_a_truncated_workbook_is_a_typed_error() -> None:
    from saypro_desktop.interop.spreadsheet import read_xlsx, write_xlsx

    data = write_xlsx(["First"], [["Ann"]] * 50)
    for cut in (len(data) // 3, len(data) // 2, len(data) - 30):
        with pytest.raises(ValidationError, match=r"not an \.xlsx workbook we can read"):
            read_xlsx(data[:cut] + b"\0" * 40 + data[cut + 40:])
