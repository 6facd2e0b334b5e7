"""Benchmark: balance_panel on 30 million events in Parquet partitions, on Dask.

Run ``PYTHONPATH=src python benchmarks/bench_dask.py`` (``--quick`` for three
million events). It writes synthetic canonical events (see
``_events_synth.py``: 200 real ISO3 codes, Zipf-skewed partners, 30 years)
as Parquet files of one million rows each into a temporary directory, starts
a ``LocalCluster`` of two worker processes with ``memory_limit="2GB"`` each
and one thread each, and runs ``balance_panel`` (every focal state, monthly,
every level) on ``dask.dataframe.read_parquet`` of the directory: contact
rows per partition, a shuffle by (focal state, period), then the same kernel
per partition.

Checks and figures: the run completes within the workers' memory limits
(their peak resident set size is printed); on a subset of three files the
distributed result is identical (same rows, order and floats) to the
embedded ``balance_panel`` of the same events. Prints PASS/FAIL and exits
non-zero on a failure. Wall times on a shared machine are indicative.
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import shutil
import sys
import tempfile
import time

import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _events_synth as synth

from middlepower.events import balance_panel

POLES = ("USA", "CHN")
PART = 1_000_000


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 million events")
    parser.add_argument("--keep", default=None, help="write the files here, keep them")
    args = parser.parse_args()
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    n_parts = 3 if args.quick else 30
    where = args.keep or tempfile.mkdtemp(prefix="mp-events-")
    os.makedirs(where, exist_ok=True)
    graph = synth.alignment_graph()
    try:
        t = time.perf_counter()
        for i in range(n_parts):
            path = os.path.join(where, f"part-{i:03d}.parquet")
            if not os.path.exists(path):
                synth.events(PART, seed=100 + i, first_id=i * PART).to_parquet(path)
        size = sum(os.path.getsize(os.path.join(where, f)) for f in os.listdir(where))
        print(
            f"events: {n_parts * PART:,} in {n_parts} Parquet files "
            f"({size / 2**20:,.0f} MB), written in {time.perf_counter() - t:.1f} s"
        )
        with (
            LocalCluster(
                n_workers=2,
                threads_per_worker=1,
                processes=True,
                memory_limit="2GB",
                dashboard_address=None,
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,
        ):
            t = time.perf_counter()
            panel = balance_panel(
                dd.read_parquet(where), graph, POLES, level=None, freq="MS"
            )
            t_all = time.perf_counter() - t
            peaks = client.run(_peak_rss_mb)
            print(
                f"dask balance_panel: {t_all:.1f} s -> {len(panel):,} rows "
                f"({panel.focal.nunique()} focal states x {panel.period.nunique()} "
                f"months), {int(panel.n_contacts.sum()):,} contacts; "
                f"{n_parts * PART / t_all / 1e6:.2f} M events/s"
            )
            print(
                "worker peak RSS: "
                + ", ".join(f"{v:,.0f} MB" for v in peaks.values())
                + " (limit 2 GB each)"
            )
            # identical to the embedded run on a subset of three files
            subset = [os.path.join(where, f"part-{i:03d}.parquet") for i in range(3)]
            t = time.perf_counter()
            on_cluster = balance_panel(
                dd.read_parquet(subset), graph, POLES, level=None, freq="MS"
            )
            t_sub = time.perf_counter() - t
        t = time.perf_counter()
        embedded = balance_panel(
            pd.concat([pd.read_parquet(p) for p in subset], ignore_index=True),
            graph,
            POLES,
            level=None,
            freq="MS",
        )
        t_emb = time.perf_counter() - t
        try:
            pd.testing.assert_frame_equal(on_cluster, embedded, check_exact=True)
            same = True
        except AssertionError as err:
            print(err)
            same = False
        print(
            f"subset of {len(subset) * PART:,} events: dask {t_sub:.1f} s, embedded "
            f"{t_emb:.1f} s, {len(embedded):,} rows"
        )
        within = all(v < 2e9 / 2**20 for v in peaks.values())  # MiB
        checks = [
            (f"{n_parts * PART:,} events on 2 workers of 2 GB", len(panel) > 0),
            ("worker peak RSS within the 2 GB limit", within),
            ("dask result identical to embedded on the subset", same),
        ]
        for label, ok in checks:
            print(f"{'PASS' if ok else 'FAIL'}  {label}")
        return 0 if all(ok for _, ok in checks) else 1
    finally:
        if not args.keep:
            shutil.rmtree(where, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
