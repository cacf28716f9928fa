"""The one atomic file write and the one time helper."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from saypro_desktop.domain import files
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.domain.time import LOCAL_ZONE, as_local, stamp_moment, to_local_naive


def test_write_atomic_replaces_whole_and_refuses_folders(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    files.write_atomic(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    with pytest.raises(ValidationError, match="is a folder"):
        files.write_atomic(tmp_path, b"x")
    with pytest.raises(ValidationError, match="does not exist"):
        files.write_atomic(tmp_path / "missing" / "out.csv", b"x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_a_failed_write_keeps_the_old_file_and_no_temp(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "bundle.saypro"
    target.write_bytes(b"old")

    def full_disk(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        files.write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["bundle.saypro"]


def test_stamps_and_local_times() -> None:
    ms = int(datetime(2026, 3, 2, 8, 30, tzinfo=UTC).timestamp() * 1000)
    assert stamp_moment(f"{ms:013d}.000001.device") == datetime(2026, 3, 2, 8, 30)
    assert stamp_moment("not a stamp") is None
    assert stamp_moment("99999") is None
    local = as_local(datetime(2026, 3, 2, 10, 30))
    assert local.utcoffset() is not None and local.tzinfo is LOCAL_ZONE
    assert to_local_naive(datetime(2026, 3, 2, 8, 30, tzinfo=UTC)) == datetime(2026, 3, 2, 10, 30)
