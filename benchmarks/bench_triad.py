"""Benchmark: triangle balance by matrix traces vs plain-Python enumeration.

On a complete signed graph of 200 states (seeded random signs, and a weighted
variant with signed strengths in [-1, 1]), time ``triad_balance_matrix``
against ``triad_balance_bruteforce`` in one process, check that both give the
same value (to 1e-12) and report the speed-up. Exits non-zero when the values
differ or the speed-up is below the target.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_triad.py
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from middlepower.kernels.balance import (
    triad_balance_bruteforce,
    triad_balance_matrix,
)

N_STATES = 200
SEED = 20240601
TARGET = 100.0
TOLERANCE = 1e-12
MIN_FAST_SECONDS = 0.5  # repeat the fast kernel until this much time has passed


def complete_signed(
    n: int, rng: np.random.Generator, *, weighted: bool
) -> NDArray[np.float64]:
    """Complete signed graph: random signs, or signed strengths in [-1, 1]."""
    if weighted:
        upper = rng.uniform(-1.0, 1.0, size=(n, n))
        upper[upper == 0.0] = 0.5  # keep the graph complete
    else:
        upper = rng.choice([-1.0, 1.0], size=(n, n))
    S = np.triu(upper, 1)
    return S + S.T


def best_time(func: Callable[[], object], repeat: int, number: int) -> float:
    """Best wall time per call over ``repeat`` rounds of ``number`` calls."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            func()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def calls_for(func: Callable[[], object], seconds: float) -> int:
    """Number of calls of ``func`` that take about ``seconds`` (after warm-up)."""
    func()  # warm-up: first-call costs (BLAS threads, caches) are not timed
    start = time.perf_counter()
    for _ in range(10):
        func()
    once = max((time.perf_counter() - start) / 10, 1e-7)
    return max(10, int(seconds / once))


def run_case(S: NDArray[np.float64], label: str) -> tuple[float, bool]:
    """Time both kernels on ``S``; return the speed-up and whether values agree."""
    fast_value = triad_balance_matrix(S)
    slow_value = triad_balance_bruteforce(S)
    agree = (
        fast_value is not None
        and slow_value is not None
        and abs(fast_value - slow_value) <= TOLERANCE
    )

    number = calls_for(lambda: triad_balance_matrix(S), MIN_FAST_SECONDS / 5)
    fast = best_time(lambda: triad_balance_matrix(S), repeat=5, number=number)
    slow = best_time(lambda: triad_balance_bruteforce(S), repeat=3, number=1)
    ratio = slow / fast
    print(
        f"{label}: n={S.shape[0]}, matrix B={fast_value!r} in {fast * 1e3:.3f} ms "
        f"(best of 5 x {number} calls), enumeration B={slow_value!r} in "
        f"{slow * 1e3:.1f} ms (best of 3); values "
        f"{'agree' if agree else 'DIFFER'} to {TOLERANCE:g}"
    )
    return ratio, agree


def main() -> int:
    """Run the benchmark; return the process exit code."""
    rng = np.random.default_rng(SEED)
    results = {
        "unweighted": run_case(
            complete_signed(N_STATES, rng, weighted=False), "unweighted"
        ),
        "weighted": run_case(complete_signed(N_STATES, rng, weighted=True), "weighted"),
    }
    ok = True
    for label, (ratio, agree) in results.items():
        print(
            f"triad_balance matrix vs enumeration ({label}): {ratio:.0f}\u00d7 faster "
            f"(target \u2265 {TARGET:.0f}\u00d7)"
        )
        ok = ok and agree and ratio >= TARGET
    ratio = min(ratio for ratio, _ in results.values())
    print(
        f"triad_balance matrix vs enumeration: {ratio:.0f}\u00d7 faster "
        f"(target \u2265 {TARGET:.0f}\u00d7)"
    )
    if not ok:
        print("FAIL: values differ or speed-up below target", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
