"""File readers: vCard unfolding and quoted-printable (linear, not quadratic), CSV rows/s.

Ours: ``interop.vcard.read_vcards`` on one card whose NOTE is folded over N lines (and
one whose quoted-printable value has N soft breaks); ``interop.delimited.open_delimited``
streaming a CSV of contact rows. Baselines, in the same run on the same bytes, do the
least the job needs with the standard library: split the lines and join them (plus
``quopri`` for quoted-printable), and ``csv.reader``. The scaling row is the time for N
lines over the time for N/4: about 4 when reading is linear (it was ~24 when unfolding
was quadratic).
"""

from __future__ import annotations

import csv
import io
import quopri
import time

from benchmarks.harness import Context, Result, figure, median, runs

ROWS = [
    ("readers.vcard_unfold", "vCard: unfold a value folded over N lines", "ms", "–"),
    ("readers.vcard_qp", "vCard: quoted-printable value with N soft breaks", "ms", "–"),
    ("readers.vcard_scaling", "vCard unfolding: time for N lines / N/4 lines", "x",
     "≈ 4 (linear)"),
    ("readers.csv_rows_per_s", "CSV reader, streamed", "rows/s", "–"),
]


def _folded(lines: int) -> bytes:
    return (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nNOTE:x" + b"\r\n abcdefghij" * lines
            + b"\r\nEND:VCARD\r\n")


def _qp(lines: int) -> bytes:
    return (b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:B\r\nNOTE;ENCODING=QUOTED-PRINTABLE;"
            b"CHARSET=UTF-8:x" + b"=\r\n=C3=A9abc" * lines + b"\r\nEND:VCARD\r\n")


def _baseline_unfold(data: bytes) -> None:
    lines = data.split(b"\r\n")
    b"".join(line[1:] if line[:1] == b" " else line for line in lines)


def _baseline_qp(data: bytes) -> None:
    quopri.decodestring(data).decode("utf-8", "replace")


def _ms(fn: object, data: bytes) -> float:
    started = time.perf_counter()
    fn(data)  # type: ignore[operator]
    return (time.perf_counter() - started) * 1000


def _csv(rows: int) -> bytes:
    body = "".join(f"Person{i},Surname{i},person{i}@example.org,082 555 {i % 10000:04d},"
                   f'"12 Long St\r\nCape Town",Zoë\r\n' for i in range(rows))
    return ("First,Last,Email,Phone,Address,Notes\r\n" + body).encode("utf-8")


@figure("readers", ROWS)
def readers(ctx: Context) -> list[Result]:
    from saypro_desktop.interop.delimited import open_delimited
    from saypro_desktop.interop.vcard import read_vcards

    lines = 25_000 if ctx.quick else 100_000
    results: list[Result] = []
    folded, qp = _folded(lines), _qp(lines)
    for (name, label, unit, target), data, base, base_label in (
        (ROWS[0], folded, _baseline_unfold, "split lines + join"),
        (ROWS[1], qp, _baseline_qp, "stdlib quopri decode"),
    ):
        ours = runs(ctx, lambda d=data: _ms(read_vcards, d))
        theirs = runs(ctx, lambda d=data, b=base: _ms(b, d))
        results.append(Result(name=name, label=f"{label} (N = {lines:,})", unit=unit,
                              value=median(ours), baseline=median(theirs),
                              baseline_label=base_label, target=target, samples=ours,
                              baseline_samples=theirs))
    quarter = _folded(lines // 4)
    small = runs(ctx, lambda: _ms(read_vcards, quarter))
    small_base = runs(ctx, lambda: _ms(_baseline_unfold, quarter))
    results.append(Result(
        name=ROWS[2][0], label=ROWS[2][1], unit="x",
        value=results[0].value / median(small),  # type: ignore[operator]
        baseline=results[0].baseline / median(small_base),  # type: ignore[operator]
        baseline_label="the same ratio for the baseline", target=ROWS[2][3],
        samples=[results[0].value / s for s in small],  # type: ignore[operator]
        baseline_samples=[results[0].baseline / s for s in small_base]))  # type: ignore[operator]

    rows = 20_000 if ctx.quick else 200_000
    data = _csv(rows)

    def ours_csv() -> float:
        started = time.perf_counter()
        count = sum(1 for _ in open_delimited(data).rows())
        assert count == rows
        return rows / (time.perf_counter() - started)

    def stdlib_csv() -> float:
        started = time.perf_counter()
        reader = csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline=""))
        count = sum(1 for _ in reader) - 1
        assert count == rows
        return rows / (time.perf_counter() - started)

    ours_rates = runs(ctx, ours_csv)
    base_rates = runs(ctx, stdlib_csv)
    results.append(Result(
        name=ROWS[3][0], label=f"{ROWS[3][1]} ({rows:,} rows, {len(data) / 2**20:.0f} MB)",
        unit="rows/s", value=median(ours_rates), baseline=median(base_rates),
        baseline_label="stdlib csv.reader", target=ROWS[3][3], higher_is_better=True,
        note="sniffing, decoding with evidence, header detection, caps and ragged checks",
        samples=ours_rates, baseline_samples=base_rates))
    return results
