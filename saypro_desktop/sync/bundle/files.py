"""Bundle files on disk: capped reads and all-or-nothing writes."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from saypro_desktop.sync.bundle.limits import DEFAULT_LIMITS, BundleLimits
from saypro_desktop.sync.errors import (
    BundleTooLargeError,
    BundleUnreadableError,
)


def read_bundle_file(path: str | os.PathLike[str], limits: BundleLimits = DEFAULT_LIMITS) -> bytes:
    """Read a bundle file, refusing an oversized one before reading it into memory."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limits.max_bundle_bytes:
                raise BundleTooLargeError(f"{size} bytes; the limit is {limits.max_bundle_bytes}")
            data = handle.read(limits.max_bundle_bytes + 1)
    except OSError as exc:
        raise BundleUnreadableError(exc.strerror or str(exc)) from None
    if len(data) > limits.max_bundle_bytes:
        raise BundleTooLargeError(f"the file grew past {limits.max_bundle_bytes} bytes")
    return data


# --- files ----------------------------------------------------------------------------------


def write_bundle_file(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` so that ``path`` is either absent/old or complete, never half-written:
    temp file in the same folder, fsync, rename over, fsync the folder."""
    target = Path(path)
    folder = target.parent
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _fsync_folder(folder)
    return target


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; Windows has no directory handles to fsync."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
