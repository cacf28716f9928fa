"""The reform tracker's revision goes up and down on a database that holds data."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import text

from saypro_desktop.db.engine import Database
from saypro_desktop.db.migrate import SCHEMA_HEAD, alembic_config, current_revision
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.workspace import open_workspace


def test_down_to_e001_and_up_again_keeps_reforms(tmp_path: Path) -> None:
    path = tmp_path / "data.sqlite3"
    app = AppServices(open_workspace(path))
    cid = app.campaigns.add("Dignity", "2026-02-01", "2026-03-31")
    rid = app.reforms.add("Appeals within 30 days", "national", campaign_id=cid,
                          on="2026-02-01")
    app.reforms.move(rid, "tabled", on="2026-02-20")
    app.close()

    db = Database(path)
    with db.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "e001")
    assert current_revision(db) == "e001"
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT title, stage FROM reforms")).all() == [
            ("Appeals within 30 days", "tabled")]
    db.dispose()

    app = AppServices(open_workspace(path))
    assert current_revision(app.db) == SCHEMA_HEAD
    [row] = app.reforms.overview()
    assert (row.title, row.stage, row.next_action) == ("Appeals within 30 days", "tabled", None)
    app.reforms.move(rid, "in_committee", on="2026-03-01")
    assert app.reforms.overview()[0].stage == "in_committee"
    app.close()
