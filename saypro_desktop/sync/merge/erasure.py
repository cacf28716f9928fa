"""Erasure in the change log: an erased person's personal values never land, the ones
already held are blanked, and their seals become commitments so the signed batches stay
checkable without anything left that could confirm a guess of a value."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from saypro_desktop.db import changelog
from saypro_desktop.db.models import Change
from saypro_desktop.sync.merge.tables import chunks
from saypro_desktop.sync.operations import ERASED_FIELD, PERSONAL_FIELDS, Operation, encode_value


def find_erased_rows(session: Session, fresh: Sequence[Operation]) -> set[tuple[str, str]]:
    """Rows that are (or become, in this batch) erased: their personal values never land."""
    erased = {(o.table, o.row_id) for o in fresh if o.field == ERASED_FIELD and o.value}
    candidates = list({o.row_id for o in fresh if o.table == "people"} - {r for _, r in erased})
    for chunk in chunks(candidates):
        erased.update(("people", row_id) for row_id in _erased_among(session, chunk))
    return erased


def _erased_among(session: Session, row_ids: Sequence[str]) -> list[str]:
    """Which of these people have an erasure in the log (one indexed lookup each). An
    erasure is an ``_erased`` operation with a true value, as the rows derive it."""
    names = changelog.names(session)
    found = session.execute(
        select(Change.row_key, Change.value).where(
            Change.table_no == names.find("people"),
            Change.row_key.in_(row_ids),
            Change.field_no == names.find(ERASED_FIELD),
        )
    ).all()
    return sorted({row for row, value in found if json.loads(value)})


def keep_seals(session: Session, fresh: Sequence[Operation],
               seals: Mapping[tuple[str, int], bytes], erased_rows: set[tuple[str, str]]) -> None:
    """Store the new operations' seals; for a value that lands already erased, keep only
    its commitment (the value itself was never written)."""
    # Signing (and its cryptography) loads when seals are first handled, not when the
    # database is opened.
    from saypro_desktop.sync.authorship import NONCE_BYTES, commitment
    from saypro_desktop.sync.ledger import store_seals

    kept: dict[tuple[str, int], bytes] = {}
    for op in fresh:
        seal = seals.get((op.device_id, op.seq))
        if not seal:
            continue
        if (len(seal) == NONCE_BYTES and (op.table, op.row_id) in erased_rows
                and op.field in PERSONAL_FIELDS):
            seal = commitment(encode_value(op.value), seal)
        kept[(op.device_id, op.seq)] = seal
    store_seals(session, kept)


def scrub_erased(session: Session, row_ids: Iterable[str]) -> None:
    """Blank personal values in the log of every erased person among ``row_ids``."""
    ids = list(row_ids)
    names = changelog.names(session)
    for chunk in chunks(ids):
        erased = _erased_among(session, chunk)
        if erased:
            seal_erased(session, erased)
            session.execute(
                text(
                    "UPDATE changes SET value = 'null' WHERE table_no = :table"
                    f" AND row_key = :row AND field_no IN ({_personal_sql(names)})"
                    " AND value != 'null'"
                ),
                [{"table": names.find("people"), "row": changelog.row_key(r)} for r in erased],
            )


def seal_erased(session: Session, row_ids: Sequence[str]) -> None:
    """Before erased values are blanked, turn their nonces into commitments, so the
    signed batches stay checkable and nothing left can confirm a guess of the value."""
    from saypro_desktop.sync.authorship import NONCE_BYTES, commitment
    from saypro_desktop.sync.ledger import store_seals

    names = changelog.names(session)
    for row_id in row_ids:
        rows = session.execute(
            text(
                "SELECT d.name, c.seq, c.value, s.seal FROM changes c"
                " JOIN log_names d ON d.no = c.device_no"
                " JOIN op_seals s ON s.device_id = d.name AND s.seq = c.seq"
                " WHERE c.table_no = :table AND c.row_key = :row"
                f" AND c.field_no IN ({_personal_sql(names)}) AND length(s.seal) = :nonce"
            ),
            {"table": names.find("people"), "row": changelog.row_key(row_id),
             "nonce": NONCE_BYTES},
        ).all()
        store_seals(session, {(device, seq): commitment(value, seal)
                              for device, seq, value, seal in rows})


def _personal_sql(names: changelog.LogNames) -> str:
    """The numbers of the personal fields, as an SQL list (-1 when none is held yet)."""
    return ", ".join(str(no) for no in names.finds(PERSONAL_FIELDS)) or str(changelog.NO_NAME)
