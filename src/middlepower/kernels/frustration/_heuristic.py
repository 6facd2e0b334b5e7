"""The heuristic solver: reductions, blocks, enumeration and local search.

:func:`frustration_heuristic` returns a good colouring fast; it is exact
where cheap (small blocks, a block whose local search meets its triangle
packing bound) and says when it is only an upper bound.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from middlepower.exceptions import InvalidParameterError
from middlepower.kernels.frustration._blocks import _BlockSolver, _solve
from middlepower.kernels.frustration._bounds import _packing_bound, _triangles
from middlepower.kernels.frustration._core import (
    BoolArray,
    FloatArray,
    FrustrationSolution,
    IntArray,
    _check_edges,
    _check_n,
    _count,
    _finish,
    _integral,
    _round_bound,
    _tolerance,
)
from middlepower.kernels.frustration._enumerate import (
    _ENUM_MAX_NODES,
    _enumerate_block,
)
from middlepower.kernels.frustration._search import _default_restarts, _local_search

__all__ = ["frustration_heuristic"]


def _heuristic_block_solver(
    rng: np.random.Generator, restarts: int | None, proven: list[bool]
) -> _BlockSolver:
    """Block solver for the heuristic: enumeration or local search."""

    def solve(
        k: int, u: IntArray, v: IntArray, w: FloatArray
    ) -> tuple[BoolArray, float]:
        if k <= _ENUM_MAX_NODES:
            return _enumerate_block(k, u, v, w)
        lower = _round_bound(_packing_bound(w, _triangles(k, u, v)), _integral(w))
        colours = _local_search(
            k,
            u,
            v,
            w,
            rng,
            restarts=restarts if restarts is not None else _default_restarts(k),
            rounds=400,
            patience=60,
            target=lower,
        )
        value = _count(u, v, w, colours)
        if value > lower + _tolerance(w):
            proven[0] = False
            return colours, lower
        return colours, value

    return solve


def frustration_heuristic(
    n: int,
    u: ArrayLike,
    v: ArrayLike,
    w: ArrayLike,
    *,
    seed: int | np.random.Generator | None = None,
    restarts: int | None = None,
) -> FrustrationSolution:
    r"""Return a good 2-colouring of a signed graph fast, and its frustration.

    The graph is first reduced exactly (nodes of degree one follow their
    neighbour; a node of degree two becomes an edge between its neighbours)
    and split into biconnected blocks, which are solved independently
    because a block can be mirrored at a cut vertex. Blocks of at most 20
    nodes are enumerated; larger ones get an iterated local search: several
    chains, run side by side as numpy arrays, descend by single-node flips
    (flipping :math:`i` changes the frustration by :math:`s_i (W s)_i` with
    spins :math:`s = 1 - 2x`; the local fields :math:`W s` are updated
    incrementally), then are repeatedly kicked and descend again, keeping
    the result when it is no worse. Kicks alternate between flipping a
    random subset of nodes and flipping a cluster grown from a random node
    along satisfied edges -- a group of allies moved to the other camp at
    once, which single flips cannot do. A chain stops after 400 kicks or 60
    kicks without a new best.

    .. math::

       L = \min_x \sum_{uv \in E} |w_{uv}|\,
           \bigl[(x_u \ne x_v) \oplus (w_{uv} < 0)\bigr]
         = \min_{s \in \{\pm 1\}^n}
           \tfrac12 \sum_{uv \in E} \bigl(|w_{uv}| - w_{uv} s_u s_v\bigr)

    Parameters
    ----------
    n : int
        Number of nodes, labelled ``0 .. n-1``; isolated nodes are allowed.
    u, v : array_like of int
        Endpoints of each undirected edge (no self-loops, each pair once).
    w : array_like of float
        Non-zero finite signed weight of each edge (``+1``/``-1`` unweighted).
    seed : int, numpy.random.Generator or None, optional (default=None)
        Seed of :func:`numpy.random.default_rng` for the local search.
    restarts : int or None, optional (default=None)
        Number of local-search chains per large block; ``None`` for 32 on
        blocks of up to 1024 nodes and fewer (down to 8) on larger ones.

    Returns
    -------
    FrustrationSolution
        ``index`` is an upper bound on the line index. ``exact`` is ``True``
        only when optimality is proven cheaply: every large block reached a
        lower bound from a packing of edge-disjoint unbalanced triangles
        (e.g. ``L == 0``) and the rest was enumerated (``status="optimal"``);
        otherwise ``lower_bound`` is that bound and ``status="unproven"``.

    Raises
    ------
    InvalidGraphError
        If the edges are invalid (see :func:`frustration_exact`).
    InvalidParameterError
        If ``n`` is negative or ``restarts`` is not a positive integer.

    See Also
    --------
    frustration_exact

    Notes
    -----
    On the 51 signed inter-state networks it finds the exact optimum on
    every network, in well under a second each
    (``benchmarks/bench_frustration.py``). The result depends on ``seed``
    only.

    References
    ----------
    .. [1] Aref, S., and M. C. Wilson. "Measuring Partial Balance in Signed
       Networks." *Journal of Complex Networks* 6, no. 4 (2018): 566-595.
       https://doi.org/10.1093/comnet/cnx044
    .. [2] Aref, S., A. J. Mason, and M. C. Wilson. "Computing the Line Index
       of Balance Using Integer Programming Optimisation." In *Optimization
       Problems in Graph Theory*. Cham: Springer, 2018.
       https://arxiv.org/abs/1710.09876

    Examples
    --------
    >>> from middlepower.kernels.frustration import frustration_heuristic
    >>> sol = frustration_heuristic(3, [0, 1, 0], [1, 2, 2], [1, 1, -1], seed=0)
    >>> sol.index, sol.exact
    (1.0, True)
    """
    n = _check_n(n)
    uu, vv, ww = _check_edges(n, u, v, w)
    if restarts is not None and (
        isinstance(restarts, bool)
        or not isinstance(restarts, (int, np.integer))
        or restarts < 1
    ):
        raise InvalidParameterError(
            f"restarts must be a positive integer or None, not {restarts!r}."
        )
    rng = np.random.default_rng(seed)
    colours = np.zeros(n, dtype=bool)
    proven = [True]
    bound = _solve(uu, vv, ww, colours, _heuristic_block_solver(rng, restarts, proven))
    return _finish(uu, vv, ww, colours, bound, proven[0])
