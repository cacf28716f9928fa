"""Demo data: complete, consistent, deterministic, recorded for sync, cancellable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from saypro_desktop.db.changelog import change_log
from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import (
    SYNCED_MODELS,
    FollowUp,
    Interaction,
    Organisation,
    Person,
)
from saypro_desktop.domain.enums import Channel, StakeholderCategory
from saypro_desktop.domain.errors import SayProError, ValidationError
from saypro_desktop.services import demo
from saypro_desktop.services.demo import DemoSummary, fill_demo
from saypro_desktop.services.workspace import open_workspace

PEOPLE = 300


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    db = open_workspace(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    summary = fill_demo(db, PEOPLE, seed=3)
    yield db, summary
    db.dispose()


def _names_and_emails(db: Database) -> list[tuple[str | None, str | None, str | None]]:
    with db.reading() as session:
        rows = session.execute(
            select(Person.first_name, Person.last_name, Person.email).order_by(
                Person.last_name, Person.first_name, Person.email
            )
        ).all()
    return [(first, last, email) for first, last, email in rows]


def test_every_category_appears_among_organisations(filled: tuple[Database, DemoSummary]) -> None:
    db, summary = filled
    with db.reading() as session:
        categories = set(session.scalars(select(Organisation.category).distinct()))
    assert categories == {c.value for c in StakeholderCategory}
    assert summary.organisations >= 40
    assert summary.people == PEOPLE


def test_every_synced_table_has_rows(filled: tuple[Database, DemoSummary]) -> None:
    db, summary = filled
    empty = []
    with db.reading() as session:
        for table, model in SYNCED_MODELS.items():
            count = session.scalar(select(func.count()).select_from(model))
            if not count:
                empty.append(table)
            assert summary.as_dict()[table] == count, table
    assert empty == []


def test_foreign_keys_are_consistent(filled: tuple[Database, DemoSummary]) -> None:
    db, _ = filled
    with db.reading() as session:
        problems = session.execute(text("PRAGMA foreign_key_check")).all()
    assert problems == []


def test_people_look_south_african(filled: tuple[Database, DemoSummary]) -> None:
    db, _ = filled
    with db.reading() as session:
        people = session.execute(select(Person.first_name, Person.last_name, Person.phone,
                                        Person.email, Person.province)).all()
        channels = set(session.scalars(select(Interaction.channel).distinct()))
    names = [f"{first} {last}" for first, last, _, _, _ in people]
    assert any(not name.isascii() for name in names)
    assert any("'" in name for name in names) or any("-" in name for name in names)
    phones = [phone for _, _, phone, _, _ in people if phone]
    assert len(phones) > PEOPLE * 0.8
    assert all(p.startswith("+27") and len(p) == 12 and p[3:].isdigit() for p in phones)
    emails = [email for _, _, _, email, _ in people if email]
    assert 0 < len(emails) < PEOPLE
    assert len(set(emails)) == len(emails)
    assert all(email.isascii() and email == email.lower() for email in emails)
    assert len({province for *_, province in people}) >= 5
    assert channels == {c.value for c in Channel}


def test_same_seed_gives_the_same_people(filled: tuple[Database, DemoSummary],
                                         tmp_path: Path) -> None:
    db, _ = filled
    other = open_workspace(tmp_path / "again.sqlite3")
    try:
        fill_demo(other, PEOPLE, seed=3)
        assert _names_and_emails(other) == _names_and_emails(db)
    finally:
        other.dispose()
    different = open_workspace(tmp_path / "different.sqlite3")
    try:
        fill_demo(different, PEOPLE, seed=4)
        assert _names_and_emails(different) != _names_and_emails(db)
    finally:
        different.dispose()


def test_changes_are_recorded_for_sync(filled: tuple[Database, DemoSummary]) -> None:
    db, _ = filled
    with db.reading() as session:
        person_ids = set(session.scalars(select(Person.id)))
        logged = set(session.scalars(
            select(change_log.c.row_id).where(change_log.c.table_name == "people",
                                        change_log.c.field == "first_name")))
        sign_in_ops = session.scalar(select(func.count()).select_from(change_log).where(
            change_log.c.table_name == "sign_ins"))
    assert logged == person_ids
    assert sign_in_ops


def test_cancel_rolls_everything_back(tmp_path: Path) -> None:
    db = open_workspace(tmp_path / "cancel.sqlite3")
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return len(calls) < 3

    try:
        with pytest.raises(SayProError, match="cancelled"):
            fill_demo(db, PEOPLE, seed=3, progress=progress)
        with db.reading() as session:
            assert session.scalar(select(func.count()).select_from(Person)) == 0
            assert session.scalar(select(func.count()).select_from(Organisation)) == 0
            assert session.scalar(select(func.count()).select_from(change_log)) == 0
        assert len(calls) == 3
    finally:
        db.dispose()


def test_progress_reaches_the_total(tmp_path: Path) -> None:
    db = open_workspace(tmp_path / "progress.sqlite3")
    calls: list[tuple[int, int]] = []
    try:
        fill_demo(db, 60, seed=1, progress=lambda done, total: calls.append((done, total)))
    finally:
        db.dispose()
    dones = [done for done, _ in calls]
    assert dones == sorted(dones)
    assert calls[-1][0] == calls[-1][1]


def test_refuses_silly_sizes(tmp_path: Path) -> None:
    db = open_workspace(tmp_path / "silly.sqlite3")
    try:
        with pytest.raises(ValidationError):
            fill_demo(db, 0)
    finally:
        db.dispose()


def test_large_demos_commit_in_slices(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "PEOPLE_PER_TRANSACTION", 120)
    db = open_workspace(tmp_path / "sliced.sqlite3")
    try:
        summary = fill_demo(db, PEOPLE, seed=5)
        with db.reading() as session:
            assert session.scalar(select(func.count()).select_from(Person)) == PEOPLE
            assert session.execute(text("PRAGMA foreign_key_check")).all() == []
            follow_ups = session.scalar(select(func.count()).select_from(FollowUp).where(
                FollowUp.interaction_id.is_not(None)))
        assert summary.people == PEOPLE
        assert follow_ups == summary.follow_ups
    finally:
        db.dispose()


def test_word_lists_come_from_data_files_and_cover_every_category() -> None:
    from saypro_desktop.resources import resource
    from saypro_desktop.services.demo.organisations import ORG_TEMPLATES
    from saypro_desktop.services.demo.outreach import CHANNEL_SUBJECTS
    from saypro_desktop.services.demo.people import JOB_TITLES
    from saypro_desktop.services.demo.words import NAME_GROUPS, PLACES

    assert sorted(p.name for p in resource("demo").glob("*.json"))
    assert set(ORG_TEMPLATES) == set(StakeholderCategory)
    assert set(JOB_TITLES) == set(StakeholderCategory)
    assert set(CHANNEL_SUBJECTS) == set(Channel)
    assert all(group in NAME_GROUPS for place in PLACES for group, _ in place.groups)
