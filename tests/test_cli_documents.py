"""`saypro pdf ...`: every document from a terminal; mistakes are one line and exit 1."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from saypro_desktop.cli import main
from tests.documents.pdfcheck import check_structure, reader, text


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-pdf") / "demo.sqlite3"
    assert main(["--db", str(path), "demo", "--people", "200"]) == 0
    return path


def _one(path: Path, sql: str) -> str:
    with sqlite3.connect(path) as conn:
        return str(conn.execute(sql).fetchone()[0])


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), "pdf", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_every_pdf_command(demo: Path, tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    org = _one(demo, "SELECT id FROM organisations ORDER BY name LIMIT 1")
    name = _one(demo, "SELECT name FROM organisations ORDER BY name LIMIT 1")
    meeting = _one(demo, "SELECT id FROM meetings LIMIT 1")
    event = _one(demo, "SELECT id FROM events LIMIT 1")
    commands = {
        "packet.pdf": ["packet", "--org", org],
        "letter.pdf": ["letter", "--template", "introduction-join-coalition", "--org", org],
        "progress.pdf": ["report", "progress", "--from", "2025-06-01", "--to", "2026-03-01"],
        "impact.pdf": ["report", "impact", "--phase", "campaign"],
        "minutes.pdf": ["minutes", meeting],
        "plan.pdf": ["action-plan", "--org", org],
        "calls.pdf": ["callsheet", "--stage", "contacted"],
        "signin.pdf": ["signin-sheet", event],
    }
    for file, args in commands.items():
        out_file = tmp_path / file
        code, out, err = run(capsys, demo, *args, "--out", str(out_file), "--paper", "letter")
        assert (code, err) == (0, ""), file
        assert out.strip() == str(out_file)
        data = out_file.read_bytes()
        assert round(float(reader(data).pages[0].mediabox.height)) in (792, 612)
        check_structure(data)
    assert name in text((tmp_path / "packet.pdf").read_bytes())


def test_packets_by_stage_and_combined(demo: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    stage_count = int(_one(demo, "SELECT count(*) FROM organisations "
                                 "WHERE pipeline_stage = 'contacted' AND deleted_at IS NULL"))
    code, out, err = run(capsys, demo, "packets", "--stage", "Contacted", "--out-dir",
                         str(tmp_path / "out"), "--combined", str(tmp_path / "all.pdf"),
                         "--no-log")
    assert (code, err) == (0, "")
    assert len(list((tmp_path / "out").glob("*.pdf"))) == stage_count
    assert len(out.splitlines()) == stage_count + 1


@pytest.mark.parametrize(("args", "message"), [
    (["packet", "--org", "nope"], "no organisation with id nope"),
    (["letter", "--template", "nope", "--org", "ORG"], "no template called 'nope'"),
    (["report", "progress", "--from", "2026-03-01", "--to", "2026-01-01"], "before it starts"),
    (["packets", "--stage", "sleeping"], "is not a pipeline stage"),
    (["minutes", "nope"], "no meeting with id nope"),
])
def test_mistakes_are_one_line_on_stderr(demo: Path, tmp_path: Path, args: list[str],
                                          message: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    if args[0] == "packets":
        extra = ["--out-dir", str(tmp_path / "o")]
    else:
        extra = ["--out", str(tmp_path / "x.pdf")]
    org = _one(demo, "SELECT id FROM organisations LIMIT 1")
    code, out, err = run(capsys, demo, *[org if a == "ORG" else a for a in args], *extra)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and message in err
    assert not (tmp_path / "x.pdf").exists()
