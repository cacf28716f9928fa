"""Demo privacy records: consent per channel as people gave or withdrew it, erasure requests."""

from __future__ import annotations

from saypro_desktop.db.models import ErasureRequest
from saypro_desktop.domain.enums import ConsentChannel, ConsentStatus, ErasureStatus
from saypro_desktop.services.demo.base import Row, Weighted, Writer, one
from saypro_desktop.services.demo.state import Demo
from saypro_desktop.services.demo.words import load, strings

CONSENT_SOURCES = strings("privacy", "consent_sources")
CONSENT_WORDING: dict[str, str] = dict(load("privacy")["consent_wording"])
CONSENT_CHANNELS = Weighted([
    (ConsentChannel.SMS, 30), (ConsentChannel.WHATSAPP, 30), (ConsentChannel.EMAIL, 20),
    (ConsentChannel.PHONE, 10), (ConsentChannel.PHOTO, 5), (ConsentChannel.STORY, 3),
    (ConsentChannel.POST, 2),
])


def consents_for(d: Demo, person_id: str) -> list[Row]:
    """The consents one new person gave (most give none); drawn as the person is written."""
    rng = d.rng
    consents: list[Row] = []
    if rng.random() < 0.08:
        version = "v2" if rng.random() < 0.7 else "v1"
        picks = 2 if rng.random() < 0.3 else 1
        for channel in {CONSENT_CHANNELS.pick(rng): None for _ in range(picks)}:
            consents.append({
                "person_id": person_id, "channel": channel.value,
                "status": (ConsentStatus.GIVEN if rng.random() < 0.92
                           else ConsentStatus.WITHDRAWN).value,
                "recorded_at": d.moment(d.day(240, 1)),
                "source": one(rng, CONSENT_SOURCES),
                "wording": CONSENT_WORDING[version].format(channel=channel.label.lower()),
            })
    return consents


def write_erasures(d: Demo, w: Writer) -> None:
    rng = d.rng
    askers = d.community_ids or d.person_ids
    erasures = [{"person_id": person_id, "requested_on": d.day(20, 0),
                 "status": ErasureStatus.REQUESTED.value}
                for person_id in rng.sample(askers, min(len(askers),
                                                        max(1, d.people // 10_000)))]
    w.write(ErasureRequest, erasures)
