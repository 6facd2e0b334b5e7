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
        Index of each value in ``values``; ``-1`` where ``X`` is ``nan``
        (``int16`` for up to 4,096 whole-number categories, else ``intp``:
        a quarter of the memory traffic for ladders and votes).
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
    filled = np.where(missing, 0.0, X) if missing.any() else X
    if filled.size:
        lo, hi = filled.min(), filled.max()
        shifted = None
        if hi - lo < 4096:
            offset = filled - lo
            shifted = offset.astype(np.int16)
            if not np.equal(shifted, offset).all():  # not whole numbers
                shifted = None
            del offset
        if shifted is not None:
            # small whole numbers (ladders, votes): a lookup, no sort
            seen = np.bincount(shifted[~missing], minlength=int(hi - lo) + 1) > 0
            lookup = (np.cumsum(seen) - 1).astype(np.int16)
            codes = np.take(lookup, shifted)
            codes[missing] = -1
            return codes, np.flatnonzero(seen).astype(np.float64) + lo
    values = np.unique(X[~missing])
    codes = np.searchsorted(values, filled)
    codes[missing] = -1
    return codes.astype(np.intp, copy=False), values.astype(np.float64)


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

    With :math:`M` the ``(n, K)`` indicator of observed values,
    :math:`W = \mathrm{diag}(w)`, :math:`\tilde x = (x - v_1)/\Delta` the
    values rescaled to the scale (0 where missing), :math:`Y_a` the indicator
    of category :math:`a` and :math:`U_c` the indicator of values at or above
    the :math:`c`-th category (gaps :math:`g_c = (v_c - v_{c-1})/\Delta`),
    the weighted disagreement summed over the items two states share is

    .. math::

       n_{obs} = \begin{cases}
       R + R^\top - 2 \sum_c g_c\, U_c W U_c^\top,
           \; R = \tilde x W M^\top & \text{absolute} \\
       R_2 + R_2^\top - 2\, \tilde x W \tilde x^\top,
           \; R_2 = \tilde x^{2} W M^\top & \text{squared} \\
       M W M^\top - \sum_a Y_a W Y_a^\top & \text{nominal}
       \end{cases}

    (each sum over :math:`c` or :math:`a` is one stacked matrix product),
    :math:`D_{obs} = n_{obs} / M W M^\top`, and the category shares behind
    :math:`D_{exp}` are :math:`P_a = Y_a W M^\top` (state :math:`i`'s weight
    in category :math:`a` over the items it shares with :math:`j`; a plain
    weighted count per state when nothing is missing). With
    ``scale="pair"`` the disagreement of two categories depends on the pair,
    and the kernel forms the weighted cross-tabulation
    :math:`N_{ab} = Y_a W Y_b^\top` of every pair at once instead. Nothing
    loops over pairs.

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
        The range :math:`\Delta` of the scale (every value within
        :math:`[v_1, v_1 + \Delta]`), or ``"pair"``: each pair recodes the
        categories present among its shared items of positive weight to
        ranks :math:`0 \dots L-1` and takes :math:`\Delta = L - 1` (the
        convention of ``psych::cohen.kappa``).

    Returns
    -------
    ndarray, shape (n, n)
        Exactly symmetric. ``nan`` where no item with positive weight is
        observed for both states (:math:`\Sigma w = 0`) and, for
        :math:`\kappa` and :math:`\pi`, where :math:`D_{exp} = 0` (both
        states put all their weight on one and the same category).

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
    codes = np.asarray(codes)
    if codes.dtype.kind not in "iu":
        codes = codes.astype(np.intp)
    n = codes.shape[0]
    C = len(values)
    w = np.asarray(weights, dtype=float)
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; expected one of {METHODS}")
    if distance not in DISTANCES:
        raise ValueError(f"unknown distance {distance!r}; expected one of {DISTANCES}")
    if C == 0:  # nothing observed: every pair is undefined
        return np.full((n, n), np.nan)
    observed = codes >= 0
    full = bool(observed.all())
    # the (n, K) mask as floats, for the products over shared items; with
    # nothing missing only the per-pair scale needs it (an (n, K) array less)
    M = (
        observed.astype(np.float64)
        if not full or isinstance(scale, str)
        else np.empty((0, 0))
    )
    total: FloatArray
    if full:
        total = np.asarray(w.sum())  # the same for every pair
    else:
        total = (M * w) @ M.T  # Σw over the items both states observe
    safe = np.where(total > 0, total, 1.0)
    d_exp: FloatArray | None
    spare: FloatArray | None = None  # an (n, n) array free for the result
    if isinstance(scale, str):
        d_obs, d_exp = _pair_scale(codes, C, w, M, method, distance)
    else:
        delta = float(scale)
        d = category_distances(values, distance, delta)
        n_obs, size = _observed(codes, values, w, M, full, distance, delta)
        _recompute_cancelled(n_obs, size, codes, w, d)
        spare = size  # scratch since _recompute_cancelled
        np.clip(n_obs, 0.0, total, out=n_obs)  # rounding only: 0 <= d <= 1
        n_obs /= safe
        d_obs = n_obs
        d_exp = (
            None if method == "s" else _expected(codes, C, w, M, full, d, safe, method)
        )
    with np.errstate(invalid="ignore", divide="ignore"):
        if method == "s" or d_exp is None:  # d_exp is None only for S
            out = d_obs
            out *= -2.0
            out += 1.0
        else:
            out = 1.0 - d_obs / np.where(d_exp > 0, d_exp, 1.0)
            out[~(d_exp > 0)] = np.nan
    if not (full and float(total) > 0):
        out[np.broadcast_to(~(total > 0), (n, n))] = np.nan  # no shared weight
    # exactly symmetric (the diagonal unchanged) by averaging the two
    # triangles, into a free (n, n) buffer: no temporary copy of out.T
    sym = spare if spare is not None else np.empty_like(out)
    np.add(out, out.T, out=sym)
    sym *= 0.5
    return sym


def _item_table(table: FloatArray, w: FloatArray) -> FloatArray:
    """Per-item copies of a category table, scaled: ``(K * (C+1), width)``.

    Row ``k * (C + 1) + c`` is ``table[c] * w[k]``; with
    ``_positions(codes)`` as row numbers one :func:`numpy.take` builds the
    weighted indicator matrix of every state at once.
    """
    out: FloatArray = (w[:, None, None] * table[None, :, :]).reshape(-1, table.shape[1])
    return out


def _positions(codes: IntArray, C: int) -> IntArray:
    """Row numbers into :func:`_item_table` (missing -> the all-zero row C)."""
    K = codes.shape[1]
    step = np.arange(K, dtype=np.int32 if K * (C + 1) < 2**31 else np.intp) * (C + 1)
    out: IntArray = np.where(codes < 0, C, codes) + step
    return out


def _observed(
    codes: IntArray,
    values: FloatArray,
    w: FloatArray,
    M: FloatArray,
    full: bool,
    distance: str,
    delta: float,
) -> tuple[FloatArray, FloatArray]:
    """Return the weighted disagreement summed over shared items, ``(n, n)``.

    Computed as a difference of sums of non-negative terms (one stacked
    product each); also returns the size of the terms that were subtracted,
    for :func:`_recompute_cancelled`.
    """
    n, K = codes.shape
    C = len(values)
    root = np.sqrt(w)
    rows = _positions(codes, C)
    if distance == "nominal":
        # agreement: sum_a Y_a W Y_a' as one (symmetric) product
        onehot = np.vstack([np.eye(C), np.zeros(C)])  # code -1 (missing): all 0
        A = np.take(_item_table(onehot, root), rows, axis=0).reshape(n, K * C)
        size = np.full((n, n), w.sum()) if full else (M * w) @ M.T
        out = A @ A.T
        out *= -1.0
        out += size
        return out, size
    scale = delta if delta > 0 else 1.0
    level = np.append((values - values[0]) / scale, 0.0)  # missing -> 0
    if distance == "absolute":
        if C == 1:
            return np.zeros((n, n)), np.zeros((n, n))
        gaps = np.diff(values) / scale  # (C-1,)
        # thermometer code of each category (row C: missing, all 0), scaled:
        # |a - b| = sum_c g_c (U_c(a) + U_c(b) - 2 U_c(a) U_c(b))
        thermo = np.vstack([np.tri(C, C - 1, -1), np.zeros(C - 1)]) * np.sqrt(gaps)
        A = np.take(_item_table(thermo, root), rows, axis=0).reshape(n, K * (C - 1))
        cross = A @ A.T
        if full:
            # sum_k w_k t_ik = sum_(k,c) A_i,kc^2 (t = sum_c g_c U_c): the
            # row sums without an (n, K) temporary
            r = np.einsum("ij,ij->i", A, A)
            size = r[:, None] + r[None, :]
            cross *= -2.0
            cross += size
            return cross, size
        tw = np.take(level, np.where(codes < 0, C, codes)) * w
    else:  # squared: (a - b)^2 = a^2 + b^2 - 2 a b
        t = np.take(level, np.where(codes < 0, C, codes))
        tw = t * w
        cross = tw @ t.T
        tw *= t
    if full:
        r = tw.sum(axis=1)
        size = r[:, None] + r[None, :]
    else:
        R = tw @ M.T
        size = R + R.T
    cross *= -2.0
    cross += size
    return cross, size


def _recompute_cancelled(
    n_obs: FloatArray,
    size: FloatArray,
    codes: IntArray,
    w: FloatArray,
    d: FloatArray,
) -> None:
    r"""Recompute, term by term, the pairs whose difference lost its digits.

    Where ``n_obs`` is below ``1e-4`` of the terms it is the difference of
    (nearly identical rows; the diagonal), the difference form would keep
    only a few significant digits; those pairs get
    :math:`\sum_k w_k d(x_{ik}, x_{jk})` directly (vectorised over the
    flagged pairs, in blocks). Everywhere else the relative error of
    ``n_obs`` stays below about :math:`K \cdot 10^{-11}`. In place (``size``
    is scaled in place too, as scratch).
    """
    K = codes.shape[1]
    C = d.shape[0]
    size *= 1e-4  # in place: the caller has no further use for it
    i, j = np.nonzero(np.triu(n_obs <= size))
    if i.size == 0:
        return
    dd = np.zeros((C + 1, C + 1))  # code -1 (missing) -> row/column C: 0
    dd[:C, :C] = d
    pos = np.where(codes < 0, C, codes)
    block = max(1, (1 << 20) // max(K, 1))
    for start in range(0, i.size, block):
        a, b = i[start : start + block], j[start : start + block]
        exact = dd[pos[a], pos[b]] @ w
        n_obs[a, b] = exact
        n_obs[b, a] = exact


def _expected(
    codes: IntArray,
    C: int,
    w: FloatArray,
    M: FloatArray,
    full: bool,
    d: FloatArray,
    safe: FloatArray,
    method: str,
) -> FloatArray:
    """Return the expected disagreement ``D_exp`` of every pair, ``(n, n)``."""
    n, K = codes.shape
    if full:
        # each state's weighted category shares, (n, C), by one bincount
        flat = (codes + C * np.arange(n)[:, None]).ravel()
        counts = np.bincount(
            flat, weights=np.broadcast_to(w, (n, K)).ravel(), minlength=n * C
        )
        p = counts.reshape(n, C) / safe
        pd = p @ d
        cross: FloatArray = pd @ p.T
        if method == "kappa":
            return cross
        own = (pd * p).sum(axis=1)  # p_i' d p_i
        out: FloatArray = 0.25 * (own[:, None] + own[None, :] + 2.0 * cross)
        return out
    Y = (codes[None, :, :] == np.arange(C)[:, None, None]) * w  # (C, n, K)
    P = (Y.reshape(C * n, K) @ M.T).reshape(C, n, n) / safe
    Q = P.transpose(0, 2, 1)
    if method == "pi":
        P = Q = 0.5 * (P + Q)
    out = np.einsum("aij,aij->ij", P, np.tensordot(d, Q, axes=(1, 0)))
    return out


def _pair_scale(
    codes: IntArray,
    C: int,
    w: FloatArray,
    M: FloatArray,
    method: str,
    distance: str,
) -> tuple[FloatArray, FloatArray]:
    """Return ``D_obs`` and ``D_exp`` on psych's per-pair ranks (``scale="pair"``)."""
    n, K = codes.shape
    Y = (codes[None, :, :] == np.arange(C)[:, None, None]).astype(np.float64)
    Yw = Y * w
    total = (M * w) @ M.T
    safe = np.where(total > 0, total, 1.0)
    # P[a, i, j]: i's weight in category a over the items it shares with j
    P = (Yw.reshape(C * n, K) @ M.T).reshape(C, n, n)
    Q = P.transpose(0, 2, 1)  # j's weight in category b over the same items
    present = ((P + Q) > 0).astype(np.float64)
    d4 = _rank_distances(present, distance)  # (C, C, n, n)
    N = (Yw.reshape(C * n, K) @ Y.reshape(C * n, K).T).reshape(C, n, C, n)
    d_obs = np.einsum("abij,aibj->ij", d4, N) / safe
    if method == "s":
        return d_obs, np.ones((n, n))  # D_exp unused by S
    if method == "kappa":
        p, q = P / safe, Q / safe
    else:
        p = q = 0.5 * (P + Q) / safe
    d_exp = np.einsum("abij,aij,bij->ij", d4, p, q)
    return d_obs, d_exp


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
