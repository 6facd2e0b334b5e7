r"""The AND model of Aref, Mason and Wilson on HiGHS: the benchmark baseline.

Not part of the shipped package: the plain binary programme for the line
index of balance [1]_, handed straight to HiGHS (``scipy.optimize.milp``)
with no preprocessing, no bounds, no symmetry breaking and no valid
inequalities. ``benchmarks/bench_frustration.py`` times
:func:`middlepower.kernels.frustration.frustration_exact` against it on the
51 signed inter-state networks, and ``tests/kernels/test_frustration.py``
uses it as an independent check on graphs too large to enumerate.

Import it from a script in this folder (``import and_model``) or, with the
repository root on ``sys.path`` as in the tests, as ``benchmarks.and_model``.

References
----------
.. [1] Aref, S., A. J. Mason, and M. C. Wilson. "Computing the Line Index of
   Balance Using Integer Programming Optimisation." In *Optimization Problems
   in Graph Theory*. Cham: Springer, 2018. https://arxiv.org/abs/1710.09876
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from middlepower.kernels.frustration import FrustrationSolution
from middlepower.kernels.frustration._core import (
    FloatArray,
    IntArray,
    _check_edges,
    _check_n,
    _count,
    _finish,
    _integral,
)

__all__ = ["and_model", "frustration_and_model_baseline"]


def and_model(
    k: int, u: IntArray, v: IntArray, w: FloatArray
) -> tuple[FloatArray, float, coo_array, FloatArray, FloatArray]:
    r"""Build the AND model of Aref, Mason and Wilson as ``milp`` arrays.

    Variables ``x_0 .. x_{k-1}`` (node colours) then ``y_e`` per edge with
    :math:`y_e \le x_i`, :math:`y_e \le x_j` (positive edges) and
    :math:`y_e \ge x_i + x_j - 1` (negative edges); the objective
    :math:`\sum_{+} |w|(x_i + x_j - 2y_e) + \sum_{-} |w|(1 - x_i - x_j + 2y_e)`
    is returned as the vector ``c`` and the constant.
    """
    m = u.size
    pos = w > 0
    a = np.abs(w)
    sgn = np.where(pos, 1.0, -1.0)
    c = np.zeros(k + m)
    np.add.at(c, u, sgn * a)
    np.add.at(c, v, sgn * a)
    c[k:] = -2.0 * sgn * a
    const = float(a[~pos].sum())
    # Rows edge by edge, in input order: a positive edge gives y_e - x_i <= 0
    # and y_e - x_j <= 0, a negative edge y_e - x_i - x_j >= -1.
    count = np.where(pos, 2, 1)
    start = np.cumsum(count) - count
    ep = np.flatnonzero(pos)
    en = np.flatnonzero(~pos)
    rows = np.concatenate(
        [
            start[ep],
            start[ep],
            start[ep] + 1,
            start[ep] + 1,
            start[en],
            start[en],
            start[en],
        ]
    )
    cols = np.concatenate([k + ep, u[ep], k + ep, v[ep], k + en, u[en], v[en]])
    vals = np.concatenate(
        [
            np.ones(ep.size),
            -np.ones(ep.size),
            np.ones(ep.size),
            -np.ones(ep.size),
            np.ones(en.size),
            -np.ones(2 * en.size),
        ]
    )
    nrows = int(count.sum())
    A = coo_array((vals, (rows, cols)), shape=(nrows, k + m))
    lo = np.full(nrows, -np.inf)
    hi = np.zeros(nrows)
    lo[start[en]] = -1.0
    hi[start[en]] = np.inf
    return c, const, A, lo, hi


def frustration_and_model_baseline(
    n: int, u: ArrayLike, v: ArrayLike, w: ArrayLike
) -> FrustrationSolution:
    r"""Return the line index from the plain AND model, the benchmark baseline.

    The binary programme of Aref, Mason and Wilson [1]_ handed straight to
    HiGHS through :func:`scipy.optimize.milp`, with no preprocessing, no
    bounds, no symmetry breaking and no valid inequalities:

    .. math::

       \min \sum_{(i,j) \in E^+} |w_{ij}|(x_i + x_j - 2x_{ij})
          + \sum_{(i,j) \in E^-} |w_{ij}|(1 - x_i - x_j + 2x_{ij})

    subject to :math:`x_{ij} \le x_i`, :math:`x_{ij} \le x_j` for
    :math:`(i,j) \in E^+`, :math:`x_{ij} \ge x_i + x_j - 1` for
    :math:`(i,j) \in E^-`, and all variables binary.

    Parameters
    ----------
    n : int
        Number of nodes, labelled ``0 .. n-1``.
    u, v : array_like of int
        Endpoints of each undirected edge.
    w : array_like of float
        Non-zero finite signed weight of each edge.

    Returns
    -------
    FrustrationSolution
        ``exact`` is ``True`` when HiGHS reports a proven optimum.

    Raises
    ------
    InvalidGraphError
        If the edges are invalid (see :func:`frustration_exact`).
    InvalidParameterError
        If ``n`` is negative.

    See Also
    --------
    middlepower.kernels.frustration.frustration_exact

    References
    ----------
    .. [1] Aref, S., A. J. Mason, and M. C. Wilson. "Computing the Line Index
       of Balance Using Integer Programming Optimisation." In *Optimization
       Problems in Graph Theory*. Cham: Springer, 2018.
       https://arxiv.org/abs/1710.09876

    Examples
    --------
    >>> frustration_and_model_baseline(3, [0, 1, 0], [1, 2, 2], [1, -1, -1]).index
    0.0
    """
    n = _check_n(n)
    uu, vv, ww = _check_edges(n, u, v, w)
    colours = np.zeros(n, dtype=bool)
    if uu.size == 0:
        return FrustrationSolution(0.0, colours, True, 0.0, "optimal")
    c, const, A, lo, hi = and_model(n, uu, vv, ww)
    res = milp(
        c,
        integrality=np.ones(c.size),
        bounds=Bounds(0.0, 1.0),
        constraints=LinearConstraint(A.tocsr(), lo, hi),
        options={"mip_rel_gap": 0.0},
    )
    if res.x is not None:
        colours = np.asarray(res.x[:n]) > 0.5
        touched = np.zeros(n, dtype=bool)
        touched[uu] = True
        touched[vv] = True
        colours &= touched
    dual = res.get("mip_dual_bound")
    bound = const + float(dual) if dual is not None and np.isfinite(dual) else 0.0
    optimal = bool(res.status == 0 and res.x is not None)
    if optimal and not _integral(ww):
        bound = max(bound, _count(uu, vv, ww, colours))
    return _finish(uu, vv, ww, colours, bound, optimal)
