"""Writing a file so it is either its old self or complete, never half-written.

Every file the app hands to someone else (exports, sync bundles) is written here: a
temporary file in the same folder, flushed to disk, renamed over the target, and the
folder flushed so the rename itself survives a power cut.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from saypro_desktop.domain.errors import ValidationError


def write_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; return the path.

    ``ValidationError`` (one line) when ``path`` is a folder or its folder does not exist;
    an ``OSError`` (disk full, no permission) leaves ``path`` as it was and no temp file.
    """
    target = Path(path)
    if target.is_dir():
        raise ValidationError(f"{target} is a folder; give a file name to write to")
    folder = target.parent
    if not folder.is_dir():
        raise ValidationError(f"the folder {folder} does not exist")
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    fsync_folder(folder)
    return target


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable; Windows has no directory handles to fsync."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
