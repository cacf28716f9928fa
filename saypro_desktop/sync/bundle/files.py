"""Bundle files on disk: capped reads and all-or-nothing writes."""

from __future__ import annotations

import os
from pathlib import Path

from saypro_desktop.domain.files import write_atomic
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
    """Write ``data`` so that ``path`` is either absent/old or complete, never half-written
    (domain.files.write_atomic: temp file in the same folder, fsync, rename, fsync folder)."""
    return write_atomic(path, data)
