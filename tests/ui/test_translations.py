"""Every string on screen reaches Qt's translation tools, and enum values show as labels."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot

from saypro_desktop.domain import enums
from saypro_desktop.domain.enums import ConsentChannel, PipelineStage
from saypro_desktop.ui.i18n import tr, update_catalogue
from saypro_desktop.ui.labels import LABELS, label, label_of


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> str:
    return update_catalogue(tmp_path_factory.mktemp("ts") / "saypro.ts").read_text("utf-8")


def messages(ts: str) -> set[tuple[str, str]]:
    found = set()
    for context in re.finditer(r"<context>\s*<name>(.*?)</name>(.*?)</context>", ts, re.S):
        for source in re.finditer(r"<source>(.*?)</source>", context.group(2), re.S):
            found.add((context.group(1), source.group(1).replace("&amp;", "&")))
    return found


def test_lupdate_extracts_strings_from_every_kind_of_call(catalogue: str) -> None:
    found = messages(catalogue)
    assert ("", "Save changes (Ctrl+S)") in found  # tr() in the person form
    assert ("", "May we contact them? (consent per channel)") in found
    assert ("Labels", "Meeting scheduled") in found  # the enum label table
    assert ("Labels", "WhatsApp") in found
    assert ("ImportWizard", "Each row becomes a person.") in found  # a table of labels
    assert ("SyncPage", "Ready to import") in found
    assert ("MainWindow", "Outreach & follow-ups") in found  # sidebar titles
    assert ("PersonForm", "Postal code") in found
    assert len(found) > 500


def test_the_committed_catalogue_is_the_one_lupdate_writes(catalogue: str) -> None:
    committed = Path(__file__).resolve().parents[2] / "resources/translations/saypro_desktop.ts"
    assert committed.exists(), "run: python -m saypro_desktop.ui.i18n"
    missing = messages(catalogue) - messages(committed.read_text("utf-8"))
    assert not missing, f"out of date (run python -m saypro_desktop.ui.i18n): {missing}"


def test_a_translation_reaches_the_screen(qtbot: QtBot, tmp_path: Path, catalogue: str) -> None:
    ts = catalogue
    for source, target in (("Save changes (Ctrl+S)", "Stoor veranderinge (Ctrl+S)"),
                           ("Meeting scheduled", "Vergadering beplan")):
        ts = ts.replace(f"<source>{source}</source>\n        <translation type=\"unfinished\">"
                        "</translation>",
                        f"<source>{source}</source>\n        <translation>{target}</translation>")
    (tmp_path / "af.ts").write_text(ts, encoding="utf-8")
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), str(tmp_path / "af.ts"), "-qm", str(tmp_path / "af.qm")],
                   check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(tmp_path / "af.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        assert tr("Save changes (Ctrl+S)") == "Stoor veranderinge (Ctrl+S)"
        assert label(PipelineStage.MEETING_SCHEDULED) == "Vergadering beplan"
    finally:
        QCoreApplication.removeTranslator(translator)
    assert label(PipelineStage.MEETING_SCHEDULED) == "Meeting scheduled"


def test_every_enum_member_has_a_label_and_none_shows_its_raw_value() -> None:
    missing = []
    for name, enum in inspect.getmembers(enums, inspect.isclass):
        if not issubclass(enum, enums.Labelled) or enum is enums.Labelled:
            continue
        for member in enum:
            if member not in LABELS.get(enum, {}):
                missing.append(f"{name}.{member.name}")
            elif "_" in member.value:
                assert label(member) != member.value
    assert not missing, f"add these to saypro_desktop/ui/labels.py LABELS: {missing}"
    assert label(ConsentChannel.WHATSAPP) == "WhatsApp"
    assert label_of(PipelineStage, "active_partner") == "Active partner"
    assert label_of(PipelineStage, None) == ""


def test_ui_has_one_tr_helper() -> None:
    """A module's own ``tr`` would translate with a context lupdate did not file it under."""
    ui = Path(__file__).resolve().parents[2] / "saypro_desktop" / "ui"
    own = [str(p.relative_to(ui)) for p in ui.rglob("*.py")
           if p.name != "i18n.py" and re.search(r"^def tr\(", p.read_text("utf-8"), re.M)]
    assert own == [], f"use `from saypro_desktop.ui.i18n import tr` in {own}"
