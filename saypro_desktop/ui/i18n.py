"""The one way ui/ marks text for translation.

Write every user-visible string as a literal in a call Qt's ``pyside6-lupdate`` extracts:

* ``tr("Save")`` for text in code (``tr("{n:,} people")`` then ``.format(...)``; plurals as
  ``tr("%n people", "", n)``; a hint for translators as the second argument). lupdate files
  these under the empty context, and :func:`tr` looks them up there.
* ``QT_TRANSLATE_NOOP("Labels", "Town hall")`` in tables of labels (see ui/labels.py), and
  :func:`translate` with the same context where the table is shown.

Never pass a variable to ``tr``: lupdate only sees literals, so a string that reaches the
screen through a variable must have been marked where it was written.
``resources/translations/saypro_desktop.ts`` is the catalogue (``python -m
saypro_desktop.ui.i18n`` regenerates it).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the person's language (the English literal while there is no catalogue)."""
    return QCoreApplication.translate("", text, disambiguation, n)


def translate(context: str, text: str) -> str:
    """Text marked with ``QT_TRANSLATE_NOOP(context, text)`` elsewhere, translated."""
    return QCoreApplication.translate(context, text)


def update_catalogue(ts: Path | None = None) -> Path:
    """Run ``pyside6-lupdate`` over the package and write the .ts catalogue; return its path."""
    from saypro_desktop.resources import resource

    package = Path(__file__).resolve().parents[1]
    target = ts or resource("translations", "saypro_desktop.ts")
    target.parent.mkdir(parents=True, exist_ok=True)
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    sources = sorted(str(p) for p in package.rglob("*.py") if "migrations" not in p.parts)
    import subprocess  # only to write the catalogue, never at start-up

    subprocess.run([str(lupdate), "-no-obsolete", "-locations", "none", *sources,
                    "-ts", str(target)], check=True, capture_output=True, text=True)
    return target


if __name__ == "__main__":  # pragma: no cover
    print(update_catalogue())
