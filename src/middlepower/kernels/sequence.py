r"""Numpy kernels of the sequence measures (METHODS.md §2).

Every kernel takes arrays with a leading batch axis ``B`` (one row per
ordering, Monte Carlo draw or sequence) and returns one value (or vector) per
row. The public functions in :mod:`middlepower.metrics.sequence` call them with
a batch of one; :mod:`middlepower.analysis` calls them with thousands of rows.

Sequences of different lengths (every focal state and period of an event
table, :func:`middlepower.events.balance_panel`) are *segmented* instead: one
flat array of contacts sorted by segment, with a segment id per contact
(:func:`segment_positions`, :func:`segment_salience_kernel`,
:func:`segment_pole_attention_kernel`). Both layouts share the raw salience
weight of a position (:func:`raw_salience`) and the score formulas
(:func:`equidistance_kernel`, :func:`tilt_kernel`), so a rectangular row and a
segment of the same contacts get the same numbers.

No pydantic, no networkx here. Undefined values are ``nan`` inside the
kernels; the public wrappers turn them into ``None``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = [
    "SCHEMES",
    "alignment_kernel",
    "attention_kernel",
    "benchmark_kernel",
    "equidistance_kernel",
    "jsd2_kernel",
    "kendall_tau_b_kernel",
    "pole_attention_kernel",
    "raw_salience",
    "salience_kernel",
    "segment_pole_attention_kernel",
    "segment_positions",
    "segment_salience_kernel",
    "tilt_kernel",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

SCHEMES: tuple[str, ...] = ("harmonic", "geometric", "linear", "uniform", "half-life")
"""The salience schemes, in the order of METHODS.md §2."""


def raw_salience(
    scheme: str,
    position: FloatArray,
    n: float | FloatArray,
    days: FloatArray,
    *,
    decay: float | FloatArray = 0.5,
    half_life_days: float | FloatArray = 7.0,
) -> FloatArray:
    r"""Raw salience weight :math:`r_i` of a position, by scheme (METHODS.md §2).

    .. math::

       r_i = \begin{cases}
       1/i & \text{harmonic} \\
       \delta^{i-1} & \text{geometric} \\
       n - i + 1 & \text{linear} \\
       1 & \text{uniform} \\
       2^{-(t_i - t_0)/h} & \text{half-life}
       \end{cases}

    The arguments broadcast against each other, so the same function serves
    a rectangular batch (``position`` of shape ``(n,)``, ``decay`` of shape
    ``(B, 1)``) and a flat segmented layout (one position, sequence length
    and day count per contact).

    Parameters
    ----------
    scheme : str
        One of :data:`SCHEMES`.
    position : ndarray
        1-based position :math:`i` of the contact in its sequence.
    n : float or ndarray
        Length :math:`n` of the sequence (``linear`` only).
    days : ndarray
        Days since the sequence start :math:`t_i - t_0` (``half-life`` only).
    decay, half_life_days : float or ndarray
        :math:`\delta` and :math:`h`.

    Returns
    -------
    ndarray
        :math:`r_i`, broadcast over the arguments the scheme uses (the
        ``uniform`` scheme returns ones shaped like ``position``).

    Raises
    ------
    ValueError
        For an unknown scheme.

    Examples
    --------
    >>> from middlepower.kernels.sequence import raw_salience
    >>> pos = np.arange(1.0, 4.0)
    >>> raw_salience("harmonic", pos, 3, np.zeros(3)).tolist()
    [1.0, 0.5, 0.3333333333333333]
    >>> raw_salience("linear", pos, 3, np.zeros(3)).tolist()
    [3.0, 2.0, 1.0]
    """
    if scheme == "harmonic":
        out: FloatArray = 1.0 / position
    elif scheme == "geometric":
        out = np.asarray(decay, dtype=float) ** (position - 1.0)
    elif scheme == "linear":
        out = n - position + 1.0
    elif scheme == "uniform":
        out = np.ones_like(position, dtype=float)
    elif scheme == "half-life":
        out = np.exp2(-days / half_life_days)
    else:
        raise ValueError(
            f"unknown salience scheme {scheme!r}; expected one of {SCHEMES}"
        )
    return out


def salience_kernel(
    scheme: str,
    days: FloatArray,
    multipliers: FloatArray,
    *,
    decay: float | FloatArray = 0.5,
    half_life_days: float | FloatArray = 7.0,
) -> FloatArray:
    r"""Normalised salience weights, shape ``(B, n)``.

    .. math::

       w_i = \frac{r_i\,\mu(ch_i)}{\sum_l r_l\,\mu(ch_l)}

    with :math:`r_i` of :func:`raw_salience`: :math:`1/i` (harmonic),
    :math:`\delta^{i-1}` (geometric), :math:`n-i+1` (linear), :math:`1`
    (uniform) or :math:`2^{-(t_i - t_0)/h}` (half-life).

    Parameters
    ----------
    scheme : str
        One of :data:`SCHEMES`.
    days : ndarray, shape (B, n) or (n,)
        Days since the sequence start :math:`t_i - t_0` of each position
        (used by ``half-life`` only).
    multipliers : ndarray, shape (B, n) or (n,)
        Channel multiplier :math:`\mu(ch_i)` of the contact at each position.
    decay, half_life_days : float or ndarray of shape (B,)
        :math:`\delta` and :math:`h`, one value or one per row.

    Returns
    -------
    ndarray, shape (B, n)
        Rows sum to 1; a row whose raw weights are all 0 is ``nan``.

    Examples
    --------
    >>> from middlepower.kernels.sequence import salience_kernel
    >>> w = salience_kernel("harmonic", np.zeros(3), np.ones(3))
    >>> (w * 11).round(12).tolist()  # 6/11, 3/11, 2/11
    [[6.0, 3.0, 2.0]]
    """
    mult = np.atleast_2d(np.asarray(multipliers, dtype=float))
    d = np.atleast_2d(np.asarray(days, dtype=float))
    n = mult.shape[-1]
    pos = np.arange(1, n + 1, dtype=float)
    delta = np.asarray(decay, dtype=float).reshape(-1, 1)
    h = np.asarray(half_life_days, dtype=float).reshape(-1, 1)
    rows = max(delta.shape[0], h.shape[0])
    shape = np.broadcast_shapes(mult.shape, d.shape, (rows, 1))
    mult = np.broadcast_to(mult, shape)
    raw = np.broadcast_to(
        raw_salience(
            scheme,
            pos,
            float(n),
            np.broadcast_to(d, shape),
            decay=delta,
            half_life_days=h,
        ),
        shape,
    )
    w = raw * mult
    total = w.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        out: FloatArray = np.where(total > 0, w / total, np.nan)
    return out


def segment_positions(segment: IntArray) -> tuple[FloatArray, FloatArray]:
    r"""Position within its segment and segment length, for every element.

    ``segment`` must be sorted (non-decreasing): the elements of one segment
    are contiguous, in sequence order. Vectorised (no loop over segments):
    the position of element :math:`e` in a segment starting at :math:`s` is
    :math:`e - s + 1`.

    Parameters
    ----------
    segment : ndarray of int, shape (N,)
        Segment id of each element, sorted.

    Returns
    -------
    position : ndarray, shape (N,)
        1-based position :math:`i` of each element in its segment (float).
    length : ndarray, shape (N,)
        Length :math:`n` of each element's segment (float).

    Raises
    ------
    ValueError
        If ``segment`` is not sorted.

    Examples
    --------
    >>> from middlepower.kernels.sequence import segment_positions
    >>> pos, n = segment_positions(np.array([0, 0, 0, 2, 2]))
    >>> pos.tolist(), n.tolist()
    ([1.0, 2.0, 3.0, 1.0, 2.0], [3.0, 3.0, 3.0, 2.0, 2.0])
    """
    position, length = _positions(np.asarray(segment), with_length=True)
    return position, (np.zeros(0) if length is None else length)


def _positions(
    seg: npt.NDArray[np.integer], with_length: bool
) -> tuple[FloatArray, FloatArray | None]:
    size = seg.shape[0]
    if size == 0:
        return np.zeros(0), (np.zeros(0) if with_length else None)
    change = np.empty(size, dtype=bool)
    change[0] = True
    np.not_equal(seg[1:], seg[:-1], out=change[1:])
    if np.any(seg[1:] < seg[:-1]):
        raise ValueError("segment ids must be sorted (non-decreasing)")
    starts = np.flatnonzero(change)
    owner = np.cumsum(change)
    owner -= 1
    position: FloatArray = np.arange(1, size + 1, dtype=float)
    position -= starts[owner]
    length: FloatArray | None = None
    if with_length:
        length = np.diff(np.append(starts, size))[owner].astype(float)
    return position, length


def segment_salience_kernel(
    scheme: str,
    segment: IntArray,
    days: FloatArray,
    multipliers: FloatArray,
    n_segments: int,
    *,
    decay: float = 0.5,
    half_life_days: float = 7.0,
) -> FloatArray:
    r"""Normalised salience weights of many sequences laid end to end.

    The segmented form of :func:`salience_kernel`: every segment is one
    sequence, and

    .. math::

       w_i = \frac{r_i\,\mu(ch_i)}{\sum_{l \in g(i)} r_l\,\mu(ch_l)}

    with :math:`r_i` of :func:`raw_salience` at the element's position in
    its segment :math:`g(i)` (:func:`segment_positions`) and the segment's
    length; the segment sums come from one :func:`numpy.bincount`.

    Parameters
    ----------
    scheme : str
        One of :data:`SCHEMES`.
    segment : ndarray of int, shape (N,)
        Segment id (``0 .. n_segments - 1``) of each element, sorted.
    days : ndarray, shape (N,)
        Days since the start of the element's sequence (half-life only).
    multipliers : ndarray, shape (N,)
        Channel multiplier of each element.
    n_segments : int
        Number of segments.
    decay, half_life_days : float
        :math:`\delta` and :math:`h`.

    Returns
    -------
    ndarray, shape (N,)
        Weights summing to 1 within each segment; ``nan`` for every element
        of a segment whose raw weights are all 0.

    Examples
    --------
    >>> from middlepower.kernels.sequence import segment_salience_kernel
    >>> seg = np.array([0, 0, 0, 1])
    >>> w = segment_salience_kernel("harmonic", seg, np.zeros(4), np.ones(4), 2)
    >>> (w[:3] * 11).round(12).tolist(), w[3]  # 6/11, 3/11, 2/11 and 1
    ([6.0, 3.0, 2.0], np.float64(1.0))
    """
    seg = np.asarray(segment, dtype=np.intp)
    position, length = _positions(seg, with_length=scheme == "linear")
    w = raw_salience(
        scheme,
        position,
        length if length is not None else 0.0,
        np.asarray(days, dtype=float),
        decay=decay,
        half_life_days=half_life_days,
    )
    del position, length
    w = w * np.asarray(multipliers, dtype=float)
    total = np.bincount(seg, weights=w, minlength=n_segments)[seg]
    with np.errstate(invalid="ignore", divide="ignore"):
        w /= total  # 0/0 = nan for a segment whose raw weights are all 0
    out: FloatArray = w
    return out


def segment_pole_attention_kernel(
    weights: FloatArray,
    segment: IntArray,
    A: FloatArray,
    n_segments: int,
    index: npt.NDArray[np.integer] | None = None,
) -> FloatArray:
    r"""Pole attention of every segment, shape ``(n_segments, m)``.

    .. math::

       \pi_{g,j} = \sum_{i \in g} w_i\, a_{s_i, j}
       = \sum_s \alpha_{g,s}\, a_{s,j}

    (the attention :math:`\alpha_{g,s}` of :func:`attention_kernel` summed
    against the alignment, contact by contact): one
    :func:`numpy.bincount` per pole.

    Parameters
    ----------
    weights : ndarray, shape (N,)
        Salience weights (:func:`segment_salience_kernel`).
    segment : ndarray of int, shape (N,)
        Segment id of each element.
    A : ndarray, shape (N, m), or (K, m) with ``index``
        Alignment of each element's partner; or a table of alignments that
        ``index`` points into (row ``index[i]`` for element ``i``), which
        spares an ``(N, m)`` copy.
    n_segments : int
        Number of segments.
    index : ndarray of int, shape (N,), optional
        Row of ``A`` of each element.

    Returns
    -------
    ndarray, shape (n_segments, m)
        Rows sum to 1 (``nan`` where the weights are).

    Examples
    --------
    >>> from middlepower.kernels.sequence import segment_pole_attention_kernel
    >>> A = np.array([[1.0, 0.0], [0.5, 0.5], [0.0, 1.0]])
    >>> w = np.array([0.5, 0.5, 1.0])
    >>> segment_pole_attention_kernel(w, np.array([0, 0, 1]), A, 2).tolist()
    [[0.75, 0.25], [0.0, 1.0]]
    """
    seg = np.asarray(segment, dtype=np.intp)
    A = np.asarray(A, dtype=float)
    m = A.shape[-1]
    out: FloatArray = np.empty((n_segments, m))
    for j in range(m):  # a loop over the few poles, not over segments
        if index is None:
            column = weights * A[:, j]
        else:  # gather, then scale in place: no (N, m) copy
            column = A[:, j][index]
            column *= weights
        out[:, j] = np.bincount(seg, weights=column, minlength=n_segments)
    return out


def attention_kernel(weights: FloatArray, partner: IntArray, k: int) -> FloatArray:
    r"""Attention per partner :math:`\alpha_s = \sum_{i: s_i = s} w_i`.

    Parameters
    ----------
    weights : ndarray, shape (B, n)
        Salience weights.
    partner : ndarray of int, shape (B, n) or (n,)
        Index (``0 .. k-1``) of each position's partner.
    k : int
        Number of partners.

    Returns
    -------
    ndarray, shape (B, k)
    """
    w = np.atleast_2d(weights)
    b, n = w.shape
    idx = np.broadcast_to(np.atleast_2d(partner), (b, n))
    flat = (np.arange(b)[:, None] * k + idx).ravel()
    counts = np.bincount(flat, weights=w.ravel(), minlength=b * k)
    out: FloatArray = counts.astype(np.float64).reshape(b, k)
    return out


def alignment_kernel(Z: FloatArray, pole_index: IntArray) -> FloatArray:
    r"""Alignment :math:`a_s \in \Delta^m` from the pole pulls :math:`z`.

    .. math::

       a_j \propto z_j^+ + \frac{1}{m-1}\sum_{l \ne j} z_l^-

    uniform :math:`1/m` when every :math:`z_j = 0`; a pole :math:`p_j` gets
    :math:`e_j`.

    Parameters
    ----------
    Z : ndarray, shape (..., N, m)
        :math:`z_j = \sum_k \kappa_k\,\mathrm{sign}_k\,\mathrm{str}_k(s, p_j)`.
    pole_index : ndarray of int, shape (m,)
        Row of each pole in ``Z`` (its alignment is overwritten with
        :math:`e_j`).

    Returns
    -------
    ndarray, shape (..., N, m)
    """
    Z = np.asarray(Z, dtype=float)
    m = Z.shape[-1]
    pos = np.maximum(Z, 0.0)
    neg = np.maximum(-Z, 0.0)
    raw = pos + (neg.sum(axis=-1, keepdims=True) - neg) / (m - 1)
    total = raw.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        A = np.where(total > 0, raw / np.where(total > 0, total, 1.0), 1.0 / m)
    A[..., pole_index, :] = np.eye(m)
    out: FloatArray = A
    return out


def pole_attention_kernel(alpha: FloatArray, A: FloatArray) -> FloatArray:
    r"""Pole attention :math:`\pi = \sum_s \alpha_s a_s`, shape ``(B, m)``.

    ``alpha`` is ``(B, k)``; ``A`` is ``(k, m)`` or ``(B, k, m)``.
    """
    alpha = np.atleast_2d(alpha)
    if A.ndim == 2:
        out: FloatArray = alpha @ A
    else:
        out = np.einsum("bk,bkm->bm", alpha, A)
    return out


def equidistance_kernel(pi: FloatArray) -> FloatArray:
    r"""Equidistance :math:`E = 1 - \frac{m}{2(m-1)}\sum_j |\pi_j - 1/m|`."""
    pi = np.atleast_2d(pi)
    m = pi.shape[-1]
    out: FloatArray = 1.0 - m / (2.0 * (m - 1)) * np.abs(pi - 1.0 / m).sum(axis=-1)
    return np.clip(out, 0.0, 1.0)


def tilt_kernel(pi: FloatArray) -> FloatArray:
    r"""Tilt :math:`\tau = \pi_1 - \pi_2` (two poles)."""
    pi = np.atleast_2d(pi)
    out: FloatArray = pi[..., 0] - pi[..., 1]
    return out


def benchmark_kernel(X: FloatArray, theta: FloatArray) -> FloatArray:
    r"""Interest benchmark :math:`b` over a universe of partners.

    .. math::

       \tilde x_{s,k} = \frac{x_{s,k}}{\sum_{u \in U} x_{u,k}}, \qquad
       b_s = \frac{\sum_{k \in K^*} \theta_k \tilde x_{s,k}}
                  {\sum_{k \in K^*} \theta_k}

    over the kinds :math:`K^*` present in :math:`U` (column sum > 0).

    Parameters
    ----------
    X : ndarray, shape (U, K) or (B, U, K)
        Strength of each interest kind from the focal state to each partner.
    theta : ndarray, shape (K,) or (B, K)
        Interest weights :math:`\theta_k \ge 0`.

    Returns
    -------
    ndarray, shape (B, U)
        A row is ``nan`` where no kind with positive weight is present.
    """
    X = np.asarray(X, dtype=float)
    theta = np.atleast_2d(np.asarray(theta, dtype=float))
    if X.ndim == 2:
        X = X[None]
    col = X.sum(axis=-2, keepdims=True)  # (B|1, 1, K)
    present = col > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        Xn = np.where(present, X / np.where(present, col, 1.0), 0.0)
    th = theta[:, None, :] * present  # (B, 1, K)
    denom = th.sum(axis=-1)  # (B, 1)
    num = (Xn * th).sum(axis=-1)  # (B, U)
    with np.errstate(invalid="ignore", divide="ignore"):
        out: FloatArray = np.where(
            denom > 0, num / np.where(denom > 0, denom, 1.0), np.nan
        )
    return out


def jsd2_kernel(p: FloatArray, q: FloatArray) -> FloatArray:
    r"""Jensen-Shannon divergence in bits, row by row.

    .. math::

       \mathrm{JSD}_2(p \,\|\, q) = \tfrac12 \sum_s p_s \log_2\frac{p_s}{m_s}
       + \tfrac12 \sum_s q_s \log_2\frac{q_s}{m_s}, \quad m = \tfrac12(p+q)

    with :math:`0 \log 0 = 0`; in :math:`[0, 1]` (Lin 1991).
    """
    p = np.atleast_2d(p)
    q = np.atleast_2d(q)
    m = 0.5 * (p + q)
    with np.errstate(invalid="ignore", divide="ignore"):
        tp = np.where(p > 0, p * np.log2(p / m), 0.0)
        tq = np.where(q > 0, q * np.log2(q / m), 0.0)
    out: FloatArray = np.clip(0.5 * (tp.sum(axis=-1) + tq.sum(axis=-1)), 0.0, 1.0)
    return out


def kendall_tau_b_kernel(x: FloatArray, y: FloatArray) -> FloatArray:
    r"""Kendall's :math:`\tau_b` row by row (Kendall 1945).

    .. math::

       \tau_b = \frac{n_c - n_d}{\sqrt{(n_0 - n_1)(n_0 - n_2)}}

    :math:`n_0 = n(n-1)/2`, :math:`n_1`, :math:`n_2` the pairs tied in
    :math:`x` and in :math:`y`. All pairs are compared at once (fine for the
    few partners of a contact sequence).

    Returns
    -------
    ndarray, shape (B,)
        ``nan`` with fewer than two items or no variation in ``x`` or ``y``.
    """
    x = np.atleast_2d(np.asarray(x, dtype=float))
    y = np.atleast_2d(np.asarray(y, dtype=float))
    n = x.shape[-1]
    if n < 2:
        return np.full(x.shape[0], np.nan)
    iu, ju = np.triu_indices(n, 1)
    dx = np.sign(x[:, iu] - x[:, ju])
    dy = np.sign(y[:, iu] - y[:, ju])
    s = (dx * dy).sum(axis=-1)
    tx = np.count_nonzero(dx, axis=-1).astype(float)
    ty = np.count_nonzero(dy, axis=-1).astype(float)
    denom = np.sqrt(tx * ty)
    with np.errstate(invalid="ignore", divide="ignore"):
        out: FloatArray = np.where(
            denom > 0, s / np.where(denom > 0, denom, 1.0), np.nan
        )
    return out
