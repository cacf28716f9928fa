"""File names that work on every system, and writes that never leave half a file."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from saypro_desktop.domain.errors import SayProError
from saypro_desktop.domain.files import write_atomic

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
MAX_STEM = 100


def safe_stem(name: str, fallback: str = "document") -> str:
    """A file name stem from a partner's name, safe on Windows, macOS and Linux."""
    text = unicodedata.normalize("NFC", name)
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C")
    text = _FORBIDDEN.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip().rstrip(". ")
    if len(text) > MAX_STEM:
        text = text[:MAX_STEM].rstrip(". ")
    if not text or text.upper().split(".")[0] in _RESERVED:
        text = f"{text or fallback} file" if text else fallback
    return text


def unique_path(folder: Path, stem: str, suffix: str, taken: set[str]) -> Path:
    """``folder/stem.suffix``, or ``stem (2).suffix``... if already used in this batch."""
    candidate = f"{stem}{suffix}"
    number = 2
    while candidate.lower() in taken:
        candidate = f"{stem} ({number}){suffix}"
        number += 1
    taken.add(candidate.lower())
    return folder / candidate


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary name beside ``path``, then rename: all or nothing."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except OSError as error:
        raise SayProError(f"could not write {path.name}: {error.strerror or error}; "
                          "nothing was saved") from error
