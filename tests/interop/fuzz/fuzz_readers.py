"""Coverage-guided fuzzing of each file reader with atheris (libFuzzer).

Run as ``python tests/interop/fuzz/fuzz_readers.py READER CORPUS_DIR [libFuzzer flags]``
with READER one of ``csv``, ``vcard``, ``xlsx``, ``ics``. Every input must end in a
result or a :class:`ValidationError` (which includes every cap); any other exception is a
crash that libFuzzer reports with the input that caused it. The caps are set small so
the fuzzer reaches them, and libFuzzer's ``-timeout`` and ``-rss_limit_mb`` bound each
input's time and memory.
"""

from __future__ import annotations

import contextlib
import sys
import warnings

import atheris

with atheris.instrument_imports(include=["saypro_desktop"]):
    from saypro_desktop.domain.errors import ValidationError
    from saypro_desktop.interop import calendar, delimited, mapping, normalise, spreadsheet, vcard
    from saypro_desktop.interop.limits import ReadLimits

LIMITS = ReadLimits(file_bytes=1 << 20, decompressed_bytes=8 << 20, rows=2_000, columns=200,
                    cells=50_000, field_chars=20_000, line_chars=100_000, cards=2_000,
                    events=2_000, recurrences=500, calendar_bytes=1 << 20)


def read_csv(data: bytes) -> None:
    stream = delimited.open_delimited(data, limits=LIMITS)
    proposal = mapping.propose_mapping(stream.headers)
    for _, record in stream.records():
        normalise.normalise_person(mapping.apply_mapping(proposal, record))


def read_vcard(data: bytes) -> None:
    for card in vcard.iter_vcards(data, limits=LIMITS):
        normalise.normalise_person(mapping.card_to_person(card))


def read_xlsx(data: bytes) -> None:
    for _ in spreadsheet.open_xlsx(data, limits=LIMITS).rows():
        pass


def read_ics(data: bytes) -> None:
    for _ in calendar.iter_calendar(data, limits=LIMITS):
        pass


READERS = {"csv": read_csv, "vcard": read_vcard, "xlsx": read_xlsx, "ics": read_ics}


def main() -> None:
    reader = READERS[sys.argv.pop(1)]
    warnings.simplefilter("ignore")  # openpyxl warns about odd styles; not a failure

    def one_input(data: bytes) -> None:
        with contextlib.suppress(ValidationError):
            reader(data)

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
