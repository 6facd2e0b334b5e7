"""HiGHS programmes: the cycle LP relaxation and the XOR integer programme.

The only module of the package that needs :mod:`scipy.optimize`; it is
imported inside the functions, when a block first reaches the LP stage, so
that ``import middlepower`` stays light.
"""

from __future__ import annotations

import numpy as np

from middlepower.kernels.frustration._core import BoolArray, FloatArray, IntArray
from middlepower.kernels.frustration._cuts import _Cuts

#: HiGHS status (``scipy.optimize.milp``) of a proven optimum.
MILP_OPTIMAL = 0
#: HiGHS status when the iteration or time limit stopped the search.
MILP_LIMIT = 1


def _solve_lp(
    m: int, weight: FloatArray, cuts: _Cuts, time_limit: float | None
) -> tuple[FloatArray, float] | None:
    """Solve the LP relaxation over the current cuts; ``None`` on failure."""
    if not cuts.count:
        return np.zeros(m), 0.0
    from scipy.optimize import Bounds, LinearConstraint, milp

    options: dict[str, float] = {}
    if time_limit is not None:
        options["time_limit"] = max(time_limit, 1e-3)
    res = milp(
        weight,
        bounds=Bounds(0.0, 1.0),
        constraints=LinearConstraint(cuts.matrix(), cuts.lower(), np.inf),
        options=options,
    )
    if res.status != 0 or res.x is None:
        return None
    return np.asarray(res.x, dtype=np.float64), float(res.fun)


def _xor_milp(
    k: int,
    u: IntArray,
    v: IntArray,
    w: FloatArray,
    cuts: _Cuts,
    time_limit: float | None,
) -> tuple[BoolArray | None, float, int]:
    r"""Solve one block exactly: the XOR model plus the collected cuts.

    Binary node colours :math:`x` (node 0 fixed to 0: a block and its mirror
    image have the same frustration) and continuous edge frustrations
    :math:`f_e \in [0, 1]` with :math:`f_e \ge |x_i - x_j|` for positive and
    :math:`f_e \ge |1 - x_i - x_j|` for negative edges, each written as two
    linear rows [1]_; minimise :math:`\sum_e |w_e| f_e`. The cycle
    inequalities are valid for every colouring's frustration pattern, so they
    only tighten the relaxation. Returns the colouring found (or ``None``),
    HiGHS' dual bound and its status (:data:`MILP_OPTIMAL`,
    :data:`MILP_LIMIT`, ...).

    References
    ----------
    .. [1] Aref, S., A. J. Mason, and M. C. Wilson. "Computing the Line Index
       of Balance Using Integer Programming Optimisation." In *Optimization
       Problems in Graph Theory*. Cham: Springer, 2018.
       https://arxiv.org/abs/1710.09876
    """
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_array, vstack

    m = u.size
    e = np.arange(m)
    pos = w > 0
    sg = np.where(pos, 1.0, -1.0)
    # positive: f - x_i + x_j >= 0, f + x_i - x_j >= 0
    # negative: f - x_i - x_j >= -1, f + x_i + x_j >= 1
    r1 = e
    r2 = m + e
    rows = np.concatenate([r1, r1, r1, r2, r2, r2])
    cols = np.concatenate([k + e, u, v, k + e, u, v])
    vals = np.concatenate([np.ones(m), -np.ones(m), sg, np.ones(m), np.ones(m), -sg])
    link = coo_array((vals, (rows, cols)), shape=(2 * m, k + m)).tocsr()
    lo = np.concatenate([np.where(pos, 0.0, -1.0), np.where(pos, 0.0, 1.0)])
    A = vstack([link, cuts.matrix(offset=k, width=k + m)]).tocsr()
    lower = np.concatenate([lo, cuts.lower()])
    c = np.concatenate([np.zeros(k), np.abs(w)])
    upper = np.ones(k + m)
    upper[0] = 0.0
    integrality = np.concatenate([np.ones(k), np.zeros(m)])
    options: dict[str, float] = {"mip_rel_gap": 0.0}
    if time_limit is not None:
        options["time_limit"] = max(time_limit, 1e-3)
    res = milp(
        c,
        integrality=integrality,
        bounds=Bounds(np.zeros(k + m), upper),
        constraints=LinearConstraint(A, lower, np.inf),
        options=options,
    )
    dual = res.get("mip_dual_bound")
    bound = float(dual) if dual is not None and np.isfinite(dual) else 0.0
    colours = None if res.x is None else np.asarray(res.x[:k]) > 0.5
    return colours, bound, int(res.status)
