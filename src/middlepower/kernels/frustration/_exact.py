"""The exact solver: reductions, blocks, bounds and, if needed, HiGHS.

:func:`frustration_exact` proves the line index block by block
(:func:`_exact_block`): enumeration of small blocks; for larger ones a local
search incumbent against triangle-packing and cycle-LP lower bounds, and the
integer programme only where a gap remains, all within an optional time
limit.
"""

from __future__ import annotations

import time

import numpy as np
from numpy.typing import ArrayLike

from middlepower.exceptions import InvalidParameterError
from middlepower.kernels.frustration._blocks import _solve
from middlepower.kernels.frustration._bounds import (
    _EdgeIndex,
    _packing_bound,
    _triangles,
)
from middlepower.kernels.frustration._core import (
    BoolArray,
    FloatArray,
    FrustrationSolution,
    IntArray,
    SolutionStatus,
    _check_edges,
    _check_n,
    _count,
    _finish,
    _integral,
    _round_bound,
    _tolerance,
)
from middlepower.kernels.frustration._cuts import (
    _Cuts,
    _pattern_colours,
    _separate,
    _triangle_cuts,
)
from middlepower.kernels.frustration._enumerate import (
    _ENUM_MAX_NODES,
    _enumerate_block,
)
from middlepower.kernels.frustration._milp import (
    MILP_LIMIT,
    MILP_OPTIMAL,
    _solve_lp,
    _xor_milp,
)
from middlepower.kernels.frustration._search import _default_restarts, _local_search

__all__ = ["frustration_exact"]

#: Most rounds of cycle-inequality separation before the integer programme.
_LP_MAX_ROUNDS = 60
#: Most source nodes of one batch of shortest-path separation.
_MAX_SOURCES = 512
#: Rounds without LP progress after which separation gives up.
_LP_STALL_ROUNDS = 4


def _exact_block(
    k: int,
    u: IntArray,
    v: IntArray,
    w: FloatArray,
    rng: np.random.Generator,
    deadline: float | None,
) -> tuple[BoolArray, float, SolutionStatus]:
    """Solve one biconnected block exactly; return colours, bound, status.

    The status is ``"optimal"`` when the bound equals the frustration of the
    colours, ``"time_limit"`` when the deadline stopped the LP or the integer
    programme first, ``"unproven"`` if HiGHS ended without a proof otherwise.

    Enumeration up to 20 nodes. Beyond: a shorter local search than the
    heuristic's (only an incumbent is needed) for an upper bound,
    triangle packing for a first lower bound, then rounds of the cycle
    inequality LP relaxation (tight on most real networks) and, only if a
    gap remains, the integer programme :func:`_xor_milp` with HiGHS.
    """
    if k <= _ENUM_MAX_NODES:
        colours, value = _enumerate_block(k, u, v, w)
        return colours, value, "optimal"
    integral = _integral(w)
    tol = _tolerance(w)
    triangles = _triangles(k, u, v)
    lower = _round_bound(_packing_bound(w, triangles), integral)
    colours = _local_search(
        k,
        u,
        v,
        w,
        rng,
        restarts=min(16, _default_restarts(k)),
        rounds=400,
        patience=30,
        target=lower,
    )
    upper = _count(u, v, w, colours)
    if upper <= lower + tol:
        return colours, upper, "optimal"
    # The LP works on weights scaled to a largest |w| of 1 unless integral.
    scale = 1.0 if integral else float(np.abs(w).max())
    weight = np.abs(w) / scale
    negative = w < 0
    cuts = _Cuts(u.size)
    _triangle_cuts(w, triangles, cuts)
    edge_index = _EdgeIndex(k, u, v)
    previous = -np.inf
    stalled = 0
    f: FloatArray | None = None
    windows = np.array_split(np.arange(k), -(-k // _MAX_SOURCES))
    next_window = 0
    for _ in range(_LP_MAX_ROUNDS):
        remaining = None if deadline is None else deadline - time.monotonic()
        if remaining is not None and remaining <= 0:
            return colours, lower, "time_limit"
        solved = _solve_lp(u.size, weight, cuts, remaining)
        if solved is None:
            break
        f, value = solved
        lower = max(lower, _round_bound(value * scale, integral))
        if upper <= lower + tol:
            return colours, upper, "optimal"
        stalled = stalled + 1 if value - previous < 1e-4 * max(1.0, value) else 0
        previous = value
        if stalled >= _LP_STALL_ROUNDS:
            break
        # Drop the cuts that do not bind: the LP optimum stays the same.
        cuts.keep(np.flatnonzero(cuts.matrix() @ f - cuts.lower() < 1e-6))
        # Search from one window of source nodes after another until cuts are
        # found (all nodes at once for blocks of up to _MAX_SOURCES nodes).
        added = 0
        for _ in range(len(windows)):
            added = _separate(
                k, u, v, negative, f, edge_index, cuts, windows[next_window]
            )
            next_window = (next_window + 1) % len(windows)
            if added:
                break
        if not added:
            if np.all(np.minimum(f, 1.0 - f) < 1e-6):
                differ = (f > 0.5) != negative
                candidate = _pattern_colours(k, u, v, differ)
                value = _count(u, v, w, candidate)
                if value < upper:
                    colours, upper = candidate, value
                if upper <= lower + tol:
                    return colours, upper, "optimal"
            break
    remaining = None if deadline is None else deadline - time.monotonic()
    if remaining is not None and remaining <= 0:
        return colours, lower, "time_limit"
    if f is not None:
        # Only the binding (or still violated) cuts go into the programme.
        cuts.keep(np.flatnonzero(cuts.matrix() @ f - cuts.lower() < 1e-6))
    found, bound, status = _xor_milp(k, u, v, w / scale, cuts, remaining)
    optimal = status == MILP_OPTIMAL and found is not None
    bound *= scale
    if found is not None and _count(u, v, w, found) < upper:
        colours, upper = found, _count(u, v, w, found)
    if optimal:
        # HiGHS proved optimality (relative gap 0, absolute gap 1e-6); with
        # integral weights the rounded dual bound certifies it exactly.
        bound = _round_bound(bound, True) if integral else upper
    lower = max(lower, _round_bound(bound, integral))
    if upper <= lower + tol:
        return colours, upper, "optimal"
    return colours, lower, "time_limit" if status == MILP_LIMIT else "unproven"


def frustration_exact(
    n: int,
    u: ArrayLike,
    v: ArrayLike,
    w: ArrayLike,
    *,
    time_limit: float | None = None,
) -> FrustrationSolution:
    r"""Return the line index of balance of a signed graph, proven optimal.

    .. math::

       L = \min_{x \in \{0,1\}^n} \sum_{uv \in E} |w_{uv}|\,
           \bigl[(w_{uv} > 0 \wedge x_u \ne x_v) \vee
                 (w_{uv} < 0 \wedge x_u = x_v)\bigr]

    The computation is split into exact pieces.

    1. *Reductions.* A node of degree one is never frustrated (it follows its
       neighbour). A node of degree two is replaced by an edge between its
       neighbours with the product sign and the smaller weight; a parallel
       edge that this creates merges into a constant plus one signed edge.
    2. *Blocks.* The reduced graph is split into biconnected blocks. Every
       edge lies in one block and a block can be mirrored at a cut vertex, so
       the line index is the sum over blocks and the optimal block colourings
       are stitched together at the cut vertices. Reduction and splitting
       recurse inside each block.
    3. *Small blocks* (at most 20 nodes) are enumerated.
    4. *Larger blocks.* The local search of :func:`frustration_heuristic`
       gives an upper bound; a packing of edge-disjoint unbalanced triangles
       a first lower bound. While they differ, the LP relaxation over the
       edge frustrations :math:`f_e \in [0, 1]` with cycle inequalities
       (every unbalanced cycle has a frustrated edge, in the general form of
       [3]_), separated by shortest paths, raises the lower bound; with
       integer weights it is rounded up. On the inter-state networks it meets
       the upper bound on every block.
    5. *Integer programme*, only if a gap remains: the XOR model of [2]_
       (binary node colours, continuous edge frustrations) with one node's
       colour fixed and the binding cycle inequalities added, solved by HiGHS
       through :func:`scipy.optimize.milp` with a relative gap of 0.

    Parameters
    ----------
    n : int
        Number of nodes, labelled ``0 .. n-1``; isolated nodes are allowed.
    u, v : array_like of int
        Endpoints of each undirected edge (no self-loops, each pair once).
    w : array_like of float
        Non-zero finite signed weight of each edge (``+1``/``-1`` unweighted).
    time_limit : float or None, optional (default=None)
        Wall-clock seconds for the LP and integer-programming stages of the
        whole call (reductions, enumeration and local search always run to
        the end); ``None`` for no limit. :func:`middlepower.frustration`
        passes 60 s unless told otherwise.

    Returns
    -------
    FrustrationSolution
        The line index ``index``, one optimal colouring, ``exact=True``,
        ``status="optimal"`` and ``lower_bound == index`` when optimality is
        proven (for non-integer weights: up to HiGHS' absolute gap tolerance
        of 1e-6 times the largest ``|w|``). When the time limit stops the
        search first, the best colouring found with ``exact=False``,
        ``status="time_limit"``, the best proven ``lower_bound`` and
        ``gap = index - lower_bound > 0``: then ``index`` is only an upper
        bound on the line index.

    Raises
    ------
    InvalidGraphError
        If an endpoint is outside ``0 .. n-1``, an edge is a self-loop or
        repeats a node pair, or a weight is zero, NaN or infinite (it is a
        ``ValueError``).
    InvalidParameterError
        If ``n`` is negative or ``time_limit`` is not positive.

    See Also
    --------
    frustration_heuristic

    Notes
    -----
    Checked against :func:`frustration_bruteforce` on random graphs (also
    with every stage above forced on small blocks) and against the plain AND
    model of [2]_ (``benchmarks/and_model.py``) on random graphs and the 51
    signed inter-state networks, where it needs no integer programme at all
    and is about an order of magnitude faster in total
    (``benchmarks/bench_frustration.py``). The local search inside runs
    with a fixed seed, so the returned colouring is deterministic.

    References
    ----------
    .. [1] Aref, S., and M. C. Wilson. "Measuring Partial Balance in Signed
       Networks." *Journal of Complex Networks* 6, no. 4 (2018): 566-595.
       https://doi.org/10.1093/comnet/cnx044
    .. [2] Aref, S., A. J. Mason, and M. C. Wilson. "Computing the Line Index
       of Balance Using Integer Programming Optimisation." In *Optimization
       Problems in Graph Theory*. Cham: Springer, 2018.
       https://arxiv.org/abs/1710.09876
    .. [3] Barahona, F., and A. R. Mahjoub. "On the Cut Polytope."
       *Mathematical Programming* 36, no. 2 (1986): 157-173.
       https://doi.org/10.1007/BF02592023

    Examples
    --------
    >>> from middlepower.kernels.frustration import frustration_exact
    >>> sol = frustration_exact(3, [0, 1, 0], [1, 2, 2], [-1, -1, -1])
    >>> sol.index, sol.exact, sol.status
    (1.0, True, 'optimal')
    """
    n = _check_n(n)
    uu, vv, ww = _check_edges(n, u, v, w)
    if time_limit is not None and not (
        isinstance(time_limit, (int, float, np.floating, np.integer))
        and not isinstance(time_limit, bool)
        and time_limit > 0
    ):
        raise InvalidParameterError(
            f"time_limit must be a positive number of seconds or None, not "
            f"{time_limit!r}."
        )
    deadline = None if time_limit is None else time.monotonic() + float(time_limit)
    rng = np.random.default_rng(0)
    statuses: set[SolutionStatus] = set()

    def solve(
        k: int, bu: IntArray, bv: IntArray, bw: FloatArray
    ) -> tuple[BoolArray, float]:
        colours, bound, status = _exact_block(k, bu, bv, bw, rng, deadline)
        statuses.add(status)
        return colours, bound

    colours = np.zeros(n, dtype=bool)
    bound = _solve(uu, vv, ww, colours, solve)
    proven = statuses <= {"optimal"}
    return _finish(uu, vv, ww, colours, bound, proven, "time_limit" in statuses)
