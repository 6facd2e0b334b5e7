"""What the state-code registry check costs when building a RelationGraph.

``RelationGraph(ties)`` checks every code against the "state" registry by one
set difference over the distinct codes. This script builds the same graph
with ``check_codes=True`` and ``check_codes=False`` (everything else equal, in
the same process) and reports the ratio. It also times the check alone
against the construction. Graphs use real ISO3 codes, as ``graph_for_year``
builds them from real data.

Target: the check adds at most 5% to the construction time.

Run: ``PYTHONPATH=src python benchmarks/bench_registry_check.py [--quick]``
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np

from middlepower import _checks
from middlepower.graph import RelationGraph
from middlepower.models import Tie
from middlepower.registry import known_codes

TARGET = 1.05


def _ties(n_states: int, n_ties: int, seed: int = 0) -> list[Tie]:
    rng = np.random.default_rng(seed)
    codes = sorted(known_codes("iso3"))[:n_states]
    seen: set[tuple[str, str]] = set()
    ties = []
    while len(ties) < n_ties:
        i, j = rng.choice(len(codes), size=2, replace=False)
        a, b = sorted((codes[i], codes[j]))
        if (a, b) in seen:
            continue
        seen.add((a, b))
        ties.append(
            Tie(source=a, target=b, kind="alliance", strength=float(rng.random()))
        )
    return ties


def _best(f: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smaller graph")
    args = parser.parse_args()
    n_states, n_ties, repeat = (60, 400, 5) if args.quick else (200, 5000, 7)
    ties = _ties(n_states, n_ties)
    codes = sorted({c for t in ties for c in (t.source, t.target)})
    _checks.registry_codes()  # the registry is read once, then cached
    off = _best(lambda: RelationGraph(ties, check_codes=False), repeat)
    on = _best(lambda: RelationGraph(ties, check_codes=True), repeat)
    alone = _best(lambda: _checks.check_registered(codes), repeat * 10)
    ratio = on / off
    print(f"{len(codes)} states, {len(ties)} ties (best of {repeat})")
    print(f"  construction without the check: {off * 1e3:8.2f} ms")
    print(f"  construction with the check:    {on * 1e3:8.2f} ms")
    print(f"  the check alone:                {alone * 1e6:8.1f} us")
    print(f"  ratio with/without {ratio:.3f} (target <= {TARGET}): ", end="")
    print("PASS" if ratio <= TARGET else "FAIL")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
