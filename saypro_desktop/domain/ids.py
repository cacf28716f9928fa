"""Record identity that is safe to carry between devices.

Rows get time-ordered UUIDv7 keys (index-friendly, never reused across laptops).
Link rows (person in event, person with tag) get an id derived from their two
ends, so two laptops that make the same link make one row, not two.
"""

from __future__ import annotations

import uuid

import uuid6

# A fixed namespace for derived link ids; changing it would split every link in two.
_LINK_NAMESPACE = uuid.UUID("6f1f9f0e-3d4b-5c2a-9a61-5a7e0b2c4d10")


def new_id() -> str:
    return str(uuid6.uuid7())


def link_id(kind: str, *ends: str) -> str:
    """Deterministic id for a link row, e.g. ``link_id("sign_in", event_id, person_id)``."""
    return str(uuid.uuid5(_LINK_NAMESPACE, "|".join((kind, *ends))))
