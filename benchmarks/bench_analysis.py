"""Benchmark: orderings and sensitivity (batch kernels) vs a loop over the scalar API.

Run ``python benchmarks/bench_analysis.py``. In one process it times

* ``orderings`` on an 8-contact sequence (40,320 orders, all §2 measures)
  against a Python loop calling the public scalar functions once per order
  (timed on a few hundred orders and scaled), checking the same numbers;
* ``sensitivity`` with 10,000 draws against the same loop over the draws
  (timed on a few hundred draws and scaled), same numbers for the same seed;
* peak memory of both (``tracemalloc``, numpy allocations included).

Targets: both at least 50x faster than the loop, peak memory under 500 MB.
Exits non-zero if a target is missed or a number differs.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import tracemalloc

import numpy as np

import middlepower as mp

TARGET_SPEEDUP = 50.0
TARGET_PEAK_MB = 500.0


def _scalar_scores(g, seq, poles, salience, interests=None, kinds=None):  # type: ignore[no-untyped-def]
    return {
        "equidistance": mp.equidistance(g, seq, poles, salience=salience, kinds=kinds),
        "tilt": mp.tilt(g, seq, poles, salience=salience, kinds=kinds),
        "proportionality": mp.proportionality(
            g, seq, salience=salience, interests=interests
        ),
        "concordance": mp.concordance(g, seq, interests=interests),
    }


def _same(a: float | None, b: float) -> bool:
    if a is None:
        return math.isnan(b)
    return abs(a - b) <= 1e-9


def _peak_mb(fn) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    tracemalloc.start()
    out = fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20, out


def bench_orderings(loop_n: int) -> tuple[float, float, bool]:
    sc = mp.load_scenario("korea-2025")
    g = mp.RelationGraph.from_scenario(sc)
    long = sc.sequences[-1]
    seq = long.replace(contacts=long.contacts[:8], label="first eight contacts")
    assert len(seq) == 8, "the 8-contact benchmark sequence needs the long sequence"
    t = time.perf_counter()
    res = mp.orderings(g, seq, sc.poles)
    t_batch = time.perf_counter() - t
    n_orders = len(res)
    rows = np.linspace(0, n_orders - 1, loop_n).astype(int)
    slots = [c.on for c in seq.contacts]
    ok = True
    t = time.perf_counter()
    for row in rows:
        contacts = [
            seq.contacts[i].replace(on=day)
            for i, day in zip(res.orders[row], slots, strict=True)
        ]
        alt = seq.replace(contacts=contacts)
        scores = _scalar_scores(g, alt, sc.poles, "harmonic")
        ok &= all(_same(v, float(res.scores[k][row])) for k, v in scores.items())
    t_loop = (time.perf_counter() - t) / loop_n * n_orders
    peak, _ = _peak_mb(lambda: mp.orderings(g, seq, sc.poles))
    print(
        f"orderings: {n_orders} orders of 8 contacts in {t_batch:.3f} s; scalar loop "
        f"{t_loop:.1f} s (from {loop_n} orders, scaled); peak {peak:.1f} MB; "
        f"same numbers: {ok}"
    )
    speedup = t_loop / t_batch
    print(f"orderings speed-up vs scalar loop: {speedup:.0f}x (target >= 50x)")
    return speedup, peak, ok


def bench_sensitivity(loop_n: int) -> tuple[float, float, bool]:
    sc = mp.load_scenario("korea-2025")
    g = mp.RelationGraph.from_scenario(sc)
    seq = sc.sequence()
    draws = 10_000
    t = time.perf_counter()
    res = mp.sensitivity(g, seq, sc.poles, draws=draws, seed=2025)
    t_batch = time.perf_counter() - t
    rows = np.linspace(0, draws - 1, loop_n).astype(int)
    ok = True
    t = time.perf_counter()
    for row in rows:
        kw = res.draw_settings(int(row))
        scores = _scalar_scores(g, seq, sc.poles, **kw)
        ok &= all(_same(v, float(res.scores[k][row])) for k, v in scores.items())
    t_loop = (time.perf_counter() - t) / loop_n * draws
    peak, _ = _peak_mb(lambda: mp.sensitivity(g, seq, sc.poles, draws=draws, seed=2025))
    print(
        f"sensitivity: {draws} draws in {t_batch:.3f} s; scalar loop {t_loop:.1f} s "
        f"(from {loop_n} draws, scaled); peak {peak:.1f} MB; same numbers: {ok}"
    )
    speedup = t_loop / t_batch
    print(f"sensitivity speed-up vs scalar loop: {speedup:.0f}x (target >= 50x)")
    return speedup, peak, ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--loop", type=int, default=300, help="orders/draws looped")
    args = parser.parse_args()
    failures = []
    for name, fn in (
        ("orderings", bench_orderings),
        ("sensitivity", bench_sensitivity),
    ):
        speedup, peak, ok = fn(args.loop)
        if speedup < TARGET_SPEEDUP:
            failures.append(f"{name} speed-up {speedup:.0f}x < {TARGET_SPEEDUP:.0f}x")
        if peak >= TARGET_PEAK_MB:
            failures.append(f"{name} peak {peak:.0f} MB >= {TARGET_PEAK_MB:.0f} MB")
        if not ok:
            failures.append(f"{name}: batch and scalar numbers differ")
    for f in failures:
        print("FAILED:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
