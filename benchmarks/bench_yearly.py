"""Benchmark: relation graphs for every year 1950-2014 (``graphs_for_years``).

Sources: the real peacesciencer extracts (ATOP ``atop_alliance``, COW
``cow_contdir``, ``tss_rivalries``, ``cow_trade_sy``) and a generated COW
Trade v4.0 dyadic file of 1,000,000+ rows (see ``bench_readers.py``) in a
temporary folder. Times, in the same process, each followed by real work on
every year's ties (``strength_tensor()`` of every graph: every tie is read):

* one pass: ``graphs_for_years(range(1950, 2015), **paths)``;
* per year: ``graph_for_year(y, **paths)`` for every year (default) or for
  every 8th year (``--quick``: the sample's mean scaled to the 65 years);
* the same two with preloaded DataFrames (each file read once beforehand),
  to show what is left when no file is read again;
* making every :class:`~middlepower.Tie` (with its evidence) of every year
  of the one pass (``graph.ties``), reported separately: the graphs make
  their tie objects on first use, so a caller who needs them all pays this
  on either path.

Target: the one pass at least 10x faster than per-year calls with paths. The
graphs of the timed years must be identical both ways (``identical``). Run::

    PYTHONPATH=src python benchmarks/bench_yearly.py [--quick]

``--data DIR`` points at the peacesciencer extracts (default
``/work/shared/data/peacesciencer``; the cuts in ``tests/data/io`` are not
enough: the benchmark needs the full files).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from bench_readers import write_trade_file  # noqa: E402


def _touch(graph: Any) -> float:
    """Real work on every tie of a graph: its strength tensor."""
    return float(graph.strength_tensor().sum())


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--quick", action="store_true", help="300,000 trade rows, every 8th year"
    )
    p.add_argument("--rows", type=int, default=None, help="rows of the trade file")
    p.add_argument(
        "--data",
        default="/work/shared/data/peacesciencer",
        help="folder with atop_alliance.csv, cow_contdir.csv, tss_rivalries.csv, "
        "cow_trade_sy.csv",
    )
    args = p.parse_args(argv)
    rows = args.rows or (300_000 if args.quick else 1_000_000)
    years = list(range(1950, 2015))
    sample = years[::8] if args.quick else years

    from middlepower.io import (
        graph_for_year,
        graphs_for_years,
        read_atop,
        read_cow_contiguity,
        read_cow_trade,
        read_cow_trade_totals,
        read_rivalries,
    )

    d = args.data
    with tempfile.TemporaryDirectory() as tmp:
        trade = os.path.join(tmp, "Dyadic_COW_4.0.csv")
        n = write_trade_file(trade, rows)
        paths = {
            "atop": os.path.join(d, "atop_alliance.csv"),
            "contiguity": os.path.join(d, "cow_contdir.csv"),
            "rivalries": os.path.join(d, "tss_rivalries.csv"),
            "trade_totals": os.path.join(d, "cow_trade_sy.csv"),
            "trade": trade,
        }
        print(f"trade file: {n:,} rows; years {years[0]}-{years[-1]}")
        _touch(graph_for_year(2000, **paths))  # warm imports and the page cache

        t0 = time.perf_counter()
        graphs = graphs_for_years(years, **paths)
        checksum = sum(_touch(g) for g in graphs.values())
        t_pass = time.perf_counter() - t0
        ties = sum(_n_ties(g) for g in graphs.values())

        per = []
        checksum_years = 0.0
        kept = {}
        for y in sample:
            t0 = time.perf_counter()
            g = graph_for_year(y, **paths)
            checksum_years += _touch(g)
            per.append(time.perf_counter() - t0)
            kept[y] = g
        t_years = sum(per) / len(per) * len(years)

        # equality (materialises the ties of the timed years, outside the timing)
        t0 = time.perf_counter()
        same = all(kept[y].identical(graphs[y]) for y in sample)
        t_equal = time.perf_counter() - t0
        del kept

        t0 = time.perf_counter()
        frames = {
            "atop": read_atop(paths["atop"]),
            "contiguity": read_cow_contiguity(paths["contiguity"]),
            "rivalries": read_rivalries(paths["rivalries"]),
            "trade_totals": read_cow_trade_totals(paths["trade_totals"]),
            "trade": read_cow_trade(trade),
        }
        t_read = time.perf_counter() - t0
        t0 = time.perf_counter()
        for g in graphs_for_years(years, **frames).values():
            _touch(g)
        t_pass_df = time.perf_counter() - t0
        per_df = []
        for y in sample:
            t0 = time.perf_counter()
            _touch(graph_for_year(y, **frames))
            per_df.append(time.perf_counter() - t0)
        t_years_df = sum(per_df) / len(per_df) * len(years)

        # every Tie of every year, made from a fresh one pass (one year at a time)
        fresh = graphs_for_years(years, **paths)
        t_make = 0.0
        made = 0
        for y in years:
            g = fresh.pop(y)
            t0 = time.perf_counter()
            made += len(g.ties)
            t_make += time.perf_counter() - t0
            del g

    how = "all 65 years" if sample == years else f"{len(sample)} sampled, scaled"
    print(f"graphs: {len(graphs)}, ties: {ties:,}; graphs identical both ways: {same}")
    print(f"checksums of the tensors equal: {_close(checksum, checksum_years, sample)}")
    print("each timing includes strength_tensor() of every graph built:")
    print(f"one pass, paths                  {t_pass:8.2f} s")
    print(f"graph_for_year per year, paths   {t_years:8.2f} s ({how})")
    print(f"reading the five files once      {t_read:8.2f} s")
    print(f"one pass, preloaded DataFrames   {t_pass_df:8.2f} s")
    print(f"per year, preloaded DataFrames   {t_years_df:8.2f} s ({how})")
    print(
        f"making every Tie of every year   {t_make:8.2f} s ({made:,} ties, "
        f"{t_make / max(made, 1) * 1e6:.2f} us per tie; on first use of .ties)"
    )
    print(f"(equality checks of {len(sample)} years: {t_equal:.2f} s, not timed above)")
    ratio = t_years / t_pass
    ratio_df = t_years_df / t_pass_df
    ratio_all = (t_years + t_make) / (t_pass + t_make)
    ok = ratio >= 10 and same
    print(
        f"per-year / one pass (paths)      = {ratio:.1f}x (target >= 10)  "
        f"{'PASS' if ok else 'FAIL'}"
    )
    print(f"per-year / one pass (DataFrames) = {ratio_df:.1f}x (reported, no target)")
    print(
        f"the same with every Tie made     = {ratio_all:.1f}x (paths; reported, "
        "no target)"
    )
    print(f"CPU cores available: {os.cpu_count()}")
    return 0 if ok else 1


def _n_ties(graph: Any) -> int:
    return len(graph._table)  # the count without making the tie objects


def _close(total: float, part: float, sample: list[int]) -> str:
    if len(sample) != 65:
        return "n/a (sampled years)"
    return str(abs(total - part) <= 1e-6 * max(1.0, abs(total)))


if __name__ == "__main__":
    sys.exit(main())
