"""Guessing a delimited file's dialect: which delimiter it uses, and which row is the
header (preamble lines such as "Exported by ... on ..." come before it)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from saypro_desktop.interop.delimited.records import is_blank, parse_records

CANDIDATE_DELIMITERS: tuple[str, ...] = (",", ";", "\t", "|")
SNIFF_CHARS = 64_000
_SNIFF_RECORDS = 60
_HEADER_SCAN = 20
_HEADER_WORDS = re.compile(
    r"e-?mail|first|last|name|phone|mobile|address|city|zip|postal|company|"
    r"organi[sz]ation|title|vorname|nachname|betreff",
    re.IGNORECASE,
)


def sniff_delimiter(text: str) -> str:
    """Pick the candidate delimiter that gives the most rows of one consistent width.

    Parsing is quote-aware, so a ``;`` inside a quoted Mailchimp TAGS cell or a ``|``
    inside an Event Espresso answer does not count. Ties go to the earlier candidate
    (comma first), which is right for the common case of a one-column file.
    """
    sample = text[:SNIFF_CHARS]
    best = ","
    best_score: tuple[bool, float] = (False, 0.0)
    for delimiter in CANDIDATE_DELIMITERS:
        if delimiter not in sample:
            continue
        widths = [
            len(cells)
            for _, cells, _ in parse_records(sample, delimiter)[:_SNIFF_RECORDS]
            if not is_blank(cells)
        ]
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        if width < 2:
            continue
        # The first row is usually the header, and the header has the table's width: a
        # delimiter that gives ``Name,Email,Phone`` one cell and the rows below it five
        # (``"",;;,;;``) loses to one that gives every row three. After that, more rows
        # of one width win, weighted by how consistent the widths are.
        score = (widths[0] == width, width * count * count / len(widths))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def detect_header(records: list[tuple[int, list[str], bool]]) -> int:
    """Index of the header record among ``records`` (blank records already removed).

    Preamble lines ("Exported by ... on ...") are narrower than the table or mostly
    empty, so the header is the first row at least half as wide as the table with two
    filled cells. If that row names no familiar contact column but a later row names
    three, the later row is the header (a preamble written as a wide key/value row).
    """
    scan = records[:_HEADER_SCAN]
    if not scan:
        return 0
    widths = Counter(len(cells) for _, cells, _ in records[: _SNIFF_RECORDS * 2])
    modal = widths.most_common(1)[0][0]

    def hits(cells: Sequence[str]) -> int:
        return sum(1 for c in cells if c.strip() and _HEADER_WORDS.search(c))

    candidate = 0
    for index, (_, cells, _) in enumerate(scan):
        filled = sum(1 for c in cells if c.strip())
        if modal < 2 or (filled >= 2 and len(cells) >= modal * 0.5):
            candidate = index
            break
    if hits(scan[candidate][1]) == 0:
        for index in range(candidate + 1, len(scan)):
            cells = scan[index][1]
            if hits(cells) >= 3 and len(cells) >= modal * 0.8:
                return index
    return candidate
