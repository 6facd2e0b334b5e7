r"""Frustration (line index of balance) of a signed graph: exact and heuristic.

The line index of balance of an undirected signed graph with non-zero edge
weights :math:`w_{uv}` is the least total weight of edges that must be deleted
(equivalently, have their sign flipped) to make the graph balanced [1]_:

.. math::

   L = \min_{x \in \{0, 1\}^n} \sum_{uv \in E} |w_{uv}|\,
       \bigl[(w_{uv} > 0 \wedge x_u \ne x_v) \vee
             (w_{uv} < 0 \wedge x_u = x_v)\bigr],

with :math:`|w_{uv}| = 1` for an unweighted graph. An optimal :math:`x` splits
the nodes into the two camps that leave the fewest frustrated edges.

Graphs are passed as edge arrays: ``n`` nodes labelled ``0 .. n-1`` and, per
undirected edge, its endpoints ``u[k]``, ``v[k]`` and signed weight ``w[k]``.
Functions:

* :func:`frustration_count` -- the frustration of a given colouring;
* :func:`frustration_bruteforce` -- plain enumeration, the test oracle;
* :func:`frustration_exact` -- proven optimum: exact graph reductions, block
  decomposition, enumeration of small blocks, and for larger blocks a local
  search upper bound against lower bounds from unbalanced triangles and the
  cycle-inequality LP relaxation [3]_, with the integer programme of Aref,
  Mason and Wilson [2]_ (HiGHS, through :func:`scipy.optimize.milp`) only
  where a gap remains;
* :func:`frustration_heuristic` -- fast and usually optimal, a bound otherwise;
* :func:`frustration_and_model_baseline` -- the plain AND programme of [2]_
  handed to HiGHS, the benchmark baseline.

References
----------
.. [1] Aref, S., and M. C. Wilson. "Measuring Partial Balance in Signed
   Networks." *Journal of Complex Networks* 6, no. 4 (2018): 566-595.
   https://doi.org/10.1093/comnet/cnx044
.. [2] Aref, S., A. J. Mason, and M. C. Wilson. "Computing the Line Index of
   Balance Using Integer Programming Optimisation." In *Optimization Problems
   in Graph Theory*. Cham: Springer, 2018. https://arxiv.org/abs/1710.09876
.. [3] Barahona, F., and A. R. Mahjoub. "On the Cut Polytope." *Mathematical
   Programming* 36, no. 2 (1986): 157-173. https://doi.org/10.1007/BF02592023
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array, csr_array, vstack
from scipy.sparse.csgraph import breadth_first_order, dijkstra

from middlepower.exceptions import InvalidGraphError, InvalidParameterError

__all__ = [
    "FrustrationSolution",
    "frustration_and_model_baseline",
    "frustration_bruteforce",
    "frustration_count",
    "frustration_exact",
    "frustration_heuristic",
]

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

#: Largest block (in nodes) solved by complete enumeration inside the solvers.
_ENUM_MAX_NODES = 20
#: Largest number of nodes :func:`frustration_bruteforce` accepts.
_BRUTEFORCE_MAX_NODES = 24
#: Largest block whose weight matrix the local search keeps dense.
_DENSE_MAX_NODES = 3000
#: Most nodes (on average) flipped by a random kick of the local search.
_MAX_RANDOM_KICK = 40.0
#: Breadth-first layers grown by a cluster kick of the local search.
_CLUSTER_LAYERS = 4
#: Most unbalanced-triangle inequalities put into the first LP.
_MAX_TRIANGLE_CUTS = 50_000
#: Colourings scored per vectorised chunk of the enumerations.
_CHUNK = 1 << 14
#: Most rounds of cycle-inequality separation before the integer programme.
_LP_MAX_ROUNDS = 60
#: Most source nodes of one batch of shortest-path separation.
_MAX_SOURCES = 512
#: Rounds without LP progress after which separation gives up.
_LP_STALL_ROUNDS = 4


@dataclass(frozen=True)
class FrustrationSolution:
    """A colouring of a signed graph and its frustration.

    Attributes
    ----------
    index : float
        The line index ``L`` of the returned colouring: the total absolute
        weight of its frustrated edges.
    colours : numpy.ndarray
        Boolean array of shape ``(n,)``, the camp of each node ``0 .. n-1``.
        Isolated nodes are ``False``.
    exact : bool
        ``True`` iff ``index`` is proven to be the minimum over all colourings.
    lower_bound : float
        The best proven lower bound on the minimum; equal to ``index`` when
        ``exact`` is ``True``.
    """

    index: float
    colours: BoolArray
    exact: bool
    lower_bound: float


# ---------------------------------------------------------------------------
# validation and small helpers
# ---------------------------------------------------------------------------


def _check_n(n: object, name: str = "n") -> int:
    """Return ``n`` as a non-negative Python int or raise."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise InvalidParameterError(
            f"The number of nodes {name} must be an integer, not {n!r}."
        )
    if n < 0:
        raise InvalidParameterError(
            f"The number of nodes {name} must be non-negative, not {n}."
        )
    return int(n)


def _check_edges(
    n: int, u: ArrayLike, v: ArrayLike, w: ArrayLike
) -> tuple[IntArray, IntArray, FloatArray]:
    """Validate edge arrays and return them as int64/int64/float64 arrays.

    Raises
    ------
    InvalidGraphError
        If the arrays differ in length, are not 1-D, hold non-integer
        endpoints, endpoints outside ``0 .. n-1``, self-loops, repeated
        node pairs, or weights that are zero, NaN or infinite.
    """
    arrays = []
    for name, arr in (("u", np.asarray(u)), ("v", np.asarray(v))):
        if arr.ndim != 1:
            raise InvalidGraphError(
                f"The endpoint array {name} must be 1-D, not of shape {arr.shape}."
            )
        if arr.size and arr.dtype.kind not in "iu":
            raise InvalidGraphError(
                f"The endpoint array {name} must hold integers, not dtype {arr.dtype}."
            )
        arrays.append(arr.astype(np.int64))
    uu, vv = arrays
    warr = np.asarray(w)
    if warr.ndim != 1:
        raise InvalidGraphError(
            f"The weight array w must be 1-D, not of shape {warr.shape}."
        )
    if warr.size and warr.dtype.kind not in "biuf":
        raise InvalidGraphError(
            f"The weight array w must hold real numbers, not dtype {warr.dtype}."
        )
    ww = warr.astype(np.float64)
    if not uu.size == vv.size == ww.size:
        raise InvalidGraphError(
            f"The arrays u, v and w must have one entry per edge, but their "
            f"lengths are {uu.size}, {vv.size} and {ww.size}."
        )
    bad = np.flatnonzero((uu < 0) | (uu >= n) | (vv < 0) | (vv >= n))
    if bad.size:
        k = int(bad[0])
        raise InvalidGraphError(
            f"Edge {k} ({uu[k]}, {vv[k]}) has an endpoint outside the node "
            f"range 0..{n - 1}."
        )
    bad = np.flatnonzero(uu == vv)
    if bad.size:
        k = int(bad[0])
        raise InvalidGraphError(f"Edge {k} ({uu[k]}, {vv[k]}) is a self-loop.")
    bad = np.flatnonzero(~np.isfinite(ww))
    if bad.size:
        k = int(bad[0])
        raise InvalidGraphError(
            f"Edge {k} ({uu[k]}, {vv[k]}) has weight {float(ww[k])!r}, but weights "
            f"must be finite."
        )
    bad = np.flatnonzero(ww == 0.0)
    if bad.size:
        k = int(bad[0])
        raise InvalidGraphError(
            f"Edge {k} ({uu[k]}, {vv[k]}) has weight 0, but weights must be non-zero."
        )
    if uu.size:
        key = np.minimum(uu, vv) * n + np.maximum(uu, vv)
        order = np.argsort(key, kind="stable")
        dup = np.flatnonzero(key[order][1:] == key[order][:-1])
        if dup.size:
            k = int(order[dup[0] + 1])
            raise InvalidGraphError(
                f"Edge {k} ({uu[k]}, {vv[k]}) repeats the node pair of edge "
                f"{int(order[dup[0]])}; give each pair at most one edge."
            )
    return uu, vv, ww


def _count(u: IntArray, v: IntArray, w: FloatArray, colours: BoolArray) -> float:
    """Frustration of one colouring (no validation)."""
    frustrated = (colours[u] != colours[v]) ^ (w < 0)
    return float(np.abs(w)[frustrated].sum())


def _tolerance(w: FloatArray) -> float:
    """Absolute tolerance for comparing frustration values of weights ``w``."""
    return 1e-9 * max(1.0, float(np.abs(w).sum()))


def _integral(w: FloatArray) -> bool:
    """Whether every weight is an integer (so every frustration is one)."""
    return bool(np.all(w == np.round(w)))


def _round_bound(bound: float, integral: bool) -> float:
    """Round a lower bound up to an integer when the weights are integral."""
    if integral:
        return float(math.ceil(bound - 1e-6))
    return bound


def _edge_cost(w: float, same: bool) -> float:
    """Frustration of one edge of weight ``w`` whose ends are (not) alike."""
    if w > 0:
        return 0.0 if same else w
    return -w if same else 0.0


# ---------------------------------------------------------------------------
# enumeration
# ---------------------------------------------------------------------------


def _code_bits(codes: IntArray, width: int) -> BoolArray:
    """Binary digits of ``codes`` as a ``(len(codes), width)`` boolean array."""
    shifts = np.arange(width, dtype=np.int64)
    return ((codes[:, None] >> shifts) & 1).astype(bool)


def _enumerate_block(
    k: int, u: IntArray, v: IntArray, w: FloatArray
) -> tuple[BoolArray, float]:
    r"""Exact minimum of a graph on ``k <= 24`` nodes by meet-in-the-middle.

    With spins :math:`s = 1 - 2x`, :math:`L = (\sum|w| - \sum_{uv} w_{uv}
    s_u s_v)/2`. Node 0 is fixed; the others split into two halves
    :math:`A` (with node 0) and :math:`B`, and every pair of half-colourings
    is scored at once as :math:`e_A + e_B + s_A^\top W_{AB} s_B`.
    """
    W = np.zeros((k, k))
    W[u, v] = w
    W[v, u] = w
    free = k - 1
    a = free // 2
    b = free - a
    ia = np.arange(0, a + 1)
    ib = np.arange(a + 1, k)
    SA = np.ones((1 << a, a + 1))
    SA[:, 1:] = 1.0 - 2.0 * _code_bits(np.arange(1 << a, dtype=np.int64), a)
    SB = 1.0 - 2.0 * _code_bits(np.arange(1 << b, dtype=np.int64), b)
    Waa = W[np.ix_(ia, ia)]
    Wbb = W[np.ix_(ib, ib)]
    eA = np.einsum("ij,ij->i", SA @ Waa, SA) / 2.0
    eB = np.einsum("ij,ij->i", SB @ Wbb, SB) / 2.0
    SAW = SA @ W[np.ix_(ia, ib)]
    rows = max(1, _CHUNK * 16 // max(1, 1 << b))
    best = -np.inf
    best_a = best_b = 0
    for start in range(0, 1 << a, rows):
        stop = min(start + rows, 1 << a)
        total = SAW[start:stop] @ SB.T
        total += eA[start:stop, None]
        total += eB[None, :]
        flat = int(np.argmax(total))
        value = float(total.flat[flat])
        if value > best:
            best = value
            best_a = start + flat // total.shape[1]
            best_b = flat % total.shape[1]
    spins = np.concatenate([SA[best_a], SB[best_b]])
    colours = spins < 0
    return colours, _count(u, v, w, colours)


# ---------------------------------------------------------------------------
# reductions and block decomposition
# ---------------------------------------------------------------------------

# An elimination record: (node, first neighbour, its weight, second neighbour,
# its weight); a missing neighbour is -1.
_Record = tuple[int, int, float, int, float]


@dataclass
class _Reduced:
    """A graph after eliminating nodes of degree at most two."""

    u: IntArray
    v: IntArray
    w: FloatArray
    offset: float
    stack: list[_Record]


def _reduce(u: IntArray, v: IntArray, w: FloatArray) -> _Reduced:
    r"""Eliminate nodes of degree 0, 1 and 2 exactly.

    A node of degree one is never frustrated (it follows its neighbour). A node
    ``a`` of degree two with neighbours ``b`` and ``c`` is replaced by an edge
    ``bc`` of sign :math:`\operatorname{sgn}(w_{ab} w_{ac})` and weight
    :math:`\min(|w_{ab}|, |w_{ac}|)`: the least frustration of the path for
    any colours of ``b`` and ``c``. Parallel edges merge into their cost
    difference :math:`D - S` (cost when ``b``, ``c`` differ minus when they
    agree) plus the constant :math:`\min(S, D)`.
    """
    adj: dict[int, dict[int, float]] = {}
    for a, b, x in zip(u.tolist(), v.tolist(), w.tolist(), strict=True):
        adj.setdefault(a, {})[b] = x
        adj.setdefault(b, {})[a] = x
    queue = [a for a, nb in adj.items() if len(nb) <= 2]
    offset = 0.0
    stack: list[_Record] = []
    while queue:
        a = queue.pop()
        nb = adj.get(a)
        if nb is None or len(nb) > 2:
            continue
        if not nb:
            del adj[a]
            stack.append((a, -1, 0.0, -1, 0.0))
            continue
        if len(nb) == 1:
            ((b, wb),) = nb.items()
            del adj[b][a]
            del adj[a]
            stack.append((a, b, wb, -1, 0.0))
            queue.append(b)
            continue
        (b, wb), (c, wc) = nb.items()
        del adj[b][a]
        del adj[c][a]
        del adj[a]
        stack.append((a, b, wb, c, wc))
        new = math.copysign(min(abs(wb), abs(wc)), wb * wc)
        old = adj[b].get(c)
        if old is None:
            adj[b][c] = adj[c][b] = new
        else:
            same = max(-old, 0.0) + max(-new, 0.0)
            diff = max(old, 0.0) + max(new, 0.0)
            offset += min(same, diff)
            net = diff - same
            if net == 0.0:
                del adj[b][c]
                del adj[c][b]
            else:
                adj[b][c] = adj[c][b] = net
        queue.append(b)
        queue.append(c)
    eu: list[int] = []
    ev: list[int] = []
    ew: list[float] = []
    for a, nb in adj.items():
        for b, x in nb.items():
            if a < b:
                eu.append(a)
                ev.append(b)
                ew.append(x)
    return _Reduced(
        np.array(eu, dtype=np.int64),
        np.array(ev, dtype=np.int64),
        np.array(ew, dtype=np.float64),
        offset,
        stack,
    )


def _undo(stack: list[_Record], colours: BoolArray) -> None:
    """Colour eliminated nodes optimally, in reverse order of elimination."""
    for a, b, wb, c, wc in reversed(stack):
        if b < 0:
            colours[a] = False
        elif c < 0:
            colours[a] = bool(colours[b]) if wb > 0 else not colours[b]
        else:
            xb, xc = bool(colours[b]), bool(colours[c])
            cost_false = _edge_cost(wb, not xb) + _edge_cost(wc, not xc)
            cost_true = _edge_cost(wb, xb) + _edge_cost(wc, xc)
            colours[a] = cost_true < cost_false


def _blocks(k: int, u: IntArray, v: IntArray) -> list[IntArray]:
    """Biconnected components (blocks) as arrays of edge indices.

    Iterative Hopcroft-Tarjan depth-first search. Blocks are returned in an
    order in which every block shares at most one node (a cut vertex) with
    the blocks before it.
    """
    m = u.size
    heads = np.concatenate([u, v])
    order = np.argsort(heads, kind="stable")
    nbr = np.concatenate([v, u])[order].tolist()
    eid = np.concatenate([np.arange(m), np.arange(m)])[order].tolist()
    ptr = np.concatenate([[0], np.cumsum(np.bincount(heads, minlength=k))]).tolist()
    disc = [-1] * k
    low = [0] * k
    clock = 0
    estack: list[int] = []
    blocks: list[IntArray] = []
    for root in range(k):
        if disc[root] != -1 or ptr[root] == ptr[root + 1]:
            continue
        disc[root] = low[root] = clock
        clock += 1
        frames = [[root, -1, ptr[root]]]
        while frames:
            frame = frames[-1]
            x, parent_edge, i = frame
            if i < ptr[x + 1]:
                frame[2] = i + 1
                y = nbr[i]
                e = eid[i]
                if e == parent_edge:
                    continue
                if disc[y] == -1:
                    estack.append(e)
                    disc[y] = low[y] = clock
                    clock += 1
                    frames.append([y, e, ptr[y]])
                elif disc[y] < disc[x]:
                    estack.append(e)
                    low[x] = min(low[x], disc[y])
            else:
                frames.pop()
                if frames:
                    p = frames[-1][0]
                    low[p] = min(low[p], low[x])
                    if low[x] >= disc[p]:
                        block: list[int] = []
                        while True:
                            e = estack.pop()
                            block.append(e)
                            if e == parent_edge:
                                break
                        blocks.append(np.array(block, dtype=np.int64))
    blocks.reverse()
    return blocks


# A block solver: (k, u, v, w) on local nodes 0..k-1 -> (colours, lower bound).
_BlockSolver = Callable[[int, IntArray, IntArray, FloatArray], tuple[BoolArray, float]]


def _solve(
    u: IntArray, v: IntArray, w: FloatArray, colours: BoolArray, base: _BlockSolver
) -> float:
    """Colour the nodes of a graph given by global edge arrays; return a bound.

    Reduces the graph, splits it into blocks, recurses into each block when
    there are several and hands a single block to ``base``. The colouring is
    written into ``colours`` (global node ids); the return value is a lower
    bound on the minimum frustration of the graph.
    """
    red = _reduce(u, v, w)
    bound = red.offset
    if red.u.size:
        m = red.u.size
        nodes, inverse = np.unique(np.concatenate([red.u, red.v]), return_inverse=True)
        lu, lv = inverse[:m], inverse[m:]
        blocks = _blocks(nodes.size, lu, lv)
        if len(blocks) == 1:
            local, block_bound = base(nodes.size, lu, lv, red.w)
            colours[nodes] = local
            bound += block_bound
        else:
            assigned = np.zeros(colours.size, dtype=bool)
            for block in blocks:
                bu, bv = red.u[block], red.v[block]
                members = np.unique(np.concatenate([bu, bv]))
                shared = members[assigned[members]]
                anchor = int(shared[0]) if shared.size else -1
                before = bool(colours[anchor]) if anchor >= 0 else False
                bound += _solve(bu, bv, red.w[block], colours, base)
                if anchor >= 0 and bool(colours[anchor]) != before:
                    colours[members] = ~colours[members]
                assigned[members] = True
    _undo(red.stack, colours)
    return bound


# ---------------------------------------------------------------------------
# heuristic: batched iterated local search
# ---------------------------------------------------------------------------


_Weights: TypeAlias = FloatArray | csr_array


def _weights(k: int, u: IntArray, v: IntArray, w: FloatArray) -> _Weights:
    """Symmetric weight matrix: dense up to a few thousand nodes, else CSR."""
    if k > _DENSE_MAX_NODES:
        half = csr_array((w, (u, v)), shape=(k, k))
        return (half + half.T).tocsr()
    W = np.zeros((k, k))
    W[u, v] = w
    W[v, u] = w
    return W


def _fields(S: FloatArray, W: _Weights) -> FloatArray:
    """Local fields ``S @ W`` of a batch of spin rows."""
    if isinstance(W, np.ndarray):
        dense: FloatArray = S @ W
        return dense
    return np.asarray((W @ S.T).T, dtype=np.float64)


def _rows(W: _Weights, index: IntArray) -> FloatArray:
    """Rows ``W[index]`` as a dense array."""
    if isinstance(W, np.ndarray):
        dense: FloatArray = W[index]
        return dense
    return np.asarray(W[index].toarray(), dtype=np.float64)


def _descend(S: FloatArray, H: FloatArray, W: _Weights) -> None:
    r"""Steepest single-flip descent on every row of ``S`` in place.

    Flipping node ``i`` changes the frustration by :math:`s_i h_i` with the
    local field :math:`h = W s`; ``H`` is kept equal to ``S @ W``.
    """
    rows = np.arange(S.shape[0])
    while True:
        D = S * H
        best = np.argmin(D, axis=1)
        active = D[rows, best] < -1e-12
        if not active.any():
            return
        r = rows[active]
        i = best[active]
        old = S[r, i]
        S[r, i] = -old
        H[r] -= (2.0 * old)[:, None] * _rows(W, i)


def _default_restarts(k: int) -> int:
    """Chains of the local search on a block of ``k`` nodes: 32, fewer if huge."""
    return int(min(32, max(8, (1 << 15) // max(k, 1))))


def _cluster_kick(
    S: FloatArray,
    positive: _Weights,
    negative: _Weights,
    rng: np.random.Generator,
    keep: FloatArray,
) -> BoolArray:
    """Grow one random cluster per row of ``S`` along satisfied edges.

    From a random seed node, a few layers of neighbours joined to the
    cluster by a satisfied edge (positive with equal spins, negative with
    opposite spins) are added, each with probability ``keep`` of its row.
    Flipping such a cluster leaves its inner edges satisfied: the move
    shifts a whole group of allies to the other camp at once (in the spirit
    of the Swendsen-Wang and Wolff cluster updates).
    """
    R, k = S.shape
    up = S > 0
    cluster = np.zeros((R, k), dtype=bool)
    cluster[np.arange(R), rng.integers(0, k, size=R)] = True
    front = cluster.copy()
    for _ in range(_CLUSTER_LAYERS):
        fu = (front & up).astype(np.float64)
        fd = (front & ~up).astype(np.float64)
        to_up = (_fields(fu, positive) + _fields(fd, negative)) > 0
        to_down = (_fields(fd, positive) + _fields(fu, negative)) > 0
        grow = ((to_up & up) | (to_down & ~up)) & ~cluster
        grow &= rng.random((R, k)) < keep
        if not grow.any():
            break
        cluster |= grow
        front = grow
    return cluster


def _local_search(
    k: int,
    u: IntArray,
    v: IntArray,
    w: FloatArray,
    rng: np.random.Generator,
    restarts: int,
    rounds: int,
    patience: int,
    target: float,
) -> BoolArray:
    """Run an iterated local search with ``restarts`` chains side by side.

    Every chain starts from a random colouring and descends by single-node
    flips. Then, round after round, every chain is kicked -- alternately by
    flipping a cluster of allied nodes (:func:`_cluster_kick`) and a random
    subset of up to 15% of the nodes (at most 40) --, descends again and keeps
    the result
    when it is no worse. Stops after ``rounds`` kicks, after ``patience``
    kicks without improving the best, or on reaching ``target``.
    """
    W = _weights(k, u, v, w)
    positive = _weights(k, u, v, (w > 0).astype(np.float64))
    negative = _weights(k, u, v, (w < 0).astype(np.float64))
    half = float(np.abs(w).sum()) / 2.0
    tol = _tolerance(w)
    S: FloatArray = np.where(rng.random((restarts, k)) < 0.5, -1.0, 1.0)
    H = _fields(S, W)
    _descend(S, H, W)
    value = half - np.einsum("ij,ij->i", S, H) / 4.0
    top = int(np.argmin(value))
    best_value = float(value[top])
    best: FloatArray = S[top].copy()
    stale = 0
    for step in range(rounds):
        if best_value <= target + tol or stale >= patience:
            break
        if step % 2 == 0:
            keep = rng.uniform(0.2, 0.9, size=(restarts, 1))
            flip = _cluster_kick(S, positive, negative, rng, keep)
        else:
            most = max(2.0, min(0.15 * k, _MAX_RANDOM_KICK))
            rate = rng.uniform(1.0, most, size=(restarts, 1)) / k
            flip = rng.random((restarts, k)) < rate
        T: FloatArray = np.where(flip, -S, S)
        G = _fields(T, W)
        _descend(T, G, W)
        new = half - np.einsum("ij,ij->i", T, G) / 4.0
        accept = new <= value + tol
        S[accept] = T[accept]
        H[accept] = G[accept]
        value[accept] = new[accept]
        top = int(np.argmin(value))
        if value[top] < best_value - tol:
            best_value = float(value[top])
            best = S[top].copy()
            stale = 0
        else:
            stale += 1
    return best < 0


# ---------------------------------------------------------------------------
# lower bounds
# ---------------------------------------------------------------------------


class _EdgeIndex:
    """Look up the edge index of node pairs of one block."""

    def __init__(self, k: int, u: IntArray, v: IntArray) -> None:
        self.k = k
        key = np.minimum(u, v) * k + np.maximum(u, v)
        self.order = np.argsort(key)
        self.keys = key[self.order]

    def __call__(self, a: IntArray, b: IntArray) -> IntArray:
        key = np.minimum(a, b) * self.k + np.maximum(a, b)
        found: IntArray = self.order[np.searchsorted(self.keys, key)]
        return found


def _triangles(k: int, u: IntArray, v: IntArray) -> IntArray:
    """Edge indices ``(t, 3)`` of every triangle, by sparse neighbour sets.

    For each edge ``(i, j)`` with ``i < j`` the third nodes ``z > j`` are the
    common entries of rows ``i`` and ``j`` of the upper adjacency matrix.
    """
    m = u.size
    if m < 3:
        return np.zeros((0, 3), dtype=np.int64)
    lo = np.minimum(u, v)
    hi = np.maximum(u, v)
    upper = csr_array((np.ones(m), (lo, hi)), shape=(k, k))
    common = (upper[lo] * upper[hi]).tocoo()
    e = common.row.astype(np.int64)
    z = common.col.astype(np.int64)
    index = _EdgeIndex(k, u, v)
    return np.stack([e, index(lo[e], z), index(hi[e], z)], axis=1)


def _packing_bound(w: FloatArray, triangles: IntArray) -> float:
    """Lower bound from a greedy packing of unbalanced triangles.

    Each unbalanced triangle needs a frustrated edge; giving each packed
    triangle the least residual weight of its edges and charging that to all
    three keeps the charges within the weights, so their sum is a lower bound
    (a feasible dual of the covering relaxation).
    """
    if not triangles.size:
        return 0.0
    sign = np.sign(w[triangles]).prod(axis=1)
    odd = triangles[sign < 0]
    if not odd.size:
        return 0.0
    load = np.bincount(odd.ravel(), minlength=w.size)
    order = np.argsort(load[odd].sum(axis=1), kind="stable")
    residual = np.abs(w).tolist()
    total = 0.0
    for e1, e2, e3 in odd[order].tolist():
        x = min(residual[e1], residual[e2], residual[e3])
        if x > 0.0:
            residual[e1] -= x
            residual[e2] -= x
            residual[e3] -= x
            total += x
    return total


# ---------------------------------------------------------------------------
# integer programme
# ---------------------------------------------------------------------------


def _and_model(
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


class _Cuts:
    r"""Cycle inequalities over the edge frustrations, collected for the LP.

    Row ``r`` reads :math:`\sum_e a_{re} f_e \ge b_r` with :math:`f_e \in
    [0, 1]` the frustration of edge :math:`e`; coefficients are integers.
    """

    def __init__(self, m: int) -> None:
        self.m = m
        self.cols: list[IntArray] = []
        self.vals: list[FloatArray] = []
        self.rhs: list[float] = []
        self.keys: list[tuple[tuple[int, int], ...]] = []
        self._seen: set[tuple[tuple[int, int], ...]] = set()

    @property
    def count(self) -> int:
        """Number of rows."""
        return len(self.rhs)

    def add(self, coef: dict[int, int], rhs: float) -> bool:
        """Append one row unless it is already present; return whether added."""
        items = tuple(sorted((e, c) for e, c in coef.items() if c))
        if not items or items in self._seen:
            return False
        self._seen.add(items)
        self.keys.append(items)
        self.cols.append(np.array([e for e, _ in items], dtype=np.int64))
        self.vals.append(np.array([c for _, c in items], dtype=np.float64))
        self.rhs.append(rhs)
        return True

    def keep(self, rows: IntArray) -> None:
        """Keep only the given rows (dropped rows may be added again)."""
        for r in set(range(self.count)).difference(rows.tolist()):
            self._seen.discard(self.keys[r])
        index = rows.tolist()
        self.cols = [self.cols[r] for r in index]
        self.vals = [self.vals[r] for r in index]
        self.rhs = [self.rhs[r] for r in index]
        self.keys = [self.keys[r] for r in index]

    def matrix(self, offset: int = 0, width: int | None = None) -> csr_array:
        """Return the rows as a sparse matrix, columns shifted by ``offset``."""
        ncols = self.m + offset if width is None else width
        if not self.count:
            return csr_array((0, ncols))
        lengths = np.array([c.size for c in self.cols])
        indptr = np.concatenate([[0], np.cumsum(lengths)])
        return csr_array(
            (np.concatenate(self.vals), offset + np.concatenate(self.cols), indptr),
            shape=(self.count, ncols),
        )

    def lower(self) -> FloatArray:
        """Right-hand sides."""
        return np.array(self.rhs, dtype=np.float64)


def _triangle_cuts(w: FloatArray, triangles: IntArray, cuts: _Cuts) -> None:
    r"""Add :math:`f_a + f_b + f_c \ge 1` for every unbalanced triangle."""
    if not triangles.size:
        return
    odd = triangles[np.sign(w[triangles]).prod(axis=1) < 0]
    for e1, e2, e3 in odd[:_MAX_TRIANGLE_CUTS].tolist():
        cuts.add({e1: 1, e2: 1, e3: 1}, 1.0)


def _separate(
    k: int,
    u: IntArray,
    v: IntArray,
    negative: BoolArray,
    f: FloatArray,
    edge_index: _EdgeIndex,
    cuts: _Cuts,
    sources: IntArray,
) -> int:
    r"""Add violated cycle inequalities for the fractional frustrations ``f``.

    Along any closed walk the number of frustrated edges has the parity of
    its number of negative edges. Choosing for each step of a closed walk
    whether its edge is assumed frustrated (set :math:`F`) or not, a choice
    of the wrong parity is infeasible, which gives the valid inequality
    :math:`\sum_{e \notin F} f_e + \sum_{e \in F} (1 - f_e) \ge 1`. The most
    violated one through each node is a shortest path from ``(i, 0)`` to
    ``(i, 1)`` in the graph of (node, parity) pairs, where an edge step costs
    :math:`f_e` (parity changes iff the edge is negative) or
    :math:`1 - f_e` (parity changes iff it is positive) [1]_. Paths are
    searched from the given ``sources``; returns the number of cuts added.

    References
    ----------
    .. [1] Barahona, F., and A. R. Mahjoub. "On the Cut Polytope."
       *Mathematical Programming* 36, no. 2 (1986): 157-173.
       https://doi.org/10.1007/BF02592023
    """
    neg = negative.astype(np.int64)
    fc = np.clip(f, 0.0, 1.0)
    src_parts = []
    dst_parts = []
    wt_parts = []
    for change, cost in ((neg, fc), (1 - neg, 1.0 - fc)):
        for p in (0, 1):
            a = u + p * k
            b = v + ((p + change) % 2) * k
            src_parts += [a, b]
            dst_parts += [b, a]
            wt_parts += [cost + 1e-9, cost + 1e-9]
    G = csr_array(
        (
            np.concatenate(wt_parts),
            (np.concatenate(src_parts), np.concatenate(dst_parts)),
        ),
        shape=(2 * k, 2 * k),
    )
    dist, pred = dijkstra(G, directed=True, indices=sources, return_predecessors=True)
    row = np.arange(sources.size)
    closed = dist[row, sources + k]
    candidates = np.flatnonzero(closed < 1.0 - 1e-6)
    added = 0
    for r in candidates[np.argsort(closed[candidates], kind="stable")].tolist():
        i = int(sources[r])
        path = [i + k]
        while path[-1] != i:
            path.append(int(pred[r, path[-1]]))
        steps = np.array(path, dtype=np.int64)
        head, tail = steps[:-1], steps[1:]
        edges = edge_index(head % k, tail % k)
        changed = (head >= k) != (tail >= k)
        assumed = changed != negative[edges]  # step assumes the edge frustrated
        coef: dict[int, int] = {}
        for e, one in zip(edges.tolist(), assumed.tolist(), strict=True):
            coef[e] = coef.get(e, 0) + (-1 if one else 1)
        rhs = 1.0 - float(assumed.sum())
        lhs = sum(c * float(fc[e]) for e, c in coef.items())
        if lhs < rhs - 1e-6 and cuts.add(coef, rhs):
            added += 1
    return added


def _pattern_colours(k: int, u: IntArray, v: IntArray, differ: BoolArray) -> BoolArray:
    """Build a colouring whose edge ends differ exactly where ``differ`` says.

    Built along a breadth-first spanning forest; edges off the forest are not
    checked (the caller recounts the frustration).
    """
    G = csr_array((np.where(differ, 2.0, 1.0), (u, v)), shape=(k, k))
    G = (G + G.T).tocsr()
    colours = np.zeros(k, dtype=bool)
    seen = np.zeros(k, dtype=bool)
    lookup = _EdgeIndex(k, u, v)
    for root in range(k):
        if seen[root]:
            continue
        order, pred = breadth_first_order(
            G, root, directed=False, return_predecessors=True
        )
        seen[order] = True
        child = order[1:]
        parent = pred[child]
        flips = differ[lookup(parent, child)]
        for node, par, flip in zip(
            child.tolist(), parent.tolist(), flips.tolist(), strict=True
        ):
            colours[node] = colours[par] ^ flip
    return colours


def _solve_lp(
    m: int, weight: FloatArray, cuts: _Cuts, time_limit: float | None
) -> tuple[FloatArray, float] | None:
    """Solve the LP relaxation over the current cuts; ``None`` on failure."""
    if not cuts.count:
        return np.zeros(m), 0.0
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
) -> tuple[BoolArray | None, float, bool]:
    r"""Solve one block exactly: the XOR model plus the collected cuts.

    Binary node colours :math:`x` (node 0 fixed to 0: a block and its mirror
    image have the same frustration) and continuous edge frustrations
    :math:`f_e \in [0, 1]` with :math:`f_e \ge |x_i - x_j|` for positive and
    :math:`f_e \ge |1 - x_i - x_j|` for negative edges, each written as two
    linear rows [1]_; minimise :math:`\sum_e |w_e| f_e`. The cycle
    inequalities are valid for every colouring's frustration pattern, so they
    only tighten the relaxation.

    References
    ----------
    .. [1] Aref, S., A. J. Mason, and M. C. Wilson. "Computing the Line Index
       of Balance Using Integer Programming Optimisation." In *Optimization
       Problems in Graph Theory*. Cham: Springer, 2018.
       https://arxiv.org/abs/1710.09876
    """
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
    return colours, bound, bool(res.status == 0 and colours is not None)


def _exact_block(
    k: int,
    u: IntArray,
    v: IntArray,
    w: FloatArray,
    rng: np.random.Generator,
    deadline: float | None,
) -> tuple[BoolArray, float, bool]:
    """Solve one biconnected block exactly; return colours, bound, proven.

    Enumeration up to 20 nodes. Beyond: a shorter local search than the
    heuristic's (only an incumbent is needed) for an upper bound,
    triangle packing for a first lower bound, then rounds of the cycle
    inequality LP relaxation (tight on most real networks) and, only if a
    gap remains, the integer programme :func:`_xor_milp` with HiGHS.
    """
    if k <= _ENUM_MAX_NODES:
        colours, value = _enumerate_block(k, u, v, w)
        return colours, value, True
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
        return colours, upper, True
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
            return colours, lower, False
        solved = _solve_lp(u.size, weight, cuts, remaining)
        if solved is None:
            break
        f, value = solved
        lower = max(lower, _round_bound(value * scale, integral))
        if upper <= lower + tol:
            return colours, upper, True
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
                    return colours, upper, True
            break
    remaining = None if deadline is None else deadline - time.monotonic()
    if remaining is not None and remaining <= 0:
        return colours, lower, False
    if f is not None:
        # Only the binding (or still violated) cuts go into the programme.
        cuts.keep(np.flatnonzero(cuts.matrix() @ f - cuts.lower() < 1e-6))
    found, bound, optimal = _xor_milp(k, u, v, w / scale, cuts, remaining)
    bound *= scale
    if found is not None and _count(u, v, w, found) < upper:
        colours, upper = found, _count(u, v, w, found)
    if optimal and found is not None:
        # HiGHS proved optimality (relative gap 0, absolute gap 1e-6); with
        # integral weights the rounded dual bound certifies it exactly.
        bound = _round_bound(bound, True) if integral else upper
    lower = max(lower, _round_bound(bound, integral))
    if upper <= lower + tol:
        return colours, upper, True
    return colours, lower, False


# ---------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------


def frustration_count(
    u: ArrayLike, v: ArrayLike, w: ArrayLike, colours: ArrayLike
) -> float:
    r"""Return the frustration of a given 2-colouring of a signed graph.

    .. math::

       L(x) = \sum_{uv \in E} |w_{uv}|\,
              \bigl[(w_{uv} > 0 \wedge x_u \ne x_v) \vee
                    (w_{uv} < 0 \wedge x_u = x_v)\bigr]

    Parameters
    ----------
    u, v : array_like of int
        Endpoints of each undirected edge, node labels ``0 .. n-1`` where
        ``n = len(colours)``.
    w : array_like of float
        Non-zero finite signed weight of each edge (``+1``/``-1`` unweighted).
    colours : array_like of bool
        Camp of each node, shape ``(n,)``.

    Returns
    -------
    float
        Total absolute weight of the frustrated edges.

    Raises
    ------
    InvalidGraphError
        If ``colours`` is not 1-D or the edges are invalid (see
        :func:`frustration_exact`). It is a ``ValueError``.

    References
    ----------
    .. [1] Aref, S., and M. C. Wilson. "Measuring Partial Balance in Signed
       Networks." *Journal of Complex Networks* 6, no. 4 (2018): 566-595.
       https://doi.org/10.1093/comnet/cnx044

    Examples
    --------
    >>> from middlepower.kernels.frustration import frustration_count
    >>> frustration_count([0, 1, 0], [1, 2, 2], [1, 1, -1], [False, False, False])
    1.0
    """
    x = np.asarray(colours)
    if x.ndim != 1:
        raise InvalidGraphError(
            f"The colours must be a 1-D array, not of shape {x.shape}."
        )
    if x.size and x.dtype.kind not in "biu":
        raise InvalidGraphError(f"The colours must be booleans, not dtype {x.dtype}.")
    uu, vv, ww = _check_edges(x.size, u, v, w)
    return _count(uu, vv, ww, x.astype(bool))


def frustration_bruteforce(
    n: int, u: ArrayLike, v: ArrayLike, w: ArrayLike
) -> FrustrationSolution:
    r"""Return the line index by enumerating every 2-colouring.

    Node 0 is fixed to ``False`` (a colouring and its mirror image have the
    same frustration) and the :math:`2^{n-1}` colourings of the other nodes
    are scored in vectorised chunks. The test oracle for the other solvers.

    .. math::

       L = \min_{x \in \{0,1\}^n,\, x_0 = 0} \sum_{uv \in E} |w_{uv}|\,
           \bigl[(x_u \ne x_v) \oplus (w_{uv} < 0)\bigr]

    Parameters
    ----------
    n : int
        Number of nodes, at most 24 (about 20 runs in a second).
    u, v : array_like of int
        Endpoints of each undirected edge.
    w : array_like of float
        Non-zero finite signed weight of each edge.

    Returns
    -------
    FrustrationSolution
        The first optimal colouring in enumeration order; always exact.

    Raises
    ------
    InvalidParameterError
        If ``n`` is negative or above 24 (a ``ValueError``).
    InvalidGraphError
        If the edges are invalid (a ``ValueError``).

    References
    ----------
    .. [1] Aref, S., and M. C. Wilson. "Measuring Partial Balance in Signed
       Networks." *Journal of Complex Networks* 6, no. 4 (2018): 566-595.
       https://doi.org/10.1093/comnet/cnx044

    Examples
    --------
    >>> from middlepower.kernels.frustration import frustration_bruteforce
    >>> frustration_bruteforce(3, [0, 1, 0], [1, 2, 2], [-1, -1, -1]).index
    1.0
    """
    n = _check_n(n)
    if n > _BRUTEFORCE_MAX_NODES:
        raise InvalidParameterError(
            f"n = {n} is too many nodes for enumeration; frustration_bruteforce "
            f"accepts at most {_BRUTEFORCE_MAX_NODES}."
        )
    uu, vv, ww = _check_edges(n, u, v, w)
    colours = np.zeros(n, dtype=bool)
    if n == 0 or uu.size == 0:
        return FrustrationSolution(0.0, colours, True, 0.0)
    weight = np.abs(ww)
    negative = ww < 0
    best = np.inf
    best_code = 0
    total = 1 << (n - 1)
    for start in range(0, total, _CHUNK):
        codes = np.arange(start, min(start + _CHUNK, total), dtype=np.int64)
        X = np.zeros((codes.size, n), dtype=bool)
        X[:, 1:] = _code_bits(codes, n - 1)
        frustrated = (X[:, uu] != X[:, vv]) ^ negative
        cost = frustrated @ weight
        i = int(np.argmin(cost))
        if cost[i] < best:
            best = float(cost[i])
            best_code = start + i
    colours[1:] = _code_bits(np.array([best_code], dtype=np.int64), n - 1)[0]
    index = _count(uu, vv, ww, colours)
    return FrustrationSolution(index, colours, True, index)


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


def _finish(
    u: IntArray,
    v: IntArray,
    w: FloatArray,
    colours: BoolArray,
    bound: float,
    proven: bool,
) -> FrustrationSolution:
    """Package a colouring and a lower bound as a solution."""
    index = _count(u, v, w, colours)
    bound = min(_round_bound(bound, _integral(w)), index)
    exact = proven and index - bound <= _tolerance(w)
    return FrustrationSolution(index, colours, exact, index if exact else bound)


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
        (e.g. ``L == 0``) and the rest was enumerated; ``lower_bound`` is that
        bound otherwise.

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
        the end); ``None`` for no limit.

    Returns
    -------
    FrustrationSolution
        The line index ``index``, one optimal colouring, ``exact=True`` and
        ``lower_bound == index`` when optimality is proven (for non-integer
        weights: up to HiGHS' absolute gap tolerance of 1e-6 times the
        largest ``|w|``). When the time limit stops the search, the best
        colouring found with ``exact=False`` and the best lower bound.

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
    frustration_heuristic, frustration_and_model_baseline

    Notes
    -----
    Checked against :func:`frustration_bruteforce` on random graphs (also
    with every stage above forced on small blocks) and against the plain AND
    model (:func:`frustration_and_model_baseline`) on the 51 signed
    inter-state networks, where it needs no integer programme at all and is
    about an order of magnitude faster in total
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
    >>> sol.index, sol.exact
    (1.0, True)
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
    proven = [True]

    def solve(
        k: int, bu: IntArray, bv: IntArray, bw: FloatArray
    ) -> tuple[BoolArray, float]:
        colours, bound, ok = _exact_block(k, bu, bv, bw, rng, deadline)
        if not ok:
            proven[0] = False
        return colours, bound

    colours = np.zeros(n, dtype=bool)
    bound = _solve(uu, vv, ww, colours, solve)
    return _finish(uu, vv, ww, colours, bound, proven[0])


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
    frustration_exact

    References
    ----------
    .. [1] Aref, S., A. J. Mason, and M. C. Wilson. "Computing the Line Index
       of Balance Using Integer Programming Optimisation." In *Optimization
       Problems in Graph Theory*. Cham: Springer, 2018.
       https://arxiv.org/abs/1710.09876

    Examples
    --------
    >>> from middlepower.kernels.frustration import frustration_and_model_baseline
    >>> frustration_and_model_baseline(3, [0, 1, 0], [1, 2, 2], [1, -1, -1]).index
    0.0
    """
    n = _check_n(n)
    uu, vv, ww = _check_edges(n, u, v, w)
    colours = np.zeros(n, dtype=bool)
    if uu.size == 0:
        return FrustrationSolution(0.0, colours, True, 0.0)
    c, const, A, lo, hi = _and_model(n, uu, vv, ww)
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
