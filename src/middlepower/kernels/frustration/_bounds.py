"""Cheap lower bounds: triangles of a block and a packing of unbalanced ones.

Each unbalanced triangle needs a frustrated edge, so a packing of
edge-disjoint (or weight-sharing) unbalanced triangles bounds the line index
from below; the triangles also seed the cycle inequalities of :mod:`._cuts`.
"""

from __future__ import annotations

import numpy as np

from middlepower.kernels.frustration._core import FloatArray, IntArray


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
    from scipy.sparse import csr_array

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
