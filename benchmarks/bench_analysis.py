"""Benchmark: orderings and sensitivity, speed against the scalar API and memory.

Run ``python benchmarks/bench_analysis.py``. It measures

* speed, in one process: ``orderings`` on an 8-contact sequence (40,320
  orders, all §2 measures) and ``sensitivity`` with 10,000 draws against a
  Python loop calling the public scalar functions once per order / draw
  (timed on a few hundred rows and scaled), checking the same numbers;
* peak memory, each case in a fresh interpreter (its own peak resident set
  size, ``resource.getrusage(RUSAGE_SELF).ru_maxrss``, read at the end, and
  the resident set before the call, after the imports): ``sensitivity`` with
  10,000,000 draws on the editorial sequence and ``orderings`` of every order
  of the editorial scenario's 10-contact sequence (3,628,800 orders);
  ``--before-src DIR`` runs the same two calls on another source tree (e.g.
  the main checkout's ``src``) for comparison.

Targets: both at least 50x faster than the scalar loop with the same numbers;
both large runs under 1 GB peak (1000 MB, the whole process). Exits non-zero
if a target is missed or a number differs. ``--quick`` runs 1,000,000 draws
and the 9 first contacts (362,880 orders) instead.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np

import middlepower as mp

ROOT = Path(__file__).resolve().parents[1]
TARGET_SPEEDUP = 50.0
TARGET_PEAK_MB = 1000.0

# One large run in a fresh interpreter: the process' own peak RSS at the end.
CASE = """
import json, resource, sys, time
import middlepower as mp

def rss_mb():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 1e6

sc = mp.load_scenario("korea-2025")
g = mp.RelationGraph.from_scenario(sc)
kind, size = sys.argv[1], int(sys.argv[2])
before = rss_mb()
t = time.perf_counter()
if kind == "sensitivity":
    res = mp.sensitivity(g, sc.sequence(), sc.poles, draws=size, seed=2025)
    summary = res.quantiles["tilt"][0.5]
else:
    seq = sc.sequences[1]
    seq = seq.replace(contacts=seq.contacts[:size])
    res = mp.orderings(g, seq, sc.poles, limit=size)
    summary = res.percentiles["equidistance"]
seconds = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6
print(json.dumps({"rows": len(res), "seconds": seconds, "peak_mb": peak,
                  "before_mb": before, "summary": summary}))
"""


def _scalar_scores(g, seq, poles, salience, interests=None, kinds=None):  # type: ignore[no-untyped-def]
    # the case's CZE and VNM have no tie to a pole: the scalar functions warn
    # on every call (the batch reports it once); the baseline stays quiet
    warnings.simplefilter("ignore", mp.MiddlePowerWarning)
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


def bench_orderings(loop_n: int) -> tuple[float, bool]:
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
    speedup = t_loop / t_batch
    print(
        f"orderings: {n_orders} orders of 8 contacts in {t_batch:.3f} s; scalar loop "
        f"{t_loop:.1f} s (from {loop_n} orders, scaled); same numbers: {ok}"
    )
    print(f"orderings speed-up vs scalar loop: {speedup:.0f}x (target >= 50x)")
    return speedup, ok


def bench_sensitivity(loop_n: int) -> tuple[float, bool]:
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
    speedup = t_loop / t_batch
    print(
        f"sensitivity: {draws} draws in {t_batch:.3f} s; scalar loop {t_loop:.1f} s "
        f"(from {loop_n} draws, scaled); same numbers: {ok}"
    )
    print(f"sensitivity speed-up vs scalar loop: {speedup:.0f}x (target >= 50x)")
    return speedup, ok


def run_case(src: Path, kind: str, size: int) -> dict[str, float]:
    """Run one large call in a fresh interpreter on the tree ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run(
        [sys.executable, "-c", CASE, kind, str(size)],
        capture_output=True,
        text=True,
        env=env,
    )
    if out.returncode != 0:
        raise RuntimeError(f"{kind} {size} failed:\n{out.stderr}")
    result: dict[str, float] = json.loads(out.stdout.splitlines()[-1])
    return result


def bench_memory(
    draws: int, contacts: int, before_src: Path | None
) -> list[tuple[str, float]]:
    cases = [
        ("sensitivity", draws, f"sensitivity, {draws:,} draws"),
        ("orderings", contacts, f"orderings, every order of {contacts} contacts"),
    ]
    peaks = []
    for kind, size, label in cases:
        now = run_case(ROOT / "src", kind, size)
        print(
            f"{label}: {int(now['rows']):,} rows in {now['seconds']:.1f} s, peak "
            f"{now['peak_mb']:.0f} MB ({now['before_mb']:.0f} MB before the call) "
            f"(target < {TARGET_PEAK_MB:.0f} MB)"
        )
        if before_src is not None:
            old = run_case(before_src, kind, size)
            same = old["summary"] == now["summary"]
            print(
                f"  before ({before_src}): {old['seconds']:.1f} s, peak "
                f"{old['peak_mb']:.0f} MB ({old['before_mb']:.0f} MB before the "
                f"call); same summary: {same}"
            )
        peaks.append((label, now["peak_mb"]))
    return peaks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loop", type=int, default=300, help="orders/draws looped")
    parser.add_argument(
        "--quick", action="store_true", help="1,000,000 draws and 9 contacts"
    )
    parser.add_argument(
        "--before-src", default=None, help="also measure memory on this src tree"
    )
    args = parser.parse_args()
    failures = []
    for name, fn in (
        ("orderings", bench_orderings),
        ("sensitivity", bench_sensitivity),
    ):
        speedup, ok = fn(args.loop)
        if speedup < TARGET_SPEEDUP:
            failures.append(f"{name} speed-up {speedup:.0f}x < {TARGET_SPEEDUP:.0f}x")
        if not ok:
            failures.append(f"{name}: batch and scalar numbers differ")
    draws, contacts = (1_000_000, 9) if args.quick else (10_000_000, 10)
    before = Path(args.before_src) if args.before_src else None
    for label, peak in bench_memory(draws, contacts, before):
        if peak >= TARGET_PEAK_MB:
            failures.append(f"{label}: peak {peak:.0f} MB >= {TARGET_PEAK_MB:.0f} MB")
    for f in failures:
        print("FAILED:", f)
    print("PASS" if not failures else "FAIL")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
