"""Benchmark: exact and heuristic frustration on 51 real signed networks.

The 51 signed inter-state networks (Correlates of War, 1946-1999, one per
four-year window; ``src/middlepower/datasets/data/signed_interstate``) are read
with the csv module, labels mapped to ``0 .. n-1`` in sorted order. In one
process:

(a) ``frustration_and_model_baseline`` (``benchmarks/and_model.py``, not part
    of the package) -- Aref, Mason and Wilson's AND binary programme handed
    straight to HiGHS -- on every network, timed in total;
(b) ``frustration_exact`` on every network, timed in total; every result must
    be proven optimal and equal the baseline's line index;
(c) ``frustration_heuristic`` (fixed seed) on every network, timed one by one
    and compared with the exact optimum.

Targets (exit status 1 when one is missed): every network proven optimal;
exact at least 2x faster than the baseline in total; the heuristic equal to
the exact optimum on all but at most one network, never more than 2% above
it, and under 1 s per network. ``--quick`` runs five networks for a smoke test.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_frustration.py [--quick]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
from and_model import frustration_and_model_baseline
from numpy.typing import NDArray

from middlepower.kernels.frustration import (
    FrustrationSolution,
    frustration_exact,
    frustration_heuristic,
)

DATA = (
    Path(__file__).resolve().parents[1]
    / "src"
    / "middlepower"
    / "datasets"
    / "data"
    / "signed_interstate"
)
SEED = 20240601
TARGET_SPEEDUP = 2.0
TARGET_MAX_EXCESS = 0.02
TARGET_HEURISTIC_SECONDS = 1.0
ALLOWED_HEURISTIC_MISSES = 1
QUICK_WINDOWS = ("46-49", "58-61", "70-73", "82-85", "96-99")


@dataclass(frozen=True)
class Network:
    """One signed network as edge arrays."""

    window: str
    n: int
    u: NDArray[np.int64]
    v: NDArray[np.int64]
    w: NDArray[np.float64]


def load(path: Path) -> Network:
    """Read an undirected signed edge list with columns from, to, sign."""
    with path.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    labels = sorted({r["from"] for r in rows} | {r["to"] for r in rows})
    index = {label: i for i, label in enumerate(labels)}
    return Network(
        window=path.stem,
        n=len(labels),
        u=np.array([index[r["from"]] for r in rows], dtype=np.int64),
        v=np.array([index[r["to"]] for r in rows], dtype=np.int64),
        w=np.array([float(r["sign"]) for r in rows], dtype=np.float64),
    )


def timed(
    func: Callable[[], FrustrationSolution],
) -> tuple[FrustrationSolution, float]:
    """Run ``func`` once; return its result and the wall time."""
    start = time.perf_counter()
    result = func()
    return result, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="run five networks only (smoke test)"
    )
    parser.add_argument("--seed", type=int, default=SEED, help="seed of the heuristic")
    args = parser.parse_args(argv)

    paths = sorted(DATA.glob("*.csv"))
    if args.quick:
        paths = [p for p in paths if p.stem in QUICK_WINDOWS]
    nets = [load(p) for p in paths]
    if not nets:
        print(f"no networks found under {DATA}", file=sys.stderr)
        return 1

    # Warm-up outside the timings: imports, HiGHS start-up, first-call costs.
    tri = (np.array([0, 1, 0]), np.array([1, 2, 2]), np.array([1.0, 1.0, -1.0]))
    frustration_and_model_baseline(3, *tri)
    frustration_exact(3, *tri)
    frustration_heuristic(3, *tri, seed=0)

    baseline = [
        timed(partial(frustration_and_model_baseline, g.n, g.u, g.v, g.w)) for g in nets
    ]
    exact = [timed(partial(frustration_exact, g.n, g.u, g.v, g.w)) for g in nets]
    heuristic = [
        timed(partial(frustration_heuristic, g.n, g.u, g.v, g.w, seed=args.seed))
        for g in nets
    ]

    header = (
        f"{'window':>7} {'n':>4} {'m':>5} {'L_base':>7} {'L_exact':>8} "
        f"{'L_heur':>7} {'t_base':>8} {'t_exact':>8} {'t_heur':>8}  proven"
    )
    print(header)
    print("-" * len(header))
    for g, (b, tb), (e, te), (h, th) in zip(
        nets, baseline, exact, heuristic, strict=True
    ):
        print(
            f"{g.window:>7} {g.n:>4} {g.u.size:>5} {b.index:>7g} {e.index:>8g} "
            f"{h.index:>7g} {tb:>8.3f} {te:>8.3f} {th:>8.3f}  {e.exact}"
        )

    total_base = sum(t for _, t in baseline)
    total_exact = sum(t for _, t in exact)
    total_heur = sum(t for _, t in heuristic)
    speedup = total_base / total_exact
    proven = sum(e.exact for e, _ in exact)
    agree = sum(
        e.index == b.index for (e, _), (b, _) in zip(exact, baseline, strict=True)
    )
    equal = sum(
        h.index == e.index for (h, _), (e, _) in zip(heuristic, exact, strict=True)
    )
    excess = max(
        (h.index - e.index) / e.index if e.index > 0 else float(h.index > 0) * np.inf
        for (h, _), (e, _) in zip(heuristic, exact, strict=True)
    )
    max_heur = max(t for _, t in heuristic)
    count = len(nets)

    print()
    print(f"AND baseline total: {total_base:.2f} s")
    print(
        f"exact total: {total_exact:.2f} s (proven optimal on {proven}/{count}, "
        f"equal to baseline on {agree}/{count})"
    )
    print(f"heuristic total: {total_heur:.2f} s")
    print(f"exact speed-up vs AND baseline: {speedup:.2f}\u00d7")
    print(f"heuristic == exact on {equal}/{count}")
    print(f"max heuristic excess: {100 * excess:.2f}%")
    print(f"max heuristic time: {max_heur:.3f} s")

    missed = []
    if proven < count:
        missed.append(f"only {proven}/{count} networks proven optimal")
    if agree < count:
        missed.append(f"exact differs from the baseline on {count - agree} networks")
    if speedup < TARGET_SPEEDUP:
        missed.append(f"speed-up {speedup:.2f} below {TARGET_SPEEDUP}")
    if equal < count - ALLOWED_HEURISTIC_MISSES:
        missed.append(f"heuristic optimal on only {equal}/{count}")
    if excess > TARGET_MAX_EXCESS:
        missed.append(f"heuristic excess {100 * excess:.2f}% above 2%")
    if max_heur >= TARGET_HEURISTIC_SECONDS:
        missed.append(f"heuristic took {max_heur:.3f} s on one network")
    for line in missed:
        print(f"TARGET MISSED: {line}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
