"""The device's private keys at rest: sealed in the database, opened by the OS keyring, a
passphrase, or a key file kept apart; a copied database file alone cannot sign or open."""

from __future__ import annotations

import base64
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from saypro_desktop.db.engine import Database
from saypro_desktop.services import people
from saypro_desktop.services.sync_devices import (
    KEYS,
    SEALED_KEYS,
    forget_unlocked_keys,
    init_office,
    invite,
    join,
    keys_protection,
    load_identity,
    protect_keys,
    unlock_keys,
)
from saypro_desktop.services.sync_files import export_bundle, import_files
from saypro_desktop.sync.keystore import KeysLockedError, WrongKeyPassphraseError
from tests.sync.sync_harness import make_template, new_replica

PASS = "a long enough passphrase"
KEY_PASS = "another long passphrase"


class MemoryKeyring(KeyringBackend):
    """A keyring like the OS one, kept in memory: one instance per "computer"."""

    priority = 1  # type: ignore[assignment]
    viable = False  # never picked on its own: a test installs it with keyring.set_keyring

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture
def computer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """This computer's own settings folder (where a key file would live)."""
    home = tmp_path / "this-computer"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    monkeypatch.delenv("SAYPRO_PASSPHRASE", raising=False)
    yield home
    forget_unlocked_keys()


def _db(tmp_path: Path, name: str) -> Database:
    return new_replica(make_template(tmp_path), tmp_path / f"{name}.sqlite3")


def _files_of(db: Database) -> bytes:
    return b"".join(Path(f"{db.path}{s}").read_bytes() for s in ("", "-wal", "-shm")
                    if Path(f"{db.path}{s}").exists())


def _private_forms(db: Database) -> list[bytes]:
    raw = load_identity(db).keys.private_bytes()
    return [raw, raw[:32], raw[32:], base64.b64encode(raw)]


def _copy_to_another_computer(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              ) -> Database:
    target = tmp_path / "elsewhere" / "copied.sqlite3"
    target.parent.mkdir()
    src = sqlite3.connect(db.path)
    out = sqlite3.connect(target)
    src.backup(out)
    out.close()
    src.close()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "another-computer"))
    forget_unlocked_keys()  # a new run of the app, on the other computer
    return Database(target)


def test_keys_are_never_in_the_database_in_the_clear(tmp_path: Path, computer: Path) -> None:
    office, laptop = _db(tmp_path, "office"), _db(tmp_path, "laptop")
    init_office(office, "Office")
    invite(office, "Laptop", PASS, tmp_path / "l.invite")
    join(laptop, (tmp_path / "l.invite").read_bytes(), PASS)
    for db in (office, laptop):
        assert keys_protection(db) == "keyfile"  # no keyring here, no passphrase chosen
        data = _files_of(db)
        assert not [form for form in _private_forms(db) if form in data]
    assert list(computer.rglob("*.key"))  # the key kept apart, in this computer's settings
    office.dispose()
    laptop.dispose()


def test_a_copied_database_alone_cannot_sign_or_open_bundles(
    tmp_path: Path, computer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    office, laptop = _db(tmp_path, "office"), _db(tmp_path, "laptop")
    init_office(office, "Office")
    invite(office, "Laptop", PASS, tmp_path / "l.invite")
    join(laptop, (tmp_path / "l.invite").read_bytes(), PASS)
    people.add_person(laptop, {"first_name": "Nokuthula"})
    export_bundle(office, tmp_path / "down.sayprobundle")
    copied = _copy_to_another_computer(laptop, tmp_path, monkeypatch)
    with pytest.raises(KeysLockedError, match="copied here"):
        load_identity(copied)
    with pytest.raises(KeysLockedError):
        export_bundle(copied, tmp_path / "from-copy.sayprobundle")
    with pytest.raises(KeysLockedError):  # nor read what the office sent the laptop
        import_files(copied, [tmp_path / "down.sayprobundle"])
    copied.dispose()
    office.dispose()
    laptop.dispose()


def test_with_a_keyring_the_key_lives_in_it_and_a_copy_elsewhere_is_locked(
    tmp_path: Path, computer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        office = _db(tmp_path, "office")
        init_office(office, "Office")
        assert keys_protection(office) == "keyring"
        assert not computer.exists() or not list(computer.rglob("*.key"))
        forget_unlocked_keys()
        assert load_identity(office).role == "office"  # the keyring opens it again
        keyring.set_keyring(MemoryKeyring())  # another computer's keyring
        copied = _copy_to_another_computer(office, tmp_path, monkeypatch)
        with pytest.raises(KeysLockedError, match="keyring"):
            load_identity(copied)
        copied.dispose()
        office.dispose()
    finally:
        keyring.set_keyring(previous)


def test_a_passphrase_locks_the_keys_until_it_is_given(
    tmp_path: Path, computer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    office = _db(tmp_path, "office")
    init_office(office, "Office", key_passphrase=KEY_PASS)
    assert keys_protection(office) == "passphrase"
    assert not list(tmp_path.rglob("*.key"))
    forget_unlocked_keys()
    with pytest.raises(KeysLockedError, match="passphrase"):
        load_identity(office)
    with pytest.raises(WrongKeyPassphraseError):
        unlock_keys(office, "not the passphrase")
    unlock_keys(office, KEY_PASS)
    assert load_identity(office).role == "office"
    forget_unlocked_keys()
    monkeypatch.setenv("SAYPRO_PASSPHRASE", KEY_PASS)  # how scripts give it
    assert load_identity(office).role == "office"
    # and back to a key kept apart, with no passphrase to type
    assert protect_keys(office, None) == "keyfile"
    monkeypatch.delenv("SAYPRO_PASSPHRASE")
    forget_unlocked_keys()
    assert load_identity(office).role == "office"
    office.dispose()


def test_keys_stored_in_the_clear_by_an_earlier_version_are_sealed_on_first_use(
    tmp_path: Path, computer: Path
) -> None:
    office = _db(tmp_path, "office")
    init_office(office, "Office")
    raw = load_identity(office).keys.private_bytes()
    with office.write_session() as session, session.begin():  # as an earlier version kept it
        session.execute(
            __import__("sqlalchemy").text(
                "UPDATE local_settings SET key = :old, value = :v WHERE key = :new"),
            {"old": KEYS, "v": base64.b64encode(raw).decode(), "new": SEALED_KEYS})
    forget_unlocked_keys()
    assert load_identity(office).keys.private_bytes() == raw
    assert keys_protection(office) == "keyfile"
    data = _files_of(office)
    assert raw not in data and base64.b64encode(raw) not in data
    office.dispose()
