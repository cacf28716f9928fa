"""``python -m benchmarks``: build (or reuse) the demo database, run every figure, print one
table and write it as JSON. It informs; it never fails a build (exit 0 unless it could not
run at all)."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.dataset import RESULTS, build_database
from benchmarks.harness import (
    FIGURES,
    Context,
    format_markdown,
    format_table,
    run_figures,
    write_json,
)

QUICK_PEOPLE = 10_000


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--people", type=int, default=None,
                        help="people in the demo database (default 100,000; 10,000 with --quick)")
    parser.add_argument("--seed", type=int, default=1, help="demo data seed (default 1)")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 10,000 people, fewer repeats, smaller batches")
    parser.add_argument("--repeats", type=int, default=None,
                        help="measured runs per figure (default 5; 3 with --quick)")
    parser.add_argument("--warmups", type=int, default=None,
                        help="warm-up runs before measuring (default 1)")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="run only this figure (repeatable), e.g. --only search")
    parser.add_argument("--out", type=Path, default=RESULTS / "latest.json",
                        help="where to write the JSON (default benchmarks/results/latest.json)")
    parser.add_argument("--cache-dir", type=Path, default=RESULTS,
                        help="where built demo databases are cached (default benchmarks/results)")
    parser.add_argument("--markdown", action="store_true",
                        help="also print the table as Markdown (for benchmarks/README.md)")
    parser.add_argument("--list", action="store_true", help="list the figures and exit")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    import benchmarks.figures as figures

    args = parse_args(argv)
    FIGURES.sort(key=lambda f: figures.ORDER.index(f.name) if f.name in figures.ORDER else 99)
    if args.list:
        for fig in FIGURES:
            print(f"{fig.name}: " + ", ".join(r.name for r in fig.placeholder))
        return 0
    known = {f.name for f in FIGURES}
    unknown = [o for o in args.only if o.split(".")[0] not in known]
    if unknown:
        print(f"unknown figure {', '.join(unknown)}; choose from {', '.join(sorted(known))}",
              file=sys.stderr)
        return 2
    people = args.people or (QUICK_PEOPLE if args.quick else 100_000)
    repeats = args.repeats or (3 if args.quick else 5)
    warmups = 1 if args.warmups is None else args.warmups
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    db_path = build_database(args.cache_dir, people, args.seed)
    build_s = time.perf_counter() - t0
    # Scratch copies sit beside the cache (same disk as the real file, not a RAM /tmp).
    work_dir = Path(tempfile.mkdtemp(prefix="work-", dir=args.cache_dir))
    try:
        ctx = Context(db_path=db_path, people=people, seed=args.seed, repeats=repeats,
                      warmups=warmups, quick=args.quick, work_dir=work_dir)
        sys.stderr.write(f"benchmarking {people:,} people, {repeats} runs after {warmups} "
                         f"warm-up(s), database {db_path.name}\n")
        results = run_figures(ctx, args.only)
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
    total_s = time.perf_counter() - t0
    write_json(args.out, ctx, results, started,
               {"database_ready_s": round(build_s, 1), "total_s": round(total_s, 1),
                "only": args.only})
    print()
    print(format_table(results))
    if args.markdown:
        print()
        print(format_markdown(results))
    print(f"\nwritten to {args.out} ({total_s:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
