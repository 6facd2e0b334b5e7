"""Benchmark: relation graphs for every year 1950-2014 (``graphs_for_years``).

Sources: the real peacesciencer extracts (ATOP ``atop_alliance``, COW
``cow_contdir``, ``tss_rivalries``, ``cow_trade_sy``) and a generated COW
Trade v4.0 dyadic file of 1,000,000+ rows (see ``bench_readers.py``) in a
temporary folder. Times, in the same process:

* one pass: ``graphs_for_years(range(1950, 2015), **paths)``;
* per year: ``graph_for_year(y, **paths)`` for every year (``--full``) or for
  a sample of years spread over the period (default: every 8th year), the
  sample's mean scaled to the 65 years;
* the same two with preloaded DataFrames (each file read once beforehand),
  to show what is left when no file is read again.

Target: the one pass at least 10x faster than per-year calls with paths.
The graphs of the sampled years must be equal both ways. Run::

    PYTHONPATH=src python benchmarks/bench_yearly.py [--quick] [--full]

``--data DIR`` points at the peacesciencer extracts (default
``/work/shared/data/peacesciencer``, else ``tests/data/io`` cuts are not
enough: the benchmark needs the full files).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from bench_readers import write_trade_file  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="300,000 trade rows")
    p.add_argument("--full", action="store_true", help="time every year per year")
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
    sample = years if args.full else years[::8]

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
        graph_for_year(2000, **paths)  # warm imports and the page cache

        t0 = time.perf_counter()
        graphs = graphs_for_years(years, **paths)
        t_pass = time.perf_counter() - t0
        ties = sum(len(g.ties) for g in graphs.values())

        per = []
        same = True
        for y in sample:
            t0 = time.perf_counter()
            g = graph_for_year(y, **paths)
            per.append(time.perf_counter() - t0)
            same = same and g == graphs[y]
        t_years = sum(per) / len(per) * len(years)

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
        graphs_for_years(years, **frames)
        t_pass_df = time.perf_counter() - t0
        per_df = []
        for y in sample:
            t0 = time.perf_counter()
            graph_for_year(y, **frames)
            per_df.append(time.perf_counter() - t0)
        t_years_df = sum(per_df) / len(per_df) * len(years)

    how = "all years" if args.full else f"{len(sample)} sampled years, scaled to 65"
    print(f"graphs: {len(graphs)}, ties: {ties:,}; graphs equal both ways: {same}")
    print(f"one pass, paths                  {t_pass:8.2f} s")
    print(f"graph_for_year per year, paths   {t_years:8.2f} s ({how})")
    print(f"reading the five files once      {t_read:8.2f} s")
    print(f"one pass, preloaded DataFrames   {t_pass_df:8.2f} s")
    print(f"per year, preloaded DataFrames   {t_years_df:8.2f} s ({how})")
    ratio = t_years / t_pass
    ratio_df = t_years_df / t_pass_df
    ok = ratio >= 10 and same
    print(
        f"per-year / one pass (paths)      = {ratio:.1f}x (target >= 10)  "
        f"{'PASS' if ok else 'FAIL'}"
    )
    print(f"per-year / one pass (DataFrames) = {ratio_df:.1f}x (reported, no target)")
    print(f"CPU cores available: {os.cpu_count()}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
