"""Benchmark: all-pairs foreign-policy similarity vs a Python loop over pairs.

On a seeded 200-state x 200-item valued alliance-portfolio matrix (values
0-3, each state's own item 3, 70% zeros), time ``similarity`` (all pairs at
once, METHODS.md §9) against a loop over the n(n+1)/2 pairs that computes
each pair with numpy over the items — the way the R scripts of the
literature do it (svmiller/fpsim ``srs()``, ``cohenk()``): pairwise deletion
of missing items, weighted disagreement, each state's weighted category
shares. Both must give the same matrix (to 1e-12). Cases:

* Signorino-Ritter S, absolute distances, CINC-like item weights;
* Cohen's kappa, squared distances (quadratic weighted kappa), unweighted;
* (reported, no target) kappa with 5% of the values missing, which takes
  the kernel's pairwise-deletion path.

Timing: the loop's fastest of ``rounds`` runs (3; 2 with ``--quick``) and
the fastest of 75 single calls of ``similarity`` after each of them
(interleaved, so both see the same machine load; the minimum, as ``timeit``
recommends, because other processes only ever add time).

BLAS runs on one thread (set before numpy is imported, unless the caller set
``OPENBLAS_NUM_THREADS`` / ``OMP_NUM_THREADS`` / ``MKL_NUM_THREADS``): the
loop is single-threaded Python, so the ratio compares the algorithms, not the
number of cores, and is not distorted by thread contention on a busy machine.
Exits non-zero when a value differs or a speed-up is below the target.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_similarity.py           # 200 x 200
    PYTHONPATH=src python benchmarks/bench_similarity.py --quick   # 80 x 80
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402 - after the thread settings
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402

import numpy as np  # noqa: E402
from numpy.typing import NDArray  # noqa: E402

from middlepower.kernels.similarity import category_distances  # noqa: E402
from middlepower.metrics.similarity import similarity  # noqa: E402

SEED = 20260901
TARGET = 100.0
TOLERANCE = 1e-12
SCALE = (0.0, 3.0)

FloatArray = NDArray[np.float64]


def portfolios(n: int, rng: np.random.Generator) -> FloatArray:
    """Valued portfolios: 0 (70%), 1, 2, 3 (10% each); own item 3."""
    X = rng.choice([0.0, 1.0, 2.0, 3.0], size=(n, n), p=[0.7, 0.1, 0.1, 0.1])
    np.fill_diagonal(X, 3.0)
    return X


def loop_over_pairs(
    X: FloatArray, method: str, distance: str, weights: FloatArray
) -> FloatArray:
    """The same matrix, one pair at a time (numpy over the items of a pair)."""
    n = X.shape[0]
    values = np.unique(X[~np.isnan(X)])
    D = category_distances(values, distance, SCALE[1] - SCALE[0])
    codes = np.searchsorted(values, np.nan_to_num(X))
    C = len(values)
    out = np.empty((n, n))
    for i in range(n):
        for j in range(i, n):
            keep = ~(np.isnan(X[i]) | np.isnan(X[j]))
            ci, cj, w = codes[i, keep], codes[j, keep], weights[keep]
            total = w.sum()
            d_obs = (w * D[ci, cj]).sum() / total
            if method == "s":
                value = 1.0 - 2.0 * d_obs
            else:
                p = np.bincount(ci, weights=w, minlength=C) / total
                q = np.bincount(cj, weights=w, minlength=C) / total
                if method == "pi":
                    p = q = 0.5 * (p + q)
                d_exp = p @ D @ q
                value = 1.0 - d_obs / d_exp if d_exp > 0 else np.nan
            out[i, j] = out[j, i] = value
    return out


def best_time(func: Callable[[], object], repeat: int, number: int) -> float:
    """Best wall time per call over ``repeat`` rounds of ``number`` calls."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            func()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def run_case(
    label: str,
    X: FloatArray,
    method: str,
    distance: str,
    weights: FloatArray,
    rounds: int,
) -> tuple[float, bool]:
    """Time both ways, interleaved (``rounds`` each); return ratio and agreement."""

    def fast() -> object:
        return similarity(X, method, distance, weights, scale=SCALE)

    def slow() -> object:
        return loop_over_pairs(X, method, distance, weights)

    got, want = np.asarray(fast()), np.asarray(slow())
    same_nan = np.array_equal(np.isnan(got), np.isnan(want))
    diff = float(np.nanmax(np.abs(got - want))) if same_nan else float("inf")
    agree = same_nan and diff <= TOLERANCE
    fast_best = slow_best = float("inf")
    for _ in range(rounds):  # interleaved: both see the same machine load
        slow_best = min(slow_best, best_time(slow, repeat=1, number=1))
        fast_best = min(fast_best, best_time(fast, repeat=75, number=1))
    ratio = slow_best / fast_best
    n, K = X.shape
    print(
        f"{label}: {n} states x {K} items, all pairs {fast_best * 1e3:.2f} ms, "
        f"loop over {n * (n + 1) // 2} pairs {slow_best * 1e3:.0f} ms "
        f"(best of {rounds} loops, {rounds * 75} calls); max |difference| {diff:.1e} "
        f"({'same result' if agree else 'DIFFERENT RESULT'})"
    )
    return ratio, agree


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return the process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="80 states x 80 items")
    args = parser.parse_args(argv)
    n = 80 if args.quick else 200
    rounds = 2 if args.quick else 3
    rng = np.random.default_rng(SEED)
    X = portfolios(n, rng)
    cinc = rng.lognormal(-6.0, 1.5, size=n)
    cinc /= cinc.sum()
    ones = np.ones(n)
    Xmiss = X.copy()
    Xmiss[rng.random(X.shape) < 0.05] = np.nan
    print(
        f"BLAS threads: OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}; "
        f"target >= {TARGET:.0f}x at 200 x 200"
    )
    cases = {
        "S (absolute, CINC weights)": run_case("S", X, "s", "absolute", cinc, rounds),
        "kappa (squared)": run_case("kappa", X, "kappa", "squared", ones, rounds),
    }
    extra = run_case("kappa, 5% missing", Xmiss, "kappa", "squared", ones, rounds)
    ok = True
    for label, (ratio, agree) in cases.items():
        passed = agree and ratio >= TARGET
        ok = ok and passed
        print(
            f"similarity {label} vs loop over pairs: {ratio:.0f}x faster "
            f"(target >= {TARGET:.0f}x) {'PASS' if passed else 'FAIL'}"
        )
    print(
        f"similarity kappa (squared, 5% missing) vs loop over pairs: "
        f"{extra[0]:.0f}x faster (reported only) "
        f"{'same result' if extra[1] else 'DIFFERENT RESULT'}"
    )
    ok = ok and extra[1]
    if args.quick:
        print("(--quick: a smoke run at 80 x 80; the target applies at 200 x 200)")
        ok = all(agree for _, agree in (*cases.values(), extra))
    if not ok:
        print("FAIL: a value differs or a speed-up is below target", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
