"""Fixtures for the interop tests: where the real export files live.

The real files are never copied into this repository (their licences differ); they sit
beside it in ``../shared/realworld``. Without the folder those tests are skipped, unless
``SAYPRO_REQUIRE_REALWORLD=1`` (set in CI), in which case a missing folder fails.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
REALWORLD = REPO_ROOT.parent / "shared" / "realworld"


@pytest.fixture(scope="session")
def realworld_dir() -> Path:
    if not (REALWORLD / "MANIFEST.tsv").is_file():
        message = f"real-world export files not found at {REALWORLD}"
        if os.environ.get("SAYPRO_REQUIRE_REALWORLD") == "1":
            pytest.fail(f"{message} and SAYPRO_REQUIRE_REALWORLD=1")
        pytest.skip(f"{message}; set up ../shared/realworld to run these tests")
    return REALWORLD


@pytest.fixture(scope="session")
def realworld(realworld_dir: Path) -> Callable[[str], bytes]:
    """Read one real file's bytes by its MANIFEST path (e.g. ``vcard/x.vcf``)."""

    def read(relative: str) -> bytes:
        return (realworld_dir / relative).read_bytes()

    return read
