"""Write email drafts as ``.eml`` files (RFC 5322, UTF-8) that any mail client opens.

Organisers work offline: the app writes each letter of introduction as a draft into an
outbox folder, and a mail client sends them when there is a connection. ``X-Unsent: 1``
makes Outlook open the file as a draft to send; Thunderbird and Apple Mail open it too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.domain.files import write_atomic


@dataclass(frozen=True, slots=True)
class Draft:
    to_name: str
    to_address: str
    from_name: str
    from_address: str
    subject: str
    body: str
    date: datetime  # aware


def _address(name: str, address: str, role: str) -> Address:
    local, at, domain = address.strip().rpartition("@")
    if not at or not local or not domain:
        raise ValidationError(f"{role}: '{address}' is not an email address")
    # Header names are one line; a stray newline would start a new header.
    clean_name = " ".join(name.split())
    try:
        return Address(display_name=clean_name, username=local, domain=domain)
    except (ValueError, IndexError) as exc:
        raise ValidationError(f"{role}: '{address}' is not an email address ({exc})") from None


def build_message(draft: Draft) -> bytes:
    """The draft as RFC 5322 bytes: UTF-8 text, encoded headers, CRLF line ends."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = _address(draft.from_name, draft.from_address, "from")
    message["To"] = _address(draft.to_name, draft.to_address, "to")
    message["Subject"] = " ".join(draft.subject.split())
    message["Date"] = format_datetime(draft.date)
    message["Message-ID"] = make_msgid(domain=draft.from_address.rpartition("@")[2])
    message["X-Unsent"] = "1"
    message.set_content(draft.body, subtype="plain", charset="utf-8", cte="quoted-printable")
    return message.as_bytes()


def safe_filename(text: str, limit: int = 60) -> str:
    """A file name from a person's or organisation's name, on every file system."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return slug[:limit].rstrip("-") or "draft"


def write_draft(folder: Path, stem: str, data: bytes) -> Path:
    """Write ``<stem>.eml`` into ``folder`` (``-2``, ``-3``... when taken), atomically."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.eml"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.eml"
        n += 1
    return write_atomic(path, data)
