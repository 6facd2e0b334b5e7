r"""Batched iterated local search: an upper bound on the line index.

Several chains, run side by side as numpy arrays, descend by single-node
flips (flipping :math:`i` changes the frustration by :math:`s_i (W s)_i`
with spins :math:`s = 1 - 2x`; the local fields :math:`W s` are updated
incrementally), then are repeatedly kicked and descend again. Used by
:func:`~middlepower.kernels.frustration.frustration_heuristic` and, for an
incumbent, by :func:`~middlepower.kernels.frustration.frustration_exact`.
Weight matrices are dense up to :data:`_DENSE_MAX_NODES` nodes and
``scipy.sparse`` CSR beyond (imported only then).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

import numpy as np

from middlepower.kernels.frustration._core import (
    BoolArray,
    FloatArray,
    IntArray,
    _tolerance,
)

if TYPE_CHECKING:
    from scipy.sparse import csr_array

#: Largest block whose weight matrix the local search keeps dense.
_DENSE_MAX_NODES = 3000
#: Most nodes (on average) flipped by a random kick of the local search.
_MAX_RANDOM_KICK = 40.0
#: Breadth-first layers grown by a cluster kick of the local search.
_CLUSTER_LAYERS = 4

_Weights: TypeAlias = "FloatArray | csr_array"


def _weights(k: int, u: IntArray, v: IntArray, w: FloatArray) -> _Weights:
    """Symmetric weight matrix: dense up to a few thousand nodes, else CSR."""
    if k > _DENSE_MAX_NODES:
        from scipy.sparse import csr_array

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
