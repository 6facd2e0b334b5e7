r"""Numpy kernels of foreign-policy similarity (METHODS.md §9).

A state-by-item matrix is first encoded as category codes
(:func:`encode_categories`): ``codes[i, k]`` is the index of state ``i``'s
value on item ``k`` among the sorted distinct values of the matrix, ``-1``
where the value is missing. :func:`similarity_kernel` then scores every pair
of states at once from weighted category-indicator matrices and a handful of
matrix products; there is no loop over pairs (only over the few categories).

For states :math:`i, j`, items :math:`k` with weights :math:`w_k \ge 0`
(items missing for either state are left out of that pair), categories
:math:`a, b` and a disagreement :math:`d(a, b) \in [0, 1]`:

.. math::

   D_{obs} = \frac{\sum_k w_k\, d(x_{ik}, x_{jk})}{\sum_k w_k}, \qquad
   D_{exp} = \sum_a \sum_b p(a)\, q(b)\, d(a, b)

with :math:`p, q` the weighted category distributions of :math:`i` and
:math:`j` over the same items (Cohen's :math:`\kappa`) or both their mean
(Scott's :math:`\pi`). Then :math:`S = 1 - 2 D_{obs}` and
:math:`\kappa, \pi = 1 - D_{obs} / D_{exp}`.

No pydantic, no pandas, no networkx here; undefined values are ``nan``.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt

__all__ = [
    "DISTANCES",
    "METHODS",
    "category_distances",
    "encode_categories",
    "similarity_alignment_kernel",
    "similarity_kernel",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

METHODS: tuple[str, ...] = ("s", "kappa", "pi")
"""Similarity methods: Signorino-Ritter S, Cohen's kappa, Scott's pi."""

DISTANCES: tuple[str, ...] = ("absolute", "squared", "nominal")
"""Per-item disagreement: ``|a - b| / Δ``, its square, or 0/1."""


def encode_categories(X: FloatArray) -> tuple[IntArray, FloatArray]:
    """Encode a float matrix as category codes.

    Parameters
    ----------
    X : ndarray, shape (n, K)
        Finite values, ``nan`` where missing.

    Returns
    -------
    codes : ndarray of int, shape (n, K)
        Index of each value in ``values``; ``-1`` where ``X`` is ``nan``.
    values : ndarray, shape (C,)
        The distinct values of ``X``, sorted.

    Examples
    --------
    >>> from middlepower.kernels.similarity import encode_categories
    >>> codes, values = encode_categories(np.array([[3.0, 0.0], [np.nan, 2.0]]))
    >>> codes.tolist(), values.tolist()
    ([[2, 0], [-1, 1]], [0.0, 2.0, 3.0])
    """
    X = np.asarray(X, dtype=float)
    missing = np.isnan(X)
    values = np.unique(X[~missing])
    codes = np.searchsorted(values, np.where(missing, 0.0, X)).astype(np.intp)
    codes[missing] = -1
    return codes, values.astype(np.float64)


def category_distances(
    values: FloatArray,
    distance: str,
    delta: float,
) -> FloatArray:
    r"""Disagreement :math:`d(a, b)` between every two categories, shape ``(C, C)``.

    .. math::

       d(a, b) = \frac{|a - b|}{\Delta} \;(\text{absolute}), \quad
       \left(\frac{a - b}{\Delta}\right)^2 \;(\text{squared}), \quad
       [a \ne b] \;(\text{nominal})

    Parameters
    ----------
    values : ndarray, shape (C,)
        The category values.
    distance : {"absolute", "squared", "nominal"}
        The disagreement.
    delta : float
        The range :math:`\Delta` of the scale (ignored by ``"nominal"``);
        with :math:`\Delta = 0` (a single category) every :math:`d` is 0.

    Returns
    -------
    ndarray, shape (C, C)
        Symmetric, zero diagonal.

    Examples
    --------
    >>> from middlepower.kernels.similarity import category_distances
    >>> category_distances(np.array([0.0, 1.0, 3.0]), "squared", 3.0).round(3)
    array([[0.   , 0.111, 1.   ],
           [0.111, 0.   , 0.444],
           [1.   , 0.444, 0.   ]])
    """
    values = np.asarray(values, dtype=float)
    diff = np.abs(values[:, None] - values[None, :])
    if distance == "nominal":
        out: FloatArray = (diff > 0).astype(np.float64)
        return out
    if distance not in ("absolute", "squared"):
        raise ValueError(f"unknown distance {distance!r}; expected one of {DISTANCES}")
    d = diff / delta if delta > 0 else np.zeros_like(diff)
    out = d**2 if distance == "squared" else d
    return out


def _rank_distances(present: FloatArray, distance: str) -> FloatArray:
    """Pair-specific ``d(a, b)`` on the ranks of the categories present.

    ``present`` is ``(C, n, n)`` (1 where category ``c`` occurs in the pair);
    the result is ``(C, C, n, n)``: with ``r`` the 1-based rank of a category
    among the ``L`` present, ``|r_a - r_b| / (L - 1)`` (or its square, or
    0/1); 0 everywhere when ``L <= 1``.
    """
    C = present.shape[0]
    if distance == "nominal":
        eye = np.eye(C)[:, :, None, None]
        return np.broadcast_to(1.0 - eye, (C, C, *present.shape[1:])).copy()
    rank = np.cumsum(present, axis=0)  # (C, n, n)
    span = rank[-1] - 1.0  # L - 1
    gap = np.abs(rank[:, None] - rank[None, :])
    with np.errstate(invalid="ignore", divide="ignore"):
        d = np.where(span > 0, gap / np.where(span > 0, span, 1.0), 0.0)
    out: FloatArray = d**2 if distance == "squared" else d
    return out


def similarity_kernel(
    codes: IntArray,
    values: FloatArray,
    weights: FloatArray,
    *,
    method: str,
    distance: str,
    scale: float | Literal["pair"],
) -> FloatArray:
    r"""All-pairs similarity of the rows of a category-coded matrix.

    With :math:`Y_a` the ``(n, K)`` indicator of category :math:`a`,
    :math:`M` the indicator of observed values and :math:`W = \mathrm{diag}(w)`:

    .. math::

       \Sigma w = M W M^\top, \quad
       n_{obs} = \sum_a Y_a W \Big(\sum_b d(a, b)\, Y_b\Big)^\top, \quad
       P_a = Y_a W M^\top

    so that :math:`D_{obs} = n_{obs} / \Sigma w`, state :math:`i`'s weighted
    share of category :math:`a` over the items it shares with :math:`j` is
    :math:`p_{ij}(a) = P_a[i, j] / \Sigma w_{ij}`, and :math:`j`'s is
    :math:`q_{ij}(b) = P_b[j, i] / \Sigma w_{ij}`. The sums over categories
    are one stacked matrix product; nothing loops over pairs.

    Parameters
    ----------
    codes : ndarray of int, shape (n, K)
        Category index of each value, ``-1`` where missing
        (:func:`encode_categories`).
    values : ndarray, shape (C,)
        The category values (sorted).
    weights : ndarray, shape (K,)
        Item weights :math:`w_k \ge 0`.
    method : {"s", "kappa", "pi"}
        Signorino-Ritter :math:`S = 1 - 2 D_{obs}`, Cohen's
        :math:`\kappa` or Scott's :math:`\pi` (:math:`1 - D_{obs}/D_{exp}`
        with own or pooled category distributions).
    distance : {"absolute", "squared", "nominal"}
        The per-item disagreement (:func:`category_distances`).
    scale : float or "pair"
        The range :math:`\Delta` of the scale, or ``"pair"``: each pair
        recodes the categories present among its shared items to ranks
        :math:`0 \dots L-1` and takes :math:`\Delta = L - 1` (the convention
        of ``psych::cohen.kappa``).

    Returns
    -------
    ndarray, shape (n, n)
        Symmetric. ``nan`` where no item with positive weight is observed
        for both states (:math:`\Sigma w = 0`) and, for :math:`\kappa` and
        :math:`\pi`, where :math:`D_{exp} = 0` (both states put all their
        weight on one and the same category).

    Examples
    --------
    >>> from middlepower.kernels.similarity import (
    ...     encode_categories,
    ...     similarity_kernel,
    ... )
    >>> codes, values = encode_categories(np.array([[3.0, 0, 1], [0, 3, 1]]))
    >>> S = similarity_kernel(
    ...     codes, values, np.ones(3), method="s", distance="absolute", scale=3.0
    ... )
    >>> S.round(4).tolist()  # 1 - 2 * (1 + 1 + 0) / 3
    [[1.0, -0.3333], [-0.3333, 1.0]]
    """
    codes = np.asarray(codes, dtype=np.intp)
    n, K = codes.shape
    C = len(values)
    w = np.asarray(weights, dtype=float)
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; expected one of {METHODS}")
    if distance not in DISTANCES:
        raise ValueError(f"unknown distance {distance!r}; expected one of {DISTANCES}")
    if C == 0:  # nothing observed: every pair is undefined
        return np.full((n, n), np.nan)
    observed = (codes >= 0).astype(np.float64)  # (n, K)
    total = (observed * w) @ observed.T  # Σw over shared items, (n, n)
    # weighted category indicators, (C, n, K)
    Y = (codes[None, :, :] == np.arange(C)[:, None, None]).astype(np.float64)
    Yw = Y * w
    # P[a, i, j]: i's weight in category a over the items it shares with j
    P = (Yw.reshape(C * n, K) @ observed.T).reshape(C, n, n)
    Q = P.transpose(0, 2, 1)  # j's weight in category b over the same items
    pair = isinstance(scale, str)
    if pair:
        present = ((P + Q) > 0).astype(np.float64)
        d4 = _rank_distances(present, distance)  # (C, C, n, n)
        N = (Yw.reshape(C * n, K) @ Y.reshape(C * n, K).T).reshape(C, n, C, n)
        n_obs = np.einsum("abij,aibj->ij", d4, N)
    else:
        d = category_distances(values, distance, float(scale))
        Z = np.tensordot(d, Y, axes=(1, 0))  # Z[a, j, k] = d(a, x_jk)
        left = Yw.transpose(1, 0, 2).reshape(n, C * K)
        right = Z.transpose(1, 0, 2).reshape(n, C * K)
        n_obs = left @ right.T
    safe = np.where(total > 0, total, 1.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        d_obs = np.where(total > 0, n_obs / safe, np.nan)
        if method == "s":
            out = 1.0 - 2.0 * d_obs
        else:
            # shares p_ij(a), q_ij(b) (normalised before multiplying: no underflow)
            if method == "kappa":
                p, q = P / safe, Q / safe
            else:
                p = q = 0.5 * (P + Q) / safe
            if pair:
                d_exp = np.einsum("abij,aij,bij->ij", d4, p, q)
            else:
                d_exp = np.einsum("aij,aij->ij", p, np.tensordot(d, q, axes=(1, 0)))
            out = np.where(
                (total > 0) & (d_exp > 0),
                1.0 - d_obs / np.where(d_exp > 0, d_exp, 1.0),
                np.nan,
            )
    out = np.asarray(out, dtype=np.float64)
    iu = np.triu_indices(n, 1)
    out[iu[1], iu[0]] = out[iu]  # exact symmetry: the lower triangle mirrors
    return out


def similarity_alignment_kernel(
    S: FloatArray,
    pole_index: IntArray,
) -> FloatArray:
    r"""Alignment :math:`a_s \in \Delta^m` from similarities to the poles.

    .. math::

       a_{s,j} \propto \max(S(s, p_j), 0)

    uniform :math:`1/m` when every :math:`S(s, p_j) \le 0`; ``nan``
    (undefined) similarities count as 0; a pole :math:`p_j` gets
    :math:`e_j`.

    Parameters
    ----------
    S : ndarray, shape (N, m)
        Similarity of each state to each pole.
    pole_index : ndarray of int, shape (m,)
        Row of each pole in ``S``.

    Returns
    -------
    ndarray, shape (N, m)
        Rows are non-negative and sum to 1.

    Examples
    --------
    >>> from middlepower.kernels.similarity import similarity_alignment_kernel
    >>> S = np.array([[1.0, -0.2], [-0.2, 1.0], [0.6, 0.2], [-0.5, np.nan]])
    >>> similarity_alignment_kernel(S, np.array([0, 1])).tolist()
    [[1.0, 0.0], [0.0, 1.0], [0.75, 0.25], [0.5, 0.5]]
    """
    S = np.asarray(S, dtype=float)
    m = S.shape[-1]
    pos = np.where(np.isnan(S), 0.0, np.maximum(S, 0.0))
    total = pos.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        A = np.where(total > 0, pos / np.where(total > 0, total, 1.0), 1.0 / m)
    A[np.asarray(pole_index), :] = np.eye(m)
    out: FloatArray = A
    return out
