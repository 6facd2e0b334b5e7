"""`import middlepower` stays light: heavy modules load only when needed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

#: Loaded on first use only (scipy.optimize was 0.34 s of a 0.8 s import).
LAZY = ("scipy.optimize", "scipy.sparse", "scipy", "tqdm")


def _modules_after(code: str) -> set[str]:
    """Run ``code`` in a fresh interpreter; return the names in sys.modules."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_import_leaves_scipy_and_tqdm_out() -> None:
    loaded = _modules_after("import middlepower")
    assert "middlepower" in loaded
    assert not loaded & set(LAZY), sorted(loaded & set(LAZY))


def test_small_frustration_needs_no_scipy() -> None:
    """Blocks of up to 20 nodes are enumerated: no LP, no scipy at all."""
    loaded = _modules_after(
        "import middlepower as mp\n"
        "res = mp.frustration(mp.datasets.load_tribes(), method='exact')\n"
        "assert res.exact and res.index == 7.0"
    )
    assert "scipy.optimize" not in loaded
    assert "scipy.sparse" not in loaded


@pytest.mark.parametrize("module", ["scipy.optimize", "scipy.sparse"])
def test_integer_programme_loads_scipy_when_it_runs(module: str) -> None:
    """A 30-node random graph (mean degree 6, 30% negative) whose core block
    the local search and the triangle packing cannot settle: the LP runs
    (HiGHS through scipy.optimize) and proves the optimum of 18."""
    loaded = _modules_after(
        "import numpy as np\n"
        "from middlepower.kernels.frustration import frustration_exact\n"
        "rng = np.random.default_rng(0)\n"
        "iu, ju = np.triu_indices(30, 1)\n"
        "keep = rng.random(iu.size) < 6 / 29\n"
        "w = np.where(rng.random(int(keep.sum())) < 0.3, -1.0, 1.0)\n"
        "sol = frustration_exact(30, iu[keep], ju[keep], w)\n"
        "assert sol.exact and sol.index == 18.0"
    )
    assert module in loaded
