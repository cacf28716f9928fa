"""Organisations that may be the one being typed: similar name (fuzzy, accent- and
case-insensitive), the same email or the same phone.

The names are read once and kept until a write touches organisations, so asking on
every keystroke costs a rapidfuzz pass over a few thousand short strings (milliseconds).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select

from saypro_desktop.db.engine import Database, raw_rows
from saypro_desktop.db.models import Organisation
from saypro_desktop.domain.changes import ChangeSet
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.domain.organisations import clean_org_phone
from saypro_desktop.domain.people import clean_email

NAME_CUTOFF = 86.0
# Words that say what kind of body it is, not which one: "The Soweto Food Bank NPC" and
# "Soweto Food Bank" are the same organisation.
_NOISE = frozenset({"the", "of", "and", "for", "npc", "npo", "ngo", "pty", "ltd", "inc",
                    "trust", "sa", "za", "south", "africa", "african"})
_NON_WORD = re.compile(r"[^\w\s]+")


def fold(text: str | None) -> str:
    """Lower case, accents and punctuation removed, noise words dropped."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    words = _NON_WORD.sub(" ", plain).split()
    kept = [w for w in words if w not in _NOISE]
    return " ".join(kept or words)


def _email_key(email: str | None) -> str:
    try:
        cleaned = clean_email(email)
    except ValidationError:
        return ""
    return (cleaned or "").casefold()


def _phone_key(phone: str | None) -> str:
    stored = clean_org_phone(phone) if phone else None
    return re.sub(r"\D", "", stored or "")


@dataclass(frozen=True, slots=True)
class OrganisationMatch:
    id: str
    name: str
    city: str | None
    score: float  # 0-100
    reasons: tuple[str, ...]  # "similar name", "same email", "same phone"

    @property
    def reason(self) -> str:
        return ", ".join(self.reasons)


@dataclass(frozen=True, slots=True)
class _Known:
    id: str
    name: str
    city: str | None
    email: str
    phone: str


class OrganisationMatcher:
    """Bind one per database; thread-safe (the page asks off the UI thread)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._lock = threading.Lock()
        self._known: list[_Known] | None = None
        self._folded: list[str] = []
        self._squashed: list[str] = []
        db.on_commit(self._on_commit)

    def _on_commit(self, changes: ChangeSet) -> None:
        if changes.touches("organisations"):
            self.invalidate()

    def invalidate(self) -> None:
        with self._lock:
            self._known = None

    def _snapshot(self) -> tuple[list[_Known], list[str]]:
        with self._lock:
            if self._known is None:
                stmt = select(Organisation.id, Organisation.name, Organisation.city,
                              Organisation.email, Organisation.phone
                              ).where(Organisation.deleted_at.is_(None),
                                      Organisation.merged_into_org_id.is_(None))
                with self._db.reading() as session:
                    rows = raw_rows(session, stmt)
                self._known = [_Known(r[0], r[1], r[2], _email_key(r[3]), _phone_key(r[4]))
                               for r in rows]
                self._folded = [fold(k.name) for k in self._known]
                self._squashed = [f.replace(" ", "") for f in self._folded]
            return self._known, self._folded

    def similar(self, *, name: str | None = None, email: str | None = None,
                phone: str | None = None, exclude: str | None = None,
                limit: int = 5) -> list[OrganisationMatch]:
        """Existing organisations that resemble what is typed, best first."""
        from rapidfuzz import fuzz, process, utils  # loaded on first use, not at start-up

        known, folded = self._snapshot()
        found: dict[int, tuple[float, list[str]]] = {}
        wanted = fold(name)
        if len(wanted) >= 3:
            # Word order ("Food Bank Soweto") and spacing ("Foodbank") both forgiven.
            for choices, query, scorer in (
                (folded, wanted, fuzz.token_sort_ratio),
                (self._squashed, wanted.replace(" ", ""), fuzz.ratio),
            ):
                for _choice, score, index in process.extract(
                    query, choices, scorer=scorer, processor=utils.default_process,
                    score_cutoff=NAME_CUTOFF, limit=limit * 3,
                ):
                    best = max(float(score), found.get(index, (0.0, []))[0])
                    same = folded[index] == wanted
                    found[index] = (best, ["same name" if same else "similar name"])
        email_key = _email_key(email)
        phone_key = _phone_key(phone)
        if email_key or len(phone_key) >= 9:
            for index, other in enumerate(known):
                reasons = []
                if email_key and other.email == email_key:
                    reasons.append("same email")
                if len(phone_key) >= 9 and other.phone == phone_key:
                    reasons.append("same phone")
                if reasons:
                    score, why = found.get(index, (0.0, []))
                    found[index] = (max(score, 100.0), [*why, *reasons])
        matches = [
            OrganisationMatch(known[i].id, known[i].name, known[i].city, score, tuple(why))
            for i, (score, why) in found.items() if known[i].id != exclude
        ]
        matches.sort(key=lambda m: (-len(m.reasons), -m.score, m.name.casefold()))
        return matches[:limit]

    def pairs(self, ids: list[str] | None = None) -> dict[tuple[str, str], str]:
        """Possible duplicate pairs (older id first) among all organisations, or between
        these and all; with the reason."""
        known, _folded = self._snapshot()
        wanted = set(ids) if ids is not None else None
        pairs: dict[tuple[str, str], str] = {}
        for org in known:
            if wanted is not None and org.id not in wanted:
                continue
            for match in self.similar(name=org.name, email=org.email or None,
                                      phone=org.phone or None, exclude=org.id, limit=5):
                a, b = sorted((org.id, match.id))
                pairs.setdefault((a, b), match.reason)
        return pairs
