r"""Structural-balance kernels on a dense signed matrix.

Every function takes a dense symmetric signed matrix ``S`` (an ``n x n`` array
with a zero diagonal, nodes in an explicit order): entries are the signs
:math:`\pm 1` of an unweighted signed graph, or the signed strengths
:math:`s_{uv} \in [-1, 1]` of a weighted one, and ``0`` where there is no edge.
The matrix forms (``*_matrix``, :func:`triad_counts`) are the ones the public
measures use; the ``*_bruteforce`` functions enumerate triangles in plain
Python and exist as the test oracle and the benchmark baseline.

The formulas and their sources (Heider 1946; Cartwright and Harary 1956;
Estrada and Benzi 2014) are given in each function's docstring.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from middlepower.exceptions import InvalidGraphError

__all__ = [
    "TRIAD_TYPES",
    "triad_balance_bruteforce",
    "triad_balance_matrix",
    "triad_counts",
    "triad_counts_bruteforce",
    "walk_balance_matrix",
]

#: The four signed triangle types, by number of negative edges.
TRIAD_TYPES: tuple[str, str, str, str] = ("+++", "++-", "+--", "---")


def _as_signed_matrix(S: ArrayLike) -> NDArray[np.float64]:
    """Return ``S`` as a validated float64 signed matrix.

    Parameters
    ----------
    S : array_like
        Candidate signed matrix.

    Returns
    -------
    numpy.ndarray
        ``S`` as a 2-D float64 array.

    Raises
    ------
    InvalidGraphError
        If ``S`` is not a real, finite, square, symmetric matrix with a zero
        diagonal.
    """
    arr = np.asarray(S)
    if arr.dtype.kind not in "biuf":
        raise InvalidGraphError(
            f"The signed matrix must hold real numbers, not dtype {arr.dtype}."
        )
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1]:
        raise InvalidGraphError(
            f"The signed matrix must be square (n x n), not of shape {arr.shape}."
        )
    mat = arr.astype(np.float64, copy=False)
    if not np.all(np.isfinite(mat)):
        raise InvalidGraphError(
            "The signed matrix must be finite, but it contains NaN or infinity."
        )
    if np.any(np.diagonal(mat) != 0.0):
        bad = int(np.flatnonzero(np.diagonal(mat))[0])
        raise InvalidGraphError(
            f"The signed matrix must have a zero diagonal (no self-loops), "
            f"but S[{bad}, {bad}] = {float(mat[bad, bad])!r}."
        )
    if not np.array_equal(mat, mat.T):
        i, j = (int(k) for k in np.argwhere(mat != mat.T)[0])
        s_ij, s_ji = float(mat[i, j]), float(mat[j, i])
        raise InvalidGraphError(
            f"The signed matrix must be symmetric, but S[{i}, {j}] = {s_ij!r} "
            f"and S[{j}, {i}] = {s_ji!r}."
        )
    return mat


def _trace_of_product(
    A: NDArray[np.float64], B: NDArray[np.float64], C: NDArray[np.float64]
) -> float:
    r"""Return :math:`\operatorname{tr}(ABC)` with one matrix product.

    Uses :math:`\operatorname{tr}(ABC) = \sum_{ik} (AB)_{ik} C_{ki}`, so the
    cost is one ``n x n`` product and an elementwise sum.

    Parameters
    ----------
    A, B, C : numpy.ndarray
        Square matrices of the same shape.

    Returns
    -------
    float
        The trace of :math:`ABC`.
    """
    return float(np.sum((A @ B) * C.T))


def triad_balance_matrix(S: ArrayLike) -> float | None:
    r"""Return the (weighted) share of balanced triangles of a signed matrix.

    A triangle is balanced when the product of its three signs is positive
    [1]_ [2]_. With :math:`S` the signed matrix and :math:`|S|` its elementwise
    absolute value,

    .. math::

       B = \frac{1}{2}\left(1 + \frac{\operatorname{tr}(S^3)}
           {\operatorname{tr}(|S|^3)}\right)

    because :math:`\operatorname{tr}(S^3) = 6 \sum_{\triangle} s_{uv} s_{vw}
    s_{wu}` sums the triangle products and :math:`\operatorname{tr}(|S|^3)`
    their absolute values. For a sign matrix this is the fraction of balanced
    triangles; for a weighted matrix every triangle counts with weight
    :math:`|s_{uv} s_{vw} s_{wu}|`.

    Parameters
    ----------
    S : array_like
        Dense symmetric ``n x n`` signed matrix with a zero diagonal: signs
        :math:`\pm 1` (unweighted) or signed strengths (weighted), ``0`` where
        there is no edge.

    Returns
    -------
    float or None
        Balance in :math:`[0, 1]`; ``None`` when the graph has no triangle
        (:math:`\operatorname{tr}(|S|^3) = 0`).

    Raises
    ------
    InvalidGraphError
        If ``S`` is not a real, finite, square, symmetric matrix with a zero
        diagonal.

    See Also
    --------
    triad_counts, triad_balance_bruteforce, walk_balance_matrix

    Notes
    -----
    Each trace is computed with a single matrix product,
    :math:`\operatorname{tr}(A^3) = \sum_{ik} (A^2)_{ik} A_{ki}`, so the cost
    is two ``n x n`` products, and the formula is evaluated as
    :math:`(\operatorname{tr}|S|^3 + \operatorname{tr} S^3) /
    (2 \operatorname{tr}|S|^3)`. For a sign matrix both traces are exact
    integers, so the result equals the enumeration of
    :func:`triad_balance_bruteforce` exactly; for a weighted matrix it equals it
    up to rounding (checked by property tests). It is clipped to
    :math:`[0, 1]` against floating-point rounding.

    References
    ----------
    .. [1] Heider, F. "Attitudes and Cognitive Organization." *The Journal of
       Psychology* 21, no. 1 (1946): 107-112.
       https://doi.org/10.1080/00223980.1946.9917275
    .. [2] Cartwright, D., and F. Harary. "Structural Balance: A Generalization
       of Heider's Theory." *Psychological Review* 63, no. 5 (1956): 277-293.
       https://doi.org/10.1037/h0046049

    Examples
    --------
    >>> import numpy as np
    >>> from middlepower.kernels.balance import triad_balance_matrix
    >>> friends = np.array([[0, 1, 1], [1, 0, 1], [1, 1, 0]])
    >>> triad_balance_matrix(friends)
    1.0
    >>> rivals = np.array([[0, 1, 1], [1, 0, -1], [1, -1, 0]])
    >>> triad_balance_matrix(rivals)
    0.0
    >>> triad_balance_matrix(np.array([[0, 1], [1, 0]])) is None
    True
    """
    mat = _as_signed_matrix(S)
    absolute = np.abs(mat)
    total = _trace_of_product(absolute, absolute, absolute)
    if total == 0.0:
        return None
    signed = _trace_of_product(mat, mat, mat)
    # (total + signed) / (2 total) is the same B; for a sign matrix both traces
    # are exact integers, so this is the correctly rounded share of balanced
    # triangles, bit-identical to the enumeration.
    return min(max((total + signed) / (2.0 * total), 0.0), 1.0)


def triad_counts(S: ArrayLike) -> dict[str, int]:
    r"""Count the triangles of a signed matrix by sign type.

    With :math:`P = [S > 0]` and :math:`N = [S < 0]` the 0/1 matrices of the
    positive and negative edges,

    .. math::

       n_{+++} = \frac{\operatorname{tr}(P^3)}{6}, \quad
       n_{++-} = \frac{\operatorname{tr}(P^2 N)}{2}, \quad
       n_{+--} = \frac{\operatorname{tr}(P N^2)}{2}, \quad
       n_{---} = \frac{\operatorname{tr}(N^3)}{6}.

    A triangle of one sign is traversed by six closed 3-walks; a mixed one by
    two walks whose edges come in the order of the product.

    Parameters
    ----------
    S : array_like
        Dense symmetric ``n x n`` signed matrix with a zero diagonal. Only the
        signs of the entries are used.

    Returns
    -------
    dict of str to int
        Counts keyed ``"+++"``, ``"++-"``, ``"+--"``, ``"---"``. ``"+++"`` and
        ``"+--"`` are the balanced types [1]_ [2]_. All zero without triangles.

    Raises
    ------
    InvalidGraphError
        If ``S`` is not a real, finite, square, symmetric matrix with a zero
        diagonal.

    See Also
    --------
    triad_balance_matrix, triad_counts_bruteforce

    Notes
    -----
    The traces are computed in float64 from 0/1 matrices, which is exact while
    :math:`n^3 < 2^{53}` (any ``n`` below about 200 000); they are rounded to
    Python ``int``.

    References
    ----------
    .. [1] Heider, F. "Attitudes and Cognitive Organization." *The Journal of
       Psychology* 21, no. 1 (1946): 107-112.
       https://doi.org/10.1080/00223980.1946.9917275
    .. [2] Cartwright, D., and F. Harary. "Structural Balance: A Generalization
       of Heider's Theory." *Psychological Review* 63, no. 5 (1956): 277-293.
       https://doi.org/10.1037/h0046049

    Examples
    --------
    >>> import numpy as np
    >>> from middlepower.kernels.balance import triad_counts
    >>> S = np.array([[0, 1, 1], [1, 0, -1], [1, -1, 0]])
    >>> triad_counts(S)
    {'+++': 0, '++-': 1, '+--': 0, '---': 0}
    """
    mat = _as_signed_matrix(S)
    pos = (mat > 0).astype(np.float64)
    neg = (mat < 0).astype(np.float64)
    pos2 = pos @ pos
    neg2 = neg @ neg
    traces = (
        float(np.sum(pos2 * pos.T)) / 6.0,
        float(np.sum(pos2 * neg.T)) / 2.0,
        float(np.sum(neg2 * pos.T)) / 2.0,
        float(np.sum(neg2 * neg.T)) / 6.0,
    )
    return {kind: round(value) for kind, value in zip(TRIAD_TYPES, traces, strict=True)}


def _triangle_products(S: ArrayLike) -> list[float]:
    """Return the sign product of every triangle, enumerating ``i < j < k``.

    Parameters
    ----------
    S : array_like
        Dense symmetric signed matrix with a zero diagonal.

    Returns
    -------
    list of float
        One product :math:`s_{ij} s_{jk} s_{ik}` per triangle.
    """
    rows = _as_signed_matrix(S).tolist()
    n = len(rows)
    products: list[float] = []
    for i in range(n):
        row_i = rows[i]
        for j in range(i + 1, n):
            s_ij = row_i[j]
            if s_ij == 0.0:
                continue
            row_j = rows[j]
            for k in range(j + 1, n):
                s_ik = row_i[k]
                s_jk = row_j[k]
                if s_ik != 0.0 and s_jk != 0.0:
                    products.append(s_ij * s_jk * s_ik)
    return products


def triad_balance_bruteforce(S: ArrayLike) -> float | None:
    r"""Return the triangle balance by enumerating every node triple.

    The reference implementation of :func:`triad_balance_matrix`: a plain
    Python loop over all :math:`i < j < k`, keeping the triples whose three
    entries are non-zero, and

    .. math::

       B = \frac{\sum_{\triangle:\, p_\triangle > 0} |p_\triangle|}
                {\sum_{\triangle} |p_\triangle|},
       \qquad p_\triangle = s_{ij} s_{jk} s_{ik}.

    It takes :math:`O(n^3)` Python steps; use it to test and benchmark, not to
    compute.

    Parameters
    ----------
    S : array_like
        Dense symmetric ``n x n`` signed matrix with a zero diagonal.

    Returns
    -------
    float or None
        Balance in :math:`[0, 1]`; ``None`` when there is no triangle (or every
        triangle has product zero, which only a weighted matrix can produce by
        underflow).

    Raises
    ------
    InvalidGraphError
        If ``S`` is not a real, finite, square, symmetric matrix with a zero
        diagonal.

    See Also
    --------
    triad_balance_matrix

    References
    ----------
    .. [1] Cartwright, D., and F. Harary. "Structural Balance: A Generalization
       of Heider's Theory." *Psychological Review* 63, no. 5 (1956): 277-293.
       https://doi.org/10.1037/h0046049

    Examples
    --------
    >>> import numpy as np
    >>> from middlepower.kernels.balance import triad_balance_bruteforce
    >>> S = np.array([[0, 1, 1], [1, 0, -1], [1, -1, 0]])
    >>> triad_balance_bruteforce(S)
    0.0
    """
    balanced = 0.0
    total = 0.0
    for product in _triangle_products(S):
        total += abs(product)
        if product > 0.0:
            balanced += product
    if total == 0.0:
        return None
    return balanced / total


def triad_counts_bruteforce(S: ArrayLike) -> dict[str, int]:
    """Count the triangles by sign type by enumerating every node triple.

    The reference implementation of :func:`triad_counts`.

    Parameters
    ----------
    S : array_like
        Dense symmetric ``n x n`` signed matrix with a zero diagonal. Only the
        signs of the entries are used.

    Returns
    -------
    dict of str to int
        Counts keyed ``"+++"``, ``"++-"``, ``"+--"``, ``"---"``.

    Raises
    ------
    InvalidGraphError
        If ``S`` is not a real, finite, square, symmetric matrix with a zero
        diagonal.

    See Also
    --------
    triad_counts

    Examples
    --------
    >>> import numpy as np
    >>> from middlepower.kernels.balance import triad_counts_bruteforce
    >>> S = np.array([[0, -1, -1], [-1, 0, -1], [-1, -1, 0]])
    >>> triad_counts_bruteforce(S)
    {'+++': 0, '++-': 0, '+--': 0, '---': 1}
    """
    rows = np.sign(_as_signed_matrix(S)).astype(np.int64).tolist()
    n = len(rows)
    counts = dict.fromkeys(TRIAD_TYPES, 0)
    for i in range(n):
        for j in range(i + 1, n):
            if rows[i][j] == 0:
                continue
            for k in range(j + 1, n):
                if rows[i][k] != 0 and rows[j][k] != 0:
                    negatives = (rows[i][j] < 0) + (rows[i][k] < 0) + (rows[j][k] < 0)
                    counts[TRIAD_TYPES[negatives]] += 1
    return counts


def walk_balance_matrix(S: ArrayLike) -> float | None:
    r"""Return the walk-based balance of Estrada and Benzi of a signed matrix.

    Closed walks of every length count, a walk of length :math:`k` weighted by
    :math:`1/k!`; the score is the weight of the balanced (positive) closed
    walks net of the unbalanced ones, relative to all closed walks [1]_:

    .. math::

       W = \frac{\operatorname{tr} e^{S}}{\operatorname{tr} e^{|S|}}
         = \frac{\sum_i e^{\lambda_i(S)}}{\sum_i e^{\lambda_i(|S|)}}

    with :math:`\lambda_i(\cdot)` the eigenvalues. This is the ``"walk"``
    method of signnet's ``balance_score`` (``sum(exp(EigenS)) /
    sum(exp(EigenU))``).

    Parameters
    ----------
    S : array_like
        Dense symmetric ``n x n`` signed matrix with a zero diagonal: signs
        :math:`\pm 1` (unweighted) or signed strengths (weighted), ``0`` where
        there is no edge.

    Returns
    -------
    float or None
        Balance in :math:`(0, 1]`, equal to ``1`` exactly when the signed graph
        is balanced [2]_ [3]_; ``None`` when the graph has no edge.

    Raises
    ------
    InvalidGraphError
        If ``S`` is not a real, finite, square, symmetric matrix with a zero
        diagonal.

    See Also
    --------
    triad_balance_matrix

    Notes
    -----
    The eigenvalues come from :func:`numpy.linalg.eigvalsh`. Both sums are
    multiplied by :math:`e^{-\rho}`, :math:`\rho = \lambda_{\max}(|S|)` (which
    bounds every :math:`|\lambda_i(S)|`), so no exponential overflows on large
    graphs. The result is clipped at ``1`` against rounding. For very large,
    strongly unbalanced graphs the true value can be below the smallest
    float and is then returned as ``0.0``.

    References
    ----------
    .. [1] Estrada, E., and M. Benzi. "Walk-Based Measure of Balance in Signed
       Networks: Detecting Lack of Balance in Social Networks." *Physical
       Review E* 90, no. 4 (2014): 042802.
       https://doi.org/10.1103/PhysRevE.90.042802
    .. [2] Heider, F. "Attitudes and Cognitive Organization." *The Journal of
       Psychology* 21, no. 1 (1946): 107-112.
       https://doi.org/10.1080/00223980.1946.9917275
    .. [3] Cartwright, D., and F. Harary. "Structural Balance: A Generalization
       of Heider's Theory." *Psychological Review* 63, no. 5 (1956): 277-293.
       https://doi.org/10.1037/h0046049

    Examples
    --------
    >>> import numpy as np
    >>> from middlepower.kernels.balance import walk_balance_matrix
    >>> friends = np.array([[0, 1, 1], [1, 0, 1], [1, 1, 0]])
    >>> walk_balance_matrix(friends)
    1.0
    >>> rivals = np.array([[0, 1, 1], [1, 0, -1], [1, -1, 0]])
    >>> round(walk_balance_matrix(rivals), 4)  # (e^-2 + 2e) / (e^2 + 2/e)
    0.6858
    """
    mat = _as_signed_matrix(S)
    if not np.any(mat):
        return None
    signed_eigs = np.linalg.eigvalsh(mat)
    absolute_eigs = np.linalg.eigvalsh(np.abs(mat))
    shift = float(absolute_eigs[-1])
    numerator = float(np.sum(np.exp(signed_eigs - shift)))
    denominator = float(np.sum(np.exp(absolute_eigs - shift)))
    return min(numerator / denominator, 1.0)
