"""A field value's canonical JSON: the same value always gives the same text."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from saypro_desktop.sync.operations import decode_values, encode_value

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False,
                                                                 allow_infinity=False) | st.text()


@given(st.lists(SCALARS, max_size=20))
def test_the_text_is_what_json_writes_and_reads_back_as_the_same_value(values: list) -> None:
    texts = [encode_value(v) for v in values]
    assert texts == [json.dumps(v, ensure_ascii=False, separators=(",", ":")) for v in values]
    back = decode_values(texts)
    assert [(type(v), v) for v in back] == [(type(v), v) for v in values]


def test_lone_surrogates_and_control_characters_are_escaped_as_json_does() -> None:
    for value in ("\ud800", "\u0000\u001f\"\\", "é🙏", -0.0, 5e-324, 2**70):
        assert encode_value(value) == json.dumps(value, ensure_ascii=False,
                                                 separators=(",", ":"))


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_are_refused(value: float) -> None:
    with pytest.raises(ValueError, match="cannot be stored"):
        encode_value(value)
