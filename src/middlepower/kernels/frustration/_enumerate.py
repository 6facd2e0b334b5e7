"""Complete enumeration: small blocks inside the solvers, and the test oracle.

:func:`_enumerate_block` solves a block of at most :data:`_ENUM_MAX_NODES`
nodes exactly by meet-in-the-middle; :func:`frustration_bruteforce` scores
every colouring of a small graph and is the oracle of the tests.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from middlepower.exceptions import InvalidParameterError
from middlepower.kernels.frustration._core import (
    BoolArray,
    FloatArray,
    FrustrationSolution,
    IntArray,
    _check_edges,
    _check_n,
    _count,
)

__all__ = ["frustration_bruteforce"]

#: Largest block (in nodes) solved by complete enumeration inside the solvers.
_ENUM_MAX_NODES = 20
#: Largest number of nodes :func:`frustration_bruteforce` accepts.
_BRUTEFORCE_MAX_NODES = 24
#: Colourings scored per vectorised chunk of the enumerations.
_CHUNK = 1 << 14


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
        return FrustrationSolution(0.0, colours, True, 0.0, "optimal")
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
    return FrustrationSolution(index, colours, True, index, "optimal")
