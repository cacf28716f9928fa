"""The one way the window shows a failure: plain words in a message, the detail in the log."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from saypro_desktop.domain.errors import SayProError

log = logging.getLogger(__name__)


def sentence(message: object) -> str:
    """A service message ("no such file") as a sentence for a dialog ("No such file")."""
    text = str(message).strip()
    return text[:1].upper() + text[1:] if text else text


def error_text(error: BaseException) -> str:
    """What a person reads: our own messages as they are, anything else in general words."""
    if isinstance(error, SayProError):
        return sentence(error)
    if isinstance(error, OSError):
        return QCoreApplication.translate(
            "Errors", "The file could not be read or written: {reason}"
        ).format(reason=error.strerror or error)
    return QCoreApplication.translate(
        "Errors",
        "Something unexpected went wrong ({error}). Nothing was half-written; "
        "the details are in the log.",
    ).format(error=type(error).__name__)


def show_error(parent: QWidget | None, title: str, error: BaseException) -> None:
    if isinstance(error, SayProError | OSError):
        log.info("%s: %s", title or "error", error)
    else:
        log.error("%s", title or "unexpected error", exc_info=error)
    QMessageBox.warning(parent, title or QCoreApplication.translate("Errors", "Could not finish"),
                        error_text(error))
