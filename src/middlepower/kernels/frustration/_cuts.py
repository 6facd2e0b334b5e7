r"""Cycle inequalities: the cuts of the LP relaxation and the integer programme.

Along any closed walk the number of frustrated edges has the parity of its
number of negative edges; the resulting inequalities over the edge
frustrations :math:`f_e \in [0, 1]` (in the general form of Barahona and
Mahjoub) are collected in :class:`_Cuts`, seeded with the unbalanced
triangles and separated by shortest paths (:func:`_separate`).
:func:`_pattern_colours` turns an integral frustration pattern back into a
colouring. ``scipy.sparse`` is imported when a block first needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from middlepower.kernels.frustration._bounds import _EdgeIndex
from middlepower.kernels.frustration._core import BoolArray, FloatArray, IntArray

if TYPE_CHECKING:
    from scipy.sparse import csr_array

#: Most unbalanced-triangle inequalities put into the first LP.
_MAX_TRIANGLE_CUTS = 50_000


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
        from scipy.sparse import csr_array

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
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import dijkstra

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
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import breadth_first_order

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
