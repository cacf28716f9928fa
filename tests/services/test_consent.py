"""Consent per person and channel: the latest record decides, history stays."""

from __future__ import annotations

from datetime import datetime

import pytest

from saypro_desktop.db.engine import Database
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.services.consent import (
    ConsentRequiredError,
    consent_history,
    consent_status,
    record_consent,
    require_consent,
)
from saypro_desktop.services.people import add_person


def test_outreach_is_refused_until_consent_and_again_after_withdrawal(db: Database) -> None:
    thandi = add_person(db, {"first_name": "Thandi", "last_name": "Mokoena"})
    refused = r"Thandi Mokoena has not given consent.*by email"
    with pytest.raises(ConsentRequiredError, match=refused):
        require_consent(db, thandi, "email")

    record_consent(db, thandi, "email", True, source="Soweto town hall",
                   wording="SayPro may email me about the campaign",
                   when=datetime(2026, 3, 1, 18, 0))
    require_consent(db, thandi, "email")  # allowed now
    with pytest.raises(ConsentRequiredError, match="by phone"):
        require_consent(db, thandi, "phone")

    record_consent(db, thandi, "email", False, source="phone call",
                   when=datetime(2026, 4, 2, 9, 30))
    withdrawn = "withdrew consent to be contacted by email"
    with pytest.raises(ConsentRequiredError, match=withdrawn) as err:
        require_consent(db, thandi, "email")
    assert err.value.channel == "email"
    history = consent_history(db, thandi)
    assert [(r.status, r.source) for r in history] == [
        ("withdrawn", "phone call"), ("given", "Soweto town hall")]


def test_sms_and_whatsapp_share_one_consent_and_letters_need_post(db: Database) -> None:
    sipho = add_person(db, {"first_name": "Sipho", "last_name": "Dlamini"})
    lerato = add_person(db, {"first_name": "Lerato", "last_name": "Khumalo"})
    record_consent(db, sipho, "SMS/WhatsApp", True, source="sign-in desk")
    require_consent(db, sipho, "whatsapp")
    require_consent(db, sipho, "sms")
    with pytest.raises(ConsentRequiredError, match="by post"):
        require_consent(db, sipho, "letter")
    assert consent_status(db, [sipho, lerato], "whatsapp") == {sipho: True, lerato: False}


def test_an_unknown_channel_lists_the_valid_ones(db: Database) -> None:
    person = add_person(db, {"first_name": "Ayanda"})
    with pytest.raises(ValidationError, match=r"'carrier pigeon' is not one of: .*email"):
        record_consent(db, person, "carrier pigeon", True)
