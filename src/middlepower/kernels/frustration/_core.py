"""The solution type, input checks and the frustration of one colouring.

Shared by every solver of :mod:`middlepower.kernels.frustration`: array
aliases, :class:`FrustrationSolution`, the validation of edge arrays, the
frustration of a colouring (:func:`frustration_count`) and the packaging of a
colouring and a lower bound into a solution.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

from middlepower.exceptions import InvalidGraphError, InvalidParameterError

__all__ = ["FrustrationSolution", "SolutionStatus", "frustration_count"]

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

SolutionStatus: TypeAlias = Literal["optimal", "time_limit", "unproven"]
"""How a solver ended: ``"optimal"`` (proven minimum), ``"time_limit"`` (the
exact search was stopped by its time limit before the proof) or
``"unproven"`` (a heuristic bound, or a solver that ended without a proof)."""


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
    status : {"optimal", "time_limit", "unproven"}
        ``"optimal"`` iff ``exact``; ``"time_limit"`` when the exact search
        was stopped by its time limit before proving optimality;
        ``"unproven"`` for a heuristic bound (or a solver that ended without
        a proof for another reason).

    Examples
    --------
    >>> from middlepower.kernels.frustration import frustration_exact
    >>> sol = frustration_exact(3, [0, 1, 0], [1, 2, 2], [1, 1, -1])
    >>> sol.index, sol.exact, sol.status, sol.gap
    (1.0, True, 'optimal', 0.0)
    """

    index: float
    colours: BoolArray
    exact: bool
    lower_bound: float
    status: SolutionStatus

    @property
    def gap(self) -> float:
        """The absolute optimality gap ``index - lower_bound`` (0 when exact).

        Examples
        --------
        >>> from middlepower.kernels.frustration import frustration_heuristic
        >>> frustration_heuristic(2, [0], [1], [-1.0], seed=0).gap
        0.0
        """
        return max(0.0, float(self.index) - float(self.lower_bound))


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


def _finish(
    u: IntArray,
    v: IntArray,
    w: FloatArray,
    colours: BoolArray,
    bound: float,
    proven: bool,
    timed_out: bool = False,
) -> FrustrationSolution:
    """Package a colouring and a lower bound as a solution.

    ``timed_out`` says that a time limit stopped the search of some block;
    it sets the status of a solution that is not proven optimal.
    """
    index = _count(u, v, w, colours)
    bound = min(_round_bound(bound, _integral(w)), index)
    exact = proven and index - bound <= _tolerance(w)
    status: SolutionStatus = (
        "optimal" if exact else "time_limit" if timed_out else "unproven"
    )
    return FrustrationSolution(index, colours, exact, index if exact else bound, status)


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
