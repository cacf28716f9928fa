"""How the CLI prints: JSON for scripts (an array of objects, or one object), and text that
cannot play tricks on a terminal.

Stored text can come from anyone (an imported file, another laptop's bundle), so nothing
the CLI prints may carry raw escape sequences (``ESC ] 0 ; ... BEL`` retitles a terminal,
U+202E reverses what follows). :class:`SafeStream` shows every unprintable character as a
visible escape (``\\x1b``); JSON escapes them the JSON way (``\\u001b``), so a script that
parses the output still gets the stored value exactly.
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from saypro_desktop.domain.text import terminal_safe


def emit_json(data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write(json_safe(text) + "\n")


def json_safe(text: str) -> str:
    """JSON text with every unprintable character as a ``\\uXXXX`` escape (they can only
    stand inside strings, where the escape means the same character)."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable() or ch == "\n":
            out.append(ch)
        elif ord(ch) > 0xFFFF:  # a surrogate pair, the way JSON writes one
            code = ord(ch) - 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{ord(ch):04x}")
    return "".join(out)


class SafeStream:
    """A text stream that writes through :func:`terminal_safe` (newlines and tabs kept)."""

    def __init__(self, inner: TextIO) -> None:
        self._inner = inner

    def write(self, text: str) -> int:
        self._inner.write(terminal_safe(text, keep_newlines=True))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)
