"""Errors from reading sync files (bundles, rosters, invitations).

Sync files arrive on USB sticks and by email, so they may be truncated, damaged,
from another coalition, from a newer app version, or deliberately crafted. Every
way a file can be refused has its own class, so the import screen can say what
is wrong and what to do, and the import service can decide (for instance) to
offer "update the app" only for a newer-version file. Each class carries a
default sentence a person can act on; ``detail`` adds the specific fact.
"""

from __future__ import annotations

from typing import ClassVar

from saypro_desktop.domain.errors import SayProError


class _ExplainedError(SayProError):
    """An error whose message is a fixed, actionable sentence plus an optional detail."""

    advice: ClassVar[str] = "The file could not be used."

    def __init__(self, detail: str | None = None) -> None:
        self.detail = detail
        message = self.advice if not detail else f"{self.advice} ({detail})"
        super().__init__(message)


# --- bundles ----------------------------------------------------------------------------


class BundleError(_ExplainedError):
    """Base for every reason a sync bundle is refused; the database is never touched."""

    advice = "This sync bundle cannot be imported; ask the sender to export it again."
    #: True only when the reader's last-resort guard converted an unexpected exception.
    #: Tests assert it never happens, so a gap in validation shows up as a failure.
    unexpected: bool = False


class BundleUnreadableError(BundleError):
    advice = (
        "The bundle file could not be read from disk; check the USB stick is still "
        "plugged in and try again."
    )


class NotABundleError(BundleError):
    advice = (
        "This file is not a SayPro sync bundle; choose a .sayprobundle file exported "
        "by SayPro Desktop."
    )


class TruncatedBundleError(BundleError):
    advice = (
        "This sync bundle is incomplete (it was cut short, perhaps while copying); "
        "copy it again or ask the sender to export it again."
    )


class BundleTooLargeError(BundleError):
    advice = (
        "This sync bundle is larger than SayPro Desktop accepts; ask the sender to "
        "export smaller bundles more often."
    )


class BundleFromNewerVersionError(BundleError):
    advice = (
        "This sync bundle was made by a newer version of SayPro Desktop; update this "
        "app, then import it again."
    )


class UnsupportedBundleVersionError(BundleError):
    advice = (
        "This sync bundle uses a format this version of SayPro Desktop does not know; "
        "ask the sender to export it again with a current version."
    )


class UnsignedOperationsBundleError(UnsupportedBundleVersionError):
    advice = (
        "This sync bundle was made by an earlier version of SayPro Desktop, before each "
        "change carried its author's signature; update SayPro Desktop on the sending device "
        "and export again (nothing is lost: the new export carries the same changes, signed)."
    )


class CorruptBundleError(BundleError):
    advice = (
        "This sync bundle is damaged or has been altered; ask the sender to export it "
        "again (do not edit bundle files)."
    )


class WrongCoalitionError(BundleError):
    advice = (
        "This sync bundle belongs to a different coalition; import it on a laptop "
        "that joined that coalition."
    )


class UnknownSenderError(BundleError):
    advice = (
        "This sync bundle comes from a device this laptop does not know; import the "
        "latest device list from the office first, or ask the office who sent it."
    )


class RevokedSenderError(BundleError):
    advice = (
        "This sync bundle comes from a device the office has revoked (for example a "
        "lost laptop), so it is refused; ask the office if this is unexpected."
    )


class BadSignatureError(BundleError):
    advice = (
        "This sync bundle's signature does not match the device it claims to come "
        "from, so it may be forged or altered; do not import it and tell the office."
    )


class NotARecipientError(BundleError):
    advice = (
        "This sync bundle was not made for this laptop, so it cannot be opened; ask "
        "the sender to export again after this laptop has joined the coalition."
    )


class InvalidOperationError(BundleError):
    advice = (
        "This sync bundle contains a change SayPro Desktop cannot accept; ask the "
        "sender to update the app and export again."
    )


# --- rosters and invitations ----------------------------------------------------------


class RosterError(_ExplainedError):
    """The device list from the office is damaged, altered or not for this coalition."""

    advice = (
        "The coalition's device list is damaged or was not signed by the office; "
        "ask the office for a fresh copy."
    )


class InvitationError(_ExplainedError):
    """An invitation file cannot be made or opened."""

    advice = "This invitation file cannot be used; ask the office to make a new one."


class WrongPassphraseError(InvitationError):
    advice = (
        "The passphrase does not open this invitation (or the file is damaged); check "
        "the passphrase with the office, it is case-sensitive."
    )


class WeakPassphraseError(InvitationError):
    advice = (
        "That passphrase is too short to protect the new laptop's keys; use at least "
        "8 characters, ideally a few unrelated words."
    )


class KeyMaterialError(_ExplainedError):
    """Stored private keys cannot be loaded (the local database entry is damaged)."""

    advice = (
        "This laptop's stored sync keys are damaged; ask the office to revoke this "
        "device and invite it again."
    )
