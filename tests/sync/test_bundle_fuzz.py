"""Property and fuzz tests: any operations round-trip; any bytes give only typed errors.

Example counts are modest so the file runs in well under 30 s on a two-core laptop; the
exhaustive truncation and bit-flip sweeps live in test_bundle.py. Set SAYPRO_FUZZ_EXAMPLES
(e.g. 5000) for a deeper hunt.
"""

from __future__ import annotations

import json
import os
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saypro_desktop.sync import bundle as bundle_module
from saypro_desktop.sync.bundle import (
    FORMAT_VERSION,
    MAGIC,
    NAME_RE,
    open_bundle,
    read_bundle_header,
    write_bundle,
)
from saypro_desktop.sync.clock import Stamp
from saypro_desktop.sync.errors import BundleError, InvitationError, RosterError
from saypro_desktop.sync.keys import DeviceKeys
from saypro_desktop.sync.keys.canonical import canonical_json, utc_now
from saypro_desktop.sync.keys.invitations import make_invitation, read_invitation
from saypro_desktop.sync.keys.roster import Coalition, Roster, RosterEntry, create_coalition
from saypro_desktop.sync.operations import JSONScalar, Operation, op_id

EXAMPLES = int(os.environ.get("SAYPRO_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
DEVICES = ["laptop-1", "laptop-2", "0190f2a4-7b3c-7def-8123-456789abcdef", "office.main:1"]


@dataclass(frozen=True)
class World:
    coalition: Coalition
    roster: Roster
    laptop: DeviceKeys

    def write(self, ops: list[Operation]) -> bytes:
        return write_bundle(
            ops,
            sender=self.laptop,
            sender_id="laptop-1",
            coalition_id=self.roster.coalition_id,
            recipients=self.roster.recipients(),
            schema_version="1",
        )

    def open(self, data: bytes) -> tuple[Any, list[Operation]]:
        return open_bundle(
            data,
            roster=self.roster,
            my_device_id=self.coalition.office_device_id,
            my_keys=self.coalition.office_keys,
        )


def _make_world() -> World:
    coalition, roster = create_coalition("Office")
    laptop = DeviceKeys.generate()
    roster = roster.with_device(RosterEntry("laptop-1", "Laptop 1", "field", laptop.public))
    return World(coalition, roster, laptop)


WORLD = _make_world()


def _sample_ops() -> list[Operation]:
    row = "0190f2a4-7b3c-7def-8123-456789abcdef"
    fields: list[tuple[str, JSONScalar]] = [
        ("first_name", "Naledi"), ("phone", "+27 82 555 0101"), ("age", 31), ("score", 2.5),
        ("consent", True), ("notes", None),
    ]  # fmt: skip
    return [
        Operation("laptop-1", seq, Stamp(1_740_000_000_000 + seq, 0, "laptop-1").encode(),
                  "people", row, field, value)
        for seq, (field, value) in enumerate(fields, start=1)
    ]  # fmt: skip


VALID = WORLD.write(_sample_ops())
HEADER_END = 14 + struct.unpack_from(">I", VALID, 10)[0]


def assert_only_bundle_errors(action: Callable[[], object]) -> BundleError | None:
    """Run a read; it may succeed, but any failure must be a deliberate BundleError."""
    try:
        action()
    except BundleError as error:
        assert not error.unexpected, repr(error.__cause__)
        return error
    return None


# --- round trip -----------------------------------------------------------------------------

names = st.from_regex(NAME_RE, fullmatch=True)
values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=200),
)


@st.composite
def operations(draw: st.DrawFn) -> list[Operation]:
    ids = draw(
        st.lists(
            st.tuples(st.sampled_from(DEVICES), st.integers(1, 2**63 - 1)),
            unique=True,
            max_size=30,
        )
    )
    ops = []
    for device, seq in ids:
        value: JSONScalar = draw(values)
        stamp = Stamp(
            draw(st.integers(0, 10**13 - 1)),
            draw(st.integers(0, 10**6 - 1)),
            draw(st.sampled_from(DEVICES)),
        )
        ops.append(
            Operation(
                device,
                seq,
                stamp.encode(),
                draw(names),
                str(draw(st.uuids())),
                draw(names),
                value,
                tuple(
                    op_id(d, n)
                    for d, n in draw(
                        st.lists(
                            st.tuples(st.sampled_from(DEVICES), st.integers(1, 2**63 - 1)),
                            max_size=3,
                        )
                    )
                ),
            )
        )
    return ops


@FUZZ
@given(operations())
def test_any_valid_operations_round_trip_exactly(ops: list[Operation]) -> None:
    header, back = WORLD.open(WORLD.write(ops))
    assert back == ops
    assert [type(op.value) for op in back] == [type(op.value) for op in ops]
    assert header.op_count == len(ops)


# --- arbitrary and mutated bytes ------------------------------------------------------------

prefix = MAGIC + struct.pack(">H", FORMAT_VERSION)


@FUZZ
@given(
    st.one_of(
        st.binary(max_size=3000),
        st.binary(max_size=3000).map(lambda tail: prefix + tail),
        st.binary(max_size=3000).map(lambda tail: VALID[:HEADER_END] + tail),
    )
)
def test_arbitrary_bytes_raise_only_bundle_errors(data: bytes) -> None:
    assert assert_only_bundle_errors(lambda: WORLD.open(data)) is not None
    assert_only_bundle_errors(lambda: read_bundle_header(data))


mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, len(VALID) - 1), st.integers(1, 255)),
    st.tuples(st.just("cut"), st.integers(0, len(VALID) - 1), st.integers(0, 64)),
    st.tuples(st.just("insert"), st.integers(0, len(VALID)), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("set"), st.integers(0, len(VALID) - 1), st.integers(0, 255)),
)


def mutate(data: bytes, steps: list[tuple[str, int, Any]]) -> bytes:
    buffer = bytearray(data)
    for kind, position, argument in steps:
        position = min(position, len(buffer))
        if kind == "flip" and position < len(buffer):
            buffer[position] ^= argument
        elif kind == "set" and position < len(buffer):
            buffer[position] = argument
        elif kind == "cut":
            del buffer[position : position + argument]
        elif kind == "insert":
            buffer[position:position] = argument
    return bytes(buffer)


@FUZZ
@given(st.lists(mutation, min_size=1, max_size=4))
def test_mutated_bundles_raise_only_bundle_errors(steps: list[tuple[str, int, Any]]) -> None:
    data = mutate(VALID, steps)
    error = assert_only_bundle_errors(lambda: WORLD.open(data))
    assert (error is None) == (data == VALID)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)


def reseal(data: bytes, header: object) -> bytes:
    """A header re-signed properly by the sender: only the schema checks stand in the way."""
    header_bytes = canonical_json(header)
    signed = MAGIC + struct.pack(">HI", FORMAT_VERSION, len(header_bytes)) + header_bytes
    end = 14 + struct.unpack_from(">I", data, 10)[0] + 64
    return signed + WORLD.laptop.sign(signed) + data[end:]


HEADER = json.loads(VALID[14:HEADER_END])


@FUZZ
@given(st.sampled_from(sorted(HEADER)), json_values)
def test_signed_headers_with_any_field_value_raise_only_bundle_errors(
    key: str, value: object
) -> None:
    header = dict(HEADER, **{key: value})
    try:
        data = reseal(VALID, header)
    except ValueError:  # NaN cannot be written as canonical JSON: nothing to test
        return
    error = assert_only_bundle_errors(lambda: WORLD.open(data))
    assert error is not None or header == HEADER


CONTENT, RANGES = bundle_module._encode_content(_sample_ops())
CONTENT_JSON = json.loads(CONTENT)


def seal(raw: bytes, op_count: int) -> bytes:
    return bundle_module._assemble(
        zlib.compress(raw),
        content_length=len(raw),
        op_count=op_count,
        ranges=RANGES,
        sender=WORLD.laptop,
        sender_id="laptop-1",
        coalition_id=WORLD.roster.coalition_id,
        recipients=WORLD.roster.recipients(),
        schema_version="1",
        bundle_id="0190f2a4-7b3c-7def-8123-456789abcdef",
        created_at=utc_now(),
        content=raw,
    )


@FUZZ
@given(st.sampled_from(sorted(CONTENT_JSON)), json_values, st.integers(0, 8))
def test_signed_content_with_any_section_value_raises_only_bundle_errors(
    key: str, value: object, op_count: int
) -> None:
    content = dict(CONTENT_JSON, **{key: value})
    raw = json.dumps(content).encode()
    outcome: list[list[Operation]] = []
    error = assert_only_bundle_errors(lambda: outcome.append(WORLD.open(seal(raw, op_count))[1]))
    if error is None:  # whatever got through must still satisfy the allow-list
        (ops,) = outcome
        assert len(ops) == op_count
        for op in ops:
            assert NAME_RE.fullmatch(op.table) and NAME_RE.fullmatch(op.field)
            Stamp.decode(op.stamp)


@FUZZ
@given(st.lists(st.integers(0, 2**64), min_size=6, max_size=6), st.sampled_from(
    ["device", "seq", "wall", "counter", "stamp_device", "table", "row", "field"]
))  # fmt: skip
def test_signed_content_with_any_integer_column_raises_only_bundle_errors(
    column: list[int], key: str
) -> None:
    raw = json.dumps(dict(CONTENT_JSON, **{key: column})).encode()
    assert_only_bundle_errors(lambda: WORLD.open(seal(raw, 6)))


# --- rosters and invitations ----------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_roster_bytes_raise_only_roster_errors(data: bytes) -> None:
    with pytest.raises(RosterError):
        Roster.verify(data, WORLD.coalition.office_keys.public.signing)


SIGNED_ROSTER = WORLD.coalition.sign_roster(WORLD.roster)


@FUZZ
@given(st.lists(mutation, min_size=1, max_size=3))
def test_mutated_rosters_raise_only_roster_errors(steps: list[tuple[str, int, Any]]) -> None:
    data = mutate(SIGNED_ROSTER, steps)
    try:
        Roster.verify(data, WORLD.coalition.office_keys.public.signing)
    except RosterError:
        return
    assert data == SIGNED_ROSTER


INVITATION, _ = make_invitation(
    WORLD.coalition, WORLD.roster, "Fuzz laptop", "fuzzing passphrase", scrypt_log2_n=14
)


@settings(FUZZ, max_examples=max(25, EXAMPLES // 6))
@given(st.lists(mutation, min_size=1, max_size=3))
def test_mutated_invitations_raise_only_invitation_errors(
    steps: list[tuple[str, int, Any]],
) -> None:
    data = mutate(INVITATION, steps)
    try:
        read_invitation(data, "fuzzing passphrase")
    except InvitationError:
        return
    assert data == INVITATION
