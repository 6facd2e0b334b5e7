"""Benchmark: the time ``import middlepower`` takes, before and after lazy imports.

``import middlepower`` used to load ``scipy.optimize`` (HiGHS, for the exact
frustration; about 0.34 s of a 0.8 s import) and ``scipy.sparse``; now they
load when an integer programme or a large block first needs them. In one
process this script times ``import middlepower`` in fresh interpreters
(``--runs`` each, the minimum and the median reported) for

* this tree (``src`` next to this folder), and
* the tree before the change: a git revision exported with ``git archive``
  (``--before``, default ``39ba3f6``, the last commit before it) or a
  ``src`` directory given with ``--before-src`` (e.g. ``/work/main/src``);

then lists which heavy modules each import leaves in ``sys.modules`` and the
heaviest imports that remain (``python -X importtime``).

Targets (exit status 1 when one is missed): after the change ``import
middlepower`` loads neither ``scipy.optimize`` nor ``scipy.sparse``, and it is
at least 1.3 times faster than before (minimum over the runs, same machine,
same process). Without git or the old revision only the current figures are
printed.

Run from the repository root::

    python benchmarks/bench_import.py [--runs 7] [--before REV | --before-src DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("scipy.optimize", "scipy.sparse", "scipy", "tqdm", "pandas", "matplotlib")
TARGET_RATIO = 1.3
BEFORE = "39ba3f6"

PROBE = """
import sys, time, json
t = time.perf_counter()
import middlepower
t = time.perf_counter() - t
print(json.dumps({"seconds": t, "heavy": [m for m in HEAVY if m in sys.modules]}))
"""


def probe(src: Path) -> dict[str, object]:
    """Import middlepower from ``src`` in a fresh interpreter; time and modules."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    code = f"HEAVY = {HEAVY!r}\n{PROBE}"
    argv = [sys.executable, "-c", code]
    out = subprocess.run(argv, capture_output=True, text=True, check=True, env=env)
    result: dict[str, object] = json.loads(out.stdout.splitlines()[-1])
    return result


def measure(src: Path, runs: int) -> tuple[list[float], list[str]]:
    probe(src)  # warm the file system cache and the .pyc files
    results = [probe(src) for _ in range(runs)]
    seconds = [float(r["seconds"]) for r in results]  # type: ignore[arg-type]
    heavy = list(results[-1]["heavy"])  # type: ignore[call-overload]
    return seconds, heavy


def heaviest(src: Path, count: int = 8) -> list[tuple[int, str]]:
    """Top-level packages by cumulative import time (microseconds), heaviest first.

    Each package is charged where it is first imported (``-X importtime``).
    """
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import middlepower"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    rows = []
    for line in out.stderr.splitlines():
        parts = line.split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        name = parts[2].strip()
        if "." not in name and not name.startswith("_"):
            rows.append((int(parts[1]), name))
    return sorted(rows, reverse=True)[:count]


def export(rev: str, target: Path) -> Path | None:
    """Export ``src`` and ``seeds`` of a git revision into ``target``."""
    archive = target / "before.tar"
    try:
        with archive.open("wb") as fh:
            subprocess.run(
                ["git", "-C", str(ROOT), "archive", rev, "src", "seeds"],
                stdout=fh,
                stderr=subprocess.PIPE,
                check=True,
            )
    except (OSError, subprocess.CalledProcessError) as err:
        print(f"(cannot export revision {rev}: {err}; current figures only)")
        return None
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")
    return target / "src"


def show(label: str, seconds: list[float], heavy: list[str]) -> None:
    median = statistics.median(seconds)
    print(
        f"{label:<8} min {min(seconds):.3f} s, median {median:.3f} s over "
        f"{len(seconds)} runs; heavy modules loaded: {', '.join(heavy) or 'none'}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="imports timed per tree")
    parser.add_argument("--before", default=BEFORE, help="git revision before")
    parser.add_argument("--before-src", default=None, help="src directory before")
    args = parser.parse_args()

    after_s, after_heavy = measure(ROOT / "src", args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        if args.before_src:
            before_src: Path | None = Path(args.before_src)
        else:
            before_src = export(args.before, Path(tmp))
        before = measure(before_src, args.runs) if before_src else None

    print("import middlepower, fresh interpreter each time:")
    if before:
        show("before", *before)
    show("after", after_s, after_heavy)
    print("heaviest imports now (cumulative, charged to the first importer):")
    for micros, name in heaviest(ROOT / "src"):
        print(f"  {micros / 1e6:6.3f} s  {name}")

    failures = []
    for module in ("scipy.optimize", "scipy.sparse"):
        if module in after_heavy:
            failures.append(f"import middlepower still loads {module}")
    if before:
        ratio = min(before[0]) / min(after_s)
        saved = min(before[0]) - min(after_s)
        print(
            f"import time before/after: {ratio:.2f}x ({saved:.3f} s saved; "
            f"target >= {TARGET_RATIO}x)"
        )
        if ratio < TARGET_RATIO:
            failures.append(f"import only {ratio:.2f}x faster (< {TARGET_RATIO}x)")
    for line in failures:
        print("FAILED:", line)
    print("PASS" if not failures else "FAIL")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
