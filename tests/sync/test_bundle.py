"""Bundle files: round trip, authenticity, confidentiality and refusal of hostile input."""

from __future__ import annotations

import json
import os
import random
import struct
import tracemalloc
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from saypro_desktop.sync import bundle as bundle_module
from saypro_desktop.sync.bundle import (
    FORMAT_VERSION,
    MAGIC,
    BundleLimits,
    SeqRange,
    open_bundle,
    read_bundle_file,
    read_bundle_header,
    write_bundle,
    write_bundle_file,
)
from saypro_desktop.sync.clock import Stamp
from saypro_desktop.sync.errors import (
    BadSignatureError,
    BundleError,
    BundleFromNewerVersionError,
    BundleTooLargeError,
    BundleUnreadableError,
    CorruptBundleError,
    InvalidOperationError,
    NotABundleError,
    NotARecipientError,
    RevokedSenderError,
    TruncatedBundleError,
    UnknownSenderError,
    UnsupportedBundleVersionError,
    WrongCoalitionError,
)
from saypro_desktop.sync.keys import DeviceKeys
from saypro_desktop.sync.keys.canonical import canonical_json
from saypro_desktop.sync.keys.invitations import make_invitation, read_invitation
from saypro_desktop.sync.keys.roster import Coalition, Roster, RosterEntry, create_coalition
from saypro_desktop.sync.operations import Operation

LAPTOP_A = "5b0f3a52-9d1e-4c55-8a0b-1f2e3d4c5b6a"
LAPTOP_B = "c3d4e5f6-0718-4293-a4b5-c6d7e8f90a1b"
LAPTOP_C = "0e1d2c3b-4a59-4687-9766-554433221100"  # on the roster, never a recipient
OUTSIDER = "ffffffff-0000-4000-8000-000000000000"  # never on the roster
T0 = datetime(2025, 3, 1, 9, 30, 15, 123000, tzinfo=UTC)


@dataclass(frozen=True)
class World:
    coalition: Coalition
    roster: Roster
    keys: dict[str, DeviceKeys]

    @property
    def office(self) -> str:
        return self.coalition.office_device_id

    def write(
        self, ops: list[Operation], sender: str = LAPTOP_A, recipients: list[str] | None = None
    ) -> bytes:
        wanted = recipients or [self.office, LAPTOP_A, LAPTOP_B]
        return write_bundle(
            ops,
            sender=self.keys[sender],
            sender_id=sender,
            coalition_id=self.roster.coalition_id,
            recipients={d: self.keys[d].public.agreement for d in wanted},
            schema_version="2025.03.1",
            created_at=T0,
        )

    def open(
        self, data: bytes, reader: str | None = None, limits: BundleLimits | None = None
    ) -> tuple[Any, list[Operation]]:
        me = reader or self.office
        return open_bundle(
            data,
            roster=self.roster,
            my_device_id=me,
            my_keys=self.keys[me],
            limits=limits or bundle_module.DEFAULT_LIMITS,
        )


@pytest.fixture(scope="module")
def world() -> World:
    coalition, roster = create_coalition("Office", now=T0)
    keys = {coalition.office_device_id: coalition.office_keys}
    for device, name in ((LAPTOP_A, "Laptop A"), (LAPTOP_B, "Laptop B"), (LAPTOP_C, "Laptop C")):
        keys[device] = DeviceKeys.generate()
        roster = roster.with_device(RosterEntry(device, name, "field", keys[device].public))
    keys[OUTSIDER] = DeviceKeys.generate()
    return World(coalition, roster, keys)


# --- realistic data -----------------------------------------------------------------------

FIRST = [
    "Thabo", "Lerato", "Sipho", "Naledi", "Kagiso", "Zanele", "Mpho", "Ayanda", "Bongani",
    "Nomsa", "Tshepo", "Palesa", "Lwazi", "Refilwe", "Sibusiso", "Karabo", "Themba", "Nandi",
    "Jabulani", "Precious", "John", "Mary", "David", "Sarah", "José", "Zoë", "Anaïs", "Ngozi",
    "Chidi", "Amina", "Fatima", "Priya",
]  # fmt: skip
LAST = [
    "Nkosi", "Dlamini", "Mokoena", "Ndlovu", "Khumalo", "Mahlangu", "Molefe", "Mthembu", "Zulu",
    "Sithole", "Botha", "Pillay", "Naidoo", "Smith", "Jacobs", "Williams", "Adams", "Petersen",
    "Mabaso", "Ngcobo", "Cele", "Radebe",
]  # fmt: skip
CITIES = ["Johannesburg", "Soweto", "Pretoria", "Durban", "Cape Town", "Polokwane", "Gqeberha"]
DOMAINS = ["gmail.com", "yahoo.com", "outlook.com", "saypro.online", "mweb.co.za"]


def typical_ops(people: int, device: str = LAPTOP_A, seed: int = 7) -> list[Operation]:
    """``people`` new people with ten fields each, as one laptop records them in the field."""
    rnd = random.Random(seed)
    ops: list[Operation] = []
    wall, seq = 1_740_000_000_000, 0
    for _ in range(people):
        row = str(uuid.UUID(int=(wall << 80) | (0x7 << 76) | (2 << 62) | rnd.getrandbits(62)))
        first, last = rnd.choice(FIRST), rnd.choice(LAST)
        fields: dict[str, Any] = {
            "first_name": first,
            "last_name": last,
            "email": f"{first.lower()}.{last.lower()}{rnd.randint(1, 99)}@{rnd.choice(DOMAINS)}",
            "phone": f"+27 {rnd.choice([60, 71, 72, 73, 82, 83])} {rnd.randint(100, 999)} "
            f"{rnd.randint(1000, 9999)}",
            "city": rnd.choice(CITIES),
            "status": rnd.choice(["volunteer", "member", "supporter", "leader"]),
            "birth_year": rnd.randint(1950, 2006),
            "consent_sms": rnd.random() < 0.7,
            "notes": rnd.choice([None, None, "Met at the community meeting", "Call after 5pm"]),
            "_deleted": False,
        }
        for field, value in fields.items():
            wall += rnd.randint(0, 40)
            seq += 1
            ops.append(
                Operation(device, seq, Stamp(wall, 0, device).encode(), "people", row, field, value)
            )
    return ops


def tricky_ops() -> list[Operation]:
    """Values at the edges of what a field can hold, from three devices (an office relay)."""
    row = "0190f2a4-7b3c-7def-8123-456789abcdef"
    values: list[Any] = [
        None,
        True,
        False,
        0,
        2**63 - 1,
        -(2**63),
        0.1,
        -2.5e-300,
        1.7976931348623157e308,
        "",
        "Ngiyabonga 🙏 — ça va? 你好 עברית \u0000 \t\n",
        "a" * 10_000,
        "e\u0301",  # decomposed: must come back exactly, not normalised
    ]
    ops = []
    for index, value in enumerate(values):
        device = (LAPTOP_A, LAPTOP_B, "office-relay:7")[index % 3]
        stamp = Stamp(1_740_000_000_000 + index, index * 1000, device).encode()
        pred = tuple(f"{LAPTOP_B}:{n + 1}" for n in range(index % 3)) + (
            ("office-relay:7:9",) if index == 4 else ()
        )
        ops.append(
            Operation(device, 1000 + index, stamp, "people", row, f"field_{index}", value, pred)
        )
    ops.append(
        Operation(LAPTOP_A, 5, Stamp(9_999_999_999_999, 999_999, LAPTOP_A).encode(),
                  "people", row, "_erased", True)
    )  # fmt: skip
    return ops


# --- round trip ----------------------------------------------------------------------------


def test_round_trip_gives_identical_operations_and_header(world: World) -> None:
    ops = tricky_ops()
    data = world.write(ops)
    header, back = world.open(data)
    assert back == ops
    assert [type(op.value) for op in back] == [type(op.value) for op in ops]
    assert header.sender == LAPTOP_A
    assert header.coalition_id == world.roster.coalition_id
    assert header.schema_version == "2025.03.1"
    assert header.created_at == T0
    assert header.op_count == len(ops)
    assert header.ranges == (
        SeqRange(LAPTOP_A, 5, 1012),
        SeqRange(LAPTOP_B, 1001, 1010),
        SeqRange("office-relay:7", 1002, 1011),
    )
    assert set(header.recipient_ids) == {world.office, LAPTOP_A, LAPTOP_B}
    for op in back:
        assert Stamp.decode(op.stamp).encode() == op.stamp
    assert back[4].pred == (f"{LAPTOP_B}:1", "office-relay:7:9")


def test_every_recipient_reads_the_same_operations(world: World) -> None:
    ops = typical_ops(20)
    data = world.write(ops)
    for reader in (world.office, LAPTOP_A, LAPTOP_B):
        assert world.open(data, reader)[1] == ops


def test_empty_bundle_round_trips(world: World) -> None:
    header, ops = world.open(world.write([]))
    assert ops == [] and header.op_count == 0 and header.ranges == ()


def test_header_is_readable_without_keys_and_matches(world: World) -> None:
    data = world.write(typical_ops(3))
    header = read_bundle_header(data)
    assert header == world.open(data)[0]
    assert world.write(typical_ops(3)) != data  # fresh bundle id, keys and nonce each time
    assert read_bundle_header(world.write(typical_ops(3))).bundle_id != header.bundle_id


def test_ten_thousand_typical_changes_fit_in_250_kb(world: World) -> None:
    data = world.write(typical_ops(1000))
    assert len(data) <= 250_000, len(data)


# --- who may read, who may write --------------------------------------------------------


def test_a_device_that_is_not_a_recipient_cannot_read(world: World) -> None:
    data = world.write(typical_ops(2))
    with pytest.raises(NotARecipientError):
        world.open(data, LAPTOP_C)
    with pytest.raises(NotARecipientError):  # claims to be a recipient, holds other keys
        open_bundle(data, roster=world.roster, my_device_id=LAPTOP_B, my_keys=world.keys[OUTSIDER])


def test_the_content_is_unreadable_in_the_file(world: World) -> None:
    ops = typical_ops(50)
    data = world.write(ops)
    for text in ("first_name", "people", "gmail", ops[0].row_id, LAPTOP_A[:8] + "x"):
        assert text.encode() not in data.split(b"}", 1)[1]


def test_spoofed_sender_is_refused(world: World) -> None:
    data = write_bundle(  # Laptop B signs, but claims to be Laptop A
        typical_ops(2),
        sender=world.keys[LAPTOP_B],
        sender_id=LAPTOP_A,
        coalition_id=world.roster.coalition_id,
        recipients=world.roster.recipients(),
        schema_version="1",
    )
    with pytest.raises(BadSignatureError):
        world.open(data)


def test_unknown_sender_is_refused(world: World) -> None:
    data = world.write(typical_ops(2, device=OUTSIDER), sender=OUTSIDER)
    with pytest.raises(UnknownSenderError):
        world.open(data)


def test_revoked_sender_is_refused(world: World) -> None:
    data = world.write(typical_ops(2))
    revoked = world.roster.revoke(LAPTOP_A, now=T0)
    with pytest.raises(RevokedSenderError, match="Laptop A"):
        open_bundle(
            data, roster=revoked, my_device_id=world.office, my_keys=world.keys[world.office]
        )


def test_bundle_from_another_coalition_is_refused(world: World) -> None:
    other, _ = create_coalition()
    data = write_bundle(
        typical_ops(1, device=other.office_device_id),
        sender=other.office_keys,
        sender_id=other.office_device_id,
        coalition_id=other.coalition_id,
        recipients=world.roster.recipients(),
        schema_version="1",
    )
    with pytest.raises(WrongCoalitionError):
        world.open(data)


def test_a_laptop_that_joined_by_invitation_reads_the_office_bundle(world: World) -> None:
    invitation_file, roster = make_invitation(
        world.coalition, world.roster, "New laptop", "passphrase 123", scrypt_log2_n=14
    )
    joined = read_invitation(invitation_file, "passphrase 123")
    ops = typical_ops(5, device=world.office)
    data = write_bundle(
        ops,
        sender=world.coalition.office_keys,
        sender_id=world.office,
        coalition_id=world.coalition.coalition_id,
        recipients=roster.recipients(),
        schema_version="1",
    )
    _, back = open_bundle(
        data, roster=joined.roster, my_device_id=joined.device_id, my_keys=joined.keys
    )
    assert back == ops


# --- hostile bytes --------------------------------------------------------------------------


def signed_length(data: bytes) -> int:
    """Bytes up to the end of the signature: the header region."""
    header_length: int = struct.unpack_from(">I", data, 10)[0]
    return 14 + header_length + 64


def refuse(world: World, data: bytes, expected: type[BundleError] = BundleError) -> BundleError:
    with pytest.raises(BundleError) as caught:
        world.open(data)
    assert isinstance(caught.value, expected), repr(caught.value)
    assert not caught.value.unexpected, repr(caught.value.__cause__)
    return caught.value


def test_truncation_at_every_header_offset_and_sampled_body_offsets(world: World) -> None:
    data = world.write(typical_ops(30))
    refuse(world, b"", NotABundleError)
    offsets = [*range(1, signed_length(data) + 1), *range(signed_length(data), len(data), 37)]
    for cut in offsets:
        refuse(world, data[:cut], TruncatedBundleError)
        with pytest.raises(TruncatedBundleError):
            read_bundle_header(data[:cut])


def test_every_bit_flip_in_the_header_region_and_sampled_body_is_refused(world: World) -> None:
    data = world.write(typical_ops(10))
    end = signed_length(data)
    positions = [*range(end), *range(end, len(data), 13), len(data) - 1]
    for index in positions:
        for bit in range(8) if index < end else (0, 7):
            tampered = bytearray(data)
            tampered[index] ^= 1 << bit
            error = refuse(world, bytes(tampered))
            if index >= end:
                assert isinstance(error, CorruptBundleError)


def test_extra_bytes_after_the_body_are_refused(world: World) -> None:
    refuse(world, world.write(typical_ops(1)) + b"\x00", CorruptBundleError)


def test_other_files_are_not_bundles(world: World) -> None:
    for data in (b"PK\x03\x04zip file", b"SQLite format 3\x00" + bytes(100), b"\xef\xbb\xbf{}"):
        refuse(world, data, NotABundleError)


def test_newer_format_version_asks_to_update_the_app(world: World) -> None:
    data = bytearray(world.write(typical_ops(1)))
    data[8:10] = struct.pack(">H", FORMAT_VERSION + 1)
    error = refuse(world, bytes(data), BundleFromNewerVersionError)
    assert "newer version of SayPro Desktop" in str(error) and "update" in str(error)
    with pytest.raises(BundleFromNewerVersionError):
        read_bundle_header(bytes(data))
    data[8:10] = struct.pack(">H", 0)
    refuse(world, bytes(data), UnsupportedBundleVersionError)


def test_bundle_from_before_signed_changes_asks_for_a_new_export(world: World) -> None:
    data = bytearray(world.write(typical_ops(1)))
    data[8:10] = struct.pack(">H", 1)
    error = refuse(world, bytes(data), UnsupportedBundleVersionError)
    assert "before each change carried its author's signature" in str(error)
    assert "export again" in str(error)


def test_oversized_file_is_refused_before_anything_else(world: World) -> None:
    data = world.write(typical_ops(100))
    limits = BundleLimits(max_bundle_bytes=len(data) - 1)
    with pytest.raises(BundleTooLargeError):
        world.open(data, limits=limits)
    with pytest.raises(BundleTooLargeError):
        world.open(b"not even a bundle" * 10_000, limits=BundleLimits(max_bundle_bytes=1000))


def test_huge_header_length_is_refused_without_reading_it(world: World) -> None:
    data = bytearray(world.write(typical_ops(1)))
    data[10:14] = struct.pack(">I", 0xFFFFFFFF)
    refuse(world, bytes(data), CorruptBundleError)


def reseal(
    world: World, data: bytes, mutate: Callable[[dict[str, Any]], Any], signer: str = LAPTOP_A
) -> bytes:
    """Change the header and sign it again properly, as a malicious coalition member could."""
    end = signed_length(data)
    header = json.loads(data[14 : end - 64])
    mutate(header)
    header_bytes = canonical_json(header)
    signed = MAGIC + struct.pack(">HI", FORMAT_VERSION, len(header_bytes)) + header_bytes
    return signed + world.keys[signer].sign(signed) + data[end:]


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda header: header.__setitem__(key, value)


@pytest.mark.parametrize(
    "mutate",
    [
        _set("body_length", 10**15),
        _set("body_length", 2**64),
        _set("content_length", 10**12),
        _set("op_count", 10**9),
        _set("op_count", True),
        _set("op_count", 3.0),
        _set("op_count", -1),
        _set("sender", "x" * 1000),
        _set("schema_version", ""),
        _set("created_at", "yesterday"),
        _set("created_at", "2025-02-30T00:00:00.000Z"),
        _set("bundle_id", "not-a-uuid"),
        _set("ranges", [{"device": LAPTOP_A, "first": 5, "last": 4}]),
        _set("ranges", [{"device": LAPTOP_A, "first": 0, "last": 4}]),
        _set("ranges", [{"device": LAPTOP_A, "first": 1, "last": 2**63}]),
        _set("ranges", [{"device": LAPTOP_A, "first": 1, "last": 4}] * 2),
        _set("ranges", [{"device": "b", "first": 1, "last": 1}] * 5000),
        _set("recipients", []),
        _set("recipients", [{"device": "d", "key": "AAAA"}] * 5000),
        _set("recipients", [{"device": LAPTOP_A, "key": "AAAA"}]),
        _set("recipients", [{"device": LAPTOP_A, "key": "A" * 63 + "="}]),
        _set("ephemeral_key", "AAAA"),
        _set("content_digest", "00"),
        _set("extra", 1),
        lambda header: header.pop("recipients"),
        _set("ranges", {"device": LAPTOP_A}),
        _set("ranges", [[[[[[[[[[[[]]]]]]]]]]]]),
    ],
)
def test_malformed_headers_are_refused_even_when_signed(
    world: World, mutate: Callable[[dict[str, Any]], Any]
) -> None:
    data = reseal(world, world.write(typical_ops(2)), mutate)
    refuse(world, data, CorruptBundleError)


@pytest.mark.parametrize(
    "header_bytes",
    [
        b'{"a":1,"a":2}',
        b'{"op_count":NaN}',
        b"[" * 100_000 + b"]" * 100_000,
        b"\xff\xfe{}",
        b'{"bundle_id": "spaces are not canonical"}',
        b"",
    ],
)
def test_header_bytes_that_are_not_canonical_json_are_refused(
    world: World, header_bytes: bytes
) -> None:
    signed = MAGIC + struct.pack(">HI", FORMAT_VERSION, len(header_bytes)) + header_bytes
    refuse(world, signed + world.keys[LAPTOP_A].sign(signed) + bytes(100), CorruptBundleError)


def seal_content(
    world: World,
    content: bytes | dict[str, Any],
    *,
    op_count: int,
    ranges: tuple[SeqRange, ...],
    content_length: int | None = None,
    compressed: bytes | None = None,
    digest_of: bytes | None = None,
) -> bytes:
    """Seal arbitrary content exactly as a (buggy or malicious) coalition member could."""
    raw = content if isinstance(content, bytes) else json.dumps(content).encode()
    return bundle_module._assemble(
        compressed if compressed is not None else zlib.compress(raw),
        content_length=len(raw) if content_length is None else content_length,
        op_count=op_count,
        ranges=ranges,
        sender=world.keys[LAPTOP_A],
        sender_id=LAPTOP_A,
        coalition_id=world.roster.coalition_id,
        recipients=world.roster.recipients(),
        schema_version="1",
        bundle_id=str(uuid.uuid4()),
        created_at=T0,
        content=raw if digest_of is None else digest_of,
    )


def test_decompression_bomb_is_refused_without_inflating_it(world: World) -> None:
    deflate = zlib.compressobj(9)
    chunk = bytes(1024 * 1024)
    bomb = b"".join(deflate.compress(chunk) for _ in range(200)) + deflate.flush()  # 200 MiB
    assert len(bomb) < 300_000
    data = seal_content(
        world, b"{}", op_count=1, ranges=(SeqRange(LAPTOP_A, 1, 1),), content_length=1000,
        compressed=bomb,
    )  # fmt: skip
    tracemalloc.start()
    try:
        refuse(world, data, CorruptBundleError)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024


def test_declared_content_size_above_the_cap_is_refused(world: World) -> None:
    data = world.write(typical_ops(100))
    with pytest.raises(CorruptBundleError):
        world.open(data, limits=BundleLimits(max_content_bytes=1000))


def test_content_other_than_what_the_sender_signed_is_refused(world: World) -> None:
    """Every recipient knows a bundle's content key, so Laptop B could re-encrypt different
    content under Laptop A's signed header; the signed content digest must catch that."""
    content, ranges = valid_content(typical_ops(1)[:1])
    forged, _ = valid_content(typical_ops(1, seed=99)[:1])
    data = seal_content(
        world, content, op_count=1, ranges=ranges, digest_of=json.dumps(forged).encode()
    )
    error = refuse(world, data, CorruptBundleError)
    assert "does not match what its sender signed" in str(error)


def valid_content(ops: list[Operation]) -> tuple[dict[str, Any], tuple[SeqRange, ...]]:
    raw, ranges = bundle_module._encode_content(ops)
    content: dict[str, Any] = json.loads(raw)
    return content, ranges


def _edit(**changes: Any) -> Callable[[dict[str, Any]], None]:
    return lambda content: content.update(changes)


@pytest.mark.parametrize(
    ("edit", "error"),
    [
        (_edit(tables=["People; DROP TABLE people"]), InvalidOperationError),
        (_edit(fields=["../../etc/passwd"]), InvalidOperationError),
        (_edit(fields=["Ünïcode"]), InvalidOperationError),
        (_edit(fields=["x" * 65]), InvalidOperationError),
        (_edit(rows=["not-a-uuid"]), InvalidOperationError),
        (_edit(rows=["0190F2A4-7B3C-7DEF-8123-456789ABCDEF"]), InvalidOperationError),
        (_edit(devices=["bad device"]), InvalidOperationError),
        (_edit(value=[[1, 2]]), InvalidOperationError),
        (_edit(value=[{"a": 1}]), InvalidOperationError),
        (_edit(value=[2**64]), InvalidOperationError),
        (_edit(value=[1e999]), CorruptBundleError),  # serialised as Infinity: not JSON
        (_edit(value=["\ud800"]), InvalidOperationError),
        (_edit(value=["x" * 2000]), InvalidOperationError),
        (_edit(seq=[0]), InvalidOperationError),
        (_edit(seq=[2**63]), InvalidOperationError),
        (_edit(seq=[1.5]), InvalidOperationError),
        (_edit(seq=[True]), InvalidOperationError),
        (_edit(counter=[10**6]), InvalidOperationError),
        (_edit(wall=[-1]), InvalidOperationError),
        (_edit(wall=[10**13]), InvalidOperationError),
        (_edit(table=[1]), InvalidOperationError),
        (_edit(row=[-1]), InvalidOperationError),
        (_edit(field=[]), InvalidOperationError),
        (_edit(value=[]), InvalidOperationError),
        (_edit(seq=[2]), InvalidOperationError),  # header ranges say 1..1
        (_edit(pred=[[0]]), InvalidOperationError),
        (_edit(pred=[[5, 1]]), InvalidOperationError),
        (_edit(pred=[[0, 0]]), InvalidOperationError),
        (_edit(pred=[[0, "1"]]), InvalidOperationError),
        (_edit(pred=[{}]), InvalidOperationError),
        (_edit(pred=[[], []]), InvalidOperationError),
        (_edit(tables="people"), CorruptBundleError),
        (lambda content: content.pop("value"), CorruptBundleError),
        (_edit(extra=[]), CorruptBundleError),
    ],
)
def test_operations_outside_the_allow_list_are_refused(
    world: World, edit: Callable[[dict[str, Any]], Any], error: type[BundleError]
) -> None:
    content, ranges = valid_content(typical_ops(1)[:1])
    edit(content)
    data = seal_content(world, content, op_count=1, ranges=ranges)
    with pytest.raises(error) as caught:
        world.open(data, limits=BundleLimits(max_value_bytes=1000))
    assert not caught.value.unexpected


def test_duplicate_operations_and_wrong_counts_are_refused(world: World) -> None:
    ops = typical_ops(1)[:2]
    content, _ = valid_content(ops)
    content["seq"] = [1, 0]  # both ops become #1
    data = seal_content(world, content, op_count=2, ranges=(SeqRange(LAPTOP_A, 1, 1),))
    refuse(world, data, InvalidOperationError)
    content, ranges = valid_content(ops)
    refuse(world, seal_content(world, content, op_count=3, ranges=ranges), InvalidOperationError)


def test_content_that_is_not_json_is_refused(world: World) -> None:
    for raw in (b"\xff\xfe", b"[1,2", b'{"a":NaN}', b"[" * 50_000 + b"]" * 50_000, b"{}"):
        data = seal_content(world, raw, op_count=1, ranges=(SeqRange(LAPTOP_A, 1, 1),))
        refuse(world, data, CorruptBundleError)


def test_number_too_large_for_a_float_is_refused(world: World) -> None:
    content, ranges = valid_content(typical_ops(1)[:1])
    content["value"] = [123456]
    raw = json.dumps(content).replace("123456", "1e999").encode()  # parses as infinity
    refuse(world, seal_content(world, raw, op_count=1, ranges=ranges), InvalidOperationError)


@pytest.mark.parametrize(
    "op",
    [
        Operation(LAPTOP_A, 1, "1740000000000.000000." + LAPTOP_A, "people",
                  "0190f2a4-7b3c-7def-8123-456789abcdef", "score", float("nan")),
        Operation(LAPTOP_A, 1, "1740000000000.000000." + LAPTOP_A, "people",
                  "0190f2a4-7b3c-7def-8123-456789abcdef", "score", 2**63),
        Operation(LAPTOP_A, 1, "1740000000000.000000." + LAPTOP_A, "People",
                  "0190f2a4-7b3c-7def-8123-456789abcdef", "score", 1),
        Operation(LAPTOP_A, 1, "1740000000000.000000." + LAPTOP_A, "people",
                  "0190F2A4-7B3C-7DEF-8123-456789ABCDEF", "score", 1),
        Operation(LAPTOP_A, 0, "1740000000000.000000." + LAPTOP_A, "people",
                  "0190f2a4-7b3c-7def-8123-456789abcdef", "score", 1),
        Operation(LAPTOP_A, 1, "1740000000000.0.x", "people",
                  "0190f2a4-7b3c-7def-8123-456789abcdef", "score", 1),
        Operation(LAPTOP_A, 1, "+740000000000.000000." + LAPTOP_A, "people",
                  "0190f2a4-7b3c-7def-8123-456789abcdef", "score", 1),
        Operation(LAPTOP_A, 1, "1740000000000.000000." + LAPTOP_A, "people",
                  "0190f2a4-7b3c-7def-8123-456789abcdef", "score", [1]),  # type: ignore[arg-type]
    ],
)  # fmt: skip
def test_writer_refuses_operations_the_reader_would_refuse(world: World, op: Operation) -> None:
    with pytest.raises(InvalidOperationError, match="operation 1"):
        world.write([op])


@pytest.mark.parametrize("pred", [("laptop",), ("laptop:0",), ("laptop:01",), (":5",), ("a b:1",)])
def test_writer_refuses_malformed_pred_ids(world: World, pred: tuple[str, ...]) -> None:
    op = typical_ops(1)[0]
    bad = Operation(op.device_id, op.seq, op.stamp, op.table, op.row_id, op.field, 1, pred)
    with pytest.raises(InvalidOperationError, match="operation 1"):
        world.write([bad])


def test_writer_refuses_a_repeated_operation_id(world: World) -> None:
    op = typical_ops(1)[0]
    with pytest.raises(InvalidOperationError, match="twice"):
        world.write([op, op])


# --- files ----------------------------------------------------------------------------------


def test_bundle_file_is_written_atomically_and_read_back(world: World, tmp_path: Path) -> None:
    data = world.write(typical_ops(5))
    target = tmp_path / "laptop-a.sayprobundle"
    target.write_bytes(b"previous bundle")
    write_bundle_file(target, data)
    assert read_bundle_file(target) == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laptop-a.sayprobundle"]


def test_failed_write_leaves_the_old_file_and_no_temp_file(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.sayprobundle"
    target.write_bytes(b"old")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        write_bundle_file(target, world.write(typical_ops(5)))
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.sayprobundle"]


def test_reading_files_refuses_big_and_missing_files(tmp_path: Path) -> None:
    big = tmp_path / "big.sayprobundle"
    big.write_bytes(bytes(5000))
    with pytest.raises(BundleTooLargeError):
        read_bundle_file(big, BundleLimits(max_bundle_bytes=4096))
    with pytest.raises(BundleUnreadableError):
        read_bundle_file(tmp_path / "missing.sayprobundle")


def test_every_bundle_error_has_its_own_advice() -> None:
    kinds: list[type[BundleError]] = [BundleError, *BundleError.__subclasses__()]
    assert len({kind.advice for kind in kinds}) == len(kinds)
    for kind in kinds:
        assert str(kind("detail")) == f"{kind.advice} (detail)"
        assert str(kind()) == kind.advice


def test_an_export_read_from_the_compact_log_carries_every_operation_exactly(
    world: World, tmp_path: Path
) -> None:
    """The export path reads the stored log straight into the bundle's interned columns;
    what comes out of the bundle is, operation for operation, what went into the log."""
    from saypro_desktop.services.workspace import open_workspace
    from saypro_desktop.sync.log import export_since
    from saypro_desktop.sync.merge import MergeEngine

    ops = tricky_ops()
    row = "0190f2a4-7b3c-7def-8123-456789abcd00"
    ops.append(Operation(LAPTOP_B, 1, Stamp(1_740_000_000_000, 0, LAPTOP_C).encode(),
                         "people", row, "city", "Soweto"))  # a stamp of another clock
    db = open_workspace(tmp_path / "log.sqlite3")
    try:
        with db.write_session() as session, session.begin():
            MergeEngine(session).apply(ops)
        with db.reading() as session:
            columns, _ = export_since(session, None)
    finally:
        db.dispose()
    assert len(columns) == len(ops)
    _, back = world.open(world.write(columns))  # type: ignore[arg-type]
    key = lambda op: (op.device_id, op.seq)  # noqa: E731
    assert sorted(back, key=key) == sorted(ops, key=key)
    assert sorted(columns.columns().seqs) == sorted(op.seq for op in ops)


def test_interned_columns_that_point_outside_their_lists_are_refused(world: World) -> None:
    from saypro_desktop.sync.bundle.codec import InternedColumns

    good = InternedColumns([LAPTOP_A], ["people"], ["city"],
                           ["0190f2a4-7b3c-7def-8123-456789abcdef"], [0], [1],
                           [1_740_000_000_000], [0], [0], [0], [0], [0], ['"Soweto"'], [[]])
    _, back = world.open(world.write(good))  # type: ignore[arg-type]
    assert [op.value for op in back] == ["Soweto"]
    for broken in (
        InternedColumns(*[getattr(good, f) for f in ("devices", "tables", "fields", "rows")],
                        [0], [1], [1_740_000_000_000], [0], [0], [0], [1], [0], ['"x"'], [[]]),
        InternedColumns(*[getattr(good, f) for f in ("devices", "tables", "fields", "rows")],
                        [0], [1], [10**13], [0], [0], [0], [0], [0], ['"x"'], [[]]),
        InternedColumns(*[getattr(good, f) for f in ("devices", "tables", "fields", "rows")],
                        [0], [0], [1], [0], [0], [0], [0], [0], ['"x"'], [[]]),
    ):
        with pytest.raises(InvalidOperationError):
            world.write(broken)  # type: ignore[arg-type]


@pytest.mark.parametrize("stored", ['{"not": "a scalar"}', "not json", '1, 2',
                                    '"' + "é" * 600_000 + '"'])
def test_an_export_refuses_a_stored_value_no_device_could_read(
    world: World, tmp_path: Path, stored: str
) -> None:
    import sqlite3

    from saypro_desktop.services.workspace import open_workspace
    from saypro_desktop.sync.log import export_since
    from saypro_desktop.sync.merge import MergeEngine

    db = open_workspace(tmp_path / "log.sqlite3")
    try:
        with db.write_session() as session, session.begin():
            MergeEngine(session).apply(tricky_ops()[:3])
        con = sqlite3.connect(db.path)
        con.execute("UPDATE changes SET value = ? WHERE seq = 1000", (stored,))
        con.commit()
        con.close()
        with db.reading() as session:
            columns, _ = export_since(session, None)
        with pytest.raises(InvalidOperationError):
            world.write(columns)  # type: ignore[arg-type]
    finally:
        db.dispose()
